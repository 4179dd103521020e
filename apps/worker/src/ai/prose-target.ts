import { createHash } from 'node:crypto';
import {
  createSuggestion,
  type NewSuggestion,
  removeSuggestion,
  setSuggestionContent,
} from '@specboard/doc/suggestions';
import type { DocSession } from '@specboard/stored-doc';
import {
  fillWithMarkdown,
  getFillMark,
  isDocEmpty,
  readMarkdown,
  setFillMark,
} from './doc-model.ts';
import { throttle } from './throttle.ts';

export type ProseMode = 'fill' | 'suggestion';

export type ProseOutcome =
  | { mode: 'fill' }
  | { mode: 'suggestion'; suggestionId: string; kind: 'insert' | 'replace'; quote: string };

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

export interface ProseTargetOptions {
  session: DocSession;
  /** The plan_run_steps row writing; marks which fill the document holds. */
  stepId: string;
  /** False when several variants are generated: each must be offered, none may fill. */
  allowFill: boolean;
  throttleMs: number;
  /** Used when the text arrives as a suggestion. */
  suggestion: Omit<NewSuggestion, 'kind' | 'target' | 'quote' | 'content' | 'status'>;
}

/**
 * Where streamed prose goes. An empty document is filled directly, so collaborators watch it
 * being written; otherwise the text streams into a suggestion that replaces the document when
 * someone accepts it. If a person edits the document while it is being filled, the rest arrives
 * as a suggestion instead: AI text never overwrites a person's text.
 * A retried attempt recognises its own unfinished fill by the mark stored in the doc's meta map.
 */
export class ProseTarget {
  mode: ProseMode;
  readonly #options: ProseTargetOptions;
  /** The document's markdown right after our last fill, to notice edits by others. */
  #lastFilled: string | null = null;
  #suggestionCreated = false;
  #latest = '';
  #kind: 'insert' | 'replace' = 'replace';
  #quote = '';
  readonly #flush: ReturnType<typeof throttle>;

  constructor(options: ProseTargetOptions) {
    this.#options = options;
    const { doc } = options.session;
    const mark = getFillMark(doc);
    const ownFill = mark?.stepId === options.stepId && mark.hash === hash(readMarkdown(doc));
    this.mode = options.allowFill && (isDocEmpty(doc) || ownFill) ? 'fill' : 'suggestion';
    if (ownFill) this.#lastFilled = readMarkdown(doc);
    this.#flush = throttle(() => this.#write('streaming'), options.throttleMs);
  }

  /** Takes the whole text so far (it may restart after a provider retry). */
  update(textSoFar: string): void {
    this.#latest = textSoFar;
    this.#flush.schedule();
  }

  /** Writes the final text; resolves once it is stored. */
  async finish(text: string): Promise<ProseOutcome> {
    this.#latest = text;
    await this.#flush.cancel();
    await this.#write('pending');
    if (this.mode === 'fill') return { mode: 'fill' };
    return {
      mode: 'suggestion',
      suggestionId: this.#options.suggestion.id,
      kind: this.#kind,
      quote: this.#quote,
    };
  }

  /**
   * A failed or cancelled attempt leaves no half-written text behind: its suggestion is removed,
   * and a partial fill is cleared unless someone has edited it since.
   */
  async abandon(): Promise<void> {
    await this.#flush.cancel().catch(() => undefined);
    const { session, suggestion } = this.#options;
    if (this.mode === 'suggestion' && this.#suggestionCreated) {
      await session.change((doc) => removeSuggestion(doc, suggestion.id));
    } else if (this.mode === 'fill' && this.#lastFilled !== null) {
      const filled = this.#lastFilled;
      await session.change((doc) => {
        if (readMarkdown(doc) !== filled) return;
        fillWithMarkdown(doc, '');
        setFillMark(doc, null);
      });
    }
  }

  async #write(status: 'streaming' | 'pending'): Promise<void> {
    const text = this.#latest;
    const { session, stepId, suggestion } = this.#options;
    await session.change((doc) => {
      if (this.mode === 'fill') {
        const current = readMarkdown(doc);
        const untouched =
          this.#lastFilled === null ? isDocEmpty(doc) : current === this.#lastFilled;
        if (untouched) {
          fillWithMarkdown(doc, text);
          this.#lastFilled = readMarkdown(doc);
          if (status === 'pending') setFillMark(doc, null);
          else setFillMark(doc, { stepId, hash: hash(this.#lastFilled) });
          return;
        }
        this.mode = 'suggestion';
        setFillMark(doc, null);
      }
      if (!this.#suggestionCreated) {
        // Replaces the whole document when accepted; into an empty one it is an insertion.
        this.#quote = readMarkdown(doc);
        const kind = this.#quote.trim() === '' ? 'insert' : 'replace';
        if (kind === 'insert') this.#quote = '';
        this.#kind = kind;
        createSuggestion(doc, {
          ...suggestion,
          kind,
          target: kind === 'insert' ? 'end' : 'document',
          quote: this.#quote,
          content: text,
          status,
        });
        this.#suggestionCreated = true;
      } else {
        setSuggestionContent(doc, suggestion.id, text, status);
      }
    });
  }
}
