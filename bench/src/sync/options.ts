import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const serverNames = ['specboard', 'reference', 'hocuspocus'] as const;
export const workloadNames = ['idle', 'fanout', 'replay', 'cold', 'crash'] as const;

/** Shared data sits beside the checkout (`../shared/data` from the repository root). */
const defaultTrace = resolve(
  import.meta.dirname,
  '../../../../shared/data/automerge-paper.json.gz',
);

const count = z.coerce.number().int().positive();
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => s.split(',').filter((v) => v !== ''))
    .pipe(z.array(z.enum(values)).min(1));

/** Sizes from the issue; `--quick` swaps in the second column for fast iteration. */
const sizes = {
  'fanout-clients': [100, 20],
  'fanout-writers': [10, 4],
  'fanout-rate': [20, 20],
  'fanout-seconds': [30, 5],
  'replay-observers': [5, 2],
  /** 0 replays the whole trace. */
  'replay-patches': [0, 20_000],
  /** Server restarts (each followed by one timed load) in the cold and crash workloads. */
  'cold-restarts': [3, 2],
  'idle-connections': [2_000, 200],
  'idle-docs': [200, 20],
  threads: [2, 2],
  /** Each round runs every server once, in turn; the table shows medians over the rounds. */
  rounds: [1, 1],
} as const;
type SizeName = keyof typeof sizes;

const optionsSchema = z.object({
  quick: z.boolean(),
  servers: list(serverNames),
  workloads: list(workloadNames),
  trace: z.string().min(1),
  databaseUrl: z.url({ message: 'DATABASE_URL must be set to run the specboard server' }),
  cpuProf: z.string().optional(),
  fanoutClients: count,
  fanoutWriters: count,
  fanoutRate: count,
  fanoutSeconds: count,
  replayObservers: count,
  replayPatches: z.coerce.number().int().min(0),
  coldRestarts: count,
  idleConnections: count,
  idleDocs: count,
  threads: count,
  rounds: count,
});
export type BenchOptions = z.infer<typeof optionsSchema>;

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const envName = (name: string) => `BENCH_${name.toUpperCase().replaceAll('-', '_')}`;

/**
 * Flags win over BENCH_* environment variables, which win over the defaults, e.g.
 * `--fanout-seconds 10` or `BENCH_FANOUT_SECONDS=10`.
 */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const sizeFlags = Object.fromEntries(
    Object.keys(sizes).map((name) => [name, { type: 'string' as const }]),
  );
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      servers: { type: 'string' },
      workloads: { type: 'string' },
      trace: { type: 'string' },
      'cpu-prof': { type: 'string' },
      ...sizeFlags,
    },
  });
  const quick = values.quick === true || env.BENCH_QUICK === '1';
  const flags: Record<string, string | boolean | undefined> = values;
  const pick = (name: string) => {
    const flag = flags[name];
    return typeof flag === 'string' ? flag : env[envName(name)];
  };
  const sized = Object.fromEntries(
    (Object.keys(sizes) as SizeName[]).map((name) => {
      const [full, small] = sizes[name];
      return [camel(name), pick(name) ?? (quick ? small : full)];
    }),
  );
  const parsed = optionsSchema.safeParse({
    quick,
    servers: pick('servers') ?? serverNames.join(','),
    workloads: pick('workloads') ?? workloadNames.join(','),
    trace: pick('trace') ?? defaultTrace,
    databaseUrl: env.DATABASE_URL,
    cpuProf: pick('cpu-prof'),
    ...sized,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`bad benchmark options:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
