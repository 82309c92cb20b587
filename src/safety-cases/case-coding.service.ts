import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldProblem, InvalidInputError } from '../common/errors';
import { type MeddraCodingTable, MeddraService } from '../meddra/meddra.service';
import type { CaseContent, Reaction } from './case-content';

export interface CodedContent {
  content: CaseContent;
  meddraVersion: string | null;
  hltNamesOfPt: (ptName: string) => string[];
  /** Lenient coding only: the LLT codes left uncoded, by field. */
  warnings: string[];
}

/** What to do with an LLT code that is not a current LLT of the loaded release. */
export type UnknownLltPolicy = 'refuse' | 'keep-uncoded';

/**
 * Codes a version's reactions with the loaded MedDRA release: an LLT code gives its PT and primary SOC; a PT
 * name alone is looked up. With no release loaded, reactions keep their PT name and stay uncoded.
 *
 * An LLT code that is not current in the release is refused on entry (the user can pick another), but kept
 * uncoded with a warning on import (the sender coded with its own MedDRA version; the case must not be lost).
 */
@Injectable()
export class CaseCodingService {
  constructor(private readonly meddra: MeddraService) {}

  async code(manager: EntityManager, content: CaseContent, policy: UnknownLltPolicy = 'refuse'): Promise<CodedContent> {
    return applyCoding(await this.table(manager, [content]), content, policy);
  }

  /** One lookup for a whole batch of contents (null when no dictionary is loaded). */
  async table(manager: EntityManager, contents: readonly CaseContent[]): Promise<MeddraCodingTable | null> {
    const release = await this.meddra.currentRelease(manager);
    if (release === null) {
      return null;
    }
    const reactions = contents.flatMap((c) => c.reactions);
    return this.meddra.codingTable(manager, release, {
      lltCodes: reactions.flatMap((r) => (r.lltCode === null ? [] : [r.lltCode])),
      ptNames: reactions.flatMap((r) => (r.lltCode === null && r.ptName !== null ? [r.ptName] : [])),
    });
  }
}

/** Pure: code one content from a batch's table. */
export function applyCoding(table: MeddraCodingTable | null, content: CaseContent, policy: UnknownLltPolicy): CodedContent {
  if (table === null) {
    return { content, meddraVersion: null, hltNamesOfPt: () => [], warnings: [] };
  }
  const version = table.release.version;
  const problems: FieldProblem[] = [];
  const warnings: string[] = [];
  const reactions: Reaction[] = [];
  const hlts = new Map<string, string[]>();
  for (const [index, reaction] of content.reactions.entries()) {
    const coding = reaction.lltCode !== null ? table.byLlt.get(reaction.lltCode) : reaction.ptName !== null ? table.byPtName.get(reaction.ptName.trim().toLowerCase()) : undefined;
    if (reaction.lltCode !== null && coding === undefined) {
      const problem = `${reaction.lltCode} is not a current LLT of MedDRA ${version}`;
      if (policy === 'refuse') {
        problems.push({ field: `reactions[${index}].lltCode`, problem });
      } else {
        warnings.push(`reactions[${index}].lltCode ${problem}: kept uncoded ("${reaction.reportedTerm}")`);
        reactions.push(reaction);
      }
      continue;
    }
    if (coding === undefined) {
      reactions.push(reaction);
      continue;
    }
    reactions.push({ ...reaction, lltCode: coding.lltCode, lltName: coding.lltName, ptCode: coding.ptCode, ptName: coding.ptName, socName: coding.socName, meddraVersion: version });
    hlts.set(coding.ptName.toLowerCase(), table.hltsByPt.get(coding.ptCode) ?? []);
  }
  if (problems.length > 0) {
    throw new InvalidInputError(problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems);
  }
  return { content: { ...content, reactions }, meddraVersion: version, hltNamesOfPt: (ptName) => hlts.get(ptName.toLowerCase()) ?? [], warnings };
}
