import * as fs from 'node:fs';
import * as path from 'node:path';

/** dist/Code.js as `npm run build` wrote it, found from the bundle (dist/) or the source (tools/bench/) or the working folder. */
export function builtCode(): string {
  for (const p of [path.resolve(__dirname, 'Code.js'), path.resolve(__dirname, '../../dist/Code.js'), path.resolve(process.cwd(), 'dist/Code.js')]) {
    if (fs.existsSync(p)) return fs.readFileSync(p, 'utf8');
  }
  throw new Error('dist/Code.js not found: run `npm run build` first');
}
