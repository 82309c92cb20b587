import type { ReferenceTerm } from '../reference-safety/reference-terms';
import { buildFrequencyTable, type CountRow, type Denominators, followUpOf, type TableInput } from './frequency-table';

const term = (overrides: Partial<ReferenceTerm>): ReferenceTerm => ({
  term: 'Headache',
  kind: 'reaction',
  ptNames: ['Headache'],
  hltNames: [],
  frequencyBand: 'common',
  statedRatePercent: null,
  rateDenominator: null,
  denominatorNote: null,
  fatalOutcomeListed: false,
  maxSeverity: null,
  outcome: null,
  lateOnset: false,
  note: null,
  ...overrides,
});

const counts = (overrides: Partial<CountRow>): CountRow => ({ level: 'term', key: '0', label: 'Headache', listedTerms: [], coded: true, patients: 0, serious: 0, fatal: 0, solicited: 0, spontaneous: 0, ...overrides });

const figure = { id: 'e1', countedOn: '2026-10-31', source: 'registry cut', followUpMedianMonths: 12, followUpMaxMonths: 30, patientYears: 40 };
const BOTH: Denominators = {
  solicited: { patients: 20, figures: [{ ...figure, kind: 'registry', patients: 20 }] },
  spontaneous: { patients: 400, figure: { ...figure, id: 'e2', kind: 'dose-estimate', patients: 400, followUpMedianMonths: null, followUpMaxMonths: null, patientYears: null } },
};

function table(overrides: Partial<TableInput>): ReturnType<typeof buildFrequencyTable> {
  return buildFrequencyTable({ terms: [term({})], referenceInForce: true, referenceComplete: true, counts: [], denominators: BOTH, ...overrides });
}

describe('buildFrequencyTable', () => {
  it('gives every listed term a row, with an exact interval even at zero patients', () => {
    const [row] = table({});
    expect(row).toMatchObject({ level: 'term', label: 'Headache', patients: 0, solicitedExposed: 20, proportion: 0, flag: null });
    expect(row?.interval?.upper).toBeCloseTo(1 - 0.025 ** (1 / 20), 10);
  });

  it('flags "exceeds" from the solicited proportion and labels the spontaneous figure a reporting rate from an estimate', () => {
    const [row] = table({ counts: [counts({ patients: 9, solicited: 8, spontaneous: 1 })] });
    expect(row).toMatchObject({ flag: 'exceeds', proportion: 0.4, reportingRate: 1 / 400 });
    expect(row?.explanation).toMatch(/reporting rate 1\/400.*\(denominator estimated from distributed doses\)/);
  });

  it('gives no figure but says why when the patients outnumber the exposed, or no denominator is recorded', () => {
    const [tooMany] = table({ counts: [counts({ patients: 25, solicited: 25 })] });
    expect(tooMany).toMatchObject({ proportion: null, interval: null, flag: null });
    expect(tooMany?.explanation).toMatch(/25 solicited \(registry\/study\) patients with the reaction but only 20 exposed: check the exposure figures/);
    const [none] = table({ counts: [counts({ patients: 2, solicited: 2 })], denominators: { solicited: null, spontaneous: null } });
    expect(none?.explanation).toMatch(/no registry or study enrolment is recorded/);
  });

  it('marks reported names listed, unlisted (noting an incomplete list) or uncoded, and judges none without reference information', () => {
    const names = [
      counts({ level: 'pt', key: 'headache', label: 'Headache', listedTerms: ['Headache'], patients: 1, solicited: 1 }),
      counts({ level: 'pt', key: 'hepatic failure', label: 'Hepatic failure', patients: 2, solicited: 2 }),
      counts({ level: 'pt', key: 'felt odd', label: 'felt odd', coded: false, patients: 1, spontaneous: 1 }),
    ];
    const rows = table({ counts: names, referenceComplete: false }).filter((r) => r.level === 'pt');
    expect(rows.map((r) => [r.label, r.flag])).toEqual([
      ['Hepatic failure', 'unlisted'],
      ['felt odd', 'uncoded'],
      ['Headache', null],
    ]);
    expect(rows[0]?.explanation).toMatch(/known to be incomplete/);
    const unjudged = table({ terms: [], counts: names, referenceInForce: false });
    expect(unjudged.every((r) => r.flag === null)).toBe(true);
    expect(unjudged[0]?.explanation).toMatch(/no reference safety information in force/);
  });

  it('compares an outcome rate with patients of that outcome, and computes none whose outcome is not recorded', () => {
    const terms = [term({ term: 'Deaths', kind: 'outcome', ptNames: [], frequencyBand: null, statedRatePercent: 8, outcome: 'fatal' }), term({ term: 'Old outcome', kind: 'outcome', ptNames: [], frequencyBand: null, statedRatePercent: 5 })];
    const rows = table({ terms, counts: [counts({ level: 'outcome', key: 'fatal', label: 'fatal', patients: 9, fatal: 9, solicited: 9 })] });
    expect(rows[0]).toMatchObject({ level: 'outcome', label: 'Deaths', proportion: 0.45, flag: 'exceeds', statedRatePercent: 8 });
    expect(rows[1]).toMatchObject({ level: 'outcome', label: 'Old outcome', patients: 0, flag: null, explanation: expect.stringMatching(/not recorded/) });
  });

  it('shows the follow-up time beside a late event only', () => {
    const rows = table({ terms: [term({}), term({ term: 'Chronic GvHD', ptNames: ['Chronic graft versus host disease'], frequencyBand: 'very-common', statedRatePercent: 16, lateOnset: true })] });
    expect(rows[0]?.followUp).toBeNull();
    expect(rows[1]?.followUp).toMatchObject({ medianMonths: 12, maxMonths: 30, patientYears: 40 });
    expect(rows[1]?.explanation).toMatch(/late event: patients followed median 12 months, up to 30 months, 40 patient-years/);
    expect(followUpOf({ solicited: null, spontaneous: null })).toBeNull();
  });

  it('adds patient-years of several figures to the 0.1 they are recorded to, never a floating-point tail', () => {
    // 39.8 + 22.4 is 62.199999999999996 in binary floating point (the demo's Zemcelpro registry and study).
    const followUp = followUpOf({
      solicited: {
        patients: 62,
        figures: [
          { ...figure, kind: 'registry', patients: 44, patientYears: 39.8 },
          { ...figure, id: 'e3', kind: 'study', patients: 18, patientYears: 22.4 },
        ],
      },
      spontaneous: null,
    });
    expect(followUp?.patientYears).toBe(62.2);
    const rows = table({ terms: [term({ lateOnset: true })], denominators: { solicited: { patients: 62, figures: [{ ...figure, kind: 'registry', patients: 44, patientYears: 39.8 }, { ...figure, id: 'e3', kind: 'study', patients: 18, patientYears: 22.4 }] }, spontaneous: null } });
    expect(rows[0]?.explanation).toContain('62.2 patient-years');
    expect(rows[0]?.explanation).not.toMatch(/\d\.\d{3,}/);
  });
});
