import { type BoardFilters, NO_EPIC } from './board-filters.ts';

export interface BoardToolbarProps {
  filters: BoardFilters;
  options: { labels: string[]; epics: string[] };
  assignees: readonly { id: string; name: string }[];
  swimlanes: boolean;
  exportBase: string;
  onFilters(filters: BoardFilters): void;
  onSwimlanes(on: boolean): void;
}

/** Filters (label, assignee, epic), the swimlane switch and the export links. */
export function BoardToolbar(props: BoardToolbarProps) {
  const set = (patch: Partial<BoardFilters>) => props.onFilters({ ...props.filters, ...patch });
  return (
    <div className="board-toolbar">
      <label>
        Label{' '}
        <select value={props.filters.label} onChange={(e) => set({ label: e.target.value })}>
          <option value="">Any</option>
          {props.options.labels.map((label) => (
            <option key={label}>{label}</option>
          ))}
        </select>
      </label>
      <label>
        Assignee{' '}
        <select value={props.filters.assignee} onChange={(e) => set({ assignee: e.target.value })}>
          <option value="">Anyone</option>
          {props.assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Epic{' '}
        <select value={props.filters.epic} onChange={(e) => set({ epic: e.target.value })}>
          <option value="">Any</option>
          {props.options.epics.map((epic) => (
            <option key={epic} value={epic}>
              {epic === NO_EPIC ? 'No epic' : epic}
            </option>
          ))}
        </select>
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={props.swimlanes}
          onChange={(e) => props.onSwimlanes(e.target.checked)}
        />{' '}
        Swimlanes by epic
      </label>
      <span className="grow" />
      <span className="export-links">
        Export:{' '}
        <a href={`${props.exportBase}?format=md`} download>
          Markdown
        </a>{' '}
        ·{' '}
        <a href={`${props.exportBase}?format=csv-jira`} download>
          CSV (Jira)
        </a>{' '}
        ·{' '}
        <a href={`${props.exportBase}?format=csv-github`} download>
          CSV (GitHub)
        </a>{' '}
        ·{' '}
        <a href={`${props.exportBase}?format=json`} download>
          JSON
        </a>
      </span>
    </div>
  );
}
