import { DUPLICATE_THRESHOLD, type DuplicateProfile, profileOf, rankDuplicates, scoreDuplicate } from './duplicates';
import { reaction, drug, content } from '../../test/case-content.fixture';

const profile = (overrides: Partial<DuplicateProfile> = {}): DuplicateProfile => ({
  caseId: 'case-a',
  safetyReportId: 'DE-HOLDER-2026-000001',
  worldwideId: 'DE-HOLDER-2026-000001',
  otherIdentifiers: [],
  linkedReports: [],
  patientSex: null,
  patientAgeYears: null,
  patientInitials: null,
  country: null,
  onsetDates: [],
  ptNames: ['pyrexia'],
  suspectDrugNames: [],
  batchNumbers: [],
  initialReceiptOn: '2026-03-02',
  ...overrides,
});

const candidate = profile();
const other = (overrides: Partial<DuplicateProfile> = {}): DuplicateProfile =>
  profile({ caseId: 'case-b', safetyReportId: 'DE-HOLDER-2026-000002', worldwideId: 'FR-ANSM-2026-77', ...overrides });

describe('duplicate profile of a case', () => {
  it('should convert an age in months to years', () => {
    const patient = { ...content().patient, ageValue: 18, ageUnit: 'month' as const };
    expect(profileOf('c', 's', 'w', content({ patient })).patientAgeYears).toBe(1.5);
  });

  it('should convert an age in days to years', () => {
    const patient = { ...content().patient, ageValue: 365.25, ageUnit: 'day' as const };
    expect(profileOf('c', 's', 'w', content({ patient })).patientAgeYears).toBe(1);
  });

  it('should leave the age unknown without a unit', () => {
    const patient = { ...content().patient, ageValue: 34, ageUnit: null };
    expect(profileOf('c', 's', 'w', content({ patient })).patientAgeYears).toBeNull();
  });

  it('should take PT names in lower case, the reported term when uncoded, each once and sorted', () => {
    const reactions = [reaction({ ptName: 'Pyrexia' }), reaction({ key: 'r2', ptName: null, reportedTerm: 'Chills' }), reaction({ key: 'r3', ptName: 'pyrexia' })];
    expect(profileOf('c', 's', 'w', content({ reactions })).ptNames).toEqual(['chills', 'pyrexia']);
  });

  it('should take names and batches of suspect and interacting drugs only', () => {
    const drugs = [drug({ batchNumber: 'ab 123' }), drug({ key: 'd2', role: 'concomitant', name: 'Paracetamol', batchNumber: 'X9' }), drug({ key: 'd3', role: 'interacting', name: 'Prednisolone' })];
    const result = profileOf('c', 's', 'w', content({ drugs }));
    expect(result).toMatchObject({ suspectDrugNames: ['hemgenix', 'prednisolone'], batchNumbers: ['AB123'] });
  });

  it('should take the other identifiers, linked reports, primary source country and onset dates', () => {
    const result = profileOf(
      'c',
      's',
      'w',
      content({
        otherIdentifiers: [{ source: 'ANSM', id: 'FR-ANSM-1' }],
        linkedReports: ['DE-HOLDER-9'],
        reactions: [reaction({ onset: '2026-02-20' }), reaction({ key: 'r2', onset: '2026-02-01' }), reaction({ key: 'r3', onset: null })],
      }),
    );
    expect(result).toMatchObject({ otherIdentifiers: ['FR-ANSM-1'], linkedReports: ['DE-HOLDER-9'], country: 'DE', onsetDates: ['2026-02-01', '2026-02-20'] });
  });
});

