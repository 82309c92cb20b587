import { FrequencyTrigger } from '../frequencies/frequency-trigger';
import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, inScope } from '../common/actor';
import { Clock } from '../common/clock';
import { compareDates, type IsoDate } from '../common/calendar-date';
import { InvalidInputError, NotFoundError } from '../common/errors';
import type { ClosureDay } from '../deadlines/engine/derived-date';
import { ReferenceDataService } from '../deadlines/reference-data.service';
import { Product } from '../products/product.entity';
import { ProductsService } from '../products/products.service';
import { ReferenceSafetyService, type ReferenceSafetyVersion } from '../reference-safety/reference-safety.service';
import { assessCase } from './case-assessment';
import type { CaseContent, VersionType } from './case-content';
import { diffContents } from './case-diff';
import { resolveDrugProducts } from './drug-products';
import type { ClockPlan } from './case-clock-plan';
import { applyCoding, CaseCodingService, type CodedContent, type UnknownLltPolicy } from './case-coding.service';
import { normaliseContent } from './case-intake';
import { CaseContentDto, CaseVersionDto, CreateCaseDto, ExpectednessOverrideDto, NullifyCaseDto } from './dto/case-content.dto';
import { CaseClock, SafetyCase, SafetyCaseVersion } from './safety-case.entities';
import { caseNullified, followUpGoesBack, receiptDateChanged, worldwideIdTaken } from './safety-cases.errors';

export interface IntakeOptions {
  /** Demo and bulk loaders give their own report ids; the API never does. */
  safetyReportId?: string;
  synthetic?: boolean;
  /** An E2B import of a case downloaded from EudraVigilance: no reporting clock, never re-submitted. */
  fromEudraVigilance?: boolean;
  /** Imports keep an LLT code the loaded MedDRA release does not know, uncoded with a warning; entry refuses it. */
  codingPolicy?: UnknownLltPolicy;
}

/**
 * The write side of the case database: intake, follow-up, amendment, nullification and expectedness
 * overrides. Every change is a new version with its assessment, clock and audit row in one transaction.
 */
