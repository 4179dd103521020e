/** Origins of Yjs and awareness changes that did not come from a local connection. */
export const Origin = {
  /** Relayed by another instance over the bus: already stored (or not ours to store). */
  bus: Symbol('bus'),
  /** Read from `doc_updates` / `doc_snapshots`: already stored. */
  store: Symbol('store'),
  /** Made by this server itself (awareness removals when a connection closes). */
  server: Symbol('server'),
} as const;
