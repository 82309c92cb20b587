import { INestApplicationContext } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { IsoDate } from '../common/calendar-date';
import { Product } from '../products/product.entity';
import { ReferenceSafetyService } from '../reference-safety/reference-safety.service';
import { CaseClocksService } from '../safety-cases/case-clocks.service';
import { SafetyCasesService } from '../safety-cases/safety-cases.service';
import { demoReferenceSafety, DemoProductKey } from './demo-reference-safety';
import { syntheticCases } from './synthetic-cases';
import { contentToDto } from '../safety-cases/case-intake';
import { ExposureService } from '../frequencies/exposure.service';
import { demoExposure } from './demo-exposure';

/** The product's reference safety information (from the seed page), its illustrative exposure and its deterministic synthetic cases. */
export async function seedSafety(app: INestApplicationContext, manager: EntityManager, actor: Actor, product: Product, authorisedOn: IsoDate, asOf: IsoDate): Promise<number> {
  const seed = demoReferenceSafety(product.name as DemoProductKey);
  await app.get(ReferenceSafetyService).create(manager, actor, product.id, {
    document: seed.document,
    effectiveFrom: seed.effectiveFrom,
    complete: seed.complete,
    note: seed.note,
    terms: seed.terms.map((t) => ({
      term: t.term,
      kind: t.kind,
      ptNames: t.ptNames,
      hltNames: t.hltNames,
      frequencyBand: t.frequencyBand ?? undefined,
      statedRatePercent: t.statedRatePercent ?? undefined,
      rateDenominator: t.rateDenominator ?? undefined,
      denominatorNote: t.denominatorNote ?? undefined,
      fatalOutcomeListed: t.fatalOutcomeListed,
      maxSeverity: t.maxSeverity ?? undefined,
      outcome: t.outcome ?? undefined,
      lateOnset: t.lateOnset,
      note: t.note ?? undefined,
    })),
  });
  for (const figure of demoExposure(product.name as DemoProductKey, asOf)) {
    await app.get(ExposureService).record(manager, actor, product.id, figure);
  }
  const cases = app.get(SafetyCasesService);
  const clocks = app.get(CaseClocksService);
  const generated = syntheticCases({ products: [{ key: product.name, productId: product.id, name: product.name, authorisedOn }], asOf });
  for (const synthetic of generated) {
    const [initial, ...later] = synthetic.versions;
    if (initial === undefined) {
      continue;
    }
    const { safetyCase } = await cases.create(manager, actor, { ...contentToDto(initial.content), product: product.id }, { safetyReportId: synthetic.safetyReportId, synthetic: true });
    if (synthetic.submittedOn !== undefined && synthetic.submittedOn !== null && safetyCase.status === 'valid') {
      await clocks.recordSubmission(manager, actor, safetyCase.id, { version: 1, acknowledgedOn: synthetic.submittedOn, ackRef: 'synthetic demo acknowledgement' });
    }
    for (const version of later) {
      if (version.type === 'follow-up' || version.type === 'amendment') {
        const reason = version.type === 'amendment' ? 'synthetic demo amendment: batch number corrected' : undefined;
        await cases.addVersion(manager, actor, safetyCase.id, { ...contentToDto(version.content), type: version.type, ...(reason === undefined ? {} : { reason }) }, { synthetic: true });
      }
    }
  }
  return generated.length;
}
