import { type CaseAtDlp, type CsvColumn, LINE_LISTING_COLUMNS, lineListing, summaryTabulation, SUMMARY_TABULATION_COLUMNS, toCsv, UNCODED_SOC } from './tabulation';

type Event = CaseAtDlp['reactions'][number];

const GENERAL = 'General disorders and administration site conditions';

const event = (overrides: Partial<Event> = {}): Event => ({
  ptName: 'Pyrexia',
  reportedTerm: 'fever',
  socName: GENERAL,
  serious: false,
  outcome: 'recovered',
  expected: true,
  ...overrides,
});

const item = (overrides: Partial<CaseAtDlp> = {}): CaseAtDlp => ({
  caseId: 'case-1',
  safetyReportId: 'DE-HOLDER-2026-0001',
  worldwideId: 'DE-HOLDER-2026-0001',
  version: 1,
  reportType: 'spontaneous',
  country: 'DE',
  initialReceiptOn: '2026-03-15',
  day0: '2026-03-15',
  patientSex: 'female',
  patientAge: '34 years',
  serious: false,
  synthetic: true,
  reactions: [event()],
  suspectDrugs: ['Hemgenix'],
  ...overrides,
});

const period = { from: '2026-01-01', to: '2026-06-30' };
const none = { spontaneousSerious: 0, spontaneousNonSerious: 0, studySerious: 0, studyNonSerious: 0, total: 0 };
const oneSpontaneousNonSerious = { ...none, spontaneousNonSerious: 1, total: 1 };

