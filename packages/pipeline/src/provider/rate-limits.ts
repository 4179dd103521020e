/** Copies the `x-ratelimit-*` headers (requests/tokens limit, remaining, reset) into `into`. */
export function collectRateLimits(
  headers: Headers | undefined,
  into: Record<string, string>,
): void {
  if (!headers) return;
  headers.forEach((value, name) => {
    if (name.toLowerCase().startsWith('x-ratelimit-')) into[name.toLowerCase()] = value;
  });
}
