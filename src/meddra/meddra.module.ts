import { Module } from '@nestjs/common';
import { MeddraLoaderService } from './meddra-loader.service';
import { MeddraController } from './meddra.controller';
import { MeddraService } from './meddra.service';

/** MedDRA: load a licensed release, search it, code reactions. */
@Module({
  controllers: [MeddraController],
  providers: [MeddraService, MeddraLoaderService],
  exports: [MeddraService, MeddraLoaderService],
})
export class MeddraModule {}
