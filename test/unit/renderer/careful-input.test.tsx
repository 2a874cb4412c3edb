// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  APPLES,
  BREAD,
  GIFT_BAG,
  MILK,
  VASE,
  articleField,
  cashField,
  choose,
  focused,
  keyAndEnter,
  press,
  renderTill,
  resetDom,
  rowContents,
  scan,
  startReceipt,
  text,
  textbox,
  typeAndLeave,
  weigh,
  receiptWith,
} from './harness';

/**
 * What a tired cashier may get wrong: a weighed article entered without its weight, the same
 * article scanned twice, a quantity or a cash amount with too many digits, a receipt sold for
 * nothing, a row removed by a stray click. The till asks, or refuses, before it takes any of it.
 */

beforeEach(() => resetDom());
afterEach(() => resetDom());


const quantities = () => screen.queryAllByRole('textbox', { name: 'Quantity' }).map((el) => (el as HTMLInputElement).value);
const dialogNamed = (name: string) => screen.findByRole('dialog', { name });
/** The answer that has the focus in the open dialog. */
const focusedAnswer = () => (focused() as HTMLElement | null)?.textContent;

/** F4, the amount typed into Cash, Enter. */
const payCash = (amount: string) => keyAndEnter('F4', cashField, amount);

describe('a weighed article entered by its code', () => {
  it('asks for the weight; Enter adds the row with that weight', async () => {
    const { core } = await renderTill();
    await startReceipt();
    scan(APPLES.code, articleField());
    const dialog = await dialogNamed('Weight of Apples');
    const weight = within(dialog).getByRole('textbox', { name: 'Weight (kg)' });
    expect(focused()).toBe(weight);
    expect(rowContents()).toEqual([]); // nothing sold as "1 kg" meanwhile

    await weigh(APPLES.name, '1,25');
    await waitFor(() => expect(rowContents()).toEqual([APPLES.name]));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(quantities()).toEqual(['1.25']);
    expect(text('Sum')).toBe('2.49'); // 1.25 kg × 1.99
    expect(screen.getByText('Row 1 added.')).toBeTruthy();
    expect(focused()).toBe(articleField());
    expect(articleField().value).toBe(''); // ready for the next scan
    const { id } = await core.current();
    expect(core.callsOf('receipt.addArticle')).toEqual([
      { receiptId: id, code: APPLES.code },
      { receiptId: id, code: APPLES.code, quantityMilli: 1250 },
    ]);
  });

  it('Escape sells nothing and goes back to the Article field', async () => {
    const { core } = await renderTill();
    await startReceipt();
    scan(APPLES.code, articleField());
    const dialog = await dialogNamed('Weight of Apples');
    press('Escape', within(dialog).getByRole('textbox', { name: 'Weight (kg)' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(rowContents()).toEqual([]);
    expect(focused()).toBe(articleField());
    expect(articleField().value).toBe('');
    expect(core.callsOf('receipt.addArticle')).toHaveLength(1);
    expect((await core.current()).rows).toEqual([]);
  });

  it('refuses a weight that is not one, next to its field, and keeps the dialog open', async () => {
    const { core } = await renderTill();
    await startReceipt();
    scan(APPLES.code, articleField());
    for (const typed of ['abc', '0', '1,2345']) {
      await weigh(APPLES.name, typed);
      const field = within(await dialogNamed('Weight of Apples')).getByRole('textbox', { name: 'Weight (kg)' });
      const error = await screen.findByRole('alert');
      expect(error.textContent).toBe('Type a weight in kilograms, e.g. 1,25 (at most 3 decimals).');
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
      expect(focused()).toBe(field);
    }
    expect(core.callsOf('receipt.addArticle')).toHaveLength(1);
    expect(rowContents()).toEqual([]);

    // A good weight after all of that is taken.
    await weigh(APPLES.name, '0.5');
    await waitFor(() => expect(quantities()).toEqual(['0.5']));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the same article scanned again', () => {
  it('adds to its row and says so', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code, BREAD.code);
    scan(MILK.code, articleField());
    await waitFor(() => expect(quantities()).toEqual(['2', '1']));
    expect(rowContents()).toEqual([MILK.name, BREAD.name]);
    expect(screen.getByText('Added to row 1: 2 now.')).toBeTruthy();
    expect(text('Sum')).toBe('4.57'); // 2 × 1.29 + 1.99
    expect((await core.current()).rows.map((r) => r.quantityMilli)).toEqual([2000, 1000]);
  });

  it('leaves a row whose price was typed by hand alone', async () => {
    await renderTill();
    await receiptWith(MILK.code);
    typeAndLeave(textbox('Unit price'), '0,99');
    await waitFor(() => expect(text('Sum')).toBe('0.99'));
    scan(MILK.code, articleField());
    await waitFor(() => expect(rowContents()).toEqual([MILK.name, MILK.name]));
    expect(quantities()).toEqual(['1', '1']);
    expect(text('Sum')).toBe('2.28');
    expect(screen.getByText('Row 2 added.')).toBeTruthy();
  });
});

describe('a quantity that looks like a slip', () => {
  it('a per-piece article refuses a fractional quantity', async () => {
    const { core } = await renderTill();
    await receiptWith(BREAD.code);
    typeAndLeave(textbox('Quantity'), '1,5');
    expect((await screen.findByRole('alert')).textContent).toContain('Rye bread');
    await waitFor(() => expect(quantities()).toEqual(['1']));
    expect(text('Sum')).toBe('1.99');
    expect((await core.current()).rows[0]?.quantityMilli).toBe(1000);
  });

  it('above the per-row limit: asked, "No, correct it" (focused) changes nothing, "Yes, sell it" takes it', async () => {
    const { core } = await renderTill();
    await receiptWith(BREAD.code);
    typeAndLeave(textbox('Quantity'), '1000');
    const dialog = await dialogNamed('Are you sure?');
    expect(within(dialog).getByText('1000 pcs of Rye bread on one row: more than the usual 999.')).toBeTruthy();
    expect(focusedAnswer()).toBe('No, correct it');

    press('Enter');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(quantities()).toEqual(['1']);
    expect(text('Sum')).toBe('1.99');
    expect((await core.current()).rows[0]?.quantityMilli).toBe(1000);

    typeAndLeave(textbox('Quantity'), '1000');
    await choose('Are you sure?', 'Yes, sell it');
    await waitFor(() => expect(quantities()).toEqual(['1000']));
    expect(text('Sum')).toBe('1,990.00');
    const sent = core.callsOf('receipt.updateRow') as { quantityMilli?: number; confirmed?: boolean }[];
    expect(sent.map((c) => [c.quantityMilli, c.confirmed])).toEqual([
      [1_000_000, false],
      [1_000_000, false],
      [1_000_000, true],
    ]);
  });

  it('far above the stock: asked with the stock; a scan that would take it there is asked too', async () => {
    const { core } = await renderTill();
    await receiptWith(VASE.code); // one in stock
    typeAndLeave(textbox('Quantity'), '12');
    const dialog = await dialogNamed('Are you sure?');
    expect(within(dialog).getByText('12 pcs of Glass vase: only 1 in stock.')).toBeTruthy();
    press('Escape');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(quantities()).toEqual(['1']);

    // Eleven is within ten of the stock: taken without a question.
    typeAndLeave(textbox('Quantity'), '11');
    await waitFor(() => expect(quantities()).toEqual(['11']));
    expect(screen.queryByRole('dialog')).toBeNull();
    scan(VASE.code, articleField());
    await dialogNamed('Are you sure?');
    expect(articleField().value).toBe(''); // the question has the code now
    await choose('Are you sure?', 'Yes, sell it');
    await waitFor(() => expect(quantities()).toEqual(['12']));
    expect(screen.getByText('Added to row 1: 12 now.')).toBeTruthy();
    expect((await core.current()).rows.map((r) => r.quantityMilli)).toEqual([12_000]);
  });
});

describe('cash', () => {
  it('more than the amount due plus the largest banknote is asked about: No pays nothing, Yes takes it', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);
    await payCash('5000');
    const dialog = await dialogNamed('Are you sure?');
    expect(within(dialog).getByText('Received 5,000.00 in cash? That is more than the amount due and the largest banknote (201.29).')).toBeTruthy();
    expect(focusedAnswer()).toBe('No, correct it');

    press('Enter');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(text('Due')).toBe('1.29');
    expect((await core.current()).payments).toEqual([]);

    await payCash('5000');
    await choose('Are you sure?', 'Yes, take it');
    await waitFor(() => expect(text('Money')).toBe('5,000.00'));
    expect(text('Change')).toBe('4,998.70');
    expect(text('Due')).toBe('0.00');
    expect(core.callsOf('receipt.pay').map((c) => (c as { confirmed: boolean }).confirmed)).toEqual([false, false, true]);
  });

  it('up to the amount due plus the largest banknote is taken without a question', async () => {
    await renderTill();
    await receiptWith(MILK.code);
    await payCash('201,29');
    await waitFor(() => expect(text('Change')).toBe('199.99'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('less than the amount due says what is still due, as a warning', async () => {
    await renderTill();
    await receiptWith(MILK.code, BREAD.code);
    await payCash('1');
    await waitFor(() => expect(text('Due')).toBe('2.28'));
    const said = await screen.findByText('Received 1.00 — 2.28 still due.');
    expect(said.classList.contains('message-warning')).toBe(true);
    expect(said.classList.contains('message-success')).toBe(false);
    expect(text('Due')).toBe('2.28');
  });
});

describe('a number with too many digits', () => {
  it('in Quantity or Price says it is too large and what the most is; the row and the core keep their values', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);
    for (const typed of ['9999999', '99999999']) {
      typeAndLeave(textbox('Quantity'), typed);
      expect((await screen.findByRole('alert')).textContent).toBe('Too large: a quantity can be at most 1000000.');
      await waitFor(() => expect(quantities()).toEqual(['1']));
    }
    typeAndLeave(textbox('Unit price'), '99999999');
    await waitFor(() =>
      expect(screen.getAllByRole('alert').map((el) => el.textContent)).toContain('Too large: a unit price can be at most 10,000,000.00.'),
    );
    expect(text('Sum')).toBe('1.29');
    expect(core.callsOf('receipt.updateRow')).toEqual([]);
  });

  it('in Cash says it is too large and pays nothing', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);
    await payCash('99999999999');
    expect((await screen.findByRole('alert')).textContent).toBe('Too large: one payment can be at most 1,000,000,000.00.');
    expect(core.callsOf('receipt.pay')).toEqual([]);
    expect(text('Due')).toBe('1.29');
  });
});

describe('F12 on a receipt sold for nothing', () => {
  it('rows the policy warns about: "Back to the receipt" changes nothing, Confirm (focused) confirms', async () => {
    const { core } = await renderTill({ settings: { zeroPricePolicy: 'warn' } });
    await receiptWith(MILK.code, GIFT_BAG.code);
    await payCash('1,30');
    await waitFor(() => expect(text('Due')).toBe('0.00'));
    const status = text('Status'); // paying saved it: View

    press('F12');
    const dialog = await dialogNamed('Confirm this receipt anyway?');
    expect(within(dialog).getByText('Rows 2 are sold for 0.00.')).toBeTruthy();
    expect(focusedAnswer()).toBe('Confirm');
    await choose('Confirm this receipt anyway?', 'Back to the receipt');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(text('Status')).toBe(status);
    expect(textbox('Number').value).toBe('KA');
    expect(focused()).toBe(articleField());
    expect((await core.current()).status).not.toBe('confirmed');

    press('F12');
    await dialogNamed('Confirm this receipt anyway?');
    press('Enter');
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
    expect(textbox('Number').value).toBe('KA-000001');
    expect(core.callsOf('receipt.confirm')).toEqual([
      { receiptId: expect.any(String), accept: [] },
      { receiptId: expect.any(String), accept: [] },
      { receiptId: expect.any(String), accept: ['zero_price'] },
    ]);
  });

  it('a 100 % discount counts as no price, and a total of 0.00 is asked about', async () => {
    await renderTill({ settings: { zeroPricePolicy: 'warn' } });
    await receiptWith(MILK.code);
    typeAndLeave(textbox('Discount %'), '100');
    await waitFor(() => expect(text('Sum')).toBe('0.00'));
    press('F12');
    const dialog = await dialogNamed('Confirm this receipt anyway?');
    expect(within(dialog).getByText('Rows 1 are sold for 0.00. The receipt totals 0.00.')).toBeTruthy();
    await choose('Confirm this receipt anyway?', 'Confirm');
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
  });

  it('with no policy, only the total of 0.00 is asked about', async () => {
    await renderTill({ settings: { zeroPricePolicy: 'none' } });
    await receiptWith(GIFT_BAG.code);
    press('F12');
    const dialog = await dialogNamed('Confirm this receipt anyway?');
    expect(within(dialog).getByText('The receipt totals 0.00.')).toBeTruthy();
    press('Escape');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(text('Status')).toBe('Modified');
  });
});

describe('removing a row', () => {
  it('asks with the row\'s name: Keep and Escape keep it, Remove (focused) removes it and logs it', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code, BREAD.code);

    fireEvent.click(screen.getByRole('button', { name: 'Delete row 1' }));
    const dialog = await dialogNamed('Remove row 1?');
    expect(within(dialog).getByText('Milk 2.5% 1 l leaves the receipt.')).toBeTruthy();
    expect(focusedAnswer()).toBe('Remove');
    await choose('Remove row 1?', 'Keep');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(rowContents()).toEqual([MILK.name, BREAD.name]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete row 2' }));
    await dialogNamed('Remove row 2?');
    press('Escape');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(rowContents()).toEqual([MILK.name, BREAD.name]);
    expect(core.callsOf('receipt.removeRow')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete row 1' }));
    await dialogNamed('Remove row 1?');
    press('Enter');
    await waitFor(() => expect(rowContents()).toEqual([BREAD.name]));
    expect(screen.getByText('Row 1 deleted.')).toBeTruthy();
    expect(text('Sum')).toBe('1.99');
    expect(focused()).toBe(articleField());
    const log = await core.ok('devices.log', { limit: 10 });
    expect(log.filter((e) => e.event === 'row.removed').map((e) => e.detail)).toEqual([`row 1: ${MILK.code} ${MILK.name}, 1 × 1.29`]);
  });
});
