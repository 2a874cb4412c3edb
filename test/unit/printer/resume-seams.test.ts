/**
 * The seams the kill -9 soak makes, replayed deterministically: the real PrintDrainer, the real
 * simulator (its decoder and paper-out fault) and the soak's reading of the paper
 * (test/soak/paper-check.ts). A "till" here is one drainer run; it dies (SIGKILL) by never getting
 * past a write, after the printer took some or all of its bytes. Every resume must leave paper the
 * checker passes: a repeated section always after a "— continued —" line, and that line intact.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getEntry, setMarker, setProgress } from '../../../electron/db/outbox-repo.js';
import { planPrintJob, type PrintDrainer } from '../../../electron/devices/printer/drainer.js';
import type { PrinterPort } from '../../../electron/devices/printer/port.js';
import type { Job, JobControl, JobOutcome } from '../../../electron/effects/worker.js';
import { readPayload } from '../../../electron/usecases/effects.js';
import { concatChunks, continuedChunk, resumePrefix } from '../../../native/printer/escpos.js';
import { EscPosStreamDecoder, type TapeEvent } from '../../../native/printer/escpos-decode.js';
import { EscPosPrinter } from '../../../native/printer/escpos-printer.js';
import { codeTableMap, type PrinterProfile } from '../../../native/printer/profiles.js';
import { PrinterSimulator } from '../../../native/printer/simulator.js';
import { memoryLinkPair, type MemoryLink } from '../../../native/link/link.js';
import { checkPaper, type ExpectedJob } from '../../soak/paper-check.js';
import { localeLabels, sampleReceipt } from './fixtures.js';
import { workerRig, type WorkerRig } from './worker-rig.js';

const LF = 0x0a;
const ESC = 0x1b;

/** How much of a write the printer gets before the till dies: all of it (then no status is read), a part, or null (it lives). */
type Death = (bytes: Uint8Array, chunk: string) => number | null;

let rig: WorkerRig;
/** The printer (one paper across till runs) and the till's end of its wire. */
let sim: PrinterSimulator;
let wire: MemoryLink;
afterEach(async () => {
  await sim.close();
  await rig.close();
});

