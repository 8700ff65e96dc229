// What every reader gives back, whatever the format: its own module, so the readers and the
// format table that loads them do not import each other.

import type { DocumentMeta } from './document.js';
import type { ParsedPassage } from './markdown.js';

export interface ParsedFile {
  meta: DocumentMeta;
  /** The document's own printed title (first level-1 heading), if it has one. */
  h1?: string;
  passages: ParsedPassage[];
  pages?: number;
  /** Problems that did not stop the reading, e.g. "pages 3, 4 have no text layer". */
  problems: string[];
  /** Why the file could not be read at all (remembered, so a broken file is not parsed again). */
  failure?: string;
}
