import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../api/errors';
import { formErrors, initialValues, newReaction, nextKey, toBody, type IntakeValues } from './intake-form';

function typed(): IntakeValues {
  const values = initialValues('2026-11-21');
  values.product = 'Zemcelpro';
  values.reporters = [{ name: '', qualification: '', country: '', primarySource: true }, { name: 'Dr X', qualification: 'physician', country: 'fr', primarySource: false }];
  values.reactions = [{ ...newReaction('r1'), reportedTerm: ' graft failure ', ptName: 'Graft failure', seriousness: ['hospitalisation'] }, newReaction('r2')];
  values.drugs = [{ ...values.drugs[0]!, name: 'Zemcelpro', productId: '6f1c0a4e-3c59-4a39-9d59-2f9a4f1d2b11' }];
  values.causality = { 'd1/r1': { reporter: 'possible', company: '' }, 'd1/r2': { reporter: 'certain', company: '' } };
  return values;
}

describe('the intake form as the API body', () => {
  it('should leave out empty rows, empty fields and causality of rows not sent', () => {
    const body = toBody(typed());
    expect(body.reporters).toEqual([{ name: 'Dr X', qualification: 'physician', country: 'FR', primarySource: false }]);
    expect(body.reactions).toEqual([{ key: 'r1', reportedTerm: 'graft failure', ptName: 'Graft failure', outcome: 'unknown', seriousness: ['hospitalisation'] }]);
    expect(body.causality).toEqual([{ drugKey: 'd1', reactionKey: 'r1', reporter: 'possible' }]);
    expect(body.patient).toEqual({});
    expect(body.day0).toBeUndefined();
  });

  it('should put the API’s problems on the form rows they came from, past rows left out', () => {
    const error = new ApiError(422, { code: 'INVALID_INPUT', message: 'bad', errors: [{ field: 'reporters[0].country', problem: 'is not a country' }, { field: 'reactions[0].onset', problem: 'is in the future' }, { field: 'patient.ageUnit', problem: 'is required' }] }, null);
    expect(formErrors(error, typed())).toEqual({ 'reporters.1.country': 'is not a country', 'reactions.0.onset': 'is in the future', 'patient.ageUnit': 'is required' });
  });

  it('should give a new row the next free key, whatever was removed', () => {
    expect(nextKey('r', [{ key: 'r1' }, { key: 'r3' }])).toBe('r4');
    expect(nextKey('d', [])).toBe('d1');
  });
});
