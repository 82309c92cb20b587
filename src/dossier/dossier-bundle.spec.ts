import { strFromU8, unzipSync } from 'fflate';
import { sampleDossierContent } from '../../test/dossier-sample';
import { bundleDossier, deterministicZip, type DossierManifest, sha256, zipEntryTimes } from './dossier-bundle';
import { canonicalJson, contentHash } from './dossier-content';
import { dossierTables, tableCsv, tableRecords } from './dossier-tables';
import { runInTimeZone } from '../../test/in-time-zone';

const PDF = Buffer.from('%PDF-1.7\n% not a real PDF: the bundle only carries the bytes\n%%EOF\n');
const XLSX = Buffer.from('PK\u0003\u0004 not a real workbook either');

function bundleOf(options: Parameters<typeof sampleDossierContent>[0] = {}): ReturnType<typeof bundleDossier> {
  const content = sampleDossierContent(options);
  return bundleDossier({ content, contentHash: contentHash(content), pdf: PDF, xlsx: XLSX, tables: dossierTables(content) });
}

describe('bundleDossier', () => {
  const content = sampleDossierContent({ cases: 30, terms: 8 });
  const tables = dossierTables(content);
  const { zip, manifest } = bundleDossier({ content, contentHash: contentHash(content), pdf: PDF, xlsx: XLSX, tables });
  const files = unzipSync(zip);
  const text = (path: string): string => strFromU8(files[path] ?? new Uint8Array());

  it('should hold the documents, the content, each table as CSV and JSON, then the manifest, in this order', () => {
    expect(Object.keys(files)).toEqual([
      'dossier.pdf',
      'dossier.xlsx',
      'content.json',
      ...tables.map((t) => `csv/${t.name}.csv`),
      ...tables.map((t) => `json/${t.name}.json`),
      'manifest.json',
    ]);
    expect(Buffer.from(files['dossier.pdf'] ?? []).equals(PDF)).toBe(true);
    expect(Buffer.from(files['dossier.xlsx'] ?? []).equals(XLSX)).toBe(true);
  });

  it('should list every other file in the manifest, sorted, with its size and SHA-256', () => {
    const written = JSON.parse(text('manifest.json')) as DossierManifest;
    expect(written).toEqual(manifest);
    const paths = Object.keys(files).filter((path) => path !== 'manifest.json');
    expect(manifest.files.map((f) => f.path)).toEqual([...paths].sort());
    for (const file of manifest.files) {
      const data = files[file.path];
      expect(data).toBeDefined();
      expect(file.size).toBe(data?.byteLength);
      expect(file.sha256).toBe(sha256(data ?? new Uint8Array()));
    }
    expect(manifest).toMatchObject({
      format: 'cma-renewal-dossier/2',
      product: 'Hemgenix',
      euNumber: 'EU/1/22/1715/001',
      dataLockPoint: '2026-06-30',
      contentHash: contentHash(content),
    });
  });

  it('should carry the canonical content and the same tables as the workbook gets', () => {
    expect(text('content.json')).toBe(canonicalJson(content));
    expect(sha256(files['content.json'] ?? new Uint8Array())).toBe(manifest.contentHash);
    for (const table of tables) {
      expect(text(`csv/${table.name}.csv`)).toBe(tableCsv(table));
      expect(JSON.parse(text(`json/${table.name}.json`))).toEqual(tableRecords(table));
    }
  });

  it('should give byte-identical bundles for the same input', () => {
    expect(bundleOf({ cases: 30, terms: 8 }).zip.equals(zip)).toBe(true);
  });

  it('should give other bytes when the content changes', () => {
    expect(bundleOf({ cases: 31, terms: 8 }).zip.equals(zip)).toBe(false);
  });

  it('should stamp every entry with the data lock point at 00:00', () => {
    const times = zipEntryTimes(zip);
    expect(times).toHaveLength(Object.keys(files).length);
    for (const entry of times) {
      expect(entry).toEqual({ path: entry.path, central: '2026-06-30 00:00:00', local: '2026-06-30 00:00:00' });
    }
  });

  it('should refuse a content hash that is not the content’s', () => {
    expect(() => bundleDossier({ content, contentHash: '0'.repeat(64), pdf: PDF, xlsx: XLSX, tables })).toThrow(/is not the hash of the content/);
  });
});

describe('deterministicZip', () => {
  const entry = { path: 'a.txt', data: Buffer.from('a'), level: 6 } as const;

  it('should refuse two entries with the same path', () => {
    expect(() => deterministicZip([entry, entry], '2026-06-30')).toThrow(/duplicate ZIP entry a.txt/);
  });

  it('should refuse a date a ZIP cannot hold', () => {
    expect(() => deterministicZip([entry], '1979-12-31')).toThrow(RangeError);
  });

  /**
   * Jest gives each test file its own copy of process.env, so setting TZ here would not reach Date: the check
   * runs in child processes. 2026-09-06 00:00 does not exist in America/Santiago (clocks jump to 01:00), the
   * case where a local-midnight Date alone would store 01:00.
   */
  it('should write the same bytes and times in every time zone, even where midnight is skipped', () => {
    const script = `
      const { deterministicZip, sha256, zipEntryTimes } = require('./src/dossier/dossier-bundle.ts');
      const zip = deterministicZip([{ path: 'a.txt', data: Buffer.from('a'), level: 6 }, { path: 'b/c.txt', data: Buffer.from('c'), level: 0 }], '2026-09-06');
      process.stdout.write(JSON.stringify({ hash: sha256(zip), times: zipEntryTimes(zip), localHour: new Date(2026, 8, 6).getHours() }));
    `;
    const results = ['UTC', 'America/Santiago', 'Pacific/Kiritimati'].map((zone) => {
      return JSON.parse(runInTimeZone(zone, script)) as { hash: string; times: { central: string; local: string }[]; localHour: number };
    });
    expect(results.map((r) => r.localHour)).toEqual([0, 1, 0]);
    expect(new Set(results.map((r) => r.hash)).size).toBe(1);
    for (const { times } of results) {
      expect(times.map((t) => [t.central, t.local])).toEqual([
        ['2026-09-06 00:00:00', '2026-09-06 00:00:00'],
        ['2026-09-06 00:00:00', '2026-09-06 00:00:00'],
      ]);
    }
  });
});

describe('sha256', () => {
  it('should give the lower-case hex digest', () => {
    expect(sha256(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
