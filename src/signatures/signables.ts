import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../auth/roles';
import { ProductScope } from '../common/actor';
import { InvalidInputError } from '../common/errors';
import { MilestonesService } from '../milestones/milestones.service';
import { ObligationsService } from '../obligations/obligations.service';
import { DossierService } from '../dossier/dossier.service';
import { SignalManagementService } from '../signals/signal-management.service';
import { SignatureMeaning } from './electronic-signature.entity';
import { signableContent } from './signature-seal';
import type { SignableType } from './signable-types';

/** A kind of record that can be signed: how to load its current content, and who may sign with which meaning. */
export interface Signable {
  load(manager: EntityManager, id: string, scope: ProductScope): Promise<{ productId: string | null; content: Record<string, unknown> }>;
  signers: Record<SignatureMeaning, readonly Role[]>;
}

/**
 * The records the domain signs. Register submissions are reviewed and approved by regulatory affairs (a QPPV
 * may review); safety records (signal assessments, the renewal dossier's safety part) are approved by a QPPV.
 */
@Injectable()
export class SignableRegistry {
  private readonly signables: Record<SignableType, Signable>;

  constructor(milestones: MilestonesService, obligations: ObligationsService, signals: SignalManagementService, dossiers: DossierService) {
    this.signables = {
      milestone: {
        load: async (manager, id, scope) => {
          const milestone = await milestones.get(manager, id, scope);
          return { productId: milestone.productId, content: signableContent(milestone) };
        },
        signers: { reviewed: ['regulatory', 'qppv'], approved: ['regulatory'] },
      },
      obligation: {
        load: async (manager, id, scope) => {
          const obligation = await obligations.get(manager, id, scope);
          return { productId: obligation.productId, content: signableContent(obligation) };
        },
        signers: { reviewed: ['regulatory', 'qppv'], approved: ['regulatory'] },
      },
      // A signal's assessment: reviewed by the safety team, approved (signed off) by a QPPV only.
      signal: {
        load: (manager, id, scope) => signals.signableContent(manager, id, scope),
        signers: { reviewed: ['safety', 'qppv'], approved: ['qppv'] },
      },
      // A renewal dossier version as a whole (its files by checksum): approved by regulatory affairs.
      dossier: {
        load: (_manager, id, scope) => dossiers.signableContent(id, 'whole', scope),
        signers: { reviewed: ['regulatory', 'safety', 'qppv'], approved: ['regulatory'] },
      },
      // Its safety part (cases, tabulation, frequencies, alerts, signals, exposure): approved by a QPPV only.
      'dossier-safety': {
        load: (_manager, id, scope) => dossiers.signableContent(id, 'safety', scope),
        signers: { reviewed: ['safety', 'qppv'], approved: ['qppv'] },
      },
    };
  }

  types(): string[] {
    return Object.keys(this.signables);
  }

  get(entityType: string): Signable {
    const signable = (this.signables as Record<string, Signable | undefined>)[entityType];
    if (signable === undefined) {
      throw InvalidInputError.field('entityType', `cannot be signed; signable records: ${this.types().join(', ')}`);
    }
    return signable;
  }
}
