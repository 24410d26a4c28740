/**
 * A dropped folder's files handed to the worker a few at a time over a MessagePort, the ones it
 * asks for first. Posting a picked File costs Chromium's page thread a blob registration and a
 * file-system call the first time (0.3–0.7 ms each, measured): one message of 10,000 Files held
 * the page for 3.2 s, and the worker could read nothing until all had arrived. Fed in slices,
 * the page keeps answering, and the worker reads index.json and the image it draws first while
 * the rest are still coming.
 */
import { yieldToPage } from './time-slices.ts';

/** Page → worker: files by their position in the folder's list. */
export interface FeedFiles {
  files: [number, Blob][];
}

/** Worker → page: send these positions next. */
export interface FeedWant {
  want: number[];
}

/** The smallest port both sides need (a MessagePort, or a fake in tests). */
export interface FeedPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  start?(): void;
  close?(): void;
}

/**
 * How long the page posts files in one task before it gives the page a turn. A post may wait on
 * the browser's process far longer than it usually takes (0.1–0.7 ms; 40–60 ms seen on a loaded
 * machine), so a slice leaves that wait room under 50 ms.
 */
export const FEED_SLICE_MS = 8;

/**
 * Post `files` over `port` in time-boxed slices, `first` (positions) before the rest and any
 * position the worker asks for (`FeedWant`) before what is still queued. Resolves when every
 * file is posted or the signal aborts (checked before each slice).
 */
export async function feedFiles(
  port: FeedPort,
  files: readonly Blob[],
  opts: {
    first?: readonly number[];
    signal?: AbortSignal;
    sliceMs?: number;
    /** How a slice gives the page its turn (a test counts the turns). */
    pause?: () => Promise<void>;
  } = {},
): Promise<void> {
  const sent = new Uint8Array(files.length);
  const urgent: number[] = [];
  const onWant = (e: MessageEvent): void => {
    const msg = e.data as Partial<FeedWant> | null;
    if (Array.isArray(msg?.want)) urgent.push(...msg.want);
  };
  port.addEventListener('message', onWant);
  port.start?.();
  const order = [...(opts.first ?? []), ...files.keys()];
  let next = 0;
  const take = (): number | undefined => {
    while (urgent.length) {
      const i = urgent.shift()!;
      if (i >= 0 && i < files.length && !sent[i]) return i;
    }
    while (next < order.length) {
      const i = order[next++]!;
      if (!sent[i]) return i;
    }
    return undefined;
  };
  const sliceMs = opts.sliceMs ?? FEED_SLICE_MS;
  let left = files.length;
  try {
    for (;;) {
      if (opts.signal?.aborted) return;
      const started = performance.now();
      // Each post pays for its file at once (a wait on the browser's process, far longer while it
      // is busy), so a slice posts one file a message until its time is up: a slow wait then
      // holds one file's post, not a batch's.
      for (let i = take(); i !== undefined; i = take()) {
        sent[i] = 1;
        left--;
        port.postMessage({ files: [[i, files[i]!]] } satisfies FeedFiles);
        if (performance.now() - started >= sliceMs) break;
      }
      if (left === 0) return;
      await (opts.pause ?? yieldToPage)();
    }
  } finally {
    port.removeEventListener('message', onWant);
  }
}

/** The worker's side: files as they arrive, any one awaited (and asked for) by position. */
export class FileFeed {
  private readonly files: (Blob | undefined)[];
  private readonly waiting = new Map<number, ((b: Blob) => void)[]>();
  private arrived = 0;
  private whenAll: (() => void)[] = [];

  constructor(
    private readonly port: FeedPort,
    readonly count: number,
    private readonly signal?: AbortSignal,
  ) {
    this.files = new Array<Blob | undefined>(count);
    port.addEventListener('message', this.onMessage);
    port.start?.();
  }

  /** How many files have arrived. */
  get received(): number {
    return this.arrived;
  }

  /** The file at this position, asking the page for it first when it has not come yet. */
  get(i: number): Promise<Blob> {
    return this.getMany([i]).then((b) => b[0]!);
  }

  /** The files at these positions, asked for together. */
  async getMany(positions: readonly number[]): Promise<Blob[]> {
    const missing = positions.filter((i) => !this.files[i]);
    if (missing.length === 0) return positions.map((i) => this.files[i]!);
    this.port.postMessage({ want: missing } satisfies FeedWant);
    const arrived = Promise.all(
      positions.map(
        (i) =>
          this.files[i] ??
          new Promise<Blob>((r) => {
            const list = this.waiting.get(i);
            if (list) list.push(r);
            else this.waiting.set(i, [r]);
          }),
      ),
    );
    return this.unlessAborted(arrived);
  }

  /** Every file, once all have arrived. */
  all(): Promise<Blob[]> {
    if (this.arrived === this.count) return Promise.resolve(this.files as Blob[]);
    return this.unlessAborted(
      new Promise<Blob[]>((resolve) => this.whenAll.push(() => resolve(this.files as Blob[]))),
    );
  }

  /** A wait that rejects when the feed's signal aborts (the page stops feeding then). */
  private unlessAborted<T>(p: Promise<T>): Promise<T> {
    const signal = this.signal;
    if (!signal) return p;
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    let onAbort!: () => void;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([p, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
  }

  /** Stop listening (the open is over or was aborted). */
  close(): void {
    this.port.removeEventListener('message', this.onMessage);
    this.port.close?.();
  }

  private readonly onMessage = (e: MessageEvent): void => {
    const msg = e.data as Partial<FeedFiles> | null;
    if (!Array.isArray(msg?.files)) return;
    for (const [i, blob] of msg.files) {
      if (i < 0 || i >= this.count || this.files[i]) continue;
      this.files[i] = blob;
      this.arrived++;
      for (const r of this.waiting.get(i) ?? []) r(blob);
      this.waiting.delete(i);
    }
    if (this.arrived === this.count) {
      const all = this.whenAll;
      this.whenAll = [];
      for (const w of all) w();
    }
  };
}
