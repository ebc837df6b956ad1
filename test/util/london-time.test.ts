import { addDays, daysBetween, endOfLondonDayUtc, londonDay, today } from '../../util/london-time';

describe('London days', () => {
  it('ends a winter day at 23:59:59 UTC and a summer day an hour earlier', () => {
    expect(endOfLondonDayUtc('2027-01-15')).toBe('2027-01-15T23:59:59Z');
    expect(endOfLondonDayUtc('2027-07-15')).toBe('2027-07-15T22:59:59Z');
  });
  it('uses the offset in force at the end of the day the clocks change', () => {
    // 2027-03-28: clocks go forward at 01:00 UTC, so the day ends in BST.
    expect(endOfLondonDayUtc('2027-03-28')).toBe('2027-03-28T22:59:59Z');
    // 2027-10-31: clocks go back at 01:00 UTC, so the day ends in GMT.
    expect(endOfLondonDayUtc('2027-10-31')).toBe('2027-10-31T23:59:59Z');
  });
  it('counts calendar days across month and year ends', () => {
    expect(addDays('2026-11-23', 90)).toBe('2027-02-21');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2026-12-01', '2027-02-19')).toBe(80);
  });
  it('takes the day in London, not UTC: 23:30 UTC in June is already tomorrow', () => {
    expect(londonDay(new Date('2027-06-10T23:30:00Z'))).toBe('2027-06-11');
    expect(londonDay(new Date('2027-01-10T23:30:00Z'))).toBe('2027-01-10');
  });
  it('gives the day ICU gives for every hour of three years, clock changes included', () => {
    const icu = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const differing: string[] = [];
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2029-01-01T00:00:00Z'); t += 3_600_000) {
      // Each hour and the last second before the next: the day changes on the hour in London.
      for (const at of [new Date(t), new Date(t + 3_599_000)])
        if (londonDay(at) !== icu.format(at)) differing.push(at.toISOString());
    }
    expect(differing).toEqual([]);
  });
  it('leaves days before 1900 to ICU, whose London was local mean time, a minute behind GMT', () => {
    // 00:00:30 UTC on 1 January 1840 was still 31 December in London by its own clocks.
    expect(londonDay(new Date('1840-01-01T00:00:30Z'))).toBe('1839-12-31');
    expect(londonDay(new Date('1900-01-01T00:00:30Z'))).toBe('1900-01-01');
  });
  it('is pinned by BLUELAMP_TODAY, and refuses a day that is not one', () => {
    expect(today({ BLUELAMP_TODAY: '2026-12-01' }, new Date('2030-01-01T12:00:00Z'))).toBe('2026-12-01');
    expect(today({}, new Date('2030-01-01T12:00:00Z'))).toBe('2030-01-01');
    expect(() => today({ BLUELAMP_TODAY: '2026-02-30' })).toThrow(/BLUELAMP_TODAY must be a date written YYYY-MM-DD/);
  });
});
