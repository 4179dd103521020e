// `pnpm bench web`'s headless typists: official y-websocket providers in Node that type into the
// document the browsers have open, each with a caret the browsers draw. Started by
// tests/bench/web.bench.ts with a JSON spec as its only argument; prints `ready` once every
// typist has synced, types for the given time, prints a JSON summary and exits.
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { z } from 'zod';

const specSchema = z.object({
  serverUrl: z.string().url(),
  docName: z.string().min(1),
  /** One sync token per typist. */
  tokens: z.array(z.string().min(1)).min(1),
  keysPerSecond: z.number().positive(),
  seconds: z.number().positive(),
  /** Blocks before this index are left alone (the browsers measure there). */
  firstBlock: z.number().int().min(0),
});

const LETTERS = 'etaoinshrdlu ';

interface Typist {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

function connect(spec: z.infer<typeof specSchema>, token: string, n: number): Promise<Typist> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(spec.serverUrl, spec.docName, doc, {
    params: { token },
    // ws implements the browser WebSocket interface the provider uses, but not its DOM typings.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalStateField('user', { name: `Typist ${n + 1}`, color: '#0e7490' });
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced) return;
      provider.off('sync', onSync);
      resolve({ doc, provider });
    };
    provider.on('sync', onSync);
  });
}

/** One key: a letter at a random place of a random paragraph, with the caret moved after it. */
function typeKey({ doc, provider }: Typist, firstBlock: number): boolean {
  const blocks = doc.getXmlFragment('default');
  if (blocks.length <= firstBlock) return false;
  const block = blocks.get(firstBlock + Math.floor(Math.random() * (blocks.length - firstBlock)));
  const text = block instanceof Y.XmlElement ? block.get(0) : null;
  if (!(text instanceof Y.XmlText)) return false;
  const at = Math.floor(Math.random() * (text.length + 1));
  text.insert(at, LETTERS[Math.floor(Math.random() * LETTERS.length)] ?? 'e');
  const caret = Y.createRelativePositionFromTypeIndex(text, at + 1);
  provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
  return true;
}

const spec = specSchema.parse(JSON.parse(process.argv[2] ?? ''));
const typists = await Promise.all(spec.tokens.map((token, n) => connect(spec, token, n)));
process.stdout.write('ready\n');
let keys = 0;
const interval = 1000 / spec.keysPerSecond;
const timers: NodeJS.Timeout[] = [];
typists.forEach((typist, n) => {
  // Staggered, so the typists' keys are spread over each interval rather than all at once.
  const start = setTimeout(
    () => {
      timers.push(
        setInterval(() => {
          if (typeKey(typist, spec.firstBlock)) keys++;
        }, interval),
      );
    },
    (interval * n) / typists.length,
  );
  timers.push(start);
});
await new Promise((done) => setTimeout(done, spec.seconds * 1000));
for (const timer of timers) clearTimeout(timer);
for (const { doc, provider } of typists) {
  provider.destroy();
  doc.destroy();
}
process.stdout.write(`${JSON.stringify({ typists: typists.length, keys })}\n`);
