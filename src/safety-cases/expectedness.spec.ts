import type { ReferenceSafetyInformation, ReferenceTerm } from '../reference-safety/reference-terms';
import { assessExpectedness, type ReactionExpectedness, seriousUnexpected } from './expectedness';
import { reaction, content } from '../../test/case-content.fixture';

const term = (overrides: Partial<ReferenceTerm> = {}): ReferenceTerm => ({
  term: 'ALT increased',
  kind: 'reaction',
  ptNames: ['Alanine aminotransferase increased'],
  hltNames: [],
  outcome: null,
  lateOnset: false,
  frequencyBand: 'very-common',
  statedRatePercent: null,
  rateDenominator: null,
  denominatorNote: null,
  fatalOutcomeListed: false,
  maxSeverity: null,
  note: null,
  ...overrides,
});

const rsi = (terms: ReferenceTerm[] = [term()], overrides: Partial<ReferenceSafetyInformation> = {}): ReferenceSafetyInformation => ({
  id: 'rsi-1',
  productId: 'p1',
  version: 3,
  document: 'SmPC section 4.8',
  effectiveFrom: '2025-01-01',
  complete: true,
  terms,
  ...overrides,
});

const only = (results: ReactionExpectedness[]): ReactionExpectedness => {
  expect(results).toHaveLength(1);
  return results[0]!;
};

describe('expectedness against the reference safety information', () => {
  it('should find a listed PT expected, naming the listed term and the RSI version', () => {
    expect(only(assessExpectedness(content(), rsi()))).toMatchObject({
      reactionKey: 'r1',
      ptName: 'Alanine aminotransferase increased',
      expected: true,
      basis: 'listed',
      listedTerm: 'ALT increased',
      rsiVersion: 3,
    });
  });

  it('should match the PT case-insensitively and ignoring surrounding spaces', () => {
    const reactions = [reaction({ ptName: '  alanine AMINOTRANSFERASE increased ' })];
    expect(only(assessExpectedness(content({ reactions }), rsi())).expected).toBe(true);
  });

  it('should find hepatic failure unexpected when only ALT increased is listed', () => {
    const result = only(assessExpectedness(content({ reactions: [reaction({ ptName: 'Hepatic failure' })] }), rsi()));
    expect(result).toMatchObject({ expected: false, basis: 'not-listed', listedTerm: null });
    expect(result.explanation).toContain('not listed');
  });

  it('should find a fatal outcome of a listed reaction unexpected when the label does not mention fatal outcomes', () => {
    const result = only(assessExpectedness(content({ reactions: [reaction({ outcome: 'fatal' })] }), rsi()));
    expect(result).toMatchObject({ expected: false, basis: 'fatal-outcome-not-labelled', listedTerm: 'ALT increased' });
  });

  it('should treat the criterion death like a fatal outcome', () => {
    const result = only(assessExpectedness(content({ reactions: [reaction({ seriousness: ['death'], outcome: 'unknown' })] }), rsi()));
    expect(result.basis).toBe('fatal-outcome-not-labelled');
  });

  it('should find a fatal outcome expected when the label mentions fatal outcomes for the term', () => {
    const result = only(assessExpectedness(content({ reactions: [reaction({ outcome: 'fatal' })] }), rsi([term({ fatalOutcomeListed: true })])));
    expect(result).toMatchObject({ expected: true, basis: 'listed' });
  });

  it('should find a reaction more severe than labelled unexpected', () => {
    const result = only(assessExpectedness(content({ reactions: [reaction({ severity: 'severe' })] }), rsi([term({ maxSeverity: 'moderate' })])));
    expect(result).toMatchObject({ expected: false, basis: 'more-severe-than-labelled' });
    expect(result.explanation).toContain('at most moderate');
  });

  it('should find a reaction as severe as labelled expected', () => {
    expect(only(assessExpectedness(content({ reactions: [reaction({ severity: 'moderate' })] }), rsi([term({ maxSeverity: 'moderate' })]))).expected).toBe(true);
  });

  it('should not judge severity when the reaction has none recorded', () => {
    expect(only(assessExpectedness(content({ reactions: [reaction({ severity: null })] }), rsi([term({ maxSeverity: 'mild' })]))).expected).toBe(true);
  });

  it('should ignore listed terms of kind outcome', () => {
    const terms = [term({ term: 'Fatal adverse reactions', kind: 'outcome', ptNames: ['Alanine aminotransferase increased'], fatalOutcomeListed: true })];
    expect(only(assessExpectedness(content(), rsi(terms))).basis).toBe('not-listed');
  });

  it('should match a listed HLT through the dictionary callback', () => {
    const terms = [term({ term: 'Liver function test abnormalities', ptNames: [], hltNames: ['Liver function analyses'] })];
    const hlts = (pt: string): string[] => (pt === 'Alanine aminotransferase increased' ? ['liver function ANALYSES'] : []);
    const result = only(assessExpectedness(content(), rsi(terms), hlts));
    expect(result).toMatchObject({ expected: true, listedTerm: 'Liver function test abnormalities' });
    expect(result.explanation).toContain('under HLT');
  });

  it('should not match an HLT-listed term without the dictionary callback', () => {
    const terms = [term({ ptNames: [], hltNames: ['Liver function analyses'] })];
    expect(only(assessExpectedness(content(), rsi(terms))).basis).toBe('not-listed');
  });

  it('should find a reaction expected when any of several matching terms covers its outcome', () => {
    const terms = [term(), term({ term: 'Hepatotoxicity (including fatal cases)', fatalOutcomeListed: true })];
    const result = only(assessExpectedness(content({ reactions: [reaction({ outcome: 'fatal' })] }), rsi(terms)));
    expect(result).toMatchObject({ expected: true, listedTerm: 'Hepatotoxicity (including fatal cases)' });
  });

  it('should fall back to the reported term when the reaction is not coded, and say so', () => {
    const reactions = [reaction({ ptName: null, reportedTerm: 'Alanine aminotransferase increased' })];
    const result = only(assessExpectedness(content({ reactions }), rsi()));
    expect(result).toMatchObject({ expected: true, basis: 'listed', ptName: null });
    expect(result.explanation).toContain('reported term');
  });

  it('should leave an uncoded reaction that matches no listed term undecided', () => {
    const result = only(assessExpectedness(content({ reactions: [reaction({ ptName: null, reportedTerm: 'felt odd' })] }), rsi()));
    expect(result).toMatchObject({ expected: null, basis: 'uncoded' });
    expect(result.explanation).toContain('code it to MedDRA');
  });

  it('should leave every reaction undecided without reference safety information', () => {
    expect(only(assessExpectedness(content(), null))).toMatchObject({ expected: null, basis: 'no-reference-information', rsiVersion: null, listedTerm: null });
  });

  it('should let an override win, quoting its reason and author', () => {
    const expectednessOverrides = [{ reactionKey: 'r1', expected: false, reason: 'Grade 4 ALT, beyond the label', by: 'Dr Safety' }];
    const result = only(assessExpectedness(content({ expectednessOverrides }), rsi()));
    expect(result).toMatchObject({ expected: false, basis: 'override', listedTerm: 'ALT increased' });
    expect(result.explanation).toContain('Dr Safety');
    expect(result.explanation).toContain('"Grade 4 ALT, beyond the label"');
  });

  it('should apply an override even without reference safety information', () => {
    const expectednessOverrides = [{ reactionKey: 'r1', expected: true, reason: 'listed in the IB', by: 'Dr Safety' }];
    expect(only(assessExpectedness(content({ expectednessOverrides }), null))).toMatchObject({ expected: true, basis: 'override' });
  });

  it('should use the latest of several overrides of one reaction', () => {
    const expectednessOverrides = [
      { reactionKey: 'r1', expected: false, reason: 'first look', by: 'A' },
      { reactionKey: 'r1', expected: true, reason: 'second look', by: 'B' },
    ];
    expect(only(assessExpectedness(content({ expectednessOverrides }), rsi())).expected).toBe(true);
  });

  it('should say that the reference list is incomplete when it is marked so', () => {
    const result = only(assessExpectedness(content({ reactions: [reaction({ ptName: 'Hepatic failure' })] }), rsi([term()], { complete: false })));
    expect(result.explanation).toContain('incomplete');
  });

  it('should not mention incompleteness for a complete list', () => {
    expect(only(assessExpectedness(content(), rsi())).explanation).not.toContain('incomplete');
  });

  it('should give one result per reaction, in the case order', () => {
    const reactions = [reaction({ key: 'r2', ptName: 'Hepatic failure' }), reaction({ key: 'r1' })];
    expect(assessExpectedness(content({ reactions }), rsi()).map((result) => [result.reactionKey, result.expected])).toEqual([
      ['r2', false],
      ['r1', true],
    ]);
  });
});

