/**
 * A listing worker's own hashing worker: it takes a whole buffer and hashes its sha256 by
 * WebCrypto, so that a listing's two whole hashes (the diff_id and the raw digest) run side by
 * side (Chromium's WebCrypto hashes on the calling thread). It says `ready` once loaded: a
 * buffer is moved to it only then, so none is lost to a worker that never started.
 */
import type { HashReply, HashRequest } from './hash-beside.ts';

const scope = self as unknown as {
  postMessage(message: HashReply, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<HashRequest>) => void) | null;
};

scope.onmessage = (event) => {
  const { id, bytes } = event.data;
  crypto.subtle.digest('SHA-256', bytes).then(
    (hash) => scope.postMessage({ id, hash }, [hash]),
    (e: unknown) => scope.postMessage({ id, error: e instanceof Error ? e.message : String(e) }),
  );
};
scope.postMessage({ ready: true });
