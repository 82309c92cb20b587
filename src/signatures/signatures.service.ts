import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { signatureNeedsSession } from '../auth/auth.errors';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/principal';
import { ProductScope } from '../common/actor';
import { Clock } from '../common/clock';
import { ForbiddenError, NotFoundError } from '../common/errors';
import { ElectronicSignature, SignatureMeaning } from './electronic-signature.entity';
import { SignableRegistry } from './signables';
import { contentHash, seal, SealedManifest, sealMatches } from './signature-seal';
import { SigningKeysService } from './signing-keys.service';

export interface SignRequest {
  entityType: string;
  entityId: string;
  meaning: SignatureMeaning;
  password: string;
  comment?: string;
}

export type SignatureState = 'valid' | 'content-changed' | 'seal-broken';

/** A signature as shown: the manifest, the content signed, and whether it still holds for the record as it is now. */
export interface SignatureView {
  id: string;
  entityType: string;
  entityId: string;
  meaning: SignatureMeaning;
  signer: { userId: string; username: string; name: string; role: string };
  signedAt: string;
  comment: string | null;
  contentHash: string;
  currentContentHash: string;
  state: SignatureState;
  valid: boolean;
  content: Record<string, unknown>;
}

function manifestOf(signature: ElectronicSignature): SealedManifest {
  return {
    id: signature.id,
    entityType: signature.entityType,
    entityId: signature.entityId,
    meaning: signature.meaning,
    signerUserId: signature.signerUserId,
    signerUsername: signature.signerUsername,
    signerName: signature.signerName,
    signerRole: signature.signerRole,
    signedAt: signature.signedAt.toISOString(),
    comment: signature.comment,
    contentHash: signature.contentHash,
  };
}

/**
 * Electronic signatures (21 CFR Part 11 §11.50, §11.70, §11.200; EU GMP Annex 11 §14): the signer re-enters
 * their password, the signature records name, time and meaning, and is bound to a hash of the exact content
 * signed and sealed with the server's signing key. A later change to the record shows the signature as no
 * longer valid for the current content.
 */
@Injectable()
export class SignaturesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly keys: SigningKeysService,
    private readonly signables: SignableRegistry,
    private readonly clock: Clock,
  ) {}

  async sign(principal: Principal, input: SignRequest): Promise<SignatureView> {
    if (principal.via !== 'session') {
      throw signatureNeedsSession();
    }
    const signable = this.signables.get(input.entityType);
    const allowed = signable.signers[input.meaning];
    if (!allowed.includes(principal.role)) {
      throw new ForbiddenError('ROLE_CANNOT_SIGN', `a ${principal.role} cannot sign a ${input.entityType} as "${input.meaning}"; who can: ${allowed.join(', ')}`, { allowed });
    }
    // 404 for a record that does not exist (or is out of scope) before the password is checked, so that a
    // mistyped id does not count as a failed sign-in; the content signed is read again inside the transaction.
    await signable.load(this.dataSource.manager, input.entityId, principal.scope);
    const signer = await this.auth.reauthenticate(principal, input.password);
    return this.dataSource.transaction(async (manager) => {
      const { productId, content } = await signable.load(manager, input.entityId, principal.scope);
      const key = await this.keys.active(manager);
      const signature = manager.create(ElectronicSignature, {
        id: randomUUID(),
        entityType: input.entityType,
        entityId: input.entityId,
        productId,
        meaning: input.meaning,
        signerUserId: signer.id,
        signerUsername: signer.username,
        signerName: signer.displayName,
        signerRole: principal.role,
        signedAt: this.clock.now(),
        comment: input.comment ?? null,
        content,
        contentHash: contentHash(content),
        keyId: key.id,
      });
      signature.seal = seal(key.secret, manifestOf(signature));
      await manager.save(ElectronicSignature, signature, { reload: false });
      await this.audit.record(manager, principal, {
        entityType: input.entityType,
        entityId: input.entityId,
        productId,
        action: `signed:${input.meaning}`,
        after: { signatureId: signature.id, meaning: input.meaning, contentHash: signature.contentHash, signer: signer.username },
        reason: input.comment ?? null,
      });
      return this.view(manager, signature, content);
    });
  }

  /** The signatures of a record, oldest first, each checked against the record as it is now. */
  async forRecord(entityType: string, entityId: string, scope: ProductScope): Promise<SignatureView[]> {
    const manager = this.dataSource.manager;
    const { content } = await this.signables.get(entityType).load(manager, entityId, scope);
    const signatures = await manager.find(ElectronicSignature, { where: { entityType, entityId }, order: { signedAt: 'ASC' } });
    return Promise.all(signatures.map((signature) => this.view(manager, signature, content)));
  }

  async get(id: string, scope: ProductScope): Promise<SignatureView> {
    const manager = this.dataSource.manager;
    const signature = await manager.findOneBy(ElectronicSignature, { id });
    if (signature === null) {
      throw new NotFoundError('signature', id);
    }
    const { content } = await this.signables.get(signature.entityType).load(manager, signature.entityId, scope);
    return this.view(manager, signature, content);
  }

  private async view(manager: EntityManager, signature: ElectronicSignature, currentContent: Record<string, unknown>): Promise<SignatureView> {
    const secret = await this.keys.secretOf(manager, signature.keyId);
    const current = contentHash(currentContent);
    const sealed = secret !== null && sealMatches(secret, manifestOf(signature), signature.seal) && contentHash(signature.content) === signature.contentHash;
    const state: SignatureState = !sealed ? 'seal-broken' : current !== signature.contentHash ? 'content-changed' : 'valid';
    return {
      id: signature.id,
      entityType: signature.entityType,
      entityId: signature.entityId,
      meaning: signature.meaning,
      signer: { userId: signature.signerUserId, username: signature.signerUsername, name: signature.signerName, role: signature.signerRole },
      signedAt: signature.signedAt.toISOString(),
      comment: signature.comment,
      contentHash: signature.contentHash,
      currentContentHash: current,
      state,
      valid: state === 'valid',
      content: signature.content,
    };
  }
}
