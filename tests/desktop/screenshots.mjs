// Takes the README's and docs/'s pictures of the desk from the real app, the same way every time:
// a fresh store with the sample and a few pieces, in Russian and English, light and dark, with the
// inspector's checklist and a revision diff. Not a test (node --test does not pick it up):
//   GALLEY_DESKTOP=… GALLEY_CLI=… xvfb-run -a -s "-screen 0 1440x900x24" node screenshots.mjs ../../docs
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Builder, By, until } from 'selenium-webdriver';

const app = process.env.GALLEY_DESKTOP;
const cli = process.env.GALLEY_CLI;
assert.ok(app && cli, 'set GALLEY_DESKTOP and GALLEY_CLI');
const out = resolve(process.argv[2] ?? '.');
const dir = mkdtempSync(join(tmpdir(), 'galley-pictures-'));
const store = join(dir, 'store.sqlite3');
const settings = join(dir, 'settings.json');

const galley = (...args) => execFileSync(cli, ['--store', store, ...args], { encoding: 'utf8' }).trim();
const pause = (ms) => new Promise((done) => setTimeout(done, ms));

// A desk with some work on it: the sample, plus pieces in other sections and statuses.
galley('list');
const pieces = [
  ['Мэрия Хабаровска утвердила план ремонта дорог на 2027 год', 'Город', 'editing', ['Регионы/Хабаровск']],
  ['Энергомост Сахалин — Хоккайдо: японская сторона готова к изысканиям', 'Экономика', 'ready', ['Япония', 'Энергетика']],
  ['Во Владивостоке открылся фестиваль уличного театра', 'Культура', 'draft', ['Регионы/Приморье']],
  ['Khabarovsk approves its 2027 road repair plan', 'City', 'published', ['English desk']],
];
for (const [headline, section, status, tags] of pieces) {
  const id = galley('new', '--headline', headline, '--section', section, ...tags.flatMap((t) => ['--tag', t]));
  galley('edit', id, '--status', status, '--lead', 'Короткий лид для списка и метаописания.');
}

const portOpen = (port) =>
  new Promise((done) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      socket.end();
      done(true);
    });
    socket.on('error', () => done(false));
  });

const driverProcess = spawn('tauri-driver', ['--port', '4444', '--native-port', '4445'], {
  env: { ...process.env, GALLEY_STORE: store, GALLEY_SETTINGS: settings },
  stdio: 'ignore',
});
let driver;
try {
  while (!(await portOpen(4444))) await pause(100);
  driver = await new Builder()
    .usingServer('http://127.0.0.1:4444/')
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application: app } })
    .build();
  await driver.wait(until.elementLocated(By.css('.vlist-row .headline')), 15_000);

  const set = (change) =>
    driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke('settings_get').then((view) =>
         window.__TAURI_INTERNALS__.invoke('settings_set', { settings: { ...view.settings, ...arguments[0] } })).then(done, done);`,
      change,
    );
  const picture = async (name) => {
    await pause(700);
    writeFileSync(join(out, `${name}.png`), await driver.takeScreenshot(), 'base64');
    console.log(`${name}.png`);
  };
  /** Settings written by the shell are read at start: reload the page to show them. */
  const reload = async () => {
    await driver.navigate().refresh();
    await driver.wait(until.elementLocated(By.css('.vlist-row .headline')), 15_000);
  };
  const openSample = async () => {
    const row = await driver.executeScript(
      "return [...document.querySelectorAll('.vlist-row')].find((r) => r.textContent.includes('Вопросы российско-японского'))",
    );
    await row.click();
    await driver.wait(async () => (await driver.findElement(By.id('headline')).getAttribute('value')).startsWith('Вопросы'), 5_000);
  };

  await set({ ui_language: 'ru', theme: 'light', side_panel: 'preview', sections: [{ section: 'Экономика', headline_chars: 90, target_chars: 3000 }] });
  await reload();
  await openSample();
  await picture('desk-ru');

  await driver.findElement(By.id('tab-inspector')).click();
  await driver.wait(until.elementLocated(By.css('#inspector-panel .problem')), 5_000);
  await picture('desk-inspector');

  await set({ theme: 'dark' });
  await reload();
  await openSample();
  await picture('desk-dark');

  await set({ ui_language: 'en', theme: 'light', side_panel: 'preview' });
  await reload();
  await openSample();
  await picture('desk-en');

  // A revision diff: fix the typography, then compare the import with the fixed text.
  await set({ ui_language: 'ru', side_panel: 'inspector' });
  await reload();
  await openSample();
  await driver.findElement(By.css('#inspector-panel .inspector-fix-all')).click();
  const headline = driver.findElement(By.id('headline'));
  await headline.clear();
  await headline.sendKeys('Галушка и Сэко обсудили российско-японское сотрудничество на Дальнем Востоке');
  await driver.wait(async () => (await driver.findElement(By.id('save-state')).getAttribute('data-state')) === 'saved', 10_000);
  await pause(1_200);
  await driver.findElement(By.id('open-revisions')).click();
  const compare = await driver.wait(until.elementLocated(By.css('#revision-list .compare')), 5_000);
  await compare.click();
  await driver.wait(until.elementIsVisible(driver.findElement(By.id('revision-diff'))), 5_000);
  await picture('desk-diff');
} finally {
  await driver?.quit().catch(() => {});
  driverProcess.kill();
  rmSync(dir, { recursive: true, force: true });
}
