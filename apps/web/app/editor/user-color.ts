const palette = [
  '#e5484d',
  '#f76b15',
  '#ad7f00',
  '#30a46c',
  '#0d74ce',
  '#8e4ec6',
  '#d6409f',
  '#12a594',
];

/** A stable colour per user, so a person keeps their caret colour across sessions and devices. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return palette[hash % palette.length] ?? '#0d74ce';
}

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}
