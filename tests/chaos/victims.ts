import type { SyncInstance } from '../../scripts/cluster/topology.ts';

async function connections(instance: SyncInstance, internalSecret: string): Promise<number> {
  const response = await fetch(`http://${instance.host}:${instance.internalPort}/metrics`, {
    headers: { authorization: `Bearer ${internalSecret}` },
  });
  if (!response.ok) throw new Error(`${instance.name} /metrics answered HTTP ${response.status}`);
  const match = /^sync_connections (\d+)/m.exec(await response.text());
  return Number(match?.[1] ?? 0);
}

/** The sync server with the most open client connections (read from its /metrics). */
export async function busiestSyncServer(
  instances: readonly SyncInstance[],
  internalSecret: string,
): Promise<SyncInstance> {
  const counts = await Promise.all(instances.map((i) => connections(i, internalSecret)));
  const best = counts.indexOf(Math.max(...counts));
  const instance = instances[best];
  if (!instance || (counts[best] ?? 0) === 0) throw new Error('no sync server has any client');
  return instance;
}
