import type { ConnectionState } from './collab-session.ts';

export interface ConnectionView {
  label: string;
  tone: 'ok' | 'warn' | 'off' | 'error';
  detail: string;
}

/** What the state means to a person, including why the sync server refused them. */
export function describeConnection(
  state: ConnectionState,
  readOnly: boolean,
  explainClose: (code: number, reason: string) => string,
): ConnectionView {
  switch (state.kind) {
    case 'connecting':
      return {
        label: 'Connecting…',
        tone: 'warn',
        detail: 'Opening a live connection to the document.',
      };
    case 'connected':
      if (readOnly) {
        return {
          label: 'Read-only',
          tone: 'ok',
          detail: 'You can read along live; your role does not allow editing.',
        };
      }
      return state.synced
        ? { label: 'Connected', tone: 'ok', detail: 'Changes are shared and saved as you type.' }
        : { label: 'Syncing…', tone: 'warn', detail: 'Catching up with changes made elsewhere.' };
    case 'reconnecting': {
      const why = state.lastCloseCode ? `${explainClose(state.lastCloseCode, '')} ` : '';
      return {
        label: 'Reconnecting…',
        tone: 'warn',
        detail: `${why}Keep typing: your edits are kept on this device and merge when the connection returns.`,
      };
    }
    case 'offline':
      return {
        label: 'Offline',
        tone: 'off',
        detail:
          'You are offline. Edits are saved on this device and merge when you are back online.',
      };
    case 'refused':
      return {
        label: 'Not connected',
        tone: 'error',
        detail: explainClose(state.code, state.reason),
      };
  }
}

export function ConnectionBadge({ view }: { view: ConnectionView }) {
  return (
    <span
      className={`connection ${view.tone}`}
      title={view.detail}
      data-testid="connection-state"
      role="status"
    >
      <span className="dot" aria-hidden="true" />
      {view.label}
    </span>
  );
}
