import { ObligationsRegister1763683200000 } from '../../migrations/1763683200000-ObligationsRegister';
import { AuditChain1763769600000 } from '../../migrations/1763769600000-AuditChain';
import { Accounts1763856000000 } from '../../migrations/1763856000000-Accounts';
import { Reminders1763942400000 } from '../../migrations/1763942400000-Reminders';
import { ReminderChannels1764028800000 } from '../../migrations/1764028800000-ReminderChannels';
import { Meddra1764115200000 } from '../../migrations/1764115200000-Meddra';
import { SafetyCases1764201600000 } from '../../migrations/1764201600000-SafetyCases';
import { CaseReportedProduct1764288000000 } from '../../migrations/1764288000000-CaseReportedProduct';
import { E2bExchange1764374400000 } from '../../migrations/1764374400000-E2bExchange';
import { Frequencies1764460800000 } from '../../migrations/1764460800000-Frequencies';
import { Faers1764547200000 } from '../../migrations/1764547200000-Faers';
import { Disproportionality1764633600000 } from '../../migrations/1764633600000-Disproportionality';
import { SignalManagement1764720000000 } from '../../migrations/1764720000000-SignalManagement';
import { FaersCountedRows1764806400000 } from '../../migrations/1764806400000-FaersCountedRows';
import { Ebgm1764892800000 } from '../../migrations/1764892800000-Ebgm';
import { RenewalDossier1764979200000 } from '../../migrations/1764979200000-RenewalDossier';
import { FrequencyRunAlerts1765000000000 } from '../../migrations/1765000000000-FrequencyRunAlerts';
import { RecordedOn1765400000000 } from '../../migrations/1765400000000-RecordedOn';
import { AnnualReassessment1765400000001 } from '../../migrations/1765400000001-AnnualReassessment';
import { AuthorisationLifecycle1765400000002 } from '../../migrations/1765400000002-AuthorisationLifecycle';
import { ListIndexes1765500000000 } from '../../migrations/1765500000000-ListIndexes';
import { ScreeningZeroCells1765600000000 } from '../../migrations/1765600000000-ScreeningZeroCells';
import { MarketPresence1766000000000 } from '../../migrations/1766000000000-MarketPresence';
import { ClockDayCounts1766300000000 } from '../../migrations/1766300000000-ClockDayCounts';

/** Every migration in order; add a new one at the end (see CONTRIBUTING.md). */
export const MIGRATIONS = [
  ObligationsRegister1763683200000,
  AuditChain1763769600000,
  Accounts1763856000000,
  Reminders1763942400000,
  ReminderChannels1764028800000,
  Meddra1764115200000,
  SafetyCases1764201600000,
  CaseReportedProduct1764288000000,
  E2bExchange1764374400000,
  Frequencies1764460800000,
  Faers1764547200000,
  Disproportionality1764633600000,
  SignalManagement1764720000000,
  FaersCountedRows1764806400000,
  Ebgm1764892800000,
  RenewalDossier1764979200000,
  FrequencyRunAlerts1765000000000,
  RecordedOn1765400000000,
  AnnualReassessment1765400000001,
  AuthorisationLifecycle1765400000002,
  ListIndexes1765500000000,
  ScreeningZeroCells1765600000000,
  MarketPresence1766000000000,
  ClockDayCounts1766300000000,
];
