/** The module worker: serves the explorer API (see api.ts) over the typed RPC. */
import { explorerApi } from './api.ts';
import { workerIdle } from './layer-job.ts';
import { serve, type Endpoint } from './rpc.ts';

// Progress at 5 Hz is smooth enough for a bar and keeps the page's share of a busy CPU small.
// Told that the pool has nothing queued for it, a listing's held-back hashing starts at once.
serve(self as unknown as Endpoint, explorerApi, { progressIntervalMs: 200, onIdle: workerIdle });
