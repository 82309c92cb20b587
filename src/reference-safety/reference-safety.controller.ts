import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ANY_ROLE, SAFETY_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParseUuidPipe } from '../common/validation';
import { CreateReferenceSafetyDto } from './dto/reference-safety.dto';
import { ReferenceSafetyResponse } from './dto/reference-safety.response';
import { ReferenceSafetyService } from './reference-safety.service';

@ApiTags('reference safety information')
@Controller()
export class ReferenceSafetyController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rsi: ReferenceSafetyService,
  ) {}

  @Get('products/:product/reference-safety')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Every version of the product’s reference safety information, oldest first, with the dates each was in force' })
  @ApiOkResponse({ type: [ReferenceSafetyResponse] })
  async versions(@CurrentActor() actor: Actor, @Param('product') product: string): Promise<ReferenceSafetyResponse[]> {
    return this.rsi.versions(this.dataSource.manager, product, actor.scope);
  }

  @Post('products/:product/reference-safety')
  @Allow(SAFETY_EDITORS)
  @ApiOperation({ summary: 'Record a new version (the whole list of terms) taking effect on a date; earlier versions stay as they were' })
  @ApiCreatedResponse({ type: ReferenceSafetyResponse })
  async create(@CurrentActor() actor: Actor, @Param('product') product: string, @Body() body: CreateReferenceSafetyDto): Promise<ReferenceSafetyResponse> {
    return this.dataSource.transaction((m) => this.rsi.create(m, actor, product, body));
  }

  @Get('reference-safety/:id')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'One version of a reference safety information' })
  @ApiOkResponse({ type: ReferenceSafetyResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<ReferenceSafetyResponse> {
    return this.rsi.get(this.dataSource.manager, id, actor.scope);
  }
}