async function setUp(): Promise<void> {
  rig = await workerRig({ link: 'memory' });
  const [host, device] = memoryLinkPair();
  sim = new PrinterSimulator(device, { profile: rig.setup.profile });
  wire = host;
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

/** A till's printer that may die inside a write (`death`): `died` resolves then, and the write never returns. */
function dyingPrinter(death: Death, names: () => string): { port: PrinterPort; died: Promise<'killed'> } {
  const driver = new EscPosPrinter(wire);
  let die!: (v: 'killed') => void;
  const died = new Promise<'killed'>((r) => (die = r));
  const port: PrinterPort = {
    name: 'dying printer',
    status: () => driver.status(),
    print: (bytes) => driver.print(bytes),
    close: async () => undefined,
    printChunk(bytes) {
      const taken = death(bytes, names());
      if (taken === null) return driver.printChunk(bytes);
      // What the wire carried before SIGKILL reaches the printer; the till never hears back.
      void wire.write(bytes.subarray(0, taken));
      die('killed');
      return new Promise(() => undefined);
    },
  };
  return { port, died };
}

/** What a section prints after the printer is put into the profile's state (as the soak reads it). */
function sectionTape(bytes: Uint8Array, profile: PrinterProfile): TapeEvent[] {
  const decoder = new EscPosStreamDecoder(codeTableMap(profile));
  decoder.push(concatChunks([{ name: 'state', bytes: resumePrefix(profile) }, { name: 'section', bytes }]));
  return decoder.tape;
}

/**
 * Runs the job once as a till would (the entry as stored, a control that commits at once); a till
 * that dies leaves its run pending forever, so the run is raced against its death.
 */
async function tillRun(id: string, death: Death): Promise<JobOutcome | 'killed'> {
  const entry = getEntry(rig.db, id)!;
  const job = { entry, kind: 'print.receipt', payload: readPayload('print.receipt', entry.version, entry.payload) } as Job;
  let sending = '';
  const { port: printer, died } = dyingPrinter(death, () => sending);
  const drainer: PrintDrainer = rig.worker({ printer }).drainer;
  const { chunks } = planPrintJob(job, { profile: rig.setup.profile, labels: (l) => localeLabels(l === 'en' ? 'en' : 'et') });
  const control: JobControl = {
    progress: (steps) => setProgress(rig.db, id, steps),
    note: (marker) => {
      setMarker(rig.db, id, marker);
      sending = chunks[Number(/\d+$/.exec(marker)![0])]!.name;
    },
    inDoubt: () => undefined,
    notDone: () => undefined,
    stopping: () => false,
  };
  const outcome = await Promise.race([drainer.run(job, control), died]);
  await tick(); // the printer takes what was on the wire
  return outcome;
}

function expected(id: string): ExpectedJob {
  const entry = getEntry(rig.db, id)!;
  const { profile } = rig.setup;
  const labels = (l: string): ReturnType<typeof localeLabels> => localeLabels(l === 'en' ? 'en' : 'et');
  const plan = planPrintJob({ kind: 'print.receipt', payload: readPayload('print.receipt', entry.version, entry.payload) }, { profile, labels });
  return {
    label: plan.label,
    marker: sectionTape(continuedChunk(labels(plan.locale).continued!, profile, plan.locale).bytes, profile),
    sections: plan.chunks.map((c) => ({ name: c.name, tape: sectionTape(c.bytes, profile) })),
  };
}

const lines = (tape: readonly TapeEvent[]): string[] => tape.flatMap((e) => (e.kind === 'line' ? [e.text] : []));
const MARK = '— järg —';

/** The printer takes the whole write when `name` goes out, then the till dies. */
const diesAfter =
  (name: string): Death =>
  (bytes, chunk) =>
    chunk === name ? bytes.length : null;

/** The resume's continued line and `extra` bytes of what follows it reach the printer, then the till dies. */
const diesAfterMarker =
  (extra: number): Death =>
  (bytes) => {
    const end = bytes.indexOf(LF);
    return end >= 0 ? end + 1 + extra : null;
  };

describe('resume seams the soak makes, on the real drainer and simulator', () => {
  it('a section printed, then a resume that got only its continued line out, then the section again: two stacked lines, a marked repeat', async () => {
    await setUp();
    const id = rig.queueReceipt(sampleReceipt({ number: 'K000226' }));
    expect(await tillRun(id, diesAfter('vat'))).toBe('killed');
    expect(getEntry(rig.db, id)).toMatchObject({ marker: expect.stringMatching(/^sending chunk/), status: 'pending' });
    // The continued line and part of the first rule of the VAT table: a line not finished never prints.
    expect(await tillRun(id, diesAfterMarker(3 + 5))).toBe('killed');
    expect(await tillRun(id, () => null)).toMatchObject({ outcome: 'done' });

    const tape = sim.tape();
    const vatAt = lines(tape).indexOf('-'.repeat(rig.setup.profile.columns), lines(tape).indexOf('Žuvis (kilohind)'));
    expect(lines(tape).slice(vatAt + 3, vatAt + 7)).toEqual(['-'.repeat(rig.setup.profile.columns), MARK, MARK, '-'.repeat(rig.setup.profile.columns)]);
    const check = checkPaper(tape, [expected(id)]);
    expect(check.findings).toEqual([]);
    expect(check).toMatchObject({ markers: 2, markedRepeats: 1 });
  });

  it('the same seam when the roll runs out just after the continued line (the simulator keeps what it took)', async () => {
    await setUp();
    const id = rig.queueReceipt(sampleReceipt({ number: 'K000033' }));
    expect(await tillRun(id, diesAfter('row 3'))).toBe('killed');
    // The resume: completion, continued line, then "Žuvis" cut off by the paper running out.
    const sent = sim.receivedBytes().length;
    let faultSet = false;
    const outcome = await tillRun(id, (bytes) => {
      if (!faultSet) sim.faultAfter('paper_out', bytes.indexOf(LF) + 1 + 3 + 4, { clearAfterQueries: 1 });
      faultSet = true;
      return null;
    });
    expect(outcome).toMatchObject({ outcome: 'retry', error: expect.stringContaining('paper_out') });
    expect(sim.receivedBytes().length).toBeGreaterThan(sent);
    expect(await tillRun(id, () => null)).toMatchObject({ outcome: 'done' });

    const check = checkPaper(sim.tape(), [expected(id)]);
    expect(lines(sim.tape()).filter((l) => l === MARK)).toHaveLength(2);
    expect(check.findings).toEqual([]);
    expect(check).toMatchObject({ markers: 2, markedRepeats: 1 });
  });

  it.each([
    ['after ESC of ESC @', 1],
    ['inside ESC t n', 2],
    ['inside ESC a n', 1],
  ] as const)('a resume killed inside a command of its own lead (%s): the next continued line still prints intact', async (what, into) => {
    await setUp();
    const id = rig.queueReceipt(sampleReceipt({ number: 'K000034' }));
    expect(await tillRun(id, diesAfter('row 2'))).toBe('killed');
    const cut = (bytes: Uint8Array): number => {
      const at =
        what === 'after ESC of ESC @'
          ? bytes.findIndex((b, i) => b === ESC && bytes[i + 1] === 0x40)
          : what === 'inside ESC t n'
            ? bytes.findIndex((b, i) => b === ESC && bytes[i + 1] === 0x74)
            : bytes.findIndex((b, i) => b === ESC && bytes[i + 1] === 0x61);
      return at + into;
    };
    expect(await tillRun(id, cut)).toBe('killed');
    expect(await tillRun(id, () => null)).toMatchObject({ outcome: 'done' });

    expect(lines(sim.tape()).filter((l) => l.includes('järg'))).toEqual([MARK]);
    expect(checkPaper(sim.tape(), [expected(id)]).findings).toEqual([]);
  });
});
