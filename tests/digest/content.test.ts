// What a digest says: the focus of the day (rotating through every entry before repeating),
// what the team asked and how answers were rated since the last digest, and what changed in the
// documents. Who asked is never shown.

import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/desk.js';
import type { Reply } from '../../src/types.js';
import type { DigestScheduler } from '../../src/digest/scheduler.js';
import { renderText } from '../../adapters/cli/render.js';
import { clock, deskAt, field, focusName, seedsWith, startWithStub, tempDir, weekdays, type Clock, type StubPlatform } from './helpers.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function start(c: Clock, options: { dataDir?: string; seedsDir?: string } = {}): Promise<{ desk: Desk; scheduler: DigestScheduler; platform: StubPlatform }> {
  const desk = await deskAt(options.dataDir ?? ':memory:', c, options.seedsDir);
  const { scheduler, platform } = await startWithStub(desk, c);
  cleanup.push(() => {
    scheduler.stop();
    desk.close();
  });
  return { desk, scheduler, platform };
}

/** Posts the digest at 09:00 Berlin on each of these dates; returns what was posted. */
async function postOn(dates: string[], c: Clock, scheduler: DigestScheduler, platform: StubPlatform): Promise<Reply[]> {
  const before = platform.posts.length;
  for (const date of dates) {
    c.set(`${date}T07:00:00Z`); // 09:00 CEST (all dates below are in summer time)
    await scheduler.fire();
  }
  return platform.posts.slice(before).map((p) => p.reply);
}

const ask = (desk: Desk, text: string) => desk.handle({ type: 'message', text, platform: 'slack', user: 'U0SECRET42', channel: 'C0PRIVATE', audience: 'public' });

describe('what the team asked', () => {
  it('counts the questions since the last digest, names their topics and the ones the documents could not answer, and the feedback', async () => {
    const c = clock('2026-04-04T10:00:00Z'); // Saturday: older than the first digest looks back
    const { desk, scheduler, platform } = await start(c);
    await ask(desk, 'What does the paper say about brain drain?');

    c.set('2026-04-06T06:00:00Z'); // Monday 08:00
    const c143 = await ask(desk, 'What is C143?');
    await ask(desk, 'what is convention 143 about?');
    const remittances = await ask(desk, 'What does the paper say about remittances?');
    const canteen = await ask(desk, 'What is on the canteen menu on Fridays?');
    await ask(desk, 'what is on the canteen menu on fridays');
    const cup = await ask(desk, 'Who won the <@U0SECRET42> cup final?');
    expect([c143.kind, remittances.kind, canteen.kind, cup.kind]).toEqual(['answer', 'answer', 'no-answer', 'no-answer']);
    await desk.handle({ type: 'feedback', questionId: c143.questionId!, helpful: true, platform: 'slack', user: 'U0SECRET42' });
    await desk.handle({ type: 'feedback', questionId: remittances.questionId!, helpful: false, platform: 'slack', user: 'U0SECRET42' });

    const [monday] = await postOn(['2026-04-06'], c, scheduler, platform);
    expect(field(monday!, 'What the team asked')).toBe('6 questions in the last 24 hours; 3 answered from the documents.');
    expect(field(monday!, 'Most asked about')?.split('\n')[0]).toBe('• Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143) (2 questions)');
    expect(field(monday!, 'Not covered by the documents')?.split('\n').slice(0, 2)).toEqual(['• “What is on the canteen menu on Fridays?” (asked 2 times)', '• “Who won the cup final?”']);
    expect(field(monday!, 'Feedback on answers')).toBe('1 helpful, 1 not helpful.');
    expect(JSON.stringify(monday)).not.toMatch(/U0SECRET42|C0PRIVATE/);

    // Tuesday's digest reports only what came after Monday's.
    c.set('2026-04-06T13:00:00Z');
    await ask(desk, 'What is the ILO doing about recruitment fees?');
    const [tuesday] = await postOn(['2026-04-07'], c, scheduler, platform);
    expect(field(tuesday!, 'What the team asked')).toMatch(/^1 question since the last digest \(Mon 6 Apr, 09:00 CEST\); /);
    expect(field(tuesday!, 'Feedback on answers')).toBeUndefined();
  });

  it('on a fresh install the digest introduces itself, quotes its focus, and leaves out sections with nothing to say', async () => {
    const c = clock('2026-04-06T07:00:05Z');
    const desk = await deskAt(':memory:', c);
    cleanup.push(() => desk.close());
    const reply = await desk.handle({ type: 'message', text: 'digest', platform: 'slack', user: 'U0SECRET42' });

    expect(reply.kind).toBe('digest');
    expect(reply.title).toBe('Policy Desk digest · Monday 6 April 2026');
    expect(reply.text).toMatch(/^The first Policy Desk digest: .* Policy Desk answers from 1 document \(\d+ passages\)\.\n\nFocus of the day: /s);
    expect(reply.citations).toHaveLength(1);
    expect(reply.citations[0]!.passage).toContain(reply.citations[0]!.quote);
    expect(reply.citations[0]!.quote.length).toBeGreaterThan(40);
    expect(reply.fields).toEqual([]);
    const text = renderText(reply);
    expect(text).not.toMatch(/undefined|NaN|\b0 questions|null/);
    // Asking for the digest is not a question to report in the next one.
    expect(await desk.store.questionsSince(new Date(0))).toEqual([]);
  });
});

