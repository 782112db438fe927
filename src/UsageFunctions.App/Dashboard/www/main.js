// Wires the page: the key form, the pickers and filters, the CSV buttons, and the page-wide loading and error states.
import { key, getJson } from './api.js';
import { loadCalls } from './calls.js';
import { download, tableToCsv } from './csv.js';
import { say } from './dom.js';
import { age, instant } from './format.js';
import { loadPeriod } from './period.js';
import { fillPickers, loadUsage } from './usage.js';

const $ = (id) => document.getElementById(id);
const status = $('status');
const report = $('report');

async function step(section, load) {
  section.setAttribute('aria-busy', 'true');
  try {
    return await load();
  } finally {
    section.removeAttribute('aria-busy');
  }
}

function showAsOf(asOf) {
  const node = $('as-of');
  node.replaceChildren('Figures as of ', Object.assign(document.createElement('time'), { dateTime: asOf, textContent: instant(asOf) }),
    ` (${age(asOf)}); newer events appear after the next roll-up.`);
}

// One failure that concerns the whole page (a refused key, storage down) replaces the report with what happened.
function fail(error) {
  report.hidden = true;
  say(status, 'error', error.message);
  status.dataset.error = error.kind ?? 'unknown';
  if (error.kind === 'auth') $('key').focus();
}

async function run(what) {
  say(status, 'loading', 'Loading usage…');
  delete status.dataset.error;
  try {
    await what();
    say(status, 'info', 'Usage loaded.');
  } catch (error) {
    fail(error);
  }
}

async function loadAll() {
  const counters = await getJson('own', '/api/usage/period');
  fillPickers(Object.keys(counters.meters));
  report.hidden = false;
  showAsOf(counters.asOf);
  await Promise.all([
    step($('period'), () => loadPeriod(counters)),
    step($('usage'), async () => showAsOf(await loadUsage())),
    step($('calls'), loadCalls),
  ]);
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $('key').value.trim();
  if (!value) {
    say(status, 'error', 'Paste a usage:read key first.');
    return;
  }
  key.set(value);
  $('key').value = '';
  $('key-state').textContent = 'A key is set for this tab.';
  run(loadAll);
});

$('forget-key').addEventListener('click', () => {
  key.clear();
  report.hidden = true;
  $('key-state').textContent = 'No key set.';
  say(status, 'info', 'The key was removed from this tab.');
});

$('usage-controls').addEventListener('submit', (event) => event.preventDefault());
$('usage-controls').addEventListener('change', () => run(() => step($('usage'), async () => showAsOf(await loadUsage()))));
$('calls-filters').addEventListener('submit', (event) => {
  event.preventDefault();
  run(() => step($('calls'), loadCalls));
});
$('calls-filters').addEventListener('reset', () => setTimeout(() => run(() => step($('calls'), loadCalls))));

for (const button of document.querySelectorAll('button[data-csv]')) {
  button.addEventListener('click', () => {
    const table = $(button.dataset.csv);
    download(`${button.dataset.csv}.csv`, tableToCsv(table));
  });
}

if (key.get()) {
  $('key-state').textContent = 'A key is set for this tab.';
  run(loadAll);
}
