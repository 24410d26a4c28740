/**
 * A value a handler sends after its call has ended, over a port of its own that goes with the
 * call's reply (transferred): a layer's listing is replied as soon as the tar is read, and its
 * diff_id, still being hashed by WebCrypto on the platform's thread, follows on the port. The
 * worker is free for its next call meanwhile.
 */
export function sendLater<T>(value: Promise<T>): MessagePort {
  const { port1, port2 } = new MessageChannel();
  // Closed once it has spoken: the message is delivered first, then the other end's `close`.
  void value
    .then(
      (v) => port1.postMessage({ ok: true, value: v }),
      (e: unknown) =>
        port1.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
    )
    .finally(() => port1.close());
  return port2;
}

/**
 * The value a `sendLater` port brings; rejects with the signal's reason if it aborts first, and
 * with an error if the other end closes without a word (its worker terminated or died): the
 * layer's check then says so rather than waiting forever.
 */
export function receiveLater<T>(port: MessagePort, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const done = (): void => {
      signal?.removeEventListener('abort', onAbort);
      port.removeEventListener('close', onClose);
      port.onmessage = null;
      port.close();
    };
    const onClose = (): void => {
      done();
      reject(new Error('the worker stopped before it sent the hashes'));
    };
    const onAbort = (): void => {
      done();
      reject(signal!.reason);
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    port.addEventListener('close', onClose);
    port.onmessage = (event: MessageEvent<{ ok: boolean; value?: T; message?: string }>) => {
      done();
      if (event.data.ok) resolve(event.data.value as T);
      else reject(new Error(event.data.message));
    };
  });
}
