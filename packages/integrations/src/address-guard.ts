import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Outgoing requests to addresses an organisation chose must not reach our own network (SSRF):
 * loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast, reserved and
 * unspecified ranges, in IPv4 and IPv6, and IPv4 written as IPv6 (`::ffff:10.0.0.1`).
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address, if it is one. */
function embeddedIpv4(address: string): string | undefined {
  const dotted = /^(?:::ffff:|::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1] ?? '0', 16);
  const low = Number.parseInt(hex[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** True when `address` (a literal IP) is one an integration may not reach. */
export function isForbiddenAddress(address: string): boolean {
  const unbracketed = address.replace(/^\[|\]$/g, '');
  const family = isIP(unbracketed);
  if (family === 4) return blocked.check(unbracketed, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedIpv4(unbracketed.toLowerCase());
  if (v4 !== undefined) return blocked.check(v4, 'ipv4');
  return blocked.check(unbracketed, 'ipv6');
}

export class ForbiddenAddressError extends Error {
  readonly code = 'forbidden_address';
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves `hostname` and returns every address, or throws when any of them is forbidden (a
 * name that resolves to one public and one private address is refused as a whole). With
 * `allowPrivate` (a development setting) nothing is refused.
 */
export async function resolvePublicAddresses(
  hostname: string,
  allowPrivate: boolean,
): Promise<ResolvedAddress[]> {
  const literal = hostname.replace(/^\[|\]$/g, '');
  const family = isIP(literal);
  const addresses: ResolvedAddress[] =
    family === 4 || family === 6
      ? [{ address: literal, family }]
      : (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
          address: a.address,
          family: a.family === 6 ? 6 : 4,
        }));
  if (addresses.length === 0) throw new Error(`${hostname} did not resolve to any address`);
  if (!allowPrivate) {
    const forbidden = addresses.find((a) => isForbiddenAddress(a.address));
    if (forbidden) {
      throw new ForbiddenAddressError(
        `${hostname} resolves to ${forbidden.address}, a private, loopback or reserved address; integrations may only reach public addresses`,
      );
    }
  }
  return addresses;
}

/**
 * Checks a tracker's API site before any request carries its credentials: https only (a Jira
 * API token or a GitHub token must not cross the network in clear text) and public addresses
 * only, both unless `allowPrivate` (the development setting for fake local servers).
 */
export async function assertCredentialedSite(url: string, allowPrivate: boolean): Promise<void> {
  const site = new URL(url);
  await resolvePublicAddresses(site.hostname, allowPrivate);
  if (site.protocol !== 'https:' && !allowPrivate) {
    throw new ForbiddenAddressError(
      `${site.host} is reached over ${site.protocol.replace(':', '')}: an API token is only sent over https://`,
    );
  }
}
