import * as Y from 'yjs';

/**
 * Block-level markdown ⇄ the Tiptap XmlFragment (`getXmlFragment('default')`), enough for what
 * the pipeline writes: headings, paragraphs, bullet and numbered lists. Inline markdown stays
 * literal text. Stands in for `@specboard/doc`'s converters until that package lands.
 */

type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'bulletList' | 'orderedList'; items: string[] };

function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line);
    if (line === '') {
      endParagraph();
    } else if (heading) {
      endParagraph();
      blocks.push({ type: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
    } else if (item) {
      endParagraph();
      const type = item[1] === undefined ? 'bulletList' : 'orderedList';
      const last = blocks.at(-1);
      if (last && last.type === type) last.items.push(item[2] ?? '');
      else blocks.push({ type, items: [item[2] ?? ''] });
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  return blocks;
}

function textElement(name: string, text: string): Y.XmlElement {
  const element = new Y.XmlElement(name);
  const content = new Y.XmlText();
  content.insert(0, text);
  element.insert(0, [content]);
  return element;
}

function toElement(block: Block): Y.XmlElement {
  if (block.type === 'heading') {
    const element = textElement('heading', block.text);
    element.setAttribute('level', block.level as unknown as string);
    return element;
  }
  if (block.type === 'paragraph') return textElement('paragraph', block.text);
  const list = new Y.XmlElement(block.type);
  list.insert(
    0,
    block.items.map((text) => {
      const item = new Y.XmlElement('listItem');
      item.insert(0, [textElement('paragraph', text)]);
      return item;
    }),
  );
  return list;
}

/** Replaces the whole rich text with the markdown's blocks (one transaction by the caller). */
export function writeMarkdownBlocks(fragment: Y.XmlFragment, markdown: string): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  fragment.insert(0, parseBlocks(markdown).map(toElement));
}

function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return node.toString();
  if (node instanceof Y.XmlElement) return node.toArray().map(textOf).join('');
  return '';
}

/** The rich text as markdown, block by block. */
export function readMarkdownBlocks(fragment: Y.XmlFragment): string {
  const parts: string[] = [];
  for (const node of fragment.toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    if (node.nodeName === 'heading') {
      const level = Number(node.getAttribute('level') ?? 1);
      parts.push(`${'#'.repeat(Math.min(6, Math.max(1, level)))} ${textOf(node)}`);
    } else if (node.nodeName === 'bulletList' || node.nodeName === 'orderedList') {
      const marker = node.nodeName === 'bulletList' ? () => '-' : (i: number) => `${i + 1}.`;
      parts.push(
        node
          .toArray()
          .map((item, i) => `${marker(i)} ${item instanceof Y.XmlElement ? textOf(item) : ''}`)
          .join('\n'),
      );
    } else {
      parts.push(textOf(node));
    }
  }
  return parts.join('\n\n');
}

/** Every XmlText of the fragment in document order (where quotes are looked for). */
export function textNodes(fragment: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return fragment
    .toArray()
    .flatMap((node) =>
      node instanceof Y.XmlText ? [node] : node instanceof Y.XmlElement ? textNodes(node) : [],
    );
}

/** ProseMirror-style JSON of the blocks, stored with versions. */
export function blocksAsJson(fragment: Y.XmlFragment): unknown {
  const convert = (node: Y.XmlElement | Y.XmlText | Y.XmlHook): unknown => {
    if (node instanceof Y.XmlText) return { type: 'text', text: node.toString() };
    if (!(node instanceof Y.XmlElement)) return null;
    const attrs = node.getAttributes();
    return {
      type: node.nodeName,
      ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
      content: node
        .toArray()
        .map(convert)
        .filter((child) => child !== null),
    };
  };
  return {
    type: 'doc',
    content: fragment
      .toArray()
      .map(convert)
      .filter((n) => n !== null),
  };
}
