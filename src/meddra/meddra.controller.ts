import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ANY_ROLE } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { NotFoundError } from '../common/errors';
import { MeddraLltParamsDto, MeddraSearchQueryDto, MeddraVersionQueryDto } from './dto/meddra.dto';
import { MeddraCodingResponse, MeddraReleaseResponse, MeddraSearchResponse } from './dto/meddra.response';
import { toCodingResponse, toReleaseResponse, toSearchResponse } from './meddra.mapper';
import { MeddraService } from './meddra.service';

@ApiTags('meddra')
@Controller('meddra')
export class MeddraController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meddra: MeddraService,
  ) {}

  @Get('releases')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Loaded MedDRA releases, the current (most recently loaded) one first; empty when none is loaded' })
  @ApiOkResponse({ type: [MeddraReleaseResponse] })
  async releases(): Promise<MeddraReleaseResponse[]> {
    const releases = await this.meddra.releases(this.dataSource.manager);
    return releases.map((release) => toReleaseResponse(release, releases[0]?.id ?? null));
  }

  @Get('search')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'LLTs and PTs whose name contains the text, exact > prefix > contains; each with its PT and primary SOC. No dictionary loaded: release null, no items, and a message' })
  @ApiOkResponse({ type: MeddraSearchResponse })
  async search(@Query() query: MeddraSearchQueryDto): Promise<MeddraSearchResponse> {
    const level = query.level ?? 'any';
    const result = await this.meddra.search(this.dataSource.manager, query.q, level, query.limit ?? 20, { version: query.version }, { includeNonCurrent: query.includeNonCurrent });
    return toSearchResponse(result, { q: query.q.trim(), level });
  }

  @Get('llt/:code')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'One LLT (current or not) with its PT, the PT’s primary SOC and the version' })
  @ApiOkResponse({ type: MeddraCodingResponse })
  async llt(@Param() params: MeddraLltParamsDto, @Query() query: MeddraVersionQueryDto): Promise<MeddraCodingResponse> {
    const coding = await this.meddra.codeLlt(this.dataSource.manager, Number(params.code), { version: query.version }, { includeNonCurrent: true });
    if (coding === null) {
      throw new NotFoundError('MedDRA LLT', params.code);
    }
    return toCodingResponse(coding);
  }
}
