// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  BREAD,
  GIFT_BAG,
  MILK,
  VASE,
  articleField,
  focused,
  press,
  renderTill,
  resetDom,
  rowContents,
  scan,
  startReceipt,
  text,
  textbox,
  typeAndLeave,
  receiptWith,
} from './harness';

beforeEach(() => resetDom());
afterEach(() => resetDom());


const rowSums = () => screen.queryAllByLabelText('Row sum').map((el) => el.textContent);

describe('rows', () => {
  it('a discount typed into a row changes its sum and the total; only that field is sent', async () => {
    const { core } = await renderTill();
    await receiptWith(BREAD.code);
    const discount = textbox('Discount %');
    expect(discount.value).toBe('0');

    fireEvent.input(discount, { target: { value: '10' } });
    press('Enter', discount); // Enter goes back to the Article field; leaving the field saves
    expect(focused()).toBe(articleField());
    await waitFor(() => expect(rowSums()).toEqual(['1.79'])); // 1.99 − 10 %, rounded once
    expect(text('Sum')).toBe('1.79');
    expect(textbox('Discount %').value).toBe('10');
    const receipt = await core.current();
    expect(core.callsOf('receipt.updateRow')).toEqual([{ receiptId: receipt.id, rowId: receipt.rows[0]?.id, discountBp: 1000, confirmed: false }]);

    typeAndLeave(textbox('Discount %'), '12,5');
    await waitFor(() => expect(textbox('Discount %').value).toBe('12.5'));
    expect(rowSums()).toEqual(['1.74']);

    typeAndLeave(textbox('Discount %'), '101');
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a discount from 0 to 100 %, with at most 2 decimals.');
    expect(textbox('Discount %').value).toBe('12.5');
  });

  it('Content, Unit price and Serial number save one field each', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);
    typeAndLeave(textbox('Content'), 'Milk, lactose free');
    await waitFor(() => expect(rowContents()).toEqual(['Milk, lactose free']));
    typeAndLeave(textbox('Unit price'), '1,49');
    await waitFor(() => expect(rowSums()).toEqual(['1.49']));
    typeAndLeave(textbox('Serial number'), 'SN-1');
    await waitFor(() => expect(core.callsOf('receipt.updateRow')).toHaveLength(3));
    // Besides the receipt, the row and `confirmed` (no question was answered): one field each.
    const sent = core.callsOf('receipt.updateRow') as Record<string, unknown>[];
    expect(sent.map((c) => c.confirmed)).toEqual([false, false, false]);
    expect(sent.map((c) => Object.keys(c).filter((k) => !['receiptId', 'rowId', 'confirmed'].includes(k)))).toEqual([
      ['name'],
      ['unitPriceMinor'],
      ['serialNo'],
    ]);
    // Unchanged text is not sent again.
    fireEvent.blur(textbox('Serial number'));
    typeAndLeave(textbox('Content'), '   ');
    expect((await screen.findByRole('alert')).textContent).toBe('The content cannot be empty. Type the name of the row.');
    expect(core.callsOf('receipt.updateRow')).toHaveLength(3);
  });

  it('a zero-price row that the policy forbids says "Enter the selling price!" and blocks saving', async () => {
    await renderTill({ settings: { zeroPricePolicy: 'forbid' } });
    await receiptWith(MILK.code, GIFT_BAG.code);
    const prices = screen.getAllByRole('textbox', { name: 'Unit price' }) as HTMLInputElement[];
    const gift = prices[1]!;
    expect(gift.getAttribute('aria-invalid')).toBe('true');
    expect(gift).toHaveProperty('value', '0.00');
    const description = document.getElementById(gift.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toBe('Enter the selling price!');
    expect(prices[0]!.getAttribute('aria-invalid')).toBeNull();

    press('F9');
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the selling price! Rows: 2');
    expect(text('Status')).toBe('Modified');

    typeAndLeave(gift, '0.50');
    await waitFor(() => expect(screen.queryByText('Enter the selling price!')).toBeNull());
    press('F9');
    await waitFor(() => expect(text('Status')).toBe('View'));
  });

  it('a quantity above the stock is marked, with the stock as its description', async () => {
    await renderTill();
    await receiptWith(VASE.code);
    expect(textbox('Quantity').getAttribute('aria-describedby')).toBeNull();
    typeAndLeave(textbox('Quantity'), '2');
    await waitFor(() => expect(textbox('Quantity').getAttribute('aria-describedby')).not.toBeNull());
    const quantity = textbox('Quantity');
    expect(document.getElementById(quantity.getAttribute('aria-describedby')!)?.textContent).toBe('Only 1 in stock');
    expect(quantity.closest('tr')?.classList.contains('over-stock')).toBe(true);
  });

  it('arrow keys walk one column up and down; from the last row down to the Article field', async () => {
    await renderTill();
    await receiptWith(MILK.code, BREAD.code);
    const [first, second] = screen.getAllByRole('textbox', { name: 'Discount %' });
    second!.focus();
    press('ArrowUp');
    expect(focused()).toBe(first);
    press('ArrowDown');
    expect(focused()).toBe(second);
    press('ArrowDown');
    expect(focused()).toBe(articleField());
    press('ArrowUp');
    expect(focused()).toBe(screen.getAllByRole('textbox', { name: 'Quantity' })[1]);
  });

  it('the Salesperson column appears with its setting and saves the choice', async () => {
    await renderTill();
    await receiptWith(MILK.code);
    expect(screen.queryByRole('combobox', { name: 'Salesperson' })).toBeNull();
    await resetDom();

    const { core } = await renderTill({ settings: { salespersonPerRow: true } });
    await receiptWith(MILK.code);
    const select = screen.getByRole('combobox', { name: 'Salesperson' }) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'JAAN' } });
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Salesperson' }) as HTMLSelectElement).value).toBe('JAAN'));
    const receipt = await core.current();
    expect(receipt.rows[0]?.salespersonCode).toBe('JAAN');
    expect(core.callsOf('receipt.updateRow')).toEqual([{ receiptId: receipt.id, rowId: receipt.rows[0]?.id, salespersonCode: 'JAAN', confirmed: false }]);
  });

  it('Ctrl+Enter on Article opens the article index with the typed text; a pick adds the article', async () => {
    const { core } = await renderTill();
    await startReceipt();
    fireEvent.input(articleField(), { target: { value: 'vase' } });
    fireEvent.keyDown(articleField(), { key: 'Enter', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Article index' });
    const query = within(dialog).getByRole('textbox', { name: 'Search articles' }) as HTMLInputElement;
    expect(query.value).toBe('vase');
    await within(dialog).findByText(VASE.name);
    press('Enter', query);
    await waitFor(() => expect(rowContents()).toEqual([VASE.name]));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(articleField().value).toBe('');
    expect(core.callsOf('receipt.addArticle')).toEqual([{ receiptId: (await core.current()).id, code: VASE.code }]);
  });

  it('Ctrl+Enter right after F2, while the new receipt is still on its way, still opens the index', async () => {
    await renderTill({ latencyMs: 40 });
    press('F2');
    fireEvent.input(articleField(), { target: { value: 'vase' } });
    fireEvent.keyDown(articleField(), { key: 'Enter', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Article index' });
    expect((within(dialog).getByRole('textbox', { name: 'Search articles' }) as HTMLInputElement).value).toBe('vase');
  });

  it('shows the picture of the article entered last when the setting is on', async () => {
    await renderTill();
    await receiptWith(MILK.code);
    expect(screen.queryByRole('img')).toBeNull();
    await resetDom();

    await renderTill({ settings: { showArticleImage: true } });
    await receiptWith(MILK.code);
    expect(screen.getByRole('img', { name: MILK.name }).getAttribute('src')).toBe(MILK.imageUrl);
    scan(BREAD.code); // no picture: nothing shown
    await waitFor(() => expect(rowContents()).toHaveLength(2));
    expect(screen.queryByRole('img')).toBeNull();
    scan(VASE.code);
    expect(await screen.findByRole('img', { name: VASE.name })).toBeTruthy();
  });
});
