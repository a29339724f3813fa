// The real app in a real window (under Xvfb), driven as a journalist would: through tauri-driver
// and WebKitWebDriver. Needs GALLEY_DESKTOP (the galley-desktop binary) and tauri-driver on PATH;
// scripts/test.sh provides both and runs this under xvfb-run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, By, Key, until } from 'selenium-webdriver';

const app = process.env.GALLEY_DESKTOP;
assert.ok(app, 'set GALLEY_DESKTOP to the galley-desktop binary');
const cli = process.env.GALLEY_CLI;
assert.ok(cli, 'set GALLEY_CLI to the galley-cli binary (it reads the store after the app is killed)');
const dir = mkdtempSync(join(tmpdir(), 'galley-desktop-'));
/** Run as root, the store's folder is a small drive of its own, so that a test can fill it. */
const storeDrive = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', dir]).status === 0;
const store = join(dir, 'store.sqlite3');
const settingsFile = join(dir, 'settings.json');
/** This machine's own data folder for the app (XDG_DATA_HOME), off the store's drive. */
const machineData = mkdtempSync(join(tmpdir(), 'galley-desktop-data-'));
const appEnv = { ...process.env, GALLEY_STORE: store, GALLEY_SETTINGS: settingsFile, GSETTINGS_BACKEND: 'memory', XDG_DATA_HOME: machineData };
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
  // GTK's file chooser saves its state through GSettings; without a session bus dconf fails to
  // start one, again and again, every few milliseconds while the dialog is open (hundreds of
  // warnings, and the app's main loop busy with them). In memory, as on a desktop with no dconf.
  tauriDriver = spawn('tauri-driver', ['--port', '4444', '--native-port', '4445'], {
    env: appEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 20_000;
  while (!(await portOpen(4444))) {
    assert.ok(Date.now() < deadline, 'tauri-driver listens within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  driver = await launch();
});

/** Starts the app in a new WebDriver session. */
function launch() {
  return new Builder()
    .usingServer('http://127.0.0.1:4444/')
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application: app } })
    .build();
}

/** Starts the app again after it exited or was killed. */
async function relaunch() {
  await stopApp();
  driver = await launch();
  await driver.wait(until.elementLocated(By.css('.vlist-row .headline')), 15_000, 'the app is back');
}

/** Ends the app (its session), so the store's files are the tests' alone. */
async function stopApp() {
  await within(15_000, 'ending the session', driver.quit()).catch(() => {});
  for (const deadline = Date.now() + 10_000; running() && Date.now() < deadline; ) await pause(100);
  if (running()) execFileSync('pkill', ['-KILL', '-f', app]);
}

/** The article the store holds with this headline, read by galley-cli. */
function stored(headline) {
  const articles = JSON.parse(execFileSync(cli, ['--store', store, 'list', '--json'], { encoding: 'utf8' }));
  const article = articles.find((a) => a.headline === headline);
  assert.ok(article, `the store holds «${headline}»`);
  return JSON.parse(execFileSync(cli, ['--store', store, 'show', article.id, '--json'], { encoding: 'utf8' }));
}

/** Whether the app's process is still running. */
function running() {
  try {
    execFileSync('pgrep', ['-f', app]);
    return true;
  } catch {
    return false;
  }
}

/** Types a new article's body; resolves to its headline (the default one, in the UI's language). */
async function newArticleWithBody(text) {
  await driver.findElement(By.id('new-article')).click();
  const headline = driver.findElement(By.id('headline'));
  await driver.wait(async () => ['Новый материал', 'New article'].includes(await headline.getAttribute('value')), 5_000, 'a new article opens');
  await saved();
  const body = driver.findElement(By.css('#body .cm-content'));
  await body.click();
  if (text) await body.sendKeys(text);
  return headline.getAttribute('value');
}

after(async () => {
  // Always end the session: a killed driver leaves WebKitWebDriver and the app running.
  await driver?.quit().catch(() => {});
  tauriDriver?.kill();
  if (storeDrive) spawnSync('umount', ['--lazy', dir]);
  rmSync(dir, { recursive: true, force: true });
  rmSync(machineData, { recursive: true, force: true });
});

/** `promise`, or an error saying what did not answer within `ms`. */
function within(ms, what, promise) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Whether the app's WebDriver session still answers. */
async function sessionAnswers() {
  try {
    await within(10_000, 'the WebDriver session', driver.getTitle());
    return true;
  } catch {
    return false;
  }
}

/** Where a failed test's evidence goes: GALLEY_SCREENSHOTS, else a folder that outlives the run. */
const evidence = process.env.GALLEY_SCREENSHOTS ?? join(tmpdir(), 'galley-desktop-evidence');

