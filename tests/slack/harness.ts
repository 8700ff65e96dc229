// One running bot for tests: the real desk on the ILO fixture, real Bolt through adapters/slack, a fake
// Slack on 127.0.0.1, and a way to send it things that does not care whether they travel over
// Socket Mode or signed HTTP.

import { openDesk, type Desk } from '../../src/desk.js';
import type { SlackConfig } from '../../adapters/slack/config.js';
import { createLogger } from '../../src/log.js';
import { startSlack } from '../../adapters/slack/index.js';
import type { RouteTable } from '../../adapters/http/routes.js';
import type { RunningPlatform } from '../../src/types.js';
import { APP_TOKEN, BOT_TOKEN, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { buttonClick, eventCallback, slashCommand, type ClickOptions, type CommandOptions, type SlashCommandPayload } from '../fakes/slack-payloads.js';
import { commandBody, deliver, FORM, interactionBody, JSON_TYPE, SIGNING_SECRET } from '../fakes/slack-http.js';
import { ILO_DIR } from '../fixtures/paths.js';

export type Mode = 'socket' | 'http';

export interface Harness {
  mode: Mode;
  fake: FakeSlack;
  desk: Desk;
  slack: RunningPlatform & { port?: number };
  /** Every log line the bot wrote (secrets masked as they would be in production). */
  logs: string[];
  /** Sends a slash command; resolves when Slack would have its ack. Returns the payload sent. */
  command(o: CommandOptions): Promise<SlashCommandPayload>;
  /** Sends an event callback (a mention, a DM); `retry` marks it as Slack's redelivery. */
  event(event: Record<string, unknown>, o?: { eventId?: string; retry?: number }): Promise<void>;
  /** Clicks a button under an answer. */
  click(o: ClickOptions): Promise<void>;
  /** HTTP mode: the bot's events URL. */
  eventsUrl?: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Share one desk between harnesses; it is then not closed with the harness. */
  desk?: Desk;
  /** Wrap the desk, e.g. to make its answers longer than Slack allows. */
  wrap?: (desk: Desk) => Desk;
  /** More routes for HTTP mode to serve on its port (the API). */
  routes?: RouteTable;
}

export async function openTestDesk(): Promise<Desk> {
  return openDesk({ seedsDir: ILO_DIR, dataDir: ':memory:' });
}

export async function startHarness(mode: Mode, options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  const realDesk = options.desk ?? (await openTestDesk());
  const desk = options.wrap ? options.wrap(realDesk) : realDesk;
  const logs: string[] = [];
  const secrets = [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET];
  const log = createLogger({ level: 'debug', secrets, write: (line) => logs.push(line) });
  const config: SlackConfig = {
    botToken: BOT_TOKEN,
    appToken: mode === 'socket' ? APP_TOKEN : undefined,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    host: '127.0.0.1',
    port: 0,
  };
  let slack: Harness['slack'];
  try {
    slack = await startSlack(desk, config, log, { routes: options.routes });
  } catch (err) {
    await fake.close();
    throw err;
  }
  const eventsUrl = slack.port ? `http://127.0.0.1:${slack.port}/slack/events` : undefined;

  const sendHttp = async (body: string, type: string, headers?: Record<string, string>) => {
    const res = await deliver(eventsUrl!, body, type, { headers });
    if (res.status !== 200) throw new Error(`bot answered HTTP ${res.status} to a signed request`);
  };

  return {
    mode,
    fake,
    desk,
    slack,
    logs,
    eventsUrl,
    async command(o) {
      const payload = slashCommand(fake, o);
      if (mode === 'socket') await fake.push('slash_commands', payload);
      else await sendHttp(commandBody(payload), FORM);
      return payload;
    },
    async event(event, o = {}) {
      const body = eventCallback(event, o.eventId);
      if (mode === 'socket') {
        await fake.push('events_api', body, o.retry ? { retry_attempt: o.retry, retry_reason: 'timeout' } : {});
      } else {
        await sendHttp(JSON.stringify(body), JSON_TYPE, o.retry ? { 'x-slack-retry-num': String(o.retry), 'x-slack-retry-reason': 'http_timeout' } : {});
      }
    },
    async click(o) {
      const payload = buttonClick(fake, o);
      if (mode === 'socket') await fake.push('interactive', payload);
      else await sendHttp(interactionBody(payload), FORM);
    },
    async close() {
      await slack.stop();
      await fake.close();
      if (!options.desk) realDesk.close();
    },
  };
}

/** All the text a message carries, top-level fallback and blocks, for "does it say …" checks. */
export function allText(message: { text?: unknown; blocks?: unknown }): string {
  return `${String(message.text ?? '')}\n${JSON.stringify(message.blocks ?? [])}`;
}
