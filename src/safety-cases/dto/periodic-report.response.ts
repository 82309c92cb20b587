import { ApiProperty } from '@nestjs/swagger';
import { ApiDate } from '../../common/api-properties';
import { ICSR_REPORT_TYPES, type IcsrReportType } from '../../deadlines/engine/icsr';
import { ProductRefResponse } from '../../products/dto/product.response';
import type { Counts, LineListingRow, ReportingPeriod, SocSubtotal, SummaryRow, SummaryTabulation } from '../tabulation';

export class ReportingPeriodResponse implements ReportingPeriod {
  @ApiDate()
  from!: string;

  @ApiDate({ description: 'the data lock point' })
  to!: string;
}

/** Cases left out, and why. */
export class ExcludedCasesResponse {
  @ApiProperty({ type: 'integer' })
  nullified!: number;

  @ApiProperty({ type: 'integer', description: 'not (yet) valid' })
  invalid!: number;

  @ApiProperty({ type: 'integer', description: 'linked as a duplicate of a master case (the master counts)' })
  duplicates!: number;
}

/** What every periodic report says of its scope: product, period, data lock point, basis and what it left out. */
abstract class PeriodicReportResponse {
  @ApiProperty({ type: ProductRefResponse })
  product!: ProductRefResponse;

  @ApiProperty({ type: ReportingPeriodResponse })
  period!: ReportingPeriodResponse;

  @ApiDate()
  dataLockPoint!: string;

  @ApiProperty({ description: 'how the cases were chosen and counted, in words' })
  basis!: string;

  @ApiProperty({ type: ExcludedCasesResponse })
  excluded!: ExcludedCasesResponse;
}

export class LineListingRowResponse implements LineListingRow {
  @ApiProperty()
  safetyReportId!: string;

  @ApiProperty()
  worldwideId!: string;

  @ApiProperty({ type: 'integer', description: 'the version as it stood at the data lock point' })
  version!: number;

  @ApiProperty({ enum: ICSR_REPORT_TYPES })
  reportType!: IcsrReportType;

  @ApiProperty({ type: String, nullable: true })
  country!: string | null;

  @ApiDate()
  initialReceiptOn!: string;

  @ApiProperty({ example: '34 years, female' })
  ageSex!: string;

  @ApiProperty({ description: 'PTs (the reported term when uncoded), joined with "; "' })
  reactions!: string;

  @ApiProperty()
  serious!: boolean;

  @ApiProperty({ description: 'one outcome per reaction, in the same order, joined with "; "' })
  outcomes!: string;

  @ApiProperty()
  suspectDrugs!: string;

  @ApiProperty()
  synthetic!: boolean;
}

/** Line listing: one row per case received in the period, as it stood at the data lock point. */
export class LineListingResponse extends PeriodicReportResponse {
  @ApiProperty({ type: [LineListingRowResponse] })
  result!: LineListingRowResponse[];
}

/** Reactions (events) counted by source and seriousness. */
export class TabulationCountsResponse implements Counts {
  @ApiProperty({ type: 'integer' })
  spontaneousSerious!: number;

  @ApiProperty({ type: 'integer' })
  spontaneousNonSerious!: number;

  @ApiProperty({ type: 'integer' })
  studySerious!: number;

  @ApiProperty({ type: 'integer' })
  studyNonSerious!: number;

  @ApiProperty({ type: 'integer' })
  total!: number;
}

export class TabulationRowResponse implements SummaryRow {
  @ApiProperty()
  soc!: string;

  @ApiProperty()
  pt!: string;

  @ApiProperty({ type: TabulationCountsResponse })
  interval!: TabulationCountsResponse;

  @ApiProperty({ type: TabulationCountsResponse })
  cumulative!: TabulationCountsResponse;
}

export class TabulationSocSubtotalResponse implements SocSubtotal {
  @ApiProperty()
  soc!: string;

  @ApiProperty({ type: TabulationCountsResponse })
  interval!: TabulationCountsResponse;

  @ApiProperty({ type: TabulationCountsResponse })
  cumulative!: TabulationCountsResponse;
}

export class TabulationTotalResponse {
  @ApiProperty({ type: TabulationCountsResponse })
  interval!: TabulationCountsResponse;

  @ApiProperty({ type: TabulationCountsResponse })
  cumulative!: TabulationCountsResponse;
}

export class SummaryTabulationResultResponse implements SummaryTabulation {
  @ApiProperty({ type: [TabulationRowResponse], description: 'by SOC then PT (the uncoded group last)' })
  rows!: TabulationRowResponse[];

  @ApiProperty({ type: [TabulationSocSubtotalResponse] })
  socSubtotals!: TabulationSocSubtotalResponse[];

  @ApiProperty({ type: TabulationTotalResponse })
  total!: TabulationTotalResponse;
}

/** Summary tabulation by SOC and PT: serious / non-serious, spontaneous / study, interval / cumulative. */
export class SummaryTabulationResponse extends PeriodicReportResponse {
  @ApiProperty({ type: SummaryTabulationResultResponse })
  result!: SummaryTabulationResultResponse;
}
