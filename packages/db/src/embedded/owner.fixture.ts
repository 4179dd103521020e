// Test fixture (embedded.test.ts): owns an embedded cluster in the directory given, writes a
// note, prints "ready" and keeps the cluster until it is killed. On SIGTERM it behaves like an
// app shutting down: it writes one more note ("<note> flushed"), then stops the cluster.
import { startEmbeddedPostgres } from '../embedded.ts';
import { addNote } from './fixtures.ts';

const [dataDir, note] = process.argv.slice(2);
if (!dataDir || !note) throw new Error('usage: owner.fixture.ts <dataDir> <note>');
const running = await startEmbeddedPostgres({ dataDir, database: 'owned' });
await addNote(running.url, note);
process.once('SIGTERM', async () => {
  await addNote(running.url, `${note} flushed`);
  await running.stop();
  process.exit(0);
});
process.stdout.write('ready\n');
