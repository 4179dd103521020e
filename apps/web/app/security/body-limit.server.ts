import { data } from 'react-router';

/**
 * Largest request body any action accepts: 1 MiB. The biggest forms (a 20 000-character
 * selection for a suggestion, a 4 000-character project idea) are far below it, and no route
 * takes uploads, so no route has a larger limit.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge() {
  return data('That request is too large: the limit is 1 MiB.', { status: 413 });
}

/**
 * Refuses a body over the limit before anything parses it: from `Content-Length` when sent,
 * and by counting a copy while reading (chunked bodies, or a length that lies). The original
 * body stays unread for the action.
 */
export async function assertBodyWithinLimit(request: Request): Promise<void> {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const body = request.clone().body;
  if (!body) return;
  const reader = body.getReader();
  let total = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    total += chunk.value.byteLength;
    if (total > MAX_BODY_BYTES) {
      // Both copies: cancelling one half of a tee settles only once the other is cancelled too.
      await Promise.all([reader.cancel(), request.body?.cancel()]);
      throw tooLarge();
    }
  }
}
