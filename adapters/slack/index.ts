// The Slack adapter: Bolt in Socket Mode (when an app token is set) or over HTTP, wired to the desk.
// It checks the token, connects, and returns the handle the entry point and the digest use.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, SocketModeReceiver, webApi, type CustomRoute } from '@slack/bolt';
import type { SlackConfig } from './config.js';
import type { Desk } from '../../src/desk.js';
import { newErrorId } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { PlatformStatus, Reply, RunningPlatform } from '../../src/types.js';
import { boltLogger } from './bolt-logger.js';
import { channelAudience, LOOKUP_TIMEOUT_MS } from './audience.js';
import { guardEnvelopes } from './socket-guard.js';
import { lookupClientOptions, postOnceClientOptions, socketModeClientOptions, webClientOptions } from './client-options.js';
import { describeFailure, isOutage, platformErrorCode, REJECTED_TOKEN, SlackStartError } from './errors.js';
import { httpReceiver } from './http-receiver.js';
import { whoAmI } from './identity.js';
import { DRAIN_TIMEOUT_MS, drainAndReport, inFlight } from '../kit/in-flight.js';
import { postMessage } from './listener-tools.js';
import { listenForButtons } from './on-action.js';
import { listenForCommands } from './on-command.js';
import { listenForMessages } from './on-message.js';
import { renderReply } from './render.js';
import { deliveryError } from '../kit/delivery.js';
import { CONNECT_TIMEOUT_MS, settleWithin, withDeadline } from '../kit/deadline.js';
import type { RouteTable } from '../http/routes.js';

export { SlackStartError } from './errors.js';

export interface SlackOptions {
  /** Body of GET /healthz in HTTP mode (ok false → 503); defaults to this adapter's own status. */
  health?: () => { ok: boolean } & Record<string, unknown>;
  /** More routes to serve on PORT in HTTP mode (the API, when HEALTH_PORT is unset). */
  routes?: RouteTable;
  /** How long stop() waits for answers being written (default 10 s). */
  drainMs?: number;
}

