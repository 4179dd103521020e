import { useEffect, useRef, useState } from 'react';
import { Link, useRevalidator } from 'react-router';
import { z } from 'zod';

const unreadEvent = z.object({ unread: z.number().int().nonnegative() });

/**
 * The inbox link with the person's unread count, kept current by the server-sent events of
 * `/api/notifications/stream` (decision 015): no polling, no reload. `revalidateOnChange`
 * reloads the page's data when the count changes (the inbox page shows the new rows).
 */
export function NotificationBell({ revalidateOnChange = false }: { revalidateOnChange?: boolean }) {
  const [unread, setUnread] = useState<number | null>(null);
  const { revalidate } = useRevalidator();
  // Kept in a ref: the stream stays open across renders instead of reconnecting on each one.
  const reload = useRef(revalidate);
  reload.current = revalidate;
  useEffect(() => {
    const source = new EventSource('/api/notifications/stream');
    let previous: number | null = null;
    source.addEventListener('unread', (event) => {
      const parsed = unreadEvent.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success) return;
      setUnread(parsed.data.unread);
      if (revalidateOnChange && previous !== null && previous !== parsed.data.unread) {
        void reload.current();
      }
      previous = parsed.data.unread;
    });
    return () => source.close();
  }, [revalidateOnChange]);
  const label =
    unread === null ? 'Inbox' : unread === 0 ? 'Inbox, nothing unread' : `Inbox, ${unread} unread`;
  return (
    <Link to="/inbox" className="bell" aria-label={label} title={label} data-unread={unread ?? ''}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread ? <span className="bell-count">{unread > 99 ? '99+' : unread}</span> : null}
    </Link>
  );
}
