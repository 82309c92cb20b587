/**
 * E2B(R3) identifiers and code lists (ICH ICSR implementation guide, HL7 v3 OIDs) and how each maps to our
 * case content: one place for every lookup the importer makes.
 */
import {
  type ActionTaken,
  type AgeGroup,
  type AgeUnit,
  type CausalityAssessment,
  type ChallengeResult,
  type DrugRole,
  type Qualification,
  type ReactionOutcome,
  type SeriousnessCriterion,
  type Sex,
  type SolicitedSource,
  SPECIAL_SITUATIONS,
  type SpecialSituation,
} from '../safety-cases/case-content';

const ICH = '2.16.840.1.113883.3.989.2.1';

/** Roots of identifiers (II) and code systems (CE/CD). */
export const OID = {
  /** C.1.1 sender's safety report id; also N.2.r.1 message id and ACK.B.r.1. */
  safetyReportId: `${ICH}.3.1`,
  /** C.1.8.1 worldwide unique case id; also C.1.10.r linked reports. */
  worldwideId: `${ICH}.3.2`,
  /** C.1.9.1.r.2 other case identifiers. */
  otherCaseId: `${ICH}.3.3`,
  /** N.1.2 batch number. */
  batchNumber: `${ICH}.3.22`,
  /** N.2.r.2 / N.2.r.3 message sender and receiver; N.1.3 / N.1.4 batch sender and receiver. */
  messageSender: `${ICH}.3.11`,
  messageReceiver: `${ICH}.3.12`,
  batchSender: `${ICH}.3.13`,
  batchReceiver: `${ICH}.3.14`,
  /** D.1.1.1 GP medical record number; D.1.1.4 investigation (study subject) number. */
  gpRecordNumber: `${ICH}.3.7`,
  investigationNumber: `${ICH}.3.10`,
  /** N.1.1 type of messages in batch (1 = ichicsr). */
  messageType: `${ICH}.1.1`,
  /** C.1.3 type of report. */
  reportType: `${ICH}.1.2`,
  /** C.1.8.2 first sender of this case. */
  firstSender: `${ICH}.1.3`,
  /** C.2.r.4 reporter qualification. */
  qualification: `${ICH}.1.6`,
  /** C.3.1 sender type. */
  senderType: `${ICH}.1.7`,
  /** C.5.4 study type. */
  studyType: `${ICH}.1.8`,
  /** D.2.3 age group. */
  ageGroup: `${ICH}.1.9`,
  /** E.i.7 outcome. */
  outcome: `${ICH}.1.11`,
  /** G.k.1 drug role. */
  drugRole: `${ICH}.1.13`,
  /** G.k.8 action taken. */
  actionTaken: `${ICH}.1.15`,
  /** G.k.9.i.4 recurrence on re-administration. */
  recurrence: `${ICH}.1.16`,
  /** G.k.10.r additional information on drug (coded). */
  drugInformation: `${ICH}.1.17`,
  /** Observation codes (age, reaction, outcome, seriousness criteria, causality, comment...). */
  observation: `${ICH}.1.19`,
  /** Organizer categories (medical history, drug history, tests, drug information). */
  organizer: `${ICH}.1.20`,
  /** Author roles of comments: 1 sender, 2 reporter (H.5), 3 source reporter (H.2). */
  authorRole: `${ICH}.1.21`,
  /** Related investigation codes: 1 initial report (C.1.8.2), 2 source report (C.2.r). */
  relatedInvestigation: `${ICH}.1.22`,
  /** Investigation characteristics: 1 report type, 2 other case ids, 3 nullification/amendment code, 4 its reason. */
  characteristic: `${ICH}.1.23`,
  /** C.1.11.1 nullification / amendment. */
  nullificationAmendment: `${ICH}.1.5`,
  /** D.1.1.x patient record number kinds (1 GP, 2 specialist, 3 hospital, 4 investigation). */
  patientRecordKind: `${ICH}.1.4`,
  /** Acknowledgement attention line keywords. */
  ackKeyword: `${ICH}.1.24`,
  /** Reference document kinds: 1 documents held by sender, 2 literature reference. */
  documentKind: `${ICH}.1.27`,
  meddra: '2.16.840.1.113883.6.163',
  country: '1.0.3166.1.2.2',
  sex: '1.0.5218',
} as const;

