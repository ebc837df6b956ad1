/**
 * Dates that people in UK policing sign: a waiver's or a sharing agreement's day is a day in
 * London (GMT in winter, BST in summer), not in UTC. One home for that arithmetic.
 */

// Made on first use: building a formatter for a time zone loads ICU's zone data (about 30 ms), which
// every command importing this module paid at start-up although most never format a date.
let partsFormat: Intl.DateTimeFormat | undefined;
let dayFormat: Intl.DateTimeFormat | undefined;

const londonPartsFormat = (): Intl.DateTimeFormat =>
  (partsFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }));

const londonDayFormat = (): Intl.DateTimeFormat =>
  (dayFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }));

/**
 * Since railway time (1847) London has been 0 to 2 hours ahead of UTC (GMT, BST, and double summer
 * time in the war years), so before 22:00 UTC the London day is the UTC day whatever the clocks do.
 * Before 1900 (local mean time, a minute behind GMT, in ICU's data) and past year 9999 ICU decides.
 */
const SAME_DAY_BEFORE_UTC_HOUR = 22;
const SAME_DAY_YEARS = [1900, 9999] as const;

/**
 * `YYYY-MM-DD` of an instant in London. Before 22:00 UTC that is the UTC day (no time zone data
 * needed: building ICU's formatter costs about 30 ms, a twentieth of a review); later, ICU says
 * whether BST has already moved London into the next day.
 */
export function londonDay(now: Date): string {
  const year = now.getUTCFullYear();
  if (now.getUTCHours() < SAME_DAY_BEFORE_UTC_HOUR && year >= SAME_DAY_YEARS[0] && year <= SAME_DAY_YEARS[1])
    return now.toISOString().slice(0, 10);
  return londonDayFormat().format(now);
}

/** `YYYY-MM-DD` that many days after `day` (calendar arithmetic; negative goes back). */
export function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Minutes London is ahead of UTC at an instant (0 in GMT, 60 in BST). */
function londonOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(
    londonPartsFormat()
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The last second of a London day, as an RFC 3339 UTC instant: what Azure needs for an end date
 * that means "until the end of `day`" to the person who signed it.
 */
export function endOfLondonDayUtc(day: string): string {
  // Midnight UTC that night, corrected by London's offset then (a UK clock change is at 01:00 UTC,
  // so the offset at 23:00 UTC on the day is the one in force at the day's end).
  const midnightUtc = Date.parse(`${addDays(day, 1)}T00:00:00Z`);
  const offset = londonOffsetMinutes(new Date(midnightUtc - 3_600_000));
  return new Date(midnightUtc - offset * 60_000 - 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Today in London, or the day in `BLUELAMP_TODAY` (`YYYY-MM-DD`) when it is set: a run can be
 * judged as of a given day (tests, or reviewing an old commit as it stood then).
 */
export function today(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const pinned = env.BLUELAMP_TODAY;
  if (pinned !== undefined && pinned !== '') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(pinned) || addDays(pinned, 0) !== pinned)
      throw new Error(`BLUELAMP_TODAY must be a date written YYYY-MM-DD (got "${pinned}")`);
    return pinned;
  }
  return londonDay(now);
}