describe('focus of the day', () => {
  it('rotates through every catalog entry before any repeats, and a preview does not move it on', async () => {
    const c = clock('2026-04-06T06:00:00Z');
    const { desk, scheduler, platform } = await start(c);
    const entries = desk.library().catalog.entries.map((e) => e.name);

    c.set('2026-04-06T07:00:00Z');
    const preview = await desk.handle({ type: 'message', text: 'digest', platform: 'discord' });
    const again = await desk.handle({ type: 'message', text: 'digest', platform: 'discord' });
    expect(focusName(again)).toBe(focusName(preview));

    const days = weekdays('2026-04-06', entries.length * 2);
    const names = (await postOn(days, c, scheduler, platform)).map(focusName);
    expect(focusName(platform.posts[0]!.reply)).toBe(focusName(preview));
    const firstCycle = names.slice(0, entries.length);
    const secondCycle = names.slice(entries.length);
    expect(new Set(firstCycle).size).toBe(entries.length);
    expect([...firstCycle].sort()).toEqual([...entries].sort());
    expect([...secondCycle].sort()).toEqual([...entries].sort());
    expect(secondCycle).not.toEqual(firstCycle); // shuffled differently each cycle
  });

  it('an entry added mid-cycle comes up in the same cycle, a removed one never again', async () => {
    const seeds = seedsWith({ 'handbook.md': HANDBOOK, 'catalog.yaml': catalog(['leave', 'travel', 'expense']) });
    const dataDir = tempDir();
    const c = clock('2026-04-06T06:00:00Z');
    const first = await start(c, { dataDir, seedsDir: seeds });
    const before = (await postOn(['2026-04-06', '2026-04-07'], c, first.scheduler, first.platform)).map(focusName);
    first.scheduler.stop();
    first.desk.close();

    writeFileSync(path.join(seeds, 'catalog.yaml'), catalog(['travel', 'expense', 'remote']));
    const second = await start(c, { dataDir, seedsDir: seeds });
    const after = (await postOn(weekdays('2026-04-08', 6), c, second.scheduler, second.platform)).map(focusName);

    expect(after).not.toContain('Leave Policy');
    const sequence = [...before, ...after];
    const firstRepeat = sequence.findIndex((name, i) => sequence.indexOf(name) !== i);
    const cycle = sequence.slice(0, firstRepeat).filter((n) => n !== 'Leave Policy');
    expect([...cycle].sort()).toEqual(['Expense Policy', 'Remote Work Policy', 'Travel Policy']);
  });

  it('with no catalog, document sections take turns', async () => {
    const seeds = seedsWith({ 'handbook.md': HANDBOOK });
    const c = clock('2026-04-06T06:00:00Z');
    const { scheduler, platform } = await start(c, { seedsDir: seeds });
    const replies = await postOn(weekdays('2026-04-06', 5), c, scheduler, platform);
    const names = replies.map(focusName);
    expect([...names.slice(0, 4)].sort()).toEqual(['Expenses', 'Leave', 'Remote work', 'Travel']);
    expect(names.slice(0, 4)).toContain(names[4]);
    expect(replies[0]!.text).toMatch(/Focus of the day: \w[\w ]*, from Staff handbook\./);
    expect(replies[0]!.citations[0]!.quote).toMatch(/^The \w[\w ]* Policy [^.]+\. [^.]+\./);
  });
});

describe('what changed in the documents', () => {
  it('lists documents added, updated and removed since the last digest', async () => {
    const seeds = seedsWith({ 'handbook.md': HANDBOOK, 'old-rules.md': '# Old rules\n\nThe old rules applied until 2020. They are kept for reference.\n' });
    const dataDir = tempDir();
    const c = clock('2026-04-06T06:00:00Z');
    const first = await start(c, { dataDir, seedsDir: seeds });
    const [monday] = await postOn(['2026-04-06'], c, first.scheduler, first.platform);
    expect(monday!.fields.map((f) => f.name)).toEqual([]);
    first.scheduler.stop();
    first.desk.close();

    writeFileSync(path.join(seeds, 'handbook.md'), HANDBOOK + '\n## Training\n\nThe Training Policy funds one course a year. Courses need approval.\n');
    rmSync(path.join(seeds, 'old-rules.md'));
    writeFileSync(path.join(seeds, 'security.md'), '# Security guide\n\nLaptops are encrypted. Passwords are never shared.\n');
    const second = await start(c, { dataDir, seedsDir: seeds });
    const [tuesday] = await postOn(['2026-04-07'], c, second.scheduler, second.platform);
    expect(field(tuesday!, 'New documents')).toBe('• Security guide (security.md)');
    expect(field(tuesday!, 'Updated documents')).toBe('• Staff handbook (handbook.md)');
    expect(field(tuesday!, 'Removed documents')).toBe('• Old rules (old-rules.md)');
    expect(tuesday!.text).not.toMatch(/first Policy Desk digest/);
  });
});

const HANDBOOK = `# Staff handbook

## Leave

The Leave Policy gives every employee twenty-five days a year. Requests under the Leave Policy go to the line manager. Unused days expire in March.

## Travel

The Travel Policy covers trips abroad. Under the Travel Policy, economy class is the rule. Receipts are kept for six years.

## Expenses

The Expense Policy sets a daily limit. Claims under the Expense Policy are paid monthly. Late claims are refused.

## Remote work

The Remote Work Policy allows two days a week at home. Equipment under the Remote Work Policy is provided. Security rules still apply.
`;

const ENTRIES: Record<string, string> = {
  leave: 'Leave Policy',
  travel: 'Travel Policy',
  expense: 'Expense Policy',
  remote: 'Remote Work Policy',
};

function catalog(ids: string[]): string {
  const entries = ids.map((id) => `  - kind: programme\n    id: ${id}\n    name: ${ENTRIES[id]}\n    summary: The handbook's ${ENTRIES[id]!.toLowerCase()}.`);
  return `entries:\n${entries.join('\n')}\n`;
}
