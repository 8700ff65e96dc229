// The store: the question log, feedback, the record of events already answered, and the digest's
// claims and results. An async interface with two back ends behind it: SQLite under DATA_DIR
// (the default, one process) and PostgreSQL at DATABASE_URL (any number of replicas sharing it).
// No SQL lives outside src/store/. The types, apart from openStore (src/store.ts), so the back ends need not import it.

import type { DigestRecords } from '../digest/records.js';
import type { Audience } from '../types.js';

export type { Audience };

/** How well the documents answered a question: fully, in part ("closest"), or not at all. */
export type Outcome = 'high' | 'partial' | 'none';

export interface QuestionRecord {
  id: number;
  at: string;
  platform: string;
  user: string | null;
  channel: string | null;
  question: string;
  answered: boolean;
  topPassageId: string | null;
  /** Edition of the documents the answer came from. */
  edition: string | null;
  /** Where it was asked: a channel others read (public) or a DM / private reply (private). */
  audience: Audience;
  /** How well the documents answered it; rows from before this was kept follow `answered`. */
  outcome: Outcome;
}

export interface NewQuestion {
  platform: string;
  user?: string;
  channel?: string;
  question: string;
  answered: boolean;
  topPassageId?: string;
  edition?: string;
  audience?: Audience;
  outcome?: Outcome;
  at?: Date;
}

export interface FeedbackCounts {
  helpful: number;
  notHelpful: number;
}

export interface FeedbackRecord {
  questionId: number;
  at: string;
  platform: string;
  user: string | null;
  helpful: boolean;
}

export interface NewFeedback {
  questionId: number;
  helpful: boolean;
  platform: string;
  user?: string;
  at?: Date;
}

export type StoreBackend = 'sqlite' | 'postgres';

export interface StoreHealth {
  backend: StoreBackend;
  /** degraded: the database is unreachable; answers go on, writes are retried, claims are kept in memory. */
  state: 'ok' | 'degraded';
  /** When it became degraded. */
  since?: string;
  /** Writes that failed since the last one that worked (retries of a waiting write not counted). */
  failures: number;
  /** The last failure's error code (ECONNREFUSED, SQLITE_FULL…) or name: never a value. */
  lastError?: string;
  /** Question-log writes waiting for the database, and those given up on since start. */
  pendingWrites: number;
  droppedWrites: number;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

export interface Store {
  readonly backend: StoreBackend;
  /** Where the data is, fit to print: a file, or host:port/database (never a user or password). */
  readonly where: string;
  /** The new question's id; undefined when it could not be recorded in time (the answer goes on without it). */
  logQuestion(q: NewQuestion): Promise<number | undefined>;
  question(id: number): Promise<QuestionRecord | undefined>;
  questionsSince(since: Date): Promise<QuestionRecord[]>;
  /** One vote per person per answer: a second click changes the vote. */
  recordFeedback(f: NewFeedback): Promise<void>;
  feedbackSince(since: Date): Promise<FeedbackCounts>;
  feedbackFor(questionId: number): Promise<FeedbackRecord[]>;
  /**
   * Remember that an event was handled. Resolves false when it had been seen already, by this
   * process or any other on the same database: platforms redeliver (Slack retries, Discord
   * resumes, every replica's gateway session) and each event must be answered once.
   */
  claimEvent(key: string, at?: Date): Promise<boolean>;
  /** The digest's posts (claims and results, with the documents each saw) and daily focus. */
  readonly digest: DigestRecords;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  health(): StoreHealth;
  close(): Promise<void>;
}

