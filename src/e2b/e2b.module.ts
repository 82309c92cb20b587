import { Module } from '@nestjs/common';
import { SafetyCasesModule } from '../safety-cases/safety-cases.module';
import { E2bImportService } from './e2b-import.service';

/** E2B(R3) exchange: import of ICSR files (acknowledgements and export to follow). */
@Module({
  imports: [SafetyCasesModule],
  providers: [E2bImportService],
  exports: [E2bImportService],
})
export class E2bModule {}
