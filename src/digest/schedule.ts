// The digest's schedule: checked once at start-up (so a typo is a start-up error naming the
// variable, not a silent "never posts"), and asked "was today's run already due?" after a restart,
// because croner does not catch up runs missed while the process was down.

import { Cron } from 'croner';
import { isTimeZone, localDate } from './local-time.js';

/** What is wrong with DIGEST_CRON / DIGEST_TIMEZONE, one line per variable; empty when both are fine. */
export function scheduleProblems(cron: string, timeZone: string): string[] {
  const problems: string[] = [];
  const zoneOk = isTimeZone(timeZone);
  if (!zoneOk) problems.push(`DIGEST_TIMEZONE is not a valid IANA time zone ("${clip(timeZone)}"); use a name such as Europe/Berlin or America/New_York.`);
  let job: Cron | undefined;
  try {
    // No callback: the pattern is parsed and checked, nothing is scheduled.
    job = new Cron(cron, { timezone: zoneOk ? timeZone : 'UTC' });
  } catch (err) {
    const why = String((err as Error).message ?? err).replace(/^CronPattern:\s*/, '').replace(/\.$/, '');
    problems.push(`DIGEST_CRON is not a valid cron expression ("${clip(cron)}": ${why}); for example "0 9 * * 1-5" is weekdays at 09:00.`);
  }
  // "0 0 30 2 *" (30 February) parses but would never post: as good as a typo.
  if (job && job.nextRun() === null) problems.push(`DIGEST_CRON never runs ("${clip(cron)}"); for example "0 9 * * 1-5" is weekdays at 09:00.`);
  return problems;
}

/**
 * The run of the schedule that fell earlier today (local date), if any: the time a digest was due
 * today. Yesterday's missed run does not count: a digest is news for its own day only.
 */
export function dueEarlierToday(job: Cron, now: Date, timeZone: string): Date | undefined {
  const previous = job.previousRuns(1, now)[0];
  return previous && localDate(previous, timeZone) === localDate(now, timeZone) ? previous : undefined;
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
