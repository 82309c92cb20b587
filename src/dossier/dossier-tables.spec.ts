import { sampleDossierContent } from '../../test/dossier-sample';
import { type DossierTable, dossierTables, tableCsv, tableRecords } from './dossier-tables';

const TABLE_NAMES = [
  'summary',
  'obligations',
  'milestones',
  'due-date-history',
  'changes-since-dlp',
  'proposed-changes',
  'procedures',
  'case-counts',
  'summary-tabulation',
  'frequency-comparison',
  'alerts',
  'signals',
  'exposure',
  'benefit-risk',
  'line-listing',
];

function tableNamed(tables: DossierTable[], name: string): DossierTable {
  const found = tables.find((t) => t.name === name);
  if (found === undefined) {
    throw new Error(`no table ${name}`);
  }
  return found;
}

/** The cell in row `rowIndex`, column `key`. */
function cellOf(table: DossierTable, rowIndex: number, key: string): unknown {
  const column = table.columns.findIndex((c) => c.key === key);
  expect(column).toBeGreaterThanOrEqual(0);
  return table.rows[rowIndex]?.[column];
}

describe('dossierTables', () => {
  const content = sampleDossierContent({ cases: 12, terms: 6 });
  const tables = dossierTables(content);

  it('should give the tables in the fixed order, the line listing last', () => {
    expect(tables.map((t) => t.name)).toEqual(TABLE_NAMES);
  });

  it('should give every row one cell per column, unique keys, and names that fit a sheet', () => {
    for (const table of tables) {
      expect(new Set(table.columns.map((c) => c.key)).size).toBe(table.columns.length);
      expect(table.name.length).toBeLessThanOrEqual(31);
      for (const row of table.rows) {
        expect(row).toHaveLength(table.columns.length);
      }
    }
  });

  it('should leave the line listing out when the content has none', () => {
    const names = dossierTables(sampleDossierContent({ lineListing: false })).map((t) => t.name);
    expect(names).toEqual(TABLE_NAMES.slice(0, -1));
  });

  it('should give the key facts with the rule behind each date', () => {
    const summary = tableNamed(tables, 'summary');
    const fact = (name: string): unknown[] | undefined => summary.rows.find((row) => row[0] === name);
    expect(fact('EU number')).toEqual(['EU number', 'EU/1/22/1715/001', null, null]);
    expect(fact('Renewal application due')).toEqual(['Renewal application due', '2026-08-20', 'CMA-RENEWAL-6M', 'Regulation (EC) No 507/2006, Art. 6(2)']);
    expect(fact('Data lock point')?.[1]).toBe('2026-06-30');
    expect(fact('Renewal cycle')?.[1]).toBe(4);
  });

  it('should give one milestone row per milestone with its obligation, rule and numbers as numbers', () => {
    const milestones = tableNamed(tables, 'milestones');
    expect(milestones.rows).toHaveLength(2);
    expect(cellOf(milestones, 0, 'obligationReference')).toBe('SOB-001');
    expect(cellOf(milestones, 0, 'dueDate')).toBe('2025-12-31');
    expect(cellOf(milestones, 0, 'dueDateRuleId')).toBe('ANNEX-II');
    expect(cellOf(milestones, 0, 'timeliness')).toBe('late');
    expect(cellOf(milestones, 0, 'daysLate')).toBe(15);
    expect(cellOf(milestones, 1, 'submittedOn')).toBeNull();
    expect(tableNamed(tables, 'obligations').rows).toHaveLength(2);
    expect(tableNamed(tables, 'due-date-history').rows).toEqual([
      ['SOB-001', 'Interim report 2025', '2025-06-12', '2025-09-30', '2025-12-31', 'EMEA/H/C/004827/II/0012', 'Extension agreed by CHMP', 'user:regulatory-lead', false, '00000000-0000-4000-8000-000000000011'],
      ['SOB-001', 'Interim report 2026', '2026-08-15', '2026-09-30', '2026-12-31', 'EMEA/H/C/004827/II/0099', 'Extension agreed by CHMP', 'user:regulatory-lead', true, '00000000-0000-4000-8000-000000000012'],
    ]);
    expect(cellOf(milestones, 1, 'dueDate')).toBe('2026-12-31');
    expect(cellOf(milestones, 1, 'dueDateAtDataLockPoint')).toBe('2026-09-30');
  });

  it('should list every change since the data lock point with who, when and the procedure', () => {
    expect(tableNamed(tables, 'changes-since-dlp').rows).toEqual([
      ['2026-08-15', 'SOB-001', 'Interim report 2026', 'due date', '2026-09-30', '2026-12-31', 'variation', 'EMEA/H/C/004827/II/0099', 'Extension agreed by CHMP', 'user:regulatory-lead'],
    ]);
  });

  it('should round proportions, bounds and rates to the precision their headers state', () => {
    const content = sampleDossierContent();
    const run = content.safety.frequency;
    const row = run?.rows[0];
    if (run === null || row === undefined) {
      throw new Error('the sample has a frequency row');
    }
    const exact = { ...row, proportion: 0.1870860289, interval: row.interval === null ? null : { ...row.interval, lower: 0.0000213, upper: 2 / 3 }, reportingRate: 1 / 3, followUp: { medianMonths: 9, maxMonths: 24, patientYears: 39.8 + 22.4, basis: 'registry' } };
    const frequency = tableNamed(dossierTables({ ...content, safety: { ...content.safety, frequency: { ...run, rows: [exact] } } }), 'frequency-comparison');
    expect(frequency.columns.find((c) => c.key === 'proportion')?.header).toBe('Proportion (fraction, 6 decimals)');
    expect(cellOf(frequency, 0, 'proportion')).toBe(0.187086);
    expect(cellOf(frequency, 0, 'ciLower')).toBe(0.000021);
    expect(cellOf(frequency, 0, 'ciUpper')).toBe(0.666667);
    expect(cellOf(frequency, 0, 'reportingRate')).toBe(0.333333);
    expect(cellOf(frequency, 0, 'followUpPatientYears')).toBe(62.2);
  });

  it('should give the case counts in long form', () => {
    expect(tableNamed(tables, 'case-counts').rows).toEqual([
      ['interval', 'cases', 12],
      ['interval', 'serious', 4],
      ['interval', 'fatal', 0],
      ['cumulative', 'cases', 22],
      ['cumulative', 'serious', 8],
      ['cumulative', 'fatal', 1],
      ['excluded', 'nullified', 1],
      ['excluded', 'invalid', 0],
      ['excluded', 'duplicates', 2],
    ]);
  });

  it('should follow each SOC’s terms by its subtotal and end with the grand total', () => {
    const tabulation = tableNamed(tables, 'summary-tabulation');
    const { rows, socSubtotals, total } = content.safety.tabulation;
    expect(tabulation.rows).toHaveLength(rows.length + socSubtotals.length + 1);
    const types = tabulation.rows.map((row) => row[0]);
    expect(types.filter((t) => t === 'soc-subtotal')).toHaveLength(socSubtotals.length);
    expect(types.at(-1)).toBe('total');
    // Every subtotal comes right after the last term of its SOC.
    tabulation.rows.forEach((row, index) => {
      if (row[0] === 'soc-subtotal') {
        expect(tabulation.rows[index - 1]?.[0]).toBe('term');
        expect(tabulation.rows[index - 1]?.[1]).toBe(row[1]);
        expect(tabulation.rows[index + 1]?.[1]).not.toBe(row[1]);
      }
    });
    const last = tabulation.rows.length - 1;
    expect(cellOf(tabulation, last, 'intervalTotal')).toBe(total.interval.total);
    expect(cellOf(tabulation, last, 'cumulativeSpontaneousSerious')).toBe(total.cumulative.spontaneousSerious);
    expect(typeof cellOf(tabulation, 0, 'intervalTotal')).toBe('number');
  });

  it('should carry the run id and the interval bounds as numbers in the frequency comparison', () => {
    const frequency = tableNamed(tables, 'frequency-comparison');
    expect(cellOf(frequency, 0, 'runId')).toBe('00000000-0000-4000-8000-000000000030');
    expect(cellOf(frequency, 0, 'proportion')).toBe(0.37037);
    expect(cellOf(frequency, 0, 'ciLower')).toBe(0.2471);
    expect(cellOf(frequency, 0, 'ciUpper')).toBe(0.5083);
    expect(cellOf(frequency, 0, 'statedRatePercent')).toBe(17);
    expect(cellOf(frequency, 0, 'flag')).toBe('exceeds');
  });

  it('should keep the frequency table, empty, when there is no frequency run', () => {
    const withoutRun = sampleDossierContent();
    withoutRun.safety.frequency = null;
    expect(tableNamed(dossierTables(withoutRun), 'frequency-comparison').rows).toEqual([]);
  });

  it('should give the benefit–risk conclusion as one cell', () => {
    expect(tableNamed(tables, 'benefit-risk').rows).toEqual([[content.benefitRisk]]);
  });

  it('should keep the line listing’s version a number and its booleans booleans', () => {
    const listing = tableNamed(tables, 'line-listing');
    expect(listing.rows).toHaveLength(12);
    expect(cellOf(listing, 0, 'version')).toBe(1);
    expect(cellOf(listing, 0, 'serious')).toBe(true);
    expect(cellOf(listing, 0, 'initialReceiptOn')).toBe('2026-01-01');
  });

  it('should give the same tables for the same content', () => {
    expect(dossierTables(sampleDossierContent({ cases: 12, terms: 6 }))).toEqual(tables);
  });
});

