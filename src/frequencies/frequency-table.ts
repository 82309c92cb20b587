/**
 * The frequency table of one run (pharmacovigilance §5), from patient counts made in PostgreSQL and the
 * exposure figures: per listed term and outcome rate the observed proportion from solicited (study and
 * registry) data with its exact interval against the stated rate or band, and the spontaneous reporting
 * rate; per reported PT whether it is listed; per primary SOC the totals. Pure.
 */
import type { IsoDate } from '../common/calendar-date';
import { type FrequencyBand, type ReferenceTerm, STATED_OUTCOMES, type StatedOutcome } from '../reference-safety/reference-terms';
import { compareWithLabel, type FrequencyFlag, type Interval, type LabelComparison, type StatedFrequency } from './frequency-statistics';

export const RESULT_LEVELS = ['term', 'outcome', 'pt', 'soc'] as const;
export type ResultLevel = (typeof RESULT_LEVELS)[number];

/** Distinct patients (not reports) in one group; solicited + spontaneous can exceed patients when a patient is in both. */
export interface PatientCounts {
  patients: number;
  serious: number;
  fatal: number;
  solicited: number;
  spontaneous: number;
}

/** One group counted by the database: a listed term (key = its position), an outcome, a reported name, or a SOC. */
export interface CountRow extends PatientCounts {
  level: ResultLevel;
  key: string;
  label: string;
  /** For a reported name: the listed terms it falls under (empty = unlisted). */
  listedTerms: string[];
  /** For a reported name: was it recorded as a PT (true) or only as the reporter's words (false)? */
  coded: boolean;
}

export const EXPOSURE_KINDS = ['registry', 'study', 'treated', 'dose-estimate'] as const;
export type ExposureKind = (typeof EXPOSURE_KINDS)[number];

/** An exposure figure as used by a run (cumulative patients on the day it was counted). */
export interface ExposureFigure {
  id: string;
  kind: ExposureKind;
  countedOn: IsoDate;
  patients: number;
  source: string;
  followUpMedianMonths: number | null;
  followUpMaxMonths: number | null;
  patientYears: number | null;
}

export interface FollowUp {
  medianMonths: number | null;
  maxMonths: number | null;
  patientYears: number | null;
  /** Which figures it comes from, e.g. "registry, counted on 2026-10-31". */
  basis: string;
}

/** The denominators of a run: patients enrolled in registries and studies (solicited data), and patients treated (spontaneous). */
export interface Denominators {
  solicited: { patients: number; figures: ExposureFigure[] } | null;
  spontaneous: { patients: number; figure: ExposureFigure } | null;
}

export interface FrequencyRow {
  level: ResultLevel;
  label: string;
  listedTerms: string[];
  patients: number;
  serious: number;
  fatal: number;
  solicitedPatients: number;
  solicitedExposed: number | null;
  proportion: number | null;
  interval: Interval | null;
  spontaneousPatients: number;
  spontaneousExposed: number | null;
  reportingRate: number | null;
  statedRatePercent: number | null;
  statedBand: FrequencyBand | null;
  flag: FrequencyFlag | null;
  explanation: string;
  followUp: FollowUp | null;
}

export interface TableInput {
  terms: readonly ReferenceTerm[];
  /** False when no reference safety information was in force on the data lock point: listedness cannot be judged. */
  referenceInForce: boolean;
  /** False when the reference list is known to be partial: "unlisted" may then only mean "not in the partial list". */
  referenceComplete: boolean;
  counts: readonly CountRow[];
  denominators: Denominators;
}

const NO_COUNTS: PatientCounts = { patients: 0, serious: 0, fatal: 0, solicited: 0, spontaneous: 0 };

/** Follow-up of the solicited population (registries and studies): the figures' own, named. */
export function followUpOf(denominators: Denominators): FollowUp | null {
  const figures = denominators.solicited?.figures.filter((f) => f.followUpMedianMonths !== null || f.followUpMaxMonths !== null || f.patientYears !== null) ?? [];
  if (figures.length === 0) {
    return null;
  }
  const sum = (values: (number | null)[]): number | null => (values.every((v) => v === null) ? null : values.reduce<number>((total, v) => total + (v ?? 0), 0));
  return {
    // Medians of two populations do not combine: with more than one figure, the first (largest) one's is shown and named.
    medianMonths: figures[0]?.followUpMedianMonths ?? null,
    maxMonths: Math.max(...figures.map((f) => f.followUpMaxMonths ?? 0)) || null,
    // Patient-years are recorded to 0.1: their sum is given to 0.1 too (21.5 + 40.7 is 62.2, not 62.199999999999996).
    patientYears: roundTo(sum(figures.map((f) => f.patientYears)), 1),
    basis: figures.map((f) => `${f.kind} (${f.patients} patients), counted on ${f.countedOn}: ${f.source}`).join('; '),
  };
}

