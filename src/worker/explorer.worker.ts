/** The module worker: serves the explorer API (see api.ts) over the typed RPC. */
import { explorerApi } from './api.ts';
import { serve, type Endpoint } from './rpc.ts';

// Progress at 5 Hz is smooth enough for a bar and keeps the page's share of a busy CPU small.
serve(self as unknown as Endpoint, explorerApi, { progressIntervalMs: 200 });
