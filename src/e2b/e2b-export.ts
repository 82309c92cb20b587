/**
 * Our case content → E2B(R3) ICSR messages for EudraVigilance (ICH E2B(R3) with the EU ICSR implementation
 * guide EMA/51938/2013 Rev 2): one `PORR_IN049016UV` per case version, in an `MCCI_IN200100UV01` batch
 * that can be streamed message by message. Pure; the inverse of icsrToCase (e2b-to-case.ts): everything the
 * importer reads is written where it reads it, so export → import gives the same case content back.
 *
 * EU rather than FDA rules: routes of administration as EDQM Standard Terms (e2b-edqm.ts) with the free
 * text kept; no FDA regional element or OID (2.16.840.1.113883.3.989.5.x); receiver EVHUMAN (production)
 * or EVTEST (test) as the caller gives it.
 *
 * What E2B(R3) has no element for is not written, so it does not come back: the dictionary-derived MedDRA
 * fields of a coded reaction (LLT name, PT code and name, SOC: recomputed from the LLT code by
 * CaseCodingService on import), severity, `significant`, expectedness overrides, `synthetic`, the
 * product id. Special situations, lack of efficacy and dechallenge have no coded element (only some
 * special situations have a G.k.10.r code): they are written as G.k.11 lines on the drug they concern
 * (drugNoteLines in e2b-codes.ts), which the importer reads back.
 *
 * XML is written by the small string builder below rather than xmlbuilder2: xmlbuilder2 leaves CR, LF and
 * TAB unescaped in attribute values and CR in text, which every XML parser then normalises, so such text
 * would not read back; here every text and attribute value goes through escapeText / escapeAttr, and
 * element content is typed `Xml` so that unescaped text cannot be passed as a child.
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '../common/calendar-date';
import { InvalidInputError } from '../common/errors';
import type {
  ActionTaken,
  AgeGroup,
  AgeUnit,
  CaseContent,
  Causality,
  CausalityAssessment,
  ChallengeResult,
  Drug,
  DrugRole,
  Patient,
  Qualification,
  Reaction,
  ReactionOutcome,
  Reporter,
  SeriousnessCriterion,
  SpecialSituation,
  VersionType,
} from '../safety-cases/case-content';
import { CHARACTERISTIC, drugNoteLines, OBS, OID, ORGANIZER, SOLICITED_STUDY_NAMES } from './e2b-codes';
import { EDQM_ROUTE_OID, EDQM_ROUTE_TERMS_VERSION, edqmRouteFor } from './e2b-edqm';

export interface ExportBatchHeader {
  /** N.1.2. */
  batchId: string;
  /** N.1.3 and N.2.r.2: the sender's EudraVigilance organisation id. */
  senderId: string;
  /** N.1.4 and N.2.r.3: EV_RECEIVERS.production or EV_RECEIVERS.test. */
  receiverId: string;
  /** N.1.5, N.2.r.4 and C.1.2: HL7 TS, yyyyMMddHHmmss (a UTC offset may follow). */
  createdAt: string;
  /** C.3.2 sender organisation; the sender id when not given. */
  senderOrganisation?: string;
}

export interface ExportCase {
  /** C.1.1. */
  safetyReportId: string;
  /** C.1.8.1. */
  worldwideId: string;
  /** N.2.r.1. */
  messageId: string;
  /** Nullification and amendment are written as C.1.11.1 with their reason (C.1.11.2). */
  versionType: VersionType;
  content: CaseContent;
  /** C.1.8.2: the case was first sent by a regulator (else by another sender). */
  firstSenderIsRegulator?: boolean;
  /** C.1.11.2 for an amendment (a nullification's reason is `content.nullificationReason`). */
  amendmentReason?: string | null;
}

export const EV_RECEIVERS = { production: 'EVHUMAN', test: 'EVTEST' } as const;

// ---------------------------------------------------------------------------------------------------
// XML string builder

declare const XML_BRAND: unique symbol;
/** Serialised, well-formed XML: only el / textEl make it. */
type Xml = string & { readonly [XML_BRAND]: true };
type Child = Xml | null | undefined | false;
type Attrs = Readonly<Record<string, string | undefined>>;

const HL7_NS = 'urn:hl7-org:v3';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const NAMESPACES: Attrs = { xmlns: HL7_NS, 'xmlns:xsi': XSI_NS };

