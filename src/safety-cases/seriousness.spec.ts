import type { CaseContent, Drug, Reaction } from './case-content';
import { assessSeriousness, reactionSeriousness } from './seriousness';

const reaction = (overrides: Partial<Reaction> = {}): Reaction => ({
  key: 'r1',
  reportedTerm: 'liver enzymes up',
  lltCode: null,
  lltName: null,
  ptCode: null,
  ptName: 'Alanine aminotransferase increased',
  socName: 'Investigations',
  meddraVersion: null,
  onset: '2026-02-20',
  outcome: 'recovering',
  severity: null,
  seriousness: [],
  ...overrides,
});

const drug = (overrides: Partial<Drug> = {}): Drug => ({
  key: 'd1',
  role: 'suspect',
  productId: 'p1',
  name: 'Hemgenix',
  batchNumber: null,
  dose: null,
  route: null,
  actionTaken: null,
  dechallenge: null,
  rechallenge: null,
  ...overrides,
});

const content = (overrides: Partial<CaseContent> = {}): CaseContent => ({
  reportType: 'spontaneous',
  solicitedSource: null,
  literatureReference: null,
  initialReceiptOn: '2026-03-02',
  day0: '2026-03-02',
  significant: false,
  otherIdentifiers: [],
  linkedReports: [],
  reporters: [{ name: 'Dr Weber', qualification: 'physician', country: 'DE', primarySource: true }],
  patient: { initials: 'JD', identifier: null, ageValue: 34, ageUnit: 'year', ageGroup: null, sex: 'female', weightKg: null, medicalHistory: null, diedOn: null },
  reactions: [reaction()],
  drugs: [drug()],
  causality: [],
  narrative: '',
  lackOfEfficacy: false,
  specialSituations: [],
  expectednessOverrides: [],
  nullificationReason: null,
  synthetic: true,
  ...overrides,
});

describe('case seriousness', () => {
  it('should find a case without criteria non-serious', () => {
    expect(assessSeriousness(content())).toEqual({ serious: false, criteria: [], fatal: false, lifeThreatening: false, seriousReactionKeys: [] });
  });

  it('should find a case serious when one reaction has a criterion, and name that reaction', () => {
    const result = assessSeriousness(content({ reactions: [reaction(), reaction({ key: 'r2', seriousness: ['hospitalisation'] })] }));
    expect(result).toMatchObject({ serious: true, criteria: ['hospitalisation'], seriousReactionKeys: ['r2'] });
  });

  it('should list the union of criteria over reactions in the fixed E2B order, once each', () => {
    const reactions = [
      reaction({ seriousness: ['other-medically-important', 'hospitalisation'] }),
      reaction({ key: 'r2', seriousness: ['hospitalisation', 'life-threatening'] }),
    ];
    expect(assessSeriousness(content({ reactions })).criteria).toEqual(['life-threatening', 'hospitalisation', 'other-medically-important']);
  });

  it('should count a fatal outcome as the criterion death even when it was not ticked', () => {
    const result = assessSeriousness(content({ reactions: [reaction({ outcome: 'fatal' })] }));
    expect(result).toMatchObject({ serious: true, criteria: ['death'], fatal: true, seriousReactionKeys: ['r1'] });
  });

  it('should find a case fatal from the ticked criterion death', () => {
    expect(assessSeriousness(content({ reactions: [reaction({ seriousness: ['death'], outcome: 'unknown' })] })).fatal).toBe(true);
  });

  it('should flag life-threatening', () => {
    expect(assessSeriousness(content({ reactions: [reaction({ seriousness: ['life-threatening'] })] }))).toMatchObject({ lifeThreatening: true, fatal: false });
  });

  it('should find a case without reactions non-serious', () => {
    expect(assessSeriousness(content({ reactions: [] })).serious).toBe(false);
  });

  it('should not add death twice when a fatal reaction also has the criterion', () => {
    expect(reactionSeriousness(reaction({ outcome: 'fatal', seriousness: ['death', 'hospitalisation'] }))).toEqual(['death', 'hospitalisation']);
  });
});