/** Observation codes (OID.observation). */
export const OBS = {
  additionalDocuments: '1',
  additionalInformation: '2',
  age: '3',
  ageGroup: '4',
  bodyWeight: '7',
  codedDrugInformation: '9',
  comment: '10',
  diagnosis: '15',
  gestationPeriod: '16',
  historyText: '18',
  interventionCharacterization: '20',
  localCriteriaForExpedited: '23',
  outcome: '27',
  reaction: '29',
  reactionForTranslation: '30',
  recurrence: '31',
  summaryAndComment: '36',
  causality: '39',
} as const;

/** Organizer categories (OID.organizer). */
export const ORGANIZER = { medicalHistory: '1', drugHistory: '2', tests: '3', drugInformation: '4' } as const;

/** Investigation characteristics (OID.characteristic). */
export const CHARACTERISTIC = { reportType: '1', otherCaseIds: '2', nullificationCode: '3', nullificationReason: '4' } as const;

/** E.i.3.2a–f: observation code → seriousness criterion when its value is true. */
export const SERIOUSNESS_BY_OBS: Readonly<Record<string, SeriousnessCriterion>> = {
  '34': 'death',
  '21': 'life-threatening',
  '33': 'hospitalisation',
  '35': 'disability',
  '12': 'congenital-anomaly',
  '26': 'other-medically-important',
};

/** C.1.3 type of report. */
export const REPORT_TYPE_NAMES: Readonly<Record<string, string>> = {
  '1': 'spontaneous report',
  '2': 'report from study',
  '3': 'other',
  '4': 'not available to sender (unknown)',
};

/** C.5.4 study type → our solicited/clinical-trial reading. */
export const STUDY_TYPES: Readonly<Record<string, { name: string; reportType: 'clinical-trial' | 'solicited'; solicitedSource: SolicitedSource | null }>> = {
  '1': { name: 'clinical trials', reportType: 'clinical-trial', solicitedSource: null },
  '2': { name: 'individual patient use', reportType: 'solicited', solicitedSource: 'other' },
  '3': { name: 'other studies', reportType: 'solicited', solicitedSource: 'non-interventional-study' },
};

/** C.1.8.2 first sender. */
export const FIRST_SENDER: Readonly<Record<string, 'regulator' | 'other'>> = { '1': 'regulator', '2': 'other' };

/** C.3.1 sender type. */
export const SENDER_TYPES: Readonly<Record<string, string>> = {
  '1': 'pharmaceutical company',
  '2': 'regulatory authority',
  '3': 'health professional',
  '4': 'regional pharmacovigilance centre',
  '5': 'WHO collaborating centre for international drug monitoring',
  '6': 'other',
  '7': 'patient / consumer',
};

/** C.2.r.4 qualification. */
export const QUALIFICATION: Readonly<Record<string, Qualification>> = {
  '1': 'physician',
  '2': 'pharmacist',
  '3': 'other-health-professional',
  '4': 'lawyer',
  '5': 'consumer',
};

/** D.5 sex (ISO 5218). */
export const SEX: Readonly<Record<string, Sex>> = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unknown' };

/** D.2.3 age group. */
export const AGE_GROUP: Readonly<Record<string, AgeGroup>> = {
  '0': 'foetus',
  '1': 'neonate',
  '2': 'infant',
  '3': 'child',
  '4': 'adolescent',
  '5': 'adult',
  '6': 'elderly',
};

/** D.2.2b age unit (UCUM) → our unit and the factor applied to the number. */
export const AGE_UNIT: Readonly<Record<string, { unit: AgeUnit; factor: number }>> = {
  '10.a': { unit: 'year', factor: 10 },
  a: { unit: 'year', factor: 1 },
  mo: { unit: 'month', factor: 1 },
  wk: { unit: 'week', factor: 1 },
  d: { unit: 'day', factor: 1 },
  h: { unit: 'day', factor: 1 / 24 },
};

/** E.i.7 outcome. */
export const OUTCOME: Readonly<Record<string, ReactionOutcome>> = {
  '0': 'unknown',
  '1': 'recovered',
  '2': 'recovering',
  '3': 'not-recovered',
  '4': 'recovered-with-sequelae',
  '5': 'fatal',
};

/** G.k.1 drug role. */
export const DRUG_ROLE: Readonly<Record<string, DrugRole>> = {
  '1': 'suspect',
  '2': 'concomitant',
  '3': 'interacting',
  '4': 'not-administered',
};

/** G.k.8 action taken. */
export const ACTION_TAKEN: Readonly<Record<string, ActionTaken>> = {
  '0': 'unknown',
  '1': 'withdrawn',
  '2': 'dose-reduced',
  '3': 'dose-increased',
  '4': 'dose-not-changed',
  '9': 'not-applicable',
};

