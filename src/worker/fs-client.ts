import type { PathEvent } from '../core/fs/types.ts';
import type { TreeMode } from '../core/fs/fs-rows.ts';
import type { ChangeFilter } from '../core/fs/change-filter.ts';
import type { EncodedTree } from './tree-codec.ts';
import { packWindows } from '../core/layers/gzip-checkpoints.ts';
import type { ImageAnalysis } from './analyze.ts';
import { entryBuffers, type EncodedEntries } from './entry-codec.ts';
import type { ExplorerApi } from './api.ts';
import type { FsLayerBlob, FsReadProgress, FsReadResult, FsReply } from './fs-session.ts';
import type { ArgsOf, CallOptions, ProgressOf, RpcClient } from './rpc.ts';

/**
 * An image's filesystem as the page holds it. The worker keeps what it was sent, so each call
 * names the image by `key` alone and the rest travels only when the worker asks for it.
 */
export interface FsImage {
  /** Identifies the image's filesystem (manifest digest and input key). */
  key: string;
  /** The layers' listings, bottom first. */
  layers: { name: string; entries: EncodedEntries }[];
  /** Each layer's blob, by layer index. */
  blobs: FsLayerBlob[];
  /** One character per layer, changing when that layer's blob gains checkpoints. */
  blobsVersion: string;
  /**
   * Copies of `layers`' listings that may be moved to the worker (transferred, so this thread
   * copies nothing), once: null when there are none (then `layers` is cloned).
   */
  takeSpares?: () => EncodedEntries[] | null;
}

/** A file as layer `layer` leaves it. */
export interface FsFile {
  path: string;
  layer: number;
}

/** The filesystem worker's methods the client calls (each answers with an `FsReply`). */
type FsMethod = 'fsTree' | 'fsAnalysis' | 'fsHistory' | 'fsRead' | 'fsLines' | 'fsBlob';
type ValueOf<K extends FsMethod> =
  Awaited<ReturnType<ExplorerApi[K]>> extends FsReply<infer T> ? T : never;

/** The one thing the client needs of the RPC: a typed call (the worker's, or an in-process one). */
export type FsRpc = Pick<RpcClient<ExplorerApi>, 'call'>;

/**
 * How many times one call is sent at most: a first try without listings or blobs, then the
 * listings, then one blob — a worker that still lacks something after that has lost its state
 * while the call was made (it was replaced), and the caller's retry starts afresh.
 */
const MAX_SENDS = 4;

/**
 * The filesystem worker behind one typed client: each method sends the lightest call (no
 * listings, no blobs: the worker keeps them), and when the worker replies that it lacks the
 * listings or a layer's current blob, sends the same call again with just that. The pool's
 * background work (the verify pass) is held meanwhile: the user is waiting for this.
 */
export class FsClient {
  /**
   * Calls on their way with an image's listings, by image key: a call told "need layers" while
   * one is on its way waits for it and asks again, rather than sending them a second time (the
   * tree's and the analysis's calls ask together; the second sent a clone of every listing, ~25
   * MB and ~20-30 ms of the page's thread for 300,000 paths, for a merge the worker already had).
   */
  private readonly sendingLayers = new Map<string, Promise<unknown>>();

  constructor(
    private readonly rpc: () => FsRpc,
    private readonly holdBackground: () => () => void = () => () => undefined,
  ) {}

  /** The tree for a mode with dive's change toggles applied, as columns (see tree-codec.ts). */
  tree(
    image: FsImage,
    mode: TreeMode,
    changes: ChangeFilter,
    opts: CallOptions<never> = {},
  ): Promise<{ tree: EncodedTree; layerCount: number; ms: number }> {
    return this.ask('fsTree', image, { mode, changes }, opts);
  }

  /**
   * The image's net and wasted bytes per layer, from the filesystem the worker keeps. Not a
   * wait of the user's: the verify pass goes on meanwhile.
   */
  analysis(image: FsImage, opts: CallOptions<never> = {}): Promise<ImageAnalysis> {
    return this.ask('fsAnalysis', image, {}, opts, false);
  }

  /** A path's history (every layer that touched it). */
  history(image: FsImage, path: string, opts: CallOptions<never> = {}): Promise<PathEvent[]> {
    return this.ask('fsHistory', image, { path }, opts);
  }

  /** `length` bytes of a file from `offset`, with how the read approaches them as progress. */
  read(
    image: FsImage,
    file: FsFile,
    offset: number,
    length: number,
    opts: CallOptions<FsReadProgress> = {},
  ): Promise<FsReadResult> {
    return this.ask('fsRead', image, { path: file.path, layer: file.layer, offset, length }, opts);
  }

  /** Newlines in a file before `offset`. */
  lines(
    image: FsImage,
    file: FsFile,
    offset: number,
    opts: CallOptions<never> = {},
  ): Promise<{ offset: number; linesBefore: number }> {
    return this.ask('fsLines', image, { path: file.path, layer: file.layer, offset }, opts);
  }

