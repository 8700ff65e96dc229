// A fake Slack on 127.0.0.1 for tests: the Web API methods the bot calls, response_url endpoints,
// and the Socket Mode WebSocket. It records every request, and it refuses what real Slack refuses
// (a wrong token, a channel the bot is not in, blocks past Slack's limits) so tests catch those.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const BOT_TOKEN = 'xoxb-fake-bot-token-123456';
export const APP_TOKEN = 'xapp-fake-app-token-654321';
export const BOT_USER_ID = 'UBOT0001';
export const BOT_ID = 'BBOT0001';
export const TEAM_ID = 'T0000001';

export interface ApiCall {
  method: string;
  /** Form fields, with JSON-valued ones (blocks) parsed. */
  args: Record<string, any>;
  token?: string;
  /** What the fake answered. */
  result: Record<string, unknown>;
}

export interface ResponseUrlPost {
  /** The response_url id the fake handed out. */
  id: string;
  body: Record<string, any>;
  status: number;
}

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, any>;
}

export interface FakeSlack {
  /** Web API base for SLACK_API_URL / clientOptions.slackApiUrl, ending in "/api/". */
  readonly apiUrl: string;
  readonly calls: ApiCall[];
  readonly responses: ResponseUrlPost[];
  readonly acks: SocketAck[];
  /** Channels where chat.postMessage answers not_in_channel. */
  readonly channelsWithoutBot: Set<string>;
  /** Methods that answer HTTP 500 (to test bounded retries). */
  readonly failingMethods: Set<string>;
  /** Methods that never answer (a Slack that hangs). */
  readonly stalledMethods: Set<string>;
  /** What conversations.info says a channel is; unlisted, a C… channel is public and a D… one a DM. */
  readonly channelKinds: Map<string, ChannelKind>;
  /** Problems with messages the bot sent, as Slack would report them. */
  readonly rejected: string[];
  /** While set, every response_url answers with this HTTP status (a Slack outage, an expired URL). */
  responseUrlStatus?: number;
  /** From now on the bot token is refused with token_revoked, as after an admin removes the app. */
  revokeBotToken(): void;
  /** A fresh response_url pointing at this fake. */
  responseUrl(): string;
  callsTo(method: string): ApiCall[];
  /** Socket Mode: number of open WebSocket connections. */
  openSockets(): number;
  /** Socket Mode: drops every connection, as a Slack restart or a network cut would. */
  dropSockets(): void;
  /** Socket Mode: sends an envelope and resolves with the bot's ack. */
  push(type: 'events_api' | 'slash_commands' | 'interactive', payload: Record<string, unknown>, extra?: Record<string, unknown>): Promise<SocketAck>;
  /** Socket Mode: the same, on the n-th open connection (Slack spreads events over an app's connections). */
  pushVia(connection: number, type: 'events_api' | 'slash_commands' | 'interactive', payload: Record<string, unknown>, extra?: Record<string, unknown>): Promise<SocketAck>;
  close(): Promise<void>;
}

export type ChannelKind = 'public' | 'private' | 'group-dm';

