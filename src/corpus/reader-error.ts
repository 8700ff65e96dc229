// A file a reader cannot index, with the reason a person can act on ("is protected by a
// password; skipped"). The loader prefixes the file name; anything else thrown is a bug.

export class ReaderError extends Error {
  override name = 'ReaderError';
  /** A timeout or a crashed reader: worth trying again later, so it is not remembered. */
  readonly transient: boolean;
  constructor(message: string, options: { transient?: boolean } = {}) {
    super(message);
    this.transient = options.transient ?? false;
  }
}