  /** The whole file as a Blob, with progress in bytes. */
  blob(
    image: FsImage,
    file: FsFile,
    opts: CallOptions<{ bytes: number; total: number }> = {},
  ): Promise<Blob> {
    return this.ask('fsBlob', image, { path: file.path, layer: file.layer }, opts);
  }

  /** Hand the worker these layers' blobs ahead of any read (their checkpoints just came). */
  keepBlobs(
    image: Pick<FsImage, 'key' | 'blobs' | 'blobsVersion'>,
    layers: readonly number[],
    spares: readonly (ArrayBuffer | null)[],
    opts: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const transfer: Transferable[] = [];
    const keep = Object.fromEntries(
      layers.map((i) => [i, sendable(image.blobs[i]!, transfer, spares[i] ?? null)]),
    );
    return this.rpc().call(
      'fsKeepBlobs',
      { key: image.key, blobsVersion: image.blobsVersion, keep },
      { ...opts, transfer },
    );
  }

  /** Send a call, then answer what the worker says it lacks, in this one place. */
  private async ask<K extends FsMethod>(
    method: K,
    image: FsImage,
    extra: object,
    // Any method's options: a handler of one method's progress takes no other's.
    opts: { signal?: AbortSignal; onProgress?: (value: never) => void },
    hold = true,
  ): Promise<ValueOf<K>> {
    const sent: Record<string, unknown> = {
      key: image.key,
      blobsVersion: image.blobsVersion,
      ...extra,
    };
    let transfer: Transferable[] = [];
    const release = hold ? this.holdBackground() : () => undefined;
    try {
      let waited = false;
      for (let send = 1; ; send++) {
        const call = this.rpc().call(method, sent as ArgsOf<ExplorerApi[K]>, {
          // The public methods give each method's own progress type; here they are one.
          ...(opts as CallOptions<ProgressOf<ExplorerApi[K]>>),
          transfer,
        });
        const carries = sent['layers'] !== undefined;
        if (carries) this.sendingLayers.set(image.key, call);
        let reply: FsReply<ValueOf<K>>;
        try {
          reply = (await call) as FsReply<ValueOf<K>>;
        } finally {
          if (carries && this.sendingLayers.get(image.key) === call)
            this.sendingLayers.delete(image.key);
        }
        transfer = [];
        if (reply.ok) return reply.value;
        if (send >= MAX_SENDS)
          throw new Error(
            `the filesystem worker still lacks ${describe(reply)} after ${send} calls`,
          );
        // The worker has the listings when it asks for a blob: they need not travel again.
        if (reply.need !== 'layers') delete sent['layers'];
        const inFlight = this.sendingLayers.get(image.key);
        if (reply.need === 'layers' && inFlight !== undefined && !waited) {
          // Once: if the worker still lacks them after that call, they are sent with this one.
          waited = true;
          send--;
          await inFlight.catch(() => undefined);
          continue;
        }
        if (reply.need === 'layers') {
          const spares = image.takeSpares?.() ?? null;
          sent['layers'] = spares
            ? image.layers.map((l, i) => ({ name: l.name, entries: spares[i]! }))
            : image.layers;
          if (spares) transfer.push(...spares.flatMap(entryBuffers));
        } else {
          const blob = image.blobs[reply.layer];
          if (!blob)
            throw new Error(
              `the filesystem worker asked for layer ${reply.layer}, which the image does not have`,
            );
          sent['blobs'] = {
            ...(sent['blobs'] as object | undefined),
            [reply.layer]: sendable(blob, transfer),
          };
        }
      }
    } finally {
      release();
    }
  }
}

const describe = (need: { need: 'layers' } | { need: 'blob'; layer: number }): string =>
  need.need === 'layers' ? 'the layer listings' : `the blob of layer ${need.layer}`;

/**
 * A layer blob to send to the worker, its checkpoint windows in one fresh buffer added to
 * `transfer`: the verify pass's spare copy when it is still here (not yet sent), else a copy
 * made here (~30 ms for 6.6 MB on a busy 2-core machine). A structured clone of 8 MiB of
 * windows held the page for ~60 ms (~50 ms even when they share one buffer).
 */
export function sendable(
  blob: FsLayerBlob,
  transfer: Transferable[],
  spare: ArrayBuffer | null = null,
): FsLayerBlob {
  const cps = blob.checkpoints;
  if (!cps?.length) return { ...blob, checkpoints: undefined };
  const one = cps[0]!.window.buffer;
  const usable =
    spare !== null &&
    spare.byteLength > 0 &&
    spare.byteLength === one.byteLength &&
    cps.every((c) => c.window.buffer === one);
  const checkpoints = usable
    ? cps.map((c) => ({
        ...c,
        window: new Uint8Array(spare, c.window.byteOffset, c.window.length),
      }))
    : packWindows(cps);
  transfer.push(checkpoints[0]!.window.buffer as ArrayBuffer);
  return { ...blob, checkpoints };
}
