import { useMemo, useSyncExternalStore } from 'react';

/** What `useYVersion` needs of a Yjs type (a map, an array, a text, an XML fragment…). */
interface DeepObservable {
  observeDeep(listener: () => void): void;
  unobserveDeep(listener: () => void): void;
}

/**
 * A number that changes whenever anything inside `types` changes (deep), for React to re-derive
 * state read from them. `types` is called again only when `deps` change.
 */
export function useYVersion(types: () => DeepObservable[], deps: readonly unknown[]): number {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` name what `types` reads.
  const store = useMemo(() => {
    let version = 0;
    return {
      subscribe(notify: () => void) {
        const bump = () => {
          version += 1;
          notify();
        };
        const observed = types();
        for (const type of observed) type.observeDeep(bump);
        return () => {
          for (const type of observed) type.unobserveDeep(bump);
        };
      },
      version: () => version,
    };
  }, deps);
  return useSyncExternalStore(store.subscribe, store.version, () => 0);
}
