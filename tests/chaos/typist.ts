// One simulated person: the official y-websocket client in Node, typing markers such as
// `[t07.123]` into a shared Y.Text through HAProxy, and recording what it sees and when.
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const MARKER = /\[t\d+\.\d+\]/g;

export class Typist {
  readonly doc = new Y.Doc();
  readonly text: Y.Text;
  readonly provider: WebsocketProvider;
  /** Marker → when this typist typed it. */
  readonly typed = new Map<string, number>();
  /** Marker typed by someone else → when it first arrived here. */
  readonly seen = new Map<string, number>();
  /** Durations from losing the connection to being synced again, in ms. */
  readonly reconnects: number[] = [];
  private disconnectedAt: number | undefined;
  private count = 0;
  private timer: NodeJS.Timeout | undefined;

  readonly id: number;
  readonly docName: string;
  /** The organisation its token names: the stored document is read in its scope. */
  readonly orgId: string;

  constructor(id: number, docName: string, orgId: string, collabUrl: string, token: string) {
    this.id = id;
    this.docName = docName;
    this.orgId = orgId;
    this.text = this.doc.getText('t');
    this.provider = new WebsocketProvider(collabUrl, docName, this.doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    this.provider.on('status', ({ status }) => {
      if (status === 'disconnected' && this.disconnectedAt === undefined) {
        this.disconnectedAt = Date.now();
      }
    });
    this.provider.on('sync', (synced: boolean) => {
      if (!synced || this.disconnectedAt === undefined) return;
      this.reconnects.push(Date.now() - this.disconnectedAt);
      this.disconnectedAt = undefined;
    });
    this.text.observe((event) => {
      if (event.transaction.local) return;
      const now = Date.now();
      for (const change of event.changes.delta) {
        if (typeof change.insert !== 'string') continue;
        for (const [marker] of change.insert.matchAll(MARKER)) {
          if (!this.seen.has(marker)) this.seen.set(marker, now);
        }
      }
    });
  }

  /** Connected and holding the server's state (synced since the last disconnect). */
  get live(): boolean {
    return this.provider.wsconnected && this.provider.synced && this.disconnectedAt === undefined;
  }

  startTyping(intervalMs: number): void {
    this.timer = setInterval(() => this.typeOne(), intervalMs);
  }

  stopTyping(): void {
    clearInterval(this.timer);
  }

  /** Inserts one marker at a random marker boundary, so no marker is ever split. */
  private typeOne(): void {
    this.count += 1;
    const marker = `[t${this.id}.${this.count}]`;
    const current = this.text.toString();
    const from = Math.floor(Math.random() * (current.length + 1));
    const boundary = current.indexOf(']', from);
    const at = boundary === -1 ? current.length : boundary + 1;
    this.text.insert(at, marker);
    this.typed.set(marker, Date.now());
  }

  markersInText(): Set<string> {
    return new Set([...this.text.toString().matchAll(MARKER)].map(([m]) => m));
  }

  destroy(): void {
    this.stopTyping();
    this.provider.destroy();
    this.doc.destroy();
  }
}
