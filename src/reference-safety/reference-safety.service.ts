import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, ProductScope } from '../common/actor';
import { IsoDate } from '../common/calendar-date';
import { ConflictError, FieldProblem, InvalidInputError, NotFoundError } from '../common/errors';
import { FrequencyTrigger } from '../frequencies/frequency-trigger';
import { ProductsService } from '../products/products.service';
import { CreateReferenceSafetyDto } from './dto/reference-safety.dto';
import { ReferenceSafetyInfoEntity, ReferenceSafetyTermEntity } from './reference-safety.entities';
import { BAND_LIMITS, ReferenceSafetyInformation, ReferenceTerm, STATED_OUTCOMES } from './reference-terms';

function toTerm(row: ReferenceSafetyTermEntity): ReferenceTerm {
  return {
    term: row.term,
    kind: row.kind,
    ptNames: row.ptNames,
    hltNames: row.hltNames,
    frequencyBand: row.frequencyBand,
    statedRatePercent: row.statedRatePercent === null ? null : Number(row.statedRatePercent),
    rateDenominator: row.rateDenominator,
    denominatorNote: row.denominatorNote,
    fatalOutcomeListed: row.fatalOutcomeListed,
    maxSeverity: row.maxSeverity,
    outcome: row.outcome,
    lateOnset: row.lateOnset,
    note: row.note,
  };
}

export interface ReferenceSafetyVersion extends ReferenceSafetyInformation {
  note: string | null;
  /** The day the next version took over (exclusive), null for the version in force. */
  effectiveUntil: IsoDate | null;
  createdBy: string;
  createdAt: Date;
}

/** Versions of each product's reference safety information: append-only, one in force on any day. */
@Injectable()
export class ReferenceSafetyService {
  constructor(
    private readonly audit: AuditService,
    private readonly products: ProductsService,
    private readonly frequencies: FrequencyTrigger,
  ) {}

  async versions(manager: EntityManager, productIdOrName: string, scope: ProductScope): Promise<ReferenceSafetyVersion[]> {
    const product = await this.products.get(manager, productIdOrName, scope);
    const infos = await manager.find(ReferenceSafetyInfoEntity, { where: { productId: product.id }, order: { effectiveFrom: 'ASC' } });
    return this.withTerms(manager, infos);
  }

  async get(manager: EntityManager, id: string, scope: ProductScope): Promise<ReferenceSafetyVersion> {
    const found = await this.find(manager, id, scope);
    if (found === null) {
      throw new NotFoundError('reference safety information', id);
    }
    return found;
  }

  private async find(manager: EntityManager, id: string, scope: ProductScope): Promise<ReferenceSafetyVersion | null> {
    const info = await manager.findOneBy(ReferenceSafetyInfoEntity, { id });
    if (info === null) {
      throw new NotFoundError('reference safety information', id);
    }
    await this.products.get(manager, info.productId, scope);
    const all = await manager.find(ReferenceSafetyInfoEntity, { where: { productId: info.productId }, order: { effectiveFrom: 'ASC' } });
    return (await this.withTerms(manager, [info], all))[0] ?? null;
  }

  /** The version in force on a day (the latest effective on or before it), or null before the first one. */
  async inForceOn(manager: EntityManager, productId: string, day: IsoDate): Promise<ReferenceSafetyVersion | null> {
    const info = await manager
      .getRepository(ReferenceSafetyInfoEntity)
      .createQueryBuilder('r')
      .where('r.product_id = :productId AND r.effective_from <= :day', { productId, day })
      .orderBy('r.effective_from', 'DESC')
      .limit(1)
      .getOne();
    if (info === null) {
      return null;
    }
    const all = await manager.find(ReferenceSafetyInfoEntity, { where: { productId }, order: { effectiveFrom: 'ASC' } });
    return (await this.withTerms(manager, [info], all))[0] ?? null;
  }

