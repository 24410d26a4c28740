import type { ExplorerApi } from '../../worker/api.ts';
import { wholeHashCaps, type WholeCaps } from '../../worker/layer-job.ts';
import type { WorkerPool } from '../../worker/pool.ts';

/**
 * The most each of the pool's workers holds whole for WebCrypto (`wholeHashCaps`): one budget for
 * the device, shared by the pool's workers and its spare (a listing is foreground work, so the
 * spare may run one beside them).
 */
export function poolHashCaps(
  pool: Pick<WorkerPool<ExplorerApi>, 'size'>,
  deviceMemoryGiB = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory,
): WholeCaps {
  return wholeHashCaps(deviceMemoryGiB, pool.size + 1);
}
