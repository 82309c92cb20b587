import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ANY_ROLE, REGISTER_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { RecordMarketPresenceDto } from './dto/market-presence.dto';
import { MarketPresenceEventResponse, MarketPresenceResponse } from './dto/market-presence.response';
import { toMarketPresence, toMarketPresenceEvent } from './market-presence.mapper';
import { MarketPresenceService } from './market-presence.service';

@ApiTags('products')
@Controller('products/:product/market-presence')
export class MarketPresenceController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly presence: MarketPresenceService,
  ) {}

  @Get()
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'The product on the market of each member state, and where it stands under the sunset clause (Reg 726/2004 Art 14(4)–(6)): state, the last day to place or return it on the market, any exemption' })
  @ApiOkResponse({ type: MarketPresenceResponse })
  async get(@CurrentActor() actor: Actor, @Param('product') product: string): Promise<MarketPresenceResponse> {
    return toMarketPresence(await this.presence.view(this.dataSource.manager, product, actor.scope));
  }

  @Post()
  @Allow(REGISTER_EDITORS)
  @ApiOperation({
    summary:
      'Record the product placed on, or ceasing to be on, the market of a member state (a cessation gets its notice to EMA as a milestone due 2 months before, Art 13(4)), or an Art 14(6) exemption; the sunset-clause milestone is re-planned',
  })
  @ApiCreatedResponse({ type: MarketPresenceEventResponse })
  async record(@CurrentActor() actor: Actor, @Param('product') product: string, @Body() body: RecordMarketPresenceDto): Promise<MarketPresenceEventResponse> {
    return toMarketPresenceEvent(await this.dataSource.transaction((m) => this.presence.record(m, actor, product, body)));
  }
}
