import { MeddraCoding, MeddraReleaseInfo, MeddraSearchResult } from './meddra.service';

export function toReleaseResponse(release: MeddraReleaseInfo, currentId: string | null): object {
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

function releaseRef(release: MeddraReleaseInfo): object {
  return { id: release.id, version: release.version, language: release.language };
}

export function toSearchResponse(result: MeddraSearchResult, query: { q: string; level: string }): object {
  return {
    release: result.release === null ? null : releaseRef(result.release),
    query: query.q,
    level: query.level,
    items: result.items,
    message: result.message,
  };
}

export function toCodingResponse(coding: MeddraCoding): object {
  return { ...coding };
}
