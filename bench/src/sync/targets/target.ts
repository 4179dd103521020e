import type { ConnectSpec } from '../clients/connect-spec.ts';

/** One server under test, running in its own child process. */
export interface Target {
  name: string;
  /** A fresh document name this server accepts. */
  newDocName(): string;
  /** How a client opens `docName` on this server (with a token where one is needed). */
  specFor(docName: string): Promise<ConnectSpec>;
  /** Resident set size of the server process, in kB. */
  rssKb(): Promise<number>;
  /** CPU seconds the server process has used so far. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}
