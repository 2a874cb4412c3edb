/**
 * The error tone: two short falling beeps, made by a Web Audio oscillator (no sound files to ship
 * or load). A cashier looking at the customer hears that a scan added no row or F12 was refused.
 * The store gets a player, so tests give it one that only counts.
 */
export interface TonePlayer {
  play(): void;
}

/** The beeps: pitch (Hz), start and length (seconds). Square waves cut through a noisy shop. */
const BEEPS = [
  { hz: 880, at: 0, length: 0.12 },
  { hz: 440, at: 0.16, length: 0.22 },
] as const;
const VOLUME = 0.25;
/** Fade in and out this fast, so a beep does not click. */
const RAMP = 0.01;

type AudioContextClass = new () => AudioContext;

/**
 * A player on the page's Web Audio. The context is made at the first error (after the cashier has
 * pressed keys, so the browser lets it sound) and kept; without Web Audio it stays silent.
 */
export function webAudioTone(audio: AudioContextClass | undefined = globalThis.AudioContext): TonePlayer {
  let context: AudioContext | null = null;
  return {
    play() {
      if (!audio) return;
      try {
        context ??= new audio();
        if (context.state === 'suspended') void context.resume();
        const start = context.currentTime;
        for (const beep of BEEPS) {
          const oscillator = context.createOscillator();
          const gain = context.createGain();
          oscillator.type = 'square';
          oscillator.frequency.value = beep.hz;
          const from = start + beep.at;
          const to = from + beep.length;
          gain.gain.setValueAtTime(0, from);
          gain.gain.linearRampToValueAtTime(VOLUME, from + RAMP);
          gain.gain.setValueAtTime(VOLUME, to - RAMP);
          gain.gain.linearRampToValueAtTime(0, to);
          oscillator.connect(gain).connect(context.destination);
          oscillator.start(from);
          oscillator.stop(to);
        }
      } catch {
        // No sound device, or the browser refused: the banner still shows the error.
      }
    },
  };
}
