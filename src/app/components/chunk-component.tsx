import { lazy, type ComponentType, type JSX } from 'react';

/**
 * A component in a chunk of its own: `load` fetches the chunk (call it ahead, while something
 * else shows), and `Component` renders it lazily until the chunk is here, then directly. A lazy
 * component suspends at least once even when its chunk is loaded, and React holds back
 * revealing suspended content for up to 300 ms: rendered directly, it shows in the same commit.
 */
export function chunkComponent<P extends object>(
  importer: () => Promise<ComponentType<P>>,
): { load: () => Promise<ComponentType<P>>; Component: (props: P) => JSX.Element } {
  let loaded: ComponentType<P> | null = null;
  const load = (): Promise<ComponentType<P>> => importer().then((c) => (loaded = c));
  const Lazy = lazy(() => load().then((c) => ({ default: c })));
  function Component(props: P): JSX.Element {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { load, Component };
}