  async create(manager: EntityManager, actor: Actor, productIdOrName: string, input: CreateReferenceSafetyDto): Promise<ReferenceSafetyVersion> {
    const product = await this.products.get(manager, productIdOrName, actor.scope);
    checkTerms(input);
    // One writer at a time per product: versions are numbered without gaps.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reference-safety:${product.id}`]);
    const clash = await manager.findOneBy(ReferenceSafetyInfoEntity, { productId: product.id, effectiveFrom: input.effectiveFrom });
    if (clash !== null) {
      throw new ConflictError('RSI_EFFECTIVE_DATE_TAKEN', `Version ${clash.version} of ${product.name}'s reference safety information already takes effect on ${input.effectiveFrom}`, { field: 'effectiveFrom' });
    }
    const [row] = await manager.query<{ next: number }[]>('SELECT COALESCE(max(version), 0) + 1 AS next FROM reference_safety_info WHERE product_id = $1', [product.id]);
    const next = row?.next ?? 1;
    const info = manager.create(ReferenceSafetyInfoEntity, {
      productId: product.id,
      version: next,
      document: input.document,
      effectiveFrom: input.effectiveFrom,
      complete: input.complete,
      note: input.note ?? null,
      createdBy: actor.id,
    });
    await manager.insert(ReferenceSafetyInfoEntity, info);
    await manager.insert(
      ReferenceSafetyTermEntity,
      input.terms.map((t, position) => ({
        rsiId: info.id,
        position,
        term: t.term.trim(),
        kind: t.kind ?? 'reaction',
        ptNames: t.ptNames ?? ((t.kind ?? 'reaction') === 'reaction' && (t.hltNames ?? []).length === 0 ? [t.term.trim()] : []),
        hltNames: t.hltNames ?? [],
        frequencyBand: t.frequencyBand ?? null,
        statedRatePercent: t.statedRatePercent === undefined ? null : String(t.statedRatePercent),
        rateDenominator: t.rateDenominator ?? null,
        denominatorNote: t.denominatorNote ?? null,
        fatalOutcomeListed: t.fatalOutcomeListed ?? false,
        maxSeverity: t.maxSeverity ?? null,
        outcome: t.outcome ?? null,
        lateOnset: t.lateOnset ?? false,
        note: t.note ?? null,
      })),
    );
    const created = await this.get(manager, info.id, actor.scope);
    await this.audit.record(manager, actor, {
      entityType: 'reference-safety-info',
      entityId: info.id,
      productId: product.id,
      action: 'create',
      after: { version: created.version, document: created.document, effectiveFrom: created.effectiveFrom, complete: created.complete, terms: created.terms },
    });
    this.frequencies.changed(manager, product.id);
    return created;
  }

  private async withTerms(manager: EntityManager, infos: ReferenceSafetyInfoEntity[], all: ReferenceSafetyInfoEntity[] = infos): Promise<ReferenceSafetyVersion[]> {
    if (infos.length === 0) {
      return [];
    }
    const terms = await manager
      .getRepository(ReferenceSafetyTermEntity)
      .createQueryBuilder('t')
      .where('t.rsi_id IN (:...ids)', { ids: infos.map((i) => i.id) })
      .orderBy('t.position', 'ASC')
      .getMany();
    return infos.map((info) => {
      const later = all.filter((other) => other.effectiveFrom > info.effectiveFrom);
      return {
        id: info.id,
        productId: info.productId,
        version: info.version,
        document: info.document,
        effectiveFrom: info.effectiveFrom,
        effectiveUntil: later[0]?.effectiveFrom ?? null,
        complete: info.complete,
        note: info.note,
        createdBy: info.createdBy,
        createdAt: info.createdAt,
        terms: terms.filter((t) => t.rsiId === info.id).map(toTerm),
      };
    });
  }
}


/**
 * Term names unique (case-insensitive); an outcome lists no PTs; a stated rate given with a band must fall in
 * it. A PT may sit under two terms (SmPCs list both "infections" and "pneumonia"): expectedness takes either.
 */
function checkTerms(input: CreateReferenceSafetyDto): void {
  const problems: FieldProblem[] = [];
  const names = new Map<string, number>();
  input.terms.forEach((t, index) => {
    const name = t.term.trim().toLowerCase();
    if (names.has(name)) {
      problems.push({ field: `terms[${index}].term`, problem: `"${t.term}" is listed twice (also terms[${names.get(name)}])` });
    }
    names.set(name, index);
    if (t.kind === 'outcome' && (t.ptNames ?? []).length + (t.hltNames ?? []).length > 0) {
      problems.push({ field: `terms[${index}].ptNames`, problem: 'an outcome across reactions lists no PTs' });
    }
    if (t.kind === 'outcome' && t.outcome === undefined) {
      problems.push({ field: `terms[${index}].outcome`, problem: `an outcome rate must say which outcome it counts: one of ${STATED_OUTCOMES.join(', ')}` });
    }
    if (t.kind !== 'outcome' && t.outcome !== undefined) {
      problems.push({ field: `terms[${index}].outcome`, problem: 'only an outcome term (kind "outcome") counts an outcome' });
    }
    if (t.frequencyBand !== undefined && t.statedRatePercent !== undefined) {
      const range = t.frequencyBand === 'not-known' ? null : BAND_LIMITS[t.frequencyBand];
      const percent = t.statedRatePercent / 100;
      if (range === null || percent < range.lower || (range.upper !== null && percent >= range.upper)) {
        problems.push({ field: `terms[${index}].statedRatePercent`, problem: `${t.statedRatePercent}% does not fall in the band ${t.frequencyBand}` });
      }
    }
    if (t.rateDenominator !== undefined && t.statedRatePercent === undefined && t.frequencyBand === undefined) {
      problems.push({ field: `terms[${index}].rateDenominator`, problem: 'a denominator needs a band or a stated rate' });
    }
  });
  if (problems.length > 0) {
    throw new InvalidInputError(`The reference safety information has ${problems.length} problem(s): ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`, problems);
  }
}
