// Exported HTML as a reader's browser and the validators see it: the W3C Nu validator (no errors),
// axe-core in headless Chromium (no violations), and hostile Markdown that must not run.
//
// Needs GALLEY_CLI (the galley-cli binary); scripts/test.sh builds it and sets it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const cli = process.env.GALLEY_CLI;
assert.ok(cli, 'set GALLEY_CLI to the galley-cli binary');
const vnu = join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
const axe = require.resolve('axe-core/axe.min.js');
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const dir = mkdtempSync(join(tmpdir(), 'galley-export-'));
const store = join(dir, 'store.sqlite3');
const galley = (args, input) =>
  execFileSync(cli, ['--store', store, ...args], { encoding: 'utf8', input: input ?? '' });
after(() => rmSync(dir, { recursive: true, force: true }));

// A 1×1 PNG, attached to the sample the way a journalist adds a photo.
const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64');
const pixelPath = join(dir, 'map.png');
writeFileSync(pixelPath, pixel);
const sampleId = JSON.parse(galley(['list', '--json']))[0].id;
galley(['attach', sampleId, pixelPath, '--alt', 'Карта Дальнего Востока']);
const samplePath = join(dir, 'sample.html');
galley(['export', sampleId, '--format', 'html', '--out', samplePath]);

// Payloads of published advisories against Markdown editors (script in raw HTML, handlers,
// javascript: and entity-encoded links, SVG, iframe srcdoc, details ontoggle, data: URLs).
const hostileBody = [
  '<script>window.__pwned = 1</script>',
  '<img src="x" onerror="window.__pwned = 2">',
  '[link](javascript:window.__pwned=3) [enc](&#106;avascript:window.__pwned=4) [tab](java\tscript:x)',
  '<a href="jav&#x09;ascript:window.__pwned=5">a</a>',
  '<svg onload="window.__pwned=6"><circle r="1"/></svg>',
  '<iframe srcdoc="<script>parent.__pwned=7</script>"></iframe>',
  '<details open ontoggle="window.__pwned=8">d</details>',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml,<svg onload=alert(1)>)',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=9">',
  '<style>body{background:url("javascript:window.__pwned=10")}</style>',
  '<form action="javascript:window.__pwned=11"><button>go</button></form>',
  '<object data="javascript:window.__pwned=12"></object><embed src="javascript:window.__pwned=13">',
  '<a href="vbscript:msgbox(1)">vb</a> <a href="file:///etc/passwd">file</a>',
].join('\n\n');
const hostileId = galley(
  ['new', '--headline', '</title><script>window.__pwned=14</script> «Заголовок»', '--body-file', '-'],
  hostileBody,
).trim();
galley(['tag', hostileId, '--add', '"><script>window.__pwned=15</script>']);
const hostilePath = join(dir, 'hostile.html');
galley(['export', hostileId, '--format', 'html', '--out', hostilePath]);

async function withPage(file, use) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    const dialogs = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
    await page.goto(pathToFileURL(file).href);
    await use(page, dialogs);
  } finally {
    await browser.close();
  }
}

function validate(file) {
  const result = spawnSync('java', ['-jar', vnu, '--errors-only', file], { encoding: 'utf8' });
  return result.stderr.trim() + result.stdout.trim();
}

test('the exported sample is valid HTML5 for the W3C Nu validator', () => {
  assert.equal(validate(samplePath), '');
});

test('the hostile article exports as valid HTML5 too', () => {
  assert.equal(validate(hostilePath), '');
});

test('axe-core finds no accessibility violations in the sample', async () => {
  await withPage(samplePath, async (page) => {
    await page.addScriptTag({ path: axe });
    const results = await page.evaluate(() => window.axe.run());
    const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
    assert.deepEqual(violations, []);
    await page.screenshot({ path: join(process.env.GALLEY_SCREENSHOTS ?? dir, 'export-sample.png'), fullPage: true });
  });
});

test('the sample reads as a news page: headline, byline line, time, body, tags', async () => {
  await withPage(samplePath, async (page) => {
    assert.match(await page.locator('article > header > h1').innerText(), /^Вопросы российско-японского/);
    assert.match(await page.locator('header time').getAttribute('datetime'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok((await page.locator('.body p').count()) >= 9);
    assert.deepEqual(await page.locator('.tags li').allInnerTexts(), ['Япония', 'Регионы/Дальний Восток', 'Экономика/Инвестиции']);
    const jsonLd = JSON.parse(await page.locator('script[type="application/ld+json"]').innerText());
    assert.equal(jsonLd['@type'], 'NewsArticle');
    assert.equal(jsonLd.inLanguage, 'ru');
    const image = page.locator('.body img');
    assert.equal(await image.getAttribute('alt'), 'Карта Дальнего Востока');
    assert.match(await image.getAttribute('src'), /^data:image\/png;base64,/);
    assert.equal(await image.evaluate((img) => img.complete && img.naturalWidth), 1, 'the embedded image loads');
  });
});

test('hostile Markdown exports without anything that runs', async () => {
  const html = readFileSync(hostilePath, 'utf8');
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  assert.deepEqual(scripts, ['<script type="application/ld+json">'], 'only the JSON-LD is a script');
  for (const bad of [/\son\w+\s*=/i, /javascript:/i, /vbscript:/i, /<iframe/i, /<svg/i, /<object/i, /<embed/i, /<form/i, /data:text/i]) {
    assert.doesNotMatch(html.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, ''), bad);
  }
  await withPage(hostilePath, async (page, dialogs) => {
    await page.waitForLoadState('load');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = !d.open; }));
    await page.locator('a').evaluateAll((links) => links.forEach((a) => a.click()));
    assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
    assert.deepEqual(dialogs, []);
  });
});
