import { boardCardSchema } from '@specboard/doc/board';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CardList } from './card-list.tsx';

const cards = Array.from({ length: 2_000 }, (_, n) =>
  boardCardSchema.parse({ id: `card-${n}`, title: `Card ${n}`, status: 'todo', order: `a${n}` }),
);

describe('a virtualised column', () => {
  it('is rendered on the server with its first screen of cards and room for the rest', () => {
    const html = renderToString(
      createElement(CardList, {
        cards,
        total: cards.length,
        heldId: null,
        tile: (card, place) =>
          createElement('li', { key: card.id, 'data-index': place.index }, card.title),
      }),
    );
    const shown = [...html.matchAll(/data-index="(\d+)"/g)].map((match) => Number(match[1]));
    expect(shown[0]).toBe(0);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(40);
    expect(html).toMatch(/padding-bottom:\d{5,}/);
  });
});
