import { describe, expect, it } from 'vitest';
import { safeRedirect } from './session.server.ts';

const app = 'http://specboard.test';
/** Where a browser goes when told `Location: <path>` by this app. */
const browserTarget = (path: string) => new URL(path, app).origin;

describe('safeRedirect', () => {
  it.each([
    '//evil.example',
    '/\\evil.example/x',
    '/\\/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/.//evil.example',
    '/..//evil.example',
    'https://evil.example/',
    'evil.example',
    '',
  ])('keeps %j on this app', (target) => {
    expect(browserTarget(safeRedirect(target, '/orgs'))).toBe(app);
  });

  it('keeps a local path with its query and fragment', () => {
    const target = '/orgs/01J0000000000000000000000A/search?q=a%20b#top';
    expect(safeRedirect(target)).toBe(target);
  });

  it('falls back when there is no target', () => {
    expect(safeRedirect(null, '/orgs')).toBe('/orgs');
  });
});
