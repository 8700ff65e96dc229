// The library: what is indexed now (corpus, catalog, index, edition), as one value swapped whole
// on reload. Its own module, so the commands, the digest and the desk all read it without
// importing each other.

import type { Edition } from '../types.js';
import type { Corpus } from '../corpus/load.js';
import type { Catalog } from '../catalog/load.js';
import type { PassageIndex } from '../search/index.js';

export interface Library {
  corpus: Corpus;
  catalog: Catalog;
  index: PassageIndex;
  edition: Edition;
  /** Problems that did not stop the build (a broken catalog file on reload, the old catalog kept). */
  problems: string[];
}

export interface ReloadResult {
  /** False when the documents were unchanged, or the new edition could not be built. */
  changed: boolean;
  edition: Edition;
  documents: number;
  passages: number;
  /** Files skipped or only partly read, and catalog problems, each naming the file. */
  problems: string[];
}
