import { parseSections, rawLines } from '../markdown.ts';
import type { SuggestInput, Suggestion, SuggestOutput } from '../steps/suggest.ts';
import { isVague, makeMeasurable, removeFillers } from './measurable.ts';

type Intent = 'measurable' | 'expand' | 'shorten' | 'rewrite';

function intentOf(instruction: string): Intent {
  if (/measur|metric|specific|quantif|testable/i.test(instruction)) return 'measurable';
  if (/expand|elaborat|detail|longer/i.test(instruction)) return 'expand';
  if (/shorten|concise|trim|brief|tighten|simplif/i.test(instruction)) return 'shorten';
  return 'rewrite';
}

/** The selection itself when it is in the document, otherwise those of its lines that are. */
function targets(input: SuggestInput): string[] {
  const { selection, documentMarkdown } = input;
  if (selection !== undefined && selection.trim() !== '') {
    if (documentMarkdown.includes(selection)) return [selection];
    return rawLines(selection.split('\n'))
      .map((line) => line.text)
      .filter((text) => documentMarkdown.includes(text));
  }
  const lines = parseSections(documentMarkdown).flatMap((section) => rawLines(section.body));
  return lines
    .map((line) => line.text)
    .filter(isVague)
    .slice(0, 5);
}

const expansion =
  '\n\n- Who: [which users]\n- When: [the trigger or situation]\n- Acceptance: Given [context], when [action], then [observable result]';

function suggestionFor(quote: string, intent: Intent): Suggestion | null {
  if (intent === 'expand') {
    return {
      kind: 'insert',
      quote,
      contentMarkdown: expansion,
      rationale: 'Spells out who, when and how we will know it works.',
    };
  }
  const tidied = removeFillers(quote);
  const rewritten = intent === 'shorten' ? tidied : (makeMeasurable(tidied) ?? tidied);
  if (rewritten === quote) return null;
  const rationale =
    intent === 'shorten'
      ? 'Removes filler words without changing the meaning.'
      : 'Adds a measurable target so the statement can be verified; replace the [placeholders].';
  return { kind: 'replace', quote, contentMarkdown: rewritten, rationale };
}

/** Deterministic suggestions: vague → measurable, filler removal, or an expansion scaffold. */
export function offlineSuggest(input: SuggestInput): SuggestOutput {
  const intent = intentOf(input.instruction);
  const suggestions = targets(input)
    .map((quote) => suggestionFor(quote, intent))
    .filter((s): s is Suggestion => s !== null);
  return { suggestions };
}
