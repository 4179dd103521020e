import { describe, expect, it } from 'vitest';
import { digestMail } from './digest-mail.ts';

describe('digestMail', () => {
  it('lists a link shared by two notifications once', () => {
    const link = '/orgs/o1/documents/d1?thread=t1';
    const mail = digestMail(
      {
        recipientId: 'u1',
        email: 'dana@example.com',
        name: 'Dana Demo',
        items: [
          { id: 'n1', kind: 'mention', title: 'Cara mentioned you', link, orgName: 'Demo' },
          { id: 'n2', kind: 'mention', title: 'Cara mentioned you again', link, orgName: 'Demo' },
        ],
      },
      { baseUrl: 'http://127.0.0.1:3000', unsubscribeSecret: 'secret' },
    );
    expect(new Set(mail.links).size).toBe(mail.links.length);
    expect(mail.links).toContain(`http://127.0.0.1:3000${link}`);
    expect(mail.text.match(/thread=t1/g)).toHaveLength(2);
  });
});
