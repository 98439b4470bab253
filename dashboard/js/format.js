// Number, money, time and age formatting. Times are UTC, as everywhere in Snowline.

const COUNT = new Intl.NumberFormat('en-US');
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** @param {number} n */
export const formatCount = (n) => COUNT.format(n);

/** @param {number} amount @param {string | null} currency */
export const formatMoney = (amount, currency) => `${currency ?? ''} ${MONEY.format(amount)}`.trim();

/** "10:41" for a window start. @param {number} ms */
export const formatMinute = (ms) => new Date(ms).toISOString().slice(11, 16);

/** "10:41:07" for a moment. @param {number} ms */
export const formatTime = (ms) => new Date(ms).toISOString().slice(11, 19);

/**
 * How old something is, in words a glance can read: "4 s", "3 min 20 s", "2 h 5 min".
 * @param {number} ms
 */
export const formatAge = (ms) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
};
