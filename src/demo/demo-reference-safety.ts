/**
 * Reference safety information of the two demo products (shared/domain/seed-products.md), as pure data:
 * each listed term with the PT names it stands for, its band or stated rate and its denominator.
 *
 * - Hemgenix: the SmPC 4.8 table (57 patients) as summarised on the seed page. Complete.
 * - Zemcelpro: the EPAR lay summary's list (seed 002_0857a41fb2c9cc23.txt), not the SmPC: incomplete.
 *
 * Grouped terms ("infusion-related reaction", "infections", "pneumonitis") map to PT sets chosen for the
 * demo: the groups are illustrative, not the label's own MedDRA mapping. Effective dates are the EC decision
 * dates used by demo-products.ts (the exact notification dates are not verified): illustrative.
 */
import type { IsoDate } from '../common/calendar-date';
import type { FrequencyBand, ReferenceTerm, StatedOutcome } from '../reference-safety/reference-terms';
import { DEMO_PRODUCTS } from './demo-products';

/** How demo-products.ts identifies a product: its name. */
export type DemoProductKey = 'Hemgenix' | 'Zemcelpro';

export interface DemoReferenceSafety {
  /** The demo product's name, as in DEMO_PRODUCTS. */
  productKey: DemoProductKey;
  document: string;
  /** Illustrative: the EC decision date as recorded in demo-products.ts (notification date not verified). */
  effectiveFrom: IsoDate;
  /** False while the list is known to be partial (Zemcelpro, from its lay summary). */
  complete: boolean;
  note: string;
  terms: ReferenceTerm[];
}

const ILLUSTRATIVE_DATE = 'effective date illustrative: the EC decision date (February 2023 / August 2025, seed-products.md), exact notification date not verified — confirm against the Union Register';

function notifiedOn(name: DemoProductKey): IsoDate {
  const product = DEMO_PRODUCTS.find((p) => p.name === name);
  if (!product) {
    throw new Error(`Demo product ${name} is missing from DEMO_PRODUCTS`);
  }
  return product.notifiedOn;
}

interface TermInput {
  term: string;
  kind?: ReferenceTerm['kind'];
  ptNames: string[];
  band: FrequencyBand | null;
  ratePercent?: number | null;
  fatal?: boolean;
  outcome?: StatedOutcome;
  late?: boolean;
  note: string | null;
}

