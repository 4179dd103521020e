// `pnpm bench board`: a board of 2,000 cards in real Chromium against the real apps.
// Targets (issue 15): initial render ≤ 300 ms; a move painted in another browser, p95 ≤ 50 ms.
import { expect, type Page, test } from '@playwright/test';
import { createDb } from '@specboard/db';
import { appendDocUpdates } from '@specboard/db/doc-log';
import { addMember } from '@specboard/db/organizations';
import { type CardDraft, insertCards } from '@specboard/doc/board';
import * as Y from 'yjs';
import { createOrganization, newPerson, signUp } from '../e2e/app.ts';

const CARDS = 2_000;
const LOADS = 5;
const MOVES = 40;

const draft = (n: number): CardDraft => ({
  // Card ids are ULIDs, like the ones the app writes (26 Crockford base-32 characters).
  id: `01JBENCH${String(n).padStart(18, '0')}`,
  title: `Task ${n}: wire the ${n % 7 === 0 ? 'billing' : 'booking'} flow`,
  description: `Generated card ${n}`,
  estimate: (n % 5) + 1,
  priority: 'medium',
  labels: n % 3 === 0 ? ['backend'] : ['frontend'],
  dependsOn: [],
  acceptanceCriteria: [{ text: 'works', done: false }],
  assigneeId: null,
  assigneeName: null,
  epicId: null,
  epicTitle: n % 2 === 0 ? 'Bookings' : 'Payments',
  storyId: null,
  sourceVersionId: null,
  sourceAnchor: null,
});

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function row(name: string, value: number, target: number): string {
  const verdict = value <= target ? 'PASS' : 'MISS';
  return `${name.padEnd(42)} ${value.toFixed(1).padStart(8)} ms   target ≤ ${target} ms   ${(value / target).toFixed(2)}× of target   ${verdict}`;
}

/**
 * Milliseconds from navigation start until the first screen of the board is painted: the column
 * counts add up to every card, and each column shows its cards down to the bottom of the window
 * (or all of them). Columns are virtualised, so cards below the window are not in the DOM.
 */
async function renderTime(page: Page, path: string): Promise<number> {
  await page.goto(path, { waitUntil: 'commit' });
  const painted = await page.waitForFunction(
    (count) => {
      let total = 0;
      for (const column of document.querySelectorAll('[data-testid^="column-"]')) {
        const cards = Number.parseInt(column.querySelector('.column-count')?.textContent ?? '', 10);
        if (Number.isNaN(cards)) return false;
        total += cards;
        const tiles = column.querySelectorAll('[data-testid="card"]');
        const bottom = tiles[tiles.length - 1]?.getBoundingClientRect().bottom ?? 0;
        if (tiles.length < cards && bottom < window.innerHeight) return false;
      }
      return total === count && performance.now();
    },
    CARDS,
    { polling: 'raf', timeout: 60_000 },
  );
  return Number(await painted.jsonValue());
}

/** Milliseconds from navigation start until the page's first byte: the web app's response. */
function firstByte(page: Page): Promise<number> {
  return page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation');
    return navigation instanceof PerformanceNavigationTiming ? navigation.responseStart : NaN;
  });
}

