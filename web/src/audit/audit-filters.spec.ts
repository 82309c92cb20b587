import { describe, expect, it } from '@jest/globals';
import { filterFromUrl, urlFromFilter, withChange } from './audit-filters';

describe('audit filters in the URL', () => {
  it('should read the API’s parameters and write them back in a stable order', () => {
    const params = new URLSearchParams('to=2026-11-30&actor=user:demo-admin&productId=0b7e3c52-7f7e-4d55-9d1c-2f1b2d4c9a10&order=asc&entityType=milestone&from=2026-11-01');
    const filter = filterFromUrl(params);

    expect(filter).toEqual({ entityType: 'milestone', actor: 'user:demo-admin', productId: '0b7e3c52-7f7e-4d55-9d1c-2f1b2d4c9a10', from: '2026-11-01', to: '2026-11-30', order: 'asc' });
    expect(urlFromFilter(filter).toString()).toBe('entityType=milestone&actor=user%3Ademo-admin&productId=0b7e3c52-7f7e-4d55-9d1c-2f1b2d4c9a10&from=2026-11-01&to=2026-11-30&order=asc');
  });

  it('should drop what the API would refuse for its form, and the default order', () => {
    expect(filterFromUrl(new URLSearchParams('from=2026-02-30&to=tomorrow&order=desc&action=%20%20'))).toEqual({});
    expect(filterFromUrl(new URLSearchParams('productId=Hemgenix'))).toEqual({ productId: 'Hemgenix' });
    expect(urlFromFilter({ order: 'desc' }).toString()).toBe('');
  });

  it('should remove a filter set to nothing', () => {
    expect(withChange({ actor: 'user:x', action: 'create' }, { actor: undefined, entityType: '' })).toEqual({ action: 'create' });
  });
});
