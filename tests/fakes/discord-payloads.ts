// What the Discord gateway sends a bot, shaped as Discord shapes it: READY, GUILD_CREATE,
// MESSAGE_CREATE and INTERACTION_CREATE payloads, for the fake in discord.ts.

export const TOKEN = 'ODk0MDAwMDAwMDAwMDAwMDAx.fake-discord.token-for-tests';

/** Snowflakes of the fake world. The bot user shares its application's id, as on Discord. */
export const IDS = {
  app: '894000000000000001',
  bot: '894000000000000001',
  guild: '894000000000000100',
  botRole: '894000000000000101',
  otherRole: '894000000000000102',
  channel: '894000000000000200',
  /** A channel @everyone cannot view (the bot's role can). */
  hiddenChannel: '894000000000000201',
  /** A private thread in the public channel. */
  privateThread: '894000000000000202',
  /** A public thread in the hidden channel. */
  hiddenThread: '894000000000000203',
  dm: '894000000000000300',
  alice: '894000000000000401',
  bob: '894000000000000402',
  otherBot: '894000000000000403',
  command: '894000000000000500',
} as const;

/** Guilds | GuildMessages | DirectMessages | MessageContent. */
export const EXPECTED_INTENTS = (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15);
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

let counter = 0;
/** A fresh snowflake, increasing like Discord's. */
export function snowflake(): string {
  return String(900_000_000_000_000_000n + BigInt(++counter));
}

export interface UserData {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export const users: Record<'bot' | 'alice' | 'bob' | 'otherBot', UserData> = {
  bot: { id: IDS.bot, username: 'Policy Desk', global_name: null, discriminator: '0', avatar: null, bot: true },
  alice: { id: IDS.alice, username: 'alice', global_name: 'Alice', discriminator: '0', avatar: null },
  bob: { id: IDS.bob, username: 'bob', global_name: 'Bob', discriminator: '0', avatar: null },
  otherBot: { id: IDS.otherBot, username: 'Other Bot', global_name: null, discriminator: '0', avatar: null, bot: true },
};

const userById = new Map(Object.values(users).map((u) => [u.id, u]));
const joinedAt = '2024-01-01T00:00:00.000Z';
// View channels, send messages, embed links, read message history, use application commands.
const BOT_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 31n));

export function ready(sessionId: string, resumeUrl: string) {
  return {
    v: 10,
    user: { ...users.bot, verified: true, mfa_enabled: false, flags: 0 },
    guilds: [{ id: IDS.guild, unavailable: true }],
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard: [0, 1],
    application: { id: IDS.app, flags: 1 << 19 },
    private_channels: [],
    presences: [],
    relationships: [],
    guild_join_requests: [],
    user_settings: {},
  };
}

const role = (id: string, name: string, position: number, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  color: 0,
  colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
  hoist: false,
  icon: null,
  unicode_emoji: null,
  position,
  permissions: BOT_PERMISSIONS,
  managed: false,
  mentionable: true,
  flags: 0,
  ...extra,
});

const VIEW_CHANNEL = String(1n << 10n);

function thread(id: string, type: 11 | 12, parentId: string, name: string) {
  return {
    id,
    type,
    guild_id: IDS.guild,
    parent_id: parentId,
    name,
    owner_id: IDS.alice,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 2,
    flags: 0,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: joinedAt, locked: false, ...(type === 12 ? { invitable: false } : {}) },
  };
}

/** Every channel and thread of the fake server, by id. */
export function guildChannels(): Map<string, Record<string, unknown>> {
  const guild = guildCreate();
  return new Map([...guild.channels, ...guild.threads].map((c) => [c.id, c]));
}

