/**
 * Exposure of the two demo products, as pure data relative to the demo's as-of date. Illustrative figures for
 * the demo only — no real enrolment or sales figure is known to the project: each source says so.
 *
 * - Hemgenix: registry enrolment (solicited data) and a patients-treated estimate from distributed doses
 *   (one dose per patient: a one-off gene therapy).
 * - Zemcelpro: registry enrolment and the long-term follow-up study, and patients treated.
 */
import { addDays, addMonths, type IsoDate } from '../common/calendar-date';
import type { ExposureKind } from '../frequencies/frequency-table';
import type { DemoProductKey } from './demo-reference-safety';

export interface DemoExposure {
  kind: ExposureKind;
  countedOn: IsoDate;
  patients?: number;
  dosesDistributed?: number;
  dosesPerPatient?: number;
  followUpMedianMonths?: number;
  followUpMaxMonths?: number;
  patientYears?: number;
  source: string;
}

const ILLUSTRATIVE = 'ILLUSTRATIVE demo figure (no real figure is known to the project)';

/** The last day of the month before the as-of date: where a monthly data cut would fall. */
function lastMonthEnd(asOf: IsoDate): IsoDate {
  return addDays(`${asOf.slice(0, 8)}01`, -1);
}

export function demoExposure(product: DemoProductKey, asOf: IsoDate): DemoExposure[] {
  const cut = lastMonthEnd(asOf);
  const yearBefore = lastMonthEnd(addMonths(asOf, -12));
  if (product === 'Hemgenix') {
    return [
      { kind: 'registry', countedOn: yearBefore, patients: 24, followUpMedianMonths: 9, followUpMaxMonths: 20, patientYears: 21.5, source: `Hemgenix long-term registry, data cut ${yearBefore} — ${ILLUSTRATIVE}` },
      { kind: 'registry', countedOn: cut, patients: 41, followUpMedianMonths: 16, followUpMaxMonths: 32, patientYears: 58.2, source: `Hemgenix long-term registry, data cut ${cut} — ${ILLUSTRATIVE}` },
      { kind: 'dose-estimate', countedOn: cut, dosesDistributed: 96, dosesPerPatient: 1, source: `Doses distributed in the EEA up to ${cut} (one dose per patient) — ${ILLUSTRATIVE}` },
    ];
  }
  return [
    { kind: 'registry', countedOn: cut, patients: 44, followUpMedianMonths: 10, followUpMaxMonths: 24, patientYears: 39.8, source: `Zemcelpro patient registry (EBMT-based), data cut ${cut} — ${ILLUSTRATIVE}` },
    { kind: 'study', countedOn: cut, patients: 18, followUpMedianMonths: 14, followUpMaxMonths: 30, patientYears: 22.4, source: `Zemcelpro long-term follow-up study, data cut ${cut} — ${ILLUSTRATIVE}` },
    { kind: 'treated', countedOn: cut, patients: 71, source: `Patients treated in the EEA up to ${cut} (treatment centre returns) — ${ILLUSTRATIVE}` },
  ];
}
