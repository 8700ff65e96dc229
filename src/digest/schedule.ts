// The digest's schedule: checked once at start-up (so a typo is a start-up error naming the
// variable, not a silent "never posts"), and asked "was today's run already due?" after a restart,
// because croner does not catch up runs missed while the process was down.

import { Cron } from 'croner';
import { isTimeZone, localDate } from './local-time.js';

/**
 * What is wrong with DIGEST_CRON / DIGEST_TIMEZONE, one line per variable; empty when both are fine.
 * The lines never quote the value: a token pasted into the wrong variable must not be printed.
 */
export function scheduleProblems(cron: string, timeZone: string): string[] {
  const problems: string[] = [];
  const zoneOk = isTimeZone(timeZone);
  if (!zoneOk) problems.push('DIGEST_TIMEZONE is not a valid IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC.');
  let job: Cron | undefined;
  try {
    // No callback: the pattern is parsed and checked, nothing is scheduled.
    job = new Cron(cron, { timezone: zoneOk ? timeZone : 'UTC' });
  } catch (err) {
    problems.push(`DIGEST_CRON is not a valid cron expression (${cronProblem(err)}); ${CRON_FORM}`);
  }
  // "0 0 30 2 *" (30 February) parses but would never post: as good as a typo.
  if (job && job.nextRun() === null) problems.push(`DIGEST_CRON never runs (no date matches it); ${CRON_FORM}`);
  return problems;
}

const CRON_FORM = 'it takes five fields, minute hour day month weekday: "0 9 * * 1-5" is weekdays at 09:00.';
const FIELDS = ['minute', 'hour', 'day of month', 'month', 'weekday'];

/** croner's complaint, in words that name the faulty field but never repeat what was typed. */
function cronProblem(err: unknown): string {
  const message = String((err as Error)?.message ?? err);
  if (/space separated parts/i.test(message)) return 'wrong number of fields';
  const range = /invalid value for (\w+)/i.exec(message);
  if (range) return `the ${range[1]!.toLowerCase()} field is out of range`;
  const entry = /configuration entry (\d+)/i.exec(message);
  if (entry) {
    // croner numbers the fields from an optional seconds field at 0, so 1 is the minute.
    const field = FIELDS[Number(entry[1]) - 1];
    return field ? `the ${field} field has characters cron does not allow` : 'a field has characters cron does not allow';
  }
  if (/stepping/i.test(message)) return 'a step (*/N) must be 1 or more';
  return 'cron cannot read it';
}

/**
 * The run of the schedule that fell earlier today (local date), if any: the time a digest was due
 * today. Yesterday's missed run does not count: a digest is news for its own day only.
 */
export function dueEarlierToday(job: Cron, now: Date, timeZone: string): Date | undefined {
  const previous = job.previousRuns(1, now)[0];
  return previous && localDate(previous, timeZone) === localDate(now, timeZone) ? previous : undefined;
}
