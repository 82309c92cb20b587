import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { FrequencyTriggerModule } from '../frequencies/frequency-trigger.module';
import { MeddraModule } from '../meddra/meddra.module';
import { ProductsModule } from '../products/products.module';
import { ReferenceSafetyModule } from '../reference-safety/reference-safety.module';
import { DeadlineSources } from '../reminders/deadline-sources';
import { RemindersModule } from '../reminders/reminders.module';
import { caseClockDeadlines } from './case-clock-deadlines';
import { CaseClocksService } from './case-clocks.service';
import { CaseCodingService } from './case-coding.service';
import { CaseDraftService } from './case-draft.service';
import { CaseQueriesService } from './case-queries.service';
import { CaseReportsService } from './case-reports.service';
import { SafetyCasesController } from './safety-cases.controller';
import { SafetyCasesService } from './safety-cases.service';

/** The case database: intake, triage, versions, clocks (reminded: registered with the reminders), duplicates, listings. */
@Module({
  imports: [ProductsModule, ReferenceSafetyModule, MeddraModule, DeadlinesModule, FrequencyTriggerModule, RemindersModule],
  controllers: [SafetyCasesController],
  providers: [SafetyCasesService, CaseDraftService, CaseCodingService, CaseQueriesService, CaseClocksService, CaseReportsService],
  exports: [SafetyCasesService, CaseClocksService, CaseReportsService],
})
export class SafetyCasesModule {
  constructor(sources: DeadlineSources) {
    sources.register(caseClockDeadlines);
  }
}
