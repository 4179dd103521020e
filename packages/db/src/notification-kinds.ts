/** What a person can be told about; each has its own preference (in-app, email or off). */
export const notificationKinds = [
  'mentioned',
  'thread_reply',
  'thread_resolved',
  'ai_suggestion',
  'run_finished',
  'run_failed',
  'card_assigned',
  'invited',
] as const;

export type NotificationKind = (typeof notificationKinds)[number];

/** How each kind is named in preferences, digests and unsubscribe pages. */
export const notificationKindLabels: Record<NotificationKind, string> = {
  mentioned: 'Someone mentions you',
  thread_reply: 'A reply in a thread you are in',
  thread_resolved: 'Your thread is resolved',
  ai_suggestion: 'AI suggestions on a document you own',
  run_finished: 'A run you started finished',
  run_failed: 'A run you started failed',
  card_assigned: 'A board card is assigned to you',
  invited: 'You are invited to an organisation',
};
