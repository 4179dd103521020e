import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendMail } from './mailer.server.ts';

/** Just enough SMTP (no TLS, no auth) for nodemailer to hand over one message per connection. */
function fakeSmtpServer(received: string[]): Server {
  return createServer((socket: Socket) => {
    let buffer = '';
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 fake.test ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      if (inData) {
        const end = buffer.indexOf('\r\n.\r\n');
        if (end === -1) return;
        received.push(buffer.slice(0, end));
        buffer = buffer.slice(end + 5);
        inData = false;
        reply('250 queued');
      }
      for (let eol = buffer.indexOf('\r\n'); eol !== -1 && !inData; eol = buffer.indexOf('\r\n')) {
        const command = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (command.startsWith('EHLO')) reply('250 fake.test');
        else if (command === 'DATA') {
          inData = true;
          reply('354 go ahead');
        } else if (command === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('250 ok');
      }
    });
  });
}

const received: string[] = [];
const server = fakeSmtpServer(received);

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  Object.assign(process.env, {
    // Unreachable on purpose: a message that went to the dev outbox would fail the test.
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
    BASE_URL: 'http://specboard.test',
    BETTER_AUTH_SECRET: randomBytes(24).toString('hex'),
    SYNC_TOKEN_SECRET: randomBytes(24).toString('hex'),
    SYNC_PUBLIC_URL: 'ws://sync.test',
    LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${address.port}`,
    MAIL_FROM: 'Specboard <mail@specboard.test>',
  });
});

afterAll(async () => {
  server.close();
});

describe('sendMail with SMTP_URL', () => {
  it('delivers the message over SMTP (nothing goes to the dev outbox)', async () => {
    await sendMail({
      to: 'ada@example.com',
      subject: 'Verify your email for Specboard',
      text: 'Open https://specboard.test/verify?token=abc',
      links: ['https://specboard.test/verify?token=abc'],
    });
    expect(received).toHaveLength(1);
    const message = received[0] ?? '';
    expect(message).toMatch(/^From: Specboard <mail@specboard\.test>/m);
    expect(message).toMatch(/^To: ada@example\.com/m);
    expect(message).toMatch(/^Subject: Verify your email for Specboard/m);
    expect(message).toContain('https://specboard.test/verify?token=abc');
  });
});
