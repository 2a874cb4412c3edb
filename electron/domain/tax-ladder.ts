/**
 * The "tax ladder" (zasada schodka podatkowego): a Polish fiscal printer remembers,
 * per *fiscal name*, the PTU rate it last sold the item at. The rate may go up or down, but once it
 * has gone down it may never go up again (POSNET refuses the line with error 2106, "towar
 * zablokowany"; the POSNET spec's example: sold at 23 %, then at 8 % → locked; 8 % or lower only;
 * after 3 %, not even 8 %). The till checks this before confirming, so a sale is never confirmed
 * that the printer would refuse afterwards.
 *
 * Pure: rates are compared as numbers (basis points), never by PTU letter order.
 */

/**
 * The printer's fiscal name for an item name: only letters and digits count (case-insensitive),
 * plus '.', ',', '%' and slashes (POSNET trline note 12; NoviAPI: "case, spaces and most special
 * characters ignored"). "Mleko 3,2% 1L" and "MLEKO 3,2%1l" are the same item to the printer.
 */
export function fiscalName(name: string): string {
  return name.toLocaleLowerCase('pl').replace(/[^\p{L}\p{N}.,%/\\]/gu, '');
}

/**
 * What the printer knows, as a map: fiscal name → the highest rate (bp) the printer still accepts
 * for it. Only items whose rate was lowered are in the map (the others accept any rate); their
 * value is the rate they were last registered at. `last` additionally holds the last registered
 * rate of *every* item, so a lowering inside the next receipt is noticed too.
 */
export class LadderHistory extends Map<string, number> {
  readonly last = new Map<string, number>();

  /**
   * Applies one registered line, in registration order. Rates as the printer sees them (see
   * printerRateBp). A line the printer would have refused changes nothing.
   */
  record(name: string, rateBp: number): void {
    const key = fiscalName(name);
    if (key === '') return;
    const ceiling = this.get(key);
    if (ceiling !== undefined && rateBp > ceiling) return;
    const previous = this.last.get(key);
    if (ceiling !== undefined || (previous !== undefined && rateBp < previous)) this.set(key, rateBp);
    this.last.set(key, rateBp);
  }

  copy(): LadderHistory {
    const out = new LadderHistory(this);
    for (const [k, v] of this.last) out.last.set(k, v);
    return out;
  }
}

/** Replays registered lines (oldest first) into a history. */
export function replayLadder(lines: Iterable<{ name: string; rateBp: number }>, into = new LadderHistory()): LadderHistory {
  for (const line of lines) into.record(line.name, line.rateBp);
  return into;
}

/**
 * The rate the printer sees for a till rate: rates the PTU map sends to the same letter are one rate
 * to the printer (the default map sends 22 % and 23 % to A), so they count as the highest of them.
 */
export function printerRateBp(rateBp: number, ptuMap?: Readonly<Record<string, string>>): number {
  const letter = ptuMap?.[String(rateBp)];
  if (!ptuMap || letter === undefined) return rateBp;
  return Math.max(...Object.entries(ptuMap).filter(([, l]) => l === letter).map(([bp]) => Number(bp)));
}

/**
 * The lines (in receipt order) the printer would refuse because their rate is above what the item
 * was lowered to — by history or by an earlier line of the same receipt. `history` is a
 * LadderHistory (ladderHistory(db) returns one) or any map of fiscal name → highest accepted rate.
 * Pass the PTU map when several rates share a letter.
 */
export function taxLadderViolations(
  lines: readonly { name: string; rateBp: number }[],
  history: ReadonlyMap<string, number>,
  ptuMap?: Readonly<Record<string, string>>,
): { name: string; fiscalName: string; fromBp: number; toBp: number }[] {
  const ceiling = new Map<string, number>([...history].map(([k, v]) => [k, printerRateBp(v, ptuMap)]));
  const known = history instanceof LadderHistory ? history.last : history;
  const last = new Map<string, number>([...known].map(([k, v]) => [k, printerRateBp(v, ptuMap)]));
  const violations: { name: string; fiscalName: string; fromBp: number; toBp: number }[] = [];
  for (const line of lines) {
    const key = fiscalName(line.name);
    if (key === '') continue;
    const rate = printerRateBp(line.rateBp, ptuMap);
    const max = ceiling.get(key);
    if (max !== undefined && rate > max) {
      violations.push({ name: line.name, fiscalName: key, fromBp: max, toBp: line.rateBp });
      continue; // the printer refuses this line: it changes nothing
    }
    const previous = last.get(key);
    if (max !== undefined || (previous !== undefined && rate < previous)) ceiling.set(key, rate);
    last.set(key, rate);
  }
  return violations;
}
