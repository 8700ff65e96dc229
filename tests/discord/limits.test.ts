// A document whose passages, titles and sections are far longer than Discord allows: the real
// core answers from it, and what reaches the fake Discord (which refuses anything over a limit,
// as Discord does) is cut visibly, never refused and never dropped.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TRIM_HINT } from '../../adapters/discord/render.js';
import { IDS } from '../fakes/discord-payloads.js';
import { startHarness, type Harness } from './harness.js';
import { ILO_DIR } from '../fixtures/paths.js';

let h: Harness;
let seedsDir: string;

beforeAll(async () => {
  seedsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-desk-discord-'));
  for (const file of fs.readdirSync(ILO_DIR)) fs.copyFileSync(path.join(ILO_DIR, file), path.join(seedsDir, file));
  const sentence = Array.from({ length: 120 }, (_, i) => `the zephyrine clause binds member states to cooperate on item_${i} with *partners* and <@123> review`).join(' ');
  const heading = `Annex ${Array.from({ length: 40 }, (_, i) => `subsection${i}`).join(' ')}`;
  fs.writeFileSync(
    path.join(seedsDir, 'zephyrine.md'),
    `---\ntitle: "Zephyrine Protocol ${'with a very long title '.repeat(10)}"\n---\n\n# Zephyrine Protocol\n\n## ${heading}\n\n${sentence}.\n`,
  );
  h = await startHarness({ seedsDir });
});

afterAll(async () => {
  await h?.close();
  fs.rmSync(seedsDir, { recursive: true, force: true });
});

const question = 'what does the zephyrine clause bind member states to?';

function expectCutButCited(body: any) {
  const [embed] = body.embeds;
  expect(embed.description).toContain('…');
  expect(embed.description).toContain('— **Zephyrine Protocol with a very long title');
  expect(embed.footer.text.startsWith(TRIM_HINT)).toBe(true);
  // Document text never becomes a mention or formatting.
  expect(embed.description).toContain('item\\_1 with');
  expect(embed.description).toContain('\\<@123>');
}

it('trims a long answer to a mention within every limit, with a visible cut and a hint', async () => {
  const message = h.say({ content: `<@${IDS.bot}> ${question}` });
  const reply = await h.replyTo(message);
  expect(h.fake.rejected).toEqual([]);
  expect(reply.status).toBe(200);
  expectCutButCited(reply.body);
});

it('trims a long answer to /policy the same way', async () => {
  const interaction = h.slash(question);
  const edit = await h.fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(interaction.token), 'the answer');
  expect(h.fake.rejected).toEqual([]);
  expect(edit.status).toBe(200);
  expectCutButCited(edit.body);
});
