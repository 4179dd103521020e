/**
 * Chat channels receive the same events as webhooks, rendered for each service's incoming
 * webhook: Slack Block Kit, Mattermost message attachments, a Microsoft Teams Adaptive Card.
 * Each carries the one-line summary and a link back into Specboard.
 */
export const chatKinds = ['slack', 'mattermost', 'teams'] as const;
export type ChatKind = (typeof chatKinds)[number];

export function isChatKind(kind: string): kind is ChatKind {
  return (chatKinds as readonly string[]).includes(kind);
}

export interface ChatMessage {
  kind: string;
  summary: string;
  url: string | null;
}

/** Slack's mrkdwn treats &, < and > as control characters. */
function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function slack({ kind, summary, url }: ChatMessage) {
  const link = url ? `\n<${url}|Open in Specboard>` : '';
  return {
    text: summary,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${slackEscape(summary)}*${link}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(kind) }] },
    ],
  };
}

function mattermost({ kind, summary, url }: ChatMessage) {
  return {
    text: summary,
    attachments: [
      { fallback: summary, title: summary, ...(url ? { title_link: url } : {}), footer: kind },
    ],
  };
}

function teams({ kind, summary, url }: ChatMessage) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: summary, wrap: true, weight: 'Bolder' },
            { type: 'TextBlock', text: kind, isSubtle: true, spacing: 'None' },
          ],
          actions: url ? [{ type: 'Action.OpenUrl', title: 'Open in Specboard', url }] : [],
        },
      },
    ],
  };
}

const formatters = { slack, mattermost, teams } as const;

/** The JSON body of an incoming-webhook post for `kind`. */
export function chatBody(kind: ChatKind, message: ChatMessage): string {
  return JSON.stringify(formatters[kind](message));
}
