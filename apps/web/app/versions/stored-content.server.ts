import type { Db } from '@specboard/db';
import { loadDocState } from '@specboard/db/doc-log';
import { formatDocName } from '@specboard/doc/doc-names';
import { type VersionBlock, versionBlocks } from '@specboard/doc/version-diff';
import * as Y from 'yjs';

/**
 * What a version records, read from the stored log (snapshot ⊕ updates) into a throwaway Y.Doc:
 * nothing is kept or broadcast. ProseMirror JSON comes straight from the Tiptap fragment
 * `default`; Markdown is written from its blocks.
 */

export interface VersionContent {
  yState: Uint8Array;
  contentJson: unknown;
  contentMd: string;
}

interface PmJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmJson[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

function textJson(text: Y.XmlText): PmJson[] {
  return text
    .toDelta()
    .flatMap((op: { insert?: unknown; attributes?: Record<string, unknown> }) => {
      if (typeof op.insert !== 'string' || op.insert === '') return [];
      const marks = Object.entries(op.attributes ?? {}).map(([type, attrs]) =>
        attrs && typeof attrs === 'object'
          ? { type, attrs: attrs as Record<string, unknown> }
          : { type },
      );
      return [{ type: 'text', text: op.insert, ...(marks.length > 0 ? { marks } : {}) }];
    });
}

function nodeJson(node: Y.XmlElement | Y.XmlText | Y.XmlHook): PmJson[] {
  if (node instanceof Y.XmlText) return textJson(node);
  if (!(node instanceof Y.XmlElement)) return [];
  const attrs = node.getAttributes();
  const content = node.toArray().flatMap(nodeJson);
  return [
    {
      type: node.nodeName,
      ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
      ...(content.length > 0 ? { content } : {}),
    },
  ];
}

export function fragmentJson(doc: Y.Doc): PmJson {
  return { type: 'doc', content: doc.getXmlFragment('default').toArray().flatMap(nodeJson) };
}

function blockMarkdown(block: VersionBlock, index: number, blocks: VersionBlock[]): string {
  const previous = blocks[index - 1];
  const gap =
    index === 0 ? '' : block.kind === 'listItem' && previous?.kind === 'listItem' ? '\n' : '\n\n';
  switch (block.kind) {
    case 'heading':
      return `${gap}${'#'.repeat(Math.min(6, Math.max(1, block.level)))} ${block.text}`;
    case 'listItem':
      return `${gap}${'  '.repeat(block.level)}- ${block.text}`;
    case 'code':
      return `${gap}\`\`\`\n${block.text}\n\`\`\``;
    case 'quote':
      return `${gap}> ${block.text}`;
    default:
      return `${gap}${block.text}`;
  }
}

export function blocksMarkdown(blocks: VersionBlock[]): string {
  return blocks.map(blockMarkdown).join('');
}

export function contentOf(doc: Y.Doc): VersionContent {
  const contentJson = fragmentJson(doc);
  return {
    yState: Y.encodeStateAsUpdateV2(doc),
    contentJson,
    contentMd: blocksMarkdown(versionBlocks(contentJson, '')),
  };
}

export async function storedDocumentContent(db: Db, documentId: string): Promise<VersionContent> {
  const state = await loadDocState(db, formatDocName('doc', documentId));
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (state.snapshot) Y.applyUpdateV2(doc, state.snapshot);
      for (const row of state.updates) Y.applyUpdate(doc, row.update);
    });
    return contentOf(doc);
  } finally {
    doc.destroy();
  }
}
