import type { MeddraCodingResponse, MeddraReleaseRefResponse, MeddraReleaseResponse, MeddraSearchResponse } from './dto/meddra.response';
import { MeddraCoding, MeddraReleaseInfo, MeddraSearchResult } from './meddra.service';

export function toReleaseResponse(release: MeddraReleaseInfo, currentId: string | null): MeddraReleaseResponse {
  return {
    id: release.id,
    version: release.version,
    language: release.language,
    current: release.id === currentId,
    loadedAt: release.loadedAt.toISOString(),
    loadedBy: release.loadedBy,
    sourceSha256: release.sourceSha256,
    counts: release.counts,
  };
}

function releaseRef(release: MeddraReleaseInfo): MeddraReleaseRefResponse {
  return { id: release.id, version: release.version, language: release.language };
}

export function toSearchResponse(result: MeddraSearchResult, query: { q: string; level: string }): MeddraSearchResponse {
  return {
    release: result.release === null ? null : releaseRef(result.release),
    query: query.q,
    level: query.level,
    items: result.items,
    message: result.message,
  };
}

export function toCodingResponse(coding: MeddraCoding): MeddraCodingResponse {
  return { ...coding };
}
