import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ANY_ROLE, POLICY_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParseUuidPipe } from '../common/validation';
import { CreateReminderPolicyDto, DeleteReminderPolicyDto, ReminderPolicyQueryDto, UpdateReminderPolicyDto } from './dto/reminder-policy.dto';
import { ReminderPolicyResponse } from './dto/reminder.response';
import { ReminderPoliciesService, toPolicyView } from './reminder-policies.service';

@ApiTags('reminder policies')
@Controller('reminder-policies')
export class ReminderPoliciesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: ReminderPoliciesService,
  ) {}

  @Get()
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Reminder policies: the default of each deadline kind, and the overrides of your products and their obligations' })
  @ApiOkResponse({ type: [ReminderPolicyResponse] })
  async list(@CurrentActor() actor: Actor, @Query() query: ReminderPolicyQueryDto): Promise<ReminderPolicyResponse[]> {
    return (await this.policies.list(this.dataSource.manager, query, actor.scope)).map(toPolicyView);
  }

  @Get(':id')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'One reminder policy' })
  @ApiOkResponse({ type: ReminderPolicyResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string): Promise<ReminderPolicyResponse> {
    return toPolicyView(await this.policies.get(this.dataSource.manager, id, actor.scope));
  }

  @Post()
  @Allow(POLICY_EDITORS)
  @ApiOperation({ summary: 'Override the default of a deadline kind for one product or one obligation; fields left out are copied from the default' })
  @ApiCreatedResponse({ type: ReminderPolicyResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateReminderPolicyDto): Promise<ReminderPolicyResponse> {
    return toPolicyView(await this.dataSource.transaction((m) => this.policies.create(m, actor, body)));
  }

  @Patch(':id')
  @Allow(POLICY_EDITORS)
  @ApiOperation({ summary: 'Change offsets, escalation cadence, roles or channels (with a reason); defaults only by accounts with every product' })
  @ApiOkResponse({ type: ReminderPolicyResponse })
  async update(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateReminderPolicyDto): Promise<ReminderPolicyResponse> {
    return toPolicyView(await this.dataSource.transaction((m) => this.policies.update(m, actor, id, body)));
  }

  @Delete(':id')
  @Allow(POLICY_EDITORS)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'removed' })
  @ApiOperation({ summary: 'Remove an override (with a reason): its deadlines fall back to the product policy or the default, which cannot be removed' })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: DeleteReminderPolicyDto): Promise<void> {
    await this.dataSource.transaction((m) => this.policies.remove(m, actor, id, body.reason));
  }
}
