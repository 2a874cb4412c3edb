// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createReceiptStore } from '../../../renderer/src/features/receipt/store';
import { webAudioTone } from '../../../renderer/src/lib/error-tone';
import { MILK, articleField, cashField, focused, press, renderTill, resetDom, rowContents, scan, startReceipt, textbox, typeAndLeave } from './harness';

beforeEach(() => resetDom());
afterEach(() => resetDom());

/** A tone player that only counts: the till's error tone, heard by the test. */
function countingTone() {
  const tone = { played: 0, play: () => void (tone.played += 1) };
  return tone;
}

async function tillWithTone(settings: { errorTone?: boolean } = {}) {
  const tone = countingTone();
  const till = await renderTill({ store: createReceiptStore({ tone }), settings });
  return { ...till, tone };
}

/** The banner over the top of the screen, if it is up. */
const banner = () => document.querySelector('.alert-banner');
const statusLine = () => screen.getByRole('contentinfo');

describe('a scan that adds no row or a refused F12: banner and error tone', () => {
  it('an unknown code sounds the tone once and shows the banner; the next key puts the banner away, the status line keeps it', async () => {
    const { tone } = await tillWithTone();
    await startReceipt();
    scan(MILK.code, articleField());
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    expect(tone.played).toBe(0);

    scan('999999', articleField());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('No article with code "999999". Check the code or search the article index.');
    expect(banner()?.contains(alert)).toBe(true);
    expect(tone.played).toBe(1);

    press('ArrowDown', articleField());
    expect(banner()).toBeNull();
    expect(within(statusLine()).getByText('No article with code "999999". Check the code or search the article index.')).toBeTruthy();
    expect(tone.played).toBe(1);
  });

  it('a refused F12 sounds the tone and shows the banner with what is missing', async () => {
    const { tone } = await tillWithTone();
    await startReceipt();
    scan(MILK.code, articleField());
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    press('F12');
    await waitFor(() => expect(banner()?.textContent).toBe('1.29 is still due. Take the payment (F4 cash) before confirming.'));
    expect(tone.played).toBe(1);

    // Paid, F12 goes through: no tone, and the banner gives way to the confirmation.
    press('F4');
    await waitFor(() => expect(focused()).toBe(cashField()));
    press('Enter', cashField());
    await waitFor(() => expect(screen.getByLabelText('Due').textContent).toBe('0.00'));
    press('F12');
    await waitFor(() => expect(screen.getByLabelText('Status').textContent).toBe('Confirmed'));
    expect(banner()).toBeNull();
    expect(tone.played).toBe(1);

    // A scan on the confirmed receipt went nowhere: banner and tone again.
    scan(MILK.code, articleField());
    await waitFor(() => expect(banner()?.textContent).toBe('This receipt is confirmed. Press F2 for the next one.'));
    expect(tone.played).toBe(2);
  });

  it('stays silent for what is not a scan or F12: a field error, a message, a successful sale step', async () => {
    const { tone } = await tillWithTone();
    press('F4'); // no receipt: a message, not an alarm
    await screen.findByText('No receipt is open. Press F2 to start a new one.');
    await startReceipt();
    scan(MILK.code, articleField());
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    typeAndLeave(textbox('Discount %'), '300');
    await screen.findByRole('alert');
    typeAndLeave(textbox('VAT number'), 'EE1');
    await waitFor(() => expect(textbox('VAT number').getAttribute('aria-invalid')).toBe('true'));
    press('F9');
    await waitFor(() => expect(screen.getByLabelText('Status').textContent).toBe('View'));
    expect(tone.played).toBe(0);
    expect(banner()).toBeNull();
  });

  it('with the errorTone setting off the banner still shows, without a sound', async () => {
    const { tone } = await tillWithTone({ errorTone: false });
    await startReceipt();
    scan('999999', articleField());
    await waitFor(() => expect(banner()?.textContent).toMatch(/999999/));
    press('F12');
    await waitFor(() => expect(banner()?.textContent).toBe('Add at least one article before confirming.'));
    expect(tone.played).toBe(0);
  });

  it('a click puts the banner away too', async () => {
    await tillWithTone();
    await startReceipt();
    press('F12');
    await waitFor(() => expect(banner()).not.toBeNull());
    fireEvent.pointerDown(document.body);
    expect(banner()).toBeNull();
  });
});

describe('webAudioTone', () => {
  /** A stand-in for the browser's AudioContext that records what the tone asks of it. */
  function fakeAudio() {
    const started: { hz: number; type: string }[] = [];
    let made = 0;
    let resumed = 0;
    class FakeContext {
      state = 'suspended';
      currentTime = 3;
      destination = {};
      constructor() {
        made += 1;
      }
      resume() {
        resumed += 1;
        this.state = 'running';
        return Promise.resolve();
      }
      createGain() {
        const param = { setValueAtTime: () => {}, linearRampToValueAtTime: () => {} };
        return { gain: param, connect: (to: unknown) => to };
      }
      createOscillator() {
        const osc = {
          type: '',
          frequency: { value: 0 },
          connect: (to: unknown) => to,
          start: () => started.push({ hz: osc.frequency.value, type: osc.type }),
          stop: () => {},
        };
        return osc;
      }
    }
    return { Audio: FakeContext as unknown as new () => AudioContext, started, made: () => made, resumed: () => resumed };
  }

  it('plays two falling square-wave beeps on one audio context, resumed if the browser suspended it', () => {
    const audio = fakeAudio();
    const tone = webAudioTone(audio.Audio);
    expect(audio.made()).toBe(0); // nothing until the first error
    tone.play();
    tone.play();
    expect(audio.made()).toBe(1);
    expect(audio.resumed()).toBe(1);
    expect(audio.started).toEqual([
      { hz: 880, type: 'square' },
      { hz: 440, type: 'square' },
      { hz: 880, type: 'square' },
      { hz: 440, type: 'square' },
    ]);
  });

  it('is silent, and does not throw, without Web Audio', () => {
    expect(() => webAudioTone(undefined).play()).not.toThrow();
  });
});
