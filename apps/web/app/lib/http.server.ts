import { data } from 'react-router';

// Expected failures are thrown as responses; the root error boundary renders them.
export function notFound(message = 'Not found'): ReturnType<typeof data<string>> {
  return data(message, { status: 404 });
}

export function forbidden(
  message = 'You are not allowed to do this.',
): ReturnType<typeof data<string>> {
  return data(message, { status: 403 });
}

export function badRequest(message: string): ReturnType<typeof data<string>> {
  return data(message, { status: 400 });
}
