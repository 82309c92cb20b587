import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiInstant } from '../../common/api-properties';
import type { AckLine, AcknowledgementView } from '../e2b-acknowledgements.service';
import type { FileReport, ImportedCaseLine, ImportReport } from '../e2b-import.service';
import { ACK_OUTCOMES, type AckOutcome } from '../e2b.entities';

/** One acknowledged message as reported back: what it led to. */
export class AckLineResponse implements AckLine {
  @ApiProperty({ type: 'integer', description: 'position of the message in the acknowledgement file' })
  position!: number;

  @ApiProperty({ type: String, nullable: true })
  messageNumber!: string | null;

  @ApiProperty({ enum: ['CA', 'CR'], nullable: true, description: 'CA: accepted; CR: rejected' })
  code!: 'CA' | 'CR' | null;

  @ApiProperty({ enum: ACK_OUTCOMES })
  outcome!: AckOutcome;

  @ApiProperty({ type: String, nullable: true })
  safetyReportId!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  version!: number | null;

  @ApiProperty()
  detail!: string;
}

export class ImportedCaseResponse implements ImportedCaseLine {
  @ApiProperty()
  worldwideId!: string;

  @ApiProperty()
  safetyReportId!: string;

  @ApiProperty({ enum: ['created', 'follow-up', 'amendment', 'nullification'] })
  action!: ImportedCaseLine['action'];

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ description: 'the registered product, or the product as reported' })
  product!: string;

  @ApiProperty()
  fromEudraVigilance!: boolean;

  @ApiProperty({ type: [String] })
  warnings!: string[];
}

export class ImportedFileResponse implements FileReport {
  @ApiProperty()
  file!: string;

  @ApiProperty({ type: String, nullable: true })
  sha256!: string | null;

  @ApiProperty({ enum: ['icsr', 'acknowledgement'], nullable: true })
  kind!: 'icsr' | 'acknowledgement' | null;

  @ApiProperty({ enum: ['imported', 'refused', 'skipped'] })
  status!: FileReport['status'];

  @ApiProperty({ type: 'integer' })
  casesCreated!: number;

  @ApiProperty({ type: 'integer' })
  casesVersioned!: number;

  @ApiProperty({ type: [ImportedCaseResponse], description: 'one line per case, the first ones of a big batch' })
  cases!: ImportedCaseResponse[];

  @ApiProperty({ type: 'integer', description: 'cases counted but not listed' })
  casesNotListed!: number;

  @ApiProperty({ type: [AckLineResponse] })
  acknowledgements!: AckLineResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'why a file was refused (element and problem) or skipped' })
  reason!: string | null;
}

export class ImportTotalsResponse {
  @ApiProperty({ type: 'integer' })
  filesRead!: number;

  @ApiProperty({ type: 'integer' })
  filesRefused!: number;

  @ApiProperty({ type: 'integer' })
  filesSkipped!: number;

  @ApiProperty({ type: 'integer' })
  casesCreated!: number;

  @ApiProperty({ type: 'integer' })
  casesVersioned!: number;

  @ApiProperty({ type: 'integer' })
  acknowledgementsMatched!: number;

  @ApiProperty({ type: 'integer' })
  acknowledgementsUnmatched!: number;
}

export class ImportReportResponse implements ImportReport {
  @ApiProperty({ type: [ImportedFileResponse] })
  files!: ImportedFileResponse[];

  @ApiProperty({ type: ImportTotalsResponse })
  totals!: ImportTotalsResponse;
}

/** An acknowledgement read, with what it led to. */
export class AcknowledgementResponse implements AcknowledgementView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  fileName!: string;

  @ApiProperty({ type: 'integer' })
  position!: number;

  @ApiProperty({ type: String, nullable: true })
  ackBatchId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'the batch it acknowledges' })
  icsrBatchId!: string | null;

  @ApiProperty({ enum: ['AA', 'AE', 'AR'], nullable: true })
  batchCode!: 'AA' | 'AE' | 'AR' | null;

  @ApiProperty({ type: String, nullable: true })
  messageNumber!: string | null;

  @ApiProperty({ enum: ['CA', 'CR'], nullable: true })
  code!: 'CA' | 'CR' | null;

  @ApiProperty({ type: [String], description: 'the texts the acknowledgement carries' })
  messages!: string[];

  @ApiDate({ nullable: true })
  acknowledgedOn!: string | null;

  @ApiProperty({ type: String, nullable: true })
  senderId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  safetyReportId!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  version!: number | null;

  @ApiProperty({ enum: ACK_OUTCOMES })
  outcome!: AckOutcome;

  @ApiProperty()
  detail!: string;

  @ApiProperty()
  createdBy!: string;

  @ApiInstant()
  createdAt!: Date;
}
