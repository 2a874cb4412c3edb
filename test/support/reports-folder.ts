import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A report file put where a core on an in-memory database keeps its reports (a folder of its own
 * per process), as its files lane would save it. The renderer tests need it: pdfkit cannot load
 * its fonts under jsdom, so there the lane never writes a PDF.
 */
export function placeReportFile(name: string, content: string): { remove(): void } {
  const dir = join(tmpdir(), `the-till-reports-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, content);
  return { remove: () => rmSync(file, { force: true }) };
}
