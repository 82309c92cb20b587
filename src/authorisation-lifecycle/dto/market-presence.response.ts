import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiInstant } from '../../common/api-properties';
import { MARKET_PRESENCE_KINDS, type MarketPresenceKind } from '../../products/market-presence-event.entity';
import { ProductRefResponse, RuledDateResponse } from '../../products/dto/product.response';

export class MarketPresenceEventResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: MARKET_PRESENCE_KINDS })
  kind!: MarketPresenceKind;

  @ApiProperty({ type: String, nullable: true, example: 'DE' })
  memberState!: string | null;

  @ApiDate()
  on!: string;

  @ApiDate({ nullable: true })
  until!: string | null;

  @ApiProperty({ type: String, nullable: true })
  decisionRef!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'a cessation’s notice to the Agency, tracked as a milestone' })
  noticeMilestoneId!: string | null;

  @ApiProperty()
  reason!: string;

  @ApiProperty()
  recordedBy!: string;

  @ApiInstant()
  recordedAt!: string;
}

export class SunsetExemptionResponse {
  @ApiDate()
  on!: string;

  @ApiDate({ nullable: true })
  until!: string | null;

  @ApiProperty({ type: String, nullable: true })
  decisionRef!: string | null;
}

/** Where the product stands under the sunset clause (Reg 726/2004 Art 14(4)–(6)). */
export class SunsetResponse {
  @ApiProperty({ enum: ['never-placed', 'on-market', 'off-market', 'ceased-to-be-valid'] })
  state!: 'never-placed' | 'on-market' | 'off-market' | 'ceased-to-be-valid';

  @ApiDate({ nullable: true })
  firstPlacedOn!: string | null;

  @ApiProperty({ type: [String], description: 'member states where the product is on the market today' })
  marketedIn!: string[];

  @ApiDate({ nullable: true })
  offMarketSince!: string | null;

  @ApiProperty({ type: RuledDateResponse, nullable: true, description: 'the last day on which placing (or returning) the product on the market keeps the authorisation; none while on the market' })
  sunset!: RuledDateResponse | null;

  @ApiProperty({ type: SunsetExemptionResponse, nullable: true, description: 'the Art 14(6) exemption covering that day' })
  exemption!: SunsetExemptionResponse | null;
}

export class MarketPresenceResponse {
  @ApiProperty({ type: ProductRefResponse })
  product!: ProductRefResponse;

  @ApiProperty({ type: SunsetResponse })
  sunset!: SunsetResponse;

  @ApiProperty({ type: [MarketPresenceEventResponse], description: 'every record, oldest first' })
  events!: MarketPresenceEventResponse[];
}
