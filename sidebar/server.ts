/**
 * The sidebar's only way to reach the server: typed promises over google.script.run.
 * Names and signatures come from ServerApi (src/rpc.ts), which is the type of src/entrypoints.ts
 * itself: a renamed or re-typed server function is a compile error here, not a silent failure
 * in the browser.
 */
import type { ServerApi } from '../src/rpc';
import { t } from './i18n';

interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
  [fn: string]: unknown;
}

declare global {
  interface Window {
    google?: { script?: { run?: ScriptRunner; host?: { close(): void } } };
  }
}

export type ServerResult<K extends keyof ServerApi> = ReturnType<ServerApi[K]>;

/** The server's message without the "Exception: " Apps Script puts in front of it. */
export function errorMessage(error: unknown): string {
  let text: string;
  if (error instanceof Error) text = error.message;
  else if (error && typeof error === 'object' && 'message' in error) text = String((error as { message: unknown }).message);
  else text = String(error);
  return text.replace(/^(?:Exception|ScriptError|Error):\s*/, '');
}

export function call<K extends keyof ServerApi>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ServerResult<K>> {
  return new Promise((resolve, reject) => {
    const run = window.google?.script?.run;
    if (!run) {
      reject(new Error(t('notConnected')));
      return;
    }
    const runner = run
      .withSuccessHandler((value) => resolve(value as ServerResult<K>))
      .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(errorMessage(error))));
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new Error(t('noServerFunction', { name: String(name) })));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}
