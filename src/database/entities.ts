import { AuditEntry } from '../audit/audit-entry.entity';
import { ClosureDayEntity } from '../deadlines/closure-day.entity';
import { EurdEntry } from '../deadlines/eurd-entry.entity';
import { DueDateChange } from '../milestones/due-date-change.entity';
import { Milestone } from '../milestones/milestone.entity';
import { Obligation } from '../obligations/obligation.entity';
import { ProcedureClockStop } from '../procedures/procedure-clock-stop.entity';
import { Procedure } from '../procedures/procedure.entity';
import { MarketingAuthorisation } from '../products/marketing-authorisation.entity';
import { Product } from '../products/product.entity';

/** Every entity, listed explicitly (a glob would not load TypeScript sources under jest). */
export const ENTITIES = [AuditEntry, ClosureDayEntity, EurdEntry, Product, MarketingAuthorisation, Obligation, Milestone, DueDateChange, Procedure, ProcedureClockStop];
