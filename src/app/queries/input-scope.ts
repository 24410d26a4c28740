import type { QueryFilters } from '@tanstack/react-query';

/**
 * What every query key of an opened input carries: the input's key. Results are content-addressed
 * (the digest names them), but a digest is only a claim until the bytes are hashed: two inputs
 * may store different bytes under one digest, and each must be checked on its own.
 */
export interface InputScoped {
  inputKey: string;
}

/**
 * The filter matching every query of one resource for one input: TanStack matches an object in
 * a key by its listed fields, so no predicate reads positions in a key.
 */
export function inputFilter(resource: string, inputKey: string): QueryFilters {
  return { queryKey: [resource, { inputKey } satisfies InputScoped] };
}
