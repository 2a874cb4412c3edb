import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportWords } from '../../../native/printer/report.js';
import type { ReportFilesPort } from '../../usecases/ports.js';
import { writeReportPdf } from './report-pdf.js';

/**
 * The reports folder for the use cases: a saved report's PDF read back, or the same PDF made
 * again by the files lane's own writer (so a report made now reads exactly like the saved one).
 */
export function reportFiles(deps: { dir: string; words(locale: string): Partial<ReportWords> }): ReportFilesPort {
  return {
    async read(name) {
      try {
        // The files lane renames a finished file into place: a file found here is whole.
        return await readFile(join(deps.dir, `${name}.pdf`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async render(report) {
      // Made in a private folder of its own, never in the reports folder: the files lane may be
      // writing the same report there right now, under the same names.
      const dir = await mkdtemp(join(tmpdir(), 'the-till-report-'));
      try {
        const file = join(dir, 'report.pdf');
        await writeReportPdf({ name: 'report', report }, deps.words(report.locale), file);
        return await readFile(file);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