export function guildCreate() {
  return {
    id: IDS.guild,
    name: 'Policy Network',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: IDS.alice,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    roles: [
      role(IDS.guild, '@everyone', 0),
      role(IDS.botRole, 'Policy Desk', 1, { managed: true, tags: { bot_id: IDS.bot } }),
      role(IDS.otherRole, 'Researchers', 2),
    ],
    emojis: [],
    stickers: [],
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [{ user: users.bot, roles: [IDS.botRole], joined_at: joinedAt, deaf: false, mute: false, flags: 0 }],
    channels: [
      { id: IDS.channel, type: 0, guild_id: IDS.guild, name: 'policy-questions', position: 0, permission_overwrites: [], topic: null, nsfw: false, parent_id: null, last_message_id: null, rate_limit_per_user: 0, flags: 0 },
      {
        id: IDS.hiddenChannel,
        type: 0,
        guild_id: IDS.guild,
        name: 'hr-cases',
        position: 1,
        // @everyone (the role with the server's id) may not view it; the bot's role may.
        permission_overwrites: [
          { id: IDS.guild, type: 0, allow: '0', deny: VIEW_CHANNEL },
          { id: IDS.botRole, type: 0, allow: VIEW_CHANNEL, deny: '0' },
        ],
        topic: null,
        nsfw: false,
        parent_id: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        flags: 0,
      },
    ],
    threads: [thread(IDS.privateThread, 12, IDS.channel, 'salary-questions'), thread(IDS.hiddenThread, 11, IDS.hiddenChannel, 'case-42')],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

function member(roles: string[] = []) {
  return { roles, joined_at: joinedAt, deaf: false, mute: false, flags: 0, nick: null, avatar: null, premium_since: null, pending: false };
}

export interface UserMessageOptions {
  content: string;
  author?: UserData;
  /** A DM to the bot instead of a message in the server's channel. */
  dm?: boolean;
  /** Another channel or thread of the server (IDS.hiddenChannel, …) than IDS.channel. */
  channelId?: string;
  id?: string;
}

/**
 * A MESSAGE_CREATE as Discord sends it: mentions are parsed from the text (outside code spans)
 * the way Discord parses them, so a test only writes what a person would type.
 */
export function userMessage(o: UserMessageOptions) {
  const author = o.author ?? users.alice;
  const text = o.content.replace(/`[^`]*`/g, '');
  const mentionedUsers = [...text.matchAll(/<@!?(\d+)>/g)].map((m) => userById.get(m[1]!)).filter((u): u is UserData => !!u);
  const base = {
    id: o.id ?? snowflake(),
    channel_id: o.dm ? IDS.dm : (o.channelId ?? IDS.channel),
    author,
    content: o.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@(everyone|here)\b/.test(text),
    mentions: mentionedUsers.map((u) => (o.dm ? u : { ...u, member: member() })),
    mention_roles: o.dm ? [] : [...text.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!),
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
    components: [],
  };
  return o.dm ? { ...base, channel_type: 1 } : { ...base, channel_type: 0, guild_id: IDS.guild, member: member() };
}

interface InteractionBase {
  user?: UserData;
  dm?: boolean;
  id?: string;
  token?: string;
}

function interactionBase(o: InteractionBase) {
  const user = o.user ?? users.alice;
  const id = o.id ?? snowflake();
  const common = {
    id,
    application_id: IDS.app,
    token: o.token ?? `interaction-token-${id}`,
    version: 1,
    app_permissions: BOT_PERMISSIONS,
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (o.dm) {
    return {
      ...common,
      channel_id: IDS.dm,
      channel: { id: IDS.dm, type: 1, flags: 0, last_message_id: null, recipients: [user] },
      user,
      context: 1,
      authorizing_integration_owners: { '1': user.id },
    };
  }
  return {
    ...common,
    guild_id: IDS.guild,
    guild_locale: 'en-US',
    guild: { id: IDS.guild, locale: 'en-US', features: [] },
    channel_id: IDS.channel,
    channel: { id: IDS.channel, type: 0, guild_id: IDS.guild, name: 'policy-questions', position: 0, permission_overwrites: [], nsfw: false, parent_id: null, flags: 0 },
    member: { ...member(), user, permissions: BOT_PERMISSIONS },
    context: 0,
    authorizing_integration_owners: { '0': IDS.guild },
  };
}

/** `/policy question:<text>` */
export function slashCommand(question: string, o: InteractionBase = {}) {
  return {
    ...interactionBase(o),
    type: 2,
    data: {
      id: IDS.command,
      name: 'policy',
      type: 1,
      options: [{ name: 'question', type: 3, value: question }],
      ...(o.dm ? {} : { guild_id: IDS.guild }),
    },
  };
}

/** A click on a button of `message` (a message object as the fake returned it). */
export function buttonClick(customId: string, message: Record<string, unknown>, o: InteractionBase = {}) {
  return {
    ...interactionBase(o),
    type: 3,
    message,
    data: { custom_id: customId, component_type: 2 },
  };
}
