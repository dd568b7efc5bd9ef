// Continuous run (re-run on save), free of `vscode` so it is tested without an editor. The Test
// Explorer's watch toggle starts one for the items it was asked for; each save of a scenario they
// cover (and each change of the `scansion.*` settings, which covers those whose folder it changes)
// re-runs what changed. Saves that arrive together (Save All) make one run; a file saved again while
// it runs cuts that run short (its result would be outdated) and the run's scenarios run once more;
// other saves wait for the run in progress.

/** What a continuous run does: it knows which scenarios it covers and how to run some of them. */
export interface ContinuousTarget {
  /** Whether a save of this scenario file (a URI string) re-runs it. */
  covers(uri: string): boolean;
  /** Every scenario the run covers, for a change that affects them all (the settings). */
  all(): string[];
  /** Runs these scenarios (URI strings) as one test run; `signal` aborts it (connections closed).
   *  Should not reject; a rejection is passed to `onError` and the next run goes on. */
  run(uris: string[], signal: AbortSignal): Promise<void>;
  onError?(error: unknown): void;
}

export class ContinuousRun {
  private readonly waiting = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: { uris: Set<string>; abort: AbortController; done: Promise<void> } | undefined;
  private disposed = false;

  /** `gatherMs`: how long to wait after a save for others that belong to the same change. */
  constructor(
    private readonly target: ContinuousTarget,
    private readonly gatherMs = 150,
  ) {}

  /** A scenario file was saved (or changed on disk): re-runs it soon when the run covers it. */
  saved(uri: string): void {
    if (this.disposed || !this.target.covers(uri)) return;
    this.waiting.add(uri);
    this.outdated([uri]);
    this.schedule();
  }

  /** The settings a run reads changed: re-runs every scenario covered for which `affects` (a URI
   *  string) says the change counts (in VS Code, the settings of its own workspace folder). */
  settingsChanged(affects: (uri: string) => boolean = () => true): void {
    if (this.disposed) return;
    const affected = this.target.all().filter(affects);
    if (affected.length === 0) return;
    for (const uri of affected) this.waiting.add(uri);
    this.outdated(affected);
    this.schedule();
  }

  /** The run in progress, if any, ends (for tests and the end of the continuous run). */
  async idle(): Promise<void> {
    while (this.timer !== undefined || this.current) {
      if (this.current) await this.current.done;
      else await new Promise((resolve) => setTimeout(resolve, this.gatherMs));
    }
  }

  /** Stops: no more runs start, and the one in progress is aborted. Resolves when it has ended. */
  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.clear();
    this.current?.abort.abort();
    await this.current?.done;
  }

  /** Cuts the run in progress short when it runs one of `uris` (its result would be outdated); the
   *  other scenarios of that run, cut short with it, run again too. */
  private outdated(uris: string[]): void {
    const current = this.current;
    if (!current || !uris.some((uri) => current.uris.has(uri))) return;
    for (const uri of current.uris) this.waiting.add(uri);
    current.abort.abort();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.next();
    }, this.gatherMs);
  }

  /** Starts a run of what waits, once the run in progress (if any) has ended. */
  private async next(): Promise<void> {
    if (this.current) {
      await this.current.done;
      // The run that just ended started the next one if anything waited.
      return;
    }
    if (this.disposed || this.waiting.size === 0) return;
    const uris = new Set(this.waiting);
    this.waiting.clear();
    const abort = new AbortController();
    const done = this.target.run([...uris], abort.signal).catch((error: unknown) => this.target.onError?.(error));
    this.current = { uris, abort, done };
    await done;
    this.current = undefined;
    if (this.waiting.size > 0 && this.timer === undefined) void this.next();
  }
}
