// Test fixture (embedded.test.ts): owns an embedded cluster in the directory given, writes a
// note, prints "ready", and keeps the cluster until it is killed.
import { startEmbeddedPostgres } from '../embedded.ts';
import { addNote } from './fixtures.ts';

const [dataDir, note] = process.argv.slice(2);
if (!dataDir || !note) throw new Error('usage: owner.fixture.ts <dataDir> <note>');
const running = await startEmbeddedPostgres({ dataDir, database: 'owned' });
await addNote(running.url, note);
process.stdout.write('ready\n');
