/**
 * A credit note of a card sale through the ZVT terminal simulator over a serial PTY: the original
 * card payment is cancelled on the terminal by its receipt number — only on the shop day of the
 * sale and only for its exact amount — and a cancellation whose answer is lost is settled by
 * asking the terminal, never by cancelling twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startZvtTill, zvtSimOf, type TestCore } from '../../support/core.js';
import { receiptOf } from '../receipt/support.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

const zvtTill = () => startZvtTill();
const sim = () => zvtSimOf(core);

/** A confirmed sale of 12.23: card 10.00, the cash rest 2.23 paid as 2.25. */
async function cardAndCashSale() {
  let r = await receiptOf(core, 1223);
  r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 1000 });
  r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 225 });
  return core.ok('receipt.confirm', { receiptId: r.id });
}

describe('refunding a card sale through the terminal', () => {
  it('a card + cash sale is refunded part by part: the card cancelled on the terminal, the rest in cash, rounded', async () => {
    core = await zvtTill();
    const sold = await cardAndCashSale();
    const cardNo = sim().authorizations()[0]?.receiptNo;
    let note = await core.ok('receipt.credit', { receiptId: sold.id });
    // The original's card line is offered, cancellable now: same day, and 12.23 owed covers its 10.00.
    expect(note.credit?.cards).toEqual([expect.objectContaining({ amountMinor: 1000, receiptNo: cardNo, refusal: null })]);
    // F6 on a credit note is no new card payment.
    expect(await core.call('receipt.pay', { receiptId: note.id, method: 'card', amountMinor: 1000 })).toMatchObject({
      ok: false,
      error: { code: 'credit.card_by_cancel' },
    });
    note = await core.ok('receipt.cancelCard', { receiptId: note.id, paymentId: note.credit?.cards[0]?.paymentId ?? '' });
    expect(sim().reversals()).toEqual([{ amountMinor: 1000, reversedReceiptNo: cardNo }]);
    expect(note).toMatchObject({ dueMinor: -223, cashDueMinor: -225, payments: [{ method: 'card', amountMinor: -1000 }] });
    expect(note.credit?.cards[0]?.refusal).toBe('cancelled');
    // The cancellation is money given back: it cannot be removed from the credit note.
    expect(await core.call('receipt.removePayment', { receiptId: note.id, paymentId: note.payments[0]?.id ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'credit.card_cancelled' },
    });
    note = await core.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 225 });
    note = await core.ok('receipt.confirm', { receiptId: note.id });
    // Sale rounding +0.02, its whole credit −0.02.
    expect(note).toMatchObject({ status: 'confirmed', totalMinor: -1223, roundingMinor: -2, payableMinor: -1225 });
    expect(sim().reversals()).toHaveLength(1);
  }, 60_000);

  it('only the exact amount: a partial return of a card sale cannot cancel the card payment', async () => {
    core = await zvtTill();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1601' });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: r.totalMinor });
    const sold = await core.ok('receipt.confirm', { receiptId: r.id });
    let note = await core.ok('receipt.credit', { receiptId: sold.id });
    note = await core.ok('receipt.removeRow', { receiptId: note.id, rowId: note.rows[1]?.id ?? '' });
    const card = note.credit?.cards[0];
    expect(card).toMatchObject({ amountMinor: 2109, refusal: 'not_exact' });
    expect(await core.call('receipt.cancelCard', { receiptId: note.id, paymentId: card?.paymentId ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'credit.card_not_exact', details: { amount: 2109, owedMinor: 119 } },
    });
    expect(sim().reversals()).toEqual([]);
  }, 60_000);

  it('only on the shop day of the sale: the next day the till says why and the refund goes another way', async () => {
    core = await zvtTill();
    const sold = await cardAndCashSale();
    core.clock.advance(24 * 3_600_000);
    const note = await core.ok('receipt.credit', { receiptId: sold.id });
    const card = note.credit?.cards[0];
    expect(card?.refusal).toBe('not_today');
    expect(await core.call('receipt.cancelCard', { receiptId: note.id, paymentId: card?.paymentId ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'payment.reversal_not_today' },
    });
    expect(sim().reversals()).toEqual([]);
    const paid = await core.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 1225 });
    expect((await core.ok('receipt.confirm', { receiptId: paid.id })).status).toBe('confirmed');
  }, 60_000);

  it('the next day the card part goes back to the card (ZVT refund), exact; never more than the sale took by card', async () => {
    core = await zvtTill();
    const sold = await cardAndCashSale();
    core.clock.advance(24 * 3_600_000);
    let note = await core.ok('receipt.credit', { receiptId: sold.id });
    expect(await core.call('receipt.refundCard', { receiptId: note.id, amountMinor: 1100 })).toMatchObject({
      ok: false,
      error: { code: 'credit.card_refund_above_card', details: { amount: 1000 } },
    });
    note = await core.ok('receipt.refundCard', { receiptId: note.id, amountMinor: 1000 });
    expect(sim().transactions().filter((t) => t.kind === 'refund')).toEqual([expect.objectContaining({ amountMinor: 1000, approved: true })]);
    expect(note).toMatchObject({ dueMinor: -223, payments: [{ method: 'card', amountMinor: -1000 }] });
    note = await core.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 225 });
    expect(await core.ok('receipt.confirm', { receiptId: note.id })).toMatchObject({ status: 'confirmed', payableMinor: -1225 });
  }, 60_000);

  it('card money goes back once: after a cancellation no refund to the card; a later credit note offers only what is left', async () => {
    core = await zvtTill();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1601' });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: r.totalMinor });
    const sold = await core.ok('receipt.confirm', { receiptId: r.id }); // 21.09 by card

    // First the milk (1.19): the card payment cannot be cancelled for part of it; 1.19 goes back to the card.
    let first = await core.ok('receipt.credit', { receiptId: sold.id });
    first = await core.ok('receipt.removeRow', { receiptId: first.id, rowId: first.rows[1]?.id ?? '' });
    expect(first.credit).toMatchObject({ cardLeftMinor: 2109, cardRefundMinor: 119, cards: [{ refusal: 'not_exact' }] });
    first = await core.ok('receipt.refundCard', { receiptId: first.id, amountMinor: 119 });
    // Pieces come back whole, on a credit note too.
    expect(await core.call('receipt.updateRow', { receiptId: first.id, rowId: first.rows[0]?.id ?? '', quantityMilli: -500 })).toMatchObject({
      ok: false,
      error: { code: 'quantity.not_whole' },
    });
    await core.ok('receipt.confirm', { receiptId: first.id });

    // Then the book: the card payment (21.09) can no longer be cancelled whole, 19.90 of it is left.
    const second = await core.ok('receipt.credit', { receiptId: sold.id });
    expect(second.credit).toMatchObject({ cardLeftMinor: 1990, cardRefundMinor: 1990, cards: [{ refusal: 'refunded' }] });
    expect(await core.call('receipt.cancelCard', { receiptId: second.id, paymentId: second.credit?.cards[0]?.paymentId ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'credit.card_refunded' },
    });
    expect(await core.call('receipt.refundCard', { receiptId: second.id, amountMinor: 1991 })).toMatchObject({ ok: false });
    await core.ok('receipt.refundCard', { receiptId: second.id, amountMinor: 1990 });
    expect(sim().reversals()).toEqual([]);
    expect(sim().transactions().filter((t) => t.kind === 'refund').map((t) => t.amountMinor)).toEqual([119, 1990]);
  }, 60_000);

  it('a cancelled card payment is not refunded to the card as well, and a smaller return after it is refused', async () => {
    core = await zvtTill();
    const sold = await cardAndCashSale();
    let note = await core.ok('receipt.credit', { receiptId: sold.id });
    note = await core.ok('receipt.cancelCard', { receiptId: note.id, paymentId: note.credit?.cards[0]?.paymentId ?? '' });
    expect(note.credit).toMatchObject({ cardLeftMinor: 0, cardRefundMinor: 0 });
    expect(await core.call('receipt.refundCard', { receiptId: note.id, amountMinor: 223 })).toMatchObject({
      ok: false,
      error: { code: 'credit.card_refund_above_card', details: { amount: 0 } },
    });
    // 10.00 went back to the card: the return cannot shrink below it (12.23 → 0.00 would owe the shop 10.00).
    expect(await core.call('receipt.removeRow', { receiptId: note.id, rowId: note.rows[0]?.id ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'credit.refund_given', details: { paid: 1000 } },
    });
    expect((await core.ok('receipt.get', { receiptId: note.id })).rows).toHaveLength(1);
  }, 60_000);

  it('pressed again after a lost answer, the till first asks the terminal: the card payment is not cancelled twice', async () => {
    core = await zvtTill();
    const sold = await cardAndCashSale();
    const note = await core.ok('receipt.credit', { receiptId: sold.id });
    const paymentId = note.credit?.cards[0]?.paymentId ?? '';
    sim().dropNextReversalAnswer();
    await core.call('receipt.cancelCard', { receiptId: note.id, paymentId });
    // The cashier presses it again at once, before anything asked the terminal.
    const again = await core.call('receipt.cancelCard', { receiptId: note.id, paymentId });
    expect(again).toMatchObject({ ok: false, error: { code: 'credit.card_cancelled' } });
    expect(sim().reversals()).toHaveLength(1);
    expect((await core.ok('receipt.get', { receiptId: note.id })).payments).toEqual([expect.objectContaining({ method: 'card', amountMinor: -1000 })]);
  }, 60_000);

  it('a refund the terminal never got is not mistaken for the sale of the same amount before it', async () => {
    core = await zvtTill();
    let r = await receiptOf(core, 1000);
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 1000 });
    const sold = await core.ok('receipt.confirm', { receiptId: r.id });
    const note = await core.ok('receipt.credit', { receiptId: sold.id });
    // The till died after journalling a refund of 10.00 and before sending it: the terminal's
    // last transaction is the sale of 10.00, which the till recorded already.
    core.db
      .prepare(`INSERT INTO terminal_requests (id, receipt_id, kind, amount_minor, status, created_at) VALUES ('cut-off', ?, 'refund', 1000, 'unknown', ?)`)
      .run(note.id, '2026-11-22T10:00:00.000Z');
    expect(await core.ok('terminal.recover', {})).toEqual({ settled: 1, inDoubt: 0 });
    expect(core.db.prepare(`SELECT status FROM terminal_requests WHERE id = 'cut-off'`).get()).toEqual({ status: 'declined' });
    expect((await core.ok('receipt.get', { receiptId: note.id })).payments).toEqual([]);
  }, 60_000);

  it('the answer to the cancellation is lost: the till asks the terminal and records it once, never cancels twice', async () => {
    core = await zvtTill();
    const sold = await cardAndCashSale();
    let note = await core.ok('receipt.credit', { receiptId: sold.id });
    const paymentId = note.credit?.cards[0]?.paymentId ?? '';
    sim().dropNextReversalAnswer();
    const wire = await core.call('receipt.cancelCard', { receiptId: note.id, paymentId });
    if (!wire.ok) {
      expect(wire.error.code).toBe('payment.terminal_in_doubt');
      // Nothing settles the refund while the cancellation is in doubt: not cash, not F12.
      expect(await core.call('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 1225 })).toMatchObject({ ok: false });
      await core.ok('terminal.recover', {});
    }
    note = await core.ok('receipt.get', { receiptId: note.id });
    expect(note.payments).toEqual([expect.objectContaining({ method: 'card', amountMinor: -1000 })]);
    expect(note.credit?.cards[0]?.refusal).toBe('cancelled');
    // Asked again, the till refuses: the terminal is never told to cancel it a second time.
    expect(await core.call('receipt.cancelCard', { receiptId: note.id, paymentId })).toMatchObject({ ok: false, error: { code: 'credit.card_cancelled' } });
    expect(sim().reversals()).toHaveLength(1);
  }, 60_000);
});
