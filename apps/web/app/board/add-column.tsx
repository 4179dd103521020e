import { addColumn, type BoardColumn } from '@specboard/doc/board';
import { useState } from 'react';
import type * as Y from 'yjs';

/** Columns are configurable: a new one gets an id from its name and starts without a limit. */
export function AddColumn({ doc, columns }: { doc: Y.Doc; columns: readonly BoardColumn[] }) {
  const [title, setTitle] = useState('');
  return (
    <form
      className="add-column"
      onSubmit={(event) => {
        event.preventDefault();
        const name = title.trim();
        const base =
          name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '_')
            .replace(/^_|_$/g, '') || 'column';
        let id = base;
        for (let n = 2; columns.some((c) => c.id === id); n++) id = `${base}_${n}`;
        if (name === '') return;
        addColumn(doc, { id, title: name, wipLimit: null });
        setTitle('');
      }}
    >
      <input
        aria-label="New column name"
        placeholder="Add a column…"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
    </form>
  );
}
