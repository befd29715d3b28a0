// embedkit explorer: plain ES module on the server's own API (/v1/…); charts with vega-embed (served
// locally under /vendor/). No build step, no CDN.
const $ = (id) => document.getElementById(id);
const state = { key: sessionStorage.getItem('embedkit-key') ?? '', models: [], collections: [], map: undefined };

function status(text, error = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', error);
}

async function api(path, body) {
  const headers = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(state.key ? { authorization: `Bearer ${state.key}` } : {}) };
  const res = await fetch(`/v1/${path}`, { method: body !== undefined ? 'POST' : 'GET', headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const json = await res.json().catch(() => ({}));
  if (res.status === 401) $('auth').hidden = false;
  if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
  return json;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function option(value, label = value) {
  return el('option', { value }, label);
}

/** `text` with the query's words marked (text nodes only: nothing is parsed as HTML). */
function highlighted(text, query) {
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])];
  const span = el('p', { class: 'text' });
  if (words.length === 0) {
    span.append(text);
    return span;
  }
  const re = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  let last = 0;
  for (const m of text.matchAll(re)) {
    span.append(text.slice(last, m.index), el('mark', {}, m[0]));
    last = m.index + m[0].length;
  }
  span.append(text.slice(last));
  return span;
}

// Tabs
for (const b of document.querySelectorAll('nav button')) {
  b.addEventListener('click', () => {
    for (const x of document.querySelectorAll('nav button')) x.classList.toggle('active', x === b);
    for (const t of document.querySelectorAll('.tab')) t.hidden = t.id !== `tab-${b.dataset.tab}`;
    status('');
  });
}

$('auth').addEventListener('submit', (e) => {
  e.preventDefault();
  state.key = $('api-key').value.trim();
  sessionStorage.setItem('embedkit-key', state.key);
  $('auth').hidden = true;
  load();
});

async function load() {
  try {
    const [models, cols] = await Promise.all([api('models'), api('collections')]);
    state.models = models.data;
    state.collections = cols.collections;
  } catch (e) {
    return status(e.message, true);
  }
  const wordModels = state.models.filter((m) => m.kind === 'static');
  $('search-collection').replaceChildren(...state.collections.map((c) => option(c.name, `${c.name} (${c.count})`)));
  $('words-model').replaceChildren(...wordModels.map((m) => option(m.id)));
  $('map-source').replaceChildren(
    ...state.collections.map((c) => option(`collection:${c.name}`, `collection ${c.name}`)),
    ...wordModels.map((m) => option(`model:${m.id}`, `vocabulary of ${m.id}`)),
  );
  status(`${state.models.length} model(s), ${state.collections.length} collection(s)`);
}

// Search
$('search-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const query = $('search-query').value;
  const filter = $('search-filter').value.split(';').map((s) => s.trim()).filter((s) => s.length > 0);
  status('Searching…');
  try {
    const t0 = performance.now();
    const { results } = await api(`collections/${encodeURIComponent($('search-collection').value)}/search`, { query, mode: $('search-mode').value, k: Number($('search-k').value), ...(filter.length > 0 ? { filter } : {}) });
    $('search-results').replaceChildren(
      ...results.map((r) =>
        el('li', { class: 'hit' }, el('span', { class: 'score' }, r.score.toFixed(4)), el('span', { class: 'id' }, r.id), highlighted(r.text, query), el('div', { class: 'meta' }, Object.entries(r.metadata).map(([k, v]) => `${k}: ${v}`).join(' · '))),
      ),
    );
    status(`${results.length} result(s) in ${Math.round(performance.now() - t0)} ms`);
  } catch (err) {
    status(err.message, true);
  }
});

// Words
function showWords(results) {
  $('words-results').replaceChildren(...results.map((r) => el('li', {}, el('span', { class: 'score' }, r.score.toFixed(3)), r.key)));
}
$('neighbors-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const r = await api('words/neighbors', { model: $('words-model').value, word: $('neighbors-word').value.trim(), k: 12 });
    showWords(r.results);
    status(`nearest to "${r.query}"`);
  } catch (err) {
    status(err.message, true);
  }
});
$('analogy-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const r = await api('words/analogy', { model: $('words-model').value, a: $('analogy-a').value.trim(), b: $('analogy-b').value.trim(), c: $('analogy-c').value.trim(), method: $('analogy-method').value, k: 8 });
    showWords(r.results);
    status(`${r.query.a} : ${r.query.b} :: ${r.query.c} : ?`);
  } catch (err) {
    status(err.message, true);
  }
});