/**
 * Characters XML 1.0 cannot carry at all (C0 controls other than TAB, LF and CR, U+FFFE/U+FFFF, lone
 * surrogates): nothing a parsed E2B file can contain; typed in by hand, they become U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function escapeAttr(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return `&#${c.charCodeAt(0)};`;
    }
  });
}

function attrs(values: Attrs): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttr(value)}"`)
    .join('');
}

function el(name: string, attributes: Attrs = {}, ...children: readonly Child[]): Xml {
  const inner = children.filter((c): c is Xml => typeof c === 'string').join('');
  return (inner === '' ? `<${name}${attrs(attributes)}/>` : `<${name}${attrs(attributes)}>${inner}</${name}>`) as Xml;
}

function textEl(name: string, attributes: Attrs, text: string): Xml {
  return `<${name}${attrs(attributes)}>${escapeText(text)}</${name}>` as Xml;
}

// ---------------------------------------------------------------------------------------------------
// Code lists, the inverse of the importer's (e2b-codes.ts)

const QUALIFICATION_CODE: Readonly<Record<Qualification, string>> = { physician: '1', pharmacist: '2', 'other-health-professional': '3', lawyer: '4', consumer: '5' };
const AGE_GROUP_CODE: Readonly<Record<AgeGroup, string>> = { foetus: '0', neonate: '1', infant: '2', child: '3', adolescent: '4', adult: '5', elderly: '6' };
const AGE_UNIT_CODE: Readonly<Record<AgeUnit, string>> = { year: 'a', month: 'mo', week: 'wk', day: 'd' };
const OUTCOME_CODE: Readonly<Record<ReactionOutcome, string>> = { unknown: '0', recovered: '1', recovering: '2', 'not-recovered': '3', 'recovered-with-sequelae': '4', fatal: '5' };
const DRUG_ROLE_CODE: Readonly<Record<DrugRole, string>> = { suspect: '1', concomitant: '2', interacting: '3', 'not-administered': '4' };
const ACTION_TAKEN_CODE: Readonly<Record<ActionTaken, string>> = { unknown: '0', withdrawn: '1', 'dose-reduced': '2', 'dose-increased': '3', 'dose-not-changed': '4', 'not-applicable': '9' };
const RECURRENCE_CODE: Readonly<Record<ChallengeResult, string>> = { positive: '1', negative: '2', unknown: '3', 'not-done': '4' };
/** E.i.3.2a–f observation codes and names, in the guide's order. */
const SERIOUSNESS_OBS: Readonly<Record<SeriousnessCriterion, readonly [code: string, name: string]>> = {
  death: ['34', 'resultsInDeath'],
  'life-threatening': ['21', 'isLifeThreatening'],
  hospitalisation: ['33', 'requiresInpatientHospitalization'],
  disability: ['35', 'resultsInPersistentOrSignificantDisability'],
  'congenital-anomaly': ['12', 'congenitalAnomalyBirthDefect'],
  'other-medically-important': ['26', 'otherMedicallyImportantCondition'],
};
/** G.k.10.r codes of the special situations that have one. */
const SPECIAL_SITUATION_CODE: Readonly<Partial<Record<SpecialSituation, string>>> = {
  overdose: '2',
  'medication-error': '7',
  misuse: '8',
  abuse: '9',
  'occupational-exposure': '10',
  'off-label-use': '11',
};
/** G.k.9.i.2.r.3 result, worded so that causalityFromText reads it back. */
const CAUSALITY_RESULT_TEXT: Readonly<Record<CausalityAssessment, string>> = {
  certain: 'Certain',
  probable: 'Probable',
  possible: 'Possible',
  unlikely: 'Unlikely',
  unrelated: 'Not related',
  unassessable: 'Unassessable',
};
/** G.k.9.i.2.r.1 source, worded so that causalitySource reads it back. */
const CAUSALITY_SOURCE_TEXT = { reporter: 'Primary source reporter', company: 'Company' } as const;
const CAUSALITY_METHOD = 'WHO-UMC';
/** C.3.1: pharmaceutical company. */
const SENDER_TYPE_COMPANY = '1';

/** The headers the importer puts before each narrative section (mapNarrative in e2b-to-case.ts). */
const SECTION = {
  reporterComments: "--- Reporter's comments (E2B H.2) ---\n",
  senderComments: "--- Sender's comments (E2B H.4) ---\n",
  diagnoses: "--- Sender's diagnosis (E2B H.3.r) ---\n",
  summaries: "--- Case summary and reporter's comments in native language (E2B H.5.r) ---\n",
} as const;
type SectionKey = keyof typeof SECTION;

// ---------------------------------------------------------------------------------------------------
// Values

function ts(date: IsoDate): string {
  return date.replace(/-/g, '');
}

/** A decimal without exponent (HL7 PQ values). */
function decimal(value: number): string {
  const plain = String(value);
  return /e/i.test(plain) ? value.toFixed(20).replace(/\.?0+$/, '') : plain;
}

