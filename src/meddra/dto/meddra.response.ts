import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant } from '../../common/api-properties';
import type { MeddraCounts } from '../meddra-files';
import { MEDDRA_SEARCH_LEVELS, type MeddraCoding, type MeddraTermHit } from '../meddra.service';

/** Rows loaded from each file of a MedDRA release. */
export class MeddraCountsResponse implements MeddraCounts {
  @ApiProperty({ type: 'integer' })
  soc!: number;

  @ApiProperty({ type: 'integer' })
  hlgt!: number;

  @ApiProperty({ type: 'integer' })
  hlt!: number;

  @ApiProperty({ type: 'integer' })
  pt!: number;

  @ApiProperty({ type: 'integer' })
  llt!: number;

  @ApiProperty({ type: 'integer' })
  lltCurrent!: number;

  @ApiProperty({ type: 'integer' })
  socHlgt!: number;

  @ApiProperty({ type: 'integer' })
  hlgtHlt!: number;

  @ApiProperty({ type: 'integer' })
  hltPt!: number;

  @ApiProperty({ type: 'integer' })
  hierarchy!: number;
}

export class MeddraReleaseResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '27.1' })
  version!: string;

  @ApiProperty({ example: 'English' })
  language!: string;

  @ApiProperty({ description: 'the release searched and coded against by default (the most recently loaded)' })
  current!: boolean;

  @ApiInstant()
  loadedAt!: string;

  @ApiProperty()
  loadedBy!: string;

  @ApiProperty({ description: 'SHA-256 of the files loaded' })
  sourceSha256!: string;

  @ApiProperty({ type: MeddraCountsResponse })
  counts!: MeddraCountsResponse;
}

export class MeddraReleaseRefResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '27.1' })
  version!: string;

  @ApiProperty()
  language!: string;
}

/** An LLT or a PT, with its PT and the PT's primary SOC. */
export class MeddraTermHitResponse implements MeddraTermHit {
  @ApiProperty({ enum: ['llt', 'pt'] })
  level!: 'llt' | 'pt';

  @ApiProperty({ type: 'integer' })
  code!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'LLT currency; a PT is always current' })
  current!: boolean;

  @ApiProperty({ enum: ['exact', 'prefix', 'contains'] })
  match!: 'exact' | 'prefix' | 'contains';

  @ApiProperty({ type: 'integer' })
  ptCode!: number;

  @ApiProperty()
  ptName!: string;

  @ApiProperty({ type: 'integer' })
  socCode!: number;

  @ApiProperty()
  socName!: string;
}

export class MeddraSearchResponse {
  @ApiProperty({ type: MeddraReleaseRefResponse, nullable: true, description: 'the release searched; null when no dictionary is loaded' })
  release!: MeddraReleaseRefResponse | null;

  @ApiProperty({ description: 'the text searched (trimmed)' })
  query!: string;

  @ApiProperty({ enum: MEDDRA_SEARCH_LEVELS })
  level!: string;

  @ApiProperty({ type: [MeddraTermHitResponse], description: 'exact matches first, then prefix, then contains' })
  items!: MeddraTermHitResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'said when no dictionary is loaded' })
  message!: string | null;
}

/** A coded term: LLT (coded), PT (counted), the PT's primary SOC and the dictionary version. */
export class MeddraCodingResponse implements MeddraCoding {
  @ApiProperty({ type: 'integer', nullable: true })
  lltCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  lltName!: string | null;

  @ApiProperty({ type: Boolean, nullable: true })
  lltCurrent!: boolean | null;

  @ApiProperty({ type: 'integer' })
  ptCode!: number;

  @ApiProperty()
  ptName!: string;

  @ApiProperty({ type: 'integer' })
  socCode!: number;

  @ApiProperty()
  socName!: string;

  @ApiProperty()
  version!: string;

  @ApiProperty()
  language!: string;
}
