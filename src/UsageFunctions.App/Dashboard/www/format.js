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

// A series point's local day. Its start is written in UTC; in a named zone the browser knows the date there. In the
// account's zone (whose name no public API gives) a bucket boundary is a local midnight, so its UTC time gives the
// offset, read as between -10:00 and +14:00 (every populated zone but UTC-11). The first point may start mid-day (at
// 'from'), so its offset comes from its end, which is a boundary.
export function day(point, first, zone) {
  const start = new Date(point.start);
  if (zone) return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(start);
  const boundary = new Date(first ? point.end : point.start);
  let offset = (1440 - (boundary.getUTCHours() * 60 + boundary.getUTCMinutes())) % 1440;
  if (offset >= 840) offset -= 1440;
  return new Date(start.getTime() + offset * 60_000).toISOString().slice(0, 10);
}

export const month = (point, first, zone) => day(point, first, zone).slice(0, 7);

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
