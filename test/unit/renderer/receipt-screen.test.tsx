// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  APPLES,
  BREAD,
  MILK,
  articleField,
  cashField,
  choose,
  focused,
  press,
  renderTill,
  resetDom,
  rowContents,
  scan,
  startReceipt,
  startTill,
  text,
  textbox,
  weigh,
} from './harness';

beforeEach(() => resetDom());
afterEach(() => resetDom());

describe('receipt screen: start and scan', () => {
  it('invites F2 when no sale is in progress, and F2 puts the cursor in the Article field', async () => {
    const { core } = await renderTill();
    expect(screen.getByText('No receipt is open.')).toBeTruthy();
    expect(articleField().readOnly).toBe(true);

    press('F2');
    expect(focused()).toBe(articleField());
    await waitFor(() => expect(text('Status')).toBe('New'));
    expect(articleField().readOnly).toBe(false);
    expect(focused()).toBe(articleField());
    expect(screen.queryByText('No receipt is open.')).toBeNull();
    expect(core.calls.filter((c) => c.channel === 'receipt.new')).toHaveLength(1);
  });

  it('adds a row for a scanned code and moves to a fresh Article field', async () => {
    await renderTill();
    await startReceipt();

    scan(MILK.code);
    expect(articleField().value).toBe(''); // cleared at once, ready for the next scan
    await waitFor(() => expect(rowContents()).toEqual([MILK.name]));

    const row = screen.getAllByRole('row').find((r) => within(r).queryByLabelText('Content'))!;
    expect((within(row).getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement).value).toBe('1');
    expect((within(row).getByRole('textbox', { name: 'Unit price' }) as HTMLInputElement).value).toBe('1.29');
    expect((within(row).getByRole('textbox', { name: 'Discount %' }) as HTMLInputElement).value).toBe('0');
    expect(within(row).getByLabelText('Row sum').textContent).toBe('1.29');
    expect(within(row).getByText('pcs')).toBeTruthy();
    expect(text('Sum')).toBe('1.29');
    expect(text('Due')).toBe('1.29');
    expect(text('Status')).toBe('Modified');
    expect(focused()).toBe(articleField());
    expect(articleField().value).toBe('');
    // The name appears once (in the row's Content), so a search for it finds exactly one element.
    expect(screen.getAllByDisplayValue(MILK.name)).toHaveLength(1);
    expect(screen.getByText('Row 1 added.')).toBeTruthy();
  });

  it('keeps every scan when codes arrive faster than the core answers', async () => {
    await renderTill({ latencyMs: 15 });
    // The first scan arrives right after F2, before the core has created the receipt.
    press('F2');
    const field = articleField();
    expect(focused()).toBe(field);
    expect(field.readOnly).toBe(false);
    scan(MILK.code, field);
    scan(BREAD.code, field);
    scan(MILK.code, field);
    // The second milk went onto the milk's row: every scan counted, none twice.
    await waitFor(() => expect(quantities()).toEqual(['2', '1']));
    expect(rowContents()).toEqual([MILK.name, BREAD.name]);
    expect(text('Sum')).toBe('4.57');
  });

  it('shows a translated alert for an unknown code, adds no row and leaves the code selected', async () => {
    await renderTill();
    await startReceipt();
    scan(MILK.code);
    await waitFor(() => expect(rowContents()).toHaveLength(1));

    scan('999999');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('No article with code "999999". Check the code or search the article index.');
    expect(rowContents()).toHaveLength(1);
    const field = articleField();
    expect(field.value).toBe('999999');
    expect(focused()).toBe(field);
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 6]);

    // The next scan replaces the selected text and clears the alert.
    scan(BREAD.code, field);
    await waitFor(() => expect(rowContents()).toEqual([MILK.name, BREAD.name]));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('resumes the sale in progress after a reload', async () => {
    const core = await startTill();
    const { id } = await core.ok('receipt.new', {});
    await core.ok('receipt.addArticle', { receiptId: id, code: BREAD.code });
    await renderTill({ core });
    await waitFor(() => expect(rowContents()).toEqual([BREAD.name]));
    expect(text('Sum')).toBe('1.99');
    await waitFor(() => expect(focused()).toBe(articleField()));
    expect(screen.getByText('The receipt in progress was restored.')).toBeTruthy();
  });
});

