import { useMemo, useSyncExternalStore } from 'react';

/** What `useYVersion` needs of a Yjs type (a map, an array, a text, an XML fragment…). */
interface DeepObservable {
  observeDeep(listener: () => void): void;
  unobserveDeep(listener: () => void): void;
}

/**
 * A number that changes whenever anything inside `types` changes (deep), for React to re-derive
 * state read from them. Pass a memoised array: a new one resubscribes.
 */
export function useYVersion(types: readonly DeepObservable[]): number {
  const store = useMemo(() => {
    let version = 0;
    return {
      subscribe(notify: () => void) {
        const bump = () => {
          version += 1;
          notify();
        };
        for (const type of types) type.observeDeep(bump);
        return () => {
          for (const type of types) type.unobserveDeep(bump);
        };
      },
      version: () => version,
    };
  }, [types]);
  return useSyncExternalStore(store.subscribe, store.version, () => 0);
}
