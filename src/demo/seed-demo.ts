import { INestApplicationContext } from '@nestjs/common';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { Actor } from '../common/actor';
import { addDays, compareDates, IsoDate } from '../common/calendar-date';
import { RULES } from '../deadlines/rules';
import { Milestone } from '../milestones/milestone.entity';
import { MilestonesService } from '../milestones/milestones.service';
import { ObligationsService } from '../obligations/obligations.service';
import { Product } from '../products/product.entity';
import { ProductsService } from '../products/products.service';
import { isOpen } from '../milestones/milestone-workflow';
import { MarketPresenceService } from '../authorisation-lifecycle/market-presence.service';

const ILLUSTRATIVE_MARKETING = 'illustrative: confirm the first marketing date with the holder';
import { DEMO_PRODUCTS, DemoObligation, DemoProduct } from './demo-products';
import { seedSafety } from './seed-safety';

export interface SeedReport {
  asOf: IsoDate;
  created: string[];
  skipped: string[];
}

const ILLUSTRATIVE_SOURCE = 'Illustrative date — the Annex II date is not known to the project; confirm against Annex II';

/**
 * Loads the two demo products, deterministically for a given as-of date: milestones due before it are
 * recorded as submitted on time (illustrative), except the latest past one of a registry obligation, left
 * overdue so that the dashboard and reminders have something to show. Products already present are skipped.
 */
export async function seedDemo(app: INestApplicationContext, actor: Actor, asOf: IsoDate): Promise<SeedReport> {
  const dataSource = app.get(DataSource);
  const report: SeedReport = { asOf, created: [], skipped: [] };
  for (const demo of DEMO_PRODUCTS) {
    const exists = await dataSource.getRepository(Product).createQueryBuilder('p').where('lower(p.name) = lower(:name)', { name: demo.name }).getExists();
    if (exists) {
      report.skipped.push(demo.name);
      continue;
    }
    await dataSource.transaction((manager) => seedProduct(app, manager, actor, demo, asOf));
    report.created.push(demo.name);
  }
  return report;
}

async function seedProduct(app: INestApplicationContext, manager: EntityManager, actor: Actor, demo: DemoProduct, asOf: IsoDate): Promise<void> {
  const products = app.get(ProductsService);
  const obligations = app.get(ObligationsService);
  const milestones = app.get(MilestonesService);
  const { product } = await products.create(manager, actor, {
    name: demo.name,
    activeSubstance: demo.activeSubstance,
    description: demo.description,
    advancedTherapy: true,
    additionalMonitoring: true,
    orphanDesignation: demo.orphanDesignation,
    orphanDesignationDate: demo.orphanDesignationDate,
    sourceNote: demo.sourceNote,
    authorisation: { type: 'conditional', holder: demo.holder, notifiedOn: demo.notifiedOn, illustrative: true },
  });
  for (const placed of demo.marketPresence ?? []) {
    await app.get(MarketPresenceService).record(manager, actor, product.id, { kind: 'placed', ...placed, reason: `Demo record, ${ILLUSTRATIVE_MARKETING}` });
  }
  const keepOverdue: string[] = [];
  const categories = new Map<string, DemoObligation['category']>();
  for (const item of demo.obligations) {
    const { milestones: _planned, leaveLatestPastOverdue: _overdue, ...fields } = item;
    const obligation = await obligations.create(manager, actor, { product: product.id, ...fields });
    categories.set(obligation.id, item.category);
    const created: Milestone[] = [];
    for (const planned of item.milestones) {
      created.push(
        await milestones.create(manager, actor, {
          productId: product.id,
          obligationId: obligation.id,
          kind: 'obligation',
          title: planned.title,
          dueDate: planned.dueDate,
          basis: 'annex-ii',
          ruleId: RULES['ANNEX-II'].id,
          ruleSource: ILLUSTRATIVE_SOURCE,
          ruleExplanation: RULES['ANNEX-II'].title,
          owner: item.owner,
          illustrative: true,
        }),
      );
    }
    const overdue = latestPast(created, asOf, item);
    if (overdue !== undefined) {
      keepOverdue.push(overdue.id);
    }
  }
  await recordPastAsSubmitted(manager, actor, milestones, product.id, asOf, keepOverdue, categories);
  await seedSafety(app, manager, actor, product, demo.notifiedOn, asOf);
}

function latestPast(created: Milestone[], asOf: IsoDate, item: DemoObligation): Milestone | undefined {
  if (item.leaveLatestPastOverdue !== true) {
    return undefined;
  }
  return created.filter((m) => compareDates(m.dueDate, asOf) < 0).at(-1);
}

async function recordPastAsSubmitted(
  manager: EntityManager,
  actor: Actor,
  milestones: MilestonesService,
  productId: string,
  asOf: IsoDate,
  keepOverdue: string[],
  categories: Map<string, DemoObligation['category']>,
): Promise<void> {
  const past = await manager.find(Milestone, { where: { productId, dueDate: LessThan(asOf) }, order: { dueDate: 'ASC' } });
  // Only what is still open; the sunset clause is not a submission (cancelled once the product is marketed).
  for (const milestone of past.filter((m) => !keepOverdue.includes(m.id) && isOpen(m.status) && m.kind !== 'sunset')) {
    await milestones.transition(manager, actor, milestone.id, {
      status: 'submitted',
      submittedOn: milestone.dueDate,
      submissionRef: 'illustrative demo submission',
      ectdType: ectdTypeOf(milestone, categories) ?? undefined,
    });
    const decidedOn = addDays(milestone.dueDate, milestone.kind === 'cma-renewal' ? 150 : 90);
    if (compareDates(decidedOn, asOf) <= 0 && milestone.kind !== 'psur') {
      await milestones.recordOutcome(manager, actor, milestone.id, { outcome: 'fulfilled', outcomeOn: decidedOn, procedureRef: 'illustrative' });
    }
  }
}

function ectdTypeOf(milestone: Milestone, categories: Map<string, DemoObligation['category']>): Milestone['ectdType'] {
  switch (milestone.kind) {
    case 'cma-renewal':
    case 'standard-renewal':
      return 'renewal';
    case 'annual-reassessment':
      return 'annual-reassessment';
    case 'psur':
      return 'psur';
    case 'pass-final-report':
      return 'pass107q';
    case 'obligation':
      return categories.get(milestone.obligationId ?? '') === 'ANX' ? 'pam-anx' : 'pam-sob';
    case 'pass-waiver-request':
    case 'procedure-response':
    case 'sunset':
    case 'cessation-notice':
      return null;
  }
}
