import { Module } from '@nestjs/common';
import { MilestonesModule } from '../milestones/milestones.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { DossierModule } from '../dossier/dossier.module';
import { SignalsModule } from '../signals/signals.module';
import { SignableRegistry } from './signables';
import { SignaturesController } from './signatures.controller';
import { SignaturesService } from './signatures.service';
import { SigningKeysService } from './signing-keys.service';

/** Electronic signatures bound to record content, and the keys that seal them. */
@Module({
  imports: [MilestonesModule, ObligationsModule, SignalsModule, DossierModule],
  controllers: [SignaturesController],
  providers: [SignaturesService, SigningKeysService, SignableRegistry],
  exports: [SigningKeysService],
})
export class SignaturesModule {}
