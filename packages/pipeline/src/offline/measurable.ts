/** Deterministic rewrites that turn vague statements into measurable ones with [placeholders]. */

const clauses: [RegExp, string][] = [
  [
    /\b(fast|quick(ly)?|speedy|responsive|instant(ly)?|slow)\b/i,
    'within [N] seconds at the 95th percentile',
  ],
  [
    /\b(easy|easily|simple|intuitive|user-friendly|seamless(ly)?)\b/i,
    'so that [N]% of first-time users succeed without help',
  ],
  [/\b(scalable|scale|high traffic)\b/i, 'for up to [N] concurrent users'],
  [/\b(reliable|reliably|stable|robust|available)\b/i, 'with [99.9]% monthly availability'],
  [
    /\b(secure|securely|safe)\b/i,
    'with zero high-severity findings in the [security review] before launch',
  ],
  [
    /\b(improve|improves|increase|increases|better|boost|grow|more)\b/i,
    'by [N]% against the baseline measured on [date]',
  ],
  [
    /\b(reduce|reduces|decrease|decreases|fewer|less|lower)\b/i,
    'by [N]% against the baseline measured on [date]',
  ],
  [
    /\b(engag(e|ed|ing|ement)|adoption|satisf(ied|action)|happy)\b/i,
    'measured as [metric] reaching [target] by [date]',
  ],
];

const vagueQuantity = /\b(many|lots of|a lot of|several|numerous)\b/i;

export function isVague(text: string): boolean {
  return (
    !/\d/.test(text) &&
    (clauses.some(([pattern]) => pattern.test(text)) || vagueQuantity.test(text))
  );
}

/** The measurable version, or null when the text already carries a number. */
export function makeMeasurable(text: string): string | null {
  if (/\d/.test(text)) return null;
  const trimmed = text.trim();
  const ending = /[.!?]$/.exec(trimmed)?.[0] ?? '';
  const body = trimmed
    .slice(0, trimmed.length - ending.length)
    .replace(new RegExp(vagueQuantity.source, 'gi'), '[N]');
  const clause =
    clauses.find(([pattern]) => pattern.test(body))?.[1] ??
    'measured as [metric] reaching [target] by [date]';
  return `${body}, ${clause}${ending || '.'}`;
}

const fillers: [RegExp, string][] = [
  [/\bin order to\b/gi, 'to'],
  [/\b(really|very|basically|actually|just|quite|simply)\s+/gi, ''],
  [/\bat this point in time\b/gi, 'now'],
  [/\bdue to the fact that\b/gi, 'because'],
  [/\bis able to\b/gi, 'can'],
];

export function removeFillers(text: string): string {
  return fillers
    .reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text)
    .replace(/\s{2,}/g, ' ');
}
