// A file a reader cannot index, with the reason a person can act on ("is protected by a
// password; skipped"). The loader prefixes the file name; anything else thrown is a bug.

export class ReaderError extends Error {
  override name = 'ReaderError';
}
