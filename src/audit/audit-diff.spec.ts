import { diffFields } from './audit-diff';

describe('diffFields', () => {
  it('should list only the fields whose value changed, with before and after', () => {
    const changes = diffFields({ dueDate: '2023-12-31', status: 'planned', owner: 'RA' }, { dueDate: '2024-01-31', status: 'planned', owner: 'RA' });

    expect(changes).toEqual([{ field: 'dueDate', before: '2023-12-31', after: '2024-01-31' }]);
  });

  it('should list every field set on a creation, against null', () => {
    const changes = diffFields(null, { title: 'Interim report', id: 'm1', owner: null });

    expect(changes).toEqual([
      { field: 'id', before: null, after: 'm1' },
      { field: 'title', before: null, after: 'Interim report' },
    ]);
  });

  it('should list every field that held a value on a deletion', () => {
    const changes = diffFields({ date: '2025-12-25', name: 'Christmas' }, undefined);

    expect(changes).toEqual([
      { field: 'date', before: '2025-12-25', after: null },
      { field: 'name', before: 'Christmas', after: null },
    ]);
  });

  it('should treat a field missing on one side as null', () => {
    expect(diffFields({ reason: null }, {})).toEqual([]);
    expect(diffFields({}, { reason: 'agreed' })).toEqual([{ field: 'reason', before: null, after: 'agreed' }]);
  });

  it('should compare nested objects by JSON, ignoring key order', () => {
    const same = diffFields({ why: { ruleId: 'A', source: 'x' } }, { why: { source: 'x', ruleId: 'A' } });
    const changed = diffFields({ why: { ruleId: 'A' } }, { why: { ruleId: 'B' } });

    expect(same).toEqual([]);
    expect(changed).toEqual([{ field: 'why', before: { ruleId: 'A' }, after: { ruleId: 'B' } }]);
  });

  it('should compare arrays by JSON, order included', () => {
    expect(diffFields({ studyIds: ['a', 'b'] }, { studyIds: ['a', 'b'] })).toEqual([]);
    expect(diffFields({ studyIds: ['a', 'b'] }, { studyIds: ['b', 'a'] })).toHaveLength(1);
  });

  it('should tell a value from a different type with the same text', () => {
    expect(diffFields({ cycle: 1 }, { cycle: '1' })).toEqual([{ field: 'cycle', before: 1, after: '1' }]);
    expect(diffFields({ flag: false }, { flag: null })).toEqual([{ field: 'flag', before: false, after: null }]);
  });

  it('should sort the changes by field name, whichever side a field comes from', () => {
    const changes = diffFields({ title: 1, dueDate: 1 }, { owner: 2, dueDate: 2, title: 2 });

    expect(changes.map((c) => c.field)).toEqual(['dueDate', 'owner', 'title']);
  });

  it('should return nothing when both sides are missing', () => {
    expect(diffFields(null, null)).toEqual([]);
  });
});