@Injectable()
export class SafetyCasesService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly products: ProductsService,
    private readonly rsi: ReferenceSafetyService,
    private readonly coding: CaseCodingService,
    private readonly referenceData: ReferenceDataService,
    private readonly frequencies: FrequencyTrigger,
  ) {}

  async getCase(manager: EntityManager, idOrReportId: string, actor: Pick<Actor, 'scope'>, lock = false): Promise<SafetyCase> {
    const where = isUUID(idOrReportId, 'all') ? { id: idOrReportId } : { safetyReportId: idOrReportId };
    const found = await manager.findOne(SafetyCase, { where, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    // A case of an unregistered product is visible to accounts that see every product only.
    if (found === null || (found.productId === null ? actor.scope !== null : !inScope(actor.scope, found.productId))) {
      throw new NotFoundError('safety case', idOrReportId);
    }
    return found;
  }

  async create(manager: EntityManager, actor: Actor, input: CreateCaseDto, options: IntakeOptions = {}): Promise<{ safetyCase: SafetyCase; version: SafetyCaseVersion }> {
    const product = await this.products.get(manager, input.product, actor.scope);
    return this.createFor(manager, actor, { product, reportedProduct: null }, input, options);
  }

  /**
   * A new case for a registered product, or (imports) for a product as reported that is not registered:
   * kept, shown with the reported name, linkable later.
   */
  async createFor(
    manager: EntityManager,
    actor: Actor,
    target: { product: Product | null; reportedProduct: string | null },
    input: CaseContentDto & { worldwideId?: string },
    options: IntakeOptions = {},
  ): Promise<{ safetyCase: SafetyCase; version: SafetyCaseVersion }> {
    const content = normaliseContent(input, { today: this.clock.today(), synthetic: options.synthetic ?? false });
    await resolveDrugProducts(manager, [content]);
    const [{ n } = { n: '0' }] = await manager.query<{ n: string }[]>(`SELECT nextval('safety_report_number') AS n`);
    const country = content.reporters.find((r) => r.primarySource)?.country ?? 'XX';
    const safetyReportId = options.safetyReportId ?? `${country}-PVT-${content.initialReceiptOn.slice(0, 4)}-${n.padStart(6, '0')}`;
    const worldwideId = input.worldwideId ?? safetyReportId;
    const taken = await manager.findOneBy(SafetyCase, { worldwideId });
    if (taken !== null) {
      throw worldwideIdTaken(worldwideId, taken.safetyReportId);
    }
    const safetyCase = newCase(manager, actor, target, content, safetyReportId, worldwideId, options);
    await manager.insert(SafetyCase, safetyCase);
    const version = await this.commitVersion(manager, actor, safetyCase, null, 'initial', content, null, target.product, options.codingPolicy);
    return { safetyCase, version };
  }

  async addVersion(manager: EntityManager, actor: Actor, caseId: string, input: CaseVersionDto, options: Pick<IntakeOptions, 'synthetic' | 'codingPolicy'> = {}): Promise<{ safetyCase: SafetyCase; version: SafetyCaseVersion }> {
    const safetyCase = await this.getCase(manager, caseId, actor, true);
    if (safetyCase.status === 'nullified') {
      throw caseNullified(safetyCase.safetyReportId);
    }
    const previous = await this.currentVersion(manager, safetyCase);
    if (input.type === 'amendment' && input.reason === undefined) {
      throw InvalidInputError.field('reason', 'is required for an amendment: say what is corrected and why');
    }
    if (input.type === 'follow-up' && input.day0 === undefined) {
      throw InvalidInputError.field('day0', 'is required for a follow-up: the day the new information was received');
    }
    const content = this.carryForward(previous.content, normaliseContent(input, { today: this.clock.today(), defaultDay0: previous.day0, synthetic: (options.synthetic ?? false) || previous.content.synthetic }));
    if (input.type === 'follow-up') {
      if (compareDates(content.day0, safetyCase.latestDay0) < 0) {
        throw followUpGoesBack(content.day0, safetyCase.latestDay0);
      }
      if (content.initialReceiptOn !== safetyCase.initialReceiptOn) {
        throw receiptDateChanged(content.initialReceiptOn, safetyCase.initialReceiptOn);
      }
    }
    await resolveDrugProducts(manager, [content]);
    const version = await this.commitVersion(manager, actor, safetyCase, previous, input.type, content, input.reason ?? null, undefined, options.codingPolicy);
    return { safetyCase, version };
  }

  async nullify(manager: EntityManager, actor: Actor, caseId: string, input: NullifyCaseDto): Promise<{ safetyCase: SafetyCase; version: SafetyCaseVersion }> {
    const safetyCase = await this.getCase(manager, caseId, actor, true);
    const previous = await this.currentVersion(manager, safetyCase);
    // A nullification takes effect the day it is recorded: listings as at an earlier data lock point still show the case.
    const today = this.clock.today();
    const day0 = compareDates(today, previous.day0) > 0 ? today : previous.day0;
    const content: CaseContent = { ...previous.content, day0, nullificationReason: input.reason };
    const version = await this.commitVersion(manager, actor, safetyCase, previous, 'nullification', content, input.reason);
    return { safetyCase, version };
  }

  /** A manual expectedness decision is an amendment of the company's assessment: a new version, no new clock. */
  async overrideExpectedness(manager: EntityManager, actor: Actor, caseId: string, input: ExpectednessOverrideDto): Promise<{ safetyCase: SafetyCase; version: SafetyCaseVersion }> {
    const safetyCase = await this.getCase(manager, caseId, actor, true);
    const previous = await this.currentVersion(manager, safetyCase);
    if (!previous.content.reactions.some((r) => r.key === input.reactionKey)) {
      throw InvalidInputError.field('reactionKey', `"${input.reactionKey}" is not a reaction of case ${safetyCase.safetyReportId} (${previous.content.reactions.map((r) => r.key).join(', ')})`);
    }
    const overrides = [...previous.content.expectednessOverrides.filter((o) => o.reactionKey !== input.reactionKey), { reactionKey: input.reactionKey, expected: input.expected, reason: input.reason, by: actor.id }];
    const content: CaseContent = { ...previous.content, expectednessOverrides: overrides };
    const reason = `expectedness of ${input.reactionKey} set to ${input.expected ? 'expected' : 'unexpected'}: ${input.reason}`;
    const version = await this.commitVersion(manager, actor, safetyCase, previous, 'amendment', content, reason);
    return { safetyCase, version };
  }

  async currentVersion(manager: EntityManager, safetyCase: SafetyCase): Promise<SafetyCaseVersion> {
    const version = await manager.findOneBy(SafetyCaseVersion, { caseId: safetyCase.id, version: safetyCase.currentVersion });
    if (version === null) {
      throw new NotFoundError('safety case version', `${safetyCase.safetyReportId} v${safetyCase.currentVersion}`);
    }
    return version;
  }

  /** Overrides made earlier stay with the reactions they were made for (the sender does not resend them). */
  private carryForward(previous: CaseContent, next: CaseContent): CaseContent {
    const keys = new Set(next.reactions.map((r) => r.key));
    return { ...next, expectednessOverrides: previous.expectednessOverrides.filter((o) => keys.has(o.reactionKey)) };
  }

  private async commitVersion(
    manager: EntityManager,
    actor: Actor,
    safetyCase: SafetyCase,
    previous: SafetyCaseVersion | null,
    versionType: VersionType,
    raw: CaseContent,
    reason: string | null,
    knownProduct?: Product | null,
    codingPolicy: UnknownLltPolicy = 'refuse',
  ): Promise<SafetyCaseVersion> {
    if (safetyCase.status === 'nullified') {
      throw caseNullified(safetyCase.safetyReportId);
    }
    const product = knownProduct !== undefined ? knownProduct : safetyCase.productId === null ? null : await this.products.get(manager, safetyCase.productId, null);
    const coded = await this.coding.code(manager, raw, codingPolicy);
    const grounds: VersionGrounds = {
      product,
      coded,
      rsi: product === null ? null : await this.rsi.inForceOn(manager, product.id, coded.content.day0),
      openClocks: await manager.find(CaseClock, { where: { caseId: safetyCase.id, status: 'open' }, order: { version: 'ASC' } }),
      closures: await this.referenceData.closures(manager),
      today: this.clock.today(),
    };
    const before = { ...safetyCase };
    const composed = composeVersion(manager, actor, safetyCase, previous, versionType, grounds, reason);
    await manager.insert(SafetyCaseVersion, composed.version);
    await manager.save(SafetyCase, safetyCase);

    for (const { clock, status } of composed.closes) {
      const was = { ...clock };
      clock.status = status;
      clock.closedReason = (status === 'superseded' ? composed.plan.supersede : composed.plan.cancel)?.reason ?? null;
      clock.updatedAt = new Date();
      await manager.save(CaseClock, clock);
      await this.audit.record(manager, actor, { entityType: 'case-clock', entityId: clock.id, productId: product?.id ?? null, action: `status:${status}`, before: was, after: clock, reason: clock.closedReason });
    }
    if (composed.clock !== null) {
      await manager.insert(CaseClock, composed.clock);
      await this.audit.record(manager, actor, { entityType: 'case-clock', entityId: composed.clock.id, productId: product?.id ?? null, action: 'create', after: composed.clock });
    }
    await this.audit.record(manager, actor, {
      entityType: 'safety-case',
      entityId: safetyCase.id,
      productId: product?.id ?? null,
      action: `version:${versionType}`,
      before: previous === null ? null : { case: before, version: previous.version },
      after: { case: safetyCase, version: composed.version.version, day0: composed.version.day0, changes: diffContents(previous?.content ?? null, composed.version.content), clock: composed.plan.clock, noClock: composed.plan.noClock },
      reason,
    });
    if (product !== null) {
      this.frequencies.changed(manager, product.id);
    }
    return composed.version;
  }

  /**
   * Bulk intake (E2B import): many new cases in a few statements — one lookup each for products, MedDRA and
   * report numbers, one multi-row INSERT each for cases, versions and clocks. The assessment is the same
   * pure composeVersion as one case at a time. No audit row per case: the caller writes one per batch
   * (AuditService.recordBatch, with the file's checksum) in the same transaction.
   */
  async createMany(manager: EntityManager, actor: Actor, items: readonly BulkIntakeItem[], cache: BulkIntakeCache): Promise<{ safetyCase: SafetyCase; version: SafetyCaseVersion; warnings: string[] }[]> {
    if (items.length === 0) {
      return [];
    }
    const today = this.clock.today();
    const contents = items.map((item) => normaliseContent(item.input, { today, synthetic: item.options.synthetic ?? false }));
    await resolveDrugProducts(manager, contents);
    const worldwideIds = items.flatMap((item) => item.input.worldwideId ?? item.options.safetyReportId ?? []);
    const [taken] = await manager.query<{ worldwide_id: string; safety_report_id: string }[]>('SELECT worldwide_id, safety_report_id FROM safety_case WHERE worldwide_id = ANY($1::text[]) LIMIT 1', [worldwideIds]);
    if (taken !== undefined) {
      throw worldwideIdTaken(taken.worldwide_id, taken.safety_report_id);
    }
    const numbers = await manager.query<{ n: string }[]>(`SELECT nextval('safety_report_number')::text AS n FROM generate_series(1, $1::integer)`, [items.length]);
    const table = await this.coding.table(manager, contents);
    cache.closures ??= await this.referenceData.closures(manager);
    const results: { safetyCase: SafetyCase; version: SafetyCaseVersion; warnings: string[] }[] = [];
    const clocks: CaseClock[] = [];
    for (const [i, item] of items.entries()) {
      const content = contents[i] as CaseContent;
      const { product } = item.target;
      const country = content.reporters.find((r) => r.primarySource)?.country ?? 'XX';
      const safetyReportId = item.options.safetyReportId ?? `${country}-PVT-${content.initialReceiptOn.slice(0, 4)}-${(numbers[i]?.n ?? '0').padStart(6, '0')}`;
      const safetyCase = newCase(manager, actor, item.target, content, safetyReportId, item.input.worldwideId ?? safetyReportId, item.options);
      safetyCase.id = randomUUID();
      const coded = applyCoding(table, content, item.options.codingPolicy ?? 'refuse');
      const rsi = product === null ? null : inForce(await cache.rsiOf(product.id, () => this.rsi.versions(manager, product.id, null)), coded.content.day0);
      const composed = composeVersion(manager, actor, safetyCase, null, 'initial', { product, coded, rsi, openClocks: [], closures: cache.closures, today: this.clock.today() }, null);
      if (composed.clock !== null) {
        clocks.push(composed.clock);
      }
      results.push({ safetyCase, version: composed.version, warnings: coded.warnings });
    }
    await manager.insert(SafetyCase, results.map((r) => r.safetyCase));
    await manager.insert(SafetyCaseVersion, results.map((r) => r.version));
    if (clocks.length > 0) {
      await manager.insert(CaseClock, clocks);
    }
    for (const productId of new Set(results.map((r) => r.safetyCase.productId))) {
      if (productId !== null) {
        this.frequencies.changed(manager, productId);
      }
    }
    return results;
  }
}

/** One new case of a bulk intake. */
export interface BulkIntakeItem {
  target: { product: Product | null; reportedProduct: string | null };
  input: CaseContentDto & { worldwideId?: string };
  options: IntakeOptions;
}

/** What a bulk intake reads once and reuses across its batches (one import run). */
export class BulkIntakeCache {
  closures?: ClosureDay[];
  private readonly rsi = new Map<string, Promise<ReferenceSafetyVersion[]>>();

  rsiOf(productId: string, load: () => Promise<ReferenceSafetyVersion[]>): Promise<ReferenceSafetyVersion[]> {
    let found = this.rsi.get(productId);
    if (found === undefined) {
      found = load();
      this.rsi.set(productId, found);
    }
    return found;
  }
}

/** The version of a product's reference safety information in force on a day (versions sorted by effective date). */
function inForce(versions: readonly ReferenceSafetyVersion[], day: IsoDate): ReferenceSafetyVersion | null {
  return versions.filter((v) => compareDates(v.effectiveFrom, day) <= 0).at(-1) ?? null;
}

/** Everything a version is assessed against. */
interface VersionGrounds {
  product: Product | null;
  coded: CodedContent;
  rsi: ReferenceSafetyVersion | null;
  openClocks: CaseClock[];
  closures: readonly ClosureDay[];
  /** Today (the Clock's business day): the day the version is recorded. */
  today: IsoDate;
}

function newCase(
  manager: EntityManager,
  actor: Actor,
  target: { product: Product | null; reportedProduct: string | null },
  content: CaseContent,
  safetyReportId: string,
  worldwideId: string,
  options: IntakeOptions,
): SafetyCase {
  return manager.create(SafetyCase, {
    productId: target.product?.id ?? null,
    reportedProduct: target.product === null ? (target.reportedProduct ?? 'unknown') : null,
    safetyReportId,
    worldwideId,
    currentVersion: 0,
    currentType: 'initial',
    reportType: content.reportType,
    status: 'incomplete',
    serious: false,
    seriousUnexpected: false,
    primaryCountry: null,
    initialReceiptOn: content.initialReceiptOn,
    latestDay0: content.day0,
    masterCaseId: null,
    synthetic: content.synthetic,
    fromEudravigilance: options.fromEudraVigilance ?? false,
    createdBy: actor.id,
  });
}

/**
 * The assessment of one version and what it changes: the version row, the case's new summary (applied to
 * `safetyCase`), the clock it opens and the open clocks it closes. No I/O.
 */
function composeVersion(
  manager: EntityManager,
  actor: Actor,
  safetyCase: SafetyCase,
  previous: SafetyCaseVersion | null,
  versionType: VersionType,
  grounds: VersionGrounds,
  reason: string | null,
): { version: SafetyCaseVersion; plan: ClockPlan; clock: CaseClock | null; closes: { clock: CaseClock; status: 'superseded' | 'cancelled' }[] } {
  const { product, coded, rsi, openClocks } = grounds;
  const content = coded.content;
  const { assessment, plan } = assessCase({
    versionType,
    content,
    rsi,
    hltNamesOfPt: coded.hltNamesOfPt,
    meddraVersion: coded.meddraVersion,
    previousSerious: previous?.assessment.seriousness.serious ?? null,
    openClocks: openClocks.map((c) => ({ version: c.version, dueOn: c.dueOn })),
    closures: grounds.closures,
    fromEudraVigilance: safetyCase.fromEudravigilance,
  });
  const number = (previous?.version ?? 0) + 1;
  const version = manager.create(SafetyCaseVersion, { caseId: safetyCase.id, version: number, versionType, day0: content.day0, content, assessment, rsiId: rsi?.id ?? null, reason, createdBy: actor.id, recordedOn: grounds.today });

  safetyCase.currentVersion = number;
  safetyCase.currentType = versionType;
  safetyCase.reportType = content.reportType;
  safetyCase.status = versionType === 'nullification' ? 'nullified' : assessment.validity.valid ? 'valid' : 'incomplete';
  safetyCase.serious = assessment.seriousness.serious;
  safetyCase.seriousUnexpected = assessment.seriousUnexpected;
  safetyCase.primaryCountry = assessment.primarySourceCountry;
  safetyCase.initialReceiptOn = content.initialReceiptOn;
  safetyCase.latestDay0 = compareDates(content.day0, safetyCase.latestDay0) > 0 ? content.day0 : safetyCase.latestDay0;
  safetyCase.updatedAt = new Date();

  const closes: { clock: CaseClock; status: 'superseded' | 'cancelled' }[] = [];
  for (const clock of openClocks) {
    if (plan.supersede?.versions.includes(clock.version) === true) {
      closes.push({ clock, status: 'superseded' });
    } else if (plan.cancel?.versions.includes(clock.version) === true) {
      closes.push({ clock, status: 'cancelled' });
    }
  }
  const clock =
    plan.clock === null
      ? null
      : manager.create(CaseClock, {
          id: randomUUID(),
          caseId: safetyCase.id,
          productId: product?.id ?? null,
          version: number,
          day0: content.day0,
          dueOn: plan.clock.dueOn,
          days: plan.clock.days,
          ruleId: plan.clock.ruleId,
          ruleSource: plan.clock.ruleSource,
          explanation: plan.clock.explanation,
          status: 'open',
        });
  return { version, plan, clock, closes };
}
