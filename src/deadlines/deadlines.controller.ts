import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiFileResponse } from '../common/api-properties';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { AuthService } from '../auth/auth.service';
import { ANY_ROLE } from '../auth/roles';
import { Allow, Public } from '../auth/route-rules';
import { toMilestoneResponse } from '../milestones/milestone.mapper';
import { toICalendar } from './calendar';
import { DeadlinesService } from './deadlines.service';
import { DeadlineQueryDto } from './dto/deadline-query.dto';
import { DeadlinePageResponse } from './dto/deadline.response';

class CalendarQueryDto {
  @ApiPropertyOptional({ description: 'product id or name' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  product?: string;
}

const CALENDAR_LIMIT = 500;

@ApiTags('deadlines')
@Controller()
export class DeadlinesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
    private readonly auth: AuthService,
  ) {}

  @Get('deadlines')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Deadlines due in the next N days or overdue; filter, sort, paginate' })
  @ApiOkResponse({ type: DeadlinePageResponse })
  async find(@CurrentActor() actor: Actor, @Query() query: DeadlineQueryDto): Promise<DeadlinePageResponse> {
    const today = this.clock.today();
    const result = await this.deadlines.find(this.dataSource.manager, query, today, actor.scope);
    return {
      ...result,
      items: result.items.map((row) => ({
        ...toMilestoneResponse(row.milestone, today),
        productName: row.productName,
        obligationReference: row.obligationReference,
        category: row.category,
        studyType: row.studyType,
      })),
    };
  }

  @Get('calendar.ics')
  @Allow(ANY_ROLE)
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiFileResponse(200, ['text/calendar'], 'the iCalendar feed (one event per open deadline)')
  @ApiOperation({ summary: 'iCalendar feed of open deadlines (all products, or one with ?product=); for subscriptions use the secret URL from POST /api/auth/calendar-token' })
  calendar(@CurrentActor() actor: Actor, @Query() query: CalendarQueryDto): Promise<string> {
    return this.feed(actor, query);
  }

  @Get('calendar/:token.ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiFileResponse(200, ['text/calendar'], 'the iCalendar feed (one event per open deadline)')
  @ApiOperation({ summary: "A user's calendar feed through its secret token URL (no sign-in: calendar apps cannot); their product scope applies" })
  async subscribedCalendar(@Param('token') token: string, @Query() query: CalendarQueryDto): Promise<string> {
    return this.feed(await this.auth.calendarOwner(token), query);
  }

  private async feed(actor: Actor, query: CalendarQueryDto): Promise<string> {
    const today = this.clock.today();
    const pageSize = CALENDAR_LIMIT;
    const { items } = await this.deadlines.find(this.dataSource.manager, { product: query.product, pageSize, page: 1 }, today, actor.scope);
    return toICalendar(items, query.product === undefined ? 'CMA deadlines' : `CMA deadlines — ${query.product}`, this.clock.now());
  }
}
