import { InvalidInputError } from '../common/errors';
import { parseEventList } from './medical-event-lists';

describe('IME / DME list files', () => {
  it('reads one PT name a line, lower case and trimmed, without repeats', () => {
    expect(parseEventList('\uFEFFHeadache\r\n  Hepatic failure \n\nheadache\n')).toEqual(['headache', 'hepatic failure']);
  });

  it('reads the "PT name" column of a CSV or tab-separated export, quoted cells included', () => {
    expect(parseEventList('SOC name,PT code,PT name\n"Injury, poisoning",1,"Graft failure"\nNervous,2,Headache\n')).toEqual(['graft failure', 'headache']);
    expect(parseEventList('PT_CODE\tPT_NAME\n10019211\tHeadache\n')).toEqual(['headache']);
    expect(parseEventList('Preferred term;Code\n"Say ""no""";3\n')).toEqual(['say "no"']);
  });

  it.each([
    ['', /is empty/],
    ['code,term\n1,Headache\n', /names no "PT name" column/],
    ['PT name,code\n,1\n', /holds no PT name/],
  ])('refuses %p naming the file', (text, message) => {
    expect(() => parseEventList(text)).toThrow(InvalidInputError);
    expect(() => parseEventList(text)).toThrow(message);
  });
});
