import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Principal } from '../auth/principal';
import { ANY_ROLE } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParseUuidPipe } from '../common/validation';
import { CreateNotificationChannelDto, DeliveryQueryDto, ReplayDeliveryDto, UpdateNotificationChannelDto } from './dto/notification-channel.dto';
import { CreatedNotificationChannelResponse, NotificationChannelResponse, ReminderDeliveryResponse } from './dto/reminder.response';
import { NotificationChannelsService, toChannelView } from './notification-channels.service';
import { ReminderDeliveriesService, toDeliveryView } from './reminder-deliveries.service';

@ApiTags('reminders')
@Controller('me/notification-channels')
export class NotificationChannelsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: NotificationChannelsService,
  ) {}

  @Get()
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Your e-mail addresses and webhook endpoints for reminders (the inbox needs none)' })
  @ApiOkResponse({ type: [NotificationChannelResponse] })
  async list(@CurrentActor() me: Principal): Promise<NotificationChannelResponse[]> {
    return (await this.channels.list(this.dataSource.manager, me.userId)).map(toChannelView);
  }

  @Post()
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Add an e-mail address or a webhook; a webhook answer carries its signing secret, shown this once' })
  @ApiCreatedResponse({ type: CreatedNotificationChannelResponse })
  create(@CurrentActor() me: Principal, @Body() body: CreateNotificationChannelDto): Promise<CreatedNotificationChannelResponse> {
    return this.dataSource.transaction((m) => this.channels.create(m, me, body));
  }

  @Patch(':id')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Pause or resume an address, or relabel it' })
  @ApiOkResponse({ type: NotificationChannelResponse })
  async update(@CurrentActor() me: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateNotificationChannelDto): Promise<NotificationChannelResponse> {
    return toChannelView(await this.dataSource.transaction((m) => this.channels.update(m, me, id, body)));
  }

  @Delete(':id')
  @Allow(ANY_ROLE)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an address; reminders pending for it are cancelled' })
  @ApiNoContentResponse({ description: 'removed' })
  async remove(@CurrentActor() me: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.dataSource.transaction((m) => this.channels.remove(m, me, id));
  }
}

@ApiTags('reminders')
@Controller('reminder-deliveries')
export class ReminderDeliveriesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: ReminderDeliveriesService,
  ) {}

  @Get()
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Reminder deliveries with their status, attempts and last error: all for administrators, your own for others' })
  @ApiOkResponse({ type: [ReminderDeliveryResponse] })
  async list(@CurrentActor() me: Principal, @Query() query: DeliveryQueryDto): Promise<ReminderDeliveryResponse[]> {
    return (await this.deliveries.list(this.dataSource.manager, me, query)).map(toDeliveryView);
  }

  @Post(':id/replay')
  @Allow(ANY_ROLE)
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed delivery again under the same delivery id (receivers can still drop a repeat): administrators any, others their own' })
  @ApiAcceptedResponse({ type: ReminderDeliveryResponse, description: 'queued again' })
  async replay(@CurrentActor() me: Principal, @Param('id', ParseUuidPipe) id: string, @Body() body: ReplayDeliveryDto): Promise<ReminderDeliveryResponse> {
    const delivery = await this.dataSource.transaction((m) => this.deliveries.replay(m, me, id, body.reason));
    await this.deliveries.enqueueReplay(delivery);
    return toDeliveryView(delivery);
  }
}
