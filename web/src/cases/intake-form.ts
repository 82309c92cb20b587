import { fieldErrors } from '../api/errors';
import type { components } from '../api/schema';

/** The body of POST /api/safety-cases (and of POST /api/safety-cases/assessment), from the generated client. */
export type CreateCaseBody = components['schemas']['CreateCaseDto'];
type ReactionBody = components['schemas']['ReactionDto'];
type DrugBody = components['schemas']['DrugDto'];
type ReporterBody = components['schemas']['ReporterDto'];
type PatientBody = components['schemas']['PatientDto'];

/** Compiles only while `list` names every value the generated client allows (and nothing else). */
function allOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : 'missing values')): L => list;
}

export const REPORT_TYPES = allOf<CreateCaseBody['reportType']>()(['spontaneous', 'solicited', 'literature', 'clinical-trial', 'eudravigilance']);
export const QUALIFICATIONS = allOf<NonNullable<ReporterBody['qualification']>>()(['physician', 'pharmacist', 'other-health-professional', 'lawyer', 'consumer']);
export const SEXES = allOf<NonNullable<PatientBody['sex']>>()(['male', 'female', 'unknown']);
export const AGE_UNITS = allOf<NonNullable<PatientBody['ageUnit']>>()(['year', 'month', 'week', 'day']);
export const OUTCOMES = allOf<NonNullable<ReactionBody['outcome']>>()(['recovered', 'recovering', 'not-recovered', 'recovered-with-sequelae', 'fatal', 'unknown']);
export const SEVERITIES = allOf<NonNullable<ReactionBody['severity']>>()(['mild', 'moderate', 'severe']);
export const CRITERIA = allOf<NonNullable<ReactionBody['seriousness']>[number]>()(['death', 'life-threatening', 'hospitalisation', 'disability', 'congenital-anomaly', 'other-medically-important']);
export const DRUG_ROLES = allOf<DrugBody['role']>()(['suspect', 'concomitant', 'interacting', 'not-administered']);
export const ACTIONS = allOf<NonNullable<DrugBody['actionTaken']>>()(['withdrawn', 'dose-reduced', 'dose-increased', 'dose-not-changed', 'not-applicable', 'unknown']);
export const CHALLENGES = allOf<NonNullable<DrugBody['dechallenge']>>()(['positive', 'negative', 'not-done', 'unknown']);
export const CAUSALITY = allOf<NonNullable<components['schemas']['CausalityDto']['reporter']>>()(['certain', 'probable', 'possible', 'unlikely', 'unrelated', 'unassessable']);
export const SPECIAL_SITUATIONS = allOf<NonNullable<CreateCaseBody['specialSituations']>[number]>()([
  'loss-of-factor-ix-expression',
  'graft-failure',
  'infection-transmitted-by-product',
  'overdose',
  'medication-error',
  'misuse',
  'abuse',
  'off-label-use',
  'occupational-exposure',
  'pregnancy-exposure',
  'breastfeeding-exposure',
  'other',
]);

export interface ReporterValues {
  name: string;
  qualification: string;
  country: string;
  primarySource: boolean;
}

export interface ReactionValues {
  key: string;
  reportedTerm: string;
  /** Set when a MedDRA term was chosen from the dictionary search; then `ptName` is its PT, shown only. */
  lltCode: number | null;
  ptName: string;
  onset: string;
  outcome: string;
  severity: string;
  seriousness: string[];
}

export interface DrugValues {
  key: string;
  role: string;
  productId: string;
  name: string;
  batchNumber: string;
  dose: string;
  route: string;
  actionTaken: string;
  dechallenge: string;
  rechallenge: string;
}

/** Everything the form holds, as typed (strings for inputs); only in memory, never in browser storage. */
export interface IntakeValues {
  product: string;
  reportType: string;
  literatureReference: string;
  initialReceiptOn: string;
  day0: string;
  otherIdentifiers: { source: string; id: string }[];
  reporters: ReporterValues[];
  patient: { initials: string; identifier: string; ageValue: number | string; ageUnit: string; sex: string; weightKg: number | string; medicalHistory: string; diedOn: string };
  reactions: ReactionValues[];
  drugs: DrugValues[];
  /** Causality by `drugKey/reactionKey`: the reporter's and the company's assessment. */
  causality: Record<string, { reporter: string; company: string }>;
  narrative: string;
  lackOfEfficacy: boolean;
  specialSituations: string[];
}

export function newReporter(primarySource: boolean): ReporterValues {
  return { name: '', qualification: '', country: '', primarySource };
}

export function newReaction(key: string): ReactionValues {
  return { key, reportedTerm: '', lltCode: null, ptName: '', onset: '', outcome: 'unknown', severity: '', seriousness: [] };
}

export function newDrug(key: string): DrugValues {
  return { key, role: 'suspect', productId: '', name: '', batchNumber: '', dose: '', route: '', actionTaken: '', dechallenge: '', rechallenge: '' };
}

/** The next free key with a prefix ("r3" after r1, r2): keys stay with their rows when others are removed. */
export function nextKey(prefix: string, rows: readonly { key: string }[]): string {
  const used = rows.map((r) => Number(r.key.slice(prefix.length))).filter((n) => Number.isInteger(n));
  return `${prefix}${Math.max(0, ...used) + 1}`;
}

