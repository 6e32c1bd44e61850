/**
 * Long work shows progress: on a terminal, the current step and a bar on
 * stderr, redrawn in place and cleared at the end; nothing at all when stderr is piped or
 * redirected (logs stay clean) or with --quiet.
 */
export interface Progress {
  /** Starts a step: `done` of `total` steps are finished. */
  step(label: string, done: number, total: number): void;
  /** Clears the bar (before the summary or an error is printed). */
  clear(): void;
}

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const WIDTH = 24;

const silent: Progress = { step() { /* quiet */ }, clear() { /* quiet */ } };

export function progressOn(stream: ProgressStream, quiet: boolean): Progress {
  if (quiet || !stream.isTTY || process.env.TERM === 'dumb') return silent;
  let shown = false;
  const started = Date.now();
  return {
    step(label, done, total) {
      const filled = total > 0 ? Math.round((done / total) * WIDTH) : 0;
      const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
      const seconds = Math.round((Date.now() - started) / 1000);
      let line = `${bar} ${done + 1}/${total} ${label}… ${seconds}s`;
      // A terminal of unknown size (a pty without one reports 0 columns) is taken as 80 wide.
      const max = (stream.columns && stream.columns >= 20 ? stream.columns : 80) - 1;
      if (line.length > max) line = line.slice(0, max);
      stream.write(`\r\x1b[2K${line}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
