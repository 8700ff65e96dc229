// The desks the answer tests ask: the ILO paper with its catalog, and two notes with no catalog.

import { afterAll, beforeAll } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import type { Reply } from '../../src/types.js';
import { ILO_DIR, NOTES_DIR } from '../fixtures/paths.js';

export interface TwoDesks {
  ilo: Desk;
  notes: Desk;
}

/** Opens both desks before the file's tests and closes them after; read them inside tests. */
export function useTwoDesks(): TwoDesks {
  const desks = {} as TwoDesks;
  beforeAll(async () => {
    desks.ilo = await openDesk({ seedsDir: ILO_DIR, dataDir: ':memory:' });
    desks.notes = await openDesk({ seedsDir: NOTES_DIR, dataDir: ':memory:' });
  });
  afterAll(() => {
    desks.ilo.close();
    desks.notes.close();
  });
  return desks;
}

export const ask = (desk: Desk, text: string): Promise<Reply> => desk.handle({ type: 'message', text, platform: 'test', user: 'U1' });
