import { diffArrays, diffWordsWithSpace } from 'diff';
import { z } from 'zod';
import { MENTION_NODE, mentionText } from './document-mention.ts';

/**
 * A rendered diff of two document versions (ARCHITECTURE.md §9): both versions are flattened
 * into blocks (headings, paragraphs, list items, code…) from their stored ProseMirror JSON
 * (Markdown when the JSON is unusable), blocks are aligned with a sequence diff, and a removed
 * block followed by an added block of the same kind is shown as one changed block with
 * word-level insertions and deletions. The UI renders blocks as the document, highlighted.
 */

export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'code' | 'quote' | 'other';

export interface VersionBlock {
  kind: BlockKind;
  /** Heading level, or list nesting depth (0 = top level). */
  level: number;
  text: string;
}

export interface InlineSegment {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export type DiffBlock = VersionBlock & {
  status: 'same' | 'added' | 'removed' | 'changed';
  segments: InlineSegment[];
};

export interface VersionDiff {
  blocks: DiffBlock[];
  stats: { added: number; removed: number; changed: number };
}

interface PmNode {
  type: string;
  text?: string | undefined;
  attrs?: Record<string, unknown> | undefined;
  content?: PmNode[] | undefined;
}

const pmNode: z.ZodType<PmNode> = z.lazy(() =>
  z.object({
    type: z.string(),
    text: z.string().optional(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(pmNode).optional(),
  }),
);

function textOf(node: PmNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === MENTION_NODE) return mentionText(node.attrs);
  return (node.content ?? []).map(textOf).join('');
}

function collect(node: PmNode, depth: number, quoted: boolean, out: VersionBlock[]): void {
  const push = (kind: BlockKind, level: number): void => {
    out.push({ kind: quoted && kind === 'paragraph' ? 'quote' : kind, level, text: textOf(node) });
  };
  switch (node.type) {
    case 'heading':
      push('heading', Number(node.attrs?.level ?? 1));
      return;
    case 'paragraph':
      push('paragraph', depth);
      return;
    case 'codeBlock':
      push('code', 0);
      return;
    case 'listItem':
    case 'taskItem': {
      const [first, ...rest] = node.content ?? [];
      out.push({ kind: 'listItem', level: depth, text: first ? textOf(first) : '' });
      for (const child of rest) collect(child, depth + 1, quoted, out);
      return;
    }
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
      for (const child of node.content ?? []) collect(child, depth, quoted, out);
      return;
    case 'blockquote':
      for (const child of node.content ?? []) collect(child, depth, true, out);
      return;
    case 'doc':
      for (const child of node.content ?? []) collect(child, 0, quoted, out);
      return;
    default:
      if (node.content?.some((child) => child.type !== 'text')) {
        for (const child of node.content) collect(child, depth, quoted, out);
      } else {
        push('other', depth);
      }
      return;
  }
}

function blocksFromMarkdown(markdown: string): VersionBlock[] {
  return markdown
    .split(/\n{2,}|\n(?=\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s))/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => {
      const heading = /^(#{1,6})\s+(.*)$/s.exec(chunk);
      if (heading)
        return { kind: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' };
      const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/s.exec(chunk);
      if (item) return { kind: 'listItem', level: 0, text: item[1] ?? '' };
      return { kind: 'paragraph', level: 0, text: chunk };
    });
}

/** The blocks of a stored version: its ProseMirror JSON when usable, else its Markdown. */
export function versionBlocks(contentJson: unknown, contentMd: string): VersionBlock[] {
  const parsed = pmNode.safeParse(contentJson);
  if (parsed.success && parsed.data.type === 'doc') {
    const blocks: VersionBlock[] = [];
    collect(parsed.data, 0, false, blocks);
    if (blocks.length > 0 || contentMd.trim() === '') return blocks;
  }
  return blocksFromMarkdown(contentMd);
}

const sameBlock = (a: VersionBlock, b: VersionBlock) =>
  a.kind === b.kind && a.level === b.level && a.text === b.text;

function inline(before: string, after: string): InlineSegment[] {
  return diffWordsWithSpace(before, after).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }));
}

const whole = (block: VersionBlock, status: 'same' | 'added' | 'removed'): DiffBlock => ({
  ...block,
  status,
  segments: [{ kind: status, text: block.text }],
});

/** Diffs two block lists: `before` is the older version. */
export function diffBlocks(before: VersionBlock[], after: VersionBlock[]): VersionDiff {
  const blocks: DiffBlock[] = [];
  const stats = { added: 0, removed: 0, changed: 0 };
  const changes = diffArrays(before, after, { comparator: sameBlock });
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    if (!change) continue;
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      const pairs = Math.min(change.value.length, next.value.length);
      for (let k = 0; k < Math.max(change.value.length, next.value.length); k++) {
        const old = change.value[k];
        const now = next.value[k];
        if (k < pairs && old && now && old.kind === now.kind) {
          blocks.push({ ...now, status: 'changed', segments: inline(old.text, now.text) });
          stats.changed++;
        } else {
          if (old) blocks.push(whole(old, 'removed'));
          if (now) blocks.push(whole(now, 'added'));
          if (old) stats.removed++;
          if (now) stats.added++;
        }
      }
      i++;
      continue;
    }
    const status = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const block of change.value) blocks.push(whole(block, status));
    if (status === 'added') stats.added += change.value.length;
    if (status === 'removed') stats.removed += change.value.length;
  }
  return { blocks, stats };
}

export interface VersionContent {
  contentJson: unknown;
  contentMd: string;
}

/** The rendered diff of two stored versions, older first. */
export function diffVersions(before: VersionContent, after: VersionContent): VersionDiff {
  return diffBlocks(
    versionBlocks(before.contentJson, before.contentMd),
    versionBlocks(after.contentJson, after.contentMd),
  );
}
