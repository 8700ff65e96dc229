// A fake Discord on 127.0.0.1 for tests: the REST routes discord.js calls (gateway discovery,
// channel messages, command registration, interaction callbacks and their webhooks) and a
// gateway WebSocket (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME, dispatches).
// It records everything, and refuses what real Discord refuses (a wrong token, messages past
// Discord's limits, a second acknowledgement, privileged intents that were not enabled) so
// tests catch those.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildChannels, guildCreate, IDS, PRIVILEGED_INTENTS, ready, snowflake, TOKEN, users } from './discord-payloads.js';

export interface RestCall {
  method: string;
  /** Path after /api/v10, e.g. "/channels/123/messages". */
  path: string;
  query: URLSearchParams;
  body: any;
  /** The Authorization header, if any (interaction callbacks and webhooks are sent without). */
  auth?: string;
  status: number;
  response: any;
}

export interface FakeDiscordOptions {
  /** False: the bot's privileged intents are off in the portal, so IDENTIFY with them is refused (4014). */
  privilegedIntents?: boolean;
}

export interface GatewayEvent {
  t: string;
  d: unknown;
}

export interface FakeDiscord {
  /** REST base for DISCORD_API_URL / the client's rest.api: "http://127.0.0.1:PORT/api". */
  readonly apiUrl: string;
  readonly calls: RestCall[];
  /** IDENTIFY and RESUME payloads received on the gateway. */
  readonly identifies: any[];
  readonly resumes: any[];
  /** Problems with what the bot sent, as Discord would report them. */
  readonly rejected: string[];
  /** Registered application commands, by scope ("global" or a guild id). */
  readonly commands: Map<string, any[]>;
  /** Sends a dispatch (op 0) to every connected client. */
  dispatch(t: string, d: unknown): void;
  /** Closes the gateway connection as a network blip would; on RESUME the given events are replayed. */
  dropConnection(replay?: GatewayEvent[]): void;
  /** Closes the gateway connection with a close code Discord uses for a fatal problem (4004: the token was reset). */
  closeGateway(code: number, reason: string): void;
  /** Makes the next matching REST call fail with this Discord error. */
  failNext(method: string, pathPattern: RegExp, status: number, code: number, message: string): void;
  /** Resolves with the first recorded call (past or future) that matches. */
  waitForCall(match: (call: RestCall) => boolean, what?: string, timeoutMs?: number): Promise<RestCall>;
  /** Successful message posts to a channel. */
  postsTo(channelId: string): RestCall[];
  /** Everything Discord received about one interaction: callbacks, then webhook edits and follow-ups. */
  interactionCalls(interaction: { id: string; token: string }): RestCall[];
  openSockets(): number;
  close(): Promise<void>;
}

