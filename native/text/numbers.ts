/**
 * Integers of minor units and thousandths as text, by locale: the one formatting the screen, the
 * paper and the fiscal printer share. Pure string arithmetic over BigInt: an amount never passes
 * through a JS float, not even for display. No Node, no DOM: the renderer bundles it too.
 */

function separators(locale: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale, { minimumFractionDigits: 1 }).formatToParts(12345.5);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

function formatScaled(value: number, scale: number, minFraction: number, locale: string, group: boolean): string {
  const negative = value < 0;
  const abs = BigInt(Math.abs(value));
  const unit = 10n ** BigInt(scale);
  const whole = abs / unit;
  let fraction = (abs % unit).toString().padStart(scale, '0');
  while (fraction.length > minFraction && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const wholeText = new Intl.NumberFormat(locale, { useGrouping: group }).format(whole);
  const text = fraction.length > 0 ? `${wholeText}${separators(locale).decimal}${fraction}` : wholeText;
  return negative ? `-${text}` : text;
}

/** 123456 -> "1,234.56" (en) or "1 234,56" (et). Always two decimals. */
export function formatMoney(minor: number, locale: string): string {
  return formatScaled(minor, 2, 2, locale, true);
}

/** Money as typed into an input: no grouping, locale decimal separator ("12,50" in et). */
export function formatMoneyInput(minor: number, locale: string): string {
  return formatScaled(minor, 2, 2, locale, false);
}

/** 1250 -> "1.25" (en) / "1,25" (et); whole quantities without decimals: 2000 -> "2". */
export function formatQuantity(milli: number, locale: string): string {
  return formatScaled(milli, 3, 0, locale, false);
}

/** 2200 -> "22" ; 950 -> "9.5" (per locale). */
export function formatRate(bp: number, locale: string): string {
  return formatScaled(bp, 2, 0, locale, false);
}
