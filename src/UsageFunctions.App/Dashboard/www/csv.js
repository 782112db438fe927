// CSV of a table as it is on screen: its header and body cells' text, quoted where RFC 4180 needs it; a cell that a
// spreadsheet would run as a formula is prefixed with an apostrophe.
export function tableToCsv(table) {
  const rows = [...table.querySelectorAll('tr')].map((tr) => [...tr.children].map((cell) => cell.textContent.trim()));
  return rows.map((cells) => cells.map(escape).join(',')).join('\r\n') + '\r\n';
}

function escape(text) {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?[\d.,]+( %)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function download(fileName, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
