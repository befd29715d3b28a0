/**
 * The web explorer end to end in headless Chromium (Debian's `chromium`, driven by playwright-core): type a
 * query and see highlighted results, switch modes, look up neighbours, draw the map and hover a point,
 * chart evaluation result files; screenshots must not be blank. Set EMBEDKIT_SCREENSHOTS=DIR to keep them.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, tempDir } from '../helpers.js';
import { call, startServer, type TestServer } from './server-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = process.env['EMBEDKIT_SCREENSHOTS'];
const DOCS = readFileSync(join(REPO_ROOT, 'data', 'sample', 'docs.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as { id: string; text: string; topic: string; year: number });

/** Distinct colours and the share of non-background pixels of a PNG, decoded by the browser itself. */
async function pixelStats(page: Page, png: Buffer): Promise<{ colours: number; inked: number }> {
  // Runs in the page (browser globals), given as source text: the test is compiled without DOM types.
  const decode = `async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    const colours = new Set();
    let inked = 0;
    for (let i = 0; i < d.length; i += 4) {
      colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) inked++;
    }
    return { colours: colours.size, inked: inked / (d.length / 4) };
  }`;
  return page.evaluate(`(${decode})(${JSON.stringify(png.toString('base64'))})`);
}

async function shot(page: Page, name: string, selector?: string): Promise<void> {
  const png = selector !== undefined ? await page.locator(selector).screenshot() : await page.screenshot({ fullPage: false });
  const stats = await pixelStats(page, png);
  assert.ok(stats.colours > 20 && stats.inked > 0.01, `${name} screenshot looks blank: ${JSON.stringify(stats)}`);
  if (SHOTS !== undefined) {
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, `${name}.png`), png);
  }
}

describe('web explorer in headless Chromium', { skip: !existsSync(CHROMIUM) && process.env['CI'] === undefined ? `${CHROMIUM} is not installed (CI installs it)` : false }, () => {
  let s: TestServer;
  let browser: Browser;
  let page: Page;
  const files = tempDir();
  before(async () => {
    s = await startServer({ models: ['glove-100d'] });
    assert.equal((await call(`${s.base}/collections`, 'POST', { name: 'sample', model: 'glove-100d' })).status, 201);
    const added = await call(`${s.base}/collections/sample/records`, 'POST', { records: DOCS.map((d) => ({ id: d.id, text: d.text, metadata: { topic: d.topic, year: d.year } })) });
    assert.equal(added.body.added, DOCS.length);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(s.url) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    page.on('close', () => assert.deepEqual(outside, [], 'the explorer loads nothing from outside the server'));
    await page.goto(s.url);
  });
  after(async () => {
    await browser?.close();
    await s.close();
    files.cleanup();
  });

  it('search: type a query, see scored results with highlighted matches; the mode switch changes them', async () => {
    await page.locator('#search-collection option[value="sample"]').waitFor({ state: 'attached' });
    await page.fill('#search-query', 'electricity from sunlight');
    await page.selectOption('#search-mode', 'hybrid');
    await page.click('#search-form button');
    await page.locator('#search-results li').first().waitFor();
    const hits = await page.locator('#search-results li').count();
    assert.equal(hits, 10);
    const first = await page.locator('#search-results li').first().innerText();
    assert.match(first, /\d\.\d{4}/);
    assert.ok((await page.locator('#search-results mark').count()) > 0, 'query words are highlighted');
    const hybrid = await page.locator('#search-results .id').allInnerTexts();
    await page.selectOption('#search-mode', 'bm25');
    await page.fill('#search-filter', 'topic=energy');
    await page.click('#search-form button');
    await page.waitForFunction(`document.querySelector('#search-results .id')?.textContent !== ${JSON.stringify(hybrid[0])} || document.querySelectorAll('#search-results li').length !== ${hybrid.length}`);
    const metas = await page.locator('#search-results .meta').allInnerTexts();
    assert.ok(metas.length > 0 && metas.every((m) => m.includes('topic: energy')), metas.join(' | '));
    await page.selectOption('#search-mode', 'hybrid');
    await page.fill('#search-filter', '');
    await page.click('#search-form button');
    await page.waitForFunction(`document.querySelectorAll('#search-results li').length === 10`);
    await shot(page, 'explorer-search');
  });

  it('words: nearest neighbours and an analogy', async () => {
    await page.click('nav button[data-tab="words"]');
    await page.fill('#neighbors-word', 'king');
    await page.click('#neighbors-form button');
    await page.locator('#words-results li').first().waitFor();
    assert.match(await page.locator('#words-results').innerText(), /prince|queen/);
    for (const [id, w] of [['#analogy-a', 'man'], ['#analogy-b', 'king'], ['#analogy-c', 'woman']] as const) await page.fill(id, w);
    await page.click('#analogy-form button');
    await page.waitForFunction(`document.querySelector('#status')?.textContent?.includes('man : king :: woman')`);
    assert.match((await page.locator('#words-results li').first().innerText()).toLowerCase(), /queen/);
  });

  it('map: draw a collection, colour by metadata, hover a point for its label', async () => {
    await page.click('nav button[data-tab="map"]');
    await page.selectOption('#map-source', 'collection:sample');
    await page.click('#map-form button');
    const points = page.locator('#map-plot svg .mark-symbol.role-mark path');
    await points.first().waitFor();
    assert.equal(await points.count(), DOCS.length);
    assert.equal(await page.inputValue('#map-color'), 'topic');
    const box = (await points.nth(3).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tooltip = page.locator('#vg-tooltip-element');
    await tooltip.waitFor({ state: 'visible' });
    const label = await tooltip.innerText();
    assert.ok(DOCS.some((d) => label.includes(d.text.slice(0, 30))), label);
    await shot(page, 'explorer-map');
    await page.selectOption('#map-source', 'model:glove-100d');
    await page.fill('#map-count', '200');
    await page.click('#map-form button');
    await page.waitForFunction(`document.querySelectorAll('#map-plot svg .mark-symbol.role-mark path').length === 200`);
    assert.ok((await page.locator('#map-plot svg .mark-text.role-mark text').count()) > 0, 'words are drawn next to their points');
    await shot(page, 'explorer-vocabulary', '#map-plot');
  });

  it('results: evaluation files of two models as a side-by-side chart', async () => {
    const paths: string[] = [];
    for (const [model, scores] of [['glove-100d', [0.53, 0.68, 0.41]], ['my-model', [0.61, 0.7, 0.52]]] as const) {
      ['WS353', 'MEN', 'STSBenchmark'].forEach((task, i) => {
        const path = join(files.path, `${model}-${task}.json`);
        writeFileSync(path, JSON.stringify({ schema_version: 1, task_name: task, model: { model }, scores: { test: [{ main_score: scores[i] }] } }));
        paths.push(path);
      });
    }
    await page.click('nav button[data-tab="results"]');
    await page.setInputFiles('#results-files', paths);
    await page.locator('#results-plot svg .mark-rect.role-mark path').first().waitFor();
    assert.equal(await page.locator('#results-plot svg .mark-rect.role-mark path').count(), 6);
    assert.equal(await page.locator('#results-table tr').count(), 4);
    await shot(page, 'explorer-results', '#tab-results');
  });
});
