import { Module } from '@nestjs/common';
import { SafetyCasesModule } from '../safety-cases/safety-cases.module';
import { E2bAcknowledgementsService } from './e2b-acknowledgements.service';
import { E2bController } from './e2b.controller';
import { E2bExportService } from './e2b-export.service';
import { E2bImportService } from './e2b-import.service';

/** E2B(R3) exchange: import of ICSR files and acknowledgements, export for EudraVigilance. */
@Module({
  imports: [SafetyCasesModule],
  controllers: [E2bController],
  providers: [E2bImportService, E2bAcknowledgementsService, E2bExportService],
  exports: [E2bImportService, E2bExportService],
})
export class E2bModule {}
