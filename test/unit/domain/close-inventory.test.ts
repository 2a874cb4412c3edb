import { describe, expect, it } from 'vitest';
import { countInventory, type CountItem } from '../../../electron/domain/close-inventory.js';

const chocolate: CountItem = { articleId: 'a1', code: '1205', name: 'Šokolaad', unit: 'pcs', expectedMilli: 12_000 };
const apples: CountItem = { articleId: 'a2', code: '1301', name: 'Õunad', unit: 'kg', expectedMilli: 15_500 };
const book: CountItem = { articleId: 'a3', code: '1601', name: 'Raamat', unit: 'pcs', expectedMilli: -1_000 };

describe('the stock count at close', () => {
  it('counted articles take the count; the difference is counted − expected; weighed goods to the gram', () => {
    const counted = countInventory([chocolate, apples], [
      { articleId: 'a1', countedMilli: 11_000 },
      { articleId: 'a2', countedMilli: 15_750 },
    ]);
    expect(counted).toEqual({
      ok: true,
      uncounted: 0,
      rows: [
        { ...chocolate, countedMilli: 11_000, counted: true, differenceMilli: -1_000 },
        { ...apples, countedMilli: 15_750, counted: true, differenceMilli: 250 },
      ],
    });
  });

  it('an article nobody counted is set to zero and marked uncounted; a negative stock counted as none shows what was missing on paper', () => {
    const counted = countInventory([chocolate, book], [{ articleId: 'a1', countedMilli: 12_000 }]);
    expect(counted.ok && counted.uncounted).toBe(1);
    expect(counted.ok && counted.rows[1]).toEqual({ ...book, countedMilli: 0, counted: false, differenceMilli: 1_000 });
  });

  it.each([
    ['an article not on the list', [{ articleId: 'zz', countedMilli: 1 }], 'not_on_list'],
    ['a negative count', [{ articleId: 'a1', countedMilli: -1 }], 'negative'],
    ['a count of a thousandth of a thousandth', [{ articleId: 'a1', countedMilli: 0.5 }], 'not_whole'],
    ['the same article twice', [{ articleId: 'a1', countedMilli: 1000 }, { articleId: 'a1', countedMilli: 2000 }], 'twice'],
    ['half a chocolate bar (pieces are counted whole)', [{ articleId: 'a1', countedMilli: 1500 }], 'not_whole'],
  ])('refused: %s', (_, counts, reason) => {
    expect(countInventory([chocolate], counts)).toMatchObject({ ok: false, reason });
  });

  it('weighed goods are counted to the gram', () => {
    expect(countInventory([apples], [{ articleId: 'a2', countedMilli: 1_501 }])).toMatchObject({ ok: true, rows: [{ countedMilli: 1_501 }] });
  });
});
