// Under `npm start` the bot is npm's child. npm passes SIGTERM and SIGINT on, but a parent killed
// outright (SIGKILL, a crash) passes nothing: the bot would run on, orphaned, unseen by whatever
// manages it. So the bot checks that the process that started it is still there.

export interface ParentWatch {
  stop(): void;
}

/** Calls onGone once when the parent process no longer exists (checked every intervalMs). */
export function whenParentExits(onGone: () => void, intervalMs = 1000): ParentWatch {
  // process.ppid is read once at start-up in Node 20, so it never shows the change; ask the OS.
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (alive(parent)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is just not ours to signal.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
