import type { BoardCard, CardEdit } from '@specboard/doc/board';
import { useEffect, useRef } from 'react';
import type { CardSourceLinks } from './card-links.ts';

export interface CardDrawerProps {
  card: BoardCard;
  cards: readonly BoardCard[];
  doneColumn: string | null;
  assignees: readonly { id: string; name: string }[];
  links: CardSourceLinks;
  canEdit: boolean;
  onEdit(edit: CardEdit): void;
  onToggleCriterion(index: number): void;
  onDelete(): void;
  onClose(): void;
}

const parseLabels = (value: string) => [
  ...new Set(
    value
      .split(',')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  ),
];

/** Task details; every change is a Yjs write that the other viewers see at once. */
export function CardDrawer(props: CardDrawerProps) {
  const { card, canEdit } = props;
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const titles = new Map(props.cards.map((c) => [c.id, c]));
  return (
    <aside
      className="card-drawer"
      aria-label={`Task: ${card.title}`}
      data-testid="card-drawer"
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onClose();
      }}
    >
      <header>
        <input
          className="drawer-title"
          aria-label="Title"
          defaultValue={card.title}
          key={`title-${card.title}`}
          readOnly={!canEdit}
          onBlur={(e) => e.target.value.trim() && props.onEdit({ title: e.target.value.trim() })}
        />
        <button ref={closeRef} type="button" className="button ghost small" onClick={props.onClose}>
          Close
        </button>
      </header>
      <label className="field">
        <span>Description</span>
        <textarea
          rows={5}
          defaultValue={card.description}
          key={`desc-${card.description}`}
          readOnly={!canEdit}
          onBlur={(e) => props.onEdit({ description: e.target.value })}
        />
      </label>
      <div className="drawer-row">
        <label className="field">
          <span>Estimate</span>
          <input
            type="number"
            min={0}
            max={100}
            defaultValue={card.estimate ?? ''}
            key={`est-${card.estimate}`}
            readOnly={!canEdit}
            onBlur={(e) =>
              props.onEdit({ estimate: e.target.value === '' ? null : Number(e.target.value) })
            }
          />
        </label>
        <label className="field">
          <span>Assignee</span>
          <select
            value={card.assigneeId ?? ''}
            disabled={!canEdit}
            onChange={(e) => {
              const person = props.assignees.find((a) => a.id === e.target.value);
              props.onEdit({ assigneeId: person?.id ?? null, assigneeName: person?.name ?? null });
            }}
          >
            <option value="">Nobody</option>
            {props.assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>Labels (comma-separated)</span>
        <input
          defaultValue={card.labels.join(', ')}
          key={`labels-${card.labels.join(',')}`}
          readOnly={!canEdit}
          onBlur={(e) => props.onEdit({ labels: parseLabels(e.target.value) })}
        />
      </label>
      <fieldset className="criteria">
        <legend>Acceptance criteria</legend>
        {card.acceptanceCriteria.length === 0 ? <p className="muted">None yet.</p> : null}
        {card.acceptanceCriteria.map((criterion, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: criteria are toggled by position
          <label key={`${index}-${criterion.text}`} className="criterion">
            <input
              type="checkbox"
              checked={criterion.done}
              disabled={!canEdit}
              onChange={() => props.onToggleCriterion(index)}
            />
            <span>{criterion.text}</span>
          </label>
        ))}
      </fieldset>
      <section>
        <h3>Depends on</h3>
        {card.dependsOn.length === 0 ? <p className="muted">Nothing.</p> : null}
        <ul className="dependencies">
          {card.dependsOn.map((id) => {
            const dependency = titles.get(id);
            const open = dependency !== undefined && dependency.status !== props.doneColumn;
            return (
              <li key={id} className={open ? 'open' : 'done'}>
                {dependency?.title ?? 'A removed task'} {open ? '(not done: blocks this)' : ''}
              </li>
            );
          })}
        </ul>
      </section>
      <footer>
        {props.links.source ? (
          <a href={props.links.source} data-testid="card-source">
            Source: {card.sourceAnchor ?? 'document'}
          </a>
        ) : null}
        {props.links.drift ? <a href={props.links.drift}>What changed in the spec</a> : null}
        {canEdit ? (
          <button type="button" className="button ghost small danger-text" onClick={props.onDelete}>
            Delete card
          </button>
        ) : null}
      </footer>
    </aside>
  );
}
