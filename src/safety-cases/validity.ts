/**
 * Validity of a case (GVP VI.B.2, regulatory-rules §6): the four minimum criteria, and the exception of a
 * reporter who explicitly excludes a causal link with the holder agreeing. Pure functions.
 */
import type { CaseContent, Patient, Reporter } from './case-content';
import { isSuspected } from './triage';

/** The four minimum criteria, then the causality exclusion; `missing` always follows this order. */
export const MINIMUM_CRITERIA = ['identifiable-reporter', 'identifiable-patient', 'suspected-reaction', 'suspected-product', 'causality-excluded'] as const;
export type MinimumCriterion = (typeof MINIMUM_CRITERIA)[number];

export interface ValidityAssessment {
  valid: boolean;
  missing: MinimumCriterion[];
  /** Plain-English explanations: one per missing criterion, plus remarks that do not change validity. */
  notes: string[];
}

const MISSING_NOTES: Record<MinimumCriterion, string> = {
  'identifiable-reporter': 'No identifiable reporter: no reporter with a known country.',
  'identifiable-patient': 'No identifiable patient: none of initials, identifier, age, age group, sex or weight is known.',
  'suspected-reaction': 'No suspected adverse reaction: no reaction with a reported term or MedDRA term.',
  'suspected-product': 'No suspected medicinal product: no drug with the role suspect or interacting.',
  'causality-excluded':
    'The reporter explicitly excludes a causal link for every suspected drug and reaction and the company agrees (both assessed "unrelated").',
};

function known(text: string | null): boolean {
  return text !== null && text.trim() !== '';
}

function identifiableReporters(reporters: readonly Reporter[]): Reporter[] {
  return reporters.filter((reporter) => known(reporter.country));
}

function identifiablePatient(patient: Readonly<Patient>): boolean {
  return (
    known(patient.initials) ||
    known(patient.identifier) ||
    patient.ageValue !== null ||
    patient.ageGroup !== null ||
    patient.sex === 'male' ||
    patient.sex === 'female' ||
    patient.weightKg !== null
  );
}

/** Every suspect/interacting drug × reaction pair assessed "unrelated" by both the reporter and the company. */
function causalityExcluded(content: Readonly<CaseContent>): boolean {
  const pairs = content.drugs.filter(isSuspected).flatMap((drug) => content.reactions.map((reaction) => ({ drugKey: drug.key, reactionKey: reaction.key })));
  return (
    pairs.length > 0 &&
    pairs.every(({ drugKey, reactionKey }) =>
      content.causality.some((entry) => entry.drugKey === drugKey && entry.reactionKey === reactionKey && entry.reporter === 'unrelated' && entry.company === 'unrelated'),
    )
  );
}

function reporterExcludesWithoutCompany(content: Readonly<CaseContent>): boolean {
  return content.causality.some((entry) => entry.reporter === 'unrelated' && entry.company !== 'unrelated');
}

export function assessValidity(content: Readonly<CaseContent>): ValidityAssessment {
  const reporters = identifiableReporters(content.reporters);
  const failed: Record<MinimumCriterion, boolean> = {
    'identifiable-reporter': reporters.length === 0,
    'identifiable-patient': !identifiablePatient(content.patient),
    'suspected-reaction': !content.reactions.some((reaction) => known(reaction.reportedTerm) || known(reaction.ptName)),
    'suspected-product': !content.drugs.some(isSuspected),
    'causality-excluded': causalityExcluded(content),
  };
  const missing = MINIMUM_CRITERIA.filter((criterion) => failed[criterion]);
  const notes = missing.map((criterion) => MISSING_NOTES[criterion]);
  if (reporters.length > 0 && reporters.every((reporter) => reporter.qualification === null)) {
    notes.push('Reporter qualification unknown: counted as a consumer (GVP VI.B.2).');
  }
  if (!failed['causality-excluded'] && reporterExcludesWithoutCompany(content)) {
    notes.push('The reporter assessed a drug–reaction pair as "unrelated" but the company has not agreed: that alone does not make the case invalid.');
  }
  return { valid: missing.length === 0, missing, notes };
}
