import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { sampleDossierContent } from '../../test/dossier-sample';
import { sha256, zipEntryTimes } from './dossier-bundle';
import type { DossierContent } from './dossier-content';
import { columnWidths, renderDossierXlsx, sheetNames, WORKBOOK_CREATOR } from './dossier-xlsx';
import { dossierTables } from './dossier-tables';
import { runInTimeZone } from '../../test/in-time-zone';

async function render(content: DossierContent): Promise<Buffer> {
  return renderDossierXlsx(content, dossierTables(content));
}

async function load(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (found === undefined) {
    throw new Error(`no sheet ${name}`);
  }
  return found;
}

describe('renderDossierXlsx', () => {
  const content = sampleDossierContent({ cases: 40, terms: 8 });
  const tables = dossierTables(content);
  let xlsx: Buffer;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    xlsx = await render(content);
    workbook = await load(xlsx);
  });

  it('should open again with one sheet per table, in order', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.name));
  });

  it('should give each sheet a bold, frozen header row', () => {
    for (const table of tables) {
      const worksheet = sheet(workbook, table.name);
      const header = worksheet.getRow(1);
      expect(table.columns.map((_, index) => header.getCell(index + 1).value)).toEqual(table.columns.map((c) => c.header));
      expect(header.getCell(1).font?.bold).toBe(true);
      expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(worksheet.rowCount).toBe(table.rows.length + 1);
    }
  });

  it('should keep dates as text, numbers as numbers and booleans as Yes/No', () => {
    const milestones = sheet(workbook, 'milestones');
    expect(milestones.getCell('C2').value).toBe('2025-12-31');
    expect(milestones.getCell('K2').value).toBe(15);
    expect(milestones.getCell('H3').value).toBeNull();
    const frequency = sheet(workbook, 'frequency-comparison');
    expect(frequency.getCell('J2').value).toBe(0.37037);
    const listing = sheet(workbook, 'line-listing');
    expect(listing.getRow(2).values).toEqual([
      undefined,
      'DE-CSL-2026-000001',
      'DE-CSL-2026-000001',
      1,
      'clinical-trial',
      'DE',
      '2026-01-01',
      'age unknown, sex unknown',
      'Alanine aminotransferase increased; Pyrexia; Headache; Infusion related reaction',
      'Yes',
      'recovered; recovered; recovering; unknown',
      'Hemgenix',
      'Yes',
    ]);
  });

  it('should set the document properties from the content only', () => {
    expect(workbook.creator).toBe(WORKBOOK_CREATOR);
    expect(workbook.title).toBe('Hemgenix renewal dossier, data lock point 2026-06-30');
    expect(workbook.created.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(workbook.modified.toISOString()).toBe('2026-06-30T00:00:00.000Z');
  });

  it('should give byte-identical workbooks for the same content', async () => {
    expect((await render(sampleDossierContent({ cases: 40, terms: 8 }))).equals(xlsx)).toBe(true);
  });

  it('should give other bytes when a due date changes', async () => {
    const changed = sampleDossierContent({ cases: 40, terms: 8 });
    const milestone = changed.obligations[0]?.milestones[1];
    if (milestone === undefined) {
      throw new Error('the sample has no second milestone');
    }
    milestone.dueDate = { ...milestone.dueDate, date: '2027-03-31' };
    expect((await render(changed)).equals(xlsx)).toBe(false);
  });

  it('should stamp every entry with the data lock point at 00:00, [Content_Types].xml first', () => {
    const times = zipEntryTimes(xlsx);
    expect(times[0]?.path).toBe('[Content_Types].xml');
    expect(times.length).toBeGreaterThan(tables.length);
    for (const entry of times) {
      expect([entry.central, entry.local]).toEqual(['2026-06-30 00:00:00', '2026-06-30 00:00:00']);
    }
  });

  it('should state the data lock point in UTC in core.xml', () => {
    const core = strFromU8(unzipSync(xlsx)['docProps/core.xml'] ?? new Uint8Array());
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-06-30T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-06-30T00:00:00Z</dcterms:modified>');
  });

  /** Jest's per-file process.env does not reach Date, so another time zone needs another process. */
  it('should give the same bytes in a time zone that skips the data lock point’s midnight', async () => {
    const skipped = { ...sampleDossierContent({ cases: 5, terms: 3 }), dataLockPoint: '2026-09-06' };
    const script = `
      const { sampleDossierContent } = require('./test/dossier-sample.ts');
      const { dossierTables } = require('./src/dossier/dossier-tables.ts');
      const { renderDossierXlsx } = require('./src/dossier/dossier-xlsx.ts');
      const { sha256 } = require('./src/dossier/dossier-bundle.ts');
      const content = { ...sampleDossierContent({ cases: 5, terms: 3 }), dataLockPoint: '2026-09-06' };
      renderDossierXlsx(content, dossierTables(content)).then((xlsx) => process.stdout.write(sha256(xlsx)));
    `;
    expect(runInTimeZone('America/Santiago', script)).toBe(sha256(await render(skipped)));
  });
});

describe('sheetNames', () => {
  it('should keep valid names and make the others valid, short and unique', () => {
    expect(sheetNames(['summary', 'a/b:c?', 'x'.repeat(40), 'x'.repeat(40), 'History', "'quoted'", 'SUMMARY'])).toEqual([
      'summary',
      'a-b-c-',
      'x'.repeat(31),
      `${'x'.repeat(27)} (2)`,
      'History (2)',
      'quoted',
      'SUMMARY (2)',
    ]);
  });
});

describe('columnWidths', () => {
  it('should fit the longest value within 8 to 60 characters', () => {
    const widths = columnWidths({
      name: 't',
      title: 'T',
      columns: [
        { key: 'a', header: 'A' },
        { key: 'b', header: 'B' },
        { key: 'c', header: 'C' },
      ],
      rows: [
        ['2026-06-30', 'y'.repeat(200), true],
        ['short\nlines', null, false],
      ],
    });
    expect(widths).toEqual([11, 60, 8]);
  });
});
