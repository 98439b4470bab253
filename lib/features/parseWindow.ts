const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A declared window (`5m`, `1h`, `24h`) in milliseconds.
 *
 * @example
 * parseWindow('5m'); // 300000
 */
export function parseWindow(window: string): number {
  const unit = window[window.length - 1] as keyof typeof UNIT_MS;
  return Number(window.slice(0, -1)) * UNIT_MS[unit];
}