describe('tableCsv', () => {
  const table: DossierTable = {
    name: 'test',
    title: 'Test',
    columns: [
      { key: 'text', header: 'Text' },
      { key: 'count', header: 'Count, all' },
      { key: 'flag', header: 'Flag' },
    ],
    rows: [
      ['plain', 1, true],
      ['a, b', -2, false],
      ['he said "no"', 0.5, null],
      ['two\nlines', null, null],
      ['=HYPERLINK("http://x")', 3, null],
      ['+1', 4, null],
      ['-1', 5, null],
      ['@SUM(A1)', 6, null],
      ['Łódź, Brno – Überwachung', 7, null],
    ],
  };

  it('should write RFC 4180 CSV with CRLF, quoting and a guard against formulas', () => {
    expect(tableCsv(table)).toBe(
      [
        'Text,"Count, all",Flag',
        'plain,1,Yes',
        '"a, b",-2,No',
        '"he said ""no""",0.5,',
        '"two\nlines",,',
        `"'=HYPERLINK(""http://x"")",3,`,
        "'+1,4,",
        "'-1,5,",
        "'@SUM(A1),6,",
        '"Łódź, Brno – Überwachung",7,',
        '',
      ].join('\r\n'),
    );
  });

  it('should write a header row only for an empty table', () => {
    expect(tableCsv({ ...table, rows: [] })).toBe('Text,"Count, all",Flag\r\n');
  });

  it('should give the same number of CSV records as rows for the sample', () => {
    const tables = dossierTables(sampleDossierContent({ cases: 20 }));
    const listing = tableNamed(tables, 'line-listing');
    // No sample cell holds a line break, so records are lines.
    expect(tableCsv(listing).split('\r\n')).toHaveLength(listing.rows.length + 2);
  });
});

describe('tableRecords', () => {
  it('should key each row by column key and keep types', () => {
    const tables = dossierTables(sampleDossierContent());
    expect(tableRecords(tableNamed(tables, 'case-counts'))[0]).toEqual({ group: 'interval', measure: 'cases', count: 12 });
    expect(tableRecords(tableNamed(tables, 'line-listing'))[0]).toMatchObject({ version: 1, serious: true, country: 'DE' });
  });
});
