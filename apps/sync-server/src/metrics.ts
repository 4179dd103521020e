import type { Db } from '@specboard/db';
import { updateLogTotals } from '@specboard/db/doc-log';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The sync server's Prometheus metrics (served at /metrics on the internal listener). */
export function createMetrics() {
  const registry = new Registry();
  const metrics = {
    registry,
    docsLoaded: new Gauge({
      name: 'sync_docs_loaded',
      help: 'Documents in memory',
      registers: [registry],
    }),
    connections: new Gauge({
      name: 'sync_connections',
      help: 'Open websocket connections',
      registers: [registry],
    }),
    messagesIn: new Counter({
      name: 'sync_messages_in_total',
      help: 'Frames received, by message type',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    messagesOut: new Counter({
      name: 'sync_messages_out_total',
      help: 'Frames sent to clients',
      registers: [registry],
    }),
    readOnlyUpdatesDropped: new Counter({
      name: 'sync_read_only_updates_dropped_total',
      help: 'Document updates from viewers/commenters that were dropped',
      registers: [registry],
    }),
    connectionsRefused: new Counter({
      name: 'sync_connections_refused_total',
      help: 'Connections closed by the server, by close code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    upgradesRefused: new Counter({
      name: 'sync_upgrades_refused_total',
      help: 'Websocket upgrades refused before a socket was opened, by HTTP status',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    awarenessViolations: new Counter({
      name: 'sync_awareness_violations_total',
      help: 'Connections closed for breaking the awareness rules (ids, size, other clients)',
      registers: [registry],
    }),
    syncStep2Served: new Counter({
      name: 'sync_step2_served_total',
      help: 'Answers to sync step 1, by whether the encoding came from the cache',
      labelNames: ['cache'] as const,
      registers: [registry],
    }),
    flushSeconds: new Histogram({
      name: 'sync_flush_seconds',
      help: 'Time to append one batch of updates to doc_updates',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    compactionSeconds: new Histogram({
      name: 'sync_compaction_seconds',
      help: 'Time to compact one document',
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    busLagSeconds: new Histogram({
      name: 'sync_bus_lag_seconds',
      help: 'Delay between publishing a bus message and receiving it',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    catchUpRows: new Counter({
      name: 'sync_catch_up_rows_total',
      help: 'Log rows applied by catch-up (bus messages that were missed or late)',
      registers: [registry],
    }),
    updateLogRows: new Gauge({
      name: 'sync_update_log_rows',
      help: 'Rows in doc_updates (all documents), sampled every SYNC_METRICS_SAMPLE_MS',
      registers: [registry],
    }),
    updateLogBytes: new Gauge({
      name: 'sync_update_log_bytes',
      help: 'Bytes of updates in doc_updates (all documents), sampled every SYNC_METRICS_SAMPLE_MS',
      registers: [registry],
    }),
    revocations: new Gauge({
      name: 'sync_revocations',
      help: 'Revocation records held in memory',
      registers: [registry],
    }),
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Samples the gauges that need a scan of `doc_updates` on a timer (now, then every
 * `intervalMs`), so a scrape only reads memory however often it comes.
 */
export function sampleLogTotals(options: {
  db: Db;
  metrics: Metrics;
  intervalMs: number;
  logger: Logger;
}): { stop(): Promise<void> } {
  const { db, metrics, logger } = options;
  let running: Promise<void> | undefined;
  const sample = async () => {
    try {
      const totals = await updateLogTotals(db);
      metrics.updateLogRows.set(totals.rows);
      metrics.updateLogBytes.set(totals.bytes);
    } catch (error) {
      logger.warn({ err: error }, 'could not sample doc_updates totals');
    } finally {
      running = undefined;
    }
  };
  const tick = () => {
    running ??= sample();
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
