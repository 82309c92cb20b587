import { ApiProperty } from '@nestjs/swagger';
import { ApiFreeObject, ApiInstant } from '../../common/api-properties';
import { SIGNATURE_MEANINGS, type SignatureMeaning } from '../electronic-signature.entity';
import type { SignatureState, SignatureView } from '../signatures.service';
import type { SigningKeyView } from '../signing-keys.service';

export class SignerResponse {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  username!: string;

  @ApiProperty({ description: 'the signer’s name as it was when signing' })
  name!: string;

  @ApiProperty({ description: 'the role the signer held' })
  role!: string;
}

/** An electronic signature: the manifest, the content signed, and whether it still holds for the record as it is now. */
export class SignatureResponse implements SignatureView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'milestone' })
  entityType!: string;

  @ApiProperty()
  entityId!: string;

  @ApiProperty({ enum: SIGNATURE_MEANINGS })
  meaning!: SignatureMeaning;

  @ApiProperty({ type: SignerResponse })
  signer!: SignerResponse;

  @ApiInstant()
  signedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;

  @ApiProperty({ description: 'SHA-256 of the content signed' })
  contentHash!: string;

  @ApiProperty({ description: 'SHA-256 of the record’s content now' })
  currentContentHash!: string;

  @ApiProperty({ enum: ['valid', 'content-changed', 'seal-broken'] })
  state!: SignatureState;

  @ApiProperty({ description: 'the seal holds and the record is unchanged since signing' })
  valid!: boolean;

  @ApiFreeObject({ description: 'the exact content signed' })
  content!: Record<string, unknown>;
}

export class SigningKeyResponse implements SigningKeyView {
  @ApiProperty({ type: 'integer' })
  id!: number;

  @ApiInstant()
  createdAt!: string;

  @ApiInstant({ nullable: true })
  retiredAt!: string | null;

  @ApiProperty()
  active!: boolean;
}