/** What was on screen and running when a test failed, kept for the person reading the failure. */
async function keepEvidence(name) {
  const folder = evidence;
  mkdirSync(folder, { recursive: true });
  const stem = `failed-${name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}`;
  // What the desk said: the save state and the notice (when the page still answers).
  const said = await within(10_000, 'the page', driver.executeScript(
    "return ['save-state', 'notice-text'].map((id) => `${id}: ${document.getElementById(id)?.textContent}`).join('\\n')",
  )).catch((error) => `(the page did not say: ${error.message})`);
  console.error(`# the desk said:\n${said}`);
  try {
    execFileSync('import', ['-window', 'root', join(folder, `${stem}.png`)], { timeout: 10_000 });
    const processes = execFileSync('ps', ['-eo', 'pid,stat,etime,args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(app) || line.includes(cli) || /WebKit|tauri-driver|xdotool/.test(line))
      .join('\n');
    writeFileSync(join(folder, `${stem}.txt`), processes);
    console.error(`# the screen is in ${join(folder, `${stem}.png`)}; processes then:\n${processes}`);
  } catch (error) {
    console.error(`# no evidence kept: ${error.message}`);
  }
}

/**
 * A test of the app, given three minutes. It starts from a running desk: when the app died in an
 * earlier test (which failed for it), a fresh one is started, so one crash fails one test, not
 * every test after it. A test fails when the app's session stops answering during it (unless it
 * `endsTheApp` itself), and keeps the screen and the process list when it fails.
 */
function desktopTest(name, body, { endsTheApp = false } = {}) {
  test(name, { timeout: 180_000 }, async () => {
    if (!(await sessionAnswers())) {
      console.error('# the app of an earlier test is gone: starting it again');
      await relaunch();
    }
    try {
      await body();
      if (!endsTheApp) assert.ok(await sessionAnswers(), 'the app still answers at the end of the test');
    } catch (error) {
      await keepEvidence(name);
      throw error;
    }
  });
}

async function saved() {
  await driver.wait(async () => (await driver.findElement(By.id('save-state')).getAttribute('data-state')) === 'saved', 10_000, 'the article is saved');
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The preview's document as it is now (edits update it in place). */
function previewHtml() {
  return driver.executeScript("return document.getElementById('preview').contentDocument.documentElement.outerHTML");
}

/** The headlines in the list, top first, read in one step (the list redraws its rows as it likes). */
function headlines() {
  return driver.executeScript("return [...document.querySelectorAll('.vlist-row .headline')].map((e) => e.textContent)");
}

desktopTest('a journalist writes a piece, sees the preview, finds it, restores a revision and exports it', async () => {
  // The desk opens on the sample article.
  const first = await driver.wait(until.elementLocated(By.css('.vlist-row .headline')), 15_000);
  assert.match(await first.getAttribute('textContent'), /^Вопросы российско-японского/);

  await driver.findElement(By.id('new-article')).click();
  const headline = driver.findElement(By.id('headline'));
  await driver.wait(async () => (await headline.getAttribute('value')) !== '', 5_000, 'the new article opens');
  await headline.clear();
  await headline.sendKeys('Энергомост Сахалин - Хоккайдо');
  const body = driver.findElement(By.css('#body .cm-content'));
  await body.click();
  await body.sendKeys('Стороны обсудили "энергомост" - проект века, сказал он: «Это надолго».');
  await body.sendKeys(Key.ENTER, Key.ENTER, 'Второй абзац.');
  // Two tags: one typed and committed with Enter, one picked from the suggestions.
  const tagBox = driver.findElement(By.css('#tag-input input'));
  await tagBox.sendKeys('Энергетика', Key.ENTER);
  await tagBox.sendKeys('дальн');
  await driver.wait(until.elementLocated(By.css('.tag-option')), 5_000, 'existing tags are suggested');
  await tagBox.sendKeys(Key.ARROW_DOWN, Key.ENTER);
  const chips = await driver.executeScript("return [...document.querySelectorAll('.tag-chip-name')].map((e) => e.textContent)");
  assert.deepEqual(chips, ['Энергетика', 'Регионы/Дальний Восток']);
  await saved();

  // The preview is the HTML export, typeset: «ёлочки» and a dash after a no-break space.
  const preview = driver.findElement(By.id('preview'));
  await driver.wait(async () => (await previewHtml()).includes('«энергомост»'), 5_000, 'the preview shows the typed text');
  assert.match(await previewHtml(), /«энергомост»&nbsp;— проект века, сказал он: «Это надолго»\./);
  assert.equal(await preview.getAttribute('sandbox'), 'allow-same-origin allow-popups', 'the preview runs no script');
  await driver.findElement(By.css('.tag-chip-name'));
  const tagNames = await driver.executeScript("return [...document.querySelectorAll('#tags button')].map((e) => e.textContent)");
  assert.ok(tagNames.some((name) => name.startsWith('Энергетика')), `the tag tree has the new tag: ${tagNames}`);

  // Search finds it by another form of the word.
  const search = driver.findElement(By.id('search'));
  await search.sendKeys('энергомосты');
  await driver.wait(async () => {
    const found = await headlines();
    // The new piece first (its headline has the word), then the sample (its body has it).
    return found.length === 2 && found[0].startsWith('Энергомост');
  }, 5_000, 'search finds the new article');
  // The sample's snippet marks the word where its body has it.
  const mark = await driver.wait(
    () => driver.executeScript("return document.querySelector('.article mark')?.textContent"),
    5_000,
    'a snippet marks the word',
  );
  assert.equal(mark, 'энергомоста');
  const screenshot = await driver.takeScreenshot();
  writeFileSync(join(process.env.GALLEY_SCREENSHOTS ?? dir, 'desktop-e2e.png'), screenshot, 'base64');

  // A new headline replaces the old one; the old one is a revision away.
  await search.clear();
  await headline.clear();
  await headline.sendKeys('Другой заголовок');
  await saved();
  await driver.findElement(By.id('open-revisions')).click();
  const restore = await driver.wait(until.elementLocated(By.css('#revision-list .restore')), 5_000, 'older revisions are listed');
  await restore.click();
  await driver.wait(async () => (await headline.getAttribute('value')) === 'Энергомост Сахалин - Хоккайдо', 5_000, 'the older headline is back');
  await driver.wait(async () => (await headlines()).includes('Энергомост Сахалин - Хоккайдо'), 5_000, 'the list follows the restore');

  // Export through the native save dialog (GTK), typed into as a person would.
  await driver.findElement(By.id('open-export')).click();
  await driver.findElement(By.id('export-save')).click();
  const exported = join(dir, 'energomost.html');
  // Wait for the GTK file chooser (titled as the export dialog) and give it the keyboard.
  const chooser = execFileSync('xdotool', ['search', '--sync', '--onlyvisible', '--name', '^(Export the article|Экспорт материала)$'], {
    encoding: 'utf8',
    timeout: 10_000,
  }).trim().split('\n')[0];
  execFileSync('xdotool', ['windowfocus', '--sync', chooser]);
  await pause(300);
  execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+a']);
  execFileSync('xdotool', ['type', '--delay', '15', exported]);
  execFileSync('xdotool', ['key', 'Return']);
  const message = driver.findElement(By.id('export-message'));
  await driver.wait(async () => (await message.getAttribute('data-state')) === 'done', 10_000, 'the export reports where it saved');
  assert.match(await message.getAttribute('textContent'), /energomost\.html/);
  const html = readFileSync(exported, 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<h1[^>]*>Энергомост Сахалин(?:\u00a0|&nbsp;)— Хоккайдо<\/h1>/, "the restored headline, typeset");
  assert.match(html, /«энергомост»&nbsp;— проект века/);
  assert.ok(!html.includes('target="_blank"'), 'the export is not the preview: no app-only link targets');

  // Copy the CMS fragment: the clipboard holds it as HTML, and as its source for plain-text fields.
  await driver.findElement(By.css('input[name=format][value=fragment]')).click();
  await driver.findElement(By.id('export-copy')).click();
  await driver.wait(
    async () => (await message.getAttribute('data-state')) === 'done' && !(await message.getAttribute('textContent')).includes('energomost.html'),
    5_000,
    'the copy is reported',
  );
  const clip = (type) => execFileSync('xclip', ['-o', '-selection', 'clipboard', '-t', type], { encoding: 'utf8' });
  assert.match(clip('text/html'), /^<p>Стороны обсудили «энергомост»&nbsp;— проект века/);
  assert.match(clip('UTF8_STRING'), /^<p>Стороны обсудили «энергомост»/);
});

/** axe-core's serious and critical violations in the page as it is now. */
async function accessibilityViolations() {
  const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await driver.executeScript(axe);
  return driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
    axe.run(document, { resultTypes: ['violations'] })
      .then((result) => done(result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => \`\${v.id} (\${v.impact}): \${v.nodes.map((n) => n.target.join(' ')).join(', ')}\`)))
      .catch((error) => done([String(error)]));`);
}

/** Closes the export dialog if a test before left it open. */
function closeExportDialog() {
  return driver.executeScript("document.getElementById('export-dialog').close()");
}

/** Closes every open dialog, as Escape would. */
function closeDialogs() {
  return driver.executeScript("document.querySelectorAll('dialog[open]').forEach((d) => d.close())");
}

/** Presses a shortcut in the page: `keys` as in ui/src/shortcuts.ts (`Mod+Shift+S`). */
async function press(keys) {
  const parts = keys.split('+');
  const key = parts.pop();
  const modifiers = parts.map((part) => ({ Mod: Key.CONTROL, Shift: Key.SHIFT, Alt: Key.ALT })[part]);
  const named = { PageDown: Key.PAGE_DOWN, PageUp: Key.PAGE_UP };
  let actions = driver.actions();
  for (const modifier of modifiers) actions = actions.keyDown(modifier);
  actions = actions.sendKeys(named[key] ?? key.toLowerCase());
  for (const modifier of modifiers.reverse()) actions = actions.keyUp(modifier);
  await actions.perform();
}

const openDialogs = () => driver.executeScript("return [...document.querySelectorAll('dialog[open]')].map((d) => d.id || d.className)");

desktopTest('the desk, its panels and dialogs pass axe-core, light and dark', async () => {
  await closeDialogs();
  for (const theme of ['light', 'dark']) {
    await driver.executeScript(`document.documentElement.dataset.theme = '${theme}'`);
    await driver.findElement(By.id('tab-preview')).click();
    assert.deepEqual(await accessibilityViolations(), [], `the desk (${theme})`);
    await driver.findElement(By.id('tab-inspector')).click();
    await driver.wait(until.elementLocated(By.css('#inspector-panel .inspector-counts')), 5_000);
    assert.deepEqual(await accessibilityViolations(), [], `the inspector (${theme})`);
    for (const [button, what] of [
      ['open-export', 'the export dialog'],
      ['open-settings', 'the settings'],
      ['open-palette', 'the command palette'],
      ['manage-tags', 'the tag manager'],
      ['open-revisions', 'the revisions'],
    ]) {
      await driver.findElement(By.id(button)).click();
      await driver.wait(async () => (await openDialogs()).length === 1, 5_000, `${what} opens`);
      await pause(200);
      assert.deepEqual(await accessibilityViolations(), [], `${what} (${theme})`);
      await closeDialogs();
    }
  }
  await driver.executeScript('delete document.documentElement.dataset.theme');
  await driver.findElement(By.id('tab-preview')).click();
});

desktopTest('the keyboard reaches everything: shortcuts, palette, sheet, panels, next article', async () => {
  await closeDialogs();
  await driver.findElement(By.id('search')).click();
  await press('Mod+/');
  await driver.wait(async () => (await openDialogs()).some((d) => d.includes('shortcuts-sheet')), 5_000, 'Ctrl+/ shows the shortcuts');
  const listed = await driver.executeScript("return document.querySelectorAll('.shortcuts-sheet kbd').length");
  assert.ok(listed >= 18, `the sheet lists the shortcuts: ${listed} keys`);
  await closeDialogs();

  await press('Mod+K');
  await driver.wait(async () => (await openDialogs()).some((d) => d.includes('command-palette')), 5_000, 'Ctrl+K opens the palette');
  await closeDialogs();

  const panel = () => driver.executeScript("return document.getElementById('app').dataset.panel");
  const shown = await panel();
  await press('Mod+R');
  await driver.wait(async () => (await panel()) === 'hidden', 5_000, 'Ctrl+R hides the panel');
  await press('Mod+R');
  await driver.wait(async () => (await panel()) === shown, 5_000, 'Ctrl+R brings it back');
  await press('Mod+J');
  await driver.wait(async () => (await panel()) === 'inspector', 5_000, 'Ctrl+J shows the inspector');

  // Ctrl+1 to the list, arrows and Enter open an article; Ctrl+PageDown the next one.
  await press('Mod+1');
  assert.equal(await driver.executeScript('return document.activeElement.id'), 'articles');
  const before = await driver.findElement(By.id('headline')).getAttribute('value');
  await press('Mod+PageDown');
  await driver.wait(async () => (await driver.findElement(By.id('headline')).getAttribute('value')) !== before, 5_000, 'Ctrl+PageDown opens the next article');
  await press('Mod+PageUp');
  await driver.wait(async () => (await driver.findElement(By.id('headline')).getAttribute('value')) === before, 5_000, 'Ctrl+PageUp goes back');
  await press('Mod+2');
  assert.ok(await driver.executeScript("return document.getElementById('editor').contains(document.activeElement)"), 'Ctrl+2 focuses the editor');

  // Ctrl+Shift+S saves a revision with a label; Enter in the label box saves it.
  await press('Mod+Shift+S');
  const label = await driver.wait(until.elementIsVisible(driver.findElement(By.id('revision-label'))), 5_000, 'the label box opens');
  await label.sendKeys('отправлено редактору', Key.ENTER);
  const open = await driver.findElement(By.id('headline')).getAttribute('value');
  await driver.wait(() => {
    const revisions = JSON.parse(execFileSync(cli, ['--store', store, 'revisions', stored(open).id, '--json'], { encoding: 'utf8' }));
    return revisions[0].label === 'отправлено редактору' && revisions[0].reason === 'save';
  }, 5_000, 'the labelled revision is stored');
  await press('Mod+3');
  assert.ok(await driver.executeScript("return document.getElementById('inspector-panel').contains(document.activeElement)"), 'Ctrl+3 focuses the checklist');
  await press('Mod+J');
});

desktopTest('hostile Markdown in the preview cannot reach Galley\'s commands', async () => {
  // Every published payload (tests/hostile/payloads.json) goes into the preview as the body, the
  // headline and the dek of one article, one after another, the way a paste would put it there;
  // a few also become tags. After each, nothing may have run (in the preview frame or the app),
  // the preview may hold nothing that runs or leaves, and neither window may have navigated.
  const started = Date.now();
  const payloads = JSON.parse(readFileSync(new URL('../hostile/payloads.json', import.meta.url), 'utf8'));
  await driver.wait(until.elementLocated(By.css('.vlist-row .headline')), 15_000, 'the desk is shown');
  const articlesBefore = JSON.parse(execFileSync(cli, ['--store', store, 'list', '--json'], { encoding: 'utf8' })).length;
  await newArticleWithBody('');
  const appUrl = await driver.getCurrentUrl();
  const appTitle = await driver.getTitle();
  assert.equal(
    await driver.executeScript("return document.getElementById('preview').getAttribute('sandbox')"),
    'allow-same-origin allow-popups',
    'the preview frame never runs script',
  );
  const problems = [];
  for (const [index, p] of payloads.entries()) {
    const marker = `hostile${String(index).padStart(3, '0')}`;
    const state = await driver.executeAsyncScript(`
      const [text, headline, marker, done] = arguments;
      const frame = document.getElementById('preview');
      const deadline = Date.now() + 5000;
      // The editor as a paste would reach it (CodeMirror's view, found from its DOM).
      const put = () => {
        const content = document.querySelector('#body .cm-content');
        const view = content?.cmTile?.root?.view;
        if (!view) return Date.now() < deadline ? setTimeout(put, 10) : done({ error: 'no editor' });
        for (const id of ['headline', 'dek']) {
          const field = document.getElementById(id);
          field.value = headline;
          field.dispatchEvent(new Event('input', { bubbles: true }));
        }
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
        look();
      };
      const look = () => {
        const doc = frame.contentDocument;
        if (!(doc && doc.body && doc.body.textContent.includes(marker))) {
          if (Date.now() < deadline) return setTimeout(look, 10);
          return done({ timeout: true });
        }
        // What a reader does in the preview: hover and focus everything, open every <details>,
        // click every link that does not go to the web or to a relative page.
        for (const element of doc.querySelectorAll('body *')) {
          for (const type of ['mouseover', 'mouseenter', 'focus', 'animationstart']) {
            element.dispatchEvent(new Event(type, { bubbles: true }));
          }
        }
        doc.querySelectorAll('details').forEach((d) => { d.open = !d.open; });
        doc.querySelectorAll('a').forEach((a) => {
          const href = (a.getAttribute('href') || '').replace(/[\\t\\n\\r]/g, '');
          if (!/^\\s*(https?|mailto):/i.test(href) && (href === '' || /^\\s*[a-z][a-z0-9+.-]*:/i.test(href))) a.click();
        });
        const found = [];
        const banned = 'iframe,frame,object,embed,applet,base,form,input,button,textarea,select,link,template,svg,math,noscript,video,audio,source,portal,meta[http-equiv]';
        for (const e of doc.querySelectorAll(banned)) found.push('<' + e.localName + '>');
        for (const e of doc.querySelectorAll('script')) if (e.type !== 'application/ld+json') found.push('<script>');
        for (const e of doc.querySelectorAll('*')) {
          for (const a of e.attributes) {
            const value = a.value.replace(/[\\t\\n\\r]/g, '');
            if (/^on/i.test(a.name) || a.name === 'srcdoc') found.push(a.name);
            if (/^(href|src|action|formaction|xlink:href|data|poster|background)$/i.test(a.name)
                && /^\\s*[a-z][a-z0-9+.-]*:/i.test(value) && !/^\\s*(https?|mailto):/i.test(value)) found.push(a.name + '=' + a.value);
            if (a.name === 'style' && /expression\\(|javascript:|url\\(/i.test(a.value)) found.push('style=' + a.value);
          }
        }
        // A frame that ran a payload's script would have let it run here too (same origin).
        setTimeout(() => done({
          found,
          framePwned: frame.contentWindow.__pwned ?? null,
          appPwned: window.__pwned ?? null,
          title: document.title,
          frameTitle: doc.title,
          frameUrl: frame.contentWindow.location.href,
          appUrl: location.href,
        }), 0);
      };
      try { put(); } catch (error) { done({ error: String(error) }); }
    `, `Абзац ${marker}.\n\n${p.payload}\n\nКонец ${marker}.`, p.payload, marker);
    const what = `${p.id} (${p.source})`;
    if (state.error || state.timeout) { problems.push(`${what}: ${state.error ?? 'the preview never showed the text'}`); continue; }
    if (state.found.length) problems.push(`${what}: the preview holds ${state.found.join(' ')}`);
    if (state.framePwned !== null || state.appPwned !== null) problems.push(`${what}: a script ran`);
    if (state.title !== appTitle || state.frameTitle === 'PWNED') problems.push(`${what}: a title changed`);
    if (state.appUrl !== appUrl) problems.push(`${what}: the app navigated to ${state.appUrl}`);
    if (!/^about:(srcdoc|blank)$/.test(state.frameUrl)) problems.push(`${what}: the preview navigated to ${state.frameUrl}`);
  }
  // Headlines and tags of the kind the advisories used, typed into the tag field.
  const tagField = driver.findElement(By.css('#tag-input .tag-input-field'));
  for (const p of payloads.filter((p) => ['title', 'tag'].includes(p.vector))) {
    await tagField.sendKeys(p.payload.replace(/[\u0000-\u001f]/g, ' '), Key.ENTER);
  }
  await saved();
  const html = await previewHtml();
  assert.ok(html.includes(`hostile${String(payloads.length - 1).padStart(3, '0')}`), 'the last payload is in the preview');
  assert.equal(await driver.getCurrentUrl(), appUrl, 'the window never navigated');
  // What is left of the links: a web link asks before opening, and nothing runs.
  const view = "document.querySelector('#body .cm-content').cmTile.root.view";
  await driver.executeScript(`
    for (const id of ['headline', 'dek']) {
      const field = document.getElementById(id);
      field.value = 'Ссылки';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    const v = ${view};
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: arguments[0] } });`,
    'Ссылки: [пример](https://example.com) <a href="https://example.com/x" onclick="window.__pwned=1">ещё</a> [файл](file:///etc/passwd)');
  await driver.wait(async () => (await previewHtml()).includes('пример'), 5_000, 'the preview shows the links');
  await driver.switchTo().frame(driver.findElement(By.id('preview')));
  for (const link of await driver.findElements(By.css('.body a'))) await link.click().catch(() => {});
  await driver.switchTo().defaultContent();
  const dialog = driver.findElement(By.id('link-dialog'));
  await driver.wait(async () => (await dialog.getAttribute('open')) !== null, 5_000, 'the https link asks first');
  assert.match(await driver.findElement(By.id('link-url')).getAttribute('textContent'), /^https:\/\/example\.com\//);
  await driver.findElement(By.css('#link-dialog button[value=cancel]')).click();
  assert.deepEqual(
    await driver.executeScript("return [window.__pwned ?? null, document.getElementById('preview').contentWindow.__pwned ?? null, location.href]"),
    [null, null, appUrl],
    'clicking the links ran nothing and left the window where it was',
  );
  await saved();
  const articles = JSON.parse(execFileSync(cli, ['--store', store, 'list', '--json'], { encoding: 'utf8' }));
  assert.equal(articles.length, articlesBefore + 1, 'only the article typed here was created');
  assert.ok(!articles.some((a) => a.headline.startsWith('pwned')), 'a payload called a command');
  assert.deepEqual(problems, []);
  console.log(`# ${payloads.length} payloads through the preview in ${Date.now() - started} ms`);
  // The tests after this one start from a fresh app: a hundred hostile documents through one
  // WebKit process leave it heavy, and WebKitWebDriver's session has been seen to die later on.
  await relaunch();
});

/** Clicks the first element matching `css` whose text starts with `text`. */
async function clickText(css, text) {
  const clicked = await driver.executeScript(
    `const el = [...document.querySelectorAll(arguments[0])].find((e) => e.textContent.trim().startsWith(arguments[1]));
     if (el) el.scrollIntoView({ block: 'center' });
     return el ?? null;`,
    css,
    text,
  );
  assert.ok(clicked, `${css} «${text}» is on screen`);
  await clicked.click();
  return clicked;
}

const uiText = (id) => driver.executeScript('return document.getElementById(arguments[0]).textContent', id);
const screenshots = process.env.GALLEY_SCREENSHOTS;
/** Saves the window as docs/NAME.png when GALLEY_SCREENSHOTS names a folder (the README's pictures). */
async function picture(name) {
  if (screenshots) writeFileSync(join(screenshots, `${name}.png`), await driver.takeScreenshot(), 'base64');
}

/** Chooses the interface language in the settings dialog and saves. */
async function chooseLanguageInSettings(language) {
  await driver.findElement(By.id('open-settings')).click();
  await driver.wait(until.elementIsVisible(driver.findElement(By.id('set-ui-language'))), 5_000, 'the settings open');
  await driver.findElement(By.css(`#set-ui-language option[value=${language}]`)).click();
  await driver.findElement(By.id('settings-save')).click();
  await driver.wait(async () => (await driver.executeScript('return document.documentElement.lang')) === language, 5_000, `the UI is in ${language}`);
}

desktopTest('a desk editor filters by status, fixes the checklist, diffs and restores, renames a tag and exports', async () => {
  await closeExportDialog();
  const search = driver.findElement(By.id('search'));
  await search.clear();

  // The interface in Russian, from the settings; then English from the command palette; then back.
  await chooseLanguageInSettings('ru');
  assert.equal(await uiText('new-article'), 'Новый материал');
  assert.match(readFileSync(settingsFile, 'utf8'), /"ui_language": "ru"/, 'the choice is in the settings file');
  await driver.findElement(By.id('open-palette')).click();
  const paletteInput = await driver.wait(until.elementLocated(By.css('.command-palette input')), 5_000);
  await paletteInput.sendKeys('English');
  await paletteInput.sendKeys(Key.ENTER);
  await driver.wait(async () => (await uiText('new-article')) === 'New article', 5_000, 'the UI switched to English');
  // The dialogs built before the switch speak English too.
  await driver.findElement(By.id('open-palette')).click();
  const englishPalette = await driver.wait(until.elementLocated(By.css('.command-palette[open] input')), 5_000);
  assert.equal(await englishPalette.getAttribute('placeholder'), 'What to do?');
  await closeDialogs();
  await picture('desk-en');
  await chooseLanguageInSettings('ru');
  assert.equal(await uiText('new-article'), 'Новый материал');
  assert.equal(await uiText('tab-preview'), 'Предпросмотр');

  // The sample goes to editing from the editor; the status filter then shows it alone.
  await clickText('.vlist-row .headline', 'Вопросы российско-японского');
  const headline = driver.findElement(By.id('headline'));
  await driver.wait(async () => (await headline.getAttribute('value')).startsWith('Вопросы'), 5_000, 'the sample opens');
  await driver.findElement(By.css('#status option[value=editing]')).click();
  await saved();
  await clickText('#statuses button', 'На правке');
  await driver.wait(async () => {
    const shown = await headlines();
    return shown.length === 1 && shown[0].startsWith('Вопросы');
  }, 5_000, 'the editing filter lists the sample alone');
  assert.equal(stored((await headline.getAttribute('value'))).status, 'editing');

  // Its checklist: jump to the first headline problem, then fix it, then fix all typography.
  await driver.findElement(By.id('tab-inspector')).click();
  const first = await driver.wait(until.elementLocated(By.css('#inspector-panel .problem')), 5_000, 'the checklist lists problems');
  const before = await driver.executeScript("return document.querySelectorAll('#inspector-panel .problem').length");
  assert.ok(before > 10, `the sample has its typography to fix: ${before}`);
  await picture('desk-inspector');
  await first.click();
  const jumped = await driver.executeScript(`const h = document.getElementById('headline');
    return { focused: document.activeElement === h, text: h.value.slice(h.selectionStart, h.selectionEnd), at: h.selectionStart };`);
  assert.ok(jumped.focused, 'the jump focuses the headline');
  assert.equal(jumped.text, ' ', 'the jump selects the space to make no-break');
  await driver.findElement(By.css('#inspector-panel .problem-fix')).click();
  await driver.wait(
    async () => (await headline.getAttribute('value')).charAt(jumped.at) === '\u00a0',
    5_000,
    'the fix puts a no-break space there',
  );
  await driver.findElement(By.css('#inspector-panel .inspector-fix-all')).click();
  await driver.wait(async () => {
    const left = await driver.executeScript("return document.querySelectorAll('#inspector-panel .problem').length");
    return left < before / 2;
  }, 10_000, 'fixing the typography empties most of the checklist');
  await saved();
  const fixed = stored(await headline.getAttribute('value'));
  assert.ok(!fixed.headline.includes('на Дальнем ') && fixed.headline.includes('на\u00a0Дальнем'), fixed.headline);

  // Two revisions compared word by word, and the older one restored.
  await driver.findElement(By.id('open-revisions')).click();
  const ticks = await driver.wait(until.elementsLocated(By.css('#revision-list .revision-tick')), 5_000);
  assert.ok(ticks.length >= 3, `revisions: ${ticks.length}`);
  await ticks[0].click();
  await ticks[ticks.length - 1].click();
  await driver.findElement(By.id('compare-selected')).click();
  await driver.wait(until.elementIsVisible(driver.findElement(By.id('revision-diff'))), 5_000, 'the diff shows');
  const diff = await driver.executeScript(`return {
    fields: [...document.querySelectorAll('#diff-body .diff-field')].map((f) => f.dataset.field),
    inserted: document.querySelectorAll('#diff-body ins').length,
    deleted: document.querySelectorAll('#diff-body del').length,
    title: document.getElementById('diff-title').textContent };`);
  assert.ok(diff.fields.includes('headline') && diff.fields.includes('status'), `changed fields: ${diff.fields}`);
  assert.ok(diff.inserted > 0 && diff.deleted > 0, 'the diff marks what was added and removed');
  await picture('desk-diff');
  const restoreButton = driver.findElement(By.id('diff-restore'));
  const restoredNumber = await restoreButton.getAttribute('data-revision');
  assert.equal(restoredNumber, '1', 'the older of the two is the one to restore');
  await restoreButton.click();
  await driver.wait(async () => (await headline.getAttribute('value')).includes('на Дальнем '), 5_000, 'the original headline is back');
  const revisions = JSON.parse(execFileSync(cli, ['--store', store, 'revisions', fixed.id, '--json'], { encoding: 'utf8' }));
  assert.equal(revisions[0].reason, 'restore', 'restoring made a revision of its own');

  // A tag renamed in the tag manager: the sidebar and the open article follow.
  await driver.findElement(By.id('manage-tags')).click();
  const row = await driver.wait(until.elementLocated(By.css('.tag-manager-row[data-tag="Япония"]')), 5_000, 'the manager lists the tags');
  await row.findElement(By.css('.tag-manager-rename')).click();
  const rename = await driver.wait(until.elementLocated(By.css('.tag-manager-input')), 5_000);
  await rename.clear();
  await rename.sendKeys('Страны/Япония', Key.ENTER);
  await driver.wait(async () => /Страны\/Япония/.test(await driver.executeScript("return document.querySelector('.tag-manager-status').textContent")), 5_000, 'the manager says the tag was renamed');
  await driver.wait(async () => (await driver.executeScript("return [...document.querySelectorAll('#tags button')].map((b) => b.dataset.dropTag)")).includes('Страны/Япония'), 5_000, 'the sidebar shows the renamed tag');
  await driver.executeScript("document.querySelector('.tag-manager')?.close?.(); document.querySelectorAll('dialog[open]').forEach((d) => d.close())");
  await driver.wait(async () => (await driver.executeScript("return [...document.querySelectorAll('.tag-chip-name')].map((e) => e.textContent)")).includes('Страны/Япония'), 5_000, 'the open article shows the renamed tag');
  assert.ok(stored(await headline.getAttribute('value')).tags.includes('Страны/Япония'));

  // Export as Markdown to the clipboard: the front matter carries the desk's changes.
  await driver.findElement(By.id('open-export')).click();
  await driver.findElement(By.css('input[name=format][value=md]')).click();
  await driver.findElement(By.id('export-copy')).click();
  const message = driver.findElement(By.id('export-message'));
  await driver.wait(async () => (await message.getAttribute('data-state')) === 'done', 5_000, 'the copy is reported');
  const markdown = execFileSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8' });
  assert.match(markdown, /status: editing/);
  assert.match(markdown, /Страны\/Япония/);
  await closeExportDialog();
  await clickText('#statuses button', 'Все');
});

/**
 * Whether the app's process holds a POSIX lock on the store's shared-memory file (SQLite's mark
 * that a process uses the store, read from /proc/locks). Any code in the process that opens and
 * closes that file drops it, and another process then resets the memory under the app.
 */
function appLocksSharedMemory() {
  const inode = String(statSync(`${store}-shm`).ino);
  const pids = execFileSync('pgrep', ['-f', app], { encoding: 'utf8' }).trim().split('\n');
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .some((f) => f[1] === 'POSIX' && pids.includes(f[4]) && f[5]?.split(':')[2] === inode);
}

/** Picks a file in the GTK open dialog titled `title`, typing its path as a person would. */
async function pickInOpenDialog(title, path, { fromHome = false } = {}) {
  const chooser = execFileSync('xdotool', ['search', '--sync', '--onlyvisible', '--name', title], { encoding: 'utf8', timeout: 10_000 })
    .trim()
    .split('\n')[0];
  execFileSync('xdotool', ['windowfocus', '--sync', chooser]);
  await pause(300);
  if (fromHome) {
    execFileSync('xdotool', ['key', '--clearmodifiers', 'alt+Home']);
    await pause(300);
  }
  // Ctrl+L shows and focuses the location box of GTK's file chooser; Ctrl+A replaces what it holds.
  execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+l']);
  await pause(300);
  execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+a']);
  execFileSync('xdotool', ['type', '--delay', '15', path]);
  // The location box completes names as they are typed: for a folder, Return once it has.
  await pause(fromHome ? 600 : 300);
  execFileSync('xdotool', ['key', 'Return']);
  // The dialog is gone (its process ended) before the test talks to the page again.
  const deadline = Date.now() + 10_000;
  const open = () => {
    try {
      return execFileSync('xdotool', ['search', '--onlyvisible', '--name', title], { encoding: 'utf8' }).trim() !== '';
    } catch {
      return false;
    }
  };
  while (open() && Date.now() < deadline) await pause(100);
  await pause(300);
}

desktopTest('files come in through the open dialog; articles move by dragging and from the row menu', async () => {
  await closeDialogs();
  await driver.findElement(By.id('search')).clear();
  const note = join(dir, 'zametka.md');
  writeFileSync(note, '# Заметка из файла\n\nТекст заметки, написанной в другом редакторе.\n');
  const page = join(dir, 'saved-page.pdf');
  writeFileSync(page, '%PDF-1.4 not an article');
  // A news page as a site serves it: Windows-1251, a menu, the article, a footer.
  const webPage = join(dir, 'novost.html');
  const paragraph = 'Стороны согласовали план интенсификации экономических связей между Японией и Россией на Дальнем Востоке. ';
  writeFileSync(
    webPage,
    Buffer.from(
      `<html lang="ru"><head><meta charset="utf-8"><title>Энергомост в план включили</title></head><body>` +
        `<nav><a href="/">Главная</a> <a href="/sport">Спорт</a></nav><article><h1>Энергомост в план включили</h1>` +
        `<p>${paragraph.repeat(3)}</p><p>«Это надолго», — сказал министр. ${paragraph}</p></article>` +
        `<footer>Все права защищены</footer></body></html>`,
      'utf8',
    ),
  );

  // Ctrl+O: the native open dialog; each file gets its own line in the result. It shows the
  // store's folder, and the app keeps its hold on the store (see appLocksSharedMemory).
  assert.ok(appLocksSharedMemory(), 'the app holds its lock on the store before the dialog');
  await press('Mod+O');
  await pickInOpenDialog('^(Импорт|Import)$', note);
  const results = driver.findElement(By.id('import-results'));
  await driver.wait(async () => driver.executeScript("return document.getElementById('import-dialog').open"), 10_000, 'the import reports');
  assert.match(await results.getAttribute('textContent'), /✓ zametka\.md.*Заметка из файла/);
  await results.findElement(By.css('button')).click();
  const headline = driver.findElement(By.id('headline'));
  await driver.wait(async () => (await headline.getAttribute('value')) === 'Заметка из файла', 5_000, 'the imported article opens');
  await press('Mod+O');
  await pickInOpenDialog('^(Импорт|Import)$', webPage);
  await driver.wait(async () => /✓ novost\.html.*Энергомост в план включили/.test(await results.getAttribute('textContent')), 10_000, 'a saved web page imports');
  const fromPage = stored('Энергомост в план включили');
  assert.match(fromPage.body, /«Это надолго», — сказал министр/);
  assert.ok(!/Главная|Все права защищены/.test(fromPage.body), `the site's menu and footer stay behind: ${fromPage.body}`);
  await closeDialogs();
  await press('Mod+O');
  await pickInOpenDialog('^(Импорт|Import)$', page);
  await driver.wait(async () => /✗ saved-page\.pdf/.test(await results.getAttribute('textContent')), 10_000, 'a file Galley cannot import is reported, by name');
  assert.match(await results.getAttribute('textContent'), /\.md, \.txt (и|and) \.html/, 'and why, in the UI\'s language');
  await closeDialogs();
  assert.ok(appLocksSharedMemory(), "the dialogs left the app's lock on the store in place");

  // Dragging the row onto a tag in the sidebar tags the article.
  const row = await driver.executeScript("return [...document.querySelectorAll('.vlist-row')].find((r) => r.textContent.includes('Заметка из файла'))");
  const tag = await driver.executeScript("return document.querySelector('#tags button[data-drop-tag=\"Экономика/Инвестиции\"]')");
  assert.ok(row && tag, 'the row and the tag are on screen');
  await driver.actions().move({ origin: row }).press().move({ origin: row, x: 20, y: 10 }).move({ origin: tag }).release().perform();
  await driver.wait(async () => stored("Заметка из файла").tags.includes("Экономика/Инвестиции"), 5_000, 'the drop tagged the article');
  await driver.wait(async () => (await driver.executeScript("return [...document.querySelectorAll('.tag-chip-name')].map((e) => e.textContent)")).includes("Экономика/Инвестиции"), 5_000, "the editor shows the new tag");

  // The row menu from the keyboard: Shift+F10 on the list's current row, then a status.
  await press('Mod+1');
  await driver.actions().keyDown(Key.SHIFT).sendKeys(Key.F10).keyUp(Key.SHIFT).perform();
  const menu = await driver.wait(until.elementLocated(By.css('.menu[role=menu]')), 5_000, 'the row menu opens');
  const items = await menu.findElements(By.css('[role=menuitem]'));
  const labels = await Promise.all(items.map((item) => item.getAttribute('textContent')));
  const ready = labels.findIndex((label) => /Готов к выпуску|Ready/.test(label));
  await items[ready].click();
  await driver.wait(async () => stored('Заметка из файла').status === 'ready', 5_000, 'the menu moved the article to ready');
});

/** Picks a folder in the GTK folder dialog titled `title`: out of "Recent" (where a typed path is
 * not taken) to the home folder first. */
const pickFolder = (title, path) => pickInOpenDialog(title, path, { fromHome: true });

desktopTest('a mirror folder linked in the app follows files edited elsewhere, and a conflict is settled there', async () => {
  await closeDialogs();
  await driver.findElement(By.id('search')).clear();
  // xdotool types ASCII only: the folder's name is Latin.
  const folder = join(dir, 'mirror');
  mkdirSync(folder);
  // The folder already holds a Hugo post: Galley says what linking would change, and writes
  // nothing until the journalist agrees; then only the id line is added.
  const post = join(folder, 'hugo-post.md');
  const hugo = '---\ntitle: "Пост из Hugo"\ndraft: true\nweight: 3\naliases: [/old/]\n---\n\nТекст поста.\n';
  writeFileSync(post, hugo);
  await driver.findElement(By.id('open-settings')).click();
  await driver.findElement(By.id('settings-mirror')).click();
  await driver.findElement(By.id('mirror-choose')).click();
  await pickFolder('^(Папка, в которой хранить материалы файлами \\.md|Folder to keep the articles in as \\.md files)$', folder);
  const plan = driver.findElement(By.id('mirror-plan'));
  await driver.wait(async () => plan.isDisplayed(), 10_000, 'the plan for a folder that holds files is shown');
  const idLine = driver.findElement(By.css('#mirror-plan-list [data-plan="mirrorPlanIdAdded"]'));
  assert.match(await idLine.getAttribute('textContent'), /hugo-post\.md/);
  await picture('mirror-plan');
  assert.equal(readFileSync(post, 'utf8'), hugo, 'nothing is written before the journalist agrees');
  assert.equal(execFileSync(cli, ['--store', store, 'sync', '--conflicts', '--json'], { encoding: 'utf8' }).trim(), '[]');
  await driver.findElement(By.id('mirror-plan-link')).click();
  const line = driver.findElement(By.id('mirror-line'));
  await driver.wait(async () => /mirror/.test(await line.getAttribute('textContent')), 10_000, 'the sidebar names the linked folder');
  const articles = JSON.parse(execFileSync(cli, ['--store', store, 'list', '--json'], { encoding: 'utf8' }));
  const files = () => readdirSync(folder).filter((name) => name.endsWith('.md'));
  await driver.wait(async () => files().length === articles.length, 10_000, 'every article is written as a file');
  const linkedPost = readFileSync(post, 'utf8');
  assert.match(linkedPost, /^---\nid: \S+\n/, 'the post got its id line');
  assert.equal(linkedPost.replace(/^---\nid: [^\n]*\n/, '---\n'), hugo, 'and every other byte stayed');
  assert.ok(articles.some((a) => a.headline === 'Пост из Hugo'), 'the post became an article');
  await picture('mirror-dialog');
  await closeDialogs();

  // A note written in another editor becomes an article.
  writeFileSync(join(folder, 'iz-vim.md'), '# Из Vim\n\nПервая версия.\n');
  await driver.wait(async () => (await headlines()).includes('Из Vim'), 10_000, 'the new file is in the list');
  await clickText('.vlist-row .headline', 'Из Vim');
  const headline = driver.findElement(By.id('headline'));
  await driver.wait(async () => (await headline.getAttribute('value')) === 'Из Vim', 5_000, 'it opens');
  await saved();

  // Saved again elsewhere the way Vim and VS Code save (a temporary file renamed over it): the
  // editor shows the file's version and says why.
  const file = join(folder, 'iz-vim.md');
  await driver.wait(async () => readFileSync(file, 'utf8').startsWith('---\nid: '), 5_000, 'Galley wrote the id into the file');
  writeFileSync(join(folder, '.iz-vim.md.swp'), readFileSync(file, 'utf8').replace('Первая версия.', 'Вторая версия, из Vim.'));
  renameSync(join(folder, '.iz-vim.md.swp'), file);
  const bodyText = () => driver.executeScript("return document.querySelector('#body .cm-content').textContent");
  await driver.wait(async () => /Вторая версия, из Vim/.test(await bodyText()), 10_000, 'the editor follows the file');
  assert.match(await uiText('notice-text'), /iz-vim\.md/);

  // Changed in the file and, before Galley read it, by another Galley process: both survive.
  const id = stored('Из Vim').id;
  writeFileSync(file, readFileSync(file, 'utf8').replace('Вторая версия, из Vim.', 'Третья версия, из файла.'));
  execFileSync(cli, ['--store', store, 'edit', id, '--dek', 'Подзаголовок из скрипта'], { stdio: 'ignore' });
  await driver.wait(async () => (await line.getAttribute('data-state')) === 'attention', 10_000, 'the sidebar says a conflict waits');
  await line.click();
  const conflicts = driver.findElement(By.id('mirror-conflicts'));
  await driver.wait(async () => /Из Vim/.test(await conflicts.getAttribute('textContent')), 5_000, 'the dialog lists the conflict');
  await picture('mirror-conflict');
  // Its buttons: keep Galley's version, take the file's, open the article.
  await (await conflicts.findElements(By.css('button')))[1].click();
  await driver.wait(async () => (await line.getAttribute('data-state')) !== 'attention', 5_000, 'the conflict is settled');
  await driver.wait(async () => /Третья версия, из файла/.test(await bodyText()), 5_000, "the editor shows the file's version");
  assert.match(stored('Из Vim').body, /Третья версия, из файла/);
  const revisions = JSON.parse(execFileSync(cli, ['--store', store, 'revisions', id, '--json'], { encoding: 'utf8' }));
  assert.ok(revisions.some((r) => r.reason === 'conflict'), 'the file\'s version was kept as a conflict revision first');
  await closeDialogs();

  // Deleting the file spikes the article; the list leaves it out.
  rmSync(file);
  const show = () => JSON.parse(execFileSync(cli, ['--store', store, 'show', id, '--json'], { encoding: 'utf8' }));
  await driver.wait(async () => show().status === 'spiked', 10_000, 'a deleted file spikes its article');
  await driver.wait(async () => !(await headlines()).includes('Из Vim'), 5_000, 'and the list leaves it out');

  // Unlinked from the dialog, the folder is no longer followed (and the tests after this one run
  // on a store without a mirror, as before it).
  await line.click();
  await driver.findElement(By.id('mirror-unlink')).click();
  await driver.wait(async () => !(await line.isDisplayed()), 5_000, 'the sidebar line goes');
  const linked = execFileSync(cli, ['--store', store, 'sync', '--conflicts', '--json'], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(linked), [], 'nothing waits');
  await closeDialogs();
});

desktopTest('a backup made and restored from the settings brings the store back, and keeps the one it replaced', async () => {
  await closeDialogs();
  await driver.findElement(By.id('open-settings')).click();
  await driver.findElement(By.id('backup-now')).click();
  const message = driver.findElement(By.id('settings-message'));
  await driver.wait(async () => /backups\/.*-manual\.sqlite3/.test(await message.getAttribute('textContent')), 10_000, 'the backup is made');
  const backups = () => JSON.parse(execFileSync(cli, ['--store', store, 'backups', '--json'], { encoding: 'utf8' }));
  const made = backups().find((b) => b.kind === 'manual');
  assert.ok(made, 'the CLI lists it');
  const count = () => JSON.parse(execFileSync(cli, ['--store', store, 'list', '--json', '--limit', '1000'], { encoding: 'utf8' })).length;
  const before = count();
  await closeDialogs();

  // Work done after the backup.
  await newArticleWithBody('Абзац, написанный после копии.');
  await saved();
  assert.equal(count(), before + 1);

  await driver.findElement(By.id('open-settings')).click();
  await driver.findElement(By.id('backup-restore')).click();
  await pickInOpenDialog('^(Какую копию восстановить|Backup to restore)$', made.path);
  const confirm = driver.findElement(By.id('restore-dialog'));
  await driver.wait(async () => (await driver.executeScript("return document.getElementById('restore-dialog').open")), 10_000, 'the restore asks first');
  // What each side holds (spiked articles counted too): the store one more than the backup.
  const [inBackup, inStore] = (await uiText('restore-text')).match(/\d+/g).map(Number);
  assert.equal(inStore, inBackup + 1, await uiText('restore-text'));
  await driver.executeScript('window.beforeRestore = true');
  await confirm.findElement(By.id('restore-ok')).click();
  await driver.wait(async () => count() === before, 10_000, 'the store holds what the backup held');
  // The page starts again on the restored store.
  await driver.wait(async () => !(await driver.executeScript('return window.beforeRestore === true').catch(() => true)), 15_000, 'the page starts again');
  await driver.wait(until.elementLocated(By.css('.vlist-row .headline')), 15_000, 'the page is back');
  await saved();
  const kept = backups().find((b) => b.kind === 'before_restore');
  assert.ok(kept, 'the store as it was is kept as a backup');
  const inKept = JSON.parse(execFileSync(cli, ['--store', kept.path, 'list', '--json', '--limit', '1000'], { encoding: 'utf8' }));
  assert.equal(inKept.length, before + 1, 'with the work done after the backup');
});

/** Holds the store's write lock from another process (as a second Galley or a sync tool mid-copy
 * would) until the returned function is called. */
async function holdStoreBusy() {
  const holder = spawn('python3', ['-c', [
    'import sqlite3, sys',
    'c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)',
    "c.execute('BEGIN IMMEDIATE')",
    "print('held', flush=True)",
    'sys.stdin.read()',
  ].join('\n'), store], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    holder.stdout.once('data', resolve);
    holder.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return () => new Promise((resolve) => {
    holder.once('exit', resolve);
    holder.stdin.end();
  });
}

/** The files that keep words a save could not store. */
function keptFiles() {
  const folder = join(dir, 'store-unsaved');
  try {
    return readdirSync(folder).map((name) => readFileSync(join(folder, name), 'utf8'));
  } catch {
    return [];
  }
}

const saveState = () => driver.findElement(By.id('save-state')).getAttribute('data-state');
const unsavedDialogOpen = () => driver.executeScript("return document.getElementById('unsaved-dialog').open");

desktopTest('a save the store refuses keeps the words on screen and beside the store, and they land once it can', async () => {
  await relaunch();
  await newArticleWithBody('Начало заметки.');
  const headline = driver.findElement(By.id('headline'));
  await headline.clear();
  await headline.sendKeys('Слова под замком');
  await driver.wait(async () => (await headlines()).includes('Слова под замком'), 10_000, 'the headline is saved');
  const body = driver.findElement(By.css('#body .cm-content'));

  // Another process holds the store: the save waits out the busy timeout, then fails.
  let release = await holdStoreBusy();
  try {
    await body.sendKeys(' Слова, которые нельзя потерять.');
    await driver.wait(async () => (await saveState()) === 'failed', 30_000, 'the save fails while the store is held');
    await driver.wait(async () => keptFiles().some((text) => text.includes('Слова, которые нельзя потерять.')), 10_000, 'the words are kept beside the store');
    assert.match(await uiText('save-state'), /store-unsaved/, 'the status says where the words are');

    // Leaving the article is held: the dialog asks, and staying keeps the text in the editor.
    await press('Mod+N');
    await driver.wait(unsavedDialogOpen, 10_000, 'leaving asks first');
    await picture('unsaved-dialog');
    await driver.findElement(By.css('#unsaved-dialog button[value=stay]')).click();
    assert.equal(await headline.getAttribute('value'), 'Слова под замком');
    assert.ok((await body.getText()).includes('Слова, которые нельзя потерять.'));
  } finally {
    await release();
  }
  // Free again: the retry stores the words and the kept file goes.
  await driver.wait(async () => (await saveState()) === 'saved', 45_000, 'the retry saves once the store is free');
  assert.match(stored('Слова под замком').body, /Слова, которые нельзя потерять\./);
  await driver.wait(async () => keptFiles().length === 0, 5_000, 'the kept file is gone once the words are stored');

  // Held again, the journalist leaves anyway: the words wait in their file for the next start.
  release = await holdStoreBusy();
  try {
    await body.sendKeys(' Ещё абзац, набранный при занятой базе.');
    await driver.wait(async () => (await saveState()) === 'failed', 30_000, 'the save fails again');
    await driver.wait(async () => keptFiles().some((text) => text.includes('при занятой базе')), 10_000, 'kept again');
    await body.sendKeys(' И последняя фраза.');
    await press('Mod+N');
    await driver.wait(unsavedDialogOpen, 10_000, 'leaving asks first');
    await driver.findElement(By.id('unsaved-leave')).click();
    await driver.wait(async () => keptFiles().some((text) => text.includes('И последняя фраза.')), 10_000, 'what was typed since is kept too');
  } finally {
    await release();
  }
  await driver.wait(async () => ['Новый материал', 'New article'].includes(await headline.getAttribute('value')), 15_000, 'a new article opens');
  // A save already under way when the journalist left may have landed once the store was free;
  // what was typed after it waits in its file.
  assert.equal(keptFiles().length, 1, 'the words are kept beside the store');

  // The next start offers them back; they come back as a revision of their article.
  await relaunch();
  await driver.wait(until.elementIsVisible(driver.findElement(By.id('notice-unsaved'))), 10_000, 'the start says words are waiting');
  await driver.findElement(By.id('notice-unsaved')).click();
  await driver.wait(async () => stored('Слова под замком').body.includes('при занятой базе. И последняя фраза.'), 10_000, 'the words are back in their article');
  assert.equal(keptFiles().length, 0);
  await closeDialogs();
});

/** Fills the store's drive to the last byte; resolves to a function that frees it again. */
function fillStoreDrive() {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  try {
    for (const size of [1 << 20, 4096, 1]) {
      const chunk = Buffer.alloc(size, 120);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if (error.code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return () => rmSync(filler, { force: true });
}

/** Folds the store's write-ahead log into it and truncates it, so that the next save needs new room on the drive. */
function truncateStoreLog() {
  execFileSync('python3', ['-c', "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=30); print(c.execute('PRAGMA wal_checkpoint(TRUNCATE)').fetchone())", store]);
}

/** The texts kept in this machine's own data folder, for a store whose drive could not take them. */
function keptOnThisMachine() {
  const root = join(machineData, 'galley', 'unsaved');
  try {
    return readdirSync(root).flatMap((folder) => readdirSync(join(root, folder)).map((name) => readFileSync(join(root, folder, name), 'utf8')));
  } catch {
    return [];
  }
}

desktopTest('on a full disk a save keeps the words on screen and on this machine\'s own disk, and they land once there is room', async () => {
  if (!storeDrive) {
    assert.ok(!process.env.GALLEY_REQUIRE_FAULTS, "the store's folder is a drive of its own (run as root)");
    console.error("# SKIPPED the full disk: run as root to make the store's folder a drive of its own");
    return;
  }
  await closeDialogs();
  await newArticleWithBody('Начало заметки.');
  const headline = driver.findElement(By.id('headline'));
  await headline.clear();
  await headline.sendKeys('Слова на полном диске');
  await driver.wait(async () => (await headlines()).includes('Слова на полном диске'), 10_000, 'the headline is saved');
  await saved();
  const body = driver.findElement(By.css('#body .cm-content'));

  truncateStoreLog();
  const free = fillStoreDrive();
  try {
    await body.sendKeys(' Абзац, набранный, когда место кончилось.');
    await driver.wait(async () => (await saveState()) === 'failed', 30_000, 'the save fails on the full disk');
    assert.match(await uiText('save-state'), /disk holding the store is full|диск/i, 'the status says the disk is full');
    await driver.wait(async () => keptOnThisMachine().some((text) => text.includes('когда место кончилось')), 10_000, 'the words are kept on this machine\'s own disk');
    assert.ok(!keptFiles().some((text) => text.includes('когда место кончилось')), 'not beside the store, whose drive is full');
    assert.match(await uiText('save-state'), /galley-desktop-data-/, 'the status says where the words are');
    assert.ok((await body.getText()).includes('когда место кончилось'), 'the words stay on screen');
    await press('Mod+N');
    await driver.wait(unsavedDialogOpen, 10_000, 'leaving asks first');
    await driver.findElement(By.css('#unsaved-dialog button[value=stay]')).click();
  } finally {
    free();
  }
  // Room again: the retry stores the words and the kept file goes.
  await driver.wait(async () => (await saveState()) === 'saved', 45_000, 'the retry saves once there is room');
  assert.match(stored('Слова на полном диске').body, /когда место кончилось\./);
  await driver.wait(async () => keptOnThisMachine().length === 0, 5_000, 'the kept file is gone once the words are stored');
});

desktopTest('a scheduled backup that fails is said in the desk, with why', async () => {
  await closeDialogs();
  const backups = join(dir, 'backups');
  renameSync(backups, `${backups}.aside`);
  // A file where the backup folder should be: every backup fails.
  writeFileSync(backups, '');
  try {
    await relaunch();
    // The app looks 20 s after it starts; the store changed since its newest backup (it has none).
    const notice = driver.findElement(By.id('notice'));
    await driver.wait(async () => (await notice.isDisplayed()) && /back(ed)? up|резервную копию/.test(await uiText('notice-text')), 40_000, 'the desk says the backup failed');
    assert.match(await uiText('notice-text'), /backups/, `it says why: ${await uiText('notice-text')}`);
    await picture('backup-failed');
  } finally {
    rmSync(backups, { force: true });
    renameSync(`${backups}.aside`, backups);
  }
  await closeDialogs();
});

desktopTest('typing over a change made elsewhere saves the words on screen and says where the other change is', async () => {
  await closeDialogs();
  await newArticleWithBody('Первый абзац, набранный в Galley.');
  const headline = 'Правка поверх скрипта';
  const headlineField = driver.findElement(By.id('headline'));
  await headlineField.clear();
  await headlineField.sendKeys(headline);
  await driver.wait(async () => JSON.parse(execFileSync(cli, ['--store', store, 'list', '--json'], { encoding: 'utf8' })).some((a) => a.headline === headline), 10_000, 'the headline is saved');
  await saved();
  const { id } = stored(headline);
  // While the article is open, a script changes its dek through galley-cli.
  execFileSync(cli, ['--store', store, 'edit', id, '--dek', 'Подзаголовок из скрипта'], { stdio: 'ignore' });
  const otherRevision = stored(headline).revision;
  // The journalist types on: the words on screen are saved, and the desk says what happened.
  const body = driver.findElement(By.css('#body .cm-content'));
  await body.sendKeys(Key.chord(Key.CONTROL, Key.END));
  await body.sendKeys(' Второе предложение.');
  await driver.wait(async () => stored(headline).body.includes('Второе предложение.'), 10_000, 'the words on screen are saved');
  await saved();
  assert.equal(stored(headline).body, 'Первый абзац, набранный в Galley. Второе предложение.');
  const notice = driver.findElement(By.id('notice'));
  await driver.wait(until.elementIsVisible(notice), 5_000, 'the desk says the article changed elsewhere');
  const said = await uiText('notice-text');
  assert.ok(said.includes(String(otherRevision)), `it names the other change's revision: ${said}`);
  const kept = JSON.parse(execFileSync(cli, ['--store', store, 'revisions', id, '--json'], { encoding: 'utf8' }));
  assert.ok(kept.some((r) => r.number === otherRevision), 'that revision is kept');
  await driver.findElement(By.id('notice-revisions')).click();
  await driver.wait(until.elementsLocated(By.css('#revision-list .revision-tick')), 5_000, 'its button opens the revisions');
  await picture('saved-over-elsewhere');
  await closeDialogs();
});

desktopTest('a second launch on the same store brings the first window forward and goes', async () => {
  const knocks = `${store}-app.knock`;
  const before = readFileSync(knocks, 'utf8');
  const second = spawnSync(app, [], {
    env: appEnv,
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(second.status, 0, `the second launch ends by itself: ${second.stderr}`);
  assert.match(second.stderr, /already open/, 'and says why');
  assert.equal(readFileSync(knocks, 'utf8'), `${before}show\n`, 'it knocked on the first');
  const windows = execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^Galley$'], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(windows.length, 1, 'one window on the store');
  assert.ok(await sessionAnswers(), 'the first app goes on');
});

desktopTest('closing the window right after typing keeps what was typed', async () => {
  const headline = await newArticleWithBody('Последняя фраза перед закрытием окна.');
  // At once, before the autosave's pause is over: as a person clicking the window's close button.
  // Every visible window of that name gets the request: GTK may keep another one (a file chooser's
  // leftover) that xdotool lists first, and a close request to it is harmless.
  const windows = execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^Galley$'], { encoding: 'utf8' }).trim().split('\n');
  for (const window of windows) execFileSync('python3', [join(import.meta.dirname, 'close-window.py'), window]);
  const deadline = Date.now() + 5_000;
  while (running()) {
    const state = () => driver.executeScript("return document.getElementById('save-state').textContent").catch(() => '(page gone)');
    if (Date.now() >= deadline) assert.fail(`the app closes within 5 s (windows asked: ${windows.join(', ')}; save state: ${await state()})`);
    await pause(100);
  }
  assert.equal(stored(headline).body, 'Последняя фраза перед закрытием окна.');
}, { endsTheApp: true });

desktopTest('killing the app mid-typing loses at most the last second', async () => {
  await relaunch();
  const headline = await newArticleWithBody('');
  const body = driver.findElement(By.css('#body .cm-content'));
  // Type without pausing for four seconds (and at least 12 words, on a slow machine), noting
  // when each word was typed.
  const typed = [];
  const stopAt = Date.now() + 4_000;
  for (let n = 1; Date.now() < stopAt || n <= 12; n++) {
    await body.sendKeys(`слово${n} `);
    typed.push({ word: `слово${n}`, at: Date.now() });
  }
  const killedAt = Date.now();
  execFileSync('pkill', ['-KILL', '-f', app]);
  await pause(500);
  const article = stored(headline);
  const older = typed.filter(({ at }) => at <= killedAt - 1_000);
  assert.ok(older.length > 5, `typing went on long enough: ${typed.length} words`);
  for (const { word } of older) assert.ok(article.body.includes(`${word} `), `${word}, typed over a second before the kill, was saved`);
}, { endsTheApp: true });

desktopTest('a store found damaged at start takes no writes, and the newest good backup offered restores it', async () => {
  // While the app is down: a backup, work after it, then noise over a page of the search index,
  // as a failing disk or a sync tool copying the file mid-write would leave it.
  await stopApp();
  const galley = (...args) => execFileSync(cli, ['--store', store, ...args], { encoding: 'utf8' });
  const backup = galley('backup').trim();
  galley('new', '--headline', 'Написано после копии');
  execFileSync('python3', ['-c', `
import sqlite3, sys
store = sys.argv[1]
root = sqlite3.connect(store).execute("SELECT rootpage FROM sqlite_schema WHERE name = 'search_index_data'").fetchone()[0]
with open(store, 'r+b') as f:
    f.seek((root - 1) * 4096)
    f.write(b'\\xa5' * 4096)
`, store]);

  await relaunch();
  const banner = driver.findElement(By.id('store-banner'));
  await driver.wait(until.elementIsVisible(banner), 15_000, 'the check at start finds the damage');
  const text = await banner.getText();
  assert.match(text, /(damaged|повреждено)/, text);
  assert.ok(text.includes('Написано после копии'), `what the backup lacks is named: ${text}`);
  const refused = (() => {
    try {
      galley('new', '--headline', 'не записать');
      return '';
    } catch (error) {
      return String(error.stderr);
    }
  })();
  assert.match(refused, /is damaged/, 'other processes keep off it too');
  assert.deepEqual(await accessibilityViolations(), [], 'the banner passes axe-core');

  // Typing goes on: the save is refused, saying why, and the words stay in the field until the
  // restore, which saves them into the restored store.
  await clickText('.vlist-row .headline', 'Вопросы российско-японского');
  const sample = await driver.findElement(By.id('headline')).getAttribute('value');
  const dek = driver.findElement(By.id('dek'));
  await dek.clear();
  await dek.sendKeys('Набрано, пока хранилище повреждено');
  const state = driver.findElement(By.id('save-state'));
  await driver.wait(async () => (await state.getAttribute('data-state')) === 'failed', 10_000, 'the save is refused');
  const said = await state.getAttribute('textContent');
  assert.match(said, /damaged|поврежд/, said);
  assert.equal(await dek.getAttribute('value'), 'Набрано, пока хранилище повреждено', 'the words stay in the field');

  await driver.executeScript('window.beforeRestore = true');
  await driver.findElement(By.id('store-restore')).click();
  await driver.wait(async () => !(await driver.executeScript('return window.beforeRestore === true').catch(() => true)), 20_000, 'the page starts again');
  await driver.wait(until.elementLocated(By.css('.vlist-row .headline')), 15_000, 'the page is back');
  assert.equal(await driver.findElement(By.id('store-banner')).isDisplayed(), false, 'the banner is gone');
  assert.equal(galley('verify').trim(), 'the store is sound');
  assert.equal(stored(sample).dek, 'Набрано, пока хранилище повреждено', 'what was typed meanwhile is in the restored store');
  const listed = JSON.parse(galley('backups', '--json'));
  assert.ok(listed.some((b) => b.kind === 'damaged'), 'the damaged files are kept');
  assert.ok(listed.some((b) => b.path === backup), 'the backup is still there');
  const folder = readdirSync(join(dir, 'backups')).find((name) => name.endsWith('-recovered'));
  assert.ok(folder, 'what the backup lacked is saved beside the backups');
  const saved = readdirSync(join(dir, 'backups', folder)).map((name) => readFileSync(join(dir, 'backups', folder, name), 'utf8'));
  assert.ok(saved.some((file) => file.includes('Написано после копии')), saved.join('\n'));
  galley('new', '--headline', 'Снова пишется');
});

desktopTest('a store too damaged to open starts the app on its newest good backup, then the desk', async () => {
  // The app goes; while it is down, a backup, work after it, then the store's first page spoiled:
  // the file no longer reads as a database at all.
  await stopApp();
  const galley = (...args) => execFileSync(cli, ['--store', store, ...args], { encoding: 'utf8' });
  const backup = galley('backup').trim();
  galley('new', '--headline', 'Написано после последней копии');
  const damaged = readFileSync(store);
  damaged.fill(0, 0, 100);
  writeFileSync(store, damaged);

  driver = await launch();
  const restore = await driver.wait(until.elementLocated(By.id('rescue-restore')), 15_000, 'the app starts on the rescue page');
  await driver.wait(until.elementIsVisible(restore), 15_000, 'with the newest good backup offered, once checked');
  const text = await driver.findElement(By.id('rescue')).getText();
  assert.match(text, /(damaged|повреждено)/, text);
  assert.ok(text.includes(store), `the store is named: ${text}`);
  assert.deepEqual(await accessibilityViolations(), [], 'the rescue page passes axe-core');
  await picture('rescue');
  assert.deepEqual(readFileSync(store), damaged, 'nothing is written before the user asks');

  await restore.click();
  const desk = driver.findElement(By.id('rescue-desk'));
  await driver.wait(until.elementIsVisible(desk), 20_000, 'the backup goes in');
  const restored = await driver.findElement(By.id('rescue-message')).getText();
  const kept = JSON.parse(galley('backups', '--json')).find((b) => b.kind === 'damaged' && restored.includes(b.path));
  assert.ok(kept, `the page names where the damaged file is kept: ${restored}`);
  assert.deepEqual(readFileSync(kept.path), damaged, 'kept byte for byte');
  assert.ok(JSON.parse(galley('backups', '--json')).some((b) => b.path === backup), 'the backup is still there');

  await desk.click();
  await driver.wait(until.elementLocated(By.css('.vlist-row .headline')), 15_000, 'the desk opens on the restored store');
  assert.ok(!(await headlines()).includes('Написано после последней копии'), 'the store is the backup');
  assert.equal(galley('verify').trim(), 'the store is sound');
  const headline = await newArticleWithBody('Снова пишется в восстановленное хранилище.');
  await saved();
  assert.equal(stored(headline).body, 'Снова пишется в восстановленное хранилище.');
});

desktopTest('a body written with Windows line endings keeps them when edited in the app', async () => {
  const file = join(dir, 'windows.md');
  writeFileSync(file, '# Заметка из Windows\r\n\r\nПервый абзац.\r\n\r\nВторой абзац.\r\n');
  execFileSync(cli, ['--store', store, 'import', file]);
  await relaunch();
  await clickText('.vlist-row .headline', 'Заметка из Windows');
  const headline = driver.findElement(By.id('headline'));
  await driver.wait(async () => (await headline.getAttribute('value')) === 'Заметка из Windows', 5_000, 'the article opens');
  const body = driver.findElement(By.css('#body .cm-content'));
  await body.click();
  await body.sendKeys(Key.chord(Key.CONTROL, Key.END));
  await body.sendKeys('Третий абзац.', Key.ENTER);
  await driver.wait(async () => stored('Заметка из Windows').body.includes('Третий'), 10_000, 'the edit is saved');
  await saved();
  assert.equal(stored('Заметка из Windows').body, 'Первый абзац.\r\n\r\nВторой абзац.\r\nТретий абзац.\r\n');
});
