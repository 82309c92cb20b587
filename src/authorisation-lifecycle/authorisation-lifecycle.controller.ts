import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthorisationEventResponse, ConversionPathResponse, TypeHistoryResponse } from './dto/authorisation-lifecycle.response';
import { DataSource } from 'typeorm';
import { ANY_ROLE, REGISTER_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { toAuthorisationEventResponse, toTypeHistory } from './authorisation-lifecycle.mapper';
import { AuthorisationLifecycleService } from './authorisation-lifecycle.service';
import { RecordAuthorisationEventDto } from './dto/authorisation-event.dto';

@ApiTags('products')
@Controller('products/:product')
export class AuthorisationLifecycleController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: AuthorisationLifecycleService,
  ) {}

  @Get('authorisation/events')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'The authorisation’s type history: granted type, conversion, renewal decisions, ending, each with its decision and procedure' })
  @ApiOkResponse({ type: TypeHistoryResponse })
  async events(@CurrentActor() actor: Actor, @Param('product') product: string): Promise<TypeHistoryResponse> {
    const { authorisation, events } = await this.lifecycle.events(this.dataSource.manager, product, actor.scope);
    return toTypeHistory(authorisation, events);
  }

  @Post('authorisation/events')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({
    summary:
      'Record a conversion into a standard authorisation (with a decision on every open specific obligation), a five-year renewal decision (unlimited, or one additional five-year renewal), or the end (not renewed, withdrawn, lapsed); derived dates are re-planned',
  })
  @ApiCreatedResponse({ type: AuthorisationEventResponse })
  async record(@CurrentActor() actor: Actor, @Param('product') product: string, @Body() body: RecordAuthorisationEventDto): Promise<AuthorisationEventResponse> {
    return toAuthorisationEventResponse(await this.dataSource.transaction((m) => this.lifecycle.record(m, actor, product, body)));
  }

  @Get('conversion-path')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Path to conversion into a standard authorisation: each specific obligation fulfilled or outstanding, with its dates' })
  @ApiOkResponse({ type: ConversionPathResponse })
  async conversionPath(@CurrentActor() actor: Actor, @Param('product') product: string): Promise<ConversionPathResponse> {
    const { product: found, authorisation, path } = await this.lifecycle.conversionPath(this.dataSource.manager, product, actor.scope);
    return { product: { id: found.id, name: found.name }, type: authorisation?.type ?? null, convertedOn: authorisation?.convertedOn ?? null, ...path };
  }
}