/** `value` rounded to `decimals` places (null stays null). */
export function roundTo(value: number | null, decimals: number): number | null {
  if (value === null) {
    return null;
  }
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

interface Judged {
  flag: 'exceeds' | null;
  solicited: LabelComparison | null;
  spontaneous: LabelComparison | null;
  notes: string[];
}

/** One side (solicited or spontaneous) held against the label, or a note why it cannot be. */
function side(cases: number, exposed: number | null, stated: StatedFrequency, basis: 'incidence' | 'reporting-rate', notes: string[]): LabelComparison | null {
  const name = basis === 'incidence' ? 'solicited (registry/study)' : 'spontaneous';
  if (exposed === null) {
    if (cases > 0) {
      notes.push(`${cases} ${name} patient(s), but no ${basis === 'incidence' ? 'registry or study enrolment' : 'patients-treated figure or dose estimate'} is recorded: no ${basis === 'incidence' ? 'proportion' : 'reporting rate'}`);
    }
    return null;
  }
  if (cases > exposed) {
    notes.push(`${cases} ${name} patients with the reaction but only ${exposed} exposed: check the exposure figures — no ${basis === 'incidence' ? 'proportion' : 'reporting rate'} given`);
    return null;
  }
  return compareWithLabel(cases, exposed, stated, basis);
}

/** The figures of a group, held against the label when it states something (stated = null: figures only). */
function judge(counts: PatientCounts, stated: StatedFrequency | null, denominators: Denominators): Judged {
  const notes: string[] = [];
  const against = stated ?? { rate: null, band: null };
  const solicited = side(counts.solicited, denominators.solicited?.patients ?? null, against, 'incidence', notes);
  const spontaneous = side(counts.spontaneous, denominators.spontaneous?.patients ?? null, against, 'reporting-rate', notes);
  if (solicited !== null) {
    notes.unshift(stated === null ? solicited.observed : solicited.explanation);
  }
  if (spontaneous !== null && (counts.spontaneous > 0 || solicited === null)) {
    const estimate = denominators.spontaneous?.figure.kind === 'dose-estimate' ? ' (denominator estimated from distributed doses)' : '';
    notes.push(`${stated === null ? spontaneous.observed : spontaneous.explanation}${estimate}`);
  }
  const flag = solicited?.flag === 'exceeds' || spontaneous?.flag === 'exceeds' ? 'exceeds' : null;
  return { flag, solicited, spontaneous, notes };
}

function row(level: ResultLevel, label: string, counts: PatientCounts, judged: Judged, extra: Partial<FrequencyRow>): FrequencyRow {
  return {
    level,
    label,
    listedTerms: [],
    patients: counts.patients,
    serious: counts.serious,
    fatal: counts.fatal,
    solicitedPatients: counts.solicited,
    solicitedExposed: judged.solicited?.exposed ?? null,
    proportion: judged.solicited?.proportion ?? null,
    interval: judged.solicited?.interval ?? null,
    spontaneousPatients: counts.spontaneous,
    spontaneousExposed: judged.spontaneous?.exposed ?? null,
    reportingRate: judged.spontaneous?.proportion ?? null,
    statedRatePercent: null,
    statedBand: null,
    flag: judged.flag,
    explanation: judged.notes.join('; ') || 'no patients',
    followUp: null,
    ...extra,
  };
}

function statedOf(term: ReferenceTerm): StatedFrequency {
  return { rate: term.statedRatePercent === null ? null : term.statedRatePercent / 100, band: term.frequencyBand };
}

const OUTCOME_WORDS: Record<StatedOutcome, string> = {
  fatal: 'a reaction with a fatal outcome',
  serious: 'a serious reaction',
  'life-threatening': 'a life-threatening reaction',
  hospitalisation: 'a reaction leading to or prolonging hospitalisation',
  disability: 'a reaction leading to disability',
};

/**
 * The rows of a run, in a stable order: listed terms (RSI order), outcome rates, reported names (most
 * patients first), SOCs (most patients first). Flags: "exceeds" on listed terms and outcome rates; "unlisted"
 * on a reported PT under no listed term; "uncoded" on a reaction recorded only in the reporter's words.
 */
export function buildFrequencyTable(input: TableInput): FrequencyRow[] {
  const { denominators } = input;
  const byKey = new Map(input.counts.map((c) => [`${c.level}:${c.key}`, c]));
  const followUp = followUpOf(denominators);
  const rows: FrequencyRow[] = [];
  input.terms.forEach((term, position) => {
    if (term.kind !== 'reaction') {
      return;
    }
    const counts = byKey.get(`term:${position}`) ?? NO_COUNTS;
    const stated = statedOf(term);
    const judged = judge(counts, stated, denominators);
    if (term.lateOnset) {
      judged.notes.push(followUp === null ? 'late event: no follow-up time is recorded with the exposure' : `late event: patients followed ${describeFollowUp(followUp)}`);
    }
    rows.push(row('term', term.term, counts, judged, { statedRatePercent: term.statedRatePercent, statedBand: term.frequencyBand, followUp: term.lateOnset ? followUp : null }));
  });
  for (const term of input.terms.filter((t) => t.kind === 'outcome')) {
    if (term.outcome === null || !STATED_OUTCOMES.includes(term.outcome)) {
      rows.push(row('outcome', term.term, NO_COUNTS, { flag: null, solicited: null, spontaneous: null, notes: ['which outcome this rate counts is not recorded with the reference information: not computed'] }, { statedRatePercent: term.statedRatePercent, statedBand: term.frequencyBand }));
      continue;
    }
    const counts = byKey.get(`outcome:${term.outcome}`) ?? NO_COUNTS;
    const judged = judge(counts, statedOf(term), denominators);
    judged.notes.unshift(`patients with ${OUTCOME_WORDS[term.outcome]} over patients exposed (an outcome across reactions)`);
    rows.push(row('outcome', term.term, counts, judged, { statedRatePercent: term.statedRatePercent, statedBand: term.frequencyBand }));
  }
  const byPatients = (a: CountRow, b: CountRow): number => b.patients - a.patients || a.label.localeCompare(b.label);
  for (const counts of input.counts.filter((c) => c.level === 'pt').sort(byPatients)) {
    rows.push(reportedRow(counts, input, denominators));
  }
  for (const counts of input.counts.filter((c) => c.level === 'soc').sort(byPatients)) {
    rows.push(row('soc', counts.label, counts, judge(counts, null, denominators), {}));
  }
  return rows;
}

function reportedRow(counts: CountRow, input: Pick<TableInput, 'referenceInForce' | 'referenceComplete'>, denominators: Denominators): FrequencyRow {
  const judged = judge(counts, null, denominators);
  if (!input.referenceInForce) {
    return row('pt', counts.label, counts, { ...judged, notes: ['no reference safety information in force on the data lock point: listedness not judged', ...judged.notes] }, {});
  }
  if (counts.listedTerms.length > 0) {
    return row('pt', counts.label, counts, { ...judged, notes: [`listed under ${counts.listedTerms.map((t) => `"${t}"`).join(', ')} (judged there)`, ...judged.notes] }, { listedTerms: counts.listedTerms });
  }
  if (!counts.coded) {
    return row('pt', counts.label, counts, { ...judged, notes: ['recorded in the reporter’s words only (no PT): code it to decide whether it is listed', ...judged.notes] }, { flag: 'uncoded' });
  }
  const partial = input.referenceComplete ? '' : ' (the reference list is known to be incomplete: check the full label)';
  return row('pt', counts.label, counts, { ...judged, notes: [`not in the reference safety information${partial}`, ...judged.notes] }, { flag: 'unlisted' });
}

function describeFollowUp(followUp: FollowUp): string {
  const parts = [
    followUp.medianMonths === null ? null : `median ${followUp.medianMonths} months`,
    followUp.maxMonths === null ? null : `up to ${followUp.maxMonths} months`,
    followUp.patientYears === null ? null : `${followUp.patientYears} patient-years`,
  ].filter((p): p is string => p !== null);
  return `${parts.join(', ')} (${followUp.basis})`;
}
