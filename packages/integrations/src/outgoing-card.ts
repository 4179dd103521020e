/** A board card as it is pushed to another tool (Jira, GitHub Issues). */
export interface OutgoingCard {
  id: string;
  projectId: string;
  /** The card's column now: what both sides agree on once pushed. */
  status: string;
  title: string;
  description: string;
  acceptanceCriteria: readonly string[];
  /** Absolute link back to the PRD (or the board) the card came from. */
  link: string;
}
