import type { OpenRequest } from '../state/session.ts';

/** A request to open a small file named `name`, keyed by that name. */
export const fileRequest = (name: string): OpenRequest => ({
  source: { kind: 'file', name, blob: new Blob(['x']) },
  inputKey: `file:${name}`,
  label: name,
});
