import { type BoardColumn, renameColumn, setWipLimit } from '@specboard/doc/board';
import { useState } from 'react';
import type * as Y from 'yjs';

/** A column's title, card count and WIP limit (warned when exceeded), and "add a card". */
export function ColumnHeader(props: {
  column: BoardColumn;
  count: number;
  canEdit: boolean;
  doc: Y.Doc;
  onAdd: ((title: string) => void) | null;
}) {
  const { column, count } = props;
  const over = column.wipLimit !== null && count > column.wipLimit;
  const [draft, setDraft] = useState('');
  return (
    <header className={`column-head${over ? ' over-limit' : ''}`}>
      {props.canEdit ? (
        <h2>
          <input
            className="column-title"
            aria-label={`Name of column ${column.title}`}
            defaultValue={column.title}
            key={`title-${column.title}`}
            onBlur={(e) => {
              const title = e.target.value.trim();
              if (title && title !== column.title) renameColumn(props.doc, column.id, title);
            }}
          />
        </h2>
      ) : (
        <h2>{column.title}</h2>
      )}
      <span className="column-count" data-testid={`count-${column.id}`}>
        {count}
        {column.wipLimit === null ? '' : ` / ${column.wipLimit}`}
      </span>
      {over ? (
        <span className="badge warning" role="status">
          Over WIP limit
        </span>
      ) : null}
      {props.canEdit ? (
        <label className="wip-limit">
          <span className="visually-hidden">WIP limit for {column.title}</span>
          <input
            type="number"
            min={1}
            placeholder="WIP"
            defaultValue={column.wipLimit ?? ''}
            key={`wip-${column.wipLimit}`}
            onBlur={(e) => {
              const value = e.target.value === '' ? null : Math.max(1, Number(e.target.value));
              if (value !== column.wipLimit) setWipLimit(props.doc, column.id, value);
            }}
          />
        </label>
      ) : null}
      {props.onAdd ? (
        <form
          className="add-card"
          onSubmit={(event) => {
            event.preventDefault();
            if (draft.trim() === '') return;
            props.onAdd?.(draft.trim());
            setDraft('');
          }}
        >
          <input
            aria-label="New card title"
            placeholder="Add a card…"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
        </form>
      ) : null}
    </header>
  );
}
