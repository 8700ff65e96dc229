// Rows as both back ends return them (SQLite: text times and 0/1; PostgreSQL: Dates and booleans),
// turned into the store's records in one place.

import type { Audience, FeedbackRecord, QuestionRecord } from './types.js';
import type { DocumentSnapshot, FocusRecord, PostChange, PostRecord, PostStatus } from '../digest/records.js';

type Time = string | Date;
type Flag = number | boolean;

export interface QuestionRow {
  id: number | string;
  at: Time;
  platform: string;
  user: string | null;
  channel: string | null;
  question: string;
  answered: Flag;
  top_passage_id: string | null;
  edition: string | null;
  audience: string | null;
  outcome: string | null;
}

export interface FeedbackRow {
  question_id: number | string;
  at: Time;
  platform: string;
  user: string | null;
  helpful: Flag;
}

export interface PostRow {
  platform: string;
  channel: string;
  local_date: string;
  status: PostStatus;
  attempts: number;
  updated_at: Time;
  covered_until: Time | null;
  next_attempt_at: Time | null;
  error: string | null;
  documents: string | null;
  owner?: string | null;
}

export interface FocusRow {
  local_date: string;
  item: string;
  cycle: number;
}

const iso = (t: Time): string => (typeof t === 'string' ? t : t.toISOString());
const date = (t: Time | null): Date | undefined => (t === null ? undefined : new Date(t));

export function toQuestion(row: QuestionRow): QuestionRecord {
  return {
    id: Number(row.id),
    at: iso(row.at),
    platform: row.platform,
    user: row.user,
    channel: row.channel,
    question: row.question,
    answered: row.answered === true || row.answered === 1,
    topPassageId: row.top_passage_id,
    edition: row.edition,
    audience: row.audience === 'public' ? 'public' : ('private' satisfies Audience),
    outcome: row.outcome === 'high' || row.outcome === 'partial' || row.outcome === 'none' ? row.outcome : row.answered === true || row.answered === 1 ? 'high' : 'none',
  };
}

export function toFeedback(row: FeedbackRow): FeedbackRecord {
  return { questionId: Number(row.question_id), at: iso(row.at), platform: row.platform, user: row.user, helpful: row.helpful === true || row.helpful === 1 };
}

export function toPost(row: PostRow | undefined): PostRecord | undefined {
  if (!row) return undefined;
  return {
    platform: row.platform,
    channel: row.channel,
    localDate: row.local_date,
    status: row.status,
    attempts: row.attempts,
    updatedAt: new Date(row.updated_at),
    coveredUntil: date(row.covered_until),
    nextAttemptAt: date(row.next_attempt_at),
    error: row.error ?? undefined,
    documents: row.documents ? (JSON.parse(row.documents) as DocumentSnapshot[]) : undefined,
    owner: row.owner ?? undefined,
  };
}

export function toFocus(row: FocusRow | undefined): FocusRecord | undefined {
  return row ? { localDate: row.local_date, item: row.item, cycle: row.cycle } : undefined;
}

const POST_COLUMNS: Record<string, string> = {
  status: 'status',
  attempts: 'attempts',
  coveredUntil: 'covered_until',
  nextAttemptAt: 'next_attempt_at',
  error: 'error',
  documents: 'documents',
  owner: 'owner',
};

/** A post change as column = value pairs (updated_at first), times as ISO text, documents as JSON. */
export function postColumns(change: PostChange): [string, unknown][] {
  const pairs: [string, unknown][] = [['updated_at', change.at.toISOString()]];
  for (const [key, column] of Object.entries(POST_COLUMNS)) {
    if (!(key in change)) continue;
    const value = change[key as keyof PostChange];
    pairs.push([column, value === undefined ? null : value instanceof Date ? value.toISOString() : Array.isArray(value) ? JSON.stringify(value) : value]);
  }
  return pairs;
}
