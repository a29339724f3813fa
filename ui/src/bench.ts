// The scripted measurement behind `scripts/measure-desktop.sh` (GALLEY_TRACE=bench): types into
// the open article through the editor's real input path and switches between articles, while
// `main.ts` reports each keystroke-to-preview and switch time through `api.trace`.
import { api } from './api';
import type { BodyEditor } from './body-editor';

export interface BenchHooks {
  body: BodyEditor;
  open(id: string): Promise<void>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runBench(hooks: BenchHooks): Promise<void> {
  await pause(500);
  hooks.body.focusEnd();
  // Keystrokes far enough apart that each is measured alone, then a burst faster than a render,
  // where keystrokes coalesce and the time counts from the oldest one waiting.
  for (const [count, gap] of [[40, 200], [40, 40]] as const) {
    for (let i = 0; i < count; i++) {
      document.execCommand('insertText', false, i % 6 === 5 ? ' ' : 'ы');
      await pause(gap);
    }
    await pause(600);
  }
  void api.trace('typing-done');
  const page = await api.listArticles({ status: null, tag: null, section: null, sort: 'updated' }, 0, 21);
  for (const article of page.articles.slice(1)) {
    await hooks.open(article.id);
    await pause(100);
  }
  await api.trace('bench-done');
}
