// The real app in a real window (under Xvfb), driven as a journalist would: through tauri-driver
// and WebKitWebDriver. Needs GALLEY_DESKTOP (the galley-desktop binary) and tauri-driver on PATH;
// scripts/test.sh provides both and runs this under xvfb-run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, By, Key, until } from 'selenium-webdriver';

const app = process.env.GALLEY_DESKTOP;
assert.ok(app, 'set GALLEY_DESKTOP to the galley-desktop binary');
const dir = mkdtempSync(join(tmpdir(), 'galley-desktop-'));
const store = join(dir, 'store.sqlite3');
let tauriDriver;
let driver;

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

before(async () => {
  // The app inherits tauri-driver's environment: that is how it gets its store.
  tauriDriver = spawn('tauri-driver', ['--port', '4444', '--native-port', '4445'], {
    env: { ...process.env, GALLEY_STORE: store },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 20_000;
  while (!(await portOpen(4444))) {
    assert.ok(Date.now() < deadline, 'tauri-driver listens within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  driver = await new Builder()
    .usingServer('http://127.0.0.1:4444/')
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application: app } })
    .build();
});

after(async () => {
  // Always end the session: a killed driver leaves WebKitWebDriver and the app running.
  await driver?.quit().catch(() => {});
  tauriDriver?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function saved() {
  await driver.wait(async () => (await driver.findElement(By.id('save-state')).getAttribute('data-state')) === 'saved', 10_000, 'the article is saved');
}

test('a journalist writes a piece, sees the preview and finds it again', async () => {
  // The desk opens on the sample article.
  const first = await driver.wait(until.elementLocated(By.css('.article .headline')), 15_000);
  assert.match(await first.getAttribute('textContent'), /^Вопросы российско-японского/);

  await driver.findElement(By.id('new-article')).click();
  const headline = driver.findElement(By.id('headline'));
  await driver.wait(async () => (await headline.getAttribute('value')) !== '', 5_000, 'the new article opens');
  await headline.clear();
  await headline.sendKeys('Энергомост Сахалин - Хоккайдо');
  const body = driver.findElement(By.css('#body .cm-content'));
  await body.click();
  await body.sendKeys('Стороны обсудили "энергомост" - проект века.');
  await body.sendKeys(Key.ENTER, Key.ENTER, 'Второй абзац.');
  await driver.findElement(By.id('tag-input')).sendKeys('Энергетика, Регионы/Сахалин');
  await saved();

  // The preview is the HTML export, typeset: «ёлочки» and a dash after a no-break space.
  const preview = driver.findElement(By.id('preview'));
  await driver.wait(async () => (await preview.getAttribute('srcdoc')).includes('«энергомост»'), 5_000, 'the preview shows the typed text');
  assert.match(await preview.getAttribute('srcdoc'), /«энергомост»&nbsp;— проект века\./);
  assert.equal(await preview.getAttribute('sandbox'), '', 'the preview runs no script');

  // Search finds it by another form of the word.
  const search = driver.findElement(By.id('search'));
  await search.sendKeys('энергомосты');
  await driver.wait(async () => {
    const headlines = await driver.findElements(By.css('.article .headline'));
    // The new piece first (its headline has the word), then the sample (its body has it).
    return headlines.length === 2 && (await headlines[0].getAttribute('textContent')).startsWith('Энергомост');
  }, 5_000, 'search finds the new article');
  // The sample's snippet marks the word where its body has it.
  const mark = await driver.wait(until.elementLocated(By.css('.article mark')), 5_000, 'a snippet marks the word');
  assert.equal(await mark.getAttribute('textContent'), 'энергомоста');

  const screenshot = await driver.takeScreenshot();
  writeFileSync(join(process.env.GALLEY_SCREENSHOTS ?? dir, 'desktop-e2e.png'), screenshot, 'base64');
});
