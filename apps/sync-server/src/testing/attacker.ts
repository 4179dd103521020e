import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';

/** One masked binary websocket frame of `size` bytes, as a client must send it. */
export function maskedFrame(size: number): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x82;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(size), 2);
  randomBytes(4).copy(header, 10);
  return Buffer.concat([header, Buffer.alloc(size, 7)]);
}

export interface FloodResult {
  /** Milliseconds from the first byte until the server cut the TCP connection (null: never). */
  cutAfterMs: number | null;
  bytesWritten: number;
}

/**
 * A hostile client over plain TCP: sends an upgrade request and, without waiting for (or ever
 * reading) the answer, streams 1 MiB frames until the server cuts it or `forMs` passes. It never
 * answers a close frame because it never reads one.
 */
export function flood(
  port: number,
  path: string,
  options: { forMs: number; frameBytes?: number },
): Promise<FloodResult> {
  const frame = maskedFrame(options.frameBytes ?? 1024 * 1024);
  const socket = tcpConnect({ host: '127.0.0.1', port });
  socket.pause();
  const started = Date.now();
  let bytesWritten = 0;
  let done = false;
  return new Promise((resolve) => {
    const finish = (cut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      socket.destroy();
      resolve({ cutAfterMs: cut ? Date.now() - started : null, bytesWritten });
    };
    const deadline = setTimeout(() => finish(false), options.forMs);
    const pump = () => {
      while (!done && !socket.destroyed) {
        bytesWritten += frame.length;
        if (!socket.write(frame)) return;
      }
    };
    socket.on('drain', pump);
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      socket.write(
        [
          `GET ${path} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      );
      pump();
    });
  });
}

/** Resident set size of a process in bytes (Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}
