/** Paths whose last segment is a secret: better-auth's mailed password-reset link. */
const secretPathPrefixes = ['/api/auth/reset-password/'];

/**
 * A request URL as the access log may show it: secret path segments replaced, and each query
 * parameter's name kept with its value replaced, because mailed links carry their secret in the
 * query (`?token=…`) or, for better-auth's reset link, in the path.
 */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  const path = redactPath(start === -1 ? url : url.slice(0, start));
  if (start === -1) return path;
  const names = new URLSearchParams(url.slice(start + 1)).keys();
  const redacted = [...new Set(names)].map((name) => `${encodeURIComponent(name)}=…`);
  return redacted.length > 0 ? `${path}?${redacted.join('&')}` : path;
}

function redactPath(path: string): string {
  const prefix = secretPathPrefixes.find((p) => path.startsWith(p) && path.length > p.length);
  return prefix ? `${prefix}…` : path;
}