export function initialValues(today: string): IntakeValues {
  return {
    product: '',
    reportType: 'spontaneous',
    literatureReference: '',
    initialReceiptOn: today,
    day0: '',
    otherIdentifiers: [],
    reporters: [newReporter(true)],
    patient: { initials: '', identifier: '', ageValue: '', ageUnit: '', sex: '', weightKg: '', medicalHistory: '', diedOn: '' },
    reactions: [newReaction('r1')],
    drugs: [newDrug('d1')],
    causality: {},
    narrative: '',
    lackOfEfficacy: false,
    specialSituations: [],
  };
}

function text(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
  return list.find((item) => item === value);
}

function count(value: number | string): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/**
 * The API's body for what is typed: empty fields left out, rows with nothing typed left out (a reporter, a
 * reaction or a drug counts once it has something), causality only for the pairs assessed.
 */
export function toBody(values: IntakeValues): CreateCaseBody {
  const reporters: ReporterBody[] = values.reporters
    .filter((r) => r.name.trim() !== '' || r.qualification !== '' || r.country.trim() !== '')
    .map((r) => ({ name: text(r.name), qualification: oneOf(QUALIFICATIONS, r.qualification), country: text(r.country)?.toUpperCase(), primarySource: r.primarySource }));
  const reactions: ReactionBody[] = values.reactions
    .filter((r) => r.reportedTerm.trim() !== '' || r.lltCode !== null || r.ptName.trim() !== '')
    .map((r) => ({
      key: r.key,
      reportedTerm: r.reportedTerm.trim() === '' ? r.ptName.trim() : r.reportedTerm.trim(),
      lltCode: r.lltCode ?? undefined,
      ptName: r.lltCode === null ? text(r.ptName) : undefined,
      onset: text(r.onset),
      outcome: oneOf(OUTCOMES, r.outcome),
      severity: oneOf(SEVERITIES, r.severity),
      seriousness: r.seriousness.flatMap((c) => oneOf(CRITERIA, c) ?? []),
    }));
  const drugs: DrugBody[] = values.drugs
    .filter((d) => d.name.trim() !== '' || d.productId !== '')
    .map((d) => ({
      key: d.key,
      role: oneOf(DRUG_ROLES, d.role) ?? 'suspect',
      productId: text(d.productId),
      name: d.name.trim(),
      batchNumber: text(d.batchNumber),
      dose: text(d.dose),
      route: text(d.route),
      actionTaken: oneOf(ACTIONS, d.actionTaken),
      dechallenge: oneOf(CHALLENGES, d.dechallenge),
      rechallenge: oneOf(CHALLENGES, d.rechallenge),
    }));
  const drugKeys = new Set(drugs.map((d) => d.key));
  const reactionKeys = new Set(reactions.map((r) => r.key));
  const causality = Object.entries(values.causality).flatMap(([pair, assessed]) => {
    const [drugKey = '', reactionKey = ''] = pair.split('/');
    const reporter = oneOf(CAUSALITY, assessed.reporter);
    const company = oneOf(CAUSALITY, assessed.company);
    return drugKeys.has(drugKey) && reactionKeys.has(reactionKey) && (reporter !== undefined || company !== undefined) ? [{ drugKey, reactionKey, reporter, company }] : [];
  });
  const p = values.patient;
  return {
    product: values.product,
    reportType: oneOf(REPORT_TYPES, values.reportType) ?? 'spontaneous',
    literatureReference: text(values.literatureReference),
    initialReceiptOn: values.initialReceiptOn,
    day0: text(values.day0),
    otherIdentifiers: values.otherIdentifiers.filter((o) => o.id.trim() !== '').map((o) => ({ source: o.source.trim(), id: o.id.trim() })),
    reporters,
    patient: {
      initials: text(p.initials),
      identifier: text(p.identifier),
      ageValue: count(p.ageValue),
      ageUnit: oneOf(AGE_UNITS, p.ageUnit),
      sex: oneOf(SEXES, p.sex),
      weightKg: count(p.weightKg),
      medicalHistory: text(p.medicalHistory),
      diedOn: text(p.diedOn),
    },
    reactions,
    drugs,
    causality,
    narrative: text(values.narrative),
    lackOfEfficacy: values.lackOfEfficacy,
    specialSituations: values.specialSituations.flatMap((s) => oneOf(SPECIAL_SITUATIONS, s) ?? []),
  };
}

/**
 * The API's problems by form path: `reactions[0].onset` is the form's `reactions.0.onset`. Rows left out of
 * the body (nothing typed) shift indexes, so a row's index is mapped back through the rows sent.
 */
export function formErrors(error: unknown, values: IntakeValues): Record<string, string> {
  const sent = {
    reporters: values.reporters.flatMap((r, i) => (r.name.trim() !== '' || r.qualification !== '' || r.country.trim() !== '' ? [i] : [])),
    reactions: values.reactions.flatMap((r, i) => (r.reportedTerm.trim() !== '' || r.lltCode !== null || r.ptName.trim() !== '' ? [i] : [])),
    drugs: values.drugs.flatMap((d, i) => (d.name.trim() !== '' || d.productId !== '' ? [i] : [])),
  };
  const result: Record<string, string> = {};
  for (const [field, problem] of Object.entries(fieldErrors(error))) {
    const path = field.replace(/^(reporters|reactions|drugs)\[(\d+)\]/, (_m, list: keyof typeof sent, index: string) => `${list}.${sent[list][Number(index)] ?? index}`).replace(/\[(\d+)\]/g, '.$1');
    result[path] = result[path] === undefined ? problem : `${result[path]}; ${problem}`;
  }
  return result;
}
