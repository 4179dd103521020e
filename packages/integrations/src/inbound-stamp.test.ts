import { describe, expect, it } from 'vitest';
import { inboundStamp } from './inbound-stamp.ts';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const jiraHeaders = new Headers({ 'x-atlassian-webhook-identifier': 'a1b2' });

describe('inbound webhook stamps', () => {
  it('dates a Jira delivery by its timestamp and a GitHub one by the issue’s updated_at', () => {
    const jira = JSON.stringify({ timestamp: NOW - 60_000 });
    expect(inboundStamp('jira', jiraHeaders, jira, JSON.parse(jira), NOW)).toMatchObject({
      ok: true,
      stamp: { deliveryId: 'a1b2', sentAt: new Date(NOW - 60_000) },
    });
    const github = { issue: { updated_at: '2026-12-01T07:59:00Z' } };
    const headers = new Headers({ 'x-github-delivery': '72d3162e' });
    const stamped = inboundStamp('github', headers, JSON.stringify(github), github, NOW);
    expect(stamped).toMatchObject({ ok: true, stamp: { deliveryId: '72d3162e' } });
    expect(stamped.ok && stamped.stamp.bodySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an undated body, one from the future and one without an id', () => {
    expect(
      inboundStamp('github', new Headers({ 'x-github-delivery': 'x' }), '{}', {}, NOW),
    ).toEqual({
      ok: false,
      error: 'the body has no issue.updated_at to date it by',
    });
    const future = { timestamp: NOW + 10 * 60_000 };
    expect(inboundStamp('jira', jiraHeaders, '', future, NOW)).toEqual({
      ok: false,
      error: 'the delivery is dated in the future; check the sender’s clock',
    });
    expect(inboundStamp('jira', new Headers(), '', { timestamp: NOW }, NOW)).toMatchObject({
      ok: false,
    });
  });
});
