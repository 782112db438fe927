// Small helpers for building the page's tables and messages.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined && value !== null) node.setAttribute(name, value);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

// Fills a table: header cells, body rows (arrays of text or {text, attributes}), optional footer row.
export function fillTable(table, headers, rows, footer) {
  const cell = (tag, value) => (typeof value === 'object' && value !== null ? el(tag, value.attributes, value.text) : el(tag, {}, String(value)));
  table.tHead?.remove();
  for (const body of [...table.tBodies]) body.remove();
  table.tFoot?.remove();
  table.createTHead().append(el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h))));
  const body = table.createTBody();
  for (const row of rows) body.append(el('tr', row.attributes ?? {}, ...(row.cells ?? row).map((v, i) => cell(i === 0 ? 'th' : 'td', v))));
  if (footer) table.createTFoot().append(el('tr', {}, ...footer.map((v, i) => cell(i === 0 ? 'th' : 'td', v))));
  for (const th of body.querySelectorAll('th')) th.setAttribute('scope', 'row');
}

export function clearTable(table) {
  table.tHead?.remove();
  for (const body of [...table.tBodies]) body.remove();
  table.tFoot?.remove();
}

// A section's own message line: kind is 'info', 'empty', 'loading' or 'error'.
export function say(node, kind, text) {
  node.textContent = text;
  node.dataset.kind = kind;
  node.hidden = !text;
}
