/**
 * The kill -9 soak. The till is a node process starting the core as `npm start` does
 * (test/soak/till-child.ts), printing to a simulated network printer in this process over TCP
 * loopback. Each cycle starts the till, which resumes what the last one left and sells one to
 * three receipts (cash, which kicks the drawer, or transfer); the till is killed with SIGKILL at a
 * random moment — mostly the moment the printer has taken a random number of bytes, so the kill
 * lands mid-receipt; sometimes at a random time — and on some cycles the roll also runs out
 * mid-receipt (the printer keeps what it took while ready). At the end the till runs once more
 * until nothing is left to print, and the paper is checked against the database: every confirmed
 * receipt fully on paper exactly once, no section twice without its "— continued —" line, one
 * drawer kick per cash sale.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { printLabels } from '../../electron/app/locales.js';
import { loadReceiptLogo, printerProfile } from '../../electron/devices/printer/setup.js';
import { planPrintJob } from '../../electron/devices/printer/drainer.js';
import { isEffectKind, readPayload, type EffectPayload } from '../../electron/usecases/effects.js';
import { FALLBACK_LABELS } from '../../native/printer/document.js';
import { concatChunks, continuedChunk, resumePrefix } from '../../native/printer/escpos.js';
import { EscPosStreamDecoder, type TapeEvent } from '../../native/printer/escpos-decode.js';
import { codeTableMap, type PrinterProfile } from '../../native/printer/profiles.js';
import { startTcpPrinterSimulator } from '../../native/printer/tcp-simulator.js';
import { APP_ROOT, tempDir } from '../support/core.js';
import { checkPaper, type ExpectedJob, type PaperFinding } from './paper-check.js';
import { random } from './random.js';

export interface SoakOptions {
  cycles: number;
  /** Seeds the random choices (what is sold, when the till dies, where the paper runs out). */
  seed?: number;
  /** Share of cycles in which the roll also runs out mid-receipt. */
  paperOutShare?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  seed: number;
  cycles: number;
  /** Kills after which a print job was left half done. */
  killsMidReceipt: number;
  paperOuts: number;
  receipts: number;
  cashSales: number;
  drawerKicks: number;
  sections: number;
  /** Continued lines on the paper (each a resume where a section may have printed). */
  markers: number;
  /** Sections on paper (wholly or in part) before their continued line, then again after it. */
  markedRepeats: number;
  /** Receipts (print jobs) with anything wrong on paper. */
  jobsWithFindings: number;
  jobs: number;
  findings: PaperFinding[];
  /** The paper around each finding, for a person to read. */
  excerpts: string[];
  /** Anything else wrong: a receipt without its print job, a job not done, a kick count off. */
  problems: string[];
  ms: number;
}

/**
 * How node runs the till: one bundle of till-child.ts and everything it imports of the till
 * (node_modules stay outside), so that hundreds of starts take a third of a second each rather
 * than over a second through tsx; through tsx when esbuild is not there.
 */
async function tillEntry(): Promise<{ entry: string[]; remove(): void }> {
  const source = join(APP_ROOT, 'test', 'soak', 'till-child.ts');
  try {
    const { build } = await import('esbuild');
    const dir = join(APP_ROOT, 'node_modules', '.cache', 'the-till-soak');
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `till-child-${process.pid}.mjs`);
    await build({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'silent' });
    return { entry: [outfile], remove: () => rmSync(outfile, { force: true }) };
  } catch {
    return { entry: ['--import', 'tsx', source], remove: () => undefined };
  }
}

interface Till {
  /** SIGKILL now (synchronously: the signal is sent before this returns). */
  kill(): void;
  readonly killed: boolean;
  /** Resolves when it exits; rejects when it exits by itself with an error. */
  exited: Promise<void>;
  /** Resolves when it printed everything it sold. */
  idle: Promise<void>;
}

