import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { ReferenceDataService } from '../deadlines/reference-data.service';
import { ProductsService } from '../products/products.service';
import { ReferenceSafetyService } from '../reference-safety/reference-safety.service';
import { assessCase, type CaseAssessment } from './case-assessment';
import { CaseCodingService } from './case-coding.service';
import { normaliseContent } from './case-intake';
import { CreateCaseDto } from './dto/case-content.dto';
import { resolveDrugProducts } from './drug-products';

/**
 * A case as it is being typed, assessed without saving it: the same normalisation, coding, reference safety
 * information and pure assessment (case-assessment.ts) as intake, so the form's preview of validity and the
 * reporting clock is the one the case will get. Reads only; writes nothing, so no audit row.
 */
@Injectable()
export class CaseDraftService {
  constructor(
    private readonly clock: Clock,
    private readonly products: ProductsService,
    private readonly rsi: ReferenceSafetyService,
    private readonly coding: CaseCodingService,
    private readonly referenceData: ReferenceDataService,
  ) {}

  async assess(manager: EntityManager, actor: Actor, input: CreateCaseDto): Promise<CaseAssessment> {
    const product = await this.products.get(manager, input.product, actor.scope);
    const content = normaliseContent(input, { today: this.clock.today() });
    await resolveDrugProducts(manager, [content]);
    const coded = await this.coding.code(manager, content, 'refuse');
    const { assessment } = assessCase({
      versionType: 'initial',
      content: coded.content,
      rsi: await this.rsi.inForceOn(manager, product.id, coded.content.day0),
      hltNamesOfPt: coded.hltNamesOfPt,
      meddraVersion: coded.meddraVersion,
      previousSerious: null,
      openClocks: [],
      closures: await this.referenceData.closures(manager),
    });
    return assessment;
  }
}
