import { compareDates } from '../common/calendar-date';
import type { CaseContent } from '../safety-cases/case-content';
import { demoReferenceSafety } from './demo-reference-safety';
import { type SyntheticCase, SYNTHETIC_NARRATIVE_PREFIX, syntheticCases } from './synthetic-cases';

const AS_OF = '2026-03-15';
const PRODUCTS = [
  { key: 'Hemgenix', productId: 'prod-hem', name: 'Hemgenix' },
  { key: 'Zemcelpro', productId: 'prod-zem', name: 'Zemcelpro' },
];

function latest(c: SyntheticCase): CaseContent {
  return c.versions[c.versions.length - 1]!.content;
}

function allContents(cases: SyntheticCase[]): CaseContent[] {
  return cases.flatMap((c) => c.versions.map((v) => v.content));
}

describe('syntheticCases', () => {
  const cases = syntheticCases({ products: PRODUCTS, asOf: AS_OF });
  const hem = cases.filter((c) => c.productKey === 'Hemgenix');
  const zem = cases.filter((c) => c.productKey === 'Zemcelpro');

  it('is deterministic for a seed and changes with the seed', () => {
    expect(syntheticCases({ products: PRODUCTS, asOf: AS_OF })).toEqual(cases);
    expect(syntheticCases({ products: PRODUCTS, asOf: AS_OF, seed: 7 })).toEqual(syntheticCases({ products: PRODUCTS, asOf: AS_OF, seed: 7 }));
    expect(syntheticCases({ products: PRODUCTS, asOf: AS_OF, seed: 7 })).not.toEqual(cases);
  });

  it('does not depend on the order of the products', () => {
    const reversed = syntheticCases({ products: [...PRODUCTS].reverse(), asOf: AS_OF });
    expect(reversed.filter((c) => c.productKey === 'Hemgenix')).toEqual(hem);
  });

  it('generates 40 Hemgenix and 60 Zemcelpro cases with unique ids, none for other products', () => {
    expect(hem).toHaveLength(40);
    expect(zem).toHaveLength(60);
    expect(new Set(cases.map((c) => c.safetyReportId)).size).toBe(100);
    expect(hem.every((c) => /^SYN-HEM-\d{4}-\d{4}$/.test(c.safetyReportId))).toBe(true);
    expect(zem.every((c) => /^SYN-ZEM-\d{4}-\d{4}$/.test(c.safetyReportId))).toBe(true);
    expect(syntheticCases({ products: [{ key: 'x', productId: 'p', name: 'Other' }], asOf: AS_OF })).toEqual([]);
  });

  it('marks every version synthetic, with the narrative saying so', () => {
    for (const content of allContents(cases)) {
      expect(content.synthetic).toBe(true);
      expect(content.narrative.startsWith(SYNTHETIC_NARRATIVE_PREFIX)).toBe(true);
    }
  });

  it('keeps every date on or before asOf, within 24 months, and day 0 not before receipt', () => {
    for (const c of cases) {
      const first = c.versions[0]!;
      expect(first.type).toBe('initial');
      expect(compareDates(first.content.initialReceiptOn, '2024-03-15')).toBeGreaterThanOrEqual(0);
      if (c.submittedOn) {
        expect(compareDates(c.submittedOn, AS_OF)).toBeLessThanOrEqual(0);
        expect(compareDates(c.submittedOn, first.content.day0)).toBeGreaterThan(0);
      }
      for (const { content } of c.versions) {
        expect(content.initialReceiptOn).toBe(first.content.initialReceiptOn);
        const dates = [content.initialReceiptOn, content.day0, content.patient.diedOn, ...content.reactions.map((r) => r.onset)];
        for (const date of dates.filter((d): d is string => d !== null)) {
          expect(compareDates(date, AS_OF)).toBeLessThanOrEqual(0);
        }
        expect(compareDates(content.day0, content.initialReceiptOn)).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('has exactly one primary source per version, every reporter with a country', () => {
    for (const content of allContents(cases)) {
      expect(content.reporters.filter((r) => r.primarySource)).toHaveLength(1);
      expect(content.reporters.every((r) => typeof r.country === 'string' && /^[A-Z]{2}$/.test(r.country))).toBe(true);
    }
  });

  it('uses uncoded PT names, the product as suspect, and causality for suspect × each reaction', () => {
    for (const c of cases) {
      const productId = c.productKey === 'Hemgenix' ? 'prod-hem' : 'prod-zem';
      for (const content of c.versions.map((v) => v.content)) {
        expect(content.reactions.length).toBeGreaterThan(0);
        for (const r of content.reactions) {
          expect([r.lltCode, r.ptCode, r.socName, r.meddraVersion]).toEqual([null, null, null, null]);
          expect(r.ptName).toBeTruthy();
        }
        const suspects = content.drugs.filter((d) => d.role === 'suspect');
        expect(suspects).toHaveLength(1);
        expect(suspects[0]).toMatchObject({ productId, route: 'intravenous' });
        expect(suspects[0]!.batchNumber).toMatch(/^(HGX|ZCP)-\d{2}-\d{4}$/);
        expect(content.causality.map((x) => `${x.drugKey}/${x.reactionKey}`).sort()).toEqual(content.reactions.map((r) => `${suspects[0]!.key}/${r.key}`).sort());
      }
    }
  });

  it('draws reactions mostly from the listed terms', () => {
    for (const [list, key] of [[hem, 'Hemgenix'], [zem, 'Zemcelpro']] as const) {
      const listed = new Set(demoReferenceSafety(key).terms.flatMap((t) => t.ptNames.map((n) => n.toLowerCase())));
      const reactions = list.flatMap((c) => latest(c).reactions);
      const inList = reactions.filter((r) => listed.has((r.ptName ?? '').toLowerCase()));
      expect(inList.length / reactions.length).toBeGreaterThan(0.8);
      expect(inList.length).toBeLessThan(reactions.length);
    }
  });

  it('has Hemgenix mostly spontaneous with registry cases, male adults, and loss-of-expression cases', () => {
    const types = hem.map((c) => latest(c).reportType);
    expect(types.filter((t) => t === 'spontaneous').length).toBeGreaterThan(25);
    expect(hem.filter((c) => latest(c).solicitedSource === 'registry').length).toBeGreaterThanOrEqual(8);
    expect(hem.every((c) => latest(c).patient.sex === 'male')).toBe(true);
    const lossOfExpression = hem.filter((c) => latest(c).lackOfEfficacy && latest(c).specialSituations.includes('loss-of-factor-ix-expression'));
    expect(lossOfExpression.length).toBeGreaterThanOrEqual(2);
  });

  it('has Zemcelpro mostly registry cases with GvHD, several fatal, and a graft failure', () => {
    const registry = zem.filter((c) => latest(c).solicitedSource === 'registry');
    expect(registry.length).toBeGreaterThan(40);
    expect(zem.filter((c) => latest(c).reportType === 'clinical-trial').length).toBeGreaterThanOrEqual(5);
    const has = (c: SyntheticCase, pattern: RegExp): boolean => latest(c).reactions.some((r) => pattern.test(r.ptName ?? ''));
    expect(registry.filter((c) => has(c, /^acute graft/i)).length).toBeGreaterThanOrEqual(15);
    expect(registry.filter((c) => has(c, /^chronic graft/i)).length).toBeGreaterThanOrEqual(4);
    const fatal = registry.filter((c) => {
      const content = latest(c);
      const fatalReactions = content.reactions.filter((r) => r.outcome === 'fatal');
      return fatalReactions.length > 0 && fatalReactions.every((r) => r.seriousness.includes('death')) && content.patient.diedOn !== null;
    });
    expect(fatal.length).toBeGreaterThanOrEqual(5);
    expect(fatal.filter((c) => has(c, /graft versus host/i)).length).toBeGreaterThanOrEqual(4);
    expect(zem.some((c) => latest(c).specialSituations.includes('graft-failure'))).toBe(true);
    const causality = registry.flatMap((c) => latest(c).causality);
    expect(causality.every((x) => x.reporter !== null && x.company !== null)).toBe(true);
    expect(causality.some((x) => x.company === 'unrelated')).toBe(true);
  });

  it('has significant follow-ups with a later day 0 and exactly one amendment', () => {
    const followUps = cases.flatMap((c) => c.versions.map((v, i) => ({ v, previous: c.versions[i - 1] })).filter(({ v }) => v.type === 'follow-up'));
    expect(followUps.length).toBeGreaterThanOrEqual(6);
    for (const { v, previous } of followUps) {
      expect(v.content.significant).toBe(true);
      expect(compareDates(v.content.day0, previous!.content.day0)).toBeGreaterThan(0);
    }
    const amendments = cases.flatMap((c) => c.versions.map((v, i) => ({ v, previous: c.versions[i - 1]! })).filter(({ v }) => v.type === 'amendment'));
    expect(amendments).toHaveLength(1);
    const [{ v, previous }] = amendments as [(typeof amendments)[number]];
    expect(v.content.day0).toBe(previous.content.day0);
    expect(v.content.drugs[0]!.batchNumber).not.toBe(previous.content.drugs[0]!.batchNumber);
  });

  it('has one obvious duplicate pair: the later report carries the earlier one’s id', () => {
    const byId = new Map(cases.map((c) => [c.safetyReportId, c]));
    const duplicates = cases.filter((c) => latest(c).otherIdentifiers.some((o) => byId.has(o.id)));
    expect(duplicates).toHaveLength(1);
    const duplicate = duplicates[0]!;
    const original = byId.get(latest(duplicate).otherIdentifiers[0]!.id)!;
    expect(original.productKey).toBe(duplicate.productKey);
    const [a, b] = [latest(original), duplicate.versions[0]!.content];
    expect(b.patient).toEqual(original.versions[0]!.content.patient);
    expect(b.reactions.map((r) => [r.ptName, r.onset])).toEqual(original.versions[0]!.content.reactions.map((r) => [r.ptName, r.onset]));
    expect(compareDates(b.initialReceiptOn, a.initialReceiptOn)).toBeGreaterThanOrEqual(0);
  });
});
