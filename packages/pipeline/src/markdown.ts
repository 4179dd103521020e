/** Just enough markdown structure for citations, the offline drafts and reviews. */

export interface MarkdownSection {
  heading: string;
  level: number;
  /** Lines between this heading and the next heading of any level. */
  body: string[];
}

export interface MarkdownListItem {
  text: string;
  /** Text of the item's nested list items, in order. */
  children: string[];
}

const headingPattern = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const listItemPattern = /^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/;

export function parseSections(markdown: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : headingPattern.exec(line);
    if (match?.[1] && match[2]) {
      sections.push({ heading: stripInline(match[2]), level: match[1].length, body: [] });
    } else {
      sections.at(-1)?.body.push(line);
    }
  }
  return sections;
}

/** Headings compare equal regardless of case, spacing, numbering and inline emphasis. */
export function normalizeHeading(heading: string): string {
  return stripInline(heading)
    .replace(/^\d+(\.\d+)*\.?\s+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function stripInline(text: string): string {
  return text
    .replace(/[*_`]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim();
}

/** Top-level list items of a block of lines, with their nested items. */
export function listItems(lines: string[]): MarkdownListItem[] {
  const items: MarkdownListItem[] = [];
  let topIndent: number | null = null;
  for (const line of lines) {
    const match = listItemPattern.exec(line);
    if (!match) continue;
    const indent = (match[1] ?? '').length;
    const text = stripInline(match[2] ?? '');
    if (text === '') continue;
    if (topIndent === null || indent <= topIndent) {
      topIndent = indent;
      items.push({ text, children: [] });
    } else {
      items.at(-1)?.children.push(text);
    }
  }
  return items;
}

/** Non-empty, non-list lines of a section body joined as prose. */
export function paragraphText(lines: string[]): string {
  return lines
    .filter((line) => line.trim() !== '' && !listItemPattern.test(line))
    .map((line) => line.trim())
    .join(' ');
}

export interface RawLine {
  /** The line's text exactly as written, minus indentation and any list marker. */
  text: string;
  listItem: boolean;
  indent: number;
}

/** Non-empty lines as written, so quotes taken from them match the document verbatim. */
export function rawLines(lines: string[]): RawLine[] {
  return lines.flatMap((line): RawLine[] => {
    const match = listItemPattern.exec(line);
    if (match) {
      const text = (match[2] ?? '').trim();
      return text === '' ? [] : [{ text, listItem: true, indent: (match[1] ?? '').length }];
    }
    const text = line.trim();
    return text === '' ? [] : [{ text, listItem: false, indent: 0 }];
  });
}
