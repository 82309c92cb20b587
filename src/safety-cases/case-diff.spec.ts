import type { CaseContent } from './case-content';
import { diffContents } from './case-diff';
import { reaction, drug, content } from '../../test/case-content.fixture';

describe('differences between two versions of a case', () => {
  it('should find no change between equal contents', () => {
    expect(diffContents(content(), content())).toEqual([]);
  });

  it('should name a top-level field by its name', () => {
    expect(diffContents(content(), content({ day0: '2026-03-10' }))).toEqual([{ path: 'day0', before: '2026-03-02', after: '2026-03-10' }]);
  });

  it('should name a patient field by its path', () => {
    const after = content({ patient: { ...content().patient, ageValue: 35 } });
    expect(diffContents(content(), after)).toEqual([{ path: 'patient.ageValue', before: 34, after: 35 }]);
  });

  it('should match reactions by key, not by position', () => {
    const before = content({ reactions: [reaction(), reaction({ key: 'r2', ptName: 'Pyrexia' })] });
    const after = content({ reactions: [reaction({ key: 'r2', ptName: 'Pyrexia', outcome: 'recovered' }), reaction()] });
    expect(diffContents(before, after)).toEqual([{ path: 'reactions[r2].outcome', before: 'recovering', after: 'recovered' }]);
  });

  it('should list an added reaction whole', () => {
    const added = reaction({ key: 'r3', ptName: 'Hepatic failure' });
    expect(diffContents(content(), content({ reactions: [reaction(), added] }))).toEqual([{ path: 'reactions[r3]', before: null, after: added }]);
  });

  it('should list a removed reaction whole', () => {
    expect(diffContents(content(), content({ reactions: [] }))).toEqual([{ path: 'reactions[r1]', before: reaction(), after: null }]);
  });

  it('should compare the seriousness criteria of a reaction as one value', () => {
    const after = content({ reactions: [reaction({ seriousness: ['hospitalisation'] })] });
    expect(diffContents(content(), after)).toEqual([{ path: 'reactions[r1].seriousness', before: [], after: ['hospitalisation'] }]);
  });

  it('should name a drug field by the drug key', () => {
    expect(diffContents(content(), content({ drugs: [drug({ batchNumber: 'AB123' })] }))).toEqual([{ path: 'drugs[d1].batchNumber', before: null, after: 'AB123' }]);
  });

  it('should name a causality field by its drug and reaction keys', () => {
    const before = content({ causality: [{ drugKey: 'd1', reactionKey: 'r1', reporter: 'possible', company: null }] });
    const after = content({ causality: [{ drugKey: 'd1', reactionKey: 'r1', reporter: 'possible', company: 'probable' }] });
    expect(diffContents(before, after)).toEqual([{ path: 'causality[d1/r1].company', before: null, after: 'probable' }]);
  });

  it('should compare reporters by position', () => {
    const after = content({ reporters: [{ name: 'Dr Weber', qualification: 'physician', country: 'AT', primarySource: true }] });
    expect(diffContents(content(), after)).toEqual([{ path: 'reporters[0].country', before: 'DE', after: 'AT' }]);
  });

  it('should list an added reporter whole by its position', () => {
    const second = { name: null, qualification: 'consumer' as const, country: 'DE', primarySource: false };
    expect(diffContents(content(), content({ reporters: [...content().reporters, second] }))).toEqual([{ path: 'reporters[1]', before: null, after: second }]);
  });

  it('should compare other arrays as whole values', () => {
    expect(diffContents(content(), content({ linkedReports: ['DE-HOLDER-9'] }))).toEqual([{ path: 'linkedReports', before: [], after: ['DE-HOLDER-9'] }]);
  });

  it('should not report a change when only the key order of an object differs', () => {
    const otherIdentifiers = [{ source: 'ANSM', id: 'FR-1' }];
    const reordered = [{ id: 'FR-1', source: 'ANSM' }];
    expect(diffContents(content({ otherIdentifiers }), content({ otherIdentifiers: reordered }))).toEqual([]);
  });

  it('should list changes in the order of the case fields, then reactions by key in the previous order', () => {
    const before = content({ reactions: [reaction(), reaction({ key: 'r2' })] });
    const after = content({
      day0: '2026-03-10',
      narrative: 'Follow-up received.',
      patient: { ...content().patient, sex: 'male' },
      reactions: [reaction({ key: 'r4' }), reaction({ key: 'r2', outcome: 'fatal' }), reaction({ outcome: 'recovered' })],
    });
    expect(diffContents(before, after).map((change) => change.path)).toEqual(['day0', 'patient.sex', 'reactions[r1].outcome', 'reactions[r2].outcome', 'reactions[r4]', 'narrative']);
  });

  it('should list for a first version every field that holds something, leaving out nulls, empty texts and empty arrays', () => {
    const paths = diffContents(null, content()).map((change) => change.path);
    expect(paths).toEqual([
      'reportType',
      'initialReceiptOn',
      'day0',
      'significant',
      'reporters[0]',
      'patient.initials',
      'patient.ageValue',
      'patient.ageUnit',
      'patient.sex',
      'reactions[r1]',
      'drugs[d1]',
      'lackOfEfficacy',
      'synthetic',
    ]);
  });

  it('should keep two items with the same key apart', () => {
    const before = content({ reactions: [reaction(), reaction({ ptName: 'Pyrexia' })] });
    const after = content({ reactions: [reaction(), reaction({ ptName: 'Chills' })] });
    expect(diffContents(before, after)).toEqual([{ path: 'reactions[r1#2].ptName', before: 'Pyrexia', after: 'Chills' }]);
  });

  it('should list a field unknown to the case type after the known ones', () => {
    const after = { ...content(), legacyFlag: true } as CaseContent;
    expect(diffContents(content(), after)).toEqual([{ path: 'legacyFlag', before: null, after: true }]);
  });
});
