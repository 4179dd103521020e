// `pnpm bench <name>`: runs one on-demand benchmark. Benchmarks are never part of `pnpm test`.
import { runBoardBench } from './board/main.ts';
import { runCommentsBench } from './comments/main.ts';
import { runSyncBench } from './sync/main.ts';
import { runWebBench } from './web/main.ts';

const benchmarks: Record<string, (argv: string[]) => Promise<void>> = {
  board: runBoardBench,
  comments: runCommentsBench,
  sync: runSyncBench,
  web: runWebBench,
};

const [name, ...rest] = process.argv.slice(2);
const bench = name === undefined ? undefined : benchmarks[name];
if (bench === undefined) {
  process.stderr.write(`usage: pnpm bench <${Object.keys(benchmarks).join('|')}> [flags]\n`);
  process.exit(2);
}
await bench(rest);
