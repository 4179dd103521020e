import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { boardColumnFor, jiraIssueEventSchema, verifyJiraSignature } from './inbound.ts';

const body = JSON.stringify({
  webhookEvent: 'jira:issue_updated',
  issue: { key: 'SPEC-1', fields: { status: { name: 'Done', statusCategory: { key: 'done' } } } },
});
const sign = (secret: string, raw: string) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

describe('Jira webhooks', () => {
  it('accept a body signed with the secret', () => {
    expect(verifyJiraSignature('s3cret', body, sign('s3cret', body))).toBe(true);
  });

  it('refuse a wrong secret, a changed body, a missing or malformed header', () => {
    expect(verifyJiraSignature('s3cret', body, sign('other', body))).toBe(false);
    expect(verifyJiraSignature('s3cret', `${body} `, sign('s3cret', body))).toBe(false);
    expect(verifyJiraSignature('s3cret', body, null)).toBe(false);
    expect(verifyJiraSignature('s3cret', body, 'sha1=abc')).toBe(false);
  });

  it('map a status category onto a board column', () => {
    expect(boardColumnFor(jiraIssueEventSchema.parse(JSON.parse(body)))).toBe('done');
  });
});
