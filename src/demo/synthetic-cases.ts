/**
 * Synthetic adverse-event reports for the two demo products (seed-products.md, "How the demo uses them"):
 * generated, never real, marked `synthetic: true` with a narrative that says so. Pure and deterministic: a
 * seeded mulberry32 PRNG (fixed default seed), no Math.random, no clock — the same input gives the same cases.
 *
 * About 40 Hemgenix cases (mostly spontaneous, some solicited from the registry, a few loss-of-expression
 * lack-of-efficacy cases, unlisted hepatic events, one obvious duplicate pair) and 60 Zemcelpro cases
 * (mostly solicited registry cases with acute/chronic GvHD, infections and several fatal outcomes, a few
 * clinical-trial and spontaneous cases, one graft failure), spread over the 24 months before `asOf`.
 * Reactions carry PT names only (uncoded). Some cases have a significant follow-up; one has an amendment.
 */
import { addDays, addMonths, compareDates, daysBetween, type IsoDate, maxDate, minDate } from '../common/calendar-date';
import { SeededRandom } from '../common/seeded-random';
import { icsrClock } from '../deadlines/engine/icsr';
import {
  type CaseContent,
  type Causality,
  type CausalityAssessment,
  type Drug,
  EEA_COUNTRIES,
  type Patient,
  type Qualification,
  type Reaction,
  type ReactionOutcome,
  REASONABLY_POSSIBLE,
  type Reporter,
  type SeriousnessCriterion,
  type Severity,
  type SpecialSituation,
  type VersionType,
} from '../safety-cases/case-content';

export interface SyntheticProductRef {
  /** The caller's key for the product (returned as `productKey`). */
  key: string;
  productId: string;
  /** Hemgenix or Zemcelpro (matched case-insensitively on name or key); other products get no cases. */
  name: string;
  /** No case is received before this day (the authorisation): the reference safety information starts then. */
  authorisedOn?: IsoDate;
}

export interface SyntheticCasesInput {
  products: SyntheticProductRef[];
  asOf: IsoDate;
  seed?: number;
}

export interface SyntheticCaseVersion {
  type: VersionType;
  content: CaseContent;
}

export interface SyntheticCase {
  productKey: string;
  /** E.g. SYN-HEM-2025-0001: product code, year of initial receipt, running number within that year. */
  safetyReportId: string;
  /** Oldest first; the first is always 'initial'. */
  versions: SyntheticCaseVersion[];
  /** Acknowledgement date of the first clock's submission; null when not submitted (or no clock runs). */
  submittedOn?: IsoDate | null;
}

export const DEFAULT_SYNTHETIC_SEED = 20230220;
export const SYNTHETIC_NARRATIVE_PREFIX = 'SYNTHETIC DEMO CASE — not a real patient.';

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------------------

/** The seeded generator with the draws the scenarios use. */
class Rng extends SeededRandom {
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, this.int(0, items.length - 1));
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) {
        return item;
      }
    }
    return at(items, items.length - 1)[0];
  }

  letters(count: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPRSTVW';
    return Array.from({ length: count }, () => alphabet.charAt(this.int(0, alphabet.length - 1))).join('');
  }
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) {
    throw new RangeError(`index ${index} outside a list of ${items.length}`);
  }
  return item;
}

/** FNV-1a, to give each product its own random stream (independent of the order of the products). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h;
}

// ---------------------------------------------------------------------------------------------------------
// Product profiles (pure data)
// ---------------------------------------------------------------------------------------------------------

interface ReactionTemplate {
  pt: string;
  reported: readonly string[];
  weight: number;
  /** Days from the infusion to the onset. */
  latency: readonly [number, number];
  /** Chance that the reaction is serious, and its criteria when it is. */
  seriousChance: number;
  serious: readonly SeriousnessCriterion[];
}

type ProductCode = 'HEM' | 'ZEM';

interface Profile {
  code: ProductCode;
  displayName: string;
  batchPrefix: string;
  dose: (rng: Rng) => string;
  sex: (rng: Rng) => 'male' | 'female';
  weightKg: readonly [number, number];
  histories: readonly string[];
  listed: readonly ReactionTemplate[];
  spontaneousCountries: readonly (readonly [string, number])[];
  solicitedCountries: readonly (readonly [string, number])[];
  trialCountries: readonly (readonly [string, number])[];
}

const OMI: readonly SeriousnessCriterion[] = ['other-medically-important'];
const HOSP: readonly SeriousnessCriterion[] = ['hospitalisation'];

function tpl(pt: string, reported: readonly string[], weight: number, latency: readonly [number, number], seriousChance = 0, serious: readonly SeriousnessCriterion[] = HOSP): ReactionTemplate {
  return { pt, reported, weight, latency, seriousChance, serious };
}