describe('summary tabulation', () => {
  it('should count a reaction received in the interval both in the interval and cumulatively', () => {
    expect(summaryTabulation([item()], period).rows).toEqual([{ soc: GENERAL, pt: 'Pyrexia', interval: oneSpontaneousNonSerious, cumulative: oneSpontaneousNonSerious }]);
  });

  it('should include a case received on the first day of the interval', () => {
    expect(summaryTabulation([item({ initialReceiptOn: '2026-01-01' })], period).rows[0]?.interval.total).toBe(1);
  });

  it('should include a case received on the data lock point', () => {
    expect(summaryTabulation([item({ initialReceiptOn: '2026-06-30' })], period).rows[0]?.interval.total).toBe(1);
  });

  it('should count a case received the day before the interval only cumulatively', () => {
    expect(summaryTabulation([item({ initialReceiptOn: '2025-12-31' })], period).rows).toEqual([{ soc: GENERAL, pt: 'Pyrexia', interval: none, cumulative: oneSpontaneousNonSerious }]);
  });

  it('should leave out a case received after the data lock point', () => {
    expect(summaryTabulation([item({ initialReceiptOn: '2026-07-01' })], period).rows).toEqual([]);
  });

  it('should close an interval ending on the last day of February', () => {
    const february = { from: '2026-02-01', to: '2026-02-28' };
    const cases = [item({ caseId: 'a', initialReceiptOn: '2026-02-28' }), item({ caseId: 'b', initialReceiptOn: '2026-03-01' })];
    expect(summaryTabulation(cases, february).total.cumulative.total).toBe(1);
  });

  it('should include the leap day in an interval ending on 29 February', () => {
    expect(summaryTabulation([item({ initialReceiptOn: '2028-02-29' })], { from: '2028-02-01', to: '2028-02-29' }).total.interval.total).toBe(1);
  });

  it.each([
    ['spontaneous', 'spontaneousSerious'],
    ['literature', 'spontaneousSerious'],
    ['eudravigilance', 'spontaneousSerious'],
    ['solicited', 'studySerious'],
    ['clinical-trial', 'studySerious'],
  ] as const)('should count a serious reaction of a %s report as %s', (reportType, column) => {
    const counts = summaryTabulation([item({ reportType, reactions: [event({ serious: true })] })], period).total.interval;
    expect(counts).toEqual({ ...none, [column]: 1, total: 1 });
  });

  it('should judge seriousness per reaction, not per case', () => {
    const cases = [item({ serious: true, reactions: [event({ serious: true }), event({ ptName: 'Chills', serious: false })] })];
    expect(summaryTabulation(cases, period).rows.map((row) => [row.pt, row.interval.spontaneousSerious, row.interval.spontaneousNonSerious])).toEqual([
      ['Chills', 0, 1],
      ['Pyrexia', 1, 0],
    ]);
  });

  it('should count reactions, not cases', () => {
    const cases = [item({ caseId: 'a' }), item({ caseId: 'b', safetyReportId: 'DE-HOLDER-2026-0002' })];
    expect(summaryTabulation(cases, period).rows[0]?.interval.total).toBe(2);
  });

  it('should put uncoded reactions under their own SOC with the PT name or reported term, after the coded SOCs', () => {
    const reactions = [event({ socName: null, ptName: null, reportedTerm: 'felt odd' }), event({ socName: null, ptName: 'Headache' }), event({ socName: 'Vascular disorders', ptName: 'Hypertension' })];
    expect(summaryTabulation([item({ reactions })], period).rows.map((row) => [row.soc, row.pt])).toEqual([
      ['Vascular disorders', 'Hypertension'],
      [UNCODED_SOC, 'felt odd'],
      [UNCODED_SOC, 'Headache'],
    ]);
  });

  it('should sort rows by SOC then PT', () => {
    const reactions = [
      event({ socName: 'Vascular disorders', ptName: 'Hypertension' }),
      event({ socName: GENERAL, ptName: 'Pyrexia' }),
      event({ socName: GENERAL, ptName: 'Chills' }),
      event({ socName: 'Hepatobiliary disorders', ptName: 'Hepatic failure' }),
    ];
    expect(summaryTabulation([item({ reactions })], period).rows.map((row) => row.pt)).toEqual(['Chills', 'Pyrexia', 'Hepatic failure', 'Hypertension']);
  });

  it('should group the same PT written in different cases', () => {
    const reactions = [event({ socName: null, ptName: null, reportedTerm: 'Felt odd' }), event({ socName: null, ptName: null, reportedTerm: 'felt odd ' })];
    expect(summaryTabulation([item({ reactions })], period).rows).toEqual([{ soc: UNCODED_SOC, pt: 'Felt odd', interval: { ...none, spontaneousNonSerious: 2, total: 2 }, cumulative: { ...none, spontaneousNonSerious: 2, total: 2 } }]);
  });

  it('should give a subtotal per SOC in row order', () => {
    const reactions = [event(), event({ ptName: 'Chills' }), event({ socName: 'Vascular disorders', ptName: 'Hypertension', serious: true })];
    expect(summaryTabulation([item({ reactions })], period).socSubtotals.map((soc) => [soc.soc, soc.interval.total, soc.interval.spontaneousSerious])).toEqual([
      [GENERAL, 2, 0],
      ['Vascular disorders', 1, 1],
    ]);
  });

  it('should give the grand total of interval and cumulative counts', () => {
    const cases = [item({ caseId: 'a' }), item({ caseId: 'b', initialReceiptOn: '2025-06-01', reportType: 'solicited', reactions: [event({ serious: true })] })];
    expect(summaryTabulation(cases, period).total).toEqual({
      interval: oneSpontaneousNonSerious,
      cumulative: { ...none, spontaneousNonSerious: 1, studySerious: 1, total: 2 },
    });
  });

  it('should count a case given twice once, at its highest version', () => {
    const cases = [item({ version: 2, reactions: [event(), event({ ptName: 'Chills' })] }), item({ version: 1 })];
    expect(summaryTabulation(cases, period).total.interval.total).toBe(2);
  });

  it('should refuse a period that starts after its data lock point', () => {
    expect(() => summaryTabulation([], { from: '2026-07-01', to: '2026-06-30' })).toThrow(RangeError);
  });
});

