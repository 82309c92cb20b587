import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull } from '../../common/validation';
import { MARKET_PRESENCE_KINDS, type MarketPresenceKind } from '../../products/market-presence-event.entity';

/** The member states of the European Union, as the EU writes them (Greece EL): marketing in any one counts (Art 14(4)). */
export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;

/**
 * The product placed on, or ceasing to be on, the market of a member state (Reg 726/2004 Art 13(4)), or an
 * exemption from the sunset clause granted by the Commission (Art 14(6)).
 */
export class RecordMarketPresenceDto {
  @ApiProperty({ enum: MARKET_PRESENCE_KINDS, description: 'placed on the market, ceased (a planned cessation may lie ahead), or an Art 14(6) exemption' })
  @IsIn(MARKET_PRESENCE_KINDS)
  kind!: MarketPresenceKind;

  @ApiPropertyOptional({ enum: EU_MEMBER_STATES, description: 'required for placed and ceased (Greece is EL); none for an exemption' })
  @IsOptionalNotNull()
  @IsIn(EU_MEMBER_STATES, { message: 'memberState must be the code of an EU member state as the EU writes it (e.g. DE, FR; Greece EL)' })
  memberState?: (typeof EU_MEMBER_STATES)[number];

  @ApiProperty({ example: '2026-03-01', description: 'day placed on or removed from the market; the day an exemption was granted' })
  @IsCalendarDate()
  on!: string;

  @ApiPropertyOptional({ example: '2028-12-31', description: 'exemption only: the last day it covers (none: without end)' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  until?: string;

  @ApiPropertyOptional({ example: 'C(2026) 4567', description: 'exemption only (required): the Commission decision granting it' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  decisionRef?: string;

  @ApiPropertyOptional({ example: '2026-01-05', description: 'cessation only: the day the Agency was notified, when already done (the notice milestone is then submitted)' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  notifiedOn?: string;

  @ApiProperty({ description: 'why, or where the information comes from' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
