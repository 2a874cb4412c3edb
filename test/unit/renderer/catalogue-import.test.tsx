// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { gs1CheckDigit } from '../../../electron/domain/barcode';
import { renderSettings, resetDom } from './harness';

afterEach(resetDom);

const HEADER = 'name;attributeName;groupName;measurementUnitName;priceWithoutVat;priceWithVat;vatRate;barcode';
const NEW_BARCODE = `475999000001${gs1CheckDigit('475999000001')}`;
// The office's rye bread (2.45, given its barcode below) gets 1.55; a new chocolate; a row with a wrong check digit.
const FILE = [
  HEADER,
  'Rye bread;;Leib;tk;1,25;1,55;24;4740001000048',
  `Šokolaad Õnn;;Maiustused;tk;2,0081;2,49;24;${NEW_BARCODE}`,
  'Broken;;G;tk;1,00;1,24;24;4740010010015',
].join('\n');

describe('catalogue import dialog', () => {
  it('previews a file by colour and text, lists the rejected rows, and applies it', async () => {
    const core = await renderSettings();
    core.core.db.prepare(`INSERT INTO article_barcodes (barcode, article_id) SELECT '4740001000048', id FROM articles WHERE code = 'BREAD'`).run();
    fireEvent.click(screen.getByRole('button', { name: 'Import product cards from CSV…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import product cards' });

    const file = new File([FILE], 'b1.csv', { type: 'text/csv' });
    fireEvent.change(within(dialog).getByLabelText('CSV file (accounting export)'), { target: { files: [file] } });

    const rows = await within(dialog).findByRole('table', { name: 'Rows of the file' });
    const lines = within(rows)
      .getAllByRole('row')
      .slice(1)
      .map((tr) => within(tr).getAllByRole('cell').map((td) => td.textContent));
    expect(lines).toEqual([
      ['2', 'Changed', '4740001000048', 'Rye bread', '1.55', '24', 'pcs', 'Price: 2.45 → 1.55'],
      ['3', 'New', NEW_BARCODE, 'Šokolaad Õnn', '2.49', '24', 'pcs', ''],
    ]);
    const rejected = within(dialog).getByRole('table', { name: 'Rejected rows' });
    expect(within(rejected).getAllByRole('cell').map((td) => td.textContent)).toEqual(['4', 'Barcode 4740010010015 has a wrong check digit']);
    expect(within(dialog).getByText('Rejected').nextSibling?.textContent).toBe('1');

    // Nothing is in the till before Apply.
    expect(await core.ok('article.search', { query: 'Õnn' })).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await within(dialog).findByText('Applied: 1 new, 1 changed, 0 unchanged.');
    expect((await core.ok('article.search', { query: 'Õnn' })).map((a) => a.priceMinor)).toEqual([249]);
  });

  it('shows why a file is refused and applies nothing', async () => {
    await renderSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Import product cards from CSV…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import product cards' });
    fireEvent.change(within(dialog).getByLabelText('CSV file (accounting export)'), { target: { files: [new File(['name;price\nx;1\n'], 'x.csv')] } });
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toMatch(/^The file lacks the columns: attributeName/));
    expect((within(dialog).getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks the ledger for its cards; a ledger that keeps none is said beside the button, and nothing changes', async () => {
    const core = await renderSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Import product cards from CSV…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import product cards' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Product cards from the ledger…' }));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toContain('This ledger keeps no product cards to send'));
    expect(core.callsOf('catalogue.importFromLedger')).toEqual([{}]);
    expect(within(dialog).getByRole('button', { name: 'Apply' }).hasAttribute('disabled')).toBe(true);
  });
});