function termsWith(denominator: number | null, denominatorNote: string, inputs: TermInput[]): ReferenceTerm[] {
  return inputs.map((input) => ({
    term: input.term,
    kind: input.kind ?? 'reaction',
    ptNames: input.ptNames,
    hltNames: [],
    frequencyBand: input.band,
    statedRatePercent: input.ratePercent ?? null,
    rateDenominator: denominator,
    denominatorNote,
    fatalOutcomeListed: input.fatal ?? false,
    maxSeverity: null,
    outcome: input.outcome ?? null,
    lateOnset: input.late ?? false,
    note: input.note,
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Hemgenix
// ---------------------------------------------------------------------------------------------------------

const HEMGENIX_SMPC = 'SmPC 4.8 table (seed-products.md, Hemgenix)';
const HEMGENIX_DENOMINATOR_NOTE = 'SmPC 4.8 safety population (57 patients)';

/**
 * The SmPC 4.8 rows. Decision on the lay summary's grouped terms ("increased liver enzymes", "flu-like
 * symptoms", > 1 in 10): they are NOT separate rows (the SmPC is the reference, not the lay summary); their
 * extra PTs are folded into the SmPC row of the same nature — the unspecific liver-enzyme PTs into
 * "ALT increased" (the most frequent liver-test row), the flu-like PTs into "influenza-like illness" — so
 * that reports coded to them count as listed without a second, overlapping frequency line.
 */
export const HEMGENIX_REFERENCE_TERMS: ReferenceTerm[] = termsWith(57, HEMGENIX_DENOMINATOR_NOTE, [
  { term: 'Headache', ptNames: ['Headache'], band: 'very-common', note: `${HEMGENIX_SMPC}: very common` },
  {
    term: 'ALT increased',
    ptNames: ['Alanine aminotransferase increased', 'Transaminases increased', 'Hepatic enzyme increased', 'Liver function test increased', 'Gamma-glutamyltransferase increased'],
    band: 'very-common',
    note: `${HEMGENIX_SMPC}: very common. Also holds the lay summary's "increased liver enzymes" PTs (Transaminases / Hepatic enzyme / Liver function test / GGT increased), folded in here — illustrative grouping`,
  },
  { term: 'AST increased', ptNames: ['Aspartate aminotransferase increased'], band: 'very-common', note: `${HEMGENIX_SMPC}: very common (lay summary: "increased liver enzymes")` },
  { term: 'C-reactive protein increased', ptNames: ['C-reactive protein increased'], band: 'very-common', note: `${HEMGENIX_SMPC}: very common` },
  {
    term: 'Influenza-like illness',
    ptNames: ['Influenza like illness', 'Myalgia'],
    band: 'very-common',
    note: `${HEMGENIX_SMPC}: very common. Also holds the lay summary's "flu-like symptoms" (Myalgia folded in; Pyrexia and Chills are in the infusion-related reaction group) — illustrative grouping`,
  },
  {
    term: 'Infusion-related reaction',
    ptNames: ['Infusion related reaction', 'Hypersensitivity', 'Chills', 'Pyrexia', 'Flushing', 'Tachycardia', 'Feeling hot', 'Urticaria', 'Pruritus'],
    band: 'very-common',
    note: `${HEMGENIX_SMPC}: very common, pooled term; the PT set is an illustrative grouping, not the SmPC's own list`,
  },
  { term: 'Dizziness', ptNames: ['Dizziness'], band: 'common', note: `${HEMGENIX_SMPC}: common` },
  { term: 'Nausea', ptNames: ['Nausea'], band: 'common', note: `${HEMGENIX_SMPC}: common` },
  { term: 'Fatigue', ptNames: ['Fatigue'], band: 'common', note: `${HEMGENIX_SMPC}: common` },
  { term: 'Malaise', ptNames: ['Malaise'], band: 'common', note: `${HEMGENIX_SMPC}: common` },
  { term: 'Blood creatine phosphokinase increased', ptNames: ['Blood creatine phosphokinase increased'], band: 'common', note: `${HEMGENIX_SMPC}: common` },
  { term: 'Blood bilirubin increased', ptNames: ['Blood bilirubin increased'], band: 'common', note: `${HEMGENIX_SMPC}: common` },
]);

// ---------------------------------------------------------------------------------------------------------
// Zemcelpro
// ---------------------------------------------------------------------------------------------------------

const ZEMCELPRO_SEED = 'EPAR lay summary EMA/227007/2025 (seed 002_0857a41fb2c9cc23.txt, seed-products.md)';
const ZEMCELPRO_DENOMINATOR_NOTE =
  'unknown — the seed gives no denominator (25 is the efficacy population; public sources mention ~116–120 in the safety pool): confirm';
const VERY_COMMON = `${ZEMCELPRO_SEED}: "more than 1 in 10" (very common)`;
const FATAL_NAMED = 'named by the seed among the adverse reactions leading to death';

/** Infections as one grouped listed term (illustrative PT set; the label's own grouping is not known). */
const INFECTION_PTS = [
  'Infection',
  'Pneumonia',
  'Sepsis',
  'Septic shock',
  'Bacteraemia',
  'Cytomegalovirus infection',
  'Cytomegalovirus infection reactivation',
  'Epstein-Barr virus infection reactivation',
  'Human herpesvirus 6 infection reactivation',
  'BK virus infection',
  'Fungal infection',
  'Bronchopulmonary aspergillosis',
  'Upper respiratory tract infection',
  'Urinary tract infection',
  'Device related infection',
  'COVID-19',
];

export const ZEMCELPRO_REFERENCE_TERMS: ReferenceTerm[] = termsWith(null, ZEMCELPRO_DENOMINATOR_NOTE, [
  { term: 'Lymphopenia', ptNames: ['Lymphopenia'], band: 'very-common', note: VERY_COMMON },
  {
    term: 'Infections',
    ptNames: INFECTION_PTS,
    band: 'very-common',
    fatal: true,
    note: `${VERY_COMMON}; ${FATAL_NAMED}. Grouped term: the PT set is illustrative (with a loaded dictionary the whole SOC would count)`,
  },
  { term: 'Anaemia', ptNames: ['Anaemia'], band: 'very-common', note: VERY_COMMON },
  { term: 'Neutropenia', ptNames: ['Neutropenia'], band: 'very-common', note: VERY_COMMON },
  { term: 'Thrombocytopenia', ptNames: ['Thrombocytopenia'], band: 'very-common', note: VERY_COMMON },
  { term: 'Leukopenia', ptNames: ['Leukopenia'], band: 'very-common', note: VERY_COMMON },
  { term: 'Hypogammaglobulinaemia', ptNames: ['Hypogammaglobulinaemia'], band: 'very-common', note: VERY_COMMON },
  { term: 'Febrile neutropenia', ptNames: ['Febrile neutropenia'], band: 'very-common', note: VERY_COMMON },
  { term: 'Hypertension', ptNames: ['Hypertension'], band: 'very-common', note: VERY_COMMON },
  { term: 'Engraftment syndrome', ptNames: ['Engraftment syndrome'], band: 'very-common', note: VERY_COMMON },
  {
    term: 'Pneumonia',
    ptNames: ['Pneumonia'],
    band: 'very-common',
    fatal: true,
    note: `${VERY_COMMON}; an infection, so ${FATAL_NAMED} (also inside the "Infections" group)`,
  },
  {
    term: 'Acute graft-versus-host disease',
    ptNames: [
      'Acute graft versus host disease',
      'Acute graft versus host disease in skin',
      'Acute graft versus host disease in intestine',
      'Acute graft versus host disease in liver',
      'Graft versus host disease',
    ],
    band: 'very-common',
    ratePercent: 60,
    fatal: true,
    note: `${ZEMCELPRO_SEED}: stated rate 60%; ${FATAL_NAMED}. Organ-specific PTs and unspecified "Graft versus host disease" counted here (illustrative)`,
  },
  {
    term: 'Chronic graft-versus-host disease',
    ptNames: ['Chronic graft versus host disease', 'Chronic graft versus host disease in skin', 'Chronic graft versus host disease in eye', 'Chronic graft versus host disease oral'],
    band: 'very-common',
    ratePercent: 16,
    late: true,
    note: `${ZEMCELPRO_SEED}: stated rate 16% (public sources: 13% in the larger safety pool — confirm); late event, needs follow-up time`,
  },
  {
    term: 'Pulmonary alveolar haemorrhage',
    ptNames: ['Pulmonary alveolar haemorrhage'],
    band: null,
    fatal: true,
    note: `${ZEMCELPRO_SEED}: ${FATAL_NAMED}; frequency not given in the seed`,
  },
  {
    term: 'Pneumonitis',
    ptNames: ['Pneumonitis', 'Idiopathic pneumonia syndrome', 'Organising pneumonia'],
    band: null,
    fatal: true,
    note: `${ZEMCELPRO_SEED}: ${FATAL_NAMED} ("pneumonitis including idiopathic pneumonia syndrome and cryptogenic organising pneumonia"); frequency not given in the seed`,
  },
  {
    term: 'Pulmonary hypertension',
    ptNames: ['Pulmonary hypertension'],
    band: null,
    fatal: true,
    note: `${ZEMCELPRO_SEED}: ${FATAL_NAMED}; frequency not given in the seed`,
  },
  {
    term: 'Adverse reactions leading to death',
    kind: 'outcome',
    ptNames: [],
    band: null,
    ratePercent: 8,
    fatal: true,
    outcome: 'fatal',
    note: `${ZEMCELPRO_SEED}: "about 8%" — an outcome across reactions (patients with a fatal adverse reaction / exposed), not a listed reaction`,
  },
]);

export const DEMO_REFERENCE_SAFETY: DemoReferenceSafety[] = [
  {
    productKey: 'Hemgenix',
    document: 'Hemgenix SmPC section 4.8 (public SmPC, as summarised in shared/domain/seed-products.md)',
    effectiveFrom: notifiedOn('Hemgenix'),
    complete: true,
    note: `${ILLUSTRATIVE_DATE}. Lay-summary groupings ("increased liver enzymes", "flu-like symptoms") folded into the SmPC rows; PT groups illustrative`,
    terms: HEMGENIX_REFERENCE_TERMS,
  },
  {
    productKey: 'Zemcelpro',
    document: 'Zemcelpro EPAR summary EMA/227007/2025 (lay summary; seed 002_0857a41fb2c9cc23.txt)',
    effectiveFrom: notifiedOn('Zemcelpro'),
    complete: false,
    note: `from the EPAR lay summary, not the SmPC: incomplete. Denominators unknown (confirm). ${ILLUSTRATIVE_DATE}`,
    terms: ZEMCELPRO_REFERENCE_TERMS,
  },
];

/** The demo reference safety information of one product, by its demo key (its name). */
export function demoReferenceSafety(productKey: DemoProductKey): DemoReferenceSafety {
  const found = DEMO_REFERENCE_SAFETY.find((r) => r.productKey === productKey);
  if (!found) {
    throw new Error(`No demo reference safety information for ${productKey}`);
  }
  return found;
}