const LIMITS = { content: 2000, embeds: 10, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, total: 6000, customId: 100, label: 80 };

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const calls: RestCall[] = [];
  const identifies: any[] = [];
  const resumes: any[] = [];
  const rejected: string[] = [];
  const commands = new Map<string, any[]>();
  const sockets = new Set<WebSocket>();
  const waiters = new Set<() => void>();
  const failures: { method: string; path: RegExp; status: number; code: number; message: string }[] = [];
  /** Interaction token → its state: acknowledged or not, and the original response message. */
  const interactions = new Map<string, { id: string; acknowledged: boolean; original?: any; channelId: string }>();
  const nonces = new Map<string, any>();
  const sessions = new Map<string, { seq: number }>();
  let replayOnResume: GatewayEvent[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
      const call: RestCall = { method: req.method ?? 'GET', path, query: url.searchParams, body, auth: req.headers.authorization, status: 0, response: undefined };
      const [status, response] = route(call);
      call.status = status;
      call.response = response;
      calls.push(call);
      for (const wake of [...waiters]) wake();
      if (status === 204) {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(response));
    });
  });

  const wss = new WebSocketServer({ server, path: '/gateway' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  wss.on('connection', (socket) => {
    sockets.add(socket);
    let sessionId: string | undefined;
    socket.on('close', () => sockets.delete(socket));
    const send = (payload: unknown) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
    };
    const sendDispatch = (t: string, d: unknown) => {
      const session = sessionId ? sessions.get(sessionId) : undefined;
      if (!session) return;
      send({ op: 0, t, s: ++session.seq, d });
    };
    (socket as WebSocket & { dispatch?: typeof sendDispatch }).dispatch = sendDispatch;

    send({ op: 10, d: { heartbeat_interval: 45_000 } });
    socket.on('message', (data) => {
      const payload = JSON.parse(String(data));
      switch (payload.op) {
        case 1: // heartbeat
          send({ op: 11 });
          break;
        case 2: {
          // IDENTIFY
          identifies.push(payload.d);
          if (payload.d.token !== TOKEN) {
            socket.close(4004, 'Authentication failed.');
            return;
          }
          if (!(options.privilegedIntents ?? true) && payload.d.intents & PRIVILEGED_INTENTS) {
            socket.close(4014, 'Disallowed intent(s).');
            return;
          }
          sessionId = `session-${snowflake()}`;
          sessions.set(sessionId, { seq: 0 });
          sendDispatch('READY', ready(sessionId, gatewayUrl));
          sendDispatch('GUILD_CREATE', guildCreate());
          break;
        }
        case 6: {
          // RESUME
          resumes.push(payload.d);
          if (payload.d.token !== TOKEN || !sessions.has(payload.d.session_id)) {
            send({ op: 9, d: false });
            return;
          }
          sessionId = payload.d.session_id;
          const replay = replayOnResume;
          replayOnResume = [];
          for (const event of replay) sendDispatch(event.t, event.d);
          sendDispatch('RESUMED', {});
          break;
        }
      }
    });
  });

  function route(call: RestCall): [number, any] {
    const { method, path } = call;
    const failure = failures.findIndex((f) => f.method === method && f.path.test(path));
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      return [f!.status, { code: f!.code, message: f!.message }];
    }
    const authed = call.auth === `Bot ${TOKEN}`;
    const unauthorized: [number, any] = [401, { code: 0, message: '401: Unauthorized' }];
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/gateway/bot') {
      if (!authed) return unauthorized;
      return [200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } }];
    }
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') {
      if (!authed) return unauthorized;
      if (m[1] !== IDS.app) return [403, { code: 50001, message: 'Missing Access' }];
      if (m[2] && m[2] !== IDS.guild) return [403, { code: 50001, message: 'Missing Access' }];
      const problems = commandProblems(call.body);
      if (problems.length) return invalid(problems);
      const saved = (call.body as any[]).map((c) => ({ ...c, id: IDS.command, application_id: IDS.app, version: snowflake(), ...(m![2] ? { guild_id: m![2] } : {}) }));
      commands.set(m[2] ?? 'global', saved);
      return [200, saved];
    }
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') {
      if (!authed) return unauthorized;
      const channel = guildChannels().get(m[1]!);
      if (channel) return [200, channel];
      if (m[1] === IDS.dm) return [200, { id: IDS.dm, type: 1, recipients: [users.alice], last_message_id: null, flags: 0 }];
      return [404, { code: 10003, message: 'Unknown Channel' }];
    }
    if (path === '/users/@me/channels' && method === 'POST') {
      // Opening a DM: the fake world has one, with Alice; anyone else does not accept DMs.
      if (!authed) return unauthorized;
      if (call.body?.recipient_id !== IDS.alice) return [403, { code: 50007, message: 'Cannot send messages to this user' }];
      return [200, { id: IDS.dm, type: 1, recipients: [users.alice], last_message_id: null, flags: 0 }];
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      if (!authed) return unauthorized;
      const channelId = m[1]!;
      if (!guildChannels().has(channelId) && channelId !== IDS.dm) return [404, { code: 10003, message: 'Unknown Channel' }];
      const problems = messageProblems(call.body);
      if (problems.length) return invalid(problems);
      const nonceKey = call.body.enforce_nonce && call.body.nonce !== undefined ? `${channelId}:${call.body.nonce}` : undefined;
      if (nonceKey && nonces.has(nonceKey)) return [200, nonces.get(nonceKey)];
      const message = botMessage(channelId, call.body);
      if (nonceKey) nonces.set(nonceKey, message);
      return [200, message];
    }
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      const state = interactions.get(m[2]!);
      if (!state || state.id !== m[1]) return [404, { code: 10062, message: 'Unknown interaction' }];
      if (state.acknowledged) return [400, { code: 40060, message: 'Interaction has already been acknowledged.' }];
      const { type, data } = call.body ?? {};
      if (type === 4 || type === 7) {
        const problems = messageProblems(data ?? {});
        if (problems.length) return invalid(problems);
      } else if (type !== 5 && type !== 6) {
        return invalid([`unsupported callback type ${type}`]);
      }
      state.acknowledged = true;
      if (type === 4 || type === 5) state.original = botMessage(state.channelId, { ...(data ?? {}), content: data?.content ?? '' }, true);
      if (call.query.get('with_response') === 'true') return [200, { interaction: { id: state.id, type: 2 }, resource: { type, message: state.original } }];
      return [204, undefined];
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path))) {
      const state = interactions.get(m[2]!);
      if (m[1] !== IDS.app || !state || !state.acknowledged) return [404, { code: 10015, message: 'Unknown Webhook' }];
      if (method === 'PATCH' && m[3] === '@original') {
        if (!state.original) return [404, { code: 10008, message: 'Unknown Message' }];
        const problems = messageProblems({ ...state.original, ...call.body });
        if (problems.length) return invalid(problems);
        state.original = { ...state.original, ...call.body, edited_timestamp: new Date().toISOString() };
        return [200, state.original];
      }
      if (method === 'POST' && !m[3]) {
        const problems = messageProblems(call.body);
        if (problems.length) return invalid(problems);
        return [200, botMessage(state.channelId, call.body, true)];
      }
    }
    return [404, { code: 0, message: `404: Not Found (the fake has no ${method} ${path})` }];
  }

  function invalid(problems: string[]): [number, any] {
    rejected.push(...problems);
    return [400, { code: 50035, message: 'Invalid Form Body', errors: { _problems: problems } }];
  }

  function botMessage(channelId: string, body: any, viaInteraction = false) {
    const { nonce: _nonce, enforce_nonce: _enforce, allowed_mentions: _mentions, ...rest } = body ?? {};
    return {
      id: snowflake(),
      channel_id: channelId,
      ...(guildChannels().has(channelId) ? { guild_id: IDS.guild } : {}),
      author: users.bot,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      type: body?.message_reference ? 19 : viaInteraction ? 20 : 0,
      flags: 0,
      ...(viaInteraction ? { webhook_id: IDS.app, application_id: IDS.app } : {}),
      ...rest,
    };
  }

  const fake: FakeDiscord = {
    apiUrl: `${base}/api`,
    calls,
    identifies,
    resumes,
    rejected,
    commands,
    dispatch(t, d) {
      // Interactions are answerable only once Discord has sent them.
      if (t === 'INTERACTION_CREATE') {
        const i = d as { id: string; token: string; channel_id: string };
        interactions.set(i.token, { id: i.id, acknowledged: false, channelId: i.channel_id });
      }
      for (const socket of sockets) (socket as WebSocket & { dispatch?: (t: string, d: unknown) => void }).dispatch?.(t, d);
    },
    closeGateway(code, reason) {
      for (const socket of sockets) socket.close(code, reason);
    },
    dropConnection(replay = []) {
      replayOnResume = replay;
      for (const socket of sockets) socket.close(4000, 'Unknown error.');
    },
    failNext(method, path, status, code, message) {
      failures.push({ method, path, status, code, message });
    },
    waitForCall(match, what = 'a matching call', timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.find(match);
          if (!found) return false;
          cleanup();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`The fake Discord never received ${what}. Calls: ${calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(', ')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        const wake = () => void check();
        waiters.add(wake);
        check();
      });
    },
    postsTo(channelId) {
      return calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channelId}/messages` && c.status === 200);
    },
    interactionCalls({ id, token }) {
      return calls.filter((c) => c.path.startsWith(`/interactions/${id}/${token}/`) || c.path.startsWith(`/webhooks/${IDS.app}/${token}`));
    },
    openSockets: () => sockets.size,
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** What Discord would refuse in a message the bot sends, in words a test failure can show. */
export function messageProblems(body: any): string[] {
  const problems: string[] = [];
  const content: string = body?.content ?? '';
  const embeds: any[] = body?.embeds ?? [];
  const rows: any[] = body?.components ?? [];
  if (!content && embeds.length === 0 && rows.length === 0) problems.push('Cannot send an empty message');
  if (content.length > LIMITS.content) problems.push(`content is ${content.length} characters (max ${LIMITS.content})`);
  if (embeds.length > LIMITS.embeds) problems.push(`${embeds.length} embeds (max ${LIMITS.embeds})`);
  let total = 0;
  embeds.forEach((e, i) => {
    const check = (what: string, text: string | undefined, max: number) => {
      if (text === undefined) return;
      total += text.length;
      if (text.length > max) problems.push(`embeds[${i}].${what} is ${text.length} characters (max ${max})`);
    };
    check('title', e.title, LIMITS.title);
    check('description', e.description, LIMITS.description);
    check('footer.text', e.footer?.text, LIMITS.footer);
    check('author.name', e.author?.name, 256);
    const fields: any[] = e.fields ?? [];
    if (fields.length > LIMITS.fields) problems.push(`embeds[${i}] has ${fields.length} fields (max ${LIMITS.fields})`);
    fields.forEach((f, j) => {
      if (!f.name || !f.value) problems.push(`embeds[${i}].fields[${j}] has an empty name or value`);
      check(`fields[${j}].name`, f.name, LIMITS.fieldName);
      check(`fields[${j}].value`, f.value, LIMITS.fieldValue);
    });
  });
  if (total > LIMITS.total) problems.push(`embeds total ${total} characters (max ${LIMITS.total})`);
  if (rows.length > 5) problems.push(`${rows.length} action rows (max 5)`);
  for (const row of rows) {
    if (row.type !== 1 || !Array.isArray(row.components) || row.components.length > 5) problems.push('invalid action row');
    for (const c of row.components ?? []) {
      if (c.custom_id && c.custom_id.length > LIMITS.customId) problems.push(`custom_id is ${c.custom_id.length} characters (max ${LIMITS.customId})`);
      if (c.label && c.label.length > LIMITS.label) problems.push(`button label is ${c.label.length} characters (max ${LIMITS.label})`);
    }
  }
  return problems;
}

function commandProblems(body: any): string[] {
  if (!Array.isArray(body)) return ['commands must be an array'];
  const problems: string[] = [];
  for (const c of body) {
    if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(c.name ?? '') || c.name !== c.name.toLowerCase()) problems.push(`invalid command name ${c.name}`);
    if (!c.description || c.description.length > 100) problems.push(`command description is ${c.description?.length ?? 0} characters (1 to 100)`);
    for (const o of c.options ?? []) {
      if (!o.description || o.description.length > 100) problems.push(`option description is ${o.description?.length ?? 0} characters (1 to 100)`);
    }
  }
  return problems;
}
