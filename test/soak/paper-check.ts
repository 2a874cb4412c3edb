/**
 * Reads what a printer put on paper (its tape: lines, cuts, drawer kicks, codes, pictures, in
 * order) against the jobs the till had to print, section by section (a section is one chunk of
 * the drainer's plan), and says what is wrong:
 * - a section printed twice without the "— continued —" line between (a silent repeat),
 * - a section missing or cut short (a receipt not fully on paper),
 * - paper nobody asked for (a whole receipt twice, a kick too many).
 * A section may legitimately appear wholly or in part, then the continued line, then wholly
 * again: the seam of a resume after a crash or a fault. A resume may itself be cut short (killed,
 * or the roll ran out) after its continued line, so the lines stack, with or without part of the
 * section between: each section reads as (any leading part of it, then the continued line) any
 * number of times, then the section whole. A job's paper is first read exactly so; only paper
 * that cannot be read so is searched for what went wrong.
 */
import type { TapeEvent } from '../../native/printer/escpos-decode.js';

export interface ExpectedSection {
  name: string;
  tape: TapeEvent[];
}

export interface ExpectedJob {
  /** 'receipt K000012', for findings. */
  label: string;
  sections: ExpectedSection[];
  /** The job's continued line as it prints (its language). */
  marker: TapeEvent[];
}

export interface PaperFinding {
  kind: 'silent-repeat' | 'missing' | 'unexpected';
  job: string;
  section: string;
  /** Position on the tape. */
  at: number;
  detail: string;
}

export interface PaperCheck {
  /** Sections found complete on paper. */
  sections: number;
  /** Continued lines found (each a seam). */
  markers: number;
  /** Sections printed again after their continued line, having been on paper (wholly or in part) before it. */
  markedRepeats: number;
  /** Jobs (receipts) with at least one finding. */
  jobsWithFindings: number;
  findings: PaperFinding[];
}

const key = (e: TapeEvent): string => {
  switch (e.kind) {
    case 'line':
      return `line ${e.text}`;
    case 'qr':
    case 'barcode':
      return `${e.kind} ${e.data}`;
    case 'image':
      return `image ${e.widthDots}`;
    default:
      return e.kind;
  }
};

