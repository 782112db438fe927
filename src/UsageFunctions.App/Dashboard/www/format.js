// How the page writes numbers and times: every figure exactly as the API gave it, grouped by thousands.
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

export const number = (value) => (value === null || value === undefined ? '' : numberFormat.format(value));

export const percent = (value) => `${number(value)} %`;

export function money(value, currency) {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  } catch {
    return `${number(value)} ${currency}`;
  }
}

// A series point's day or month as the API wrote it: its start carries the zone's offset, so its date is the local date.
export const day = (start) => start.slice(0, 10);
export const month = (start) => start.slice(0, 7);

export function instant(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('.000Z', 'Z').replace('T', ' ');
}

export function age(iso, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}