const HEMGENIX: Profile = {
  code: 'HEM',
  displayName: 'Hemgenix',
  batchPrefix: 'HGX',
  dose: () => '2 x 10^13 genome copies/kg, single dose',
  sex: () => 'male',
  weightKg: [60, 115],
  histories: [
    'Severe haemophilia B (FIX < 1%) on FIX prophylaxis before gene therapy; no FIX inhibitors.',
    'Moderately severe haemophilia B (FIX 1–2%); haemophilic arthropathy of both knees.',
    'Severe haemophilia B; past hepatitis C, cured; no liver fibrosis on elastography.',
    'Severe haemophilia B; hypertension treated with amlodipine.',
    'Severe haemophilia B; pre-existing AAV5 neutralising antibodies at low titre.',
  ],
  listed: [
    tpl('Alanine aminotransferase increased', ['ALT increased', 'raised ALT (3 x ULN)', 'transaminase rise (ALT)'], 12, [20, 120], 0.15, OMI),
    tpl('Aspartate aminotransferase increased', ['AST increased', 'raised AST'], 6, [20, 120], 0.05, OMI),
    tpl('Headache', ['headache', 'headache on the evening of the infusion'], 10, [0, 3]),
    tpl('Influenza like illness', ['flu-like symptoms', 'influenza-like illness'], 6, [0, 3], 0.05),
    tpl('Infusion related reaction', ['infusion reaction', 'infusion-related reaction with rigors'], 5, [0, 0], 0.3),
    tpl('Pyrexia', ['fever after the infusion'], 3, [0, 2], 0.1),
    tpl('Chills', ['chills', 'shivering'], 2, [0, 1]),
    tpl('C-reactive protein increased', ['CRP raised'], 3, [1, 30]),
    tpl('Dizziness', ['dizziness'], 3, [0, 5]),
    tpl('Nausea', ['nausea'], 4, [0, 3]),
    tpl('Fatigue', ['tiredness', 'fatigue'], 4, [0, 30]),
    tpl('Malaise', ['feeling unwell'], 2, [0, 14]),
    tpl('Blood creatine phosphokinase increased', ['CK elevated'], 2, [7, 60]),
    tpl('Blood bilirubin increased', ['raised bilirubin'], 2, [14, 90], 0.05, OMI),
    tpl('Transaminases increased', ['liver enzymes increased', 'transaminases up'], 2, [20, 120], 0.1, OMI),
  ],
  spontaneousCountries: [['DE', 6], ['FR', 4], ['IT', 3], ['NL', 3], ['ES', 3], ['US', 6], ['GB', 3]],
  solicitedCountries: [['DE', 3], ['FR', 2], ['IT', 2], ['NL', 1], ['ES', 1], ['GB', 1]],
  trialCountries: [['US', 1]],
};

const ZEMCELPRO: Profile = {
  code: 'ZEM',
  displayName: 'Zemcelpro',
  batchPrefix: 'ZCP',
  dose: (rng) => {
    const bags = rng.int(1, 4);
    return `${bags} ${bags === 1 ? 'bag' : 'bags'} dorocubicel + 4 bags unexpanded CD34- cells, single dose`;
  },
  sex: (rng) => (rng.chance(0.55) ? 'male' : 'female'),
  weightKg: [45, 100],
  histories: [
    'High-risk acute myeloid leukaemia in first complete remission; no suitable donor; myeloablative conditioning.',
    'Acute lymphoblastic leukaemia in second remission; no suitable donor.',
    'High-risk myelodysplastic syndrome; no matched unrelated donor; reduced-intensity conditioning.',
    'Acute myeloid leukaemia with adverse-risk cytogenetics; no suitable donor.',
    'Mixed-phenotype acute leukaemia in first remission; no suitable donor.',
  ],
  listed: [
    tpl('Acute graft versus host disease', ['acute GvHD grade II (skin, gut)', 'acute GvHD grade III', 'acute GvHD, grade II'], 14, [14, 90], 0.75),
    tpl('Acute graft versus host disease in intestine', ['gut acute GvHD, stage 2'], 3, [20, 90], 0.9),
    tpl('Acute graft versus host disease in skin', ['skin rash, acute GvHD grade I'], 3, [14, 60], 0.3, OMI),
    tpl('Chronic graft versus host disease', ['mild chronic GvHD (skin, mouth)', 'moderate chronic GvHD'], 5, [100, 365], 0.4, OMI),
    tpl('Cytomegalovirus infection reactivation', ['CMV reactivation'], 6, [20, 100], 0.6),
    tpl('BK virus infection', ['BK virus haemorrhagic cystitis'], 3, [20, 80], 0.6),
    tpl('Bacteraemia', ['E. coli bacteraemia', 'coagulase-negative staphylococcal bacteraemia'], 3, [5, 60], 0.9),
    tpl('Sepsis', ['sepsis'], 1, [5, 60], 1, ['hospitalisation', 'life-threatening']),
    tpl('Pneumonia', ['pneumonia'], 4, [10, 180], 0.9),
    tpl('Device related infection', ['central line infection'], 2, [5, 90], 0.7),
    tpl('Febrile neutropenia', ['febrile neutropenia'], 5, [1, 21], 0.9),
    tpl('Neutropenia', ['neutropenia'], 2, [1, 30], 0.2, OMI),
    tpl('Thrombocytopenia', ['thrombocytopenia', 'low platelets'], 3, [1, 60], 0.2, OMI),
    tpl('Anaemia', ['anaemia'], 2, [1, 60], 0.1),
    tpl('Lymphopenia', ['lymphopenia'], 1, [1, 60]),
    tpl('Leukopenia', ['leukopenia'], 1, [1, 60]),
    tpl('Hypogammaglobulinaemia', ['low IgG'], 1, [30, 200]),
    tpl('Hypertension', ['hypertension'], 2, [1, 60]),
    tpl('Engraftment syndrome', ['engraftment syndrome with fever and rash'], 4, [7, 21], 0.6),
  ],
  spontaneousCountries: [['DE', 1], ['FR', 1], ['GB', 1]],
  solicitedCountries: [['FR', 4], ['DE', 3], ['IT', 3], ['ES', 3], ['NL', 2], ['BE', 2], ['GB', 1]],
  trialCountries: [['CA', 4], ['US', 3], ['FR', 2]],
};

