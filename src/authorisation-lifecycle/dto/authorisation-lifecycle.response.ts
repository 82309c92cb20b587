import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiInstant } from '../../common/api-properties';
import { ProductRefResponse } from '../../products/dto/product.response';

export class RecordedExpiryResponse {
  @ApiDate()
  date!: string;

  @ApiProperty({ type: String, nullable: true, description: 'where the expiry comes from (decision, Union Register)' })
  source!: string | null;
}

/** A step of an authorisation's life: conversion, renewal decision or ending, with its decision and procedure. */
export class AuthorisationEventResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'conversion' })
  event!: string;

  @ApiProperty({ example: 'conditional' })
  fromType!: string;

  @ApiProperty({ example: 'standard' })
  toType!: string;

  @ApiProperty({ type: String, nullable: true, description: 'the Commission decision' })
  decisionRef!: string | null;

  @ApiDate()
  decidedOn!: string;

  @ApiDate({ nullable: true })
  notifiedOn!: string | null;

  @ApiProperty({ type: String, nullable: true })
  procedureRef!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  renewalCycle!: number | null;

  @ApiProperty({ type: String, nullable: true })
  renewalOutcome!: string | null;

  @ApiProperty({ type: RecordedExpiryResponse, nullable: true })
  expiry!: RecordedExpiryResponse | null;

  @ApiProperty()
  reason!: string;

  @ApiProperty()
  recordedBy!: string;

  @ApiInstant()
  recordedAt!: string;

  @ApiDate()
  recordedOn!: string;
}

export class GrantedTypeResponse {
  @ApiProperty({ example: 'conditional' })
  type!: string;

  @ApiDate({ nullable: true })
  notifiedOn!: string | null;
}

export class CurrentTypeResponse {
  @ApiProperty({ example: 'standard' })
  type!: string;

  @ApiDate({ nullable: true })
  convertedOn!: string | null;

  @ApiDate({ nullable: true })
  endedOn!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'withdrawn' })
  ending!: string | null;
}

export class TypeHistoryResponse {
  @ApiProperty({ type: GrantedTypeResponse })
  granted!: GrantedTypeResponse;

  @ApiProperty({ type: CurrentTypeResponse })
  current!: CurrentTypeResponse;

  @ApiProperty({ type: [AuthorisationEventResponse] })
  events!: AuthorisationEventResponse[];
}

export class NextDueResponse {
  @ApiProperty()
  title!: string;

  @ApiDate()
  dueDate!: string;

  @ApiProperty()
  overdue!: boolean;
}

export class PathMilestoneResponse {
  @ApiProperty()
  title!: string;

  @ApiDate()
  dueDate!: string;

  @ApiProperty()
  status!: string;

  @ApiDate({ nullable: true })
  submittedOn!: string | null;

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiDate({ nullable: true })
  outcomeOn!: string | null;
}

export class ObligationOnPathResponse {
  @ApiProperty()
  reference!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty()
  status!: string;

  @ApiDate({ nullable: true })
  fulfilledOn!: string | null;

  @ApiProperty()
  outstanding!: boolean;

  @ApiProperty({ type: NextDueResponse, nullable: true })
  nextDue!: NextDueResponse | null;

  @ApiProperty({ type: [PathMilestoneResponse] })
  milestones!: PathMilestoneResponse[];
}

export class ConversionPathResponse {
  @ApiProperty({ type: ProductRefResponse })
  product!: ProductRefResponse;

  @ApiProperty({ type: String, nullable: true })
  type!: string | null;

  @ApiDate({ nullable: true })
  convertedOn!: string | null;

  @ApiProperty({ type: 'integer' })
  fulfilled!: number;

  @ApiProperty({ type: 'integer' })
  outstanding!: number;

  @ApiProperty({ description: 'every specific obligation fulfilled: a conversion can be applied for' })
  readyForConversion!: boolean;

  @ApiProperty()
  summary!: string;

  @ApiProperty({ type: [ObligationOnPathResponse] })
  obligations!: ObligationOnPathResponse[];
}