function startTill(entry: string[], args: string[]): Till {
  const child: ChildProcess = spawn(process.execPath, [...entry, ...args], { cwd: APP_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let killed = false;
  let idle!: () => void;
  const idlePromise = new Promise<void>((r) => (idle = r));
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    if (/^idle$/m.test(out)) idle();
  });
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<void>((resolve, reject) =>
    child.once('exit', (code) => (killed || code === 0 ? resolve() : reject(new Error(`soak: the till stopped by itself (${code}):\n${out}`)))),
  );
  return {
    kill() {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    },
    get killed() {
      return killed;
    },
    exited,
    idle: idlePromise,
  };
}

/** What a section prints, decoded on its own after the printer is put into the profile's state. */
function sectionTape(bytes: Uint8Array, profile: PrinterProfile): TapeEvent[] {
  const decoder = new EscPosStreamDecoder(codeTableMap(profile));
  decoder.push(concatChunks([{ name: 'state', bytes: resumePrefix(profile) }, { name: 'section', bytes }]));
  return decoder.tape;
}

interface OutboxRow {
  id: string;
  kind: string;
  version: number;
  payload: string;
  status: string;
  documentId: string | null;
}

/** The printer jobs the till had, oldest first, as sections of paper. */
function expectedJobs(file: string, profile: PrinterProfile, problems: string[]): { jobs: ExpectedJob[]; receipts: number; cashSales: number } {
  const db = new Database(file);
  try {
    const rows = db
      .prepare(`SELECT id, kind, version, payload, status, document_id AS documentId FROM outbox WHERE lane = 'printer' ORDER BY seq`)
      .all() as OutboxRow[];
    const confirmed = db.prepare(`SELECT id, number FROM receipts WHERE status = 'confirmed'`).all() as { id: string; number: string }[];
    const assets = join(APP_ROOT, 'assets');
    const deps = { profile, labels: (locale: string) => printLabels(assets, locale), logo: loadReceiptLogo(join(assets, 'logo.pbm')).logo };
    const jobs: ExpectedJob[] = [];
    let cashSales = 0;
    for (const row of rows) {
      if (row.status !== 'done') problems.push(`${row.kind} ${row.id} is ${row.status}, not done`);
      if (!isEffectKind(row.kind)) throw new Error(`unknown kind ${row.kind}`);
      const payload = readPayload(row.kind, row.version, row.payload);
      const plan = planPrintJob({ kind: row.kind, payload }, deps);
      if (row.kind === 'print.receipt' && (payload as EffectPayload<'print.receipt'>).openDrawer) cashSales++;
      const marker = continuedChunk(deps.labels(plan.locale).continued ?? FALLBACK_LABELS.continued, profile, plan.locale);
      jobs.push({ label: plan.label, marker: sectionTape(marker.bytes, profile), sections: plan.chunks.map((c) => ({ name: c.name, tape: sectionTape(c.bytes, profile) })) });
    }
    for (const r of confirmed) {
      const own = rows.filter((row) => row.kind === 'print.receipt' && row.documentId === r.id);
      if (own.length !== 1) problems.push(`receipt ${r.number} has ${own.length} print jobs, not 1`);
    }
    return { jobs, receipts: confirmed.length, cashSales };
  } finally {
    db.close();
  }
}

