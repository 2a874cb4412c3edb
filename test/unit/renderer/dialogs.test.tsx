// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useRef, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ChoiceDialog } from '../../../renderer/src/components/ChoiceDialog';
import { Dialog } from '../../../renderer/src/components/Dialog';
import { PreviewDialog } from '../../../renderer/src/components/PreviewDialog';
import { ArticleIndexDialog } from '../../../renderer/src/features/search/ArticleIndexDialog';
import { CustomerSearchDialog } from '../../../renderer/src/features/search/CustomerSearchDialog';
import { createI18n, type Language } from '../../../renderer/src/i18n';
import { OFFICE_SHOP, resetDom, startTill, type RendererCore } from './harness';

const press = (key: string, init: Partial<KeyboardEventInit> = {}, target?: Element | null) =>
  fireEvent.keyDown(target ?? document.activeElement ?? document.body, { key, ...init });
const focused = () => document.activeElement;

function renderWith(ui: ReactNode, lang: Language = 'en') {
  const i18n = createI18n(lang);
  return render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
}

/** A screen with an opener button; the dialog opens over it, as the receipt screen does. */
function Opener({ children }: { children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <input aria-label="Behind" />
      {open ? children(() => setOpen(false)) : null}
    </div>
  );
}

function openDialog(): HTMLElement {
  const opener = screen.getByRole('button', { name: 'Open' });
  opener.focus();
  fireEvent.click(opener);
  return opener;
}

beforeEach(() => resetDom());
afterEach(() => resetDom());

/** The search dialogs ask the real core, with the office's catalogue and customers. */
let core: RendererCore;
async function startCore(): Promise<void> {
  core = await startTill({ shop: OFFICE_SHOP });
  window.pos = core.bridge;
}

/** The core's own hit for an article code (what the index shows for it). */
async function hit(code: string) {
  const [first] = await core.ok('article.search', { query: code, limit: 1 });
  expect(first?.code).toBe(code);
  return first;
}