describe('duplicate score', () => {
  it('should be certain when the candidate names the other safety report id among its other identifiers', () => {
    expect(scoreDuplicate(profile({ otherIdentifiers: ['DE-HOLDER-2026-000002'] }), other())).toMatchObject({ caseId: 'case-b', certain: true, score: 1, matched: ['other-identifier', 'reaction'] });
  });

  it('should be certain when the other names the candidate worldwide id, ignoring case', () => {
    expect(scoreDuplicate(candidate, other({ otherIdentifiers: ['de-holder-2026-000001'] }))?.certain).toBe(true);
  });

  it('should be certain for two cases with the same worldwide id', () => {
    expect(scoreDuplicate(candidate, other({ worldwideId: candidate.worldwideId }))).toMatchObject({ certain: true, matched: ['worldwide-id', 'reaction'] });
  });

  it('should be certain on identifiers even without a shared PT, and list the conflict', () => {
    expect(scoreDuplicate(profile({ otherIdentifiers: ['FR-ANSM-2026-77'] }), other({ ptNames: ['nausea'] }))).toMatchObject({ certain: true, conflicting: ['reaction'] });
  });

  it('should never call linked reports duplicates, even when the identifiers match', () => {
    expect(scoreDuplicate(profile({ otherIdentifiers: ['FR-ANSM-2026-77'] }), other({ linkedReports: ['DE-HOLDER-2026-000001'] }))).toBeNull();
  });

  it('should treat a link in the candidate direction the same', () => {
    expect(scoreDuplicate(profile({ linkedReports: ['FR-ANSM-2026-77'] }), other())).toBeNull();
  });

  it('should not compare a case with itself', () => {
    expect(scoreDuplicate(candidate, candidate)).toBeNull();
  });

  it('should not be a candidate without a shared PT however much else agrees', () => {
    const same = { patientSex: 'female' as const, patientAgeYears: 34, country: 'DE', onsetDates: ['2026-02-20'], suspectDrugNames: ['hemgenix'], batchNumbers: ['AB1'] };
    expect(scoreDuplicate(profile({ ...same, ptNames: ['pyrexia'] }), other({ ...same, ptNames: ['nausea'] }))).toBeNull();
  });

  it('should score PT, suspect drug, sex, age and country agreeing at 0.65, listing the matched fields in order', () => {
    const same = { patientSex: 'female' as const, patientAgeYears: 34, country: 'DE', suspectDrugNames: ['hemgenix'] };
    expect(scoreDuplicate(profile(same), other(same))).toEqual({
      caseId: 'case-b',
      certain: false,
      score: 0.65,
      matched: ['reaction', 'suspect-drug', 'patient-sex', 'patient-age', 'country'],
      conflicting: [],
    });
  });

  it('should keep a score exactly at the threshold', () => {
    const same = { suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'], country: 'DE' };
    expect(scoreDuplicate(profile(same), other(same))?.score).toBe(DUPLICATE_THRESHOLD);
  });

  it('should drop a score just below the threshold (PT, drug and onset date only)', () => {
    const same = { suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'] };
    expect(scoreDuplicate(profile(same), other(same))).toBeNull();
  });

  it('should compare names case-insensitively', () => {
    const match = scoreDuplicate(profile({ ptNames: ['Pyrexia'], suspectDrugNames: ['HEMGENIX'], onsetDates: ['2026-02-20'], country: 'de' }), other({ ptNames: ['pyrexia'], suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'], country: 'DE' }));
    expect(match?.matched).toEqual(['reaction', 'suspect-drug', 'onset-date', 'country']);
  });

  it('should add weight for further shared PTs, up to two of them', () => {
    const same = { suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'], ptNames: ['pyrexia', 'chills', 'nausea', 'headache'] };
    expect(scoreDuplicate(profile(same), other(same))?.score).toBe(0.65);
  });

  it('should clamp a full agreement at 1', () => {
    const same = {
      patientSex: 'male' as const,
      patientAgeYears: 60,
      patientInitials: 'J.D.',
      country: 'DE',
      onsetDates: ['2026-02-20'],
      suspectDrugNames: ['hemgenix'],
      batchNumbers: ['AB1'],
    };
    expect(scoreDuplicate(profile(same), other({ ...same, patientInitials: 'jd' }))).toMatchObject({ score: 1, certain: false });
  });

  it('should count ages two years apart as agreeing', () => {
    const same = { suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'] };
    expect(scoreDuplicate(profile({ ...same, patientAgeYears: 34 }), other({ ...same, patientAgeYears: 36 }))?.matched).toContain('patient-age');
  });

  it('should count ages more than two years apart as a conflict', () => {
    const same = { suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'], batchNumbers: ['AB1'], country: 'DE', patientSex: 'female' as const, patientInitials: 'JD' };
    expect(scoreDuplicate(profile({ ...same, patientAgeYears: 34 }), other({ ...same, patientAgeYears: 37 }))).toMatchObject({ score: 0.65, conflicting: ['patient-age'] });
  });

  it('should drop a candidate whose sex conflicts even when much else agrees', () => {
    const same = { suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'], patientAgeYears: 34, patientInitials: 'JD' };
    expect(scoreDuplicate(profile({ ...same, patientSex: 'male' }), other({ ...same, patientSex: 'female' }))).toBeNull();
  });

  it('should list conflicting fields on a match that still passes', () => {
    const same = { suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'], patientAgeYears: 34, batchNumbers: ['AB1'], patientSex: 'female' as const };
    expect(scoreDuplicate(profile({ ...same, patientInitials: 'JD' }), other({ ...same, patientInitials: 'KL' }))).toMatchObject({ score: 0.85, conflicting: ['initials'] });
  });

  it('should treat an unknown sex as neutral', () => {
    const same = { suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'], country: 'DE' };
    expect(scoreDuplicate(profile({ ...same, patientSex: 'unknown' }), other({ ...same, patientSex: 'male' }))).toMatchObject({ score: 0.6, conflicting: [] });
  });

  it('should subtract for a different country where the same country would add', () => {
    const same = { suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'], patientSex: 'female' as const, patientAgeYears: 34, batchNumbers: ['AB1'] };
    expect(scoreDuplicate(profile({ ...same, country: 'DE' }), other({ ...same, country: 'FR' }))).toMatchObject({ score: 0.65, conflicting: ['country'] });
    expect(scoreDuplicate(profile({ ...same, country: 'DE' }), other({ ...same, country: 'DE' }))?.score).toBe(1);
  });
});

describe('ranking duplicates', () => {
  it('should put certain matches first, then by score, then by case id, leaving out non-candidates', () => {
    const strong = { suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'], country: 'DE', patientSex: 'female' as const };
    const weak = { suspectDrugNames: ['hemgenix'], onsetDates: ['2026-02-20'], country: 'DE' };
    const base = profile(strong);
    const others = [
      other({ caseId: 'case-weak', ...weak }),
      other({ caseId: 'case-strong-2', ...strong }),
      other({ caseId: 'case-none', ptNames: ['nausea'] }),
      other({ caseId: 'case-strong-1', ...strong }),
      other({ caseId: 'case-certain', otherIdentifiers: [base.safetyReportId], ptNames: ['nausea'] }),
    ];
    expect(rankDuplicates(base, others).map((match) => [match.caseId, match.score])).toEqual([
      ['case-certain', 1],
      ['case-strong-1', 0.7],
      ['case-strong-2', 0.7],
      ['case-weak', 0.6],
    ]);
  });
});
