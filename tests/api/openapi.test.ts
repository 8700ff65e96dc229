// /api/openapi.json is written by hand: these checks keep it true. Every documented path is a
// route and every route is documented; every documented response field shows up in real
// responses, and real responses carry no undocumented field; every documented request field
// is one the API reads (a wrong value for it is refused, naming it).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { apology } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { apiRoutes } from '../../adapters/api/routes.js';
import { API_FIXTURES, startApi, TOKEN, type ApiHarness } from './helpers.js';

let desk: Desk;
let api: ApiHarness;
let broken: ApiHarness;
let paged: ApiHarness;
let doc: any;
const pdfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-api-pdf-'));
beforeAll(async () => {
  desk = await openDesk({ seedsDir: API_FIXTURES, dataDir: ':memory:' });
  api = await startApi({ desk });
  // A PDF's passages carry a page: the one optional citation field the Markdown fixture lacks.
  fs.copyFileSync('tests/fixtures/samples/ilo-report-footnotes.pdf', path.join(pdfDir, 'report.pdf'));
  paged = await startApi({ desk: await openDesk({ seedsDir: pdfDir, dataDir: ':memory:' }) });
  // A desk whose every answer is the apology the core gives after an unexpected error.
  broken = await startApi({ desk: { ...desk, handle: async () => apology('E-0000TEST') } });
  const res = await fetch(api.url + '/api/openapi.json');
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(async () => {
  await api?.close();
  await broken?.close();
  paged?.desk.close();
  await paged?.close();
  fs.rmSync(pdfDir, { recursive: true, force: true });
  desk?.close();
});

const schemaOf = (path: string, status: string) => doc.paths[path].post.responses[status].content['application/json'].schema;
const requestOf = (path: string) => doc.paths[path].post.requestBody.content['application/json'].schema;

function expectDocumented(schema: any, bodies: any[]) {
  const seen = new Set(bodies.flatMap((b) => Object.keys(b)));
  for (const b of bodies) for (const key of schema.required) expect(b, `required field ${key}`).toHaveProperty(key);
  expect([...seen].sort(), 'fields in responses').toEqual(Object.keys(schema.properties).sort());
}

describe('GET /api/openapi.json', () => {
  it('is served without a token, and is OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents every route, and only routes that exist', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods as object).map((m) => `${m.toUpperCase()} ${path}`));
    const served = apiRoutes({ desk, token: TOKEN, log: silentLogger }).map((r) => `${r.method} ${r.path}`);
    expect(documented.sort()).toEqual(served.sort());
  });

  it('documents every field /api/ask answers with, and nothing else', async () => {
    const replies = await Promise.all(['Who pays recruitment fees?', 'What is the capital of France?', 'help', 'sources'].map((text) => api.post('/api/ask', { text })));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const failure = await broken.post('/api/ask', { text: 'Who pays recruitment fees?' });
    expect(failure.status).toBe(500);
    expect(failure.body.errorId).toBe('E-0000TEST');
    expectDocumented(schemaOf('/api/ask', '200'), [...replies.map((r) => r.body), failure.body]);
    const fromPdf = await paged.post('/api/ask', { text: 'Are remittances bigger than development aid?' });
    expect(fromPdf.body.citations[0].page).toMatch(/^\d+(–\d+)?$/);
    const citation = schemaOf('/api/ask', '200').properties.citations.items;
    expectDocumented(citation, [...replies, fromPdf].flatMap((r) => r.body.citations));
    const edition = schemaOf('/api/ask', '200').properties.edition;
    expectDocumented(edition, replies.flatMap((r) => (r.body.edition ? [r.body.edition] : [])));
  });

  it('documents every field /api/feedback answers with', async () => {
    const { body: answer } = await api.post('/api/ask', { text: 'Who pays recruitment fees?' });
    const ok = await api.post('/api/feedback', { questionId: answer.questionId, helpful: true });
    const failure = await broken.post('/api/feedback', { questionId: answer.questionId, helpful: true });
    expect(ok.status).toBe(200);
    expect(failure.status).toBe(500);
    expectDocumented(schemaOf('/api/feedback', '200'), [ok.body, failure.body]);
  });

  it('documents the 400 and 401 answers as they come', async () => {
    for (const path of ['/api/ask', '/api/feedback']) {
      const errorSchema = schemaOf(path, '400');
      const bad = await api.post(path, '{', { raw: true });
      const unauthorised = await api.post(path, {}, { token: null });
      expect([bad.status, unauthorised.status]).toEqual([400, 401]);
      for (const b of [bad.body, unauthorised.body]) expect(Object.keys(b).every((k) => k in errorSchema.properties)).toBe(true);
    }
  });

  it.each(['/api/ask', '/api/feedback'])('every request field of %s is read: a wrong value for it is refused, naming it', async (path) => {
    const schema = requestOf(path);
    const valid: Record<string, unknown> = { text: 'help', questionId: 1, helpful: true, user: 'someone' };
    for (const field of Object.keys(schema.properties)) {
      const body = Object.fromEntries(Object.keys(schema.properties).map((f) => [f, valid[f]]));
      body[field] = { not: 'valid' };
      const res = await api.post(path, body);
      expect(res.status, field).toBe(400);
      expect(res.body.error).toContain(`"${field}"`);
    }
    for (const field of schema.required) {
      const body = Object.fromEntries(Object.keys(schema.properties).filter((f) => f !== field).map((f) => [f, valid[f]]));
      expect((await api.post(path, body)).body.error).toContain(`"${field}" is required`);
    }
  });
});
