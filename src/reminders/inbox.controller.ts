import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ParseUuidPipe, QueryLimit } from '../common/validation';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { DataSource, IsNull } from 'typeorm';
import { Principal } from '../auth/principal';
import { ANY_ROLE } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Clock } from '../common/clock';
import { CurrentActor } from '../common/current-actor.decorator';
import { NotFoundError } from '../common/errors';
import { InboxItemResponse, MarkedReadResponse, UnreadCountResponse } from './dto/reminder.response';
import { InboxMessage } from './reminder.entities';

class InboxQueryDto {
  @ApiPropertyOptional({ description: 'only unread messages' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : (value as unknown)))
  @IsBoolean()
  unread?: boolean;

  @QueryLimit(50, 500)
  limit?: number;
}

function toItem(message: InboxMessage): InboxItemResponse {
  return {
    id: message.id,
    subject: message.subject,
    body: message.body,
    deadline: { type: message.deadlineType, id: message.deadlineId },
    productId: message.productId,
    escalation: message.escalation,
    late: message.late,
    createdAt: message.createdAt.toISOString(),
    readAt: message.readAt?.toISOString() ?? null,
  };
}

/** Your in-app reminders: list, unread count, mark read. Reading a message is not a regulated change (no audit row). */
@ApiTags('inbox')
@Controller('inbox')
@Allow(ANY_ROLE)
export class InboxController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Your reminders, newest first' })
  @ApiOkResponse({ type: [InboxItemResponse] })
  async list(@CurrentActor() principal: Principal, @Query() query: InboxQueryDto): Promise<InboxItemResponse[]> {
    const messages = await this.dataSource.manager.find(InboxMessage, {
      where: query.unread === true ? { userId: principal.userId, readAt: IsNull() } : { userId: principal.userId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit ?? 50,
    });
    return messages.map(toItem);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of your reminders are unread' })
  @ApiOkResponse({ type: UnreadCountResponse })
  async unread(@CurrentActor() principal: Principal): Promise<UnreadCountResponse> {
    return { unread: await this.dataSource.manager.countBy(InboxMessage, { userId: principal.userId, readAt: IsNull() }) };
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of your reminders read' })
  @ApiNoContentResponse({ description: 'read' })
  async markRead(@CurrentActor() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    const result = await this.dataSource.manager.update(InboxMessage, { id, userId: principal.userId, readAt: IsNull() }, { readAt: this.clock.now() });
    if ((result.affected ?? 0) === 0 && !(await this.dataSource.manager.existsBy(InboxMessage, { id, userId: principal.userId }))) {
      throw new NotFoundError('inbox message', id);
    }
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all your reminders read' })
  @ApiOkResponse({ type: MarkedReadResponse })
  async markAllRead(@CurrentActor() principal: Principal): Promise<MarkedReadResponse> {
    const result = await this.dataSource.manager.update(InboxMessage, { userId: principal.userId, readAt: IsNull() }, { readAt: this.clock.now() });
    return { marked: result.affected ?? 0 };
  }
}
