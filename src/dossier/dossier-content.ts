/**
 * The annual renewal dossier of a conditional marketing authorisation (renewal-dossier.md), as data: what the
 * PDF, the workbook and the CSV/JSON files all render. Everything is plain JSON (dates as YYYY-MM-DD strings,
 * no Date objects, lists in a fixed order), so the same data and data lock point give the same content, the
 * same content hash and the same bytes. Pure.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import type { IsoDate } from '../common/calendar-date';
import type { FrequencyRow } from '../frequencies/frequency-table';
import type { LineListingRow, SummaryTabulation } from '../safety-cases/tabulation';

/** Version of this content model: part of the hash, so a change in the model gives a new version. */
export const DOSSIER_FORMAT = 'cma-renewal-dossier/2';

/** A date and the rule that gives it (every due date cites its rule and source). */
export interface RuledDate {
  date: IsoDate;
  ruleId: string;
  source: string;
}

export interface DossierProduct {
  id: string;
  name: string;
  activeSubstance: string;
  emaProductNumber: string | null;
  euNumber: string | null;
  holder: string;
  advancedTherapy: boolean;
  additionalMonitoring: boolean;
  orphanDesignation: string | null;
}

export interface DossierAuthorisation {
  type: 'conditional' | 'standard' | 'exceptional-circumstances';
  notifiedOn: IsoDate;
  /** The authorisation's current expiry as at the data lock point. */
  currentExpiry: RuledDate | null;
  /**
   * The renewal this dossier is for: its cycle, window, application due date, and `expiry` — the expiry being
   * renewed (the current one, the same date as `currentExpiry`), not the one after renewal.
   */
  renewal: { cycle: number; windowOpens: RuledDate | null; applicationDue: RuledDate; expiry: RuledDate } | null;
  /** Data the tracker holds are illustrative (demo), not the holder's real decisions. */
  illustrative: boolean;
}

/** The period the dossier reports on: the interval (since the last annual renewal) ends at the data lock point. */
export interface DossierPeriod {
  from: IsoDate;
  to: IsoDate;
  basis: string;
}

export interface DueDateChange {
  from: IsoDate | null;
  to: IsoDate;
  /** The procedure that changed it (e.g. a variation number), when there is one. */
  procedureRef: string | null;
  reason: string;
  /** Business day the change was recorded (the regulator's time zone). */
  changedOn: IsoDate;
  /** Who recorded it (e.g. "user:alice"). */
  changedBy: string;
  /** Recorded after the data lock point: in force when the dossier was built, not at the DLP. */
  afterDataLockPoint: boolean;
}

/** What a change since the data lock point changed. */
export type RegulatoryChangeField = 'due date' | 'text' | 'status' | 'category' | 'study ids' | 'milestone status' | 'outcome';

/** A change to an obligation or one of its milestones recorded after the data lock point (shown as current in the dossier). */
export interface RegulatoryChange {
  obligationReference: string;
  /** The milestone's title, for a change to a milestone. */
  milestone: string | null;
  field: RegulatoryChangeField;
  from: string | null;
  to: string | null;
  /** Where it comes from: variation, renewal opinion, regulator's letter, correction, the holder's step… */
  source: string;
  procedureRef: string | null;
  reason: string;
  changedBy: string;
  /** Business day the change was recorded. */
  changedOn: IsoDate;
}

/** The two dates a dossier mixes, said in words: safety data as at the DLP, regulatory status as at the build. */
export interface DossierAsAt {
  safety: string;
  regulatoryStatus: string;
}

/** Met on time, met late, due (not yet due at the DLP), overdue (due before the DLP, not submitted), cancelled. */
export type Timeliness = 'on-time' | 'late' | 'pending' | 'overdue' | 'cancelled';

export interface DossierMilestone {
  id: string;
  title: string;
  /** The due date in force when the dossier was built, with its rule. */
  dueDate: RuledDate;
  /** The due date that was in force at the data lock point (the current one unless it changed after the DLP). */
  dueDateAtDataLockPoint: IsoDate;
  status: string;
  submittedOn: IsoDate | null;
  submissionRef: string | null;
  /** At the data lock point, against the due date then in force. */
  timeliness: Timeliness;
  /** Days late (submitted after, or still open past, the due date at the DLP); 0 when not late. */
  daysLate: number;
  outcome: string | null;
  outcomeOn: IsoDate | null;
  outcomeProcedureRef: string | null;
  /** Every due-date change after the first date, those recorded after the DLP marked so. */
  history: DueDateChange[];
}

