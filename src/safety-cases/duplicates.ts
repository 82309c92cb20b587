/**
 * Duplicate detection (GVP VI Addendum I; in the spirit of WHO-UMC vigiMatch): a report whose other case
 * identifiers name another's safety report id or worldwide id is a duplicate for certain; otherwise the
 * evidence of the fields both reports know is weighed. Linked reports (mother–child) are related, never
 * duplicates. Pure functions.
 */
import type { IsoDate } from '../common/calendar-date';
import type { AgeUnit, CaseContent, Sex } from './case-content';
import { isSuspected, primarySourceCountry } from './triage';

export interface DuplicateProfile {
  caseId: string;
  safetyReportId: string;
  worldwideId: string;
  otherIdentifiers: string[];
  linkedReports: string[];
  patientSex: Sex | null;
  patientAgeYears: number | null;
  patientInitials: string | null;
  /** The primary source's country. */
  country: string | null;
  onsetDates: IsoDate[];
  /** PT names (the reported term when uncoded), compared case-insensitively. */
  ptNames: string[];
  /** Suspect and interacting drugs, compared case-insensitively. */
  suspectDrugNames: string[];
  batchNumbers: string[];
  initialReceiptOn: IsoDate;
}

/** The evidence fields, in the order `matched` and `conflicting` list them. */
export const DUPLICATE_FIELDS = [
  'other-identifier',
  'worldwide-id',
  'reaction',
  'suspect-drug',
  'onset-date',
  'patient-sex',
  'patient-age',
  'initials',
  'country',
  'batch-number',
] as const;
export type DuplicateField = (typeof DUPLICATE_FIELDS)[number];

export interface DuplicateMatch {
  /** The other case. */
  caseId: string;
  certain: boolean;
  /** 0..1: 1 when certain, else the weighted evidence (clamped). */
  score: number;
  matched: DuplicateField[];
  conflicting: DuplicateField[];
}

/** Scores below this are not shown as possible duplicates. */
export const DUPLICATE_THRESHOLD = 0.6;

/** Ages further apart than this (in years) conflict; closer ones agree. */
export const AGE_TOLERANCE_YEARS = 2;

/**
 * Evidence weights in points out of 100 (score = points / 100, clamped to 0..1). Agreement on a field adds its
 * `agree` weight, a conflict on a field that both reports know subtracts its `conflict` weight, and a field
 * unknown on either side is neutral.
 *
 * | field         | agrees when                              | agree | conflicts when                          | conflict |
 * |---------------|------------------------------------------|-------|-----------------------------------------|----------|
 * | reaction      | ≥ 1 shared PT (required to be a candidate)| 20 (+5 per further shared PT, ≤ +10) | — | — |
 * | suspect-drug  | ≥ 1 shared suspect/interacting drug name | 15    | none shared                             | 10       |
 * | onset-date    | ≥ 1 shared onset date                    | 20    | none shared                             | 10       |
 * | patient-sex   | same sex (male/female)                   | 10    | different sex                           | 30       |
 * | patient-age   | ≤ 2 years apart                          | 15    | > 2 years apart                         | 30       |
 * | initials      | same letters (dots, spaces ignored)      | 10    | different letters                       | 10       |
 * | country       | same primary-source country              | 5     | different country                       | 30       |
 * | batch-number  | ≥ 1 shared batch number                  | 15    | — (batches are often partial)           | —        |
 *
 * Rare fields that agree (dates, batch) weigh more than common ones (sex, country); a conflict on a hard fact
 * (sex, age, country) almost rules a duplicate out, as in vigiMatch's hit–miss model. Same PT, suspect drug,
 * sex, age and country (65) is just above the threshold; same PT, drug and onset date alone (55) is not.
 */
const WEIGHTS = {
  reaction: { agree: 20, perFurther: 5, furtherCap: 10 },
  'suspect-drug': { agree: 15, conflict: 10 },
  'onset-date': { agree: 20, conflict: 10 },
  'patient-sex': { agree: 10, conflict: 30 },
  'patient-age': { agree: 15, conflict: 30 },
  initials: { agree: 10, conflict: 10 },
  country: { agree: 5, conflict: 30 },
  'batch-number': { agree: 15 },
} as const;

const YEARS_PER_UNIT: Record<AgeUnit, number> = { year: 1, month: 1 / 12, week: 7 / 365.25, day: 1 / 365.25 };

