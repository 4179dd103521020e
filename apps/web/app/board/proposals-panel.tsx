import type { Proposal } from '@specboard/doc/board-proposals';

const kindLabels = { add: 'Add', modify: 'Change', remove: 'Remove' } as const;

function describe(proposal: Proposal): string {
  if (proposal.kind === 'add') return proposal.card.title;
  if (proposal.kind === 'remove') return proposal.title;
  return `${proposal.title} (${Object.keys(proposal.changes).join(', ')})`;
}

/** Changes a newer version proposes; accepting one never moves a card or resets its status. */
export function ProposalsPanel(props: {
  proposals: readonly Proposal[];
  canEdit: boolean;
  onAccept(id: string): void;
  onReject(id: string): void;
}) {
  if (props.proposals.length === 0) return null;
  return (
    <section className="proposals" aria-label="Proposed changes from a newer version">
      <h2>
        Proposed changes <span className="muted">({props.proposals.length})</span>
      </h2>
      <ul>
        {props.proposals.map((proposal) => (
          <li key={proposal.id} className={`proposal ${proposal.kind}`} data-testid="proposal">
            <span className={`badge ${proposal.kind}`}>{kindLabels[proposal.kind]}</span>
            <span className="grow">{describe(proposal)}</span>
            {props.canEdit ? (
              <>
                <button
                  type="button"
                  className="button small"
                  onClick={() => props.onAccept(proposal.id)}
                >
                  Accept
                </button>
                <button
                  type="button"
                  className="button ghost small"
                  onClick={() => props.onReject(proposal.id)}
                >
                  Reject
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