const LIMITS = { blocks: 50, sectionText: 3000, totalText: 13000, contextElements: 10, headerText: 150 };

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const acks: SocketAck[] = [];
  const channelsWithoutBot = new Set<string>();
  const failingMethods = new Set<string>();
  const stalledMethods = new Set<string>();
  const channelKinds = new Map<string, ChannelKind>();
  const rejected: string[] = [];
  const ackWaiters = new Map<string, (ack: SocketAck) => void>();
  let responseUrls = 0;
  let envelopes = 0;
  let messages = 0;
  let revoked = false;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };

    if (url.pathname.startsWith('/response/') && req.method === 'POST') {
      const body = JSON.parse(raw || '{}');
      if (fake.responseUrlStatus) {
        responses.push({ id: url.pathname.slice('/response/'.length), body, status: fake.responseUrlStatus });
        return reply(fake.responseUrlStatus, 'failed');
      }
      const problems = body.blocks ? blockProblems(body.blocks, body.text) : [];
      rejected.push(...problems);
      const status = problems.length ? 400 : 200;
      responses.push({ id: url.pathname.slice('/response/'.length), body, status });
      return reply(status, problems.length ? 'invalid_blocks' : 'ok');
    }

    if (!url.pathname.startsWith('/api/')) return reply(404, 'not found');
    const method = url.pathname.slice('/api/'.length);
    const args = parseArgs(raw, req.headers['content-type']);
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '') || (args.token as string | undefined);
    const record = (status: number, result: Record<string, unknown>) => {
      calls.push({ method, args, token, result });
      reply(status, result);
    };

    if (failingMethods.has(method)) return record(500, { ok: false, error: 'fake_server_error' });
    if (stalledMethods.has(method)) {
      calls.push({ method, args, token, result: {} });
      return; // no answer until the fake closes
    }
    if (method === 'apps.connections.open') {
      if (token !== APP_TOKEN) return record(200, { ok: false, error: 'invalid_auth' });
      return record(200, { ok: true, url: `ws://127.0.0.1:${port()}/link?ticket=fake` });
    }
    if (token !== BOT_TOKEN) return record(200, { ok: false, error: 'invalid_auth' });
    if (revoked) return record(200, { ok: false, error: 'token_revoked' });
    switch (method) {
      case 'auth.test':
        return record(200, { ok: true, url: 'https://fake.slack.test/', team: 'Fake Team', user: 'policy_desk', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID });
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        if (channelsWithoutBot.has(String(args.channel))) return record(200, { ok: false, error: 'not_in_channel' });
        if (!args.text && !args.blocks) return record(200, { ok: false, error: 'no_text' });
        const problems = args.blocks ? blockProblems(args.blocks, args.text) : [];
        if (problems.length) {
          rejected.push(...problems);
          return record(200, { ok: false, error: 'invalid_blocks', errors: problems });
        }
        messages += 1;
        const ts = `1700000000.${String(messages).padStart(6, '0')}`;
        return record(200, method === 'chat.postMessage' ? { ok: true, channel: args.channel, ts, message: { text: args.text, ts } } : { ok: true, message_ts: ts });
      }
      case 'conversations.info': {
        const id = String(args.channel ?? '');
        if (!id) return record(200, { ok: false, error: 'channel_not_found' });
        return record(200, { ok: true, channel: conversation(id, channelKinds.get(id) ?? (id.startsWith('D') ? 'dm' : 'public')) });
      }
      default:
        return record(200, { ok: true });
    }
  });

  // Socket Mode: Slack says hello, pushes envelopes, and the app acks each by envelope_id.
  const wss = new WebSocketServer({ server, path: '/link' });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketAck;
      acks.push(ack);
      ackWaiters.get(ack.envelope_id)?.(ack);
      ackWaiters.delete(ack.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: sockets.size, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0000001' } }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = () => (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port()}`;

  const pushVia: FakeSlack['pushVia'] = (connection, type, payload, extra = {}) => {
    const open = [...sockets].filter((s) => s.readyState === s.OPEN)[connection];
    if (!open) return Promise.reject(new Error(`fake Slack: no Socket Mode connection ${connection} to push to`));
    const envelope_id = `env-${++envelopes}`;
    const acked = new Promise<SocketAck>((resolve) => ackWaiters.set(envelope_id, resolve));
    open.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api', ...extra }));
    return acked;
  };

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    calls,
    responses,
    acks,
    channelsWithoutBot,
    failingMethods,
    stalledMethods,
    channelKinds,
    rejected,
    revokeBotToken() {
      revoked = true;
    },
    responseUrl: () => `${base}/response/${++responseUrls}`,
    callsTo: (method) => calls.filter((c) => c.method === method),
    openSockets: () => [...sockets].filter((s) => s.readyState === s.OPEN).length,
    dropSockets() {
      for (const s of sockets) s.terminate();
    },
    push: (type, payload, extra = {}) => pushVia(0, type, payload, extra),
    pushVia,
    async close() {
      for (const s of sockets) s.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** A conversation as conversations.info describes it (private channels made since 2021 have is_channel true too). */
function conversation(id: string, kind: ChannelKind | 'dm'): Record<string, unknown> {
  const flags = { is_channel: kind === 'public' || kind === 'private', is_group: false, is_im: kind === 'dm', is_mpim: kind === 'group-dm', is_private: kind !== 'public' };
  return { id, ...(kind === 'dm' ? { user: 'U0ASKER1' } : { name: `fake-${kind}`, is_archived: false, is_general: false, is_shared: false, is_ext_shared: false, is_org_shared: false }), ...flags, created: 1700000000 };
}

/** What Slack would refuse in a message's blocks (empty when it is fine). */
export function blockProblems(blocks: unknown, text: unknown): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  if (typeof text !== 'string' || !text.trim()) problems.push('no top-level text fallback');
  if (blocks.length > LIMITS.blocks) problems.push(`${blocks.length} blocks (max ${LIMITS.blocks})`);
  let total = 0;
  for (const [i, block] of blocks.entries()) {
    if (block.type === 'section') {
      const len = String(block.text?.text ?? '').length;
      total += len;
      if (len > LIMITS.sectionText) problems.push(`block ${i}: section text ${len} chars (max ${LIMITS.sectionText})`);
      if (!block.text?.text) problems.push(`block ${i}: empty section`);
    } else if (block.type === 'context') {
      if (block.elements.length > LIMITS.contextElements) problems.push(`block ${i}: ${block.elements.length} context elements`);
      for (const e of block.elements) total += String(e.text ?? '').length;
    } else if (block.type === 'header') {
      const len = String(block.text?.text ?? '').length;
      total += len;
      if (len > LIMITS.headerText) problems.push(`block ${i}: header ${len} chars`);
    } else if (block.type === 'actions') {
      if (block.elements.length > 25) problems.push(`block ${i}: too many actions`);
      const ids = block.elements.map((e: { action_id: string }) => e.action_id);
      if (new Set(ids).size !== ids.length) problems.push(`block ${i}: duplicate action_id`);
    }
  }
  if (total > LIMITS.totalText) problems.push(`${total} chars of block text (max about ${LIMITS.totalText})`);
  return problems;
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw);
  const args: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
