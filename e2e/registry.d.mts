/** Types of registry.mjs for the TypeScript tests that use it. */
export declare const REGISTRY_BIN: string;
export declare function startRegistry(opts?: {
  http?: string;
}): Promise<{ host: string; stop: () => void }>;
export declare function push(source: string, host: string, repoTag: string, all?: boolean): void;
export declare function startTokenProxy(
  upstream: string,
  opts?: { user?: { name: string; password: string }; token?: string; cors?: boolean },
): Promise<{ host: string; tokenRequests: number; requests: string[]; stop: () => void }>;
