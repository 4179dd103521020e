/** The month's AI spend against the budget, shown where runs are started and set up. */
export function SpendNotice({
  spend,
}: {
  spend: { exhausted: string | null; warning: string | null };
}) {
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
