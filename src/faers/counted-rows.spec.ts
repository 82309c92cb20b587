import { DrugMarks, ReactionMarks, type ReportIndex, roleMask } from './counted-rows';

/** Reports 1..n at positions 0..n−1. */
function reports(n: number): ReportIndex {
  return { size: n, indexOf: (id) => (id >= 1 && id <= n ? id - 1 : -1) };
}

describe('rows that count', () => {
  it('turns roles into bits, ignoring unknown codes', () => {
    expect(roleMask(['PS', 'SS', 'I'])).toBe(7);
    expect(roleMask(['C'])).toBe(8);
    expect(roleMask(['XX'])).toBe(0);
  });

  it('counts the first row of each event of a report, and knows which reports have one', () => {
    const marks = new ReactionMarks(reports(3));
    const rows: [number, number | null][] = [[1, 10], [1, 10], [1, 11], [1, null], [2, 10], [3, null]];
    expect(rows.map(([report, event]) => marks.counted(report, event))).toEqual([true, false, true, false, true, false]);
    expect([1, 2, 3].map((r) => marks.hasEvent(r))).toEqual([true, true, false]);
    expect(marks.scattered.size).toBe(0);
  });

  it('lists a report whose rows come back after another report’s', () => {
    const marks = new ReactionMarks(reports(3));
    for (const [report, event] of [[1, 10], [2, 10], [1, 10], [3, 10], [3, 11]] as const) {
      marks.counted(report, event);
    }
    expect([...marks.scattered]).toEqual([1]);
  });

  it('puts a product’s roles, OR-ed over its rows, on its first row, only in reports with an event', () => {
    const released: string[] = [];
    const release = (payload: string, roles: number | null): void => {
      released.push(`${payload}:${roles ?? '-'}`);
    };
    const marks = new DrugMarks<string>(reports(3), (report) => report !== 3, release);
    const rows: [number, number | null, string | null][] = [[1, 5, 'PS'], [1, 6, 'SS'], [1, 5, 'C'], [1, null, 'PS'], [2, 5, 'XX'], [2, 5, 'I'], [3, 5, 'PS']];
    rows.forEach(([primaryid, productId, role], i) => marks.add(primaryid, productId, role, `row${i}`));
    // A report's rows are released when the next report starts; report 2's first row has an unknown role
    // but still stands for the product.
    expect(released).toEqual(['row0:9', 'row1:2', 'row2:-', 'row3:-', 'row4:4', 'row5:-']);
    marks.flush();
    marks.flush();
    // Report 3 has no event: its product does not count.
    expect(released.slice(6)).toEqual(['row6:-']);
  });
});
