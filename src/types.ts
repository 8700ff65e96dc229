// The neutral values that cross the line between the core and the adapters.
// Nothing here knows about any chat platform or terminal: adapters translate.

/**
 * Who is asking: a platform's name as its module under adapters/ declares it, or one of the
 * core's own callers ("cli", "digest", "test"). The core keeps it as a label and never branches on it.
 */
export type Platform = string;

/** What an adapter hands to the core. */
export type Incoming =
  /** Anything a person typed: a question or a command ("help", "search remittances", ...). */
  | { type: 'message'; text: string; platform: Platform; user?: string; channel?: string; audience?: Audience }
  /** A "Helpful" / "Not helpful" click on an earlier answer. */
  | { type: 'feedback'; questionId: number; helpful: boolean; platform: Platform; user?: string }
  /** "Share in channel": the same answer again, for everyone, without logging a new question. */
  | { type: 'share'; questionId: number; platform: Platform; user?: string };

/**
 * Who could see the question where it was asked: 'public' only when anyone in the workspace or
 * server could (a mention in a channel open to all of them); private channels and threads, DMs,
 * private commands and the terminal are 'private', and so is a channel the adapter is unsure of. Unset means
 * private: a question is quoted in the digest only when an adapter said it was asked in the open.
 */
export type Audience = 'public' | 'private';

export type ReplyKind =
  | 'answer' // a question answered from the documents
  | 'closest' // the best passage covers what the question is about, perhaps not every part of it
  | 'no-answer' // the documents don't cover it; citations are the closest matches
  | 'help'
  | 'list' // search results, sources, catalog lists
  | 'card' // one catalog entry, or a comparison
  | 'digest'
  | 'ack' // feedback recorded and the like
  | 'error'; // a misuse or an unexpected failure (then errorId is set)

export type Confidence = 'high' | 'partial' | 'none';

export type CitationRole = 'answer' | 'supporting' | 'closest' | 'result';

export interface Citation {
  role: CitationRole;
  /** Document title. */
  document: string;
  /** Section path inside the document, e.g. "A. Key issues › 3. Protection and integration". */
  section: string;
  /** Stable passage id (document slug + section + ordinal). */
  id: string;
  /** Full plain text of the passage. */
  passage: string;
  /** The sentences quoted word for word from the passage. */
  quote: string;
  /** Printed page label ("4", or "4–5" across a break), for documents that have pages. */
  page?: string;
}

/** "p. 4" / "pp. 4–5": how every renderer shows a citation's page. */
export function pageLabel(page: string | undefined): string {
  if (!page) return '';
  return /[–-]/.test(page) ? `pp. ${page}` : `p. ${page}`;
}

/** A labelled piece of a reply: a command in help, a row of a list, a fact on a card. */
export interface Field {
  name: string;
  value: string;
}

export interface Edition {
  /** Short content hash of everything indexed. */
  hash: string;
  /** ISO time the index was built. */
  indexedAt: string;
}

/** What the core answers. Renderers turn it into plain text, Block Kit or embeds. */
export interface Reply {
  kind: ReplyKind;
  title: string;
  /** The body in plain text (no markup): the answer's lead, a message, an intro. */
  text: string;
  /** Quoted passages, best first; citations[0] is the answer's source when kind is "answer". */
  citations: Citation[];
  fields: Field[];
  /** Small print: "the rest of your question was ignored", hints. */
  notes: string[];
  /** True when the documents answered the question, wholly (confidence "high") or in part ("partial"). */
  answered: boolean;
  /**
   * How sure the answer is, on every reply to a question: "high" (the quote answers it),
   * "partial" (the best passage covers what it is about, maybe not every part), "none" (not covered).
   */
  confidence?: Confidence;
  /** The question's words, as typed, that no passage uses (set with confidence). */
  unmatched?: string[];
  /** The cleaned question, when the message was a question or a search. */
  question?: string;
  /** Row id in the question log: adapters put it on feedback and share buttons. */
  questionId?: number;
  /** Set on unexpected failures so a person can quote it to whoever runs the bot. */
  errorId?: string;
  /** Only for the person who asked, wherever they asked (a rate-limit note): adapters never post it for all. */
  private?: boolean;
  /** Set when the person is past the rate limit: seconds until a question would be answered again. */
  retryAfterSeconds?: number;
  edition?: Edition;
}

/** One row of the command table: help, the CLI and Discord registration are all derived from it. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** How to call it, e.g. "search <terms>". */
  usage: string;
  /** An example a person could type. */
  example?: string;
}

/** Connection state of one platform, for health checks and logs. */
export interface PlatformStatus {
  connected: boolean;
  /** ISO time of the last event received from the platform. */
  lastEventAt?: string;
  /** ISO time the connection was last lost (unset while connected). */
  disconnectedAt?: string;
  /**
   * Set when the platform is connected but cannot deliver replies (its token was rejected):
   * why, in words naming the variable to fix, and since when.
   */
  degraded?: { reason: string; since: string };
}

/** A platform adapter once started: the entry point, the digest and health checks talk to it through this. */
export interface RunningPlatform {
  platform: Platform;
  /** Post a reply (e.g. the digest) to a channel, rendered the platform's way. */
  post(channel: string, reply: Reply): Promise<void>;
  status(): PlatformStatus;
  /** Stop taking events, finish what is in flight, disconnect. */
  stop(): Promise<void>;
}
