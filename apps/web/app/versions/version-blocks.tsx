import type { DiffBlock, VersionBlock } from '@specboard/doc/version-diff';
import type { ReactNode } from 'react';

type Block = VersionBlock | DiffBlock;

function inline(block: Block): ReactNode {
  if (!('segments' in block) || block.status !== 'changed') return block.text;
  return block.segments.map((segment, index) =>
    segment.kind === 'added' ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity besides position
      <ins key={index}>{segment.text}</ins>
    ) : segment.kind === 'removed' ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: as above
      <del key={index}>{segment.text}</del>
    ) : (
      segment.text
    ),
  );
}

function render(block: Block): ReactNode {
  const content = inline(block);
  switch (block.kind) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, block.level));
      const Tag = `h${level}` as 'h1';
      return <Tag>{content}</Tag>;
    }
    case 'listItem':
      return (
        <ul style={{ marginLeft: `${block.level * 1.25}rem` }}>
          <li>{content}</li>
        </ul>
      );
    case 'code':
      return (
        <pre>
          <code>{content}</code>
        </pre>
      );
    case 'quote':
      return <blockquote>{content}</blockquote>;
    default:
      return <p>{content}</p>;
  }
}

const statusLabels = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

/** A version (or a diff of two) drawn as the document, additions and deletions highlighted. */
export function VersionBlocks({ blocks }: { blocks: readonly Block[] }) {
  return (
    <article className="version-doc prose" data-testid="version-doc">
      {blocks.map((block, index) => {
        const status = 'status' in block ? block.status : 'same';
        return (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks are a fixed, read-only list
            key={index}
            className={`version-block ${status}`}
            data-status={status}
          >
            {status === 'same' ? null : (
              <span className="visually-hidden">{statusLabels[status]}: </span>
            )}
            {render(block)}
          </div>
        );
      })}
    </article>
  );
}
