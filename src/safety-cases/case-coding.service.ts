import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldProblem, InvalidInputError } from '../common/errors';
import { MeddraService } from '../meddra/meddra.service';
import type { CaseContent, Reaction } from './case-content';

export interface CodedContent {
  content: CaseContent;
  meddraVersion: string | null;
  hltNamesOfPt: (ptName: string) => string[];
}

/**
 * Codes a version's reactions with the loaded MedDRA release: an LLT code gives its PT and primary SOC; a PT
 * name alone is looked up. With no release loaded, reactions keep their PT name and stay uncoded.
 */
@Injectable()
export class CaseCodingService {
  constructor(private readonly meddra: MeddraService) {}

  async code(manager: EntityManager, content: CaseContent): Promise<CodedContent> {
    const release = await this.meddra.currentRelease(manager);
    if (release === null) {
      return { content, meddraVersion: null, hltNamesOfPt: () => [] };
    }
    const problems: FieldProblem[] = [];
    const reactions: Reaction[] = [];
    for (const [index, reaction] of content.reactions.entries()) {
      const coding =
        reaction.lltCode !== null
          ? await this.meddra.codeLlt(manager, reaction.lltCode, { version: release.version })
          : reaction.ptName !== null
            ? await this.meddra.ptByName(manager, reaction.ptName, { version: release.version })
            : null;
      if (reaction.lltCode !== null && coding === null) {
        problems.push({ field: `reactions[${index}].lltCode`, problem: `${reaction.lltCode} is not a current LLT of MedDRA ${release.version}` });
        continue;
      }
      reactions.push(
        coding === null
          ? reaction
          : { ...reaction, lltCode: coding.lltCode, lltName: coding.lltName, ptCode: coding.ptCode, ptName: coding.ptName, socName: coding.socName, meddraVersion: release.version },
      );
    }
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems);
    }
    const hlts = new Map<string, string[]>();
    for (const reaction of reactions) {
      if (reaction.ptCode !== null && reaction.ptName !== null) {
        hlts.set(reaction.ptName.toLowerCase(), await this.meddra.hltNamesOfPt(manager, reaction.ptCode, { version: release.version }));
      }
    }
    return { content: { ...content, reactions }, meddraVersion: release.version, hltNamesOfPt: (ptName) => hlts.get(ptName.toLowerCase()) ?? [] };
  }
}
