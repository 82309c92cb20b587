import type { Patient } from './case-content';
import { assessValidity } from './validity';
import { reaction, drug, content } from '../../test/case-content.fixture';

const anonymous: Patient = { initials: null, identifier: null, ageValue: null, ageUnit: null, ageGroup: null, sex: null, weightKg: null, medicalHistory: null, diedOn: null };

describe('case validity (GVP VI.B.2 minimum criteria)', () => {
  it('should accept a case that meets the four minimum criteria, with no notes', () => {
    expect(assessValidity(content())).toEqual({ valid: true, missing: [], notes: [] });
  });

  it('should miss an identifiable reporter when no reporter has a country', () => {
    const result = assessValidity(content({ reporters: [{ name: 'Dr Weber', qualification: 'physician', country: null, primarySource: true }] }));
    expect(result).toMatchObject({ valid: false, missing: ['identifiable-reporter'] });
  });

  it('should treat a blank country as unknown', () => {
    expect(assessValidity(content({ reporters: [{ name: null, qualification: 'physician', country: '  ', primarySource: true }] })).missing).toEqual(['identifiable-reporter']);
  });

  it('should miss an identifiable reporter when there is no reporter at all', () => {
    expect(assessValidity(content({ reporters: [] })).missing).toEqual(['identifiable-reporter']);
  });

  it('should count a reporter of unknown qualification as a consumer and say so', () => {
    const result = assessValidity(content({ reporters: [{ name: null, qualification: null, country: 'FR', primarySource: true }] }));
    expect(result.valid).toBe(true);
    expect(result.notes).toEqual([expect.stringContaining('counted as a consumer')]);
  });

  it('should not add the consumer note when another identifiable reporter has a qualification', () => {
    const reporters = [
      { name: null, qualification: null, country: 'FR', primarySource: false },
      { name: 'Dr Weber', qualification: 'physician' as const, country: 'DE', primarySource: true },
    ];
    expect(assessValidity(content({ reporters })).notes).toEqual([]);
  });

  it('should miss an identifiable patient when nothing about the patient is known', () => {
    expect(assessValidity(content({ patient: anonymous }))).toMatchObject({ valid: false, missing: ['identifiable-patient'] });
  });

  it('should not accept sex "unknown" alone as an identifiable patient', () => {
    expect(assessValidity(content({ patient: { ...anonymous, sex: 'unknown' } })).missing).toEqual(['identifiable-patient']);
  });

  it('should not accept blank initials as an identifiable patient', () => {
    expect(assessValidity(content({ patient: { ...anonymous, initials: ' ' } })).missing).toEqual(['identifiable-patient']);
  });

  it.each<[string, Partial<Patient>]>([
    ['initials', { initials: 'AB' }],
    ['an identifier', { identifier: 'REG-0042' }],
    ['an age value', { ageValue: 0, ageUnit: 'day' }],
    ['an age group', { ageGroup: 'elderly' }],
    ['a known sex', { sex: 'male' }],
    ['a weight', { weightKg: 70 }],
  ])('should accept a patient identified by %s alone', (_what, identifying) => {
    expect(assessValidity(content({ patient: { ...anonymous, ...identifying } })).valid).toBe(true);
  });

  it('should miss a suspected reaction when the case has no reaction', () => {
    expect(assessValidity(content({ reactions: [] })).missing).toEqual(['suspected-reaction']);
  });

  it('should miss a suspected reaction when the only reaction has neither reported term nor PT', () => {
    expect(assessValidity(content({ reactions: [reaction({ reportedTerm: '  ', ptName: null })] })).missing).toEqual(['suspected-reaction']);
  });

  it('should accept a reaction known by its PT name only', () => {
    expect(assessValidity(content({ reactions: [reaction({ reportedTerm: '', ptName: 'Pyrexia' })] })).valid).toBe(true);
  });

  it('should miss a suspected product when every drug is concomitant', () => {
    expect(assessValidity(content({ drugs: [drug({ role: 'concomitant' })] })).missing).toEqual(['suspected-product']);
  });

  it('should accept an interacting drug as the suspected product', () => {
    expect(assessValidity(content({ drugs: [drug({ role: 'interacting' })] })).valid).toBe(true);
  });

  it('should be invalid when reporter and company both assess every suspected pair as unrelated', () => {
    const result = assessValidity(content({ causality: [{ drugKey: 'd1', reactionKey: 'r1', reporter: 'unrelated', company: 'unrelated' }] }));
    expect(result).toMatchObject({ valid: false, missing: ['causality-excluded'] });
    expect(result.notes[0]).toContain('company agrees');
  });

  it('should stay valid when the reporter excludes a causal link but the company has not agreed, and say so', () => {
    const result = assessValidity(content({ causality: [{ drugKey: 'd1', reactionKey: 'r1', reporter: 'unrelated', company: null }] }));
    expect(result.valid).toBe(true);
    expect(result.notes).toEqual([expect.stringContaining('has not agreed')]);
  });

  it('should stay valid when one suspected pair is not excluded by both', () => {
    const causality = [{ drugKey: 'd1', reactionKey: 'r1', reporter: 'unrelated' as const, company: 'unrelated' as const }];
    expect(assessValidity(content({ reactions: [reaction(), reaction({ key: 'r2', ptName: 'Pyrexia' })], causality })).valid).toBe(true);
  });

  it('should ignore "unrelated" assessments of a concomitant drug for the exclusion', () => {
    const drugs = [drug(), drug({ key: 'd2', role: 'concomitant', name: 'Paracetamol' })];
    const causality = [{ drugKey: 'd2', reactionKey: 'r1', reporter: 'unrelated' as const, company: 'unrelated' as const }];
    expect(assessValidity(content({ drugs, causality })).missing).toEqual([]);
  });

  it('should name every missing criterion in the fixed order, each with a note', () => {
    const result = assessValidity(content({ drugs: [], reactions: [], patient: anonymous, reporters: [] }));
    expect(result.missing).toEqual(['identifiable-reporter', 'identifiable-patient', 'suspected-reaction', 'suspected-product']);
    expect(result.notes).toHaveLength(4);
  });
});