/** G.k.9.i.4 did the reaction recur on re-administration? → rechallenge result. */
export const RECHALLENGE: Readonly<Record<string, ChallengeResult>> = {
  '1': 'positive', // rechallenge was done, reaction recurred
  '2': 'negative', // rechallenge was done, reaction did not recur
  '3': 'unknown', // rechallenge was done, outcome unknown
  '4': 'not-done', // rechallenge not done
};

/** G.k.10.r additional information on drug (coded) → special situation; absent codes add none. */
export const SPECIAL_SITUATION: Readonly<Record<string, SpecialSituation>> = {
  '1': 'other', // counterfeit
  '2': 'overdose',
  '3': 'other', // drug taken by the father
  '4': 'other', // drug taken beyond expiry date
  '6': 'other', // batch and lot tested and found not within specifications
  '7': 'medication-error',
  '8': 'misuse',
  '9': 'abuse',
  '10': 'occupational-exposure',
  '11': 'off-label-use',
};

/** N.1.3 / N.2.r.2 sender identifiers of EudraVigilance (production and test). */
export const EUDRAVIGILANCE_SENDERS: ReadonlySet<string> = new Set(['EVHUMAN', 'EVTEST']);

/**
 * G.k.9.i.2.r.3 result of assessment (free text) → WHO-UMC category. Whole phrases only, after
 * lower-casing and collapsing punctuation, so "not related" never reads as "related". FDA asks for
 * "Suspected" / "Not Suspected"; CIOMS' binary "related" / "not related" reads as possible / unrelated.
 */
export const CAUSALITY_RESULT: ReadonlyArray<readonly [RegExp, CausalityAssessment]> = [
  [/^(unassessable|unclassifiable|unclassified|not assessable|not classifiable|conditional|indeterminate|inconclusive|unknown|not known|cannot be assessed|cannot be determined|insufficient information)$/, 'unassessable'],
  [/^(not suspected|not related|not drug related|unrelated|none|no|no reasonable possibility|not reasonably possible|excluded|not associated)$/, 'unrelated'],
  [/^(unlikely|unlikely related|unlikely to be related|doubtful|improbable|remote|remotely related)$/, 'unlikely'],
  [/^(certain|certainly related|definite|definitely related|definitely|very likely related)$/, 'certain'],
  [/^(probable|probably|probably related|likely|likely related|highly related|highly likely|highly probable)$/, 'probable'],
  [/^(possible|possibly|possibly related|suspected|related|reasonable possibility|reasonably possible|reasonably related|yes|associated)$/, 'possible'],
];

/** G.k.9.i.2.r.1 source of assessment (free text) → whose assessment it is. */
export const CAUSALITY_SOURCE: ReadonlyArray<readonly [RegExp, 'reporter' | 'company']> = [
  [/\b(primary source|reporter|investigator|physician|doctor|health ?care professional|hcp|pharmacist|consumer|patient)\b/, 'reporter'],
  [/\b(sponsor|company|mah|marketing authori[sz]ation holder|manufacturer|applicant|sender|pharmaceutical)\b/, 'company'],
];

/** Ordering used when one side assessed a pair twice: keep the more related (the safe side). */
export const CAUSALITY_RANK: Readonly<Record<CausalityAssessment, number>> = {
  certain: 5,
  probable: 4,
  possible: 3,
  unassessable: 2,
  unlikely: 1,
  unrelated: 0,
};

export function normaliseFreeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function causalityFromText(text: string): CausalityAssessment | null {
  const normalised = normaliseFreeText(text);
  for (const [pattern, category] of CAUSALITY_RESULT) {
    if (pattern.test(normalised)) {
      return category;
    }
  }
  return null;
}

export function causalitySource(text: string): 'reporter' | 'company' | null {
  const normalised = normaliseFreeText(text);
  for (const [pattern, side] of CAUSALITY_SOURCE) {
    if (pattern.test(normalised)) {
      return side;
    }
  }
  return null;
}

/**
 * C.5.2 study name written for a solicited report whose source has no study type of its own (C.5.4 = 3,
 * "other studies"), so that the source reads back; a study type 3 without one of these names reads as a
 * non-interventional study.
 */
export const SOLICITED_STUDY_NAMES: Readonly<Partial<Record<SolicitedSource, string>>> = {
  registry: 'Registry',
  'patient-support-programme': 'Patient support programme',
  'market-research': 'Market research',
};

