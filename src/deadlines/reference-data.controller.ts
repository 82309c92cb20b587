import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ANY_ROLE, REGISTER_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { NotFoundError } from '../common/errors';
import { IsCalendarDate } from '../common/validation';
import { ReferenceDataService } from './reference-data.service';
import { ClosureDayResponse, EurdEntryResponse } from './dto/deadline.response';

class ClosureDayDto {
  @ApiProperty({ example: 'EMA Christmas closure' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

class DateParam {
  @ApiProperty({ example: '2026-12-24', description: 'the day (YYYY-MM-DD)' })
  @IsCalendarDate()
  date!: string;
}

class EurdEntryDto {
  @ApiProperty({ example: 'etranacogene dezaparvovec' })
  @IsString()
  @MaxLength(300)
  @IsNotEmpty()
  substance!: string;

  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(1)
  @Max(120)
  frequencyMonths!: number;

  @ApiProperty({ example: '2025-08-20' })
  @IsCalendarDate()
  firstDlp!: string;

  @ApiProperty({ example: '2025-06-01', description: 'EURD changes take effect 6 months after publication' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ example: 'EURD list published 2024-12-01' })
  @IsString()
  @MaxLength(2000)
  @IsNotEmpty()
  source!: string;
}

@ApiTags('reference data')
@Controller()
export class ReferenceDataController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceDataService,
  ) {}

  @Get('closure-days')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Days the regulator is closed; due dates on them are flagged' })
  @ApiOkResponse({ type: [ClosureDayResponse] })
  closures(): Promise<ClosureDayResponse[]> {
    return this.referenceData.closures(this.dataSource.manager);
  }

  @Put('closure-days/:date')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Add or rename a closure day' })
  @ApiOkResponse({ type: ClosureDayResponse })
  setClosure(@CurrentActor() actor: Actor, @Param() { date }: DateParam, @Body() body: ClosureDayDto): Promise<ClosureDayResponse> {
    return this.dataSource.transaction((m) => this.referenceData.setClosure(m, actor, { date, name: body.name }));
  }

  @Delete('closure-days/:date')
  @Allow(REGISTER_EDITORS)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a closure day' })
  @ApiNoContentResponse({ description: 'removed' })
  async removeClosure(@CurrentActor() actor: Actor, @Param() { date }: DateParam): Promise<void> {
    const removed = await this.dataSource.transaction((m) => this.referenceData.removeClosure(m, actor, date));
    if (!removed) {
      throw new NotFoundError('closure day', date);
    }
  }

  @Get('eurd-entries')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'EURD list entries (PSUR frequency and DLP per substance)' })
  @ApiOkResponse({ type: [EurdEntryResponse] })
  eurd(): Promise<EurdEntryResponse[]> {
    return this.referenceData.listEurd(this.dataSource.manager);
  }

  @Post('eurd-entries')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Record an EURD list entry' })
  @ApiCreatedResponse({ type: EurdEntryResponse })
  addEurd(@CurrentActor() actor: Actor, @Body() body: EurdEntryDto): Promise<EurdEntryResponse> {
    return this.dataSource.transaction((m) => this.referenceData.addEurd(m, actor, body));
  }
}