export interface DossierObligation {
  id: string;
  /** Annex II reference, e.g. "SOB-001". */
  reference: string;
  /** SOB: specific obligation; ANX: Annex II condition (e.g. additional risk minimisation); MEA; LEG; REC. */
  category: string;
  studyType: string;
  description: string;
  studyIds: string[];
  status: string;
  milestones: DossierMilestone[];
}

/** A change to an obligation or its timeline the holder proposes in this renewal (entered with the export). */
export interface ProposedChange {
  obligationReference: string;
  change: string;
  reason: string;
}

export interface ProcedureOutcome {
  number: string;
  type: string;
  title: string;
  submittedOn: IsoDate | null;
  opinionOn: IsoDate | null;
  outcome: string | null;
  commissionDecisionOn: IsoDate | null;
}

export interface CaseCounts {
  cases: number;
  serious: number;
  fatal: number;
}

export interface DossierFrequency {
  runId: string;
  digest: string;
  period: 'interval' | 'cumulative';
  periodStart: IsoDate | null;
  dataLockPoint: IsoDate;
  referenceSafety: string | null;
  meddraVersion: string | null;
  /** Exposure the frequencies are computed against (patients treated, solicited and spontaneous). */
  exposure: Record<string, unknown>;
  rows: FrequencyRow[];
}

export interface DossierAlert {
  id: string;
  source: string;
  event: string;
  rule: string;
  status: string;
  raisedOn: IsoDate;
  decidedOn: IsoDate | null;
  reason: string | null;
}

export interface DossierSignal {
  id: string;
  title: string;
  event: string;
  status: string;
  priority: string | null;
  openedOn: IsoDate;
  closedOn: IsoDate | null;
  recommendedAction: string | null;
  emergingSafetyIssue: { establishedOn: IsoDate; dueOn: IsoDate | null; notifiedOn: IsoDate | null } | null;
  regulatorOutcome: string | null;
}

export interface DossierExposure {
  kind: string;
  from: IsoDate | null;
  to: IsoDate | null;
  patients: number;
  source: string;
}

export interface DossierSafety {
  /** Valid, non-nullified, non-duplicate cases received in the interval and up to the DLP. */
  cases: { interval: CaseCounts; cumulative: CaseCounts };
  /** Cases left out, counted over everything received up to the DLP. */
  excluded: { nullified: number; invalid: number; duplicates: number };
  tabulation: SummaryTabulation;
  frequency: DossierFrequency | null;
  alerts: DossierAlert[];
  signals: DossierSignal[];
  exposure: DossierExposure[];
}

export interface DossierContent {
  format: typeof DOSSIER_FORMAT;
  product: DossierProduct;
  authorisation: DossierAuthorisation;
  dataLockPoint: IsoDate;
  /** Which date each part is as at. */
  asAt: DossierAsAt;
  period: DossierPeriod;
  /** Obligations and milestones as in force when the dossier was built. */
  obligations: DossierObligation[];
  /** Every change to them recorded after the data lock point, oldest first. */
  changesSinceDataLockPoint: RegulatoryChange[];
  proposedChanges: ProposedChange[];
  procedures: ProcedureOutcome[];
  safety: DossierSafety;
  /** The benefit–risk conclusion written by the user for this dossier. */
  benefitRisk: string;
  /** The line listing of the interval (CIOMS II style), when asked for. */
  lineListing: LineListingRow[] | null;
}

/** The content as canonical JSON: keys sorted at every level, no whitespace. */
export function canonicalJson(content: DossierContent): string {
  const text = stringify(content);
  if (text === undefined) {
    throw new Error('the dossier content is not serialisable');
  }
  return text;
}

/** SHA-256 of the canonical JSON, hex: the content hash printed in the PDF and compared between versions. */
export function contentHash(content: DossierContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The specific obligations (category SOB), the ones the interim report covers. */
export function specificObligations(content: DossierContent): DossierObligation[] {
  return content.obligations.filter((o) => o.category === 'SOB');
}

/** Additional risk-minimisation measures and other Annex II conditions (category ANX). */
export function riskMinimisation(content: DossierContent): DossierObligation[] {
  return content.obligations.filter((o) => o.category === 'ANX');
}
