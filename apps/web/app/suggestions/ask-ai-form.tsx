import type { Editor } from '@tiptap/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { postSuggestionRequest } from './suggestion-requests.ts';

const presetSchema = z.enum(['rewrite', 'expand', 'measurable', 'custom']);
type Preset = z.output<typeof presetSchema>;

const presets = {
  rewrite: 'Rewrite this to be clearer and more concise.',
  expand: 'Expand this with the missing details a reader needs.',
  measurable: 'Make this measurable: concrete numbers, thresholds and how each is checked.',
} as const;

/** "Ask AI" on the selection (or the whole document when nothing is selected). */
interface AskAiFormProps {
  editor: Editor | null;
  endpoint: string;
  /** Where a run's progress (and a failure's reason) is shown: `/orgs/<org>/runs/<id>`. */
  runPath(runId: string): string;
}

export function AskAiForm({ editor, endpoint, runPath }: AskAiFormProps) {
  const [preset, setPreset] = useState<Preset>('rewrite');
  const [custom, setCustom] = useState('');
  const [status, setStatus] = useState<{
    tone: 'ok' | 'error';
    text: string;
    runId?: string;
  } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!editor) return;
    const { from, to } = editor.state.selection;
    const selection = to > from ? editor.state.doc.textBetween(from, to, '\n') : '';
    setBusy(true);
    const answer = await postSuggestionRequest(endpoint, {
      intent: 'ask',
      instruction: preset === 'custom' ? custom : presets[preset],
      selection,
    });
    setBusy(false);
    setStatus(
      answer.ok
        ? {
            tone: 'ok',
            text: 'Asked. Suggestions appear here for everyone as they are written.',
            ...(answer.runId ? { runId: answer.runId } : {}),
          }
        : {
            tone: 'error',
            text:
              answer.message ||
              Object.values(answer.fieldErrors ?? {})
                .flat()
                .join(' ') ||
              'That did not work; try again.',
          },
    );
  }

  return (
    <form className="ask-ai stack" onSubmit={submit}>
      <label className="field">
        <span className="field-label">Ask AI about the selection</span>
        <select value={preset} onChange={(e) => setPreset(presetSchema.parse(e.target.value))}>
          <option value="rewrite">Rewrite</option>
          <option value="expand">Expand</option>
          <option value="measurable">Make measurable</option>
          <option value="custom">Custom instruction…</option>
        </select>
      </label>
      {preset === 'custom' ? (
        <textarea
          aria-label="Instruction for the AI"
          value={custom}
          maxLength={2000}
          onChange={(e) => setCustom(e.target.value)}
          required
        />
      ) : null}
      <button type="submit" className="button small" disabled={busy || !editor}>
        {busy ? 'Asking…' : 'Ask AI'}
      </button>
      {status ? (
        <p className={status.tone === 'ok' ? 'notice' : 'field-error'} role="status">
          {status.text}{' '}
          {status.runId ? <Link to={runPath(status.runId)}>Follow the run</Link> : null}
        </p>
      ) : null}
    </form>
  );
}