function template(profile: Profile, pt: string): ReactionTemplate {
  const found = profile.listed.find((t) => t.pt === pt);
  if (!found) {
    throw new Error(`No reaction template ${pt} for ${profile.displayName}`);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Scenarios: what each generated case is about
// ---------------------------------------------------------------------------------------------------------

type Channel = 'spontaneous' | 'registry' | 'clinical-trial';

/** One reaction as a scenario fixes it (anything left out is drawn at random). */
interface ReactionPlan {
  template: ReactionTemplate;
  reported?: string;
  fatal?: boolean;
  serious?: readonly SeriousnessCriterion[];
  severity?: Severity;
}

interface Scenario {
  count: number;
  channel: Channel;
  /** Fixed reactions; absent = 1–3 reactions drawn from the listed pool. */
  reactions?: (rng: Rng) => ReactionPlan[];
  lackOfEfficacy?: boolean;
  specialSituations?: SpecialSituation[];
  /** Causality of every pair: 'unrelated' forces both assessments to unrelated. */
  causality?: 'unrelated' | 'weak';
  story?: string;
}

/** A reaction outside the random pool (listed or not), always serious unless the scenario says otherwise. */
function fixed(pt: string, reported: string, latency: readonly [number, number], serious: readonly SeriousnessCriterion[]): ReactionTemplate {
  return tpl(pt, [reported], 0, latency, 1, serious);
}

const HEMGENIX_SCENARIOS: Scenario[] = [
  { count: 25, channel: 'spontaneous' },
  { count: 9, channel: 'registry' },
  {
    count: 3,
    channel: 'spontaneous',
    lackOfEfficacy: true,
    specialSituations: ['loss-of-factor-ix-expression'],
    story: 'FIX activity declined over months after an initial response; FIX prophylaxis restarted.',
    reactions: (rng) => [
      { template: fixed('Drug ineffective', 'loss of factor IX expression, return to prophylaxis', [300, 700], OMI), serious: rng.chance(0.5) ? OMI : [] },
      { template: fixed('Coagulation factor IX level decreased', 'FIX activity fell to 2%', [300, 700], OMI), serious: [] },
    ],
  },
  {
    count: 1,
    channel: 'registry',
    story: 'Liver biopsy performed; steroid course given.',
    reactions: () => [
      { template: fixed('Hepatic failure', 'acute liver failure', [30, 120], ['hospitalisation', 'life-threatening']), severity: 'severe' },
      { template: template(HEMGENIX, 'Alanine aminotransferase increased'), reported: 'ALT 12 x ULN', serious: OMI },
    ],
  },
  {
    count: 1,
    channel: 'registry',
    causality: 'weak',
    story: 'Found on routine liver imaging in long-term follow-up; history of hepatitis C.',
    reactions: () => [{ template: fixed('Hepatocellular carcinoma', 'hepatocellular carcinoma on surveillance ultrasound', [400, 700], ['hospitalisation', 'other-medically-important']) }],
  },
];

const agvhd = (): ReactionTemplate => template(ZEMCELPRO, 'Acute graft versus host disease');

const ZEMCELPRO_SCENARIOS: Scenario[] = [
  {
    count: 3,
    channel: 'registry',
    story: 'Steroid-refractory acute GvHD despite second-line treatment.',
    reactions: (rng) => [{ template: rng.chance(0.5) ? agvhd() : template(ZEMCELPRO, 'Acute graft versus host disease in intestine'), reported: 'acute GvHD grade IV (gut, liver)', fatal: true }],
  },
  {
    count: 2,
    channel: 'registry',
    story: 'Neutropenic at onset; blood cultures positive.',
    reactions: (rng) => [
      { template: template(ZEMCELPRO, 'Sepsis'), reported: 'septic shock', fatal: true },
      ...(rng.chance(0.5) ? [{ template: agvhd(), reported: 'acute GvHD grade II (skin)', serious: HOSP }] : []),
    ],
  },
  {
    count: 1,
    channel: 'registry',
    story: 'Acute respiratory failure with bloody bronchoalveolar lavage.',
    reactions: () => [
      { template: fixed('Pulmonary alveolar haemorrhage', 'diffuse alveolar haemorrhage', [20, 60], HOSP), fatal: true },
      { template: agvhd(), reported: 'acute GvHD grade II', serious: HOSP },
    ],
  },
  {
    count: 1,
    channel: 'registry',
    story: 'Bilateral infiltrates, infections excluded by bronchoalveolar lavage.',
    reactions: () => [{ template: fixed('Idiopathic pneumonia syndrome', 'idiopathic pneumonia syndrome', [20, 90], HOSP), fatal: true }],
  },
  {
    count: 1,
    channel: 'registry',
    lackOfEfficacy: true,
    specialSituations: ['graft-failure'],
    story: 'No neutrophil engraftment by day 42; salvage haploidentical transplant.',
    reactions: () => [{ template: fixed('Graft failure', 'primary graft failure', [42, 42], ['hospitalisation', 'life-threatening']), severity: 'severe' }],
  },
  {
    count: 1,
    channel: 'registry',
    story: 'Schistocytes on smear, rising LDH and creatinine; ciclosporin stopped.',
    reactions: () => [{ template: fixed('Thrombotic microangiopathy', 'transplant-associated thrombotic microangiopathy', [30, 120], HOSP), severity: 'severe' }],
  },
  {
    count: 3,
    channel: 'registry',
    causality: 'unrelated',
    story: 'The reporter attributes the event to ciclosporin.',
    reactions: (rng) => [
      rng.pick<ReactionPlan>([
        { template: template(ZEMCELPRO, 'Hypertension'), reported: 'hypertension on ciclosporin', serious: [] },
        { template: fixed('Acute kidney injury', 'ciclosporin nephrotoxicity', [20, 90], HOSP) },
        { template: fixed('Hypomagnesaemia', 'low magnesium', [10, 60], []), serious: [] },
      ]),
    ],
  },
  { count: 12, channel: 'registry', reactions: (rng) => [{ template: agvhd(), serious: rng.chance(0.7) ? HOSP : [] }] },
  { count: 4, channel: 'registry', reactions: () => [{ template: template(ZEMCELPRO, 'Chronic graft versus host disease') }] },
  { count: 19, channel: 'registry' },
  {
    count: 1,
    channel: 'clinical-trial',
    story: 'Right heart catheterisation confirmed pre-capillary pulmonary hypertension.',
    reactions: () => [{ template: fixed('Pulmonary hypertension', 'pulmonary arterial hypertension', [60, 200], HOSP), fatal: true }],
  },
  { count: 9, channel: 'clinical-trial' },
  { count: 3, channel: 'spontaneous' },
];

// ---------------------------------------------------------------------------------------------------------
// Building one case
// ---------------------------------------------------------------------------------------------------------

interface Draft {
  profile: Profile;
  product: SyntheticProductRef;
  versions: SyntheticCaseVersion[];
  submittedOn: IsoDate | null;
  /** The draft this one duplicates: its id goes into this one's other identifiers. */
  duplicateOf: Draft | null;
  safetyReportId: string;
}

interface Context {
  rng: Rng;
  asOf: IsoDate;
  windowDays: number;
  profile: Profile;
  product: SyntheticProductRef;
}

const SEX_WORD = { male: 'man', female: 'woman' } as const;

function latest(draft: Draft): CaseContent {
  return at(draft.versions, draft.versions.length - 1).content;
}

function drawReactions(ctx: Context): ReactionPlan[] {
  const count = ctx.rng.weighted([[1, 5], [2, 3], [3, 1]] as const);
  const picks = ctx.profile.listed.map((t) => [t, t.weight] as const);
  const chosen: ReactionTemplate[] = [];
  for (let i = 0; i < count * 3 && chosen.length < count; i++) {
    const candidate = ctx.rng.weighted(picks);
    if (!chosen.includes(candidate)) {
      chosen.push(candidate);
    }
  }
  return chosen.map((template) => ({ template }));
}

function outcomeFor(rng: Rng, serious: boolean): ReactionOutcome {
  return serious
    ? rng.weighted([['recovering', 4], ['not-recovered', 2.5], ['recovered', 3], ['unknown', 0.5]] as const)
    : rng.weighted([['recovered', 5.5], ['recovering', 3], ['unknown', 1.5]] as const);
}

function severityFor(rng: Rng, serious: boolean): Severity | null {
  if (rng.chance(0.1)) {
    return null;
  }
  return serious ? rng.pick(['moderate', 'severe'] as const) : rng.weighted([['mild', 6], ['moderate', 4]] as const);
}

function assessment(rng: Rng, kind: Scenario['causality'], gvhd: boolean): CausalityAssessment {
  if (kind === 'unrelated') {
    return 'unrelated';
  }
  if (kind === 'weak') {
    return rng.pick(['unlikely', 'unassessable', 'possible'] as const);
  }
  return gvhd
    ? rng.weighted([['probable', 6], ['possible', 3.5], ['unlikely', 0.5]] as const)
    : rng.weighted([['possible', 4.5], ['probable', 4], ['unlikely', 1], ['unassessable', 0.5]] as const);
}

function buildReporters(rng: Rng, channel: Channel, country: string): Reporter[] {
  const qualification: Qualification =
    channel === 'spontaneous'
      ? rng.weighted([['physician', 5.5], ['pharmacist', 1], ['other-health-professional', 1.5], ['consumer', 2]] as const)
      : 'physician';
  const primary: Reporter = {
    name: qualification === 'consumer' ? null : `Reporter ${rng.letters(2)} (synthetic)`,
    qualification,
    country,
    primarySource: true,
  };
  if (channel !== 'spontaneous' && rng.chance(0.3)) {
    return [primary, { name: 'Study coordinator (synthetic)', qualification: 'other-health-professional', country, primarySource: false }];
  }
  return [primary];
}

function buildPatient(ctx: Context, channel: Channel): Patient {
  const { rng, profile } = ctx;
  const age = rng.int(18, 75);
  const identifier =
    channel === 'registry' ? `REG-${profile.code}-${String(rng.int(1, 9999)).padStart(4, '0')}` : channel === 'clinical-trial' ? `SUBJ-${String(rng.int(100, 999))}` : null;
  return {
    initials: rng.chance(0.9) ? rng.letters(2) : null,
    identifier,
    ageValue: age,
    ageUnit: 'year',
    ageGroup: age >= 65 ? 'elderly' : 'adult',
    sex: profile.sex(rng),
    weightKg: rng.chance(0.85) ? rng.int(profile.weightKg[0], profile.weightKg[1]) : null,
    medicalHistory: rng.pick(profile.histories),
    diedOn: null,
  };
}

function batchNumber(rng: Rng, profile: Profile, infusionOn: IsoDate): string {
  const year = Number(infusionOn.slice(2, 4)) - (rng.chance(0.3) ? 1 : 0);
  return `${profile.batchPrefix}-${String(year).padStart(2, '0')}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
}

function buildDrugs(ctx: Context, infusionOn: IsoDate, reactions: Reaction[]): Drug[] {
  const { rng, profile, product } = ctx;
  const drugs: Drug[] = [
    {
      key: 'd1',
      role: 'suspect',
      productId: product.productId,
      name: product.name,
      batchNumber: batchNumber(rng, profile, infusionOn),
      dose: profile.dose(rng),
      route: 'intravenous',
      actionTaken: 'not-applicable',
      dechallenge: null,
      rechallenge: 'not-done',
    },
  ];
  const concomitant = (name: string, dose: string, route: string): void => {
    drugs.push({ key: `d${drugs.length + 1}`, role: 'concomitant', productId: null, name, batchNumber: null, dose, route, actionTaken: null, dechallenge: null, rechallenge: null });
  };
  if (profile.code === 'HEM') {
    const liver = reactions.some((r) => /aminotransferase|transaminases|hepatic/i.test(r.ptName ?? ''));
    if (rng.chance(liver ? 0.6 : 0.05)) {
      concomitant('Prednisolone', '60 mg daily, tapered over 8 weeks', 'oral');
    }
  } else {
    if (rng.chance(0.7)) {
      concomitant('Ciclosporin', '3 mg/kg/day', rng.pick(['intravenous', 'oral']));
    }
    if (rng.chance(0.35)) {
      concomitant('Methotrexate', '15 mg/m2 day 1, 10 mg/m2 days 3, 6 and 11', 'intravenous');
    }
    if (rng.chance(0.5)) {
      concomitant('Aciclovir', '800 mg twice daily', 'oral');
    }
  }
  return drugs;
}

function countryFor(rng: Rng, profile: Profile, channel: Channel): string {
  const table = channel === 'spontaneous' ? profile.spontaneousCountries : channel === 'registry' ? profile.solicitedCountries : profile.trialCountries;
  return rng.weighted(table);
}

function sourceSentence(channel: Channel, reporter: Reporter, profile: Profile): string {
  const where = reporter.country ?? 'unknown country';
  switch (channel) {
    case 'spontaneous':
      return `Spontaneous report from a ${reporter.qualification ?? 'reporter'} in ${where}.`;
    case 'registry':
      return `Solicited report from the ${profile.displayName} patient registry (site in ${where}).`;
    case 'clinical-trial':
      return `Serious adverse event report from an interventional clinical study (site in ${where}).`;
  }
}

function describeReaction(r: Reaction): string {
  const seriousness = r.seriousness.length > 0 ? `serious: ${r.seriousness.join(', ')}` : 'non-serious';
  return `On ${r.onset ?? 'an unknown date'} the patient had ${r.reportedTerm} (${seriousness}); outcome: ${r.outcome}.`;
}

function narrativeOf(parts: { channel: Channel; reporter: Reporter; profile: Profile; patient: Patient; product: string; batch: string | null; infusionOn: IsoDate; reactions: Reaction[]; story?: string }): string {
  const { patient } = parts;
  const sex = patient.sex === 'male' || patient.sex === 'female' ? SEX_WORD[patient.sex] : 'patient';
  const death = patient.diedOn ? ` The patient died on ${patient.diedOn}.` : '';
  return [
    SYNTHETIC_NARRATIVE_PREFIX,
    sourceSentence(parts.channel, parts.reporter, parts.profile),
    `A ${patient.ageValue ?? '?'}-year-old ${sex} received ${parts.product} (batch ${parts.batch ?? 'unknown'}) by intravenous infusion on ${parts.infusionOn}.`,
    `Medical history: ${patient.medicalHistory ?? 'not given.'}`,
    ...[...parts.reactions].sort((a, b) => compareDates(a.onset ?? parts.infusionOn, b.onset ?? parts.infusionOn)).map(describeReaction),
    ...(parts.story ? [parts.story] : []),
  ].join(' ') + death;
}

function buildCase(ctx: Context, scenario: Scenario): Draft {
  const { rng, asOf, profile } = ctx;
  const channel = scenario.channel;
  const plans = scenario.reactions ? scenario.reactions(rng) : drawReactions(ctx);
  const receipt = addDays(asOf, -rng.int(0, ctx.windowDays - 1));
  const fatalPlan = plans.find((p) => p.fatal === true);
  const diedOn = fatalPlan ? addDays(receipt, -rng.int(0, 5)) : null;
  const firstOnset = diedOn ? addDays(diedOn, -rng.int(3, 30)) : addDays(receipt, -rng.int(0, 25));
  const first = at(plans, 0).template;
  const infusionOn = addDays(firstOnset, -rng.int(first.latency[0], first.latency[1]));

  const reactions: Reaction[] = plans.map((plan, index) => {
    const t = plan.template;
    const onset = index === 0 ? firstOnset : minDate(receipt, addDays(infusionOn, rng.int(t.latency[0], t.latency[1])));
    let seriousness: SeriousnessCriterion[] = plan.fatal ? ['death'] : [...(plan.serious ?? (rng.chance(t.seriousChance) ? t.serious : []))];
    if (channel === 'clinical-trial' && index === 0 && seriousness.length === 0) {
      seriousness = [...t.serious]; // trial cases reach the holder as serious adverse event reports
    }
    const serious = seriousness.length > 0;
    return {
      key: `r${index + 1}`,
      reportedTerm: plan.reported ?? rng.pick(t.reported),
      lltCode: null,
      lltName: null,
      ptCode: null,
      ptName: t.pt,
      socName: null,
      meddraVersion: null,
      onset,
      outcome: plan.fatal ? 'fatal' : outcomeFor(rng, serious),
      severity: plan.fatal ? 'severe' : (plan.severity ?? severityFor(rng, serious)),
      seriousness,
    };
  });

  const country = countryFor(rng, profile, channel);
  const reporters = buildReporters(rng, channel, country);
  const patient = { ...buildPatient(ctx, channel), diedOn };
  const drugs = buildDrugs(ctx, infusionOn, reactions);
  const assessed = channel !== 'spontaneous';
  const causality: Causality[] = reactions.map((r) => {
    const gvhd = /graft versus host/i.test(r.ptName ?? '');
    const reporterView = assessed || (at(reporters, 0).qualification !== 'consumer' && rng.chance(0.6)) ? assessment(rng, scenario.causality, gvhd) : null;
    return { drugKey: 'd1', reactionKey: r.key, reporter: reporterView, company: assessment(rng, scenario.causality, gvhd) };
  });
  const day0 = minDate(asOf, addDays(receipt, rng.chance(0.7) ? 0 : rng.int(1, 2)));
  const suspect = at(drugs, 0);

  const content: CaseContent = {
    reportType: channel === 'registry' ? 'solicited' : channel,
    solicitedSource: channel === 'registry' ? 'registry' : null,
    literatureReference: null,
    initialReceiptOn: receipt,
    day0,
    significant: false,
    otherIdentifiers: [],
    linkedReports: [],
    reporters,
    patient,
    reactions,
    drugs,
    causality,
    narrative: narrativeOf({ channel, reporter: at(reporters, 0), profile, patient, product: ctx.product.name, batch: suspect.batchNumber, infusionOn, reactions, story: scenario.story }),
    lackOfEfficacy: scenario.lackOfEfficacy ?? false,
    specialSituations: [...(scenario.specialSituations ?? [])],
    expectednessOverrides: [],
    nullificationReason: null,
    synthetic: true,
  };
  return { profile, product: ctx.product, versions: [{ type: 'initial', content }], submittedOn: null, duplicateOf: null, safetyReportId: '' };
}

// ---------------------------------------------------------------------------------------------------------
// Follow-ups, amendment, duplicate
// ---------------------------------------------------------------------------------------------------------

function clone(content: CaseContent): CaseContent {
  return structuredClone(content);
}

function isFatal(content: CaseContent): boolean {
  return content.reactions.some((r) => r.outcome === 'fatal');
}

function addFollowUp(rng: Rng, asOf: IsoDate, draft: Draft, change: (content: CaseContent, day0: IsoDate) => string, earliest?: IsoDate): boolean {
  const previous = latest(draft);
  const soonest = addDays(previous.day0, rng.int(14, 75));
  const day0 = earliest && compareDates(earliest, soonest) > 0 ? earliest : soonest;
  if (compareDates(day0, asOf) > 0) {
    return false;
  }
  const content = clone(previous);
  content.day0 = day0;
  content.significant = true;
  const what = change(content, day0);
  content.narrative = `${content.narrative} Follow-up received ${day0}: ${what}`;
  draft.versions.push({ type: 'follow-up', content });
  return true;
}

const resolveOutcome = (content: CaseContent, day0: IsoDate): string => {
  for (const r of content.reactions) {
    if (r.outcome !== 'fatal') {
      r.outcome = 'recovered';
    }
  }
  return `all reactions resolved by ${day0}.`;
};

/** The first reaction that can plausibly become serious (its template allows it). */
function upgradeable(profile: Profile, content: CaseContent): Reaction | undefined {
  return content.reactions.find((r) => profile.listed.some((t) => t.pt === r.ptName && t.seriousChance >= 0.1));
}

const upgradeToSerious = (profile: Profile) => (content: CaseContent): string => {
  const r = upgradeable(profile, content);
  if (!r) {
    throw new Error('upgradeToSerious needs an upgradeable reaction');
  }
  r.seriousness = ['hospitalisation'];
  r.severity = 'severe';
  r.outcome = 'recovering';
  return `the patient was hospitalised for ${r.reportedTerm}; the case is now serious.`;
};

const addChronicGvhd = (content: CaseContent, day0: IsoDate): string => {
  const key = `r${content.reactions.length + 1}`;
  content.reactions.push({
    key,
    reportedTerm: 'chronic GvHD of mouth and eyes',
    lltCode: null,
    lltName: null,
    ptCode: null,
    ptName: 'Chronic graft versus host disease',
    socName: null,
    meddraVersion: null,
    onset: addDays(day0, -7),
    outcome: 'not-recovered',
    severity: 'moderate',
    seriousness: ['other-medically-important'],
  });
  content.causality.push({ drugKey: 'd1', reactionKey: key, reporter: 'probable', company: 'probable' });
  return 'chronic GvHD of mouth and eyes diagnosed (new reaction).';
};

/** Picks up to `count` drafts matching `eligible`, at random, and applies `apply` until it succeeds. */
function applyTo(rng: Rng, drafts: Draft[], count: number, eligible: (d: Draft) => boolean, apply: (d: Draft) => boolean): void {
  const pool = drafts.filter(eligible);
  let done = 0;
  while (done < count && pool.length > 0) {
    const [chosen] = pool.splice(rng.int(0, pool.length - 1), 1);
    if (chosen && apply(chosen)) {
      done++;
    }
  }
}

function addFollowUps(rng: Rng, asOf: IsoDate, profile: Profile, drafts: Draft[]): void {
  const early = (d: Draft): boolean => daysBetween(latest(d).day0, asOf) >= 80 && d.versions.length === 1 && !isFatal(latest(d));
  const unresolved = (d: Draft): boolean =>
    early(d) &&
    latest(d).reactions.some((r) => r.outcome === 'recovering' || r.outcome === 'not-recovered') &&
    !latest(d).reactions.some((r) => /^chronic graft/i.test(r.ptName ?? ''));
  const nonSerious = (d: Draft): boolean => early(d) && latest(d).reactions.every((r) => r.seriousness.length === 0) && upgradeable(profile, latest(d)) !== undefined;
  const acuteGvhdOnset = (d: Draft): IsoDate | null => latest(d).reactions.find((r) => /^acute graft/i.test(r.ptName ?? ''))?.onset ?? null;
  const zem = profile.code === 'ZEM';
  applyTo(rng, drafts, 3, unresolved, (d) => addFollowUp(rng, asOf, d, resolveOutcome));
  applyTo(rng, drafts, zem ? 1 : 2, nonSerious, (d) => addFollowUp(rng, asOf, d, upgradeToSerious(profile)));
  if (zem) {
    // Chronic GvHD is a late event: diagnosed at least 100 days after the acute GvHD onset.
    applyTo(rng, drafts, 1, (d) => early(d) && acuteGvhdOnset(d) !== null, (d) => addFollowUp(rng, asOf, d, addChronicGvhd, addDays(acuteGvhdOnset(d) ?? latest(d).day0, rng.int(100, 160))));
  }
}

function addAmendment(rng: Rng, drafts: Draft[]): void {
  applyTo(rng, drafts, 1, (d) => !isFatal(latest(d)), (d) => {
    const previous = latest(d);
    const content = clone(previous);
    const suspect = at(content.drugs, 0);
    const wrong = suspect.batchNumber ?? 'unknown';
    const digits = wrong.slice(-4);
    const corrected = `${wrong.slice(0, -4)}${digits.slice(0, 2)}${digits.charAt(3)}${digits.charAt(2)}`;
    suspect.batchNumber = corrected === wrong ? `${wrong.slice(0, -1)}${(Number(wrong.slice(-1)) + 1) % 10}` : corrected;
    content.significant = false;
    content.narrative = `${content.narrative} Amendment (correction, no new information): batch number corrected from ${wrong} to ${suspect.batchNumber}.`;
    d.versions.push({ type: 'amendment', content });
    return true;
  });
}

/** A second report of the same Hemgenix case from another reporter, carrying the first one's id. */
function addDuplicate(ctx: Context, drafts: Draft[]): void {
  const { rng, asOf } = ctx;
  const candidates = drafts.filter((d) => {
    const c = latest(d);
    return c.reportType === 'spontaneous' && d.versions.length === 1 && daysBetween(c.initialReceiptOn, asOf) >= 30 && c.patient.initials !== null;
  });
  const original = candidates.length > 0 ? rng.pick(candidates) : drafts[0];
  if (!original) {
    return;
  }
  const content = clone(at(original.versions, 0).content);
  const receipt = addDays(content.initialReceiptOn, rng.int(3, 20));
  content.initialReceiptOn = minDate(asOf, receipt);
  content.day0 = content.initialReceiptOn;
  const primary = at(content.reporters, 0);
  const qualification: Qualification = primary.qualification === 'pharmacist' ? 'physician' : 'pharmacist';
  content.reporters = [{ name: `Reporter ${rng.letters(2)} (synthetic)`, qualification, country: primary.country, primarySource: true }];
  for (const r of content.reactions) {
    r.reportedTerm = `${r.reportedTerm} (reported again)`;
  }
  content.narrative = content.narrative.replace(/Spontaneous report from a [^.]*\./, `Spontaneous report from a ${qualification} in ${primary.country ?? 'unknown country'} about the same patient and event (duplicate of an earlier report).`);
  drafts.push({ profile: original.profile, product: original.product, versions: [{ type: 'initial', content }], submittedOn: null, duplicateOf: original, safetyReportId: '' });
}

// ---------------------------------------------------------------------------------------------------------
// Submission of the first clock
// ---------------------------------------------------------------------------------------------------------

function submissionOf(rng: Rng, asOf: IsoDate, content: CaseContent): IsoDate | null {
  const primary = content.reporters.find((r) => r.primarySource);
  const pairs = content.causality.flatMap((c) => [c.reporter, c.company]).filter((a): a is CausalityAssessment => a !== null);
  const clock = icsrClock({
    day0: content.day0,
    serious: content.reactions.some((r) => r.seriousness.length > 0),
    eea: EEA_COUNTRIES.has(primary?.country ?? ''),
    type: content.reportType,
    fatalOrLifeThreatening: content.reactions.some((r) => r.seriousness.includes('death') || r.seriousness.includes('life-threatening')),
    causalityPossible: pairs.length === 0 ? null : pairs.some((a) => REASONABLY_POSSIBLE.includes(a)),
  });
  if (clock.due === null) {
    return null;
  }
  const due = clock.due.date;
  if (compareDates(due, asOf) < 0) {
    const roll = rng.next();
    if (roll < 0.85) {
      return addDays(content.day0, rng.int(1, clock.days));
    }
    return roll < 0.95 ? minDate(asOf, addDays(due, rng.int(1, 12))) : null;
  }
  const early = addDays(content.day0, rng.int(1, Math.max(1, Math.min(clock.days, daysBetween(content.day0, asOf)))));
  return compareDates(early, asOf) <= 0 && rng.chance(0.5) ? early : null;
}

// ---------------------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------------------

function profileOf(product: SyntheticProductRef): { profile: Profile; scenarios: Scenario[] } | null {
  const names = [product.name, product.key].map((n) => n.trim().toLowerCase());
  if (names.includes('hemgenix')) {
    return { profile: HEMGENIX, scenarios: HEMGENIX_SCENARIOS };
  }
  if (names.includes('zemcelpro')) {
    return { profile: ZEMCELPRO, scenarios: ZEMCELPRO_SCENARIOS };
  }
  return null;
}

function assignIds(drafts: Draft[]): void {
  const ordered = drafts
    .map((draft, index) => ({ draft, index }))
    .sort((a, b) => compareDates(at(a.draft.versions, 0).content.initialReceiptOn, at(b.draft.versions, 0).content.initialReceiptOn) || a.index - b.index);
  const perYear = new Map<string, number>();
  for (const { draft } of ordered) {
    const year = at(draft.versions, 0).content.initialReceiptOn.slice(0, 4);
    const next = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, next);
    draft.safetyReportId = `SYN-${draft.profile.code}-${year}-${String(next).padStart(4, '0')}`;
  }
  drafts.splice(0, drafts.length, ...ordered.map((o) => o.draft));
}

function generateFor(product: SyntheticProductRef, profile: Profile, scenarios: Scenario[], asOf: IsoDate, seed: number): SyntheticCase[] {
  const rng = new Rng((seed ^ hash(profile.code)) >>> 0);
  const start = product.authorisedOn === undefined ? addMonths(asOf, -24) : maxDate(addMonths(asOf, -24), product.authorisedOn);
  const windowDays = Math.max(1, daysBetween(start, asOf));
  const ctx: Context = { rng, asOf, windowDays, profile, product };
  const drafts: Draft[] = scenarios.flatMap((scenario) => Array.from({ length: scenario.count }, () => buildCase(ctx, scenario)));
  if (profile.code === 'HEM') {
    addDuplicate(ctx, drafts);
  }
  addFollowUps(rng, asOf, profile, drafts.filter((d) => d.duplicateOf === null));
  if (profile.code === 'HEM') {
    addAmendment(rng, drafts.filter((d) => d.duplicateOf === null));
  }
  assignIds(drafts);
  for (const draft of drafts) {
    if (draft.duplicateOf) {
      const reference = { source: `${product.name} holder safety report id (earlier report of the same case)`, id: draft.duplicateOf.safetyReportId };
      for (const version of draft.versions) {
        version.content.otherIdentifiers.push({ ...reference });
      }
    }
    draft.submittedOn = submissionOf(rng, asOf, at(draft.versions, 0).content);
  }
  return drafts.map((d) => ({ productKey: product.key, safetyReportId: d.safetyReportId, versions: d.versions, submittedOn: d.submittedOn }));
}

/**
 * Generated demo cases for the demo products among `products` (others get none). Deterministic for a
 * given input; every date is on or before `asOf`.
 */
export function syntheticCases(input: SyntheticCasesInput): SyntheticCase[] {
  const seed = input.seed ?? DEFAULT_SYNTHETIC_SEED;
  return input.products.flatMap((product) => {
    const found = profileOf(product);
    return found ? generateFor(product, found.profile, found.scenarios, input.asOf, seed) : [];
  });
}
