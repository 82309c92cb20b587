import { EntityManager } from 'typeorm';
import { resolveProductRefs } from '../common/product-refs';
import type { CaseContent } from './case-content';

/**
 * Products named on drugs (drugs[].productId) by id or by name, as everywhere a product is referenced: each
 * becomes the product's id in the content (one query for a whole batch; the field is named per case when
 * several). The content is the intake's own, freshly normalised: it is changed in place.
 */
export async function resolveDrugProducts(manager: EntityManager, contents: readonly CaseContent[]): Promise<void> {
  const prefix = (caseIndex: number): string => (contents.length === 1 ? '' : `cases[${caseIndex}].`);
  const named = contents.flatMap((content, caseIndex) => content.drugs.flatMap((drug, index) => (drug.productId === null ? [] : [{ drug, ref: drug.productId, field: `${prefix(caseIndex)}drugs[${index}].productId` }])));
  const ids = await resolveProductRefs(manager, named);
  named.forEach(({ drug }, i) => {
    drug.productId = ids[i] ?? drug.productId;
  });
}