function normalised(values: readonly string[], normalise: (value: string) => string = (value) => value.trim().toLowerCase()): Set<string> {
  return new Set(values.map(normalise).filter((value) => value !== ''));
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function initialsKey(initials: string | null): string | null {
  const letters = (initials ?? '').replace(/[^\p{L}]/gu, '').toUpperCase();
  return letters === '' ? null : letters;
}

function batchKey(batch: string): string {
  return batch.replace(/\s+/g, '').toUpperCase();
}

/** The fields of a case version that duplicate detection compares. */
export function profileOf(caseId: string, safetyReportId: string, worldwideId: string, content: Readonly<CaseContent>): DuplicateProfile {
  const { patient } = content;
  const suspects = content.drugs.filter(isSuspected);
  return {
    caseId,
    safetyReportId,
    worldwideId,
    otherIdentifiers: content.otherIdentifiers.map((other) => other.id),
    linkedReports: [...content.linkedReports],
    patientSex: patient.sex,
    patientAgeYears: patient.ageValue !== null && patient.ageUnit !== null ? patient.ageValue * YEARS_PER_UNIT[patient.ageUnit] : null,
    patientInitials: patient.initials,
    country: primarySourceCountry(content),
    onsetDates: sorted(new Set(content.reactions.flatMap((reaction) => (reaction.onset === null ? [] : [reaction.onset])))),
    ptNames: sorted(normalised(content.reactions.map((reaction) => reaction.ptName ?? reaction.reportedTerm))),
    suspectDrugNames: sorted(normalised(suspects.map((drug) => drug.name))),
    batchNumbers: sorted(normalised(suspects.flatMap((drug) => (drug.batchNumber === null ? [] : [drug.batchNumber])), batchKey)),
    initialReceiptOn: content.initialReceiptOn,
  };
}

function ids(...values: readonly string[]): Set<string> {
  return normalised(values, (value) => value.trim().toUpperCase());
}

/** The report's own ids: safety report id (C.1.1) and worldwide id (C.1.8.1). */
function ownIds(profile: Readonly<DuplicateProfile>): Set<string> {
  return ids(profile.safetyReportId, profile.worldwideId);
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return [...a].some((value) => b.has(value));
}

function linked(a: Readonly<DuplicateProfile>, b: Readonly<DuplicateProfile>): boolean {
  return intersects(ids(...a.linkedReports), ownIds(b)) || intersects(ids(...b.linkedReports), ownIds(a));
}

function namesEachOther(a: Readonly<DuplicateProfile>, b: Readonly<DuplicateProfile>): boolean {
  return intersects(ids(...a.otherIdentifiers), ownIds(b)) || intersects(ids(...b.otherIdentifiers), ownIds(a));
}

type Evidence = 'agree' | 'conflict' | 'unknown';

function setEvidence(a: ReadonlySet<string>, b: ReadonlySet<string>): Evidence {
  if (a.size === 0 || b.size === 0) {
    return 'unknown';
  }
  return intersects(a, b) ? 'agree' : 'conflict';
}

function valueEvidence<T>(a: T | null, b: T | null, same: (x: T, y: T) => boolean): Evidence {
  if (a === null || b === null) {
    return 'unknown';
  }
  return same(a, b) ? 'agree' : 'conflict';
}

function knownSex(sex: Sex | null): Sex | null {
  return sex === 'unknown' ? null : sex;
}

function countryKey(country: string | null): string | null {
  const key = (country ?? '').trim().toUpperCase();
  return key === '' ? null : key;
}

/**
 * How likely `other` is a duplicate of `candidate`, or null when it is not a candidate at all (the same case,
 * a linked report, no shared PT, or a score below DUPLICATE_THRESHOLD).
 */
export function scoreDuplicate(candidate: Readonly<DuplicateProfile>, other: Readonly<DuplicateProfile>): DuplicateMatch | null {
  if (candidate.caseId === other.caseId || linked(candidate, other)) {
    return null;
  }
  const candidatePts = normalised(candidate.ptNames);
  const otherPts = normalised(other.ptNames);
  const sharedPts = [...candidatePts].filter((pt) => otherPts.has(pt)).length;
  const evidence: Record<Exclude<DuplicateField, 'other-identifier' | 'worldwide-id'>, Evidence> = {
    reaction: setEvidence(candidatePts, otherPts),
    'suspect-drug': setEvidence(normalised(candidate.suspectDrugNames), normalised(other.suspectDrugNames)),
    'onset-date': setEvidence(new Set(candidate.onsetDates), new Set(other.onsetDates)),
    'patient-sex': valueEvidence(knownSex(candidate.patientSex), knownSex(other.patientSex), (x, y) => x === y),
    'patient-age': valueEvidence(candidate.patientAgeYears, other.patientAgeYears, (x, y) => Math.abs(x - y) <= AGE_TOLERANCE_YEARS),
    initials: valueEvidence(initialsKey(candidate.patientInitials), initialsKey(other.patientInitials), (x, y) => x === y),
    country: valueEvidence(countryKey(candidate.country), countryKey(other.country), (x, y) => x === y),
    'batch-number': setEvidence(normalised(candidate.batchNumbers, batchKey), normalised(other.batchNumbers, batchKey)) === 'agree' ? 'agree' : 'unknown',
  };
  const certainBy: DuplicateField[] = [];
  if (namesEachOther(candidate, other)) {
    certainBy.push('other-identifier');
  }
  if (intersects(ids(candidate.worldwideId), ids(other.worldwideId))) {
    certainBy.push('worldwide-id');
  }
  const fields = Object.keys(evidence) as (keyof typeof evidence)[];
  const matched = [...certainBy, ...fields.filter((field) => evidence[field] === 'agree')];
  const conflicting = fields.filter((field) => evidence[field] === 'conflict');
  if (certainBy.length > 0) {
    return { caseId: other.caseId, certain: true, score: 1, matched, conflicting };
  }
  if (sharedPts === 0) {
    return null;
  }
  let points = WEIGHTS.reaction.agree + Math.min(WEIGHTS.reaction.furtherCap, (sharedPts - 1) * WEIGHTS.reaction.perFurther);
  for (const field of fields) {
    const weights: { agree: number; conflict?: number } = WEIGHTS[field];
    if (field !== 'reaction' && evidence[field] === 'agree') {
      points += weights.agree;
    } else if (evidence[field] === 'conflict') {
      points -= weights.conflict ?? 0;
    }
  }
  const score = Math.min(100, Math.max(0, points)) / 100;
  return score < DUPLICATE_THRESHOLD ? null : { caseId: other.caseId, certain: false, score, matched, conflicting };
}

/** Possible duplicates of `candidate` among `others`: certain ones first, then by score (highest first), then by case id. */
export function rankDuplicates(candidate: Readonly<DuplicateProfile>, others: readonly Readonly<DuplicateProfile>[]): DuplicateMatch[] {
  return others
    .map((other) => scoreDuplicate(candidate, other))
    .filter((match): match is DuplicateMatch => match !== null)
    .sort((a, b) => Number(b.certain) - Number(a.certain) || b.score - a.score || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
}
