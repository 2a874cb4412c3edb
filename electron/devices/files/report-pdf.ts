import PDFDocument from 'pdfkit';
import { createWriteStream, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { dayReportLines, type ReportWords } from '../../../native/printer/report.js';
import type { Drainer, Job, JobOutcome } from '../../effects/worker.js';

// DejaVu Sans covers the letters of every shop the till serves (ą, š, ž, õ, ё, і, қ…): the PDF
// embeds it, so a report reads the same on any machine.
const FONT = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** Writes an X or Z report as an A4 PDF: whole, or not at all (written beside it, then renamed). */
export function writeReportPdf(job: Job<'file.report'>['payload'], words: Partial<ReportWords>, file: string): Promise<void> {
  const { title, sections } = dayReportLines(job.report, words);
  const partial = `${file}.partial`;
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
    const out = createWriteStream(partial);
    out.on('error', reject);
    out.on('finish', () => {
      try {
        renameSync(partial, file);
        resolve();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    doc.pipe(out);
    doc.registerFont('body', FONT);
    doc.registerFont('bold', BOLD);
    doc.font('bold').fontSize(18).text(title);
    const width = doc.page.width - 2 * 56;
    for (const section of sections) {
      doc.moveDown(0.6);
      for (const [label, value] of section.lines) {
        const y = doc.y;
        doc.font('body').fontSize(11).text(label, 56, y, { width: width * 0.55 });
        if (value !== '') doc.text(value, 56 + width * 0.55, y, { width: width * 0.45, align: 'right' });
        doc.x = 56;
      }
    }
    doc.end();
  });
}

/**
 * The files lane: reports saved as PDF in the data directory. Writing the same report again
 * gives the same file, so a crash between writing it and marking it done repeats nothing anyone sees.
 */
export class ReportFileDrainer implements Drainer {
  constructor(private readonly deps: { dir: string; words(locale: string): Partial<ReportWords>; log?: (line: string) => void }) {}

  async run(job: Job): Promise<JobOutcome> {
    if (job.kind !== 'file.report') return { outcome: 'failed', error: `the files lane does not carry out ${job.kind}`, counted: true };
    const payload = job.payload as Job<'file.report'>['payload'];
    // Laying out a PDF takes the CPU for a while: the call that queued it (the close) answers first.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      mkdirSync(this.deps.dir, { recursive: true });
      const file = join(this.deps.dir, `${payload.name}.pdf`);
      await writeReportPdf(payload, this.deps.words(payload.report.locale), file);
      return { outcome: 'done', result: file, counted: true };
    } catch (error) {
      // A full disk or a folder without rights passes: the lane tries again later.
      return { outcome: 'retry', error: error instanceof Error ? error.message : String(error), counted: true };
    }
  }
}
