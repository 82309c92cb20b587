import { AuditChainLink } from '../audit/audit-chain.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AuthToken } from '../auth/auth-token.entity';
import { User, UserProduct } from '../auth/user.entity';
import { ClosureDayEntity } from '../deadlines/closure-day.entity';
import { EurdEntry } from '../deadlines/eurd-entry.entity';
import { DueDateChange } from '../milestones/due-date-change.entity';
import { Milestone } from '../milestones/milestone.entity';
import { Obligation } from '../obligations/obligation.entity';
import { ObligationChange } from '../obligations/obligation-change.entity';
import { ProcedureClockStop } from '../procedures/procedure-clock-stop.entity';
import { Procedure } from '../procedures/procedure.entity';
import { AuthorisationEvent } from '../products/authorisation-event.entity';
import { MarketPresenceEvent } from '../products/market-presence-event.entity';
import { MarketingAuthorisation } from '../products/marketing-authorisation.entity';
import { Product } from '../products/product.entity';
import { InboxMessage, NotificationChannel, ReminderDelivery, ReminderPolicy } from '../reminders/reminder.entities';
import { ReferenceSafetyInfoEntity, ReferenceSafetyTermEntity } from '../reference-safety/reference-safety.entities';
import { CaseClock, CaseLink, CaseSubmission, SafetyCase, SafetyCaseVersion } from '../safety-cases/safety-case.entities';
import { E2bAcknowledgement, E2bExport } from '../e2b/e2b.entities';
import { FrequencyRun, FrequencyRunAlerts, ProductExposure } from '../frequencies/frequency.entities';
import { ElectronicSignature } from '../signatures/electronic-signature.entity';
import { SigningKey } from '../signatures/signing-key.entity';

/** Every entity, listed explicitly (a glob would not load TypeScript sources under jest). */
export const ENTITIES = [
  AuditEntry,
  AuditChainLink,
  ClosureDayEntity,
  EurdEntry,
  Product,
  MarketingAuthorisation,
  AuthorisationEvent,
  MarketPresenceEvent,
  Obligation,
  ObligationChange,
  Milestone,
  DueDateChange,
  Procedure,
  ProcedureClockStop,
  User,
  UserProduct,
  AuthToken,
  SigningKey,
  ElectronicSignature,
  ReminderPolicy,
  ReminderDelivery,
  InboxMessage,
  NotificationChannel,
  ReferenceSafetyInfoEntity,
  ReferenceSafetyTermEntity,
  SafetyCase,
  SafetyCaseVersion,
  CaseClock,
  CaseSubmission,
  CaseLink,
  E2bExport,
  E2bAcknowledgement,
  ProductExposure,
  FrequencyRun,
  FrequencyRunAlerts,
];
