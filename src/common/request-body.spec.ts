import { jsonNestedDeeperThan, MAX_JSON_DEPTH, RequestBodyError, verifyJsonBody } from './request-body';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('jsonNestedDeeperThan', () => {
  it('should count objects and arrays inside each other, up to the limit itself', () => {
    expect(jsonNestedDeeperThan(bytes(nested(3)), 3)).toBe(false);
    expect(jsonNestedDeeperThan(bytes(nested(4)), 3)).toBe(true);
    expect(jsonNestedDeeperThan(bytes('[[[[1]]]]'), 3)).toBe(true);
    expect(jsonNestedDeeperThan(bytes('{"a":[{"b":[]}]}'), 4)).toBe(false);
    expect(jsonNestedDeeperThan(bytes('{"a":[{"b":[]}]}'), 3)).toBe(true);
  });

  it('should count siblings once, not add them up', () => {
    expect(jsonNestedDeeperThan(bytes(JSON.stringify({ a: [[1], [2], [3]], b: { c: {} }, d: [{}, {}] })), 3)).toBe(false);
  });

  it('should ignore brackets and escaped quotes inside strings', () => {
    expect(jsonNestedDeeperThan(bytes(JSON.stringify({ a: '[[[[{{{{', b: 'say \\"[[[[" and \\\\', c: '"{{{{{' })), 1)).toBe(false);
    expect(jsonNestedDeeperThan(bytes(JSON.stringify({ a: 'é😀[[[', b: [[['日本']]] })), 3)).toBe(true);
  });

  it('should scan a body of thousands of levels without recursing', () => {
    expect(jsonNestedDeeperThan(bytes(nested(200_000)), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonNestedDeeperThan(bytes(`${'['.repeat(200_000)}`), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('verifyJsonBody', () => {
  it('should refuse a body nested deeper than the limit with a 400 naming the limit', () => {
    expect(() => verifyJsonBody({} as never, {}, bytes(nested(MAX_JSON_DEPTH + 1)), 'utf-8')).toThrow(
      expect.objectContaining({ status: 400, type: 'entity.too.deep', message: `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels` }) as RequestBodyError,
    );
    expect(() => verifyJsonBody({} as never, {}, bytes(nested(MAX_JSON_DEPTH)), 'utf-8')).not.toThrow();
  });

  it('should refuse a JSON body in another charset than UTF-8 with a 415', () => {
    expect(() => verifyJsonBody({} as never, {}, bytes('{}'), 'utf-16le')).toThrow(expect.objectContaining({ status: 415 }) as RequestBodyError);
  });
});
