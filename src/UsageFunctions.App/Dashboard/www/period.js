// The current billing period: the plan's metrics against their included amounts (billing API) and every meter's
// counter for the period (our own API).
import { getJson } from './api.js';
import { fillTable, say } from './dom.js';
import { money, number, percent, instant } from './format.js';

const $ = (id) => document.getElementById(id);

export async function loadPeriod(counters) {
  const billing = await getJson('billing', '/billing/api/billing/usage');
  const { period, metrics, estimatedCost, projectedUsage } = billing.data;
  $('period-range').textContent = `${instant(period.start)} to ${instant(period.end)}`;
  const rows = Object.entries(metrics).map(([id, m]) => ({
    attributes: { 'data-metric': id },
    cells: [
      m.name,
      { text: number(m.used), attributes: { 'data-field': 'used' } },
      { text: number(m.included), attributes: { 'data-field': 'included' } },
      { text: number(m.overage), attributes: { 'data-field': 'overage' } },
      { text: percent(m.percentage), attributes: { 'data-field': 'percentage' } },
      { text: number(projectedUsage[id]?.projected), attributes: { 'data-field': 'projected' } },
      m.unit,
    ],
  }));
  fillTable($('period-table'), ['Metric', 'Used', 'Included', 'Overage', '% of included', 'Projected', 'Unit'], rows);
  const cost = (field) => ({ text: money(estimatedCost[field], estimatedCost.currency), attributes: { 'data-field': field } });
  fillTable($('cost-table'), ['Estimated cost', 'Base', 'Overage', 'Total'],
    [{ attributes: { 'data-currency': estimatedCost.currency }, cells: [estimatedCost.currency.toUpperCase(), cost('base'), cost('overage'), cost('total')] }]);

  const meters = Object.entries(counters.meters);
  fillTable($('meters-table'), ['Meter', 'This period'],
    meters.map(([meter, value]) => ({ attributes: { 'data-meter': meter }, cells: [meter, { text: number(value), attributes: { 'data-field': 'value' } }] })));
  say($('period-message'), meters.every(([, v]) => v === 0) ? 'empty' : 'info',
    meters.every(([, v]) => v === 0) ? 'No usage recorded in this billing period yet.' : '');
}
