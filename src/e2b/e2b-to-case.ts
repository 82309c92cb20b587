/**
 * One E2B(R3) ICSR message (`PORR_IN049016UV` tree from readIcsrs) → our case content. Pure. A single bad
 * or unknown field becomes a warning naming its E2B element and where it sits; only an ICSR without any
 * case id throws.
 *
 * Dates: HL7 TS values ("20220815", "20220815120000-0500") give their calendar date part as written, no
 * time-zone conversion. A partial date (YYYY, YYYYMM) is not a day: null where our field allows it (onset,
 * date of death) with a warning. C.1.4 and C.1.5 cannot be null: a partial one becomes the first day of
 * its period (the earliest possible day: clocks err on the early side) and the gaps fall back C.1.5 ↔ C.1.4,
 * then C.1.2 (date of creation), the message date (N.2.r.4), the batch date (N.1.5), `context.receivedOn`
 * (else today, UTC), each with a warning.
 */
import { compareDates, type IsoDate, parseIsoDate, todayIn } from '../common/calendar-date';
import type { IcsrReportType } from '../deadlines/engine/icsr';
import type {
  CaseContent,
  Causality,
  CausalityAssessment,
  ChallengeResult,
  Drug,
  OtherIdentifier,
  Patient,
  Reaction,
  Reporter,
  SolicitedSource,
  SpecialSituation,
} from '../safety-cases/case-content';
import {
  ACTION_TAKEN,
  AGE_GROUP,
  AGE_UNIT,
  CAUSALITY_RANK,
  causalityFromText,
  causalitySource,
  CHARACTERISTIC,
  DRUG_ROLE,
  EUDRAVIGILANCE_SENDERS,
  FIRST_SENDER,
  OBS,
  OID,
  ORGANIZER,
  OUTCOME,
  parseDrugNote,
  QUALIFICATION,
  RECHALLENGE,
  REPORT_TYPE_NAMES,
  SERIOUSNESS_BY_OBS,
  SEX,
  solicitedSourceFromStudyName,
  SPECIAL_SITUATION,
  STUDY_TYPES,
} from './e2b-codes';
import { EDQM_ROUTE_OID, edqmRouteByCode } from './e2b-edqm';
import { attr, descendant, E2bFileError, type El, find, findAll, hasCode, kid, kids, textOf } from './e2b-xml';

export interface SuspectProduct {
  drugKey: string;
  name: string;
  role: 'suspect' | 'interacting';
  /** G.k.2.3.r.1 substance names. */
  substances: string[];
  /** G.k.3.1 authorisation / application number. */
  authorisationNumber: string | null;
  /** G.k.3.3 holder / applicant. */
  holder: string | null;
}

export interface ImportedIcsr {
  /** C.1.1 (C.1.8.1 when C.1.1 is missing, with a warning). */
  safetyReportId: string;
  /** C.1.8.1 (C.1.1 when C.1.8.1 is missing, with a warning): equal ids across files are versions of one case. */
  worldwideId: string;
  /** N.2.r.1. */
  messageId?: string;
  /** C.1.2 date of creation, the HL7 TS as written (orders versions of one case). */
  createdAt?: string;
  /** C.3.2. */
  senderOrganisation?: string;
  /** C.3.1 sender type code (1 company, 2 regulator, ...). */
  senderTypeCode?: string;
  /** C.1.3 code as written (1 spontaneous, 2 study, 3 other, 4 not available). */
  reportTypeCode: string | null;
  /** C.1.8.2. */
  firstSenderType?: 'regulator' | 'other';
  /** Sent by EudraVigilance (N.2.r.2 or N.1.3 is EVHUMAN / EVTEST) or an EMA literature-monitoring case (C.1.8.1 "EU-EC-..."). */
  receivedFromEudraVigilance: boolean;
  /** C.1.11.1 = 1 and C.1.11.2 (the reason also of an amendment). */
  nullification: { nullified: boolean; reason: string | null };
  /** C.1.11.1 = 2. */
  amendment: boolean;
  /** Names of suspect and interacting drugs (G.k.1 = 1 or 3), document order, no repeats. */
  suspectProductNames: string[];
  suspectProducts: SuspectProduct[];
  content: CaseContent;
  warnings: string[];
}

export interface IcsrContext {
  /** The file's batch header: its sender (N.1.3) and date (N.1.5). */
  batch?: { senderId: string | null; creationTime: string | null };
  /** Last-resort date for C.1.4 / C.1.5 when the message has no usable date at all (the day the file came in). */
  receivedOn?: IsoDate;
}

const IE = 'controlActProcess/subject/investigationEvent';
const AEA = 'component/adverseEventAssessment';
const PR = `${AEA}/subject1/primaryRole`;

// ---------------------------------------------------------------------------------------------------
// HL7 values

type Ts = { kind: 'absent' } | { kind: 'day'; date: IsoDate; raw: string } | { kind: 'partial'; first: IsoDate; raw: string } | { kind: 'invalid'; raw: string };

const TS_PATTERN = /^(\d{4})(?:(\d{2})(?:(\d{2})(?:\d{2}(?:\d{2}(?:\d{2}(?:\.\d+)?)?)?)?)?)?(?:[+-]\d{4})?$/;

function parseTs(raw: string | undefined): Ts {
  if (raw === undefined) {
    return { kind: 'absent' };
  }
  const match = TS_PATTERN.exec(raw);
  if (match === null) {
    return { kind: 'invalid', raw };
  }
  const [, year, month, day] = match;
  try {
    if (month !== undefined && day !== undefined) {
      return { kind: 'day', date: parseIsoDate(`${year}-${month}-${day}`), raw };
    }
    return { kind: 'partial', first: parseIsoDate(`${year}-${month ?? '01'}-01`), raw };
  } catch {
    return { kind: 'invalid', raw };
  }
}

/** A date for display in text: the ISO day when full, else the value as written. */
function displayTs(raw: string | undefined): string {
  const ts = parseTs(raw);
  return ts.kind === 'day' ? ts.date : (raw ?? '?');
}