/** After a kill: was a print job left half done (the kill landed mid-receipt)? */
function halfDone(file: string): boolean {
  // A kill during the till's first start may come before it made the database or its tables.
  if (!existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true });
  try {
    if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'`).get()) return false;
    const row = db
      .prepare(`SELECT count(*) AS n FROM outbox WHERE lane = 'printer' AND status = 'pending' AND (progress > 0 OR marker IS NOT NULL)`)
      .get() as { n: number };
    return row.n > 0;
  } finally {
    db.close();
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rnd = random(seed);
  const log = options.log ?? (() => undefined);
  const data = tempDir('till-soak-');
  const file = join(data.path, 'till.sqlite');
  const profile = printerProfile(undefined);
  const printer = await startTcpPrinterSimulator({ profile });
  const { entry, remove } = await tillEntry();
  const till = (seed: number, sales: number): Till => startTill(entry, [APP_ROOT, data.path, String(printer.port), String(seed), String(sales)]);
  const sim = printer.simulator;
  const report: SoakReport = {
    seed,
    cycles: options.cycles,
    killsMidReceipt: 0,
    paperOuts: 0,
    receipts: 0,
    cashSales: 0,
    drawerKicks: 0,
    sections: 0,
    markers: 0,
    markedRepeats: 0,
    jobsWithFindings: 0,
    jobs: 0,
    findings: [],
    excerpts: [],
    problems: [],
    ms: 0,
  };
  try {
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      const sales = 1 + Math.floor(rnd() * 3);
      // Mostly when the printer has taken a random number of bytes (mid-receipt: a receipt with
      // the logo is about 3 kB), else at a random time (during a start, a sale, a confirm…).
      const byBytes = rnd() < 0.8;
      const target = sim.receivedBytes().length + 1 + Math.floor(rnd() * 3200 * (sales + 0.5));
      if (rnd() < (options.paperOutShare ?? 0.2)) {
        report.paperOuts++;
        sim.faultAfter('paper_out', 1 + Math.floor(rnd() * 2500), { clearAfterQueries: 1 });
      }
      const t = till(Math.floor(rnd() * 2 ** 31), sales);
      const off = sim.onReceive((n) => byBytes && n >= target && t.kill());
      const timer = byBytes ? null : setTimeout(() => t.kill(), Math.floor(rnd() * 800));
      // Nothing hit: the till dies once it has printed everything (an idle till killed).
      await Promise.race([t.idle, t.exited]);
      t.kill();
      await t.exited;
      off();
      if (timer) clearTimeout(timer);
      if (halfDone(file)) report.killsMidReceipt++;
      if (cycle % 10 === 0) log(`soak: cycle ${cycle}/${options.cycles}, ${report.killsMidReceipt} kills mid-receipt`);
    }

    // The last run: the roll is full, nobody pulls the plug; everything left prints.
    sim.setCondition('ok');
    const last = till(0, 0);
    await Promise.race([last.idle, last.exited]);
    last.kill();
    await last.exited;

    const { jobs, receipts, cashSales } = expectedJobs(file, profile, report.problems);
    const paper = checkPaper(sim.tape(), jobs);
    report.receipts = receipts;
    report.cashSales = cashSales;
    report.drawerKicks = sim.tape().filter((e) => e.kind === 'kick').length;
    report.sections = paper.sections;
    report.markers = paper.markers;
    report.markedRepeats = paper.markedRepeats;
    report.jobsWithFindings = paper.jobsWithFindings;
    report.jobs = jobs.length;
    report.findings = paper.findings;
    const tape = sim.tape();
    report.excerpts = paper.findings.map((f) =>
      tape
        .slice(Math.max(0, f.at - 25), f.at + 5)
        .map((e, i) => `${Math.max(0, f.at - 25) + i} ${JSON.stringify(e)}`)
        .join('\n'),
    );
    if (report.drawerKicks !== cashSales) report.problems.push(`${report.drawerKicks} drawer kicks for ${cashSales} cash sales`);
  } catch (error) {
    // The seed replays the run (`npm run soak -- --seed N`): without it a crash cannot be chased.
    throw new Error(`soak (seed ${seed}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    await printer.close();
    data.remove();
    remove();
  }
  report.ms = Date.now() - started;
  return report;
}

/** One line for a person or CI. */
export function summary(r: SoakReport): string {
  const silent = r.findings.filter((f) => f.kind === 'silent-repeat').length;
  const missing = r.findings.filter((f) => f.kind === 'missing').length;
  const unexpected = r.findings.filter((f) => f.kind === 'unexpected').length;
  return (
    `soak: ${r.cycles} cycles (seed ${r.seed}), ${r.killsMidReceipt} kills mid-receipt, ${r.paperOuts} paper-outs; ` +
    `${r.receipts} receipts, ${r.sections} sections on paper, ${r.markers} continued lines (${r.markedRepeats} sections repeated after one); ` +
    `${silent} silent repeats, ${missing} missing, ${unexpected} unexpected (${r.jobsWithFindings} of ${r.jobs} print jobs affected); ` +
    `${r.drawerKicks} kicks for ${r.cashSales} cash sales; ` +
    `${r.problems.length} other problems; ${(r.ms / 1000).toFixed(1)} s`
  );
}
