const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", with the exact time on hover; rendered the same on server and client. */
export function RelativeTime({ iso, now }: { iso: string; now?: number }) {
  const date = new Date(iso);
  const diff = date.getTime() - (now ?? Date.now());
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const [unit, size] = units.find(([, ms]) => Math.abs(diff) >= ms) ?? ['minute', 60_000];
  return (
    <time dateTime={iso} title={date.toUTCString()} suppressHydrationWarning>
      {format.format(Math.round(diff / size), unit)}
    </time>
  );
}