/** The solicited source a C.5.2 study name stands for (see SOLICITED_STUDY_NAMES); null for any other name. */
export function solicitedSourceFromStudyName(name: string): SolicitedSource | null {
  const wanted = normaliseFreeText(name);
  const found = Object.entries(SOLICITED_STUDY_NAMES).find(([, label]) => normaliseFreeText(label) === wanted);
  return found === undefined ? null : (found[0] as SolicitedSource);
}

// ---------------------------------------------------------------------------------------------------
// G.k.11 additional information on drug: what E2B(R3) has no coded element for.
//
// Our exporter writes the case's special situations (GVP VI.B.6; some have a G.k.10.r code, most do not),
// a lack of therapeutic efficacy (GVP VI.B.6.4) and the dechallenge result as lines of G.k.11 free text on
// the drug they concern. The lines read well in EudraVigilance and the importer reads exactly these lines
// back; any other G.k.11 text is left alone.

const NOTE_SITUATIONS = 'Special situations (GVP VI.B.6): ';
const NOTE_LACK_OF_EFFICACY = 'Lack of therapeutic efficacy (GVP VI.B.6.4)';
const NOTE_DECHALLENGE = 'Dechallenge: ';

export const SPECIAL_SITUATION_TEXT: Readonly<Record<SpecialSituation, string>> = {
  'loss-of-factor-ix-expression': 'loss of factor IX expression',
  'graft-failure': 'graft failure',
  'infection-transmitted-by-product': 'infection transmitted by the product',
  overdose: 'overdose',
  'medication-error': 'medication error',
  misuse: 'misuse',
  abuse: 'abuse',
  'off-label-use': 'off-label use',
  'occupational-exposure': 'occupational exposure',
  'pregnancy-exposure': 'exposure during pregnancy',
  'breastfeeding-exposure': 'exposure during breastfeeding',
  other: 'other',
};

export const CHALLENGE_TEXT: Readonly<Record<ChallengeResult, string>> = {
  positive: 'positive (reaction abated)',
  negative: 'negative (reaction did not abate)',
  'not-done': 'not done',
  unknown: 'unknown',
};

export interface DrugNote {
  specialSituations: readonly SpecialSituation[];
  lackOfEfficacy: boolean;
  dechallenge: ChallengeResult | null;
}

/** The G.k.11 lines for a drug; empty when there is nothing to say. */
export function drugNoteLines(note: DrugNote): string[] {
  const lines: string[] = [];
  if (note.specialSituations.length > 0) {
    lines.push(`${NOTE_SITUATIONS}${note.specialSituations.map((s) => SPECIAL_SITUATION_TEXT[s]).join('; ')}`);
  }
  if (note.lackOfEfficacy) {
    lines.push(NOTE_LACK_OF_EFFICACY);
  }
  if (note.dechallenge !== null) {
    lines.push(`${NOTE_DECHALLENGE}${CHALLENGE_TEXT[note.dechallenge]}`);
  }
  return lines;
}

const SITUATION_BY_TEXT = new Map<string, SpecialSituation>(SPECIAL_SITUATIONS.map((s) => [SPECIAL_SITUATION_TEXT[s].toLowerCase(), s]));
const CHALLENGE_BY_TEXT = new Map<string, ChallengeResult>(Object.entries(CHALLENGE_TEXT).map(([result, text]) => [text.toLowerCase(), result as ChallengeResult]));

/** Read drugNoteLines' lines out of a G.k.11 text; other lines are ignored, unknown names listed. */
export function parseDrugNote(text: string): DrugNote & { unknown: string[] } {
  const specialSituations: SpecialSituation[] = [];
  const unknown: string[] = [];
  let lackOfEfficacy = false;
  let dechallenge: ChallengeResult | null = null;
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line.startsWith(NOTE_SITUATIONS)) {
      for (const name of line.slice(NOTE_SITUATIONS.length).split(';').map((n) => n.trim())) {
        const situation = SITUATION_BY_TEXT.get(name.toLowerCase());
        if (situation === undefined) {
          unknown.push(name);
        } else {
          specialSituations.push(situation);
        }
      }
    } else if (line === NOTE_LACK_OF_EFFICACY) {
      lackOfEfficacy = true;
    } else if (line.startsWith(NOTE_DECHALLENGE)) {
      const value = line.slice(NOTE_DECHALLENGE.length).trim();
      const result = CHALLENGE_BY_TEXT.get(value.toLowerCase());
      if (result === undefined) {
        unknown.push(value);
      } else {
        dechallenge = result;
      }
    }
  }
  return { specialSituations, lackOfEfficacy, dechallenge, unknown };
}
