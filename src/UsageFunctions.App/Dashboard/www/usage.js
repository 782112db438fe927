// Any meter over a range, as a daily or monthly chart in the chosen zone, and broken down by agent, phone number,
// voice and end reason over the same range (our own API, /api/usage).
import { getJson, ApiError } from './api.js';
import { drawBars } from './chart.js';
import { clearTable, fillTable, say } from './dom.js';
import { day, month, number } from './format.js';

const $ = (id) => document.getElementById(id);
export const dimensions = { agent: 'Agent', phoneNumber: 'Phone number', voice: 'Voice', endReason: 'End reason' };

export function fillPickers(meters) {
  const meter = $('meter');
  const chosen = meter.value;
  meter.replaceChildren(...meters.map((m) => new Option(m, m)));
  meter.value = meters.includes(chosen) ? chosen : meters.includes('calls') ? 'calls' : meters[0];
  const zone = $('zone');
  if (zone.options.length <= 2 && Intl.supportedValuesOf) {
    const zones = new Set(Intl.supportedValuesOf('timeZone').map((z) => renamed[z] ?? z));
    zone.append(...[...zones].filter((z) => z !== 'UTC').sort().map((z) => new Option(z, z)));
  }
}

// The browser lists some zones by their old IANA names; the API and the tz database call them by the current ones.
const renamed = {
  'Asia/Calcutta': 'Asia/Kolkata', 'Asia/Saigon': 'Asia/Ho_Chi_Minh', 'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon', 'Europe/Kiev': 'Europe/Kyiv', 'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'Atlantic/Faeroe': 'Atlantic/Faroe', 'America/Godthab': 'America/Nuuk', 'Pacific/Enderbury': 'Pacific/Kanton',
};

// The range picker's value is "<count><d|m>": that many days or months ending now.
export function rangeOf(range, now = new Date()) {
  const count = Number.parseInt(range, 10);
  const from = new Date(now);
  if (range.endsWith('m')) from.setUTCMonth(from.getUTCMonth() - count);
  else from.setUTCDate(from.getUTCDate() - count);
  return { from: from.toISOString(), to: now.toISOString() };
}

// Pickers change one at a time, each change starting a load: only the latest load may draw.
let latest = 0;

export async function loadUsage() {
  const load = ++latest;
  const meter = $('meter').value;
  const grain = $('grain').value;
  const tz = $('zone').value;
  const range = rangeOf($('range').value);
  const usage = await getJson('own', '/api/usage', { meter, grain, tz, ...range });
  if (load !== latest) return usage.asOf;
  const points = (usage.series ?? []).map((p, i) => ({ ...p, label: (grain === 'month' ? month : day)(p, i === 0, tz) }));
  const label = (p) => p.label;
  const zoneName = tz || "the account's zone";
  const over = `over the ${$('range').selectedOptions[0].text.toLowerCase()}`;
  const caption = `${meter} (${usage.unit}) per ${grain} ${over}, ${zoneName}: total ${number(usage.total)}`;
  drawBars($('chart'), points, { label, format: number, title: caption });
  $('chart-caption').textContent = caption;
  fillTable($('series-table'), [grain === 'month' ? 'Month' : 'Day', `${meter} (${usage.unit})`],
    points.map((p) => ({ attributes: { 'data-start': p.start }, cells: [label(p), { text: number(p.value), attributes: { 'data-field': 'value' } }] })));
  say($('usage-message'), usage.total === 0 ? 'empty' : 'info', usage.total === 0 ? `No ${meter} ${over}.` : '');
  await Promise.all(Object.keys(dimensions).map((dimension) => loadBreakdown(load, meter, dimension, tz, range)));
  return usage.asOf;
}

async function loadBreakdown(load, meter, dimension, tz, range) {
  const table = $(`by-${dimension}`);
  const message = $(`by-${dimension}-message`);
  try {
    const usage = await getJson('own', '/api/usage', { meter, groupBy: dimension, tz, ...range });
    if (load !== latest) return;
    const rows = Object.entries(usage.byDimension ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (rows.length === 0) {
      clearTable(table);
      say(message, 'empty', `No ${meter} in this range.`);
      return;
    }
    fillTable(table, [dimensions[dimension], usage.unit],
      rows.map(([name, value]) => ({ attributes: { 'data-key': name }, cells: [name, { text: number(value), attributes: { 'data-field': 'value' } }] })),
      ['Total', { text: number(usage.total), attributes: { 'data-field': 'total' } }]);
    say(message, 'info', '');
  } catch (error) {
    if (!(error instanceof ApiError) || error.kind !== 'input') throw error;
    clearTable(table);
    say(message, 'empty', `Not available for ${meter}: ${error.message}`);
  }
}