/** A stable UUID (name-based, SHA-1) for the internal references between reactions, drugs and assessments. */
function uuidFor(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

const HL7_TS = /^\d{14}(?:[+-]\d{4})?$/;

function requireText(field: string, value: string): void {
  if (value.trim() === '') {
    throw InvalidInputError.field(field, 'must not be empty');
  }
}

function checkHeader(header: ExportBatchHeader): void {
  requireText('header.batchId', header.batchId);
  requireText('header.senderId', header.senderId);
  requireText('header.receiverId', header.receiverId);
  if (!HL7_TS.test(header.createdAt)) {
    throw InvalidInputError.field('header.createdAt', `"${header.createdAt}" is not an HL7 timestamp yyyyMMddHHmmss`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Small HL7 pieces

function obsCode(code: string, displayName: string): Xml {
  return el('code', { code, codeSystem: OID.observation, displayName });
}

function bl(value: boolean | null): Xml {
  return value === null ? el('value', { 'xsi:type': 'BL', nullFlavor: 'NI' }) : el('value', { 'xsi:type': 'BL', value: String(value) });
}

function observation(code: string, displayName: string, ...children: readonly Child[]): Xml {
  return el('observation', { classCode: 'OBS', moodCode: 'EVN' }, obsCode(code, displayName), ...children);
}

function observationEvent(code: string, displayName: string, ...children: readonly Child[]): Xml {
  return el('observationEvent', { classCode: 'OBS', moodCode: 'EVN' }, obsCode(code, displayName), ...children);
}

/** `subjectOf2/organizer` (D.7.1 medical history, G.k drug information): a category of components. */
function categoryOrganizer(code: string, displayName: string, components: readonly Child[]): Xml {
  return el(
    'subjectOf2',
    { typeCode: 'SBJ' },
    el('organizer', { classCode: 'CATEGORY', moodCode: 'EVN' }, el('code', { code, codeSystem: OID.organizer, displayName }), ...components.map((c) => el('component', { typeCode: 'COMP' }, c))),
  );
}

function authorRole(code: string, displayName: string): Xml {
  return el('author', { typeCode: 'AUT' }, el('assignedEntity', { classCode: 'ASSIGNED' }, el('code', { code, codeSystem: OID.authorRole, displayName })));
}

function device(role: 'sender' | 'receiver', root: string, id: string): Xml {
  return el(role, { typeCode: role === 'sender' ? 'SND' : 'RCV' }, el('device', { classCode: 'DEV', determinerCode: 'INSTANCE' }, el('id', { root, extension: id })));
}

function controlActEvent(...children: readonly Child[]): Xml {
  return el('controlActEvent', { classCode: 'CACT', moodCode: 'EVN' }, ...children);
}

function relatedInvestigation(code: Xml, ...children: readonly Child[]): Xml {
  return el('relatedInvestigation', { classCode: 'INVSTG', moodCode: 'EVN' }, code, el('subjectOf2', { typeCode: 'SUBJ' }, controlActEvent(...children)));
}

function characteristic(code: string, displayName: string, value: Xml): Xml {
  return el(
    'subjectOf2',
    { typeCode: 'SUBJ' },
    el('investigationCharacteristic', { classCode: 'OBS', moodCode: 'EVN' }, el('code', { code, codeSystem: OID.characteristic, displayName }), value),
  );
}

/** A reporter's name as HL7 parts (C.2.r.1.2 given, C.2.r.1.4 family) that the importer joins back with spaces. */
function personName(name: string | null): Xml {
  if (name === null || name.trim() === '') {
    return el('name', { nullFlavor: 'UNK' });
  }
  const words = name.split(' ');
  if (words.length < 2 || words.some((w) => w === '' || w.trim() !== w)) {
    return el('name', {}, textEl('family', {}, name));
  }
  return el('name', {}, textEl('given', {}, words.slice(0, -1).join(' ')), textEl('family', {}, words[words.length - 1] as string));
}

// ---------------------------------------------------------------------------------------------------
// Narrative (H.1–H.5)

interface NarrativeParts {
  h1: string | null;
  reporterComments: string | null;
  senderComments: string | null;
  diagnoses: { code: string; version: string | null }[];
  summaries: { language: string | null; text: string }[];
}

/** The narrative the importer composes from these parts (mapNarrative), texts trimmed as its parser trims them. */
function composeNarrative(parts: NarrativeParts): string {
  const sections: string[] = [];
  const h1 = parts.h1?.trim() ?? '';
  if (h1 !== '') {
    sections.push(h1);
  }
  const reporter = parts.reporterComments?.trim() ?? '';
  if (reporter !== '') {
    sections.push(`${SECTION.reporterComments}${reporter}`);
  }
  const sender = parts.senderComments?.trim() ?? '';
  if (sender !== '') {
    sections.push(`${SECTION.senderComments}${sender}`);
  }
  if (parts.diagnoses.length > 0) {
    sections.push(`${SECTION.diagnoses}${parts.diagnoses.map((d) => `MedDRA ${d.code}${d.version === null ? '' : ` (v${d.version})`}`).join('\n')}`);
  }
  const summaries = parts.summaries.filter((s) => s.text.trim() !== '').map((s) => `${s.language === null ? '' : `[${s.language}] `}${s.text.trim()}`);
  if (summaries.length > 0) {
    sections.push(`${SECTION.summaries}${summaries.join('\n')}`);
  }
  return sections.join('\n\n');
}

/**
 * Split a narrative the importer composed back into H.1, H.2, H.4, H.3.r and H.5.r, so each goes to its own
 * element; when the split would not read back as the same text, the whole narrative goes to H.1.
 */
function splitNarrative(narrative: string): NarrativeParts {
  const whole: NarrativeParts = { h1: narrative === '' ? null : narrative, reporterComments: null, senderComments: null, diagnoses: [], summaries: [] };
  const marks: { key: SectionKey; start: number; end: number }[] = [];
  let from = 0;
  for (const key of ['reporterComments', 'senderComments', 'diagnoses', 'summaries'] as const) {
    const header = SECTION[key];
    if (from === 0 && narrative.startsWith(header)) {
      marks.push({ key, start: 0, end: header.length });
      from = header.length;
      continue;
    }
    const at = narrative.indexOf(`\n\n${header}`, from);
    if (at >= 0) {
      marks.push({ key, start: at, end: at + 2 + header.length });
      from = at + 2 + header.length;
    }
  }
  if (marks.length === 0) {
    return whole;
  }
  const first = marks[0] as (typeof marks)[number];
  const parts: NarrativeParts = { h1: first.start === 0 ? null : narrative.slice(0, first.start), reporterComments: null, senderComments: null, diagnoses: [], summaries: [] };
  for (const [index, mark] of marks.entries()) {
    const body = narrative.slice(mark.end, marks[index + 1]?.start ?? narrative.length);
    switch (mark.key) {
      case 'reporterComments':
        parts.reporterComments = body;
        break;
      case 'senderComments':
        parts.senderComments = body;
        break;
      case 'diagnoses':
        for (const line of body.split('\n')) {
          const match = /^MedDRA (\S+)(?: \(v([^()\s]+)\))?$/.exec(line);
          if (match === null) {
            return whole;
          }
          parts.diagnoses.push({ code: match[1] as string, version: match[2] ?? null });
        }
        break;
      case 'summaries':
        for (const line of body.split('\n')) {
          const match = /^\[([a-z]{2,3})\] (.*)$/.exec(line);
          parts.summaries.push(match === null ? { language: null, text: line } : { language: match[1] as string, text: match[2] as string });
        }
        break;
    }
  }
  return composeNarrative(parts) === narrative ? parts : whole;
}

// ---------------------------------------------------------------------------------------------------
// Sections

/** C.1.3 type of report, and the C.5.4 study type (with a C.5.2 name) the importer reads the report type from. */
function reportTypeOf(content: CaseContent): { code: string; study: { type: string; name: string | undefined } | null } {
  switch (content.reportType) {
    case 'spontaneous':
    case 'literature':
      return { code: '1', study: null };
    case 'clinical-trial':
      return { code: '2', study: { type: '1', name: undefined } };
    case 'solicited': {
      const source = content.solicitedSource ?? 'other';
      return { code: '2', study: source === 'other' ? { type: '2', name: undefined } : { type: '3', name: SOLICITED_STUDY_NAMES[source] } };
    }
    case 'eudravigilance':
      // Forwarded from EudraVigilance: its C.1.3 was not kept. A literature case is spontaneous, else "not available".
      return { code: content.literatureReference === null ? '4' : '1', study: null };
  }
}

class Refs {
  constructor(private readonly caseId: string) {}
  reaction(key: string): string {
    return uuidFor(`${this.caseId}|reaction|${key}`);
  }
  drug(key: string): string {
    return uuidFor(`${this.caseId}|drug|${key}`);
  }
}

function patientXml(content: CaseContent, refs: Refs, studyType: { type: string; name: string | undefined } | null): Xml {
  const p: Patient = content.patient;
  const inStudy = content.reportType === 'clinical-trial' || content.reportType === 'solicited';
  const player = el(
    'player1',
    { classCode: 'PSN', determinerCode: 'INSTANCE' },
    p.initials === null ? el('name', { nullFlavor: 'UNK' }) : textEl('name', {}, p.initials),
    p.sex === null ? null : p.sex === 'unknown' ? el('administrativeGenderCode', { nullFlavor: 'UNK' }) : el('administrativeGenderCode', { code: p.sex === 'male' ? '1' : '2', codeSystem: OID.sex }),
    p.diedOn === null ? null : el('deceasedTime', { value: ts(p.diedOn) }),
    p.identifier === null
      ? null
      : el(
          'asIdentifiedEntity',
          { classCode: 'IDENT' },
          el('id', { root: inStudy ? OID.investigationNumber : OID.gpRecordNumber, extension: p.identifier }),
          el('code', { code: inStudy ? '4' : '1', codeSystem: OID.patientRecordKind }),
        ),
  );
  const patientObservation = (code: string, displayName: string, value: Xml): Xml => el('subjectOf2', { typeCode: 'SBJ' }, observation(code, displayName, value));
  return el(
    'primaryRole',
    { classCode: 'INVSBJ' },
    player,
    studyType === null
      ? null
      : el(
          'subjectOf1',
          { typeCode: 'SBJ' },
          el(
            'researchStudy',
            { classCode: 'CLNTRL', moodCode: 'EVN' },
            el('code', { code: studyType.type, codeSystem: OID.studyType }),
            studyType.name === undefined ? null : textEl('title', {}, studyType.name),
          ),
        ),
    p.ageValue === null || p.ageUnit === null ? null : patientObservation(OBS.age, 'age', el('value', { 'xsi:type': 'PQ', value: decimal(p.ageValue), unit: AGE_UNIT_CODE[p.ageUnit] })),
    p.ageGroup === null ? null : patientObservation(OBS.ageGroup, 'ageGroup', el('value', { 'xsi:type': 'CE', code: AGE_GROUP_CODE[p.ageGroup], codeSystem: OID.ageGroup })),
    p.weightKg === null ? null : patientObservation(OBS.bodyWeight, 'bodyWeight', el('value', { 'xsi:type': 'PQ', value: decimal(p.weightKg), unit: 'kg' })),
    p.medicalHistory === null
      ? null
      : categoryOrganizer(ORGANIZER.medicalHistory, 'relevantMedicalHistoryAndConcurrentConditions', [
          observation(OBS.historyText, 'historyAndConcurrentConditionText', textEl('value', { 'xsi:type': 'ED' }, p.medicalHistory)),
        ]),
    ...content.reactions.map((r) => el('subjectOf2', { typeCode: 'SBJ' }, reactionXml(r, refs))),
    content.drugs.length === 0
      ? null
      : categoryOrganizer(
          ORGANIZER.drugInformation,
          'drugInformation',
          content.drugs.map((d) => drugXml(d, content, refs)),
        ),
  );
}

function reactionXml(r: Reaction, refs: Refs): Xml {
  // E.i.2.1a/b: the LLT; an uncoded term (not valid for EudraVigilance: code it first) keeps its PT name.
  const term =
    r.lltCode === null
      ? el('value', { 'xsi:type': 'CE', nullFlavor: 'NI', displayName: r.ptName ?? undefined }, textEl('originalText', {}, r.reportedTerm))
      : el(
          'value',
          { 'xsi:type': 'CE', code: String(r.lltCode), codeSystem: OID.meddra, codeSystemVersion: r.meddraVersion ?? undefined, displayName: r.lltName ?? undefined },
          textEl('originalText', {}, r.reportedTerm),
        );
  // E.i.3.2a–f: the criteria that apply (in the case's order, which the importer keeps), then the others as "no information".
  const criteria = (Object.keys(SERIOUSNESS_OBS) as SeriousnessCriterion[]).filter((c) => !r.seriousness.includes(c));
  const seriousness = [...r.seriousness.map((c) => [c, true] as const), ...criteria.map((c) => [c, null] as const)].map(([criterion, value]) =>
    el('outboundRelationship2', { typeCode: 'PERT' }, observation(...SERIOUSNESS_OBS[criterion], bl(value))),
  );
  return el(
    'observation',
    { classCode: 'OBS', moodCode: 'EVN' },
    el('id', { root: refs.reaction(r.key) }),
    obsCode(OBS.reaction, 'reaction'),
    r.onset === null ? null : el('effectiveTime', { 'xsi:type': 'IVL_TS' }, el('low', { value: ts(r.onset) })),
    term,
    ...seriousness,
    el('outboundRelationship2', { typeCode: 'PERT' }, observation(OBS.outcome, 'outcome', el('value', { 'xsi:type': 'CE', code: OUTCOME_CODE[r.outcome], codeSystem: OID.outcome }))),
  );
}

/** G.k.4.r.10: the EDQM term when the text names one, always with the free text as written. */
function routeCode(route: string): Xml {
  const edqm = edqmRouteFor(route);
  const text = textEl('originalText', {}, route);
  return edqm === null
    ? el('routeCode', {}, text)
    : el('routeCode', { code: edqm.code, codeSystem: EDQM_ROUTE_OID, codeSystemVersion: EDQM_ROUTE_TERMS_VERSION, displayName: edqm.term }, text);
}

/**
 * G.k.4.r dosage rows: batch (G.k.4.r.7), dosage text (G.k.4.r.8) and route (G.k.4.r.10) in the first; a
 * route the importer joined from several rows ("Oral; Intravenous") gets a row per route again.
 */
function dosageRows(d: Drug): Xml[] {
  const parts = d.route?.split('; ') ?? [];
  const routes = parts.length > 1 && parts.every((p) => p !== '' && p.trim() === p) && new Set(parts).size === parts.length ? parts : d.route === null ? [] : [d.route];
  const rows = Math.max(routes.length, d.dose === null && d.batchNumber === null ? 0 : 1);
  return Array.from({ length: rows }, (_, index) => {
    const route = routes[index];
    const first = index === 0;
    return el(
      'outboundRelationship2',
      { typeCode: 'COMP' },
      el(
        'substanceAdministration',
        { classCode: 'SBADM', moodCode: 'EVN' },
        first && d.dose !== null ? textEl('text', {}, d.dose) : null,
        route === undefined ? null : routeCode(route),
        first && d.batchNumber !== null
          ? el(
              'consumable',
              { typeCode: 'CSM' },
              el('instanceOfKind', { classCode: 'INST' }, el('productInstanceInstance', { classCode: 'MMAT', determinerCode: 'INSTANCE' }, textEl('lotNumberText', {}, d.batchNumber))),
            )
          : null,
      ),
    );
  });
}

/** The drug that carries the case's special situations and lack of efficacy: the first suspect or interacting one. */
function carrierKey(content: CaseContent): string | undefined {
  return (content.drugs.find((d) => d.role === 'suspect' || d.role === 'interacting') ?? content.drugs[0])?.key;
}

function drugXml(d: Drug, content: CaseContent, refs: Refs): Xml {
  const carrier = carrierKey(content) === d.key;
  const situations = carrier ? content.specialSituations : [];
  // G.k.11 first: the importer takes the special situations in the order it meets them.
  const note = drugNoteLines({ specialSituations: situations, lackOfEfficacy: carrier && content.lackOfEfficacy, dechallenge: d.dechallenge });
  const coded = situations.flatMap((s) => {
    const code = SPECIAL_SITUATION_CODE[s];
    return code === undefined ? [] : [el('outboundRelationship2', { typeCode: 'REFR' }, observation(OBS.codedDrugInformation, 'codedDrugInformation', el('value', { 'xsi:type': 'CE', code, codeSystem: OID.drugInformation })))];
  });
  // G.k.9.i.4 is per drug and reaction; ours is per drug: said of the first reaction assessed with it (else the first reaction).
  const recurrenceReaction = content.causality.find((c) => c.drugKey === d.key)?.reactionKey ?? content.reactions[0]?.key;
  const recurrence =
    d.rechallenge === null || recurrenceReaction === undefined
      ? null
      : el(
          'outboundRelationship2',
          { typeCode: 'PERT' },
          observation(
            OBS.recurrence,
            'recurranceOfReaction',
            el('value', { 'xsi:type': 'CE', code: RECURRENCE_CODE[d.rechallenge], codeSystem: OID.recurrence }),
            el('outboundRelationship1', { typeCode: 'REFR' }, el('actReference', { classCode: 'OBS', moodCode: 'EVN' }, el('id', { root: refs.reaction(recurrenceReaction) }))),
          ),
        );
  return el(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN' },
    el('id', { root: refs.drug(d.key) }),
    el('consumable', { typeCode: 'CSM' }, el('instanceOfKind', { classCode: 'INST' }, el('kindOfProduct', { classCode: 'MMAT', determinerCode: 'KIND' }, textEl('name', {}, d.name)))),
    ...dosageRows(d),
    note.length === 0 ? null : el('outboundRelationship2', { typeCode: 'REFR' }, observation(OBS.additionalInformation, 'additionalInformation', textEl('value', { 'xsi:type': 'ST' }, note.join('\n')))),
    ...coded,
    recurrence,
    d.actionTaken === null
      ? null
      : el('inboundRelationship', { typeCode: 'CAUS' }, el('act', { classCode: 'ACT', moodCode: 'EVN' }, el('code', { code: ACTION_TAKEN_CODE[d.actionTaken], codeSystem: OID.actionTaken }))),
  );
}

function productReference(root: string): Xml {
  return el('subject2', { typeCode: 'SUBJ' }, el('productUseReference', { classCode: 'SBADM', moodCode: 'EVN' }, el('id', { root })));
}

function causalityComponent(code: string, displayName: string, ...children: readonly Child[]): Xml {
  return el('component', { typeCode: 'COMP' }, el('causalityAssessment', { classCode: 'OBS', moodCode: 'EVN' }, obsCode(code, displayName), ...children));
}

/** G.k.1 roles, then G.k.9.i.2.r assessments: one per side that assessed a pair. */
function assessmentsXml(content: CaseContent, refs: Refs): Xml[] {
  const roles = content.drugs.map((d) =>
    causalityComponent(OBS.interventionCharacterization, 'interventionCharacterization', el('value', { 'xsi:type': 'CE', code: DRUG_ROLE_CODE[d.role], codeSystem: OID.drugRole }), productReference(refs.drug(d.key))),
  );
  const drugKeys = new Set(content.drugs.map((d) => d.key));
  const reactionKeys = new Set(content.reactions.map((r) => r.key));
  const assessments = content.causality
    .filter((c) => drugKeys.has(c.drugKey) && reactionKeys.has(c.reactionKey))
    .flatMap((c: Causality) =>
      (['reporter', 'company'] as const).flatMap((side) => {
        const result = c[side];
        return result === null
          ? []
          : [
              causalityComponent(
                OBS.causality,
                'causality',
                textEl('value', { 'xsi:type': 'ST' }, CAUSALITY_RESULT_TEXT[result]),
                el('methodCode', {}, textEl('originalText', {}, CAUSALITY_METHOD)),
                el('author', { typeCode: 'AUT' }, el('assignedEntity', { classCode: 'ASSIGNED' }, el('code', {}, textEl('originalText', {}, CAUSALITY_SOURCE_TEXT[side])))),
                el('subject1', { typeCode: 'SUBJ' }, el('adverseEffectReference', { classCode: 'OBS', moodCode: 'EVN' }, el('id', { root: refs.reaction(c.reactionKey) }))),
                productReference(refs.drug(c.drugKey)),
              ),
            ];
      }),
    );
  return [...roles, ...assessments];
}

function reporterXml(r: Reporter): Xml {
  const qualification = r.qualification === null ? el('code', { nullFlavor: 'UNK' }) : el('code', { code: QUALIFICATION_CODE[r.qualification], codeSystem: OID.qualification });
  return el(
    'outboundRelationship',
    { typeCode: 'SPRT' },
    el('priorityNumber', { value: r.primarySource ? '1' : '2' }),
    relatedInvestigation(
      el('code', { code: '2', codeSystem: OID.relatedInvestigation, displayName: 'sourceReport' }),
      el(
        'author',
        { typeCode: 'AUT' },
        el(
          'assignedEntity',
          { classCode: 'ASSIGNED' },
          el(
            'assignedPerson',
            { classCode: 'PSN', determinerCode: 'INSTANCE' },
            personName(r.name),
            el('asQualifiedEntity', { classCode: 'QUAL' }, qualification),
            r.country === null
              ? null
              : el('asLocatedEntity', { classCode: 'LOCE' }, el('location', { classCode: 'COUNTRY', determinerCode: 'INSTANCE' }, el('code', { code: r.country, codeSystem: OID.country }))),
          ),
        ),
      ),
    ),
  );
}

function investigationEventXml(header: ExportBatchHeader, c: ExportCase): Xml {
  const { content } = c;
  const refs = new Refs(c.safetyReportId);
  const narrative = splitNarrative(content.narrative);
  const reportType = reportTypeOf(content);

  // C.4.r: one reference per line, as the importer joins them (else the whole text as one).
  const literatureLines = content.literatureReference?.split('\n') ?? [];
  const literature = literatureLines.every((l) => l !== '' && l.trim() === l) ? literatureLines : content.literatureReference === null ? [] : [content.literatureReference];

  const comment = (text: string | null, role: string, displayName: string): Xml | null =>
    text === null || text.trim() === ''
      ? null
      : el('component1', { typeCode: 'COMP' }, observationEvent(OBS.comment, 'comment', textEl('value', { 'xsi:type': 'ED' }, text), authorRole(role, displayName)));
  const diagnoses = narrative.diagnoses.map((d) =>
    el(
      'component1',
      { typeCode: 'COMP' },
      observationEvent(OBS.diagnosis, 'diagnosis', el('value', { 'xsi:type': 'CE', code: d.code, codeSystem: OID.meddra, codeSystemVersion: d.version ?? undefined }), authorRole('1', 'sender')),
    ),
  );

  const nullification = c.versionType === 'nullification' ? { code: '1', reason: content.nullificationReason } : c.versionType === 'amendment' ? { code: '2', reason: c.amendmentReason ?? null } : null;

  return el(
    'investigationEvent',
    { classCode: 'INVSTG', moodCode: 'EVN' },
    el('id', { root: OID.safetyReportId, extension: c.safetyReportId }),
    el('id', { root: OID.worldwideId, extension: c.worldwideId }),
    el('code', { code: 'PAT_ADV_EVNT', codeSystem: '2.16.840.1.113883.5.4' }),
    narrative.h1 === null ? null : textEl('text', { mediaType: 'text/plain' }, narrative.h1),
    el('statusCode', { code: 'active' }),
    el('effectiveTime', {}, el('low', { value: ts(content.initialReceiptOn) })),
    el('availabilityTime', { value: ts(content.day0) }),
    ...literature.map((text) =>
      el(
        'reference',
        { typeCode: 'REFR' },
        el(
          'document',
          { classCode: 'DOC', moodCode: 'EVN' },
          el('code', { code: '2', codeSystem: OID.documentKind, displayName: 'literatureReference' }),
          textEl('bibliographicDesignationText', {}, text),
        ),
      ),
    ),
    el(
      'component',
      { typeCode: 'COMP' },
      el(
        'adverseEventAssessment',
        { classCode: 'INVSTG', moodCode: 'EVN' },
        el('subject1', { typeCode: 'SBJ' }, patientXml(content, refs, reportType.study)),
        ...assessmentsXml(content, refs),
        comment(narrative.reporterComments, '3', 'sourceReporter'),
        ...diagnoses,
        comment(narrative.senderComments, '1', 'sender'),
      ),
    ),
    // C.1.6.1 additional documents held by the sender; C.1.7 fulfils the local criteria for an expedited report (serious).
    el('component', { typeCode: 'COMP' }, observationEvent(OBS.additionalDocuments, 'additionalDocumentsAvailable', bl(false))),
    el('component', { typeCode: 'COMP' }, observationEvent(OBS.localCriteriaForExpedited, 'localCriteriaForExpedited', bl(content.reactions.some((r) => r.seriousness.length > 0)))),
    ...narrative.summaries
      .filter((s) => s.text.trim() !== '')
      .map((s) =>
        el(
          'component',
          { typeCode: 'COMP' },
          observationEvent(OBS.summaryAndComment, 'summaryAndComment', textEl('value', { 'xsi:type': 'ED', language: s.language ?? undefined }, s.text), authorRole('2', 'reporter')),
        ),
      ),
    el(
      'outboundRelationship',
      { typeCode: 'SPRT' },
      relatedInvestigation(
        el('code', { code: '1', codeSystem: OID.relatedInvestigation, displayName: 'initialReport' }),
        el('author', { typeCode: 'AUT' }, el('assignedEntity', { classCode: 'ASSIGNED' }, el('code', { code: c.firstSenderIsRegulator === true ? '1' : '2', codeSystem: OID.firstSender }))),
      ),
    ),
    ...content.linkedReports.map((id) => el('outboundRelationship', { typeCode: 'SPRT' }, relatedInvestigation(el('code', { nullFlavor: 'NA' }), el('id', { root: OID.worldwideId, extension: id })))),
    ...content.reporters.map(reporterXml),
    el(
      'subjectOf1',
      { typeCode: 'SUBJ' },
      controlActEvent(
        el(
          'author',
          { typeCode: 'AUT' },
          el(
            'assignedEntity',
            { classCode: 'ASSIGNED' },
            el('code', { code: SENDER_TYPE_COMPANY, codeSystem: OID.senderType }),
            el(
              'representedOrganization',
              { classCode: 'ORG', determinerCode: 'INSTANCE' },
              el(
                'assignedEntity',
                { classCode: 'ASSIGNED' },
                el('representedOrganization', { classCode: 'ORG', determinerCode: 'INSTANCE' }, textEl('name', {}, header.senderOrganisation ?? header.senderId)),
              ),
            ),
          ),
        ),
      ),
    ),
    ...content.otherIdentifiers.map((o) => el('subjectOf1', { typeCode: 'SUBJ' }, controlActEvent(el('id', { root: OID.otherCaseId, extension: o.id, assigningAuthorityName: o.source })))),
    characteristic(CHARACTERISTIC.reportType, 'ichReportType', el('value', { 'xsi:type': 'CE', code: reportType.code, codeSystem: OID.reportType })),
    characteristic(CHARACTERISTIC.otherCaseIds, 'otherCaseIds', bl(content.otherIdentifiers.length > 0 ? true : null)),
    nullification === null
      ? null
      : characteristic(CHARACTERISTIC.nullificationCode, 'nullificationAmendmentCode', el('value', { 'xsi:type': 'CE', code: nullification.code, codeSystem: OID.nullificationAmendment })),
    nullification?.reason === null || nullification?.reason === undefined
      ? null
      : characteristic(CHARACTERISTIC.nullificationReason, 'nullificationAmendmentReason', el('value', { 'xsi:type': 'CE' }, textEl('originalText', {}, nullification.reason))),
  );
}

// ---------------------------------------------------------------------------------------------------
// Public API

/** One ICSR message (`PORR_IN049016UV`, no XML declaration) for one case version. */
export function icsrMessageXml(header: ExportBatchHeader, c: ExportCase): string {
  checkHeader(header);
  requireText('case.safetyReportId', c.safetyReportId);
  requireText('case.worldwideId', c.worldwideId);
  requireText('case.messageId', c.messageId);
  return el(
    'PORR_IN049016UV',
    NAMESPACES,
    el('id', { root: OID.safetyReportId, extension: c.messageId }),
    el('creationTime', { value: header.createdAt }),
    el('interactionId', { root: '2.16.840.1.113883.1.6', extension: 'PORR_IN049016UV' }),
    el('processingCode', { code: 'P' }),
    el('processingModeCode', { code: 'T' }),
    el('acceptAckCode', { code: 'AL' }),
    device('receiver', OID.messageReceiver, header.receiverId),
    device('sender', OID.messageSender, header.senderId),
    el(
      'controlActProcess',
      { classCode: 'CACT', moodCode: 'EVN' },
      el('code', { code: 'PORR_TE049016UV', codeSystem: '2.16.840.1.113883.1.18' }),
      el('effectiveTime', { value: header.createdAt }),
      el('subject', { typeCode: 'SUBJ' }, investigationEventXml(header, c)),
    ),
  );
}

/**
 * An ICSR batch (`MCCI_IN200100UV01`) in chunks: the XML declaration with the batch header (N.1), one
 * chunk per message, then the batch sender and receiver with the closing tag. Concatenated, the chunks
 * are the file; written one by one, a batch of any size streams.
 */
export function* icsrBatchXml(header: ExportBatchHeader, cases: Iterable<ExportCase>): Generator<string> {
  checkHeader(header);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<MCCI_IN200100UV01${attrs({ ITSVersion: 'XML_1.0', ...NAMESPACES })}>` +
    el('id', { root: OID.batchNumber, extension: header.batchId }) +
    el('creationTime', { value: header.createdAt }) +
    el('responseModeCode', { code: 'D' }) +
    el('interactionId', { root: '2.16.840.1.113883.1.6', extension: 'MCCI_IN200100UV01' }) +
    el('name', { code: '1', codeSystem: OID.messageType, displayName: 'ichicsr' }) +
    '\n';
  for (const c of cases) {
    yield `${icsrMessageXml(header, c)}\n`;
  }
  yield `${device('receiver', OID.batchReceiver, header.receiverId)}${device('sender', OID.batchSender, header.senderId)}</MCCI_IN200100UV01>\n`;
}