describe('serious and unexpected', () => {
  const serious = reaction({ ptName: 'Hepatic failure', seriousness: ['hospitalisation'] });

  it('should be true for a serious reaction that is unexpected', () => {
    const case_ = content({ reactions: [serious] });
    expect(seriousUnexpected(case_, assessExpectedness(case_, rsi()))).toBe(true);
  });

  it('should be false when the unexpected reaction is not serious', () => {
    const case_ = content({ reactions: [reaction({ ptName: 'Hepatic failure' })] });
    expect(seriousUnexpected(case_, assessExpectedness(case_, rsi()))).toBe(false);
  });

  it('should be false when the serious reaction is expected', () => {
    const case_ = content({ reactions: [reaction({ seriousness: ['hospitalisation'] })] });
    expect(seriousUnexpected(case_, assessExpectedness(case_, rsi()))).toBe(false);
  });

  it('should count a serious reaction of undecided expectedness as unexpected (safe side)', () => {
    const case_ = content({ reactions: [serious] });
    expect(seriousUnexpected(case_, assessExpectedness(case_, null))).toBe(true);
  });

  it('should count a fatal outcome as serious', () => {
    const case_ = content({ reactions: [reaction({ outcome: 'fatal' })] });
    expect(seriousUnexpected(case_, assessExpectedness(case_, rsi()))).toBe(true);
  });
});