test('a board of 2,000 cards', async ({ browser }) => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('run through `pnpm bench board`');
  const db = createDb(url, { max: 1 });
  const alice = await newPerson(browser, 'Alice Owner');
  const bob = await newPerson(browser, 'Bob Editor');
  await alice.page.goto('/sign-up');
  await signUp(alice);
  const orgPath = await createOrganization(alice.page, 'Bench Co');
  await alice.page.getByLabel('Name', { exact: true }).fill('Big board');
  await alice.page.getByRole('button', { name: 'Create project' }).click();
  await alice.page.getByRole('link', { name: 'Open board' }).click();
  await alice.page.waitForURL(/\/board$/);
  const boardPath = new URL(alice.page.url()).pathname;
  const projectId = boardPath.split('/')[4] ?? '';
  await bob.page.goto('/sign-up');
  await signUp(bob);
  const bobId = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', bob.email)
    .executeTakeFirstOrThrow();
  const orgId = orgPath.split('/')[2] ?? '';
  await addMember(db, { orgId, userId: bobId.id, role: 'editor' });

  const seed = new Y.Doc();
  insertCards(
    seed,
    Array.from({ length: CARDS }, (_, i) => draft(i)),
  );
  await appendDocUpdates(db, orgId, [
    { docName: `board:${projectId}`, update: Y.encodeStateAsUpdate(seed), origin: 'bench:seed' },
  ]);

  // The page paints the `tasks` projection first: the worker writes it after the seed lands.
  await expect
    .poll(
      async () => {
        const { count } = await db
          .selectFrom('tasks')
          .select((eb) => eb.fn.countAll<string>().as('count'))
          .where('project_id', '=', projectId)
          .executeTakeFirstOrThrow();
        return Number(count);
      },
      { timeout: 120_000 },
    )
    .toBe(CARDS);

  // Each load starts from a settled page: the previous load's page has synced its 2,000 cards
  // (hydration, the websocket's state, the sync server sending it), which otherwise overlaps the
  // next load on the same two cores and put the previous page's work into its figure. The first
  // load is a warm-up, printed but not counted: it is the web app's first render of a full
  // board since it started (code not yet optimised by V8, statements not yet prepared).
  const load = async () => {
    const rendered = await renderTime(alice.page, boardPath);
    const answered = await firstByte(alice.page);
    await expect(alice.page.getByTestId('board')).toHaveAttribute('data-synced', 'true');
    await expect(alice.page.getByTestId('count-todo')).toHaveText(String(CARDS));
    return { rendered, answered };
  };
  const warmUp = await load();
  const renders: number[] = [];
  const firstBytes: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const { rendered, answered } = await load();
    renders.push(rendered);
    firstBytes.push(answered);
  }
  await bob.page.goto(boardPath);
  await expect(bob.page.getByTestId('board')).toHaveAttribute('data-synced', 'true');
  await expect(bob.page.getByTestId('count-todo')).toHaveText(String(CARDS));

  // Bob's page notes when each card lands in "In progress" and when that frame is painted (the
  // next animation frame after the DOM change); `paintedAt(id)` waits for that stamp.
  await bob.page.evaluate(() => {
    const seen = new Map<string, number>();
    const waiting = new Map<string, (at: number) => void>();
    const column = document.querySelector('[data-testid="column-in_progress"]');
    if (!column) throw new Error('no In progress column');
    new MutationObserver(() => {
      const arrived = [...column.querySelectorAll<HTMLElement>('[data-card-id]')]
        .map((card) => card.dataset.cardId ?? '')
        .filter((id) => !seen.has(id));
      for (const id of arrived) seen.set(id, 0);
      requestAnimationFrame(() => {
        const paintedAt = performance.timeOrigin + performance.now();
        for (const id of arrived) {
          seen.set(id, paintedAt);
          waiting.get(id)?.(paintedAt);
        }
      });
    }).observe(column, { childList: true, subtree: true });
    const paintedAt = (id: string) =>
      new Promise<number>((resolve, reject) => {
        const at = seen.get(id);
        if (at) return resolve(at);
        waiting.set(id, resolve);
        setTimeout(
          () => reject(new Error(`card ${id} not painted in In progress in 10 s`)),
          10_000,
        );
      });
    Object.assign(window, { paintedAt });
  });
  // Alice's page stamps the arrow key that moves the card when it reaches the page, so the
  // figure starts at the person's key press, not before Playwright's round trip to the browser.
  await alice.page.evaluate(() => {
    const stamp = { movedAt: 0 };
    Object.assign(window, { stamp });
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'ArrowRight') stamp.movedAt = performance.timeOrigin + performance.now();
      },
      { capture: true },
    );
  });
  const latencies: number[] = [];
  for (let i = 0; i < MOVES; i++) {
    const id = draft(i).id;
    await alice.page.locator(`[data-card-button="${id}"]`).focus();
    await alice.page.keyboard.press('Space');
    await alice.page.keyboard.press('ArrowRight');
    await alice.page.keyboard.press('Space');
    const movedAt = await alice.page.evaluate(
      () => (window as unknown as { stamp: { movedAt: number } }).stamp.movedAt,
    );
    const paintedAt = await bob.page.evaluate(
      (card) => (window as unknown as { paintedAt(id: string): Promise<number> }).paintedAt(card),
      id,
    );
    latencies.push(paintedAt - movedAt);
  }

  const lines = [
    `board bench: ${CARDS} cards, ${LOADS} loads, ${MOVES} moves`,
    row('initial render, median', percentile(renders, 50), 300),
    row('initial render, p95', percentile(renders, 95), 300),
    `  each load: ${renders.map((ms) => ms.toFixed(0)).join(', ')} ms; its first byte at ${firstBytes.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    `  warm-up load (not counted): ${warmUp.rendered.toFixed(0)} ms; its first byte at ${warmUp.answered.toFixed(0)} ms`,
    row('move painted in the other browser, median', percentile(latencies, 50), 50),
    row('move painted in the other browser, p95', percentile(latencies, 95), 50),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  await alice.context.close();
  await bob.context.close();
  await db.destroy();
});