describe('Dialog', () => {
  function Sample({ onClose, withInitial }: { onClose(): void; withInitial?: boolean }) {
    const second = useRef<HTMLInputElement>(null);
    return (
      <Dialog title="Sample" onClose={onClose} initialFocus={withInitial ? second : undefined}>
        <input aria-label="First" />
        <input aria-label="Second" ref={second} />
        <button type="button">Last</button>
      </Dialog>
    );
  }

  it('is a labelled modal in document.body that takes the focus, traps Tab and gives the focus back', () => {
    const onClose = vi.fn();
    renderWith(
      <Opener>
        {(close) => (
          <Sample
            onClose={() => {
              onClose();
              close();
            }}
          />
        )}
      </Opener>,
    );
    const opener = openDialog();

    const dialog = screen.getByRole('dialog', { name: 'Sample' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.parentElement?.parentElement).toBe(document.body); // portal: backdrop > dialog
    const first = within(dialog).getByRole('textbox', { name: 'First' });
    const last = within(dialog).getByRole('button', { name: 'Last' });
    expect(focused()).toBe(first);

    press('Tab');
    expect(focused()).toBe(within(dialog).getByRole('textbox', { name: 'Second' }));
    press('Tab');
    expect(focused()).toBe(last);
    press('Tab');
    expect(focused()).toBe(first); // wraps, never reaches "Behind"
    press('Tab', { shiftKey: true });
    expect(focused()).toBe(last);

    press('Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(focused()).toBe(opener);
  });

  it('focuses initialFocus when given', () => {
    renderWith(<Opener>{(close) => <Sample onClose={close} withInitial />}</Opener>);
    openDialog();
    expect(focused()).toBe(screen.getByRole('textbox', { name: 'Second' }));
  });

  it('keeps Escape and the F-keys from the window listeners of the screen behind', () => {
    const windowKeys = vi.fn();
    window.addEventListener('keydown', windowKeys);
    const onClose = vi.fn();
    try {
      renderWith(<Opener>{() => <Sample onClose={onClose} />}</Opener>);
      openDialog();
      expect(press('F2')).toBe(false); // default prevented: the browser does nothing either
      press('F12');
      press('Enter');
      press('a');
      press('Escape');
      expect(onClose).toHaveBeenCalledTimes(1);
      expect(windowKeys).not.toHaveBeenCalled();

      // Focus lost to the page (e.g. a click on the backdrop): the dialog still takes the keys.
      (document.activeElement as HTMLElement).blur();
      expect(focused()).toBe(document.body);
      press('F2', {}, document.body);
      expect(windowKeys).not.toHaveBeenCalled();
      press('Tab', {}, document.body);
      expect(focused()).toBe(screen.getByRole('textbox', { name: 'First' }));
      press('Escape', {}, document.body);
      expect(onClose).toHaveBeenCalledTimes(2);
      expect(windowKeys).not.toHaveBeenCalled();
    } finally {
      window.removeEventListener('keydown', windowKeys);
    }
  });

  it('leaves the focus where the closer put it', () => {
    function Closer() {
      const [open, setOpen] = useState(true);
      const behind = useRef<HTMLInputElement>(null);
      return (
        <>
          <input aria-label="Behind" ref={behind} />
          {open ? (
            <Dialog
              title="Pick"
              onClose={() => {
                behind.current?.focus();
                setOpen(false);
              }}
            >
              <button type="button">Only</button>
            </Dialog>
          ) : null}
        </>
      );
    }
    renderWith(<Closer />);
    expect(focused()).toBe(screen.getByRole('button', { name: 'Only' }));
    press('Escape');
    expect(focused()).toBe(screen.getByRole('textbox', { name: 'Behind' }));
  });
});

describe('ChoiceDialog', () => {
  const choices = [
    { id: 'save', label: 'Save', hint: 'F9' },
    { id: 'discard', label: 'Discard' },
    { id: 'cancel', label: 'Cancel' },
  ];

  it('focuses the first answer, moves with the arrows and chooses with Enter or Space', () => {
    const onChoose = vi.fn();
    const onCancel = vi.fn();
    renderWith(<ChoiceDialog title="Save changes?" message="The receipt has unsaved changes." choices={choices} onChoose={onChoose} onCancel={onCancel} />);

    const dialog = screen.getByRole('dialog', { name: 'Save changes?' });
    expect(within(dialog).getByText('The receipt has unsaved changes.')).toBeTruthy();
    const [save, discard, cancel] = ['Save', 'Discard', 'Cancel'].map((name) => within(dialog).getByRole('button', { name }));
    expect(focused()).toBe(save);
    expect(save!.getAttribute('aria-describedby')).toBeTruthy();

    press('ArrowRight');
    expect(focused()).toBe(discard);
    press('ArrowRight');
    expect(focused()).toBe(cancel);
    press('ArrowRight');
    expect(focused()).toBe(save); // wraps
    press('ArrowLeft');
    expect(focused()).toBe(cancel);
    press('ArrowLeft');
    expect(focused()).toBe(discard);

    press('Enter');
    expect(onChoose).toHaveBeenLastCalledWith('discard');
    press('ArrowLeft');
    press(' ');
    expect(onChoose).toHaveBeenLastCalledWith('save');
    expect(onChoose).toHaveBeenCalledTimes(2);
    expect(onCancel).not.toHaveBeenCalled();

    press('Escape');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onChoose).toHaveBeenCalledTimes(2);
  });

  it('ignores the click a keypress synthesises, takes a mouse click', () => {
    const onChoose = vi.fn();
    renderWith(<ChoiceDialog title="Delete this receipt?" choices={choices.slice(1)} onChoose={onChoose} onCancel={() => {}} />);
    const discard = screen.getByRole('button', { name: 'Discard' });
    fireEvent.click(discard, { detail: 0 });
    expect(onChoose).not.toHaveBeenCalled();
    fireEvent.click(discard, { detail: 1 });
    expect(onChoose).toHaveBeenCalledWith('discard');
  });
});

describe('PreviewDialog', () => {
  it('shows the printout, Print has the focus and Enter prints; Escape closes', () => {
    const onPrint = vi.fn();
    const onClose = vi.fn();
    renderWith(<PreviewDialog title="Receipt KA-000001" lines={['Corner Shop', 'TOTAL        1.29']} onPrint={onPrint} onClose={onClose} />);
    const doc = screen.getByRole('document', { name: 'Print preview' });
    expect(doc.textContent).toBe('Corner Shop\nTOTAL        1.29');
    expect(focused()).toBe(screen.getByRole('button', { name: 'Print' }));
    press('Enter');
    expect(onPrint).toHaveBeenCalledTimes(1);
    press('Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('is translated', () => {
    renderWith(<PreviewDialog title="Kassatšekk" lines={['x']} onPrint={() => {}} onClose={() => {}} />, 'et');
    expect(screen.getByRole('document', { name: 'Printimise eelvaade' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Prindi' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sulge' })).toBeTruthy();
  });
});

describe('ArticleIndexDialog', () => {
  beforeEach(startCore);
  const searchField = () => screen.getByRole('textbox', { name: 'Search articles' }) as HTMLInputElement;
  const resultRows = () => within(screen.getByRole('grid', { name: 'Articles' })).getAllByRole('row').slice(1) as HTMLTableRowElement[];
  const names = () => resultRows().map((row) => row.cells[1]?.textContent);
  const selected = () => resultRows().find((row) => row.getAttribute('aria-selected') === 'true');

  it('searches for the initial query, ArrowDown then Enter picks the second hit', async () => {
    const onPick = vi.fn();
    renderWith(<ArticleIndexDialog initialQuery="milk" onPick={onPick} onClose={() => {}} />);
    expect(screen.getByRole('dialog', { name: 'Article index' })).toBeTruthy();
    expect(searchField().value).toBe('milk');
    expect(focused()).toBe(searchField());

    await waitFor(() => expect(names()).toEqual(['Milk 2.5% 1 l', 'Lactose-free milk 1 l']));
    expect(core.callsOf('article.search')).toEqual([{ query: 'milk', limit: 50 }]);
    expect(screen.getByRole('status').textContent).toBe('2 articles');
    const first = resultRows()[0]!;
    expect(within(first).getByText('4740001000011')).toBeTruthy();
    expect(within(first).getByText('1.29')).toBeTruthy();
    expect(within(first).getByText('24 pcs')).toBeTruthy();
    expect(selected()).toBe(first);
    expect(searchField().getAttribute('aria-activedescendant')).toBe(first.id);

    press('ArrowDown');
    expect(selected()).toBe(resultRows()[1]);
    expect(searchField().getAttribute('aria-activedescendant')).toBe(resultRows()[1]!.id);
    press('ArrowDown'); // stays on the last
    press('Enter');
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(onPick).toHaveBeenCalledWith(await hit('MILK2'));
  });

  it('ignores an answer that arrives after a newer one', async () => {
    core.hold('article.search');
    const onPick = vi.fn();
    renderWith(<ArticleIndexDialog initialQuery="a" onPick={onPick} onClose={() => {}} />);
    await waitFor(() => expect(core.held).toHaveLength(1));

    fireEvent.change(searchField(), { target: { value: 'apple' } });
    await waitFor(() => expect(core.held).toHaveLength(2));
    expect(core.held.map((h) => h.input)).toEqual([
      { query: 'a', limit: 50 },
      { query: 'apple', limit: 50 },
    ]);

    await act(async () => core.held[1]!.release());
    await waitFor(() => expect(names()).toEqual(['Apples']));
    await act(async () => core.held[0]!.release());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(names()).toEqual(['Apples']); // the late answer to "a" is dropped
    expect(within(resultRows()[0]!).getByText('12.5 kg')).toBeTruthy();

    press('Enter');
    expect(onPick).toHaveBeenCalledWith(await hit('APPLE'));
  });

  it('waits for the search when Enter comes before it, then takes the first hit', async () => {
    const onPick = vi.fn();
    renderWith(<ArticleIndexDialog initialQuery="" onPick={onPick} onClose={() => {}} />);
    await waitFor(() => expect(resultRows()).toHaveLength(OFFICE_SHOP.articles.length));
    fireEvent.change(searchField(), { target: { value: 'rye' } });
    press('Enter');
    const bread = await hit('BREAD');
    await waitFor(() => expect(onPick).toHaveBeenCalledWith(bread));
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(core.callsOf('article.search')).toEqual([
      { query: '', limit: 50 },
      { query: 'rye', limit: 50 },
    ]);
  });

  it('picks on double-click, says when nothing is found, shows errors translated', async () => {
    const onPick = vi.fn();
    const onClose = vi.fn();
    renderWith(<ArticleIndexDialog initialQuery="water" onPick={onPick} onClose={onClose} />);
    await waitFor(() => expect(names()).toEqual(['Mineral water 0.5 l']));
    expect(within(resultRows()[0]!).getByText('12,345.67')).toBeTruthy();
    fireEvent.doubleClick(resultRows()[0]!);
    expect(onPick).toHaveBeenCalledWith(await hit('WATER'));

    fireEvent.change(searchField(), { target: { value: 'caviar' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No articles found'));
    expect(resultRows()).toHaveLength(0);
    press('Enter');
    expect(onPick).toHaveBeenCalledTimes(1);

    core.failNext('article.search', 'internal');
    fireEvent.change(searchField(), { target: { value: 'cavia' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Something went wrong in the till. The sale is kept; try again.');

    press('Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onPick).toHaveBeenCalledTimes(1);
  });

  it('is translated', async () => {
    renderWith(<ArticleIndexDialog initialQuery="water" onPick={() => {}} onClose={() => {}} />, 'et');
    expect(screen.getByRole('dialog', { name: 'Artiklite register' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Otsi artikleid' })).toBeTruthy();
    const grid = screen.getByRole('grid', { name: 'Artiklid' });
    await waitFor(() => expect(within(grid).getByText(/^12\s345,67$/)).toBeTruthy());
    expect(within(grid).getByRole('columnheader', { name: 'Laoseis' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('1 artikkel');
  });
});

describe('CustomerSearchDialog', () => {
  beforeEach(startCore);
  const searchField = () => screen.getByRole('textbox', { name: 'Search customers' }) as HTMLInputElement;
  const resultRows = () => within(screen.getByRole('grid', { name: 'Customers' })).getAllByRole('row').slice(1) as HTMLTableRowElement[];

  it('shows the matches it was given without a search; ArrowDown and Enter pick', async () => {
    const onPick = vi.fn();
    // Two customers share a phone number (a person and their company), found as the customer field would.
    const twins = await core.ok('customer.search', { query: '55550002', by: 'phone' });
    renderWith(<CustomerSearchDialog initialQuery="55550002" by="phone" initialResults={twins} onPick={onPick} onClose={() => {}} />);

    expect(screen.getByRole('dialog', { name: 'Find customer' })).toBeTruthy();
    expect(searchField().value).toBe('55550002');
    expect(focused()).toBe(searchField());
    expect(resultRows().map((row) => row.cells[0]?.textContent)).toEqual(['Jaan Tamm', 'Tamm OÜ']);
    const headers = within(screen.getByRole('grid', { name: 'Customers' }))
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Name', 'Code', 'ID code', 'Phone', 'Price formula']);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(core.callsOf('customer.search')).toEqual([]);

    press('ArrowDown');
    press('Enter');
    expect(onPick).toHaveBeenCalledWith(twins[1]);
  });

  it('searches with its `by` when the query changes', async () => {
    const onPick = vi.fn();
    renderWith(<CustomerSearchDialog initialQuery="" onPick={onPick} onClose={() => {}} />);
    await waitFor(() => expect(resultRows()).toHaveLength(3));
    fireEvent.change(searchField(), { target: { value: 'maasikas' } });
    await waitFor(() => expect(resultRows()).toHaveLength(1));
    expect(within(resultRows()[0]!).getByText('Staff −10 %')).toBeTruthy();
    expect(core.callsOf('customer.search')).toEqual([
      { query: '', by: 'any' },
      { query: 'maasikas', by: 'any' },
    ]);
    press('Enter');
    const [mari] = await core.ok('customer.search', { query: 'K001', by: 'any' });
    expect(mari?.name).toBe('Mari Maasikas');
    expect(onPick).toHaveBeenCalledWith(mari);
  });
});
