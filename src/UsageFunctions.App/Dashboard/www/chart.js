// A bar chart in plain SVG, one bar per series point, labelled for screen readers and hover.
const svgNs = 'http://www.w3.org/2000/svg';
const height = 240;
const pad = { top: 16, right: 12, bottom: 28, left: 56 };

function svg(tag, attributes, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Drawn at the element's own width, so labels keep their size on a phone and on a desktop.
export function drawBars(target, points, { label, format, title }) {
  const width = Math.max(280, Math.round(target.getBoundingClientRect().width) || 640);
  target.replaceChildren();
  target.setAttribute('viewBox', `0 0 ${width} ${height}`);
  target.setAttribute('role', 'img');
  target.setAttribute('aria-label', title);
  const max = Math.max(0, ...points.map((p) => p.value));
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const step = points.length ? plotWidth / points.length : plotWidth;
  const barWidth = Math.max(1, step * 0.8);
  target.append(
    svg('line', { x1: pad.left, y1: pad.top + plotHeight, x2: width - pad.right, y2: pad.top + plotHeight, class: 'axis' }),
    svg('text', { x: pad.left - 6, y: pad.top + 4, 'text-anchor': 'end', class: 'tick' }, format(max)),
    svg('text', { x: pad.left - 6, y: pad.top + plotHeight, 'text-anchor': 'end', class: 'tick' }, '0'));
  points.forEach((point, i) => {
    const barHeight = max > 0 ? (point.value / max) * plotHeight : 0;
    const bar = svg('rect', {
      x: (pad.left + i * step + (step - barWidth) / 2).toFixed(2),
      y: (pad.top + plotHeight - barHeight).toFixed(2),
      width: barWidth.toFixed(2),
      height: barHeight.toFixed(2),
      class: 'bar',
      'data-start': point.start,
      'data-value': String(point.value),
    });
    bar.append(svg('title', {}, `${label(point)}: ${format(point.value)}`));
    target.append(bar);
  });
  if (points.length) {
    const y = height - 8;
    target.append(svg('text', { x: pad.left, y, class: 'tick' }, label(points[0])));
    if (points.length > 1) target.append(svg('text', { x: width - pad.right, y, 'text-anchor': 'end', class: 'tick' }, label(points.at(-1))));
  }
}