describe('receipt screen: rows', () => {
  it('changes a quantity typed with a decimal comma, and restores an invalid one', async () => {
    await renderTill();
    await startReceipt();
    scan(APPLES.code); // sold by weight: weighed first
    await weigh(APPLES.name, '1');
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    expect(text('Sum')).toBe('1.99');
    expect(focused()).toBe(articleField());

    // ArrowUp from the Article field reaches the last row's quantity.
    press('ArrowUp', articleField());
    const qty = screen.getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement;
    expect(focused()).toBe(qty);
    fireEvent.input(qty, { target: { value: '1,25' } });
    press('Enter', qty);
    fireEvent.blur(qty);
    await waitFor(() => expect(screen.getByLabelText('Row sum').textContent).toBe('2.49'));
    expect((screen.getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement).value).toBe('1.25');
    expect(text('Sum')).toBe('2.49');

    const again = screen.getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement;
    fireEvent.input(again, { target: { value: 'abc' } });
    fireEvent.blur(again);
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a quantity other than zero, with at most 3 decimals.');
    expect(again.value).toBe('1.25');
  });

  it('deletes a row with its Delete button, once the cashier says Remove', async () => {
    await renderTill();
    await startReceipt();
    scan(MILK.code);
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    scan(BREAD.code);
    await waitFor(() => expect(rowContents()).toHaveLength(2));

    fireEvent.click(screen.getByRole('button', { name: 'Delete row 1' }));
    await choose('Remove row 1?', 'Remove');
    await waitFor(() => expect(rowContents()).toEqual([BREAD.name]));
    expect(text('Sum')).toBe('1.99');
    expect(focused()).toBe(articleField());
  });

  // The row numbers a cashier sees run 1, 2, 3… again after a delete, without a gap.
  it('numbers the rows 1, 2, … again after a delete', async () => {
    await renderTill();
    await startReceipt();
    scan(MILK.code);
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    scan(BREAD.code);
    await waitFor(() => expect(rowContents()).toHaveLength(2));

    fireEvent.click(screen.getByRole('button', { name: 'Delete row 1' }));
    await choose('Remove row 1?', 'Remove');
    await waitFor(() => expect(rowContents()).toEqual([BREAD.name]));
    expect(screen.getByRole('button', { name: 'Delete row 1' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete row 2' })).toBeNull();
  });
});

describe('receipt screen: cash and confirm', () => {
  it('F4 pre-fills the amount due rounded to 5 cents, Enter pays, Money, Change and Rounding show the result', async () => {
    await renderTill();
    await startReceipt();
    scan(MILK.code);
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    scan(BREAD.code);
    await waitFor(() => expect(text('Sum')).toBe('3.28'));

    expect(press('F4')).toBe(false); // default prevented
    const cash = cashField();
    await waitFor(() => expect(focused()).toBe(cash));
    expect(cash.readOnly).toBe(false);
    expect(cash.value).toBe('3.30'); // 3.28 in cash: 8 rounds up
    expect([cash.selectionStart, cash.selectionEnd]).toEqual([0, 4]);
    expect(screen.queryByLabelText('Rounding')).toBeNull();

    fireEvent.input(cash, { target: { value: '10' } });
    press('Enter', cash);
    await waitFor(() => expect(text('Money')).toBe('10.00'));
    expect(text('Change')).toBe('6.70');
    expect(text('Due')).toBe('0.00');
    expect(text('Sum')).toBe('3.28'); // the turnover stays the sum of the rows
    expect(text('Rounding')).toBe('0.02');
    expect(text('To pay')).toBe('3.30');
    expect(screen.getByRole('button', { name: 'Remove payment 1' })).toBeTruthy();
    expect(focused()).toBe(articleField());
    expect(cashField().readOnly).toBe(true);
  });

  it('F4 right after a scan or a quantity edit waits for the core and pre-fills the new amount due', async () => {
    await renderTill({ latencyMs: 10 });
    await startReceipt();
    scan(MILK.code);
    press('F4'); // the scan is still on its way to the core
    await waitFor(() => expect(focused()).toBe(cashField()));
    expect(cashField().value).toBe('1.30');

    press('Escape', cashField());
    press('ArrowUp', articleField());
    const qty = screen.getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement;
    fireEvent.input(qty, { target: { value: '3' } });
    press('F4', qty); // no Enter: the edit is saved first
    await waitFor(() => expect(focused()).toBe(cashField()));
    expect(cashField().value).toBe('3.85');
    expect(screen.getByLabelText('Row sum').textContent).toBe('3.87');
  });

  it('Escape leaves the Cash field back to the Article field without paying', async () => {
    const { core } = await renderTill();
    await startReceipt();
    scan(MILK.code);
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    press('F4');
    await waitFor(() => expect(focused()).toBe(cashField()));
    press('Escape', cashField());
    expect(focused()).toBe(articleField());
    expect(cashField().readOnly).toBe(true);
    expect(core.calls.some((c) => c.channel === 'receipt.pay')).toBe(false);
  });

  it('rejects an amount that is not money and keeps the Cash field active', async () => {
    const { core } = await renderTill();
    await startReceipt();
    scan(MILK.code);
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    press('F4');
    await waitFor(() => expect(focused()).toBe(cashField()));
    fireEvent.input(cashField(), { target: { value: '12,345' } });
    press('Enter', cashField());
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the amount the customer handed over, e.g. 20 or 20.50.');
    expect(focused()).toBe(cashField());
    expect(core.calls.some((c) => c.channel === 'receipt.pay')).toBe(false);
  });

  it('F12 before payment says how much is still due; after payment it confirms and shows the number', async () => {
    await renderTill();
    await startReceipt();
    scan(MILK.code);
    await waitFor(() => expect(rowContents()).toHaveLength(1));

    press('F12');
    expect((await screen.findByRole('alert')).textContent).toBe(
      '1.29 is still due. Take the payment (F4 cash) before confirming.',
    );
    expect(text('Status')).toBe('Modified');

    press('F4');
    await waitFor(() => expect(focused()).toBe(cashField()));
    press('Enter', cashField()); // exact amount
    await waitFor(() => expect(text('Due')).toBe('0.00'));
    expect(press('F12')).toBe(false);
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
    expect(textbox('Number').value).toBe('KA-000001');
    expect(screen.getByText('Receipt KA-000001 confirmed.')).toBeTruthy();
    expect(articleField().readOnly).toBe(true);
    expect(screen.queryByRole('button', { name: /Delete row/ })).toBeNull();

    // The next F2 starts the next receipt at once.
    press('F2');
    await waitFor(() => expect(text('Status')).toBe('New'));
    expect(rowContents()).toEqual([]);
    expect(textbox('Number').value).toBe('KA'); // the series until the number is assigned at confirm
    expect(focused()).toBe(articleField());
  });

  it('an unknown code left in the Article field is cleared once the receipt is confirmed', async () => {
    await renderTill();
    await startReceipt();
    scan(MILK.code);
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    scan('0000');
    await screen.findByRole('alert');
    expect(articleField().value).toBe('0000');
    press('F4');
    await waitFor(() => expect(focused()).toBe(cashField()));
    press('Enter', cashField());
    await waitFor(() => expect(text('Due')).toBe('0.00'));
    press('F12');
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
    expect(articleField().value).toBe('');
  });

  it('F12 on an empty receipt explains that articles are needed', async () => {
    await renderTill();
    await startReceipt();
    press('F12');
    expect((await screen.findByRole('alert')).textContent).toBe('Add at least one article before confirming.');
  });
});

describe('receipt screen: keys, printer, language, connection', () => {
  it('keeps F-keys from the browser; payment keys without a receipt say F2 starts one', async () => {
    await renderTill();
    for (const key of ['F1', 'F5', 'F6', 'F7', 'F11']) expect(press(key)).toBe(false);
    expect(await screen.findByText('No receipt is open. Press F2 to start a new one.')).toBeTruthy();
    // Alt+F4 is left to the system.
    expect(fireEvent.keyDown(document.body, { key: 'F4', altKey: true })).toBe(true);
    // The help bar lists the keys, none of them "not available yet" any more.
    const help = screen.getByRole('navigation', { name: 'Keyboard shortcuts' });
    for (const label of ['F2 New', 'F3 Open', 'F4 Cash', 'F6 Card', 'F8 Print', 'F9 Save', 'F10 ID card', 'F12 Confirm', 'Ctrl+Enter Search']) {
      expect(help.textContent).toContain(label);
    }
  });

  it('shows the printer state and follows printer.changed and receipt.printed', async () => {
    const { core } = await renderTill();
    const printer = screen.getByRole('status', { name: 'Printer' });
    expect(printer.textContent).toContain('Ready');
    act(() => core.emit('printer.changed', { name: 'TM-T20', state: 'paper_out', pendingJobs: 2 }));
    expect(printer.textContent).toContain('Out of paper');
    expect(printer.textContent).toContain('2 receipts waiting');
    act(() => core.emit('receipt.printed', { receiptId: 'r9', number: 'KA-000009' }));
    expect(screen.getByText('Receipt KA-000009 printed.')).toBeTruthy();
  });

  it('switches to Estonian: labels, statuses and money with a decimal comma; the choice is remembered', async () => {
    await renderTill();
    await startReceipt();
    scan(MILK.code);
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    const qty = screen.getByRole('textbox', { name: 'Quantity' });
    fireEvent.input(qty, { target: { value: '1000' } });
    fireEvent.blur(qty);
    await choose('Are you sure?', 'Yes, sell it'); // 1000 milk is more than a row usually holds
    await waitFor(() => expect(text('Sum')).toBe('1,290.00'));

    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'et' } });

    expect(screen.getByRole('textbox', { name: 'Artikkel' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Kogus' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Ühiku hind' }) as HTMLInputElement).value).toBe('1,29');
    expect(screen.getByLabelText('Summa').textContent).toMatch(/^1\s290,00$/);
    expect(screen.getByLabelText('Olek').textContent).toBe('Muudetud');
    expect(screen.getByRole('textbox', { name: 'Sularaha' })).toBeTruthy();
    expect(screen.getByLabelText('Raha')).toBeTruthy();
    expect(screen.getByLabelText('Tagasi')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: /Language/ })).toBeTruthy();
    expect(localStorage.getItem('pos.language')).toBe('et');
    expect(document.documentElement.lang).toBe('et');

    press('F4');
    await waitFor(() => expect(cashField_et().value).toBe('1290,00'));
    press('F12');
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Tasumata on veel 1\s290,00\./);
  });

  it('starts in the language of the till (AppInfo.locale) unless the cashier chose one', async () => {
    await renderTill({ uiLocale: 'et-EE' });
    await waitFor(() => expect(screen.getByText('Ühtegi arvet ei ole avatud.')).toBeTruthy());
    await resetDom();
    localStorage.setItem('pos.language', 'en');
    await renderTill({ uiLocale: 'et-EE' });
    expect(screen.getByText('No receipt is open.')).toBeTruthy();
  });

  it('says the connection to the core is lost when the transport fails, and keeps typing possible', async () => {
    const { core } = await renderTill();
    await startReceipt();
    core.failNext('receipt.addArticle', 'internal', { transport: 'unreachable' });
    scan(MILK.code);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Connection to the till core lost\./);
    expect(articleField().readOnly).toBe(false);
    expect(articleField().value).toBe(MILK.code);
  });
});

const quantities = () => screen.queryAllByRole('textbox', { name: 'Quantity' }).map((el) => (el as HTMLInputElement).value);
const cashField_et = () => screen.getByRole('textbox', { name: 'Sularaha' }) as HTMLInputElement;
