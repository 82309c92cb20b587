import type { Causality, Reporter } from './case-content';
import { causalityPossible, eeaBasis, isEea, primarySourceCountry } from './triage';
import { reaction, drug, content } from '../../test/case-content.fixture';

const reporter = (overrides: Partial<Reporter> = {}): Reporter => ({ name: null, qualification: 'physician', country: 'DE', primarySource: false, ...overrides });
const pair = (overrides: Partial<Causality> = {}): Causality => ({ drugKey: 'd1', reactionKey: 'r1', reporter: null, company: null, ...overrides });

describe('primary source country', () => {
  it('should take the country of the reporter flagged as primary source', () => {
    expect(primarySourceCountry(content({ reporters: [reporter({ country: 'US' }), reporter({ country: 'FR', primarySource: true })] }))).toBe('FR');
  });

  it('should fall back to the first reporter with a country when none is flagged', () => {
    expect(primarySourceCountry(content({ reporters: [reporter({ country: null }), reporter({ country: 'US' }), reporter({ country: 'FR' })] }))).toBe('US');
  });

  it('should fall back when the flagged primary source has no country', () => {
    expect(primarySourceCountry(content({ reporters: [reporter({ country: null, primarySource: true }), reporter({ country: 'JP' })] }))).toBe('JP');
  });

  it('should give the country in upper case', () => {
    expect(primarySourceCountry(content({ reporters: [reporter({ country: ' de ', primarySource: true })] }))).toBe('DE');
  });

  it('should be null when no reporter has a country', () => {
    expect(primarySourceCountry(content({ reporters: [reporter({ country: null })] }))).toBeNull();
  });
});

describe('EEA or not', () => {
  it.each(['DE', 'de', 'NO', 'IS', 'LI'])('should count %s as EEA', (country) => {
    expect(isEea(country)).toBe(true);
  });

  it.each(['CH', 'GB', 'US', 'EU', ''])('should not count "%s" as EEA', (country) => {
    expect(isEea(country)).toBe(false);
  });

  it('should not count an unknown country as EEA', () => {
    expect(isEea(null)).toBe(false);
  });

  it('should explain an EEA primary source', () => {
    expect(eeaBasis(content({ reporters: [reporter({ country: 'DE', primarySource: true })] }))).toBe('primary source in DE (EEA)');
  });

  it('should explain a non-EEA primary source', () => {
    expect(eeaBasis(content({ reporters: [reporter({ country: 'US', primarySource: true })] }))).toBe('primary source in US (non-EEA)');
  });

  it('should explain an unknown country as treated as non-EEA', () => {
    expect(eeaBasis(content({ reporters: [] }))).toBe('primary source country unknown: treated as non-EEA');
  });

  it('should say when no reporter was flagged as primary source', () => {
    expect(eeaBasis(content({ reporters: [reporter({ country: 'AT' })] }))).toBe('no reporter flagged as primary source; first reporter with a country in AT (EEA)');
  });
});

describe('causality reasonably possible', () => {
  it('should be null when nothing was assessed', () => {
    expect(causalityPossible(content())).toBeNull();
  });

  it.each(['certain', 'probable', 'possible'] as const)('should be true when the company assessed %s', (company) => {
    expect(causalityPossible(content({ causality: [pair({ reporter: 'unlikely', company })] }))).toBe(true);
  });

  it('should be true when only the reporter finds it possible', () => {
    expect(causalityPossible(content({ causality: [pair({ reporter: 'possible', company: 'unrelated' })] }))).toBe(true);
  });

  it('should be false when every suspected pair is assessed and none is possible', () => {
    const reactions = [reaction(), reaction({ key: 'r2' })];
    const causality = [pair({ company: 'unlikely' }), pair({ reactionKey: 'r2', reporter: 'unrelated' })];
    expect(causalityPossible(content({ reactions, causality }))).toBe(false);
  });

  it('should be null when some suspected pair is not assessed and none is possible', () => {
    const reactions = [reaction(), reaction({ key: 'r2' })];
    expect(causalityPossible(content({ reactions, causality: [pair({ company: 'unlikely' })] }))).toBeNull();
  });

  it('should be true when one pair is possible even though another is not assessed', () => {
    const reactions = [reaction(), reaction({ key: 'r2' })];
    expect(causalityPossible(content({ reactions, causality: [pair({ reactionKey: 'r2', company: 'possible' })] }))).toBe(true);
  });

  it('should leave a pair assessed only as unassessable open (null, the safe side)', () => {
    expect(causalityPossible(content({ causality: [pair({ reporter: 'unassessable', company: 'unassessable' })] }))).toBeNull();
  });

  it('should ignore a possible assessment of a concomitant drug', () => {
    const drugs = [drug(), drug({ key: 'd2', role: 'concomitant' })];
    const causality = [pair({ company: 'unrelated' }), pair({ drugKey: 'd2', company: 'probable' })];
    expect(causalityPossible(content({ drugs, causality }))).toBe(false);
  });

  it('should count an interacting drug as suspected', () => {
    const drugs = [drug({ role: 'interacting' })];
    expect(causalityPossible(content({ drugs, causality: [pair({ company: 'probable' })] }))).toBe(true);
  });

  it('should be null when the case has no suspected drug', () => {
    expect(causalityPossible(content({ drugs: [drug({ role: 'concomitant' })], causality: [pair({ company: 'possible' })] }))).toBeNull();
  });
});
