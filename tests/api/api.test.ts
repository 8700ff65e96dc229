// The HTTP JSON API as a script, an intranet page or a Power Automate flow calls it: over real
// HTTP on 127.0.0.1, with the token, without it, and with every kind of bad body.

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_FIXTURES, startApi, TOKEN, type ApiHarness } from './helpers.js';
import { openDesk } from '../../src/desk.js';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api?.close());

describe('POST /api/ask', () => {
  it('answers with the quote and its citation', async () => {
    const { status, body } = await api.post('/api/ask', { text: 'Who pays recruitment fees?' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ question: 'Who pays recruitment fees?', answered: true, kind: 'answer' });
    expect(body.answer).toMatch(/never pay recruitment fees/);
    expect(body.citations[0]).toMatchObject({ document: 'Seasonal work permits, a policy note', section: expect.stringContaining('2. Recruitment fees') });
    expect(body.questionId).toBeGreaterThan(0);
  });

  it('answers with exactly the JSON of npm run ask -- --json', async () => {
    const question = 'How long can a seasonal worker stay?';
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/cli/ask.ts', '--json', question], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, SEEDS_DIR: API_FIXTURES, DATA_DIR: ':memory:' },
    });
    expect(cli.status).toBe(0);
    const fromCli = JSON.parse(cli.stdout);
    const { body } = await api.post('/api/ask', { text: question });
    // Built at different moments, logged in different stores: the rest is the same, key for key.
    const comparable = (j: any) => ({ ...j, questionId: typeof j.questionId, edition: { ...j.edition, indexedAt: typeof j.edition.indexedAt } });
    expect(Object.keys(body)).toEqual(Object.keys(fromCli));
    expect(comparable(body)).toEqual(comparable(fromCli));
  });

  it('says plainly when the documents do not cover a question', async () => {
    const { status, body } = await api.post('/api/ask', { text: 'What is the capital of France?' });
    expect(status).toBe(200);
    expect(body.answered).toBe(false);
    expect(body.answer).toMatch(/The documents don't cover this/);
  });

  it('runs commands too', async () => {
    const { body } = await api.post('/api/ask', { text: 'sources' });
    expect(body.kind).toBe('list');
    expect(JSON.stringify(body)).toContain('Seasonal work permits');
  });

  it('refuses a missing or wrong token with 401, without echoing it, before reading the body', async () => {
    const before = (await api.desk.store.questionsSince(new Date(0))).length;
    const wrong = 'wrong-token-that-must-not-come-back';
    for (const token of [null, wrong, TOKEN + 'x', TOKEN.slice(0, -1), '']) {
      const res = await api.post('/api/ask', { text: 'Who pays recruitment fees?' }, { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.body.error).toMatch(/Authorization: Bearer <API_TOKEN>/);
      expect(JSON.stringify(res.body)).not.toContain(wrong);
    }
    const basic = await fetch(api.url + '/api/ask', { method: 'POST', headers: { authorization: `Basic ${Buffer.from('a:' + TOKEN).toString('base64')}` }, body: '{"text":"x"}' });
    expect(basic.status).toBe(401);
    expect((await api.desk.store.questionsSince(new Date(0))).length).toBe(before);
    expect(api.logs.join('\n')).not.toContain(TOKEN);
  });

  it.each([
    ['bad JSON', '{"text": "unterminated', /not valid JSON/],
    ['an empty body', '', /empty/],
    ['an array', '["Who pays?"]', /JSON object/],
    ['no text', '{"question": "Who pays?"}', /"text" is required/],
    ['empty text', '{"text": "   "}', /"text" is required/],
    ['text that is not a string', '{"text": 42}', /"text" is required/],
    ['a user that is not a string', '{"text": "Who pays?", "user": 7}', /"user" is optional/],
  ])('answers %s with 400 and a clear message', async (_what, raw, message) => {
    const res = await api.post('/api/ask', raw, { raw: true });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it('refuses an oversized body with 400, and keeps serving', async () => {
    const res = await api.post('/api/ask', { text: 'x'.repeat(64 * 1024) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/larger than 16 KB/);
    expect((await api.post('/api/ask', { text: 'help' })).status).toBe(200);
  });

  it('cuts a long question like every platform does, with a note', async () => {
    const { status, body } = await api.post('/api/ask', { text: 'recruitment fees '.repeat(60) });
    expect(status).toBe(200);
    expect(body.notes.join(' ')).toMatch(/500 characters/);
  });

  it('logs each question under the token holder, or the person the caller names', async () => {
    await api.post('/api/ask', { text: 'What about housing?' });
    await api.post('/api/ask', { text: 'What about housing rent?', user: 'ana@example.org' });
    const [holder, person] = (await api.desk.store.questionsSince(new Date(0))).filter((q) => q.question.startsWith('What about housing'));
    expect(holder!.platform).toBe('api');
    expect(holder!.user).toMatch(/^api:[0-9a-f]{12}$/);
    expect(holder!.user).not.toContain(TOKEN);
    expect(person!.user).toBe(`${holder!.user}:ana@example.org`);
  });

  it('answers a wrong method with 405 and an unknown path with 404', async () => {
    const get = await fetch(api.url + '/api/ask', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(api.url + '/api/nothing-here', { method: 'POST' })).status).toBe(404);
  });
});

describe('an unexpected failure', () => {
  it('is logged once with an error id and answered 500 with the same id', async () => {
    const failing = await startApi({ desk: { ...api.desk, handle: async () => Promise.reject(new Error('index went away')) } });
    try {
      const res = await failing.post('/api/ask', { text: 'Who pays recruitment fees?' });
      expect(res.status).toBe(500);
      expect(res.body.errorId).toMatch(/^E-[0-9A-F]{8}$/);
      expect(res.body.error).toContain(res.body.errorId);
      expect(res.body.error).not.toContain('index went away');
      const logged = failing.logs.filter((l) => l.includes(res.body.errorId));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/API request failed/);
    } finally {
      await failing.close();
    }
  });
});

describe('POST /api/feedback', () => {
  it('records helpful / not helpful on an earlier answer, one vote per person', async () => {
    const { body: answer } = await api.post('/api/ask', { text: 'Who pays recruitment fees?' });
    const since = new Date(Date.now() - 1000);
    const first = await api.post('/api/feedback', { questionId: answer.questionId, helpful: false });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ recorded: true, text: expect.stringMatching(/not helpful/) });
    await api.post('/api/feedback', { questionId: answer.questionId, helpful: true });
    expect(await api.desk.store.feedbackSince(since)).toEqual({ helpful: 1, notHelpful: 0 });
  });

  it('answers an answer that is not on record with 404, and bad fields with 400', async () => {
    const missing = await api.post('/api/feedback', { questionId: 999999, helpful: true });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ recorded: false, text: expect.stringMatching(/no longer on record/) });
    expect((await api.post('/api/feedback', { questionId: 'one', helpful: true })).body.error).toMatch(/"questionId" is required/);
    expect((await api.post('/api/feedback', { questionId: 1, helpful: 'yes' })).body.error).toMatch(/"helpful" is required/);
    expect((await api.post('/api/feedback', { questionId: 1, helpful: true }, { token: null })).status).toBe(401);
  });
});

describe('the rate limit over the API', () => {
  it('answers a caller past the limit with 429 and Retry-After, and counts callers apart', async () => {
    const desk = await openDesk({ seedsDir: API_FIXTURES, dataDir: ':memory:', rateLimitPerMinute: 2 });
    const limited = await startApi({ desk });
    try {
      const ask = (user: string) => limited.post('/api/ask', { text: 'Who pays recruitment fees?', user });
      expect((await ask('ana')).status).toBe(200);
      expect((await ask('ana')).status).toBe(200);
      const third = await ask('ana');
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(third.body.answered).toBe(false);
      expect(third.body.title).toMatch(/Too many questions/);
      // Another person behind the same token is not held back by Ana's burst.
      expect((await ask('ben')).status).toBe(200);
    } finally {
      await limited.close();
      desk.close();
    }
  });
});
