// Exported HTML as a reader's browser and the validators see it: the W3C Nu validator (no errors),
// axe-core in headless Chromium (no violations), and hostile Markdown that must not run: a handful
// written here, and every published payload in tests/hostile/payloads.json.
//
// Needs GALLEY_CLI (the galley-cli binary); scripts/test.sh builds it and sets it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

// Every published payload (tests/hostile/payloads.json) as the body, headline, dek, tag and related
// link of an article of its own, imported as .md files and exported as HTML in one batch each, then
// opened one after another in one Chromium page. Nothing may run (no dialog, no script error, no
// `window.__pwned`, no title set to PWNED), and the page may load nothing but images: no script,
// frame, stylesheet or request of any other kind, and it never navigates.
const payloads = JSON.parse(readFileSync(join(here, '../hostile/payloads.json'), 'utf8'));
const asTag = (text) => {
  const tag = [...text].map((c) => (/[\u0000-\u001f\u007f-\u009f]/.test(c) ? ' ' : c)).slice(0, 200).join('');
  return tag.split('/').every((level) => level.trim() === '') ? 'пусто' : tag;
};
const payloadDir = join(dir, 'payloads');
const payloadOut = join(dir, 'payloads-html');
mkdirSync(payloadDir);
const payloadFiles = payloads.map((p, i) => {
  const json = (value) => JSON.stringify(value);
  const file = join(payloadDir, `${String(i).padStart(3, '0')}.md`);
  writeFileSync(file, [
    '---',
    `title: ${json(p.payload)}`,
    `slug: ${json(`hostile-${p.id}`.toLowerCase())}`,
    `dek: ${json(p.payload)}`,
    `tags: [${json(asTag(p.payload))}, "Hostile suite"]`,
    'related:',
    `  - title: ${json(p.payload)}`,
    `    url: ${json(p.payload.trim())}`,
    '---',
    'Текст перед вставкой.',
    '',
    p.payload,
    '',
    'Текст после вставки.',
    '',
  ].join('\n'));
  return file;
});

test('every published payload exported as HTML runs nothing in Chromium', async () => {
  const started = Date.now();
  const imported = spawnSync(cli, ['--store', store, 'import', ...payloadFiles], { encoding: 'utf8' });
  assert.equal(imported.status, 0, imported.stdout + imported.stderr);
  galley(['export', '--tag', 'Hostile suite', '--format', 'html', '--out', payloadOut]);
  const files = readdirSync(payloadOut).filter((name) => name.endsWith('.html'));
  assert.equal(files.length, payloads.length, 'one page per payload');

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const problems = [];
  try {
    const page = await browser.newPage();
    let current = '';
    let expectedUrl = '';
    page.on('dialog', (dialog) => { problems.push(`${current}: a dialog: ${dialog.message()}`); dialog.dismiss(); });
    page.on('pageerror', (error) => problems.push(`${current}: a script ran and failed: ${error.message}`));
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url() !== expectedUrl) problems.push(`${current}: navigated to ${frame.url()}`);
      else if (frame !== page.mainFrame()) problems.push(`${current}: a frame loaded ${frame.url()}`);
    });
    // Nothing leaves the machine: requests other than the page itself are recorded and refused.
    const remoteImages = new Set();
    await page.route('**/*', (route) => {
      const request = route.request();
      const url = request.url();
      if (url === expectedUrl) return route.continue();
      if (request.resourceType() === 'image' && /^(https?|file|data):/.test(url)) {
        remoteImages.add(url);
      } else {
        problems.push(`${current}: a ${request.resourceType()} request to ${url}`);
      }
      return route.abort();
    });
    for (const name of files) {
      current = name;
      expectedUrl = pathToFileURL(join(payloadOut, name)).href;
      await page.goto(expectedUrl, { waitUntil: 'load' });
      // What a reader does: hover and focus everything, open every <details>, and click every link
      // that goes neither to the web nor to a relative page (following those is what links do).
      await page.evaluate(async () => {
        for (const element of document.querySelectorAll('body *')) {
          for (const type of ['mouseover', 'mouseenter', 'focus', 'animationstart']) {
            element.dispatchEvent(new Event(type, { bubbles: true }));
          }
        }
        document.querySelectorAll('details').forEach((d) => { d.open = !d.open; });
        document.querySelectorAll('a').forEach((a) => {
          const href = (a.getAttribute('href') ?? '').replace(/[\t\n\r]/g, '');
          if (!/^\s*(https?|mailto):/i.test(href) && (href === '' || /^\s*[a-z][a-z0-9+.-]*:/i.test(href))) a.click();
        });
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      });
      const state = await page.evaluate(() => ({
        pwned: window.__pwned ?? null,
        title: document.title,
        url: location.href,
        scripts: [...document.scripts].map((s) => s.type),
        badLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
          .flatMap((e) => ['href', 'src', 'action', 'formaction'].map((n) => e.getAttribute(n)))
          .filter((u) => u !== null && /^\s*[a-z][a-z0-9+.-]*:/i.test(u.replace(/[\t\n\r]/g, '')) && !/^\s*(https?|mailto):/i.test(u)),
        jsonLd: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)['@type'],
      }));
      if (state.pwned !== null) problems.push(`${name}: window.__pwned = ${state.pwned}`);
      if (state.title === 'PWNED') problems.push(`${name}: the title was set by a script`);
      if (state.url !== expectedUrl) problems.push(`${name}: the page is at ${state.url}`);
      if (JSON.stringify(state.scripts) !== '["application/ld+json"]') problems.push(`${name}: scripts ${state.scripts}`);
      if (state.badLinks.length) problems.push(`${name}: links to ${state.badLinks.join(' ')}`);
      if (state.jsonLd !== 'NewsArticle') problems.push(`${name}: the JSON-LD did not parse as written`);
    }
    console.log(`# ${files.length} payload pages in Chromium in ${Date.now() - started} ms; ` +
      `images the pages asked for (allowed in a body; refused here): ${[...remoteImages].join(' ') || 'none'}`);
  } finally {
    await browser.close();
  }
  assert.deepEqual(problems, []);
});
