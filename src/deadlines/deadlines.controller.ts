import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { toMilestoneResponse } from '../milestones/milestone.mapper';
import { toICalendar } from './calendar';
import { DeadlinesService } from './deadlines.service';
import { DeadlineQueryDto } from './dto/deadline-query.dto';

class CalendarQueryDto {
  @ApiPropertyOptional({ description: 'product id or name' })
  @IsOptional()
  @IsString()
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
  ) {}

  @Get('deadlines')
  @ApiOperation({ summary: 'Deadlines due in the next N days or overdue; filter, sort, paginate' })
  async find(@Query() query: DeadlineQueryDto): Promise<object> {
    const today = this.clock.today();
    const result = await this.deadlines.find(this.dataSource.manager, query, today);
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
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'iCalendar feed of open deadlines (all products, or one with ?product=)' })
  async calendar(@Query() query: CalendarQueryDto): Promise<string> {
    const today = this.clock.today();
    const pageSize = CALENDAR_LIMIT;
    const { items } = await this.deadlines.find(this.dataSource.manager, { product: query.product, pageSize, page: 1 }, today);
    return toICalendar(items, query.product === undefined ? 'CMA deadlines' : `CMA deadlines — ${query.product}`, this.clock.now());
  }
}
