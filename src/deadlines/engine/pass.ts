/**
 * Post-authorisation safety study (PASS) report deadlines (rule book §4).
 */
import { addMonths, type IsoDate } from '../../common/calendar-date';
import { type ClosureDay, derive, type DerivedDate } from './derived-date';

/** Imposed PASS: final report = end of data collection + 12 months; waiver request ≥ 3 months before (Dir 2001/83/EC Art 107p). */
export function passFinalReport(input: { endOfDataCollection: IsoDate; closures?: readonly ClosureDay[] }): {
  finalReportDue: DerivedDate;
  waiverRequestBy: DerivedDate;
} {
  const { endOfDataCollection, closures = [] } = input;
  const dueDate = addMonths(endOfDataCollection, 12);
  return {
    finalReportDue: derive('PASS-FINAL-REPORT', dueDate, `End of data collection ${endOfDataCollection} + 12 months`, closures),
    waiverRequestBy: derive('PASS-WAIVER-REQUEST', addMonths(dueDate, -3), `Final report due ${dueDate} − 3 months`, closures),
  };
}

