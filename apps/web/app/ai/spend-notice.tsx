/**
 * The month's AI spend against the budget, shown where runs are started and set up; or, with no
 * AI endpoint, that every run uses the free offline provider.
 */
export function SpendNotice({
  spend,
}: {
  spend: { exhausted: string | null; warning: string | null; offline: string | null };
}) {
  if (spend.offline) {
    return (
      <p className="notice" role="status">
        {spend.offline}
      </p>
    );
  }
  if (spend.exhausted) {
    return (
      <p className="notice" role="alert">
        {spend.exhausted}
      </p>
    );
  }
  if (spend.warning) {
    return (
      <p className="notice" role="status">
        {spend.warning}.
      </p>
    );
  }
  return null;
}