export async function startSlack(
  desk: Desk,
  config: SlackConfig,
  log: Logger,
  options: SlackOptions = {},
): Promise<RunningPlatform & { port?: number }> {
  const slackLog = log.child({ platform: 'slack' });
  const logger = boltLogger(slackLog, { quietUnknownType: !config.appToken });
  const clientOptions = webClientOptions(config, logger);
  const me = await whoAmI(config, clientOptions);

  const state: PlatformStatus = { connected: false };
  const status = (): PlatformStatus => ({ ...state, ...(state.degraded ? { degraded: { ...state.degraded } } : {}) });
  const work = inFlight();
  let stopping = false;

  const receiver = config.appToken
    ? new SocketModeReceiver({
        appToken: config.appToken,
        logger,
        installerOptions: { clientOptions: socketModeClientOptions(config, logger) },
        // What Bolt cannot process (a payload Slack never sends) is acked, so it is not redelivered,
        // and said in one warning line rather than an error with a stack.
        processEventErrorHandler: async ({ error }) => {
          slackLog.warn('ignored a Slack payload Policy Desk cannot read', { reason: error.message });
          return true;
        },
      })
    : undefined;
  const healthRoute: CustomRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const body = options.health?.() ?? { ok: state.connected && !state.degraded, slack: status() };
      res.writeHead(body.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    },
  };

  const app = new App({
    token: config.botToken,
    // Known from auth.test above, so Bolt does not call it again in its constructor.
    botId: me.botId,
    botUserId: me.userId,
    logger,
    clientOptions,
    receiver: receiver ?? httpReceiver({ signingSecret: config.signingSecret ?? '', routes: [healthRoute, ...(options.routes ? [everyOtherPath(options.routes)] : [])], logger, log: slackLog }),
  });

  app.error(async (error) => {
    // Listeners catch their own failures; this is for whatever Bolt hits before or around them.
    slackLog.error('Slack event could not be processed', { errorId: newErrorId(), err: error });
  });
  app.use(async ({ next }) => {
    state.lastEventAt = new Date().toISOString();
    await next();
  });
  // A token revoked while running (the app removed, the token rotated) fails every reply from
  // then on: said once, naming the variable, and shown as degraded in health.
  const failed = (err: unknown) => {
    const code = platformErrorCode(err);
    if (!code || !REJECTED_TOKEN.has(code) || state.degraded) return;
    const reason = `Slack rejected SLACK_BOT_TOKEN (${code}): no reply can be sent until it is replaced (OAuth & Permissions; reinstall the app if it was removed) and Policy Desk restarted.`;
    state.degraded = { reason, since: new Date().toISOString() };
    slackLog.error(reason);
  };
  const deps = { desk, log: slackLog, work, failed };
  listenForCommands(app, deps);
  const lookups = new webApi.WebClient(config.botToken, lookupClientOptions(config, logger, LOOKUP_TIMEOUT_MS));
  listenForMessages(app, deps, channelAudience(lookups, slackLog));
  listenForButtons(app, deps);

  let port: number | undefined;
  if (receiver) {
    guardEnvelopes(receiver.client, slackLog);
    watchSocket(receiver, state, slackLog, () => stopping);
    await connectSocket(app, receiver, config);
  } else {
    const server = (await app.start({ port: config.port, host: config.host }).catch((err: NodeJS.ErrnoException) => {
      throw new SlackStartError(`Cannot listen on ${config.host}:${config.port} for Slack (HOST, PORT): ${err.code ?? err.message}.`);
    })) as Server;
    port = (server.address() as AddressInfo).port;
    state.connected = true;
  }
  slackLog.info(receiver ? 'connected to Slack (Socket Mode)' : 'listening for Slack (HTTP mode)', {
    bot: me.name,
    team: me.team,
    ...(port !== undefined ? { host: config.host, port, events: '/slack/events' } : {}),
  });

  let stopped: Promise<void> | undefined;
  const digestClient = new webApi.WebClient(config.botToken, postOnceClientOptions(config, logger));
  return {
    platform: 'slack',
    port,
    status,
    async post(channel: string, reply: Reply) {
      try {
        await postMessage(digestClient, { channel }, renderReply(reply));
      } catch (err) {
        failed(err);
        const code = platformErrorCode(err);
        const hint = code === 'not_in_channel' ? ': invite the bot with /invite @Policy Desk' : '';
        throw deliveryError(err, `Slack would not post to channel ${channel} (${code ?? (err as Error).message})${hint}`);
      }
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        if (receiver) await settleWithin(receiver.client.disconnect(), 5_000);
        else await app.stop().catch((err: unknown) => slackLog.warn('Slack HTTP server did not close cleanly', { err }));
        await drainAndReport(work, options.drainMs ?? DRAIN_TIMEOUT_MS, slackLog, 'Slack');
        state.connected = false;
        state.disconnectedAt = new Date().toISOString();
        slackLog.info('Slack stopped');
      })();
      return stopped;
    },
  };
}

/** Every path Bolt does not serve itself goes to the shared routes, read at each request (platforms add theirs as they start). */
function everyOtherPath(routes: RouteTable): CustomRoute {
  return {
    path: '/*path',
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    handler: (req, res) => {
      if (routes.dispatch(req, res)) return;
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found.\n');
    },
  };
}

async function connectSocket(app: App, receiver: SocketModeReceiver, config: SlackConfig): Promise<void> {
  const late = () => new SlackStartError(`Could not open a Socket Mode connection to Slack within ${CONNECT_TIMEOUT_MS / 1000} s.`, { retryable: true });
  try {
    await withDeadline(app.start(), CONNECT_TIMEOUT_MS, late);
  } catch (err) {
    await settleWithin(receiver.client.disconnect(), 5_000);
    if (err instanceof SlackStartError) throw err;
    throw new SlackStartError(describeFailure(err, 'SLACK_APP_TOKEN', config), { retryable: isOutage(err) });
  }
}

/** Keeps status() true to the connection, and says once when it drops and when it is back. */
function watchSocket(receiver: SocketModeReceiver, state: PlatformStatus, log: Logger, stopping: () => boolean): void {
  const client = receiver.client;
  client.on('connected', () => {
    if (state.disconnectedAt) log.info('Slack connection restored', { downSince: state.disconnectedAt });
    state.connected = true;
    state.disconnectedAt = undefined;
  });
  const lost = () => {
    if (!state.connected || stopping()) return;
    state.connected = false;
    state.disconnectedAt = new Date().toISOString();
    log.warn('Slack connection lost; reconnecting');
  };
  // "close" is the socket going away (the client then waits ~5 s before "reconnecting").
  client.on('close', lost);
  client.on('reconnecting', lost);
  client.on('disconnected', lost);
}