function idKey(id: El | undefined): string | undefined {
  const root = attr(id, 'root');
  if (root === undefined) {
    return undefined;
  }
  const extension = attr(id, 'extension');
  return extension === undefined ? root : `${root}^${extension}`;
}

function num(value: string | undefined): number | null {
  if (value === undefined) {
    return null;
  }
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function isTrue(value: El | undefined): boolean {
  return attr(value, 'value')?.toLowerCase() === 'true';
}

/** The observation among `observations` with this observation code (OID.observation). */
function obsWith(observations: readonly El[], code: string): El | undefined {
  return observations.find((o) => hasCode(o, code, OID.observation));
}

/** Text of a free-text value: its own text, else `originalText`, else `displayName`. */
function freeText(value: El | undefined): string | undefined {
  return textOf(value) ?? textOf(kid(value, 'originalText')) ?? attr(value, 'displayName');
}

// ---------------------------------------------------------------------------------------------------

class Mapper {
  readonly warnings: string[] = [];
  private readonly notImported = new Set<string>();

  warn(element: string, where: string, message: string): void {
    this.warnings.push(`${element} (${where}): ${message}`);
  }

  skip(what: string): void {
    this.notImported.add(what);
  }

  finish(): string[] {
    if (this.notImported.size > 0) {
      this.warnings.push(`not imported: ${[...this.notImported].join('; ')}`);
    }
    return this.warnings;
  }

  optionalDay(raw: string | undefined, element: string, where: string): IsoDate | null {
    const ts = parseTs(raw);
    switch (ts.kind) {
      case 'absent':
        return null;
      case 'day':
        return ts.date;
      case 'partial':
        this.warn(element, where, `partial date "${ts.raw}" is not a day: left empty`);
        return null;
      case 'invalid':
        this.warn(element, where, `"${ts.raw}" is not an HL7 date: left empty`);
        return null;
    }
  }
}

interface DateSource {
  element: string;
  path: string;
  ts: Ts;
}

/** The first full day among the sources, else the first partial date's first day, with warnings. */
function pickDate(m: Mapper, own: DateSource, others: readonly DateSource[], receivedOn: IsoDate | undefined): IsoDate {
  switch (own.ts.kind) {
    case 'day':
      return own.ts.date;
    case 'partial':
      m.warn(own.element, own.path, `partial date "${own.ts.raw}": the first day of the period, ${own.ts.first}, is used`);
      return own.ts.first;
    case 'invalid':
      m.warn(own.element, own.path, `"${own.ts.raw}" is not an HL7 date`);
      break;
    case 'absent':
      break;
  }
  for (const source of others) {
    if (source.ts.kind === 'day' || source.ts.kind === 'partial') {
      const date = source.ts.kind === 'day' ? source.ts.date : source.ts.first;
      m.warn(own.element, own.path, `no usable date: ${source.element} (${date}) is used`);
      return date;
    }
  }
  const fallback = receivedOn ?? todayIn('UTC', new Date());
  m.warn(own.element, own.path, `no usable date in the message: ${receivedOn === undefined ? "today's date (UTC)" : 'the receipt date'} ${fallback} is used`);
  return fallback;
}

function reportedName(name: El | undefined): string | null {
  if (name === undefined) {
    return null;
  }
  const parts = name.children.length > 0 ? name.children.map((c) => c.text).filter((t) => t !== '') : [name.text];
  const joined = parts.join(' ').trim();
  return joined === '' ? null : joined;
}

function countryCode(m: Mapper, code: El | undefined, element: string, where: string): string | null {
  const value = attr(code, 'code')?.toUpperCase();
  if (value === undefined) {
    return null;
  }
  if (!/^[A-Z]{2}$/.test(value)) {
    m.warn(element, where, `"${value}" is not an ISO 3166 country code: left empty`);
    return null;
  }
  return value;
}

function mapReporters(m: Mapper, ie: El | undefined): Reporter[] {
  const sources = kids(ie, 'outboundRelationship').filter((o) => {
    const related = kid(o, 'relatedInvestigation');
    return related !== undefined && hasCode(related, '2', OID.relatedInvestigation);
  });
  const reporters = sources.map((o, index): Reporter => {
    const where = `reporter ${index + 1}, investigationEvent/outboundRelationship/relatedInvestigation/…/assignedEntity`;
    const entity = find(o, 'relatedInvestigation/subjectOf2/controlActEvent/author/assignedEntity');
    const person = kid(entity, 'assignedPerson');
    const qualificationCode = find(person, 'asQualifiedEntity/code');
    const code = attr(qualificationCode, 'code');
    const qualification = code === undefined ? null : (QUALIFICATION[code] ?? null);
    if (code !== undefined && qualification === null) {
      m.warn('C.2.r.4', where, `unknown qualification code "${code}": left empty`);
    }
    return {
      name: reportedName(kid(person, 'name')) ?? textOf(find(entity, 'representedOrganization/assignedEntity/representedOrganization/name')) ?? null,
      qualification,
      country: countryCode(m, find(person, 'asLocatedEntity/location/code'), 'C.2.r.3', where),
      primarySource: attr(kid(o, 'priorityNumber'), 'value') === '1',
    };
  });
  const flagged = reporters.filter((r) => r.primarySource).length;
  if (reporters.length > 0 && flagged === 0) {
    m.warn('C.2.r.5', 'investigationEvent/outboundRelationship/priorityNumber', 'no reporter is flagged as primary source: the first one is taken');
    reporters[0] = { ...(reporters[0] as Reporter), primarySource: true };
  } else if (flagged > 1) {
    m.warn('C.2.r.5', 'investigationEvent/outboundRelationship/priorityNumber', `${flagged} reporters are flagged as primary source: the first of them is kept`);
    let seen = false;
    for (const reporter of reporters) {
      reporter.primarySource = reporter.primarySource && !seen;
      seen ||= reporter.primarySource;
    }
  }
  return reporters;
}

function mapPatient(m: Mapper, primaryRole: El | undefined, situations: SpecialSituation[]): Patient {
  const player = kid(primaryRole, 'player1');
  const observations = findAll(primaryRole, 'subjectOf2/observation');
  const where = 'primaryRole';

  const nameEl = kid(player, 'name');
  const initials = attr(nameEl, 'nullFlavor') === undefined ? (reportedName(nameEl) ?? null) : null;

  const gender = kid(player, 'administrativeGenderCode');
  let sex: Patient['sex'] = null;
  if (gender !== undefined) {
    const code = attr(gender, 'code');
    sex = code === undefined ? 'unknown' : (SEX[code] ?? null);
    if (code !== undefined && sex === null) {
      m.warn('D.5', `${where}/player1/administrativeGenderCode`, `unknown sex code "${code}": left empty`);
    }
  }

  let ageValue: number | null = null;
  let ageUnit: Patient['ageUnit'] = null;
  const age = kid(obsWith(observations, OBS.age), 'value');
  if (age !== undefined && attr(age, 'nullFlavor') === undefined) {
    const value = num(attr(age, 'value'));
    const unit = attr(age, 'unit');
    const known = unit === undefined ? undefined : AGE_UNIT[unit];
    if (value === null || known === undefined) {
      m.warn('D.2.2a/b', `${where}/subjectOf2/observation[age]/value`, `age "${attr(age, 'value') ?? ''} ${unit ?? ''}" not understood: left empty`);
    } else {
      ageValue = Math.round(value * known.factor * 100) / 100;
      ageUnit = known.unit;
      if (unit === 'h') {
        m.warn('D.2.2b', `${where}/subjectOf2/observation[age]/value`, `age in hours (${value} h) converted to ${ageValue} days`);
      }
    }
  }

  const groupValue = kid(obsWith(observations, OBS.ageGroup), 'value');
  const groupCode = attr(groupValue, 'code');
  const ageGroup = groupCode === undefined ? null : (AGE_GROUP[groupCode] ?? null);
  if (groupCode !== undefined && ageGroup === null) {
    m.warn('D.2.3', `${where}/subjectOf2/observation[ageGroup]/value`, `unknown age group code "${groupCode}": left empty`);
  }

  let weightKg: number | null = null;
  const weight = kid(obsWith(observations, OBS.bodyWeight), 'value');
  if (weight !== undefined && attr(weight, 'nullFlavor') === undefined) {
    const value = num(attr(weight, 'value'));
    const unit = attr(weight, 'unit') ?? 'kg';
    if (value !== null && (unit === 'kg' || unit === 'g')) {
      weightKg = unit === 'g' ? value / 1000 : value;
    } else {
      m.warn('D.3', `${where}/subjectOf2/observation[bodyWeight]/value`, `weight "${attr(weight, 'value') ?? ''} ${unit}" not understood: left empty`);
    }
  }

  if (obsWith(observations, OBS.gestationPeriod) !== undefined) {
    situations.push('pregnancy-exposure');
  }

  return {
    initials,
    identifier: attr(find(player, 'asIdentifiedEntity/id'), 'extension') ?? null,
    ageValue,
    ageUnit,
    ageGroup,
    sex,
    weightKg,
    medicalHistory: medicalHistory(primaryRole),
    diedOn: m.optionalDay(attr(kid(player, 'deceasedTime'), 'value'), 'D.9.1', `${where}/player1/deceasedTime`),
  };
}

/** D.7.2 text, then each D.7.1.r entry as a line (MedDRA code, dates, continuing, comment). */
function medicalHistory(primaryRole: El | undefined): string | null {
  const organizer = findAll(primaryRole, 'subjectOf2/organizer').find((o) => hasCode(o, ORGANIZER.medicalHistory, OID.organizer));
  if (organizer === undefined) {
    return null;
  }
  const lines: string[] = [];
  for (const observation of findAll(organizer, 'component/observation')) {
    if (hasCode(observation, OBS.historyText, OID.observation)) {
      const text = textOf(kid(observation, 'value'));
      if (text !== undefined) {
        lines.unshift(text);
      }
      continue;
    }
    const code = kid(observation, 'code');
    if (attr(code, 'codeSystem') !== OID.meddra) {
      continue;
    }
    const parts = [`MedDRA ${attr(code, 'code') ?? '?'}${attr(code, 'codeSystemVersion') === undefined ? '' : ` (v${attr(code, 'codeSystemVersion')})`}`];
    const label = textOf(kid(code, 'originalText')) ?? attr(code, 'displayName');
    if (label !== undefined) {
      parts.push(label);
    }
    const start = attr(find(observation, 'effectiveTime/low'), 'value');
    const end = attr(find(observation, 'effectiveTime/high'), 'value');
    if (start !== undefined || end !== undefined) {
      parts.push(`${displayTs(start)} to ${displayTs(end)}`);
    }
    const related = findAll(observation, 'outboundRelationship2/observation').concat(findAll(observation, 'inboundRelationship/observation'));
    if (isTrue(kid(obsWith(related, '13'), 'value'))) {
      parts.push('continuing');
    }
    if (isTrue(kid(obsWith(related, '38'), 'value'))) {
      parts.push('family history');
    }
    const comment = textOf(kid(obsWith(related, OBS.comment), 'value'));
    if (comment !== undefined) {
      parts.push(comment);
    }
    lines.push(`- ${parts.join('; ')}`);
  }
  if (lines.length === 0) {
    return null;
  }
  return lines.join('\n');
}

interface ReactionsResult {
  reactions: Reaction[];
  byRef: Map<string, string>;
}

function mapReactions(m: Mapper, primaryRole: El | undefined): ReactionsResult {
  const byRef = new Map<string, string>();
  const observations = findAll(primaryRole, 'subjectOf2/observation').filter((o) => hasCode(o, OBS.reaction, OID.observation));
  const reactions = observations.map((o, index): Reaction => {
    const key = `r${index + 1}`;
    const where = `reaction ${key}, primaryRole/subjectOf2/observation[${index + 1}]`;
    const ref = idKey(kid(o, 'id'));
    const taken = ref === undefined ? undefined : byRef.get(ref);
    if (taken !== undefined) {
      m.warn('E.i', `${where}/id`, `same id as reaction ${taken} (${ref ?? ''}): references to it go to ${taken}`);
    } else if (ref !== undefined) {
      byRef.set(ref, key);
    }
    const value = kid(o, 'value');
    const related = findAll(o, 'outboundRelationship2/observation');

    let lltCode: number | null = null;
    const code = attr(value, 'code');
    // An uncoded term (no code at all) may carry the PT name it was entered as in displayName.
    const uncodedPtName = code === undefined ? (attr(value, 'displayName') ?? null) : null;
    if (code !== undefined) {
      const system = attr(value, 'codeSystem');
      if (/^\d{8}$/.test(code) && (system === undefined || system === OID.meddra)) {
        lltCode = Number(code);
      } else {
        m.warn('E.i.2.1b', `${where}/value`, `"${code}" is not a MedDRA code: left uncoded`);
      }
    }

    let reportedTerm = textOf(kid(value, 'originalText'));
    if (reportedTerm === undefined) {
      const translation = textOf(kid(obsWith(related, OBS.reactionForTranslation), 'value'));
      const fallback = translation ?? attr(value, 'displayName') ?? (lltCode === null ? undefined : `MedDRA ${lltCode}`);
      m.warn('E.i.1.1a', `${where}/value/originalText`, fallback === undefined ? 'no reported term' : `no reported term in native language: "${fallback}" is used`);
      reportedTerm = fallback ?? '';
    }

    const outcomeValue = kid(obsWith(related, OBS.outcome), 'value');
    const outcomeCode = attr(outcomeValue, 'code');
    let outcome = outcomeCode === undefined ? undefined : OUTCOME[outcomeCode];
    if (outcome === undefined) {
      m.warn('E.i.7', `${where}/outboundRelationship2/observation[outcome]`, outcomeCode === undefined ? 'no outcome: unknown' : `unknown outcome code "${outcomeCode}": unknown`);
      outcome = 'unknown';
    }

    const seriousness = related.flatMap((r) => {
      const c = kid(r, 'code');
      const criterion = SERIOUSNESS_BY_OBS[attr(c, 'code') ?? ''];
      return criterion !== undefined && hasCode(r, attr(c, 'code') ?? '', OID.observation) && isTrue(kid(r, 'value')) ? [criterion] : [];
    });

    const effective = kid(o, 'effectiveTime');
    const onsetRaw = attr(kid(effective, 'low'), 'value') ?? attr(effective, 'value');
    return {
      key,
      reportedTerm,
      lltCode,
      lltName: null,
      ptCode: null,
      ptName: uncodedPtName,
      socName: null,
      meddraVersion: lltCode === null ? null : (attr(value, 'codeSystemVersion') ?? null),
      onset: m.optionalDay(onsetRaw, 'E.i.4', `${where}/effectiveTime/low`),
      outcome,
      severity: null,
      seriousness: unique(seriousness),
    };
  });
  return { reactions, byRef };
}

interface DrugsResult {
  drugs: Drug[];
  byRef: Map<string, string>;
  suspects: SuspectProduct[];
  /** A G.k.11 note on any drug says lack of therapeutic efficacy. */
  lackOfEfficacy: boolean;
}

function dosageText(row: El): string {
  const parts: string[] = [];
  const dose = kid(row, 'doseQuantity');
  if (attr(dose, 'value') !== undefined) {
    parts.push([attr(dose, 'value'), attr(dose, 'unit')].filter((p) => p !== undefined && p !== '1').join(' '));
  }
  const period = descendant(kid(row, 'effectiveTime'), 'period');
  if (attr(period, 'value') !== undefined) {
    parts.push(`every ${attr(period, 'value')} ${attr(period, 'unit') ?? ''}`.trim());
  }
  const text = textOf(kid(row, 'text'));
  if (text !== undefined) {
    parts.push(text);
  }
  return parts.join(', ');
}

/** G.k.4.r.10: the free text, else the term's display name, else the EDQM term of its TermID, else the code. */
function routeText(row: El): string | undefined {
  const route = kid(row, 'routeCode');
  const code = attr(route, 'code');
  const edqm = code !== undefined && attr(route, 'codeSystem') === EDQM_ROUTE_OID ? edqmRouteByCode(code)?.term : undefined;
  return textOf(kid(route, 'originalText')) ?? attr(route, 'displayName') ?? edqm ?? code;
}

function mapDrugs(m: Mapper, ie: El | undefined, situations: SpecialSituation[]): DrugsResult {
  const primaryRole = find(ie, PR);
  const organizer = findAll(primaryRole, 'subjectOf2/organizer').find((o) => hasCode(o, ORGANIZER.drugInformation, OID.organizer));
  const administrations = findAll(organizer, 'component/substanceAdministration');

  const roles = new Map<string, string>();
  for (const assessment of findAll(ie, `${AEA}/component/causalityAssessment`)) {
    if (hasCode(assessment, OBS.interventionCharacterization, OID.observation)) {
      const ref = idKey(find(assessment, 'subject2/productUseReference/id'));
      const code = attr(kid(assessment, 'value'), 'code');
      if (ref !== undefined && code !== undefined) {
        roles.set(ref, code);
      }
    }
  }

  const byRef = new Map<string, string>();
  const suspects: SuspectProduct[] = [];
  let lackOfEfficacy = false;
  const drugs = administrations.map((sa, index): Drug => {
    const key = `d${index + 1}`;
    const where = `drug ${key}, …/organizer[drugInformation]/component[${index + 1}]/substanceAdministration`;
    const ref = idKey(kid(sa, 'id'));
    const taken = ref === undefined ? undefined : byRef.get(ref);
    if (taken !== undefined) {
      m.warn('G.k', `${where}/id`, `same id as drug ${taken} (${ref ?? ''}): references to it go to ${taken}`);
    } else if (ref !== undefined) {
      byRef.set(ref, key);
    }
    const product = find(sa, 'consumable/instanceOfKind/kindOfProduct');
    const substances = findAll(product, 'ingredient/ingredientSubstance/name')
      .map((n) => n.text)
      .filter((t) => t !== '');

    let name = textOf(kid(product, 'name'));
    if (name === undefined) {
      name = substances.length > 0 ? substances.join(', ') : '(name not reported)';
      m.warn('G.k.2.2', `${where}/consumable/instanceOfKind/kindOfProduct/name`, `no product name: "${name}" is used`);
    }

    const roleCode = ref === undefined ? undefined : roles.get(ref);
    let role = roleCode === undefined ? undefined : DRUG_ROLE[roleCode];
    if (role === undefined) {
      m.warn('G.k.1', where, roleCode === undefined ? 'no drug role: taken as suspect' : `unknown drug role code "${roleCode}": taken as suspect`);
      role = 'suspect';
    }

    const rows = kids(sa, 'outboundRelationship2')
      .filter((r) => attr(r, 'typeCode') === 'COMP')
      .map((r) => kid(r, 'substanceAdministration'))
      .filter((r): r is El => r !== undefined);
    const batches = unique(rows.map((r) => textOf(find(r, 'consumable/instanceOfKind/productInstanceInstance/lotNumberText'))).filter((b): b is string => b !== undefined));
    const doses = rows.map(dosageText).filter((d) => d !== '');
    const routes = unique(rows.map(routeText).filter((r): r is string => r !== undefined));

    const actionCode = attr(
      find(
        kids(sa, 'inboundRelationship').find((r) => attr(r, 'typeCode') === 'CAUS'),
        'act/code',
      ),
      'code',
    );
    const actionTaken = actionCode === undefined ? null : (ACTION_TAKEN[actionCode] ?? null);
    if (actionCode !== undefined && actionTaken === null) {
      m.warn('G.k.8', `${where}/inboundRelationship/act/code`, `unknown action code "${actionCode}": left empty`);
    }

    const related = findAll(sa, 'outboundRelationship2/observation');
    const rechallenges: ChallengeResult[] = [];
    let dechallenge: ChallengeResult | null = null;
    for (const observation of related) {
      if (hasCode(observation, OBS.recurrence, OID.observation)) {
        const code = attr(kid(observation, 'value'), 'code');
        const result = code === undefined ? undefined : RECHALLENGE[code];
        if (result === undefined) {
          m.warn('G.k.9.i.4', `${where}/outboundRelationship2/observation[recurrence]`, `unknown recurrence code "${code ?? ''}": ignored`);
        } else {
          rechallenges.push(result);
        }
      } else if (hasCode(observation, OBS.codedDrugInformation, OID.observation)) {
        const value = kid(observation, 'value');
        const system = attr(value, 'codeSystem');
        const situation = system === OID.drugInformation ? SPECIAL_SITUATION[attr(value, 'code') ?? ''] : undefined;
        if (situation !== undefined) {
          situations.push(situation);
        }
      } else if (hasCode(observation, OBS.gestationPeriod, OID.observation)) {
        situations.push('pregnancy-exposure');
      } else if (hasCode(observation, OBS.additionalInformation, OID.observation)) {
        // G.k.11: the lines our exporter writes for what has no coded element (see parseDrugNote).
        const note = parseDrugNote(textOf(kid(observation, 'value')) ?? '');
        situations.push(...note.specialSituations);
        lackOfEfficacy ||= note.lackOfEfficacy;
        dechallenge = note.dechallenge ?? dechallenge;
        if (note.unknown.length > 0) {
          m.warn('G.k.11', `${where}/outboundRelationship2/observation[additionalInformation]`, `not understood: ${note.unknown.map((u) => `"${u}"`).join(', ')}`);
        }
      }
    }
    const rechallenge = pickRechallenge(rechallenges);
    if (unique(rechallenges).length > 1) {
      m.warn('G.k.9.i.4', where, `recurrence differs between reactions (${unique(rechallenges).join(', ')}): ${rechallenge} is kept`);
    }

    if (role === 'suspect' || role === 'interacting') {
      suspects.push({
        drugKey: key,
        name,
        role,
        substances,
        authorisationNumber: attr(find(product, 'asManufacturedProduct/subjectOf/approval/id'), 'extension') ?? null,
        holder: textOf(find(product, 'asManufacturedProduct/subjectOf/approval/holder/role/playingOrganization/name')) ?? null,
      });
    }
    if (kids(sa, 'inboundRelationship').some((r) => attr(r, 'typeCode') === 'RSON')) {
      m.skip('G.k.7.r indications');
    }
    if (rows.some((r) => kid(r, 'effectiveTime') !== undefined && descendant(kid(r, 'effectiveTime'), 'low') !== undefined)) {
      m.skip('G.k.4.r.4/5 dates of administration');
    }
    return {
      key,
      role,
      productId: null,
      name,
      batchNumber: batches.length === 0 ? null : batches.join('; '),
      dose: doses.length === 0 ? null : doses.join('; '),
      route: routes.length === 0 ? null : routes.join('; '),
      actionTaken,
      dechallenge,
      rechallenge,
    };
  });
  for (const [ref, code] of roles) {
    if (!byRef.has(ref)) {
      m.warn('G.k.1', 'adverseEventAssessment/component/causalityAssessment[interventionCharacterization]', `role "${DRUG_ROLE[code] ?? code}" refers to no drug (${ref}): ignored`);
    }
  }
  return { drugs, byRef, suspects, lackOfEfficacy };
}

/** One rechallenge result per drug from its per-reaction recurrences: positive wins, then negative. */
function pickRechallenge(results: readonly ChallengeResult[]): ChallengeResult | null {
  for (const candidate of ['positive', 'negative', 'unknown', 'not-done'] as const) {
    if (results.includes(candidate)) {
      return candidate;
    }
  }
  return null;
}

function mapCausality(m: Mapper, ie: El | undefined, drugs: DrugsResult, reactions: ReactionsResult): Causality[] {
  const pairs = new Map<string, Causality>();
  const drugOrder = new Map(drugs.drugs.map((d, i) => [d.key, i]));
  const reactionOrder = new Map(reactions.reactions.map((r, i) => [r.key, i]));
  const assessments = findAll(ie, `${AEA}/component/causalityAssessment`).filter((a) => hasCode(a, OBS.causality, OID.observation));
  assessments.forEach((assessment, index) => {
    const where = `causality ${index + 1}, adverseEventAssessment/component/causalityAssessment[causality]`;
    const drugRef = idKey(find(assessment, 'subject2/productUseReference/id'));
    const reactionRef = idKey(find(assessment, 'subject1/adverseEffectReference/id'));
    const drugKey = drugRef === undefined ? undefined : drugs.byRef.get(drugRef);
    const reactionKey = reactionRef === undefined ? undefined : reactions.byRef.get(reactionRef);
    if (drugKey === undefined || reactionKey === undefined) {
      m.warn('G.k.9.i.2.r', where, `refers to ${drugKey === undefined ? `no known drug (${drugRef ?? 'no id'})` : `no known reaction (${reactionRef ?? 'no id'})`}: ignored`);
      return;
    }
    const sourceEl = find(assessment, 'author/assignedEntity/code');
    const sourceText = freeText(sourceEl);
    const side = sourceText === undefined ? null : causalitySource(sourceText);
    const resultText = freeText(kid(assessment, 'value'));
    const method = textOf(find(assessment, 'methodCode/originalText')) ?? attr(kid(assessment, 'methodCode'), 'displayName');
    if (side === null) {
      m.warn('G.k.9.i.2.r.1', `${where}, ${drugKey}–${reactionKey}`, `source of assessment "${sourceText ?? ''}" is neither the reporter nor the company: result "${resultText ?? ''}" not imported`);
      return;
    }
    const category = resultText === undefined ? null : causalityFromText(resultText);
    if (category === null) {
      m.warn('G.k.9.i.2.r.3', `${where}, ${drugKey}–${reactionKey}`, `result "${resultText ?? ''}" (${side}, method "${method ?? ''}") is not a recognised category: left unassessed`);
      return;
    }
    const pairKey = `${drugKey}|${reactionKey}`;
    const pair = pairs.get(pairKey) ?? { drugKey, reactionKey, reporter: null, company: null };
    const previous: CausalityAssessment | null = pair[side];
    if (previous !== null && previous !== category) {
      const kept = CAUSALITY_RANK[category] > CAUSALITY_RANK[previous] ? category : previous;
      m.warn('G.k.9.i.2.r', `${where}, ${drugKey}–${reactionKey}`, `two ${side} assessments (${previous}, ${category}): the more related, ${kept}, is kept`);
      pair[side] = kept;
    } else {
      pair[side] = category;
    }
    pairs.set(pairKey, pair);
  });
  return [...pairs.values()].sort(
    (a, b) => (drugOrder.get(a.drugKey) ?? 0) - (drugOrder.get(b.drugKey) ?? 0) || (reactionOrder.get(a.reactionKey) ?? 0) - (reactionOrder.get(b.reactionKey) ?? 0),
  );
}

function mapNarrative(m: Mapper, ie: El | undefined): string {
  const sections: string[] = [];
  const h1 = kid(ie, 'text');
  if (attr(h1, 'representation') === 'B64') {
    m.warn('H.1', 'investigationEvent/text', 'Base64-encoded narrative not decoded');
  } else if (textOf(h1) !== undefined) {
    sections.push(textOf(h1) as string);
  }
  const comments = findAll(ie, `${AEA}/component1/observationEvent`);
  const authored = (role: string): string[] =>
    comments
      .filter((c) => hasCode(c, OBS.comment, OID.observation) && attr(find(c, 'author/assignedEntity/code'), 'code') === role)
      .map((c) => textOf(kid(c, 'value')))
      .filter((t): t is string => t !== undefined);
  const reporterComments = authored('3');
  if (reporterComments.length > 0) {
    sections.push(`--- Reporter's comments (E2B H.2) ---\n${reporterComments.join('\n')}`);
  }
  const senderComments = authored('1');
  if (senderComments.length > 0) {
    sections.push(`--- Sender's comments (E2B H.4) ---\n${senderComments.join('\n')}`);
  }
  const diagnoses = comments
    .filter((c) => hasCode(c, OBS.diagnosis, OID.observation))
    .map((c) => kid(c, 'value'))
    .map((v) => [attr(v, 'code'), attr(v, 'codeSystemVersion')] as const)
    .filter(([code]) => code !== undefined)
    .map(([code, version]) => `MedDRA ${code}${version === undefined ? '' : ` (v${version})`}`);
  if (diagnoses.length > 0) {
    sections.push(`--- Sender's diagnosis (E2B H.3.r) ---\n${diagnoses.join('\n')}`);
  }
  const summaries = findAll(ie, 'component/observationEvent')
    .filter((o) => hasCode(o, OBS.summaryAndComment, OID.observation))
    .map((o) => {
      const value = kid(o, 'value');
      const text = textOf(value);
      const language = attr(value, 'language');
      return text === undefined ? undefined : `${language === undefined ? '' : `[${language}] `}${text}`;
    })
    .filter((t): t is string => t !== undefined);
  if (summaries.length > 0) {
    sections.push(`--- Case summary and reporter's comments in native language (E2B H.5.r) ---\n${summaries.join('\n')}`);
  }
  if (sections.length === 0) {
    m.warn('H.1', 'investigationEvent/text', 'no narrative');
  }
  return sections.join('\n\n');
}

function mapReportType(
  m: Mapper,
  code: string | null,
  study: El | undefined,
  literature: string | null,
): { reportType: IcsrReportType; solicitedSource: SolicitedSource | null } {
  const where = 'investigationEvent/subjectOf2/investigationCharacteristic[reportType]';
  let reportType: IcsrReportType = 'spontaneous';
  let solicitedSource: SolicitedSource | null = null;
  if (code === '2') {
    const studyCode = kid(study, 'code');
    let studyType = attr(studyCode, 'code');
    if (studyType === undefined) {
      const display = attr(studyCode, 'displayName')?.toLowerCase();
      studyType = Object.entries(STUDY_TYPES).find(([, t]) => t.name === display)?.[0];
      if (studyType !== undefined) {
        m.warn('C.5.4', 'primaryRole/subjectOf1/researchStudy/code', `no study type code: read from its display name "${attr(studyCode, 'displayName') ?? ''}"`);
      }
    }
    const known = studyType === undefined ? undefined : STUDY_TYPES[studyType];
    if (known === undefined) {
      m.warn('C.5.4', 'primaryRole/subjectOf1/researchStudy/code', `report from study without a known study type (${studyType ?? 'none'}): taken as solicited, source "other"`);
      reportType = 'solicited';
      solicitedSource = 'other';
    } else {
      reportType = known.reportType;
      solicitedSource = known.solicitedSource;
      // "Other studies" named as one of the organised data collections (registry, PSP, market research).
      const name = textOf(kid(study, 'title'));
      if (studyType === '3' && name !== undefined) {
        solicitedSource = solicitedSourceFromStudyName(name) ?? solicitedSource;
      }
    }
  } else if (code !== '1') {
    m.warn('C.1.3', where, code === null ? 'no type of report: taken as spontaneous' : `type of report ${code} (${REPORT_TYPE_NAMES[code] ?? 'unknown code'}): taken as spontaneous`);
  }
  if (literature !== null && reportType === 'spontaneous') {
    reportType = 'literature';
  }
  return { reportType, solicitedSource };
}

/**
 * Map one ICSR message to our case content. Throws E2bFileError (E2B_NO_CASE_ID) only when the message
 * has neither C.1.1 nor C.1.8.1.
 */
export function icsrToCase(icsr: El, context: IcsrContext = {}): ImportedIcsr {
  const m = new Mapper();
  const ie = find(icsr, IE);
  const ids = kids(ie, 'id');
  const idWithRoot = (root: string): string | undefined => attr(ids.find((i) => attr(i, 'root') === root), 'extension');
  const c11 = idWithRoot(OID.safetyReportId);
  const c181 = idWithRoot(OID.worldwideId);
  if (c11 === undefined && c181 === undefined) {
    const line = (icsr as { line?: unknown }).line;
    throw new E2bFileError('E2B_NO_CASE_ID', 'the ICSR has no case id (neither C.1.1 nor C.1.8.1)', `${icsr.name}/${IE}/id`, typeof line === 'number' ? line : undefined);
  }
  if (c11 === undefined) {
    m.warn('C.1.1', 'investigationEvent/id', `no safety report id: the worldwide case id ${c181 ?? ''} is used`);
  }
  if (c181 === undefined) {
    m.warn('C.1.8.1', 'investigationEvent/id', `no worldwide case id: the safety report id ${c11 ?? ''} is used`);
  }
  const safetyReportId = (c11 ?? c181) as string;
  const worldwideId = (c181 ?? c11) as string;

  // C.1.3, C.1.11
  const characteristics = findAll(ie, 'subjectOf2/investigationCharacteristic');
  const characteristic = (code: string): El | undefined => kid(characteristics.find((c) => hasCode(c, code, OID.characteristic)), 'value');
  const reportTypeCode = attr(characteristic(CHARACTERISTIC.reportType), 'code') ?? null;
  const nullificationCode = attr(characteristic(CHARACTERISTIC.nullificationCode), 'code');
  const nullificationReason = freeText(characteristic(CHARACTERISTIC.nullificationReason)) ?? null;
  if (nullificationCode !== undefined && nullificationCode !== '1' && nullificationCode !== '2') {
    m.warn('C.1.11.1', 'investigationEvent/subjectOf2/investigationCharacteristic[nullificationAmendmentCode]', `unknown code "${nullificationCode}": ignored`);
  }
  const nullified = nullificationCode === '1';

  // C.4.r literature; C.1.6.1.r documents
  const documents = findAll(ie, 'reference/document');
  const literature = documents
    .filter((d) => hasCode(d, '2', OID.documentKind))
    .map((d) => textOf(kid(d, 'bibliographicDesignationText')))
    .filter((t): t is string => t !== undefined);
  const literatureReference = literature.length === 0 ? null : literature.join('\n');
  if (documents.some((d) => kid(d, 'text') !== undefined)) {
    m.skip('C.1.6.1.r.2 / C.4.r.2 included documents');
  }

  // Sender (C.3), other ids (C.1.9.1.r)
  const controlActEvents = findAll(ie, 'subjectOf1/controlActEvent');
  const senderEntity = controlActEvents.map((c) => find(c, 'author/assignedEntity')).find((e) => e !== undefined);
  const senderOrganisation = textOf(find(senderEntity, 'representedOrganization/assignedEntity/representedOrganization/name'));
  const senderTypeCode = attr(kid(senderEntity, 'code'), 'code');
  const otherIdentifiers: OtherIdentifier[] = controlActEvents.flatMap((c) =>
    kids(c, 'id')
      .filter((i) => attr(i, 'root') === OID.otherCaseId && attr(i, 'extension') !== undefined)
      .map((i) => ({ source: attr(i, 'assigningAuthorityName') ?? 'unknown', id: attr(i, 'extension') as string })),
  );

  // C.1.8.2 first sender, C.1.10.r linked reports
  const related = kids(ie, 'outboundRelationship').map((o) => kid(o, 'relatedInvestigation')).filter((r): r is El => r !== undefined);
  const firstSenderCode = attr(find(related.find((r) => hasCode(r, '1', OID.relatedInvestigation)), 'subjectOf2/controlActEvent/author/assignedEntity/code'), 'code');
  const firstSenderType = firstSenderCode === undefined ? undefined : FIRST_SENDER[firstSenderCode];
  const linkedReports = related
    .filter((r) => !hasCode(r, '1', OID.relatedInvestigation) && !hasCode(r, '2', OID.relatedInvestigation))
    .map((r) => attr(find(r, 'subjectOf2/controlActEvent/id'), 'extension'))
    .filter((id): id is string => id !== undefined);

  // EudraVigilance
  const messageSender = attr(find(icsr, 'sender/device/id'), 'extension');
  const receivedFromEudraVigilance =
    [messageSender, context.batch?.senderId ?? undefined].some((s) => s !== undefined && EUDRAVIGILANCE_SENDERS.has(s.toUpperCase())) || worldwideId.toUpperCase().startsWith('EU-EC-');

  // Dates C.1.4 / C.1.5
  const c14: DateSource = { element: 'C.1.4', path: 'investigationEvent/effectiveTime/low', ts: parseTs(attr(find(ie, 'effectiveTime/low'), 'value')) };
  const c15: DateSource = { element: 'C.1.5', path: 'investigationEvent/availabilityTime', ts: parseTs(attr(kid(ie, 'availabilityTime'), 'value')) };
  const createdAt = attr(find(icsr, 'controlActProcess/effectiveTime'), 'value');
  const later: DateSource[] = [
    { element: 'C.1.2', path: 'controlActProcess/effectiveTime', ts: parseTs(createdAt) },
    { element: 'N.2.r.4', path: 'PORR_IN049016UV/creationTime', ts: parseTs(attr(kid(icsr, 'creationTime'), 'value')) },
    { element: 'N.1.5', path: 'MCCI_IN200100UV01/creationTime', ts: parseTs(context.batch?.creationTime ?? undefined) },
  ];
  const initialReceiptOn = pickDate(m, c14, [c15, ...later], context.receivedOn);
  const day0 = pickDate(m, c15, [c14, ...later], context.receivedOn);
  if (compareDates(day0, initialReceiptOn) < 0) {
    m.warn('C.1.5', 'investigationEvent/availabilityTime', `day 0 ${day0} is before the initial receipt ${initialReceiptOn} (C.1.4): kept as written`);
  }

  // D, E, G, causality, H
  const primaryRole = find(ie, PR);
  const situations: SpecialSituation[] = [];
  const patient = mapPatient(m, primaryRole, situations);
  const reactions = mapReactions(m, primaryRole);
  const drugs = mapDrugs(m, ie, situations);
  const causality = mapCausality(m, ie, drugs, reactions);
  const narrative = mapNarrative(m, ie);
  const study = find(primaryRole, 'subjectOf1/researchStudy');
  const { reportType, solicitedSource } = receivedFromEudraVigilance
    ? { reportType: 'eudravigilance' as const, solicitedSource: null }
    : mapReportType(m, reportTypeCode, study, literatureReference);
  if (receivedFromEudraVigilance && reportTypeCode !== '1' && reportTypeCode !== '2') {
    m.warn('C.1.3', 'investigationEvent/subjectOf2/investigationCharacteristic[reportType]', `type of report ${reportTypeCode ?? 'missing'} on a case from EudraVigilance`);
  }
  if (reactions.reactions.length === 0) {
    m.warn('E.i', 'primaryRole/subjectOf2/observation[reaction]', 'no reaction');
  }
  if (drugs.drugs.length === 0) {
    m.warn('G.k', 'primaryRole/subjectOf2/organizer[drugInformation]', 'no drug');
  }

  // Present but not imported (by design, for now)
  const organizers = findAll(primaryRole, 'subjectOf2/organizer');
  if (organizers.some((o) => hasCode(o, ORGANIZER.tests, OID.organizer))) {
    m.skip('F.r tests and procedures');
  }
  if (organizers.some((o) => hasCode(o, ORGANIZER.drugHistory, OID.organizer))) {
    m.skip('D.8.r past drug history');
  }
  if (kid(kid(primaryRole, 'player1'), 'role') !== undefined) {
    m.skip('D.10 parent (parent-child report)');
  }
  const patientObservations = findAll(primaryRole, 'subjectOf2/observation');
  if (obsWith(patientObservations, '32') !== undefined || obsWith(patientObservations, '5') !== undefined) {
    m.skip('D.9.2.r / D.9.4.r causes of death and autopsy');
  }
  if (study !== undefined) {
    // C.5.4 (and a C.5.2 naming the solicited source) decide the report type; the rest is not imported.
    const title = textOf(kid(study, 'title'));
    const titleUsed = title !== undefined && reportType === 'solicited' && solicitedSourceFromStudyName(title) !== null;
    if (reportType !== 'clinical-trial' && reportType !== 'solicited') {
      m.skip('C.5 study identification');
    } else if (kid(study, 'id') !== undefined || kid(study, 'authorization') !== undefined || (title !== undefined && !titleUsed)) {
      m.skip('C.5.1–C.5.3 study registration, name and sponsor number');
    }
  }

  const suspectProductNames = unique(drugs.suspects.map((s) => s.name));
  const content: CaseContent = {
    reportType,
    solicitedSource,
    literatureReference,
    initialReceiptOn,
    day0,
    significant: true,
    otherIdentifiers,
    linkedReports,
    reporters: mapReporters(m, ie),
    patient,
    reactions: reactions.reactions,
    drugs: drugs.drugs,
    causality,
    narrative,
    lackOfEfficacy: drugs.lackOfEfficacy,
    specialSituations: unique(situations),
    expectednessOverrides: [],
    nullificationReason: nullified ? nullificationReason : null,
    synthetic: false,
  };

  const messageId = attr(kid(icsr, 'id'), 'extension');
  return {
    safetyReportId,
    worldwideId,
    ...(messageId === undefined ? {} : { messageId }),
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(senderOrganisation === undefined ? {} : { senderOrganisation }),
    ...(senderTypeCode === undefined ? {} : { senderTypeCode }),
    reportTypeCode,
    ...(firstSenderType === undefined ? {} : { firstSenderType }),
    receivedFromEudraVigilance,
    nullification: { nullified, reason: nullificationReason },
    amendment: nullificationCode === '2',
    suspectProductNames,
    suspectProducts: drugs.suspects,
    content,
    warnings: m.finish(),
  };
}
