import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, inScope } from '../common/actor';
import { Clock } from '../common/clock';
import { compareDates } from '../common/calendar-date';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { ReferenceDataService } from '../deadlines/reference-data.service';
import { Product } from '../products/product.entity';
import { ProductsService } from '../products/products.service';
import { ReferenceSafetyService } from '../reference-safety/reference-safety.service';
import { assessCase } from './case-assessment';
import type { CaseContent, VersionType } from './case-content';
import { diffContents } from './case-diff';
import { CaseCodingService } from './case-coding.service';
import { normaliseContent } from './case-intake';
import { CaseContentDto, CaseVersionDto, CreateCaseDto, ExpectednessOverrideDto, NullifyCaseDto } from './dto/case-content.dto';
import { CaseClock, SafetyCase, SafetyCaseVersion } from './safety-case.entities';
import { caseNullified, followUpGoesBack, receiptDateChanged, worldwideIdTaken } from './safety-cases.errors';

export interface IntakeOptions {
  /** Demo and bulk loaders give their own report ids; the API never does. */
  safetyReportId?: string;
  synthetic?: boolean;
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
    const { product } = target;
    const content = normaliseContent(input, { today: this.clock.today(), synthetic: options.synthetic ?? false });
    await this.checkDrugProducts(manager, content);
    const [{ n } = { n: '0' }] = await manager.query<{ n: string }[]>(`SELECT nextval('safety_report_number') AS n`);
    const country = content.reporters.find((r) => r.primarySource)?.country ?? 'XX';
    const safetyReportId = options.safetyReportId ?? `${country}-PVT-${content.initialReceiptOn.slice(0, 4)}-${n.padStart(6, '0')}`;
    const worldwideId = input.worldwideId ?? safetyReportId;
    const taken = await manager.findOneBy(SafetyCase, { worldwideId });
    if (taken !== null) {
      throw worldwideIdTaken(worldwideId, taken.safetyReportId);
    }
    const safetyCase = manager.create(SafetyCase, {
      productId: product?.id ?? null,
      reportedProduct: product === null ? (target.reportedProduct ?? 'unknown') : null,
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
      createdBy: actor.id,
    });
    await manager.insert(SafetyCase, safetyCase);
    const version = await this.commitVersion(manager, actor, safetyCase, null, 'initial', content, null, product);
    return { safetyCase, version };
  }

  async addVersion(manager: EntityManager, actor: Actor, caseId: string, input: CaseVersionDto, synthetic = false): Promise<{ safetyCase: SafetyCase; version: SafetyCaseVersion }> {
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
    const content = this.carryForward(previous.content, normaliseContent(input, { today: this.clock.today(), defaultDay0: previous.day0, synthetic: synthetic || previous.content.synthetic }));
    if (input.type === 'follow-up') {
      if (compareDates(content.day0, safetyCase.latestDay0) < 0) {
        throw followUpGoesBack(content.day0, safetyCase.latestDay0);
      }
      if (content.initialReceiptOn !== safetyCase.initialReceiptOn) {
        throw receiptDateChanged(content.initialReceiptOn, safetyCase.initialReceiptOn);
      }
    }
    await this.checkDrugProducts(manager, content);
    const version = await this.commitVersion(manager, actor, safetyCase, previous, input.type, content, input.reason ?? null);
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

  private async checkDrugProducts(manager: EntityManager, content: CaseContent): Promise<void> {
    const ids = content.drugs.map((d, index) => ({ id: d.productId, index })).filter((d): d is { id: string; index: number } => d.id !== null);
    const bad = ids.find((d) => !isUUID(d.id, 'all'));
    if (bad !== undefined) {
      throw InvalidInputError.field(`drugs[${bad.index}].productId`, `"${bad.id}" is not a product id (a UUID)`);
    }
    if (ids.length === 0) {
      return;
    }
    const known = new Set((await manager.findBy(Product, { id: In(ids.map((d) => d.id)) })).map((p) => p.id));
    const unknown = ids.find((d) => !known.has(d.id));
    if (unknown !== undefined) {
      throw InvalidInputError.field(`drugs[${unknown.index}].productId`, `product ${unknown.id} does not exist`);
    }
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
  ): Promise<SafetyCaseVersion> {
    if (safetyCase.status === 'nullified') {
      throw caseNullified(safetyCase.safetyReportId);
    }
    const product = knownProduct !== undefined ? knownProduct : safetyCase.productId === null ? null : await this.products.get(manager, safetyCase.productId, null);
    const coded = await this.coding.code(manager, raw);
    const content = coded.content;
    const rsi = product === null ? null : await this.rsi.inForceOn(manager, product.id, content.day0);
    const openClocks = await manager.find(CaseClock, { where: { caseId: safetyCase.id, status: 'open' }, order: { version: 'ASC' } });
    const { assessment, plan } = assessCase({
      versionType,
      content,
      rsi,
      hltNamesOfPt: coded.hltNamesOfPt,
      meddraVersion: coded.meddraVersion,
      previousSerious: previous?.assessment.seriousness.serious ?? null,
      openClocks: openClocks.map((c) => ({ version: c.version, dueOn: c.dueOn })),
      closures: await this.referenceData.closures(manager),
    });
    const number = (previous?.version ?? 0) + 1;
    const version = manager.create(SafetyCaseVersion, { caseId: safetyCase.id, version: number, versionType, day0: content.day0, content, assessment, rsiId: rsi?.id ?? null, reason, createdBy: actor.id });
    await manager.insert(SafetyCaseVersion, version);

    const before = { ...safetyCase };
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
    await manager.save(SafetyCase, safetyCase);

    for (const [change, status] of [
      [plan.supersede, 'superseded'],
      [plan.cancel, 'cancelled'],
    ] as const) {
      for (const clock of openClocks.filter((c) => change?.versions.includes(c.version) === true)) {
        const was = { ...clock };
        clock.status = status;
        clock.closedReason = change?.reason ?? null;
        clock.updatedAt = new Date();
        await manager.save(CaseClock, clock);
        await this.audit.record(manager, actor, { entityType: 'case-clock', entityId: clock.id, productId: product?.id ?? null, action: `status:${status}`, before: was, after: clock, reason: clock.closedReason });
      }
    }
    if (plan.clock !== null) {
      const clock = manager.create(CaseClock, {
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
      await manager.insert(CaseClock, clock);
      await this.audit.record(manager, actor, { entityType: 'case-clock', entityId: clock.id, productId: product?.id ?? null, action: 'create', after: clock });
    }
    await this.audit.record(manager, actor, {
      entityType: 'safety-case',
      entityId: safetyCase.id,
      productId: product?.id ?? null,
      action: `version:${versionType}`,
      before: previous === null ? null : { case: before, version: previous.version },
      after: { case: safetyCase, version: number, day0: content.day0, changes: diffContents(previous?.content ?? null, content), clock: plan.clock, noClock: plan.noClock },
      reason,
    });
    return version;
  }
}
