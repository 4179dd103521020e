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
