import { describe, expect, it } from '@jest/globals';
import { monthColumns, nonWorkingDay, position, renewalSpan, timelineWindow, urgencyOf } from './timeline-layout';

describe('timeline layout', () => {
  const window = timelineWindow('2026-11-21');

  it('should span 12 months from the server’s today', () => {
    expect(window).toEqual({ from: '2026-11-21', to: '2027-11-21', withinDays: 365 });
    expect(timelineWindow('2027-11-21').withinDays).toBe(366);
  });

  it('should place dates on the track and clamp those outside', () => {
    expect(position(window, '2026-11-21')).toBe(0);
    expect(position(window, '2027-11-21')).toBe(1);
    expect(position(window, '2026-01-01')).toBe(0);
    expect(position(window, '2028-01-01')).toBe(1);
    expect(position(window, '2027-05-22')).toBeCloseTo(182 / 365);
  });

  it('should give the months crossed, the first and last partly', () => {
    const months = monthColumns(window);
    expect(months.map((m) => m.name)).toEqual(['Nov 2026', 'Dec 2026', 'Jan 2027', 'Feb 2027', 'Mar 2027', 'Apr 2027', 'May 2027', 'Jun 2027', 'Jul 2027', 'Aug 2027', 'Sep 2027', 'Oct 2027', 'Nov 2027']);
    expect(months.map((m) => m.label)).toEqual(['', 'Dec 2026', 'Jan 2027', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov']);
    expect(months[0]).toEqual({ name: 'Nov 2026', label: '', start: 0, end: 10 / 365 });
    expect(months[12]?.end).toBe(1);
  });

  it('should tell overdue, due soon (30 days) and later apart', () => {
    expect(urgencyOf('2026-11-20', '2026-11-21')).toBe('overdue');
    expect(urgencyOf('2026-11-21', '2026-11-21')).toBe('due-soon');
    expect(urgencyOf('2026-12-21', '2026-11-21')).toBe('due-soon');
    expect(urgencyOf('2026-12-22', '2026-11-21')).toBe('later');
  });

  it('should flag weekends and closure days, the closure first', () => {
    const closures = new Map([['2026-12-26', 'EMA Christmas closure']]);
    expect(nonWorkingDay('2026-11-21', closures)).toEqual({ reason: 'weekend', text: 'Saturday' });
    expect(nonWorkingDay('2026-11-22', closures)).toEqual({ reason: 'weekend', text: 'Sunday' });
    expect(nonWorkingDay('2026-11-23', closures)).toBeNull();
    expect(nonWorkingDay('2026-12-26', closures)).toEqual({ reason: 'closure', text: 'Closure day: EMA Christmas closure' });
  });

  it('should draw a renewal window clipped to the timeline, or not at all outside it', () => {
    expect(renewalSpan(window, '2026-06-01', '2026-10-01', '2027-01-01')).toEqual({ start: 0, end: position(window, '2027-01-01'), due: 0 });
    expect(renewalSpan(window, '2027-04-01', '2027-08-01', '2027-12-01')).toEqual({ start: position(window, '2027-04-01'), end: 1, due: position(window, '2027-08-01') });
    expect(renewalSpan(window, '2025-01-01', '2025-05-01', '2026-01-01')).toBeNull();
    expect(renewalSpan(window, '2027-12-01', '2028-03-01', '2028-06-01')).toBeNull();
  });
});
