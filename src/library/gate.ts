// The live index is changed in place, so a question must never straddle a change: answers hold
// the gate while they run (they may await the store), and a change waits until none is running,
// then happens in one synchronous step. Questions that arrive while a change waits queue behind
// it; a change is a few milliseconds, so they barely notice.

export class EditionGate {
  private readers = 0;
  private writing: Promise<void> | undefined;
  private drained: (() => void) | undefined;

  /**
   * @param maxWaitMs A question that never finishes (a store that hangs) must not hold every
   * document update back for ever: past this, the change goes ahead anyway.
   */
  constructor(private readonly maxWaitMs = 5_000) {}

  /** Starts a question: waits while a change is pending. */
  async enter(): Promise<void> {
    while (this.writing) await this.writing;
    this.readers++;
  }

  leave(): void {
    this.readers--;
    if (this.readers === 0) this.drained?.();
  }

  /** Runs change once no question is in flight. Resolves false when it had to stop waiting. */
  async write(change: () => void): Promise<boolean> {
    while (this.writing) await this.writing;
    let open!: () => void;
    this.writing = new Promise((resolve) => (open = resolve));
    let drained = true;
    try {
      if (this.readers > 0) {
        drained = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), this.maxWaitMs);
          this.drained = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        this.drained = undefined;
      }
      change();
      return drained;
    } finally {
      this.writing = undefined;
      open();
    }
  }
}