export function checkPaper(tape: readonly TapeEvent[], jobs: readonly ExpectedJob[]): PaperCheck {
  const paper = tape.map(key);
  const result: PaperCheck = { sections: 0, markers: 0, markedRepeats: 0, jobsWithFindings: 0, findings: [] };
  /** How many tokens of `want` the paper has from `p` on (a prefix). */
  const prefix = (p: number, want: readonly string[]): number => {
    let m = 0;
    while (m < want.length && paper[p + m] === want[m]) m++;
    return m;
  };
  const whole = (p: number, want: readonly string[]): boolean => want.length > 0 && prefix(p, want) === want.length;
  const shown = (p: number): string => (p < paper.length ? `"${paper[p]}"` : 'the end of the paper');

  let p = 0;
  /** Where `want` is next on paper whole, after `p` and within `window` (about the job's own length, not into the next jobs). */
  const ahead = (p: number, want: readonly string[], window: number): number | null => {
    for (let q = p + 1; q < Math.min(paper.length, p + window); q++) if (whole(q, want)) return q;
    return null;
  };

  interface Reading {
    end: number;
    sections: number;
    markers: number;
    markedRepeats: number;
  }
  /**
   * The job's paper from `start` read as legitimate seams only, or null. Every way of reading is
   * tried (a section's repeat after a continued line may begin like the next section: a blank
   * line, a rule), so a legitimate seam is never taken for a repeat, however the lines fall.
   */
  const readSeams = (start: number, sections: readonly { want: readonly string[] }[], marker: readonly string[]): Reading | null => {
    const failed = new Set<number>();
    const read = (i: number, p: number, repeated: boolean): Reading | null => {
      if (i === sections.length) return { end: p, sections: 0, markers: 0, markedRepeats: 0 };
      const memo = i * (paper.length + 1) + p;
      if (failed.has(memo)) return null;
      const want = sections[i]!.want;
      const m = prefix(p, want);
      const done = (): Reading | null => {
        if (m < want.length) return null;
        const rest = read(i + 1, p + m, false);
        return rest && { ...rest, sections: rest.sections + 1, markedRepeats: rest.markedRepeats + (repeated ? 1 : 0) };
      };
      // Some of it (all, part or none), then a continued line: it comes again.
      const again = (): Reading | null => {
        for (let k = m; k >= 0; k--) {
          if (!whole(p + k, marker)) continue;
          const rest = read(i, p + k + marker.length, repeated || k > 0);
          if (!rest) continue;
          // Counted as the other reading counts: every whole print, and every one after a seam.
          const printed = k === want.length ? 1 : 0;
          return { ...rest, markers: rest.markers + 1, sections: rest.sections + printed, markedRepeats: rest.markedRepeats + (repeated ? printed : 0) };
        }
        return null;
      };
      // The job's last section keeps a seam that repeats it (the next job cannot read it); any
      // other section gives way to the next one first (it is read again after a seam anyway).
      const reading = i === sections.length - 1 ? (again() ?? done()) : (done() ?? again());
      if (!reading) failed.add(memo);
      return reading;
    };
    return read(0, start, false);
  };

  const sectionsOf = (job: ExpectedJob): { name: string; want: string[] }[] =>
    job.sections.map((s) => ({ name: s.name, want: s.tape.map(key) })).filter((s) => s.want.length > 0);

  for (const [j, job] of jobs.entries()) {
    const findingsBefore = result.findings.length;
    const marker = job.marker.map(key);
    const sections = sectionsOf(job);
    const seams = readSeams(p, sections, marker);
    if (seams) {
      p = seams.end;
      result.sections += seams.sections;
      result.markers += seams.markers;
      result.markedRepeats += seams.markedRepeats;
      // The last section again with nothing between (a second kick, an empty cut twice): printed twice, silently.
      const last = sections.at(-1);
      const following = jobs[j + 1] ? (sectionsOf(jobs[j + 1]!)[0]?.want ?? null) : null;
      while (last && whole(p, last.want) && !(following && whole(p, following))) {
        result.findings.push({ kind: 'silent-repeat', job: job.label, section: last.name, at: p, detail: `${last.name} printed again without the continued line` });
        p += last.want.length;
      }
      if (result.findings.length > findingsBefore) result.jobsWithFindings++;
      continue;
    }
    const window = 2 * sections.reduce((n, s) => n + s.want.length + marker.length, 0);
    for (const [i, { name, want }] of sections.entries()) {
      const next = sections[i + 1]?.want ?? null;
      let before = false; // some of this section is on paper before a continued line
      for (;;) {
        const m = prefix(p, want);
        if (m === want.length) {
          p += m;
          if (before) result.markedRepeats++;
          result.sections++;
          // Printed, then sent again (wholly, or in part before the next seam) after the continued
          // line (or several: a resume cut short after its line): the till could not know it
          // printed. What follows the lines is this section's start rather than the next one's.
          let after = p;
          while (whole(after, marker)) after += marker.length;
          if (after > p && prefix(after, want) > (next ? prefix(after, next) : 0)) {
            result.markers += (after - p) / marker.length;
            p = after;
            before = true;
            continue;
          }
          // The same section again with nothing between: printed twice, silently.
          while (whole(p, want) && !(next && whole(p, next))) {
            result.findings.push({ kind: 'silent-repeat', job: job.label, section: name, at: p, detail: `${name} printed again without the continued line` });
            p += want.length;
          }
          break;
        }
        if (whole(p + m, marker)) {
          // Part of it (or none), then the continued line: it follows whole.
          p += m + marker.length;
          result.markers++;
          before = before || m > 0;
          continue;
        }
        if (m > 0 && whole(p + m, want)) {
          result.findings.push({ kind: 'silent-repeat', job: job.label, section: name, at: p, detail: `${name} cut short, then printed whole without the continued line` });
          p += m;
          continue;
        }
        // Lost step: find this section further on and say what stands in its way, or that it is missing.
        const found = ahead(p, want, window);
        if (found !== null) {
          const skipped = paper.slice(p, found);
          const earlier = new Set(sections.slice(0, i + 1).flatMap((s) => s.want));
          const repeat = skipped.every((t) => earlier.has(t) || marker.includes(t));
          result.findings.push({
            kind: repeat ? 'silent-repeat' : 'unexpected',
            job: job.label,
            section: name,
            at: p,
            detail: repeat
              ? `${skipped.length} things printed again before ${name}, without the continued line`
              : `${skipped.length} things nobody asked for before ${name}, from ${shown(p)}`,
          });
          p = found;
          continue;
        }
        result.findings.push({
          kind: 'missing',
          job: job.label,
          section: name,
          at: p + m,
          detail: `${name} not fully on paper: expected "${want[m]}", found ${shown(p + m)}`,
        });
        break;
      }
    }
    const found = result.findings.length - findingsBefore;
    if (found > 0) result.jobsWithFindings++;
  }
  if (p < paper.length) {
    result.findings.push({ kind: 'unexpected', job: '', section: '', at: p, detail: `${paper.length - p} more things on paper after the last job, from ${shown(p)}` });
  }
  return result;
}
