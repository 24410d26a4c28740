import { push, startRegistry, startTokenProxy } from '../../e2e/registry.mjs';
import { DISTRIBUTION_CORS_CONFIG } from '../../src/core/registry/registry-client.ts';

/** A registry with the CORS headers the app documents (`DISTRIBUTION_CORS_CONFIG`). */
export function startCorsRegistry(): ReturnType<typeof startRegistry> {
  return startRegistry({ http: DISTRIBUTION_CORS_CONFIG });
}

export { push, startRegistry, startTokenProxy };
