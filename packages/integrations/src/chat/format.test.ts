import { describe, expect, it } from 'vitest';
import { chatBody } from './format.ts';

const message = {
  kind: 'card.done',
  summary: 'Card “Pay <by> card & more” is done',
  url: 'https://specboard.example/orgs/o/projects/p/board',
};

describe('chat formats', () => {
  it('Slack: blocks with escaped mrkdwn and a link back', () => {
    const body = JSON.parse(chatBody('slack', message));
    expect(body.text).toBe(message.summary);
    expect(body.blocks[0].text.text).toBe(
      '*Card “Pay &lt;by&gt; card &amp; more” is done*\n<https://specboard.example/orgs/o/projects/p/board|Open in Specboard>',
    );
  });

  it('Mattermost: an attachment titled with the summary, linking back', () => {
    const body = JSON.parse(chatBody('mattermost', message));
    expect(body.attachments[0]).toMatchObject({ title: message.summary, title_link: message.url });
  });

  it('Teams: an Adaptive Card with an open-URL action', () => {
    const body = JSON.parse(chatBody('teams', message));
    const card = body.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in Specboard', url: message.url },
    ]);
  });
});
