import { notificationStream } from '../notifications/stream.server.ts';
import type { Route } from './+types/notifications-stream.ts';

export async function loader({ request }: Route.LoaderArgs) {
  return notificationStream(request);
}
