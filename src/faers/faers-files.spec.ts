import { copyValue } from '../common/copy-text';
import { classifyFile, decodeLine, parseDeletedLine, parseLine, quarterOf, readHeader, type FaersHeader } from './faers-files';

describe('FAERS file names', () => {
  it.each([
    ['ASCII/DEMO25Q3.txt', 'demo', '2025Q3'],
    ['drug25q3.TXT', 'drug', '2025Q3'],
    ['REAC24Q4.txt', 'reac', '2024Q4'],
    ['OUTC25Q1.txt', 'outc', '2025Q1'],
    ['Deleted/DELETED_CASES_25Q3.txt', 'deleted', '2025Q3'],
    ['RPSR25Q3.txt', null, '2025Q3'],
    ['ASC_NTS.pdf', null, null],
  ])('%s is %p of %p', (name, kind, quarter) => {
    expect(classifyFile(name)).toBe(kind);
    expect(quarterOf(name)).toBe(quarter);
  });
});

describe('FAERS lines', () => {
  const header = readHeader('demo', 'primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$to_mfr$occp_cod$reporter_country$occr_country') as FaersHeader;

  it('maps the header to the kept columns in any order', () => {
    expect(header.width).toBe(25);
    const reversed = readHeader('reac', 'drug_rec_act$pt$caseid$primaryid') as FaersHeader;
    expect(parseLine(reversed, 'x$Nausea$100$1001')).toEqual({ values: ['1001', 'Nausea', 'x'] });
  });

  it('refuses a header without a required column', () => {
    expect(readHeader('drug', 'primaryid$caseid$drugname')).toEqual({ problem: expect.stringMatching(/lacks drug_seq, role_cod/) });
  });

  it('reads a row, empty fields as null, and tolerates the trailing "$" of some years', () => {
    const line = '1001$100$1$I$20250101$$$20250301$EXP$$$ACME$$45$YR$$F$Y$$$$$MD$US$US';
    const parsed = parseLine(header, line);
    expect(parsed).toEqual({ values: ['1001', '100', '1', 'I', '20250101', '20250301', 'EXP', 'ACME', '45', 'YR', 'F', 'US', 'US'] });
    expect(parseLine(header, `${line}$`)).toEqual(parsed);
  });

  it('makes a row with the wrong number of fields or a non-numeric id a bad row', () => {
    expect(parseLine(header, '1001$100$1')).toEqual({ problem: '3 fields where the header has 25' });
    expect(parseLine(header, 'x1001$100$1$I$$$$$$$$$$$$$$$$$$$$$$')).toEqual({ problem: 'primaryid "x1001" is not a whole number' });
  });

  it('reads the deleted-cases list, skipping blank lines', () => {
    expect(parseDeletedLine('12345678')).toEqual({ caseid: '12345678' });
    expect(parseDeletedLine('  ')).toBeNull();
    expect(parseDeletedLine('caseid')).toEqual({ problem: '"caseid" is not a case id' });
  });

  it('decodes UTF-8 and falls back to Latin-1 without losing the row', () => {
    expect(decodeLine(Buffer.from('Müller$ok', 'utf8'))).toBe('Müller$ok');
    expect(decodeLine(Buffer.from('M\u00fcller$ok', 'latin1'))).toBe('Müller$ok');
    expect(decodeLine(Buffer.from('plain', 'latin1'))).toBe('plain');
  });

  it('escapes values for COPY', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('a\\b\tc\nd')).toBe('a\\\\b\\tc\\nd');
    expect(copyValue('plain')).toBe('plain');
  });
});

describe('a trailing "$"', () => {
  it('is dropped only when it makes one field too many (an empty last column stays a column)', () => {
    const header = readHeader('reac', 'primaryid$caseid$pt$drug_rec_act') as FaersHeader;
    expect(parseLine(header, '1001$100$Old event$')).toEqual({ values: ['1001', 'Old event', null] });
    expect(parseLine(header, '1001$100$Old event$$')).toEqual({ values: ['1001', 'Old event', null] });
    expect(parseLine(header, '1001$100$Old event')).toEqual({ problem: '3 fields where the header has 4' });
  });
});
