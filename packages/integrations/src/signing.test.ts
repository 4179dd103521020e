import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newSigningSecret, signedHeaders } from './signing.ts';

describe('Standard Webhooks signatures', () => {
  it('are accepted by the reference implementation', () => {
    const secret = newSigningSecret();
    const body = JSON.stringify({ type: 'card.done', data: { cardId: 'c1' } });
    const headers = signedHeaders(secret, 'msg_1', body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('match the reference signature byte for byte', () => {
    const secret = newSigningSecret();
    const at = new Date('2026-12-01T03:00:00Z');
    const ours = signedHeaders(secret, 'msg_2', '{"a":1}', at)['webhook-signature'];
    expect(ours).toBe(new Webhook(secret).sign('msg_2', at, '{"a":1}'));
  });

  it('fail verification when the body changes', () => {
    const secret = newSigningSecret();
    const headers = signedHeaders(secret, 'msg_3', '{"a":1}');
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
  });
});
