import { ApiProperty } from '@nestjs/swagger';
import { ApiAnyValue, ApiDate, ApiInstant } from '../../common/api-properties';
import { ProductRefResponse } from '../../products/dto/product.response';
import type { DossierRequest } from '../dossier-collector';
import type { Change, DossierComparison } from '../dossier-compare';
import type { ProposedChange } from '../dossier-content';
import type { BuildStatus, DossierBuildView, DossierVersionView } from '../dossier.service';

export class DossierParametersResponse {
  @ApiProperty({ description: 'the line listing is appended' })
  lineListing!: boolean;

  @ApiProperty({ type: 'integer', description: 'proposed changes to obligations entered' })
  proposedChanges!: number;

  @ApiProperty()
  benefitRiskWritten!: boolean;
}

export class DossierFileResponse {
  @ApiProperty({ description: 'SHA-256 of the file (also in the X-Content-SHA256 header of its download)' })
  sha256!: string;

  @ApiProperty({ type: 'integer' })
  bytes!: number;

  @ApiProperty({ example: 'renewal-dossier-Hemgenix-v1.pdf' })
  name!: string;
}

export class DossierFilesResponse {
  @ApiProperty({ type: DossierFileResponse })
  pdf!: DossierFileResponse;

  @ApiProperty({ type: DossierFileResponse })
  xlsx!: DossierFileResponse;

  @ApiProperty({ type: DossierFileResponse })
  zip!: DossierFileResponse;
}

/** A version of a product's renewal dossier: data lock point, content hash, files and who made it. */
export class DossierVersionResponse implements DossierVersionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: ProductRefResponse })
  product!: ProductRefResponse;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiDate()
  dataLockPoint!: string;

  @ApiProperty({ description: 'SHA-256 of the content (equal content makes no new version)' })
  contentHash!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the frequency run the dossier cites' })
  frequencyRunId!: string | null;

  @ApiProperty({ type: DossierParametersResponse })
  parameters!: DossierParametersResponse;

  @ApiProperty({ type: DossierFilesResponse })
  files!: DossierFilesResponse;

  @ApiProperty()
  createdBy!: string;

  @ApiInstant()
  createdAt!: Date;
}

export class ProposedChangeResponse implements ProposedChange {
  @ApiProperty({ example: 'SOB-001' })
  obligationReference!: string;

  @ApiProperty()
  change!: string;

  @ApiProperty()
  reason!: string;
}

/** What was asked for: the product, the data lock point and what the user wrote. */
export class DossierRequestResponse implements DossierRequest {
  @ApiProperty({ description: 'product id or name as given' })
  product!: string;

  @ApiDate()
  dataLockPoint!: string;

  @ApiProperty()
  benefitRisk!: string;

  @ApiProperty({ type: [ProposedChangeResponse] })
  proposedChanges!: ProposedChangeResponse[];

  @ApiProperty()
  lineListing!: boolean;
}

/** A dossier build and its progress. */
export class DossierBuildResponse implements DossierBuildView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ type: DossierRequestResponse })
  request!: DossierRequestResponse;

  @ApiProperty({ enum: ['queued', 'collecting', 'rendering', 'done', 'failed'] })
  status!: BuildStatus;

  @ApiProperty({ type: String, nullable: true, description: 'why it failed' })
  error!: string | null;

  @ApiProperty({ type: DossierVersionResponse, nullable: true, description: 'the version made (or reused), once done' })
  version!: DossierVersionResponse | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'the same content was already a version' })
  reused!: boolean | null;

  @ApiProperty()
  requestedBy!: string;

  @ApiInstant()
  createdAt!: Date;

  @ApiInstant()
  updatedAt!: Date;
}

export class SuggestedRenewalResponse {
  @ApiProperty({ type: 'integer' })
  cycle!: number;

  @ApiDate()
  applicationDue!: string;

  @ApiDate()
  expiry!: string;
}

export class DossierSuggestionResponse {
  @ApiProperty({ type: ProductRefResponse })
  product!: ProductRefResponse;

  @ApiDate({ nullable: true, description: 'null when no renewal is ahead' })
  dataLockPoint!: string | null;

  @ApiProperty({ type: SuggestedRenewalResponse, nullable: true })
  renewal!: SuggestedRenewalResponse | null;

  @ApiProperty({ description: 'why this data lock point, in words' })
  basis!: string;

  @ApiProperty({ type: [String], description: 'data the dossier needs that lie after this data lock point (e.g. exposure figures counted later), in words' })
  dataAfter!: string[];
}

export class DossierVersionRefResponse {
  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiDate()
  dataLockPoint!: string;

  @ApiProperty()
  contentHash!: string;
}

export class DossierChangeResponse implements Change {
  @ApiProperty({ example: 'SOB-001 / Interim report 2026' })
  item!: string;

  @ApiProperty({ example: 'dueDate' })
  field!: string;

  @ApiAnyValue()
  from!: unknown;

  @ApiAnyValue()
  to!: unknown;
}

export class DossierComparisonResponse implements DossierComparison {
  @ApiProperty({ type: DossierVersionRefResponse })
  from!: DossierVersionRefResponse;

  @ApiProperty({ type: DossierVersionRefResponse })
  to!: DossierVersionRefResponse;

  @ApiProperty()
  identical!: boolean;

  @ApiProperty({ type: [DossierChangeResponse], description: 'data lock point and the user’s text' })
  general!: DossierChangeResponse[];

  @ApiProperty({ type: [DossierChangeResponse] })
  obligations!: DossierChangeResponse[];

  @ApiProperty({ type: [DossierChangeResponse], description: 'case counts, reactions, frequencies, alerts and signals' })
  safety!: DossierChangeResponse[];
}
