import { Module } from '@nestjs/common';
import { FaersImportService } from './faers-import.service';

/** FAERS quarterly data: the public background database for disproportionality. */
@Module({
  providers: [FaersImportService],
  exports: [FaersImportService],
})
export class FaersModule {}
