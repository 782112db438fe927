// The API reference: renders the app's OpenAPI 3.1 documents (GET /openapi, /openapi/{name}.json) in the page.
// Self-contained on purpose: the page must work with no internet access, so nothing is loaded from another site.
'use strict';
(function () {
  const select = document.getElementById('document');
  const content = document.getElementById('content');
  const download = document.getElementById('download');
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children.flat()) if (child !== null && child !== undefined)
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  function resolve(doc, item) {
    const seen = new Set();
    while (item && item.$ref && item.$ref.startsWith('#/') && !seen.has(item.$ref)) {
      seen.add(item.$ref);
      const target = item.$ref.slice(2).split('/').reduce((o, k) => o && o[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      if (!target) break;
      item = Object.assign({}, target, Object.fromEntries(Object.entries(item).filter(([k]) => k !== '$ref')));
    }
    return item || {};
  }

  function typeOf(s) {
    const t = Array.isArray(s.type) ? s.type.join(' | ') : s.type;
    const parts = [t || (s.oneOf ? 'one of' : s.anyOf ? 'any of' : s.allOf ? 'all of' : s.const !== undefined ? 'const' : 'any')];
    if (s.format) parts.push(`(${s.format})`);
    if (s.enum) parts.push('· one of ' + s.enum.map(v => JSON.stringify(v)).join(', '));
    if (s.const !== undefined) parts.push('= ' + JSON.stringify(s.const));
    for (const [k, label] of [['minimum', '≥'], ['maximum', '≤'], ['minLength', 'min length'], ['maxLength', 'max length'],
      ['minItems', 'min items'], ['maxItems', 'max items'], ['pattern', 'pattern'], ['default', 'default']])
      if (s[k] !== undefined) parts.push(`· ${label} ${typeof s[k] === 'string' && k !== 'pattern' ? JSON.stringify(s[k]) : s[k]}`);
    if (s.additionalProperties === false) parts.push('· closed');
    return parts.join(' ');
  }

  function schema(doc, raw, depth) {
    const s = resolve(doc, raw);
    const list = el('ul', { class: 'schema' });
    if (depth > 8) return list;
    for (const [name, prop] of Object.entries(s.properties || {})) {
      const p = resolve(doc, prop);
      list.append(el('li', {}, el('code', {}, name), ' ', (s.required || []).includes(name) ? el('span', { class: 'req' }, 'required ') : null,
        el('span', { class: 'muted' }, typeOf(p)), p.description ? ' — ' + p.description : '', nested(doc, p, depth)));
    }
    if (s.items) list.append(el('li', {}, el('span', { class: 'muted' }, 'items: ' + typeOf(resolve(doc, s.items))), schema(doc, s.items, depth + 1)));
    if (s.additionalProperties && typeof s.additionalProperties === 'object')
      list.append(el('li', {}, el('span', { class: 'muted' }, 'each value: ' + typeOf(resolve(doc, s.additionalProperties))), schema(doc, s.additionalProperties, depth + 1)));
    for (const k of ['oneOf', 'anyOf', 'allOf']) for (const [i, alt] of (s[k] || []).entries())
      list.append(el('li', {}, el('span', { class: 'muted' }, `${k} #${i + 1}: ${typeOf(resolve(doc, alt))}`), schema(doc, alt, depth + 1)));
    return list;
  }

  function nested(doc, p, depth) {
    return p.properties || p.items || p.oneOf || p.anyOf || typeof p.additionalProperties === 'object' ? schema(doc, p, depth + 1) : null;
  }

  function media(doc, contentMap) {
    return Object.entries(contentMap || {}).map(([type, m]) => el('div', {}, el('p', {}, el('code', {}, type), ' ', el('span', { class: 'muted' }, typeOf(resolve(doc, m.schema)))),
      schema(doc, m.schema, 0),
      Object.entries(m.examples || {}).map(([name, ex]) => el('details', {}, el('summary', {}, 'Example: ' + (ex.summary || name)),
        el('pre', {}, JSON.stringify(resolve(doc, ex).value, null, 2))))));
  }

  function operation(doc, path, method, op, shared) {
    const params = [...shared, ...(op.parameters || [])].map(p => resolve(doc, p));
    const security = (op.security || doc.security || []).map(r => Object.keys(r).join(' + ')).join(' or ') || 'none';
    return el('details', { class: 'op', id: op.operationId || `${method}-${path}` },
      el('summary', {}, el('span', { class: `method ${method}` }, method), el('code', {}, path), el('span', {}, op.summary || '')),
      el('div', {},
        op.description ? el('p', {}, op.description) : null,
        el('p', {}, el('strong', {}, 'Authentication: '), security),
        params.length ? el('table', {}, el('tr', {}, el('th', {}, 'Parameter'), el('th', {}, 'In'), el('th', {}, 'Schema'), el('th', {}, 'Description')),
          params.map(p => el('tr', {}, el('td', {}, el('code', {}, p.name), p.required ? el('span', { class: 'req' }, ' required') : null),
            el('td', {}, p.in + (p.explode && p.schema && p.schema.type === 'array' ? ' (repeatable)' : '')), el('td', {}, typeOf(resolve(doc, p.schema || {}))), el('td', {}, p.description || '')))) : null,
        op.requestBody ? [el('h4', {}, 'Request body'), media(doc, resolve(doc, op.requestBody).content)] : null,
        el('h4', {}, 'Responses'),
        Object.entries(op.responses || {}).map(([status, r]) => {
          const resp = resolve(doc, r);
          return el('div', {}, el('p', {}, el('span', { class: 'status' }, status), ' ', resp.description || '',
            resp.headers ? el('span', { class: 'muted' }, ' · headers: ' + Object.keys(resp.headers).join(', ')) : null), media(doc, resp.content));
        })));
  }

  function render(doc) {
    const schemes = Object.entries((doc.components || {}).securitySchemes || {});
    content.replaceChildren(
      el('h2', {}, doc.info.title, ' ', el('span', { class: 'muted' }, doc.info.version)),
      el('p', {}, doc.info.description || ''),
      el('p', {}, el('strong', {}, 'Base URL: '), (doc.servers || []).map(s => el('code', {}, s.url))),
      schemes.length ? el('table', {}, el('tr', {}, el('th', {}, 'Security scheme'), el('th', {}, 'How'), el('th', {}, 'Description')),
        schemes.map(([name, s]) => el('tr', {}, el('td', {}, el('code', {}, name)),
          el('td', {}, s.type === 'http' ? `Authorization: ${s.scheme}` : `${s.in} ${s.name}`), el('td', {}, s.description || '')))) : null,
      Object.entries(doc.paths || {}).map(([path, item]) => [el('h3', {}, el('code', {}, path)),
        methods.filter(m => item[m]).map(m => operation(doc, path, m, item[m], item.parameters || []))]));
    if (location.hash) { const target = document.getElementById(location.hash.slice(1)); if (target) target.open = true; }
  }

  async function show(name) {
    const url = `/openapi/${encodeURIComponent(name)}.json`;
    download.href = url;
    content.replaceChildren(el('p', {}, 'Loading…'));
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      render(await response.json());
    } catch (e) {
      content.replaceChildren(el('p', { class: 'error' }, 'Could not load the document: ' + e.message));
    }
  }

  async function start() {
    try {
      const response = await fetch('/openapi');
      const index = await response.json();
      for (const d of index.documents) select.append(el('option', { value: d.name }, d.title));
      const wanted = new URLSearchParams(location.search).get('api');
      if (wanted && index.documents.some(d => d.name === wanted)) select.value = wanted;
      select.addEventListener('change', () => {
        history.replaceState(null, '', `?api=${encodeURIComponent(select.value)}`);
        show(select.value);
      });
      await show(select.value);
    } catch (e) {
      content.replaceChildren(el('p', { class: 'error' }, 'Could not list the documents: ' + e.message));
    }
  }

  start();
})();
