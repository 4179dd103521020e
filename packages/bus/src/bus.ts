/**
 * Fan-out between processes (ARCHITECTURE.md §6). Both implementations are at-most-once:
 * receivers repair gaps from `doc_updates`, so a lost message costs latency, never data.
 */
export type BusMessageKind = 'update' | 'awareness' | 'control';

export interface BusMessage {
  docName: string;
  kind: BusMessageKind;
  /** Instance id of the publisher, so a process ignores its own messages. */
  origin: string;
  /**
   * For `update`: the `doc_updates` row id (decimal string) the update was stored as.
   * Published only after that row is committed.
   */
  updateId?: string;
  /**
   * The bytes: a Yjs update, an awareness update, or a JSON control message. May be omitted
   * for `update` when it is too large for the transport; receivers then read the row by id.
   */
  payload?: Uint8Array;
  /** When the publisher sent it (ms since the epoch), for the bus-lag metric. */
  sentAt?: number;
}

export type BusHandler = (message: BusMessage) => void;

export interface Bus {
  /** This process's instance id, stamped on everything it publishes. */
  readonly instanceId: string;
  publish(message: Omit<BusMessage, 'origin'>): Promise<void>;
  /** Starts delivering messages for `docName` to `handler`; resolves once listening. */
  subscribe(docName: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