// Map
async function drawMap() {
  if (state.map === undefined) return;
  const spec = structuredClone(state.map.spec);
  const color = $('map-color').value;
  const layer = spec.layer[0];
  if (color) {
    const numeric = state.map.points.every((p) => p[color] === undefined || p[color] === null || typeof p[color] === 'number');
    layer.encoding.color = { field: color, type: numeric ? 'quantitative' : 'nominal' };
    layer.encoding.tooltip = [{ field: 'label', type: 'nominal' }, { field: color, type: numeric ? 'quantitative' : 'nominal' }];
  }
  layer.params = [{ name: 'zoom', select: 'interval', bind: 'scales' }];
  spec.width = Math.min(900, $('map-plot').clientWidth - 40);
  spec.height = 520;
  await vegaEmbed('#map-plot', spec, { actions: { export: true, source: false, compiled: false, editor: false }, renderer: 'svg' });
}
$('map-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const [kind, name] = $('map-source').value.split(/:(.*)/s);
  const n = Number($('map-count').value);
  status('Projecting…');
  try {
    const doc = await api('projection', { ...(kind === 'collection' ? { collection: name, limit: n } : { model: name, count: n }), method: $('map-method').value });
    state.map = doc;
    const fields = [...new Set(doc.points.flatMap((p) => Object.keys(p)))].filter((f) => !['x', 'y', 'z', 'label', 'id'].includes(f));
    const keep = $('map-color').value;
    $('map-color').replaceChildren(option('', '—'), ...fields.map((f) => option(f)));
    if (fields.includes(keep)) $('map-color').value = keep;
    else if (fields.length > 0) $('map-color').value = fields[0];
    await drawMap();
    const evr = doc.explainedVarianceRatio ? ` (variance explained ${doc.explainedVarianceRatio.map((v) => (100 * v).toFixed(1) + '%').join(', ')})` : '';
    status(`${doc.points.length} points, ${doc.method.toUpperCase()}${evr}`);
  } catch (err) {
    status(err.message, true);
  }
});
$('map-color').addEventListener('change', () => drawMap().catch((err) => status(err.message, true)));

// Evaluation results
$('results-files').addEventListener('change', async () => {
  const rows = [];
  for (const f of $('results-files').files) {
    try {
      const r = JSON.parse(await f.text());
      const split = Object.values(r.scores ?? {})[0]?.[0];
      if (r.task_name === undefined || split === undefined) throw new Error('not an embedkit/MTEB result file');
      const model = r.model?.id ?? r.model?.model ?? 'model';
      rows.push({ model, task: r.task_name, score: split.main_score });
    } catch (err) {
      status(`${f.name}: ${err.message}`, true);
    }
  }
  if (rows.length === 0) return;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: { step: 28 },
    height: 320,
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'task', type: 'nominal', axis: { labelAngle: -30, title: null } },
      xOffset: { field: 'model' },
      y: { field: 'score', type: 'quantitative', title: 'main score' },
      color: { field: 'model', type: 'nominal', legend: { orient: 'bottom', labelLimit: 400 } },
    },
  };
  await vegaEmbed('#results-plot', spec, { actions: false, renderer: 'svg' });
  const models = [...new Set(rows.map((r) => r.model))];
  const tasks = [...new Set(rows.map((r) => r.task))];
  $('results-table').replaceChildren(
    el('tr', {}, el('th', {}, 'task'), ...models.map((m) => el('th', {}, m))),
    ...tasks.map((t) => el('tr', {}, el('td', {}, t), ...models.map((m) => el('td', {}, rows.find((r) => r.task === t && r.model === m)?.score?.toFixed(4) ?? '—')))),
  );
  status(`${rows.length} result(s) from ${models.length} model(s)`);
});

load();
