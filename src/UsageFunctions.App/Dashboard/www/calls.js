// Calls per UTC day with the Ultravox filters (the Ultravox call usage API).
import { getJson, ApiError } from './api.js';
import { clearTable, fillTable, say } from './dom.js';
import { number } from './format.js';

const $ = (id) => document.getElementById(id);
const fields = ['voiceId', 'durationMin', 'durationMax', 'fromDate', 'toDate', 'timeOfDayStart', 'timeOfDayEnd', 'search'];

export function filters() {
  const form = $('calls-filters');
  const params = Object.fromEntries(fields.map((f) => [f, form.elements[f].value.trim()]));
  params.agentIds = form.elements.agentIds.value.split(',').map((a) => a.trim()).filter((a) => a);
  const metadataKey = form.elements.metadataKey.value.trim();
  if (metadataKey) params[`metadata.${metadataKey}`] = form.elements.metadataValue.value;
  return params;
}

// Filters applied in quick succession each start a load: only the latest may draw.
let latest = 0;

export async function loadCalls() {
  const load = ++latest;
  const table = $('calls-table');
  const message = $('calls-message');
  let usage;
  try {
    usage = await getJson('ultravox', '/ultravox/api/accounts/me/usage/calls', filters());
    if (load !== latest) return;
  } catch (error) {
    if (load !== latest) return;
    if (!(error instanceof ApiError) || error.kind !== 'input') throw error;
    clearTable(table);
    say(message, 'error', `These filters were refused: ${error.message}`);
    return;
  }
  const days = usage.daily.filter((d) => d.totalCount > 0);
  const row = (d) => [
    { text: number(d.totalCount), attributes: { 'data-field': 'totalCount' } },
    { text: number(d.errorCount), attributes: { 'data-field': 'errorCount' } },
    { text: number(d.joinedCount), attributes: { 'data-field': 'joinedCount' } },
    { text: d.duration, attributes: { 'data-field': 'duration' } },
    { text: number(d.billedMinutes), attributes: { 'data-field': 'billedMinutes' } },
  ];
  if (days.length === 0) {
    clearTable(table);
    say(message, 'empty', 'No calls match these filters in the window (by default the last 30 UTC days).');
    return;
  }
  const sum = (f) => days.reduce((total, d) => total + d[f], 0);
  fillTable(table, ['Day (UTC)', 'Calls', 'Errors', 'Joined', 'Duration', 'Billed minutes'],
    days.map((d) => ({ attributes: { 'data-date': d.date }, cells: [d.date, ...row(d)] })),
    ['Shown days', ...row({ totalCount: sum('totalCount'), errorCount: sum('errorCount'), joinedCount: sum('joinedCount'),
      duration: '', billedMinutes: sum('billedMinutes') })]);
  say(message, 'info', `All time with these filters: ${number(usage.allTime.totalCount)} calls, ${usage.allTime.duration}.`);
}
