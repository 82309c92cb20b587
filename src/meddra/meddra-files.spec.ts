import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../common/errors';
import { canonicalMeddraFileName, countsOf, MAX_REPORTED_PROBLEMS, MeddraFileName, MeddraFilesError, parseMeddraDictionary, splitMeddraFile, ProblemList } from './meddra-files';

/** The made-up dictionary of the tests (not MedDRA), keyed by canonical file name. */
function fixture(): Map<MeddraFileName, Buffer> {
  const folder = join(__dirname, '..', '..', 'test', 'fixtures', 'meddra');
  const files = new Map<MeddraFileName, Buffer>();
  for (const name of readdirSync(folder)) {
    const canonical = canonicalMeddraFileName(name);
    if (canonical !== null) {
      files.set(canonical, readFileSync(join(folder, name)));
    }
  }
  return files;
}

function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** The fixture with one file's text changed. */
function edited(name: MeddraFileName, change: (text: string) => string): Map<MeddraFileName, Buffer> {
  const files = fixture();
  files.set(name, latin1(change(files.get(name)!.toString('latin1'))));
  return files;
}

/** `text` with the first `from` replaced by `to` (taken literally: "$$" stays two dollars); `from` must be there. */
function sub(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) {
    throw new Error(`not in the fixture: ${from}`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function refusal(files: Map<MeddraFileName, Buffer>, options?: { maxFileBytes?: number }): MeddraFilesError {
  try {
    parseMeddraDictionary(files, options);
  } catch (error) {
    if (error instanceof MeddraFilesError) {
      return error;
    }
    throw error;
  }
  throw new Error('the dictionary was accepted');
}

describe('MedDRA distribution files', () => {
  it('should parse the made-up dictionary: counts, release, Latin-1 names, CRLF and LF lines', () => {
    const dictionary = parseMeddraDictionary(fixture());
    expect(dictionary.release).toEqual({ version: '90.0', language: 'English' });
    expect(countsOf(dictionary)).toEqual({ soc: 10, hlgt: 11, hlt: 15, pt: 17, llt: 40, lltCurrent: 37, socHlgt: 11, hlgtHlt: 15, hltPt: 19, hierarchy: 19 });
    expect(dictionary.pts.find((p) => p.code === 900300017)?.name).toBe("Ménière's disease");
    expect(dictionary.llts.find((l) => l.code === 900400004)).toEqual({ code: 900400004, name: 'Headache NOS', ptCode: 900300001, current: false });
    expect(dictionary.socs[0]).toEqual({ code: 900000001, name: 'Infections and infestations', abbrev: 'Infec' });
    expect(dictionary.hierarchy.filter((h) => h.ptCode === 900300008)).toEqual([
      { ptCode: 900300008, hltCode: 900200003, hlgtCode: 900100001, socCode: 900000001, primary: true },
      { ptCode: 900300008, hltCode: 900200004, hlgtCode: 900100009, socCode: 900000008, primary: false },
    ]);
    expect(dictionary.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should hash the files read: same bytes same hash, one changed byte another', () => {
    const a = parseMeddraDictionary(fixture()).sourceSha256;
    expect(parseMeddraDictionary(fixture()).sourceSha256).toBe(a);
    expect(parseMeddraDictionary(edited('hlt.asc', (t) => sub(t, 'Neutropenias', 'Neutropaenias'))).sourceSha256).not.toBe(a);
  });

  it('should match file names case-insensitively and know only the dictionary files', () => {
    expect(canonicalMeddraFileName('SOC.ASC')).toBe('soc.asc');
    expect(canonicalMeddraFileName('MdHier.asc')).toBe('mdhier.asc');
    expect(canonicalMeddraFileName('smq_list.asc')).toBeNull();
    expect(canonicalMeddraFileName('readme.txt')).toBeNull();
  });

  it('should refuse a dictionary with a required file missing, naming the file', () => {
    const files = fixture();
    files.delete('hlgt_hlt.asc');
    const error = refusal(files);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.problems).toContainEqual({ file: 'hlgt_hlt.asc', line: null, problem: 'required file is missing' });
    expect(error.message).toContain('hlgt_hlt.asc: required file is missing');
  });

  it('should refuse a line with too few fields, naming file and line', () => {
    const error = refusal(edited('llt.asc', (t) => sub(t, '900300002$Dizziness$900300002$$$$$$$Y$$', '900300002$Dizziness$900300002$')));
    expect(error.problems).toEqual([{ file: 'llt.asc', line: 2, problem: 'too few fields: 3, expected 11' }]);
    expect(error.message).toContain('llt.asc line 2: too few fields');
  });

  it('should refuse a line without its trailing "$", a non-numeric code and a bad currency flag', () => {
    expect(refusal(edited('hlt.asc', (t) => sub(t, 'Neutropenias$$$$$$$$', 'Neutrop'))).problems[0]).toMatchObject({ file: 'hlt.asc', line: 13, problem: expect.stringContaining('does not end with "$"') });
    expect(refusal(edited('soc.asc', (t) => sub(t, '900000004$', '9OOOOOOO4$'))).problems).toContainEqual({
      file: 'soc.asc',
      line: 4,
      problem: 'soc_code "9OOOOOOO4" is not a MedDRA code (a positive whole number)',
    });
    expect(refusal(edited('llt.asc', (t) => sub(t, '$Lassitude$900300016$$$$$$$N$$', '$Lassitude$900300016$$$$$$$X$$'))).problems).toEqual([
      { file: 'llt.asc', line: 40, problem: 'llt_currency "X" must be Y or N' },
    ]);
  });

  it('should refuse an LLT whose PT does not exist', () => {
    const error = refusal(edited('llt.asc', (t) => sub(t, '900400005$Giddiness$900300002$', '900400005$Giddiness$900399999$')));
    expect(error.problems).toEqual([{ file: 'llt.asc', line: 22, problem: 'pt_code 900399999 is not in pt.asc' }]);
  });

  it('should refuse a PT whose SOC is unknown (and that has no primary SOC in mdhier)', () => {
    const error = refusal(edited('pt.asc', (t) => `${t}900300099$Made-up orphan term$$900000099$$$$$$$$\r\n`));
    expect(error.problems).toEqual([
      { file: 'pt.asc', line: 18, problem: 'pt_soc_code 900000099 is not in soc.asc' },
      { file: 'pt.asc', line: 18, problem: 'PT 900300099 "Made-up orphan term" has no primary SOC in mdhier.asc' },
    ]);
  });

  it('should refuse a PT with two primary SOCs, or none', () => {
    const two = refusal(edited('mdhier.asc', (t) => sub(t, '$Resp$$900000001$N$', '$Resp$$900000001$Y$')));
    expect(two.problems).toEqual([{ file: 'mdhier.asc', line: 10, problem: 'PT 900300008 has a second primary SOC (900000008); exactly one is allowed' }]);
    const none = refusal(edited('mdhier.asc', (t) => sub(t, '$Infec$$900000001$Y$\n900300008$900200004', '$Infec$$900000001$N$\n900300008$900200004')));
    expect(none.problems).toEqual([{ file: 'pt.asc', line: 8, problem: 'PT 900300008 "Pneumonia" has no primary SOC in mdhier.asc' }]);
  });

  it('should refuse a primary SOC that differs from pt_soc_code, and an mdhier path missing from the link files', () => {
    const differs = refusal(edited('pt.asc', (t) => sub(t, '900300008$Pneumonia$$900000001$', '900300008$Pneumonia$$900000008$')));
    expect(differs.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['mdhier.asc:9', 'mdhier.asc:9', 'mdhier.asc:10']);
    expect(differs.problems[1]?.problem).toBe('primary SOC 900000001 of PT 900300008 differs from its pt_soc_code in pt.asc (900000008)');
    const unlinked = refusal(edited('hlt_pt.asc', (t) => sub(t, '900200004$900300008$\n', '')));
    expect(unlinked.problems).toEqual([{ file: 'mdhier.asc', line: 10, problem: 'path of PT 900300008: 900200004 → 900300008 is not in hlt_pt.asc' }]);
  });

  it('should refuse a code that appears twice', () => {
    const error = refusal(edited('hlgt.asc', (t) => `${t}900100002$Headaches again$$$$$$$$\n`));
    expect(error.problems).toEqual([{ file: 'hlgt.asc', line: 12, problem: 'code 900100002 appears twice (first on line 2)' }]);
  });

  it('should read the release line and refuse more than one', () => {
    const two = refusal(edited('meddra_release.asc', (t) => `${t}91.0$English$$$$\n`));
    expect(two.problems).toEqual([{ file: 'meddra_release.asc', line: 2, problem: 'more than one release line' }]);
    const empty = refusal(edited('meddra_release.asc', () => '\n'));
    expect(empty.problems).toEqual([{ file: 'meddra_release.asc', line: null, problem: 'no release line (version$language$$$$)' }]);
    expect(parseMeddraDictionary(edited('meddra_release.asc', () => '27.1$Français$$$$\r\n')).release).toEqual({ version: '27.1', language: 'Français' });
  });

  it('should refuse a file over the size limit without reading it', () => {
    const error = refusal(fixture(), { maxFileBytes: 1000 });
    expect(error.problems).toContainEqual({ file: 'llt.asc', line: null, problem: expect.stringMatching(/^file is \d+ bytes, more than the 1000 allowed$/) });
  });

  it('should keep at most the first problems, and count them all', () => {
    const broken = Buffer.from(Array.from({ length: 500 }, (_, i) => `${i + 1}$x$`).join('\n'), 'latin1');
    const problems = new ProblemList();
    expect(splitMeddraFile('llt.asc', broken, 11, problems)).toEqual([]);
    expect(problems.total).toBe(500);
    expect(problems.items).toHaveLength(MAX_REPORTED_PROBLEMS);
    const files = fixture();
    files.set('llt.asc', broken);
    const error = refusal(files);
    expect(error.totalProblems).toBe(500);
    expect(error.message).toMatch(/^MedDRA files refused \(500 problems\): llt\.asc line 1: too few fields: 2, expected 11; .*; and 490 more$/);
  });
});