describe('line listing', () => {
  it('should list only the cases received in the interval, edges included', () => {
    const cases = [
      item({ caseId: 'a', safetyReportId: 'A', initialReceiptOn: '2025-12-31' }),
      item({ caseId: 'b', safetyReportId: 'B', initialReceiptOn: '2026-01-01' }),
      item({ caseId: 'c', safetyReportId: 'C', initialReceiptOn: '2026-06-30' }),
      item({ caseId: 'd', safetyReportId: 'D', initialReceiptOn: '2026-07-01' }),
    ];
    expect(lineListing(cases, period).map((row) => row.safetyReportId)).toEqual(['B', 'C']);
  });

  it('should sort by initial receipt date, then safety report id', () => {
    const cases = [
      item({ caseId: 'a', safetyReportId: 'Z', initialReceiptOn: '2026-02-01' }),
      item({ caseId: 'b', safetyReportId: 'Y', initialReceiptOn: '2026-03-01' }),
      item({ caseId: 'c', safetyReportId: 'X', initialReceiptOn: '2026-03-01' }),
    ];
    expect(lineListing(cases, period).map((row) => row.safetyReportId)).toEqual(['Z', 'X', 'Y']);
  });

  it('should give one row per case with PTs, outcomes and suspect drugs joined', () => {
    const cases = [
      item({
        serious: true,
        reactions: [event({ outcome: 'fatal' }), event({ ptName: null, reportedTerm: 'felt odd', outcome: 'unknown' })],
        suspectDrugs: ['Hemgenix', 'Prednisolone'],
      }),
    ];
    expect(lineListing(cases, period)).toEqual([
      {
        safetyReportId: 'DE-HOLDER-2026-0001',
        worldwideId: 'DE-HOLDER-2026-0001',
        version: 1,
        reportType: 'spontaneous',
        country: 'DE',
        initialReceiptOn: '2026-03-15',
        ageSex: '34 years, female',
        reactions: 'Pyrexia; felt odd',
        serious: true,
        outcomes: 'fatal; unknown',
        suspectDrugs: 'Hemgenix; Prednisolone',
        synthetic: true,
      },
    ]);
  });

  it('should say when age and sex are unknown', () => {
    expect(lineListing([item({ patientAge: null, patientSex: 'unknown' })], period)[0]?.ageSex).toBe('age unknown, sex unknown');
  });

  it('should list a case given twice once, at its highest version', () => {
    expect(lineListing([item({ version: 1 }), item({ version: 3 })], period).map((row) => row.version)).toEqual([3]);
  });
});

describe('CSV', () => {
  const columns: CsvColumn<{ text: string | null; count: number; flag: boolean }>[] = [
    { header: 'Text', value: (row) => row.text },
    { header: 'Count', value: (row) => row.count },
    { header: 'Flag', value: (row) => row.flag },
  ];
  const csv = (text: string | null, count = 1, flag = true): string => toCsv([{ text, count, flag }], columns);

  it('should write a header row and end every line with CRLF', () => {
    expect(csv('plain')).toBe('Text,Count,Flag\r\nplain,1,Yes\r\n');
  });

  it('should write only the header for no rows', () => {
    expect(toCsv([], columns)).toBe('Text,Count,Flag\r\n');
  });

  it('should quote a field with a comma', () => {
    expect(csv('a, b')).toBe('Text,Count,Flag\r\n"a, b",1,Yes\r\n');
  });

  it('should quote a field with a quote and double the quote', () => {
    expect(csv('say "hi"')).toBe('Text,Count,Flag\r\n"say ""hi""",1,Yes\r\n');
  });

  it('should quote a field with a line feed', () => {
    expect(csv('line 1\nline 2')).toBe('Text,Count,Flag\r\n"line 1\nline 2",1,Yes\r\n');
  });

  it('should quote a field with a carriage return', () => {
    expect(csv('line 1\r\nline 2')).toBe('Text,Count,Flag\r\n"line 1\r\nline 2",1,Yes\r\n');
  });

  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('should neutralise the formula %s with a leading apostrophe', (formula, cell) => {
    expect(csv(formula)).toBe(`Text,Count,Flag\r\n${cell},1,Yes\r\n`);
  });

  it('should leave a negative number alone', () => {
    expect(csv('x', -3)).toBe('Text,Count,Flag\r\nx,-3,Yes\r\n');
  });

  it('should write null as an empty cell and false as No', () => {
    expect(csv(null, 0, false)).toBe('Text,Count,Flag\r\n,0,No\r\n');
  });

  it('should write a line listing with its column headers', () => {
    const text = toCsv(lineListing([item()], period), LINE_LISTING_COLUMNS);
    expect(text.split('\r\n').slice(0, 2)).toEqual([
      'Safety report id,Worldwide case id,Version,Report type,Country,Initial receipt,Age/sex,Reactions (PT),Serious,Outcomes,Suspect drugs,Synthetic',
      'DE-HOLDER-2026-0001,DE-HOLDER-2026-0001,1,spontaneous,DE,2026-03-15,"34 years, female",Pyrexia,No,recovered,Hemgenix,Yes',
    ]);
  });

  it('should write a summary tabulation row with interval and cumulative counts', () => {
    const text = toCsv(summaryTabulation([item()], period).rows, SUMMARY_TABULATION_COLUMNS);
    expect(text.split('\r\n')[1]).toBe(`${GENERAL},Pyrexia,0,1,0,0,1,0,1,0,0,1`);
  });
});
