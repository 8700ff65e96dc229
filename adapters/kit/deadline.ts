// Time limits every platform puts on the network: a connection that neither succeeds nor fails
// must not leave a platform "starting" for ever, nor hold up a shutdown.

/** How long a platform gets to connect at start-up before it counts as an outage (and is retried). */
export const CONNECT_TIMEOUT_MS = 30_000;

/** The promise's result, or the error `late()` makes once `ms` have passed first. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for the promise to settle, at most `ms`; never throws (for disconnecting on the way out). */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
