/**
 * Hostile catalogue for the command line: files as
 * a hostile user hands them to `node dist/cli.cjs`. Every case runs the built CLI as a process
 * in a folder of its own and checks, byte for byte, what is on disk afterwards:
 * - on refusal: a plain sentence, a non-zero exit, and the folder exactly as before (the input
 *   unchanged, nothing written, no partial or temporary file);
 * - on success: the input unchanged, and the output read back with papaparse (an independent
 *   reader) and compared cell by cell with what is expected: every input row in flag mode, in
 *   order, each user cell as typed (trimmed) except the documented change — a leading ' before
 *   text a spreadsheet would run as a formula — and only CDM's own columns added.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { closeSync, existsSync, linkSync, openSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { CLI, type CliRun, asWritten, cdm as runCli, folder as snapshot, readCsv, removeSandboxes, requireCli, sandbox, withInput } from './attack-cli-helpers';

/** CDM's output columns (README: Columns CDM writes), written out here rather than imported. */
const CDM_COLUMNS = ['CDM Duplicate Group', 'CDM Duplicate Of', 'CDM Match Score', 'CDM Match Reason', 'CDM Cluster', 'CDM Segment',
  'CDM Predicted Spend', 'CDM RFM', 'CDM Churn Risk', 'CDM Recommended', 'CDM Flags'];

beforeAll(requireCli);
afterAll(removeSandboxes);

// A hang (the bug with a FIFO or /dev/zero) shows as a timeout, not a stuck suite.
const cdm = (dir: string, args: string[], stdin?: string | Buffer): CliRun => runCli(dir, args, { stdin });

function expectRefused(r: CliRun, dir: string, before: Record<string, string>, message: RegExp): void {
  expect(r.signal).toBeNull();
  expect(r.code).not.toBe(0);
  expect(r.code).not.toBeNull();
  expect(r.err.trim()).toMatch(message);
  expect(r.err).not.toMatch(/\n\s+at |ENOENT|EACCES|\.tmp\b|Error:/);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(snapshot(dir)).toEqual(before);
}

/**
 * The output holds exactly `header` then CDM's own columns, and per row the expected user cells.
 * `expected` cells are compared after asWritten (pass raw:true to compare them as given).
 */
function expectOutput(file: string, header: string[], expected: string[][], raw = false): string[][] {
  const [outHeader, ...rows] = readCsv(file);
  expect(outHeader.slice(0, header.length)).toEqual(header.map(raw ? (h) => h : asWritten));
  for (const extra of outHeader.slice(header.length)) expect(CDM_COLUMNS).toContain(extra);
  expect(rows).toHaveLength(expected.length);
  rows.forEach((row, i) => expect(row.slice(0, header.length)).toEqual(raw ? expected[i] : expected[i].map(asWritten)));
  return [outHeader, ...rows];
}

/** A small customer list CDM has nothing to clean in: names in proper case, free-text notes. */
const PLAIN = 'Name,Notes\r\nAnn Lee,first order\r\nBo Chen,likes tea\r\nCy Diaz,call on Mondays\r\n';
const PLAIN_ROWS = [['Ann Lee', 'first order'], ['Bo Chen', 'likes tea'], ['Cy Diaz', 'call on Mondays']];


function expectInputUnchanged(dir: string, before: Record<string, string>, name: string): void {
  expect(snapshot(dir)[name]).toBe(before[name]);
}

describe('hostile: quotes', () => {
  test('hostile: quotes: a quote never closed is refused with its line, not 3 rows in, 1 out', () => {
    const { dir, before } = withInput('in.csv', 'Name,Notes\nAnn Lee,ok\nBo Chen,"says hi\nCy Diaz,x\nDi Wu,y\n');
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv', '--report', 'r.json']), dir, before, /^in\.csv: Line 3 has a quote \("\) that is not closed/);
  });

  test('hostile: quotes: a closed quote followed by more text is refused with its line', () => {
    const { dir, before } = withInput('in.csv', 'Name,Notes\r\nAnn Lee,ok\r\n"Bo" Chen,x\r\nCy Diaz,y\r\n');
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']), dir, before, /^in\.csv: Line 3 has a quote/);
  });

  test('hostile: quotes: a quoted note over several lines, with commas and quotes, is one cell', () => {
    const { dir, before } = withInput('in.csv', 'Name,Notes\nAnn Lee,"line one,\nline ""two"""\nBo Chen,plain\n');
    const r = cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']);
    expect(r.code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    expectOutput(path.join(dir, 'out.csv'), ['Name', 'Notes'], [['Ann Lee', 'line one,\nline "two"'], ['Bo Chen', 'plain']]);
  });
});

describe('hostile: delimiter', () => {
  test('hostile: delimiter: a comma file whose header holds semicolons is read as commas', () => {
    const { dir, before } = withInput('in.csv', 'Name;Nickname,Notes\nAnn Lee;Annie,a; b; c\nBo Chen;Bo,tea\n');
    const r = cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    expectOutput(path.join(dir, 'out.csv'), ['Name;Nickname', 'Notes'], [['Ann Lee;Annie', 'a; b; c'], ['Bo Chen;Bo', 'tea']]);
  });

  test('hostile: delimiter: a semicolon file with decimal commas in its header and rows', () => {
    const { dir, before } = withInput('in.csv', 'Name;Notes, remarks;Code\nAnn Lee;1,5 kg;A1\nBo Chen;2,25 kg;B2\n');
    expect(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']).code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    expectOutput(path.join(dir, 'out.csv'), ['Name', 'Notes, remarks', 'Code'], [['Ann Lee', '1,5 kg', 'A1'], ['Bo Chen', '2,25 kg', 'B2']]);
  });

  test('hostile: delimiter: a tab-separated export with commas inside values', () => {
    const { dir, before } = withInput('in.txt', 'Name\tNotes\nAnn Lee\tred, blue\nBo Chen\tgreen\n');
    expect(cdm(dir, ['clean', 'in.txt', '--out', 'out.csv']).code).toBe(0);
    expectInputUnchanged(dir, before, 'in.txt');
    expectOutput(path.join(dir, 'out.csv'), ['Name', 'Notes'], [['Ann Lee', 'red, blue'], ['Bo Chen', 'green']]);
  });
});

describe('hostile: collision', () => {
  test('hostile: collision: --out is the input', () => {
    const { dir, before } = withInput('in.csv', PLAIN);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'in.csv']), dir, before, /^--out in\.csv is your input in\.csv: CDM never writes over the file it reads/);
  });

  test('hostile: collision: --out is the input spelled another way (./sub/../in.csv)', () => {
    const { dir } = withInput('in.csv', PLAIN);
    mkdirSync(path.join(dir, 'sub'));
    const before = snapshot(dir);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', './sub/../in.csv']), dir, before, /never writes over the file it reads/);
  });

  test('hostile: collision: --out is a symlink to the input', () => {
    const { dir } = withInput('in.csv', PLAIN);
    symlinkSync('in.csv', path.join(dir, 'link.csv'));
    const before = snapshot(dir);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'link.csv']), dir, before, /^--out link\.csv is your input in\.csv \(the same file under another name\)/);
  });

  test('hostile: collision: --out is a hard link to the input', () => {
    const { dir } = withInput('in.csv', PLAIN);
    linkSync(path.join(dir, 'in.csv'), path.join(dir, 'hard.csv'));
    const before = snapshot(dir);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'hard.csv']), dir, before, /^--out hard\.csv is your input in\.csv \(the same file under another name\)/);
  });

  test('hostile: collision: the input is a symlink and --out is the file it points to', () => {
    const { dir } = withInput('real.csv', PLAIN);
    symlinkSync('real.csv', path.join(dir, 'in.csv'));
    const before = snapshot(dir);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'real.csv']), dir, before, /never writes over the file it reads/);
  });

  test('hostile: collision: --report is the input', () => {
    const { dir, before } = withInput('in.csv', PLAIN);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv', '--report', 'in.csv']), dir, before, /^--report in\.csv is your input in\.csv/);
  });

  test('hostile: collision: --report is --out', () => {
    const { dir, before } = withInput('in.csv', PLAIN);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv', '--report', 'out.csv']), dir, before, /^--out and --report both point to out\.csv/);
  });

  test('hostile: collision: merge mode\'s removed-rows file would be the input', () => {
    const { dir, before } = withInput('x.removed.csv', PLAIN);
    expectRefused(cdm(dir, ['clean', 'x.removed.csv', '--out', 'x.csv', '--mode', 'merge']), dir, before, /^the removed-rows file x\.removed\.csv is your input/);
  });

  test('hostile: collision: --out and --report both standard output (-)', () => {
    const { dir, before } = withInput('in.csv', PLAIN);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', '-', '--report', '-']), dir, before, /^--out and --report both point to standard output/);
  });
});

describe('hostile: special files', () => {
  test('hostile: special files: a named pipe as input is refused at once, not waited on', () => {
    const dir = sandbox();
    execFileSync('mkfifo', [path.join(dir, 'pipe.csv')]);
    const before = snapshot(dir);
    expectRefused(cdm(dir, ['clean', 'pipe.csv', '--out', 'out.csv']), dir, before, /^pipe\.csv is a named pipe, not a CSV file saved on disk/);
  });

  test('hostile: special files: /dev/zero as input is refused, not read forever', () => {
    const dir = sandbox();
    const before = snapshot(dir);
    expectRefused(cdm(dir, ['clean', '/dev/zero', '--out', 'out.csv']), dir, before, /^zero is a device, not a CSV file saved on disk/);
  });

  test('hostile: special files: a folder as input', () => {
    const dir = sandbox();
    mkdirSync(path.join(dir, 'folder.csv'));
    const before = snapshot(dir);
    expectRefused(cdm(dir, ['clean', 'folder.csv', '--out', 'out.csv']), dir, before, /^folder\.csv is a folder, not a CSV file/);
  });

  test('hostile: special files: a folder as --out', () => {
    const { dir } = withInput('in.csv', PLAIN);
    mkdirSync(path.join(dir, 'out'));
    const before = snapshot(dir);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'out']), dir, before, /^--out out is a folder|^out is a folder/);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'out/']), dir, before, /names a folder/);
  });

  test('hostile: special files: --out /dev/full is refused before any work (it used to exit 0)', () => {
    const { dir, before } = withInput('in.csv', PLAIN);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', '/dev/full']), dir, before, /^\/dev\/full is a device, not a file/);
  });

  test('hostile: special files: --out in a folder no file can be created in (read-only for root too)', () => {
    const { dir, before } = withInput('in.csv', PLAIN);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', '/proc/cdm-out.csv']), dir, before, /^cdm-out\.csv cannot be written in \/proc/);
  });

  test('hostile: special files: --out in a folder that does not exist, and an empty --out', () => {
    const { dir, before } = withInput('in.csv', PLAIN);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'no/such/out.csv']), dir, before, /^The folder .*no\/such does not exist/);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', '']), dir, before, /^--out needs a file name/);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'in.csv/x.csv']), dir, before, /part of its path is a file|is a file, not a folder/);
  });

  test('hostile: special files: --out is a link to nowhere', () => {
    const { dir } = withInput('in.csv', PLAIN);
    symlinkSync('missing/target.csv', path.join(dir, 'dangling.csv'));
    const before = snapshot(dir);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'dangling.csv']), dir, before, /^dangling\.csv is a link to a file that does not exist/);
  });

  test('hostile: special files: --out is a symlink to another file: the target is replaced, the link stays', () => {
    const { dir } = withInput('in.csv', PLAIN);
    writeFileSync(path.join(dir, 'old.csv'), 'previous result\n');
    symlinkSync('old.csv', path.join(dir, 'latest.csv'));
    const before = snapshot(dir);
    expect(cdm(dir, ['clean', 'in.csv', '--out', 'latest.csv']).code).toBe(0);
    const after = snapshot(dir);
    expect(after['latest.csv']).toBe('link:old.csv');
    expect(after['in.csv']).toBe(before['in.csv']);
    expect(Object.keys(after).sort()).toEqual(['in.csv', 'latest.csv', 'old.csv']);
    expectOutput(path.join(dir, 'old.csv'), ['Name', 'Notes'], PLAIN_ROWS);
  });

  test('hostile: special files: --out - into a full device fails in plain words, and nothing else is written', () => {
    const { dir, before } = withInput('in.csv', PLAIN);
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, 'clean', 'in.csv', '--out', '-', '--report', 'r.json'], { cwd: dir, stdio: ['ignore', full, 'pipe'], timeout: 60000 });
      expectRefused({ code: r.status, out: '', err: r.stderr.toString('utf8'), signal: r.signal }, dir, before, /^There is no room left on the disk for standard output\. Nothing was written\.$/);
    } finally {
      closeSync(full);
    }
  });

  test('hostile: special files: - reads standard input and --out - writes standard output', () => {
    const dir = sandbox();
    const r = cdm(dir, ['clean', '-', '--out', '-'], PLAIN);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(path.join(dir, 'stdout.csv'), r.out);
    expectOutput(path.join(dir, 'stdout.csv'), ['Name', 'Notes'], PLAIN_ROWS);
    expect(r.err).toMatch(/3 rows written to standard output/);
  });
});

describe('hostile: formula injection', () => {
  test('hostile: formula injection: =HYPERLINK, @SUM, =cmd|, +/- text and a header formula come out inert', () => {
    const cells = ['=HYPERLINK("http://evil.example","click")', '@SUM(1+1)*cmd|\' /C calc\'!A0', '=cmd|\' /C calc\'!A0', '+1+cmd|x', '-2+3', '- call back'];
    const csv = `Name,=Notes\n${cells.map((c, i) => `Person ${String.fromCharCode(65 + i)},"${c.replace(/"/g, '""')}"`).join('\n')}\n`;
    const { dir, before } = withInput('in.csv', csv);
    const r = cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']);
    expect(r.code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    const expected = cells.map((c, i) => [`Person ${String.fromCharCode(65 + i)}`, `'${c}`]);
    expectOutput(path.join(dir, 'out.csv'), ['Name', "'=Notes"], expected, true);
    expect(r.out).toMatch(/7 cells that a spreadsheet would run as a formula got a leading '/);
  });

  test('hostile: formula injection: trimming never turns a tab-led \\t=… into an active formula', () => {
    const { dir, before } = withInput('in.csv', 'Name,Notes\nAnn Lee,"\t=1+2"\nBo Chen," =HYPERLINK(""x"")"\nCy Diaz,\t-5\n');
    expect(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']).code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    // Read with the tab kept (csv.ts), then CDM's documented whitespace cleaning trims the note;
    // what comes out is inert either way: never an active =1+2.
    const rows = readCsv(path.join(dir, 'out.csv')).slice(1).map((r) => r[1]);
    expect(rows).toEqual(["'=1+2", "'=HYPERLINK(\"x\")", '-5']);
  });

  test('hostile: formula injection: --keep-formulas keeps the file\'s own formulas exactly, and only those', () => {
    const { dir, before } = withInput('in.csv', 'Name,Notes\nAnn Lee,=1+2\nBo Chen,"\t=A1"\nCy Diaz,@mention\n');
    expect(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv', '--keep-formulas']).code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    // The tab-led note was inert as typed; once cleaned to "=A1" it is CDM's text, not the file's: neutralised.
    expectOutput(path.join(dir, 'out.csv'), ['Name', 'Notes'], [['Ann Lee', '=1+2'], ['Bo Chen', "'=A1"], ['Cy Diaz', '@mention']], true);
  });
});

describe('hostile: encoding', () => {
  test('hostile: encoding: a byte-order mark and CRLF line ends', () => {
    const { dir, before } = withInput('in.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PLAIN)]));
    expect(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']).code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    expectOutput(path.join(dir, 'out.csv'), ['Name', 'Notes'], PLAIN_ROWS);
  });

  test('hostile: encoding: old Mac line ends (a lone CR) and a stray CR inside a CRLF file', () => {
    const mac = withInput('mac.csv', PLAIN.replace(/\r\n/g, '\r'));
    expect(cdm(mac.dir, ['clean', 'mac.csv', '--out', 'out.csv']).code).toBe(0);
    expectOutput(path.join(mac.dir, 'out.csv'), ['Name', 'Notes'], PLAIN_ROWS);
    const stray = withInput('in.csv', 'Name,Notes\r\nAnn Lee,a\rb\r\nBo Chen,c\r\n');
    expect(cdm(stray.dir, ['clean', 'in.csv', '--out', 'out.csv']).code).toBe(0);
    expectInputUnchanged(stray.dir, stray.before, 'in.csv');
    expectOutput(path.join(stray.dir, 'out.csv'), ['Name', 'Notes'], [['Ann Lee', 'a\rb'], ['Bo Chen', 'c']]);
  });

  test('hostile: encoding: NUL bytes in a text file are refused as binary', () => {
    const { dir, before } = withInput('in.csv', Buffer.from('Name,Notes\nAnn Lee,a\u0000b\nBo Chen,c\n'));
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']), dir, before, /doesn't look like a CSV text file \(it contains binary data\)/);
  });

  test('hostile: encoding: UTF-16 (Excel "Unicode text") is read; output is UTF-8', () => {
    const text = 'Name\tNotes\r\n王小明\t北京\r\nJosé Díaz\tZürich\r\n';
    const { dir, before } = withInput('in.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(cdm(dir, ['clean', 'in.txt', '--out', 'out.csv']).code).toBe(0);
    expectInputUnchanged(dir, before, 'in.txt');
    expectOutput(path.join(dir, 'out.csv'), ['Name', 'Notes'], [['王小明', '北京'], ['José Díaz', 'Zürich']]);
  });

  test('hostile: encoding: Latin-1 is refused with advice, and read with --encoding windows-1252', () => {
    const bytes = Buffer.concat([Buffer.from('Name,Notes\nJos'), Buffer.from([0xe9]), Buffer.from(' Lee,M'), Buffer.from([0xfc]), Buffer.from('nchen '), Buffer.from([0x80]), Buffer.from(' 5\nBo Chen,tea\n')]);
    const { dir, before } = withInput('in.csv', bytes);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']), dir, before, /isn't UTF-8.*--encoding windows-1252/);
    expect(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv', '--encoding', 'windows-1252']).code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    expectOutput(path.join(dir, 'out.csv'), ['Name', 'Notes'], [['José Lee', 'München € 5'], ['Bo Chen', 'tea']]);
  });
});

describe('hostile: size', () => {
  test('hostile: size: a 50,000-character cell comes out whole', () => {
    const long = 'x'.repeat(25000) + ',"' + 'y'.repeat(24998);
    const { dir, before } = withInput('in.csv', `Name,Notes\nAnn Lee,"${long.replace(/"/g, '""')}"\nBo Chen,short\n`);
    expect(long).toHaveLength(50000);
    expect(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']).code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    expectOutput(path.join(dir, 'out.csv'), ['Name', 'Notes'], [['Ann Lee', long], ['Bo Chen', 'short']]);
  });

  test('hostile: size: 10,000 columns', () => {
    const header = ['Name', ...Array.from({ length: 9999 }, (_, i) => `Field ${i + 1}`)];
    const rows = [0, 1, 2].map((r) => [`Person ${r}`, ...Array.from({ length: 9999 }, (_, i) => `v${r}-${i}`)]);
    const { dir, before } = withInput('wide.csv', [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
    const r = cdm(dir, ['clean', 'wide.csv', '--out', 'out.csv']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectInputUnchanged(dir, before, 'wide.csv');
    expectOutput(path.join(dir, 'out.csv'), header, rows);
  });
});

describe('hostile: header', () => {
  test('hostile: header: a first line of only delimiters', () => {
    const { dir, before } = withInput('in.csv', ',,,\nAnn Lee,a,b,c\n');
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']), dir, before, /^in\.csv: The first line should name the columns, but it holds no names/);
  });

  test('hostile: header: duplicate columns differing only by case, or by spaces', () => {
    const a = withInput('in.csv', 'Email,Name,EMAIL\na@x.com,Ann,b@x.com\n');
    expectRefused(cdm(a.dir, ['clean', 'in.csv', '--out', 'out.csv']), a.dir, a.before, /two columns called "Email" and "EMAIL" \(columns 1 and 3\)/);
    const b = withInput('in.csv', 'Total Spend, Name ,Total  Spend\n1,Ann,2\n');
    expectRefused(cdm(b.dir, ['clean', 'in.csv', '--out', 'out.csv']), b.dir, b.before, /two columns called "Total Spend" and "Total {2}Spend"/);
  });

  test('hostile: header: blank lines and an empty last line are not customers', () => {
    const { dir, before } = withInput('in.csv', 'Name,Notes\n\nAnn Lee,first order\n\nBo Chen,likes tea\nCy Diaz,call on Mondays\n\n\n');
    expect(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']).code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    expectOutput(path.join(dir, 'out.csv'), ['Name', 'Notes'], PLAIN_ROWS);
  });
});

describe('hostile: CDM-like columns', () => {
  test('hostile: CDM-like columns: a user\'s own "CDM Notes" column survives with every value', () => {
    const { dir, before } = withInput('in.csv', 'Name,Notes,CDM Notes\nAnn Lee,a,mine 1\nBo Chen,b,mine 2\n');
    expect(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']).code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    expectOutput(path.join(dir, 'out.csv'), ['Name', 'Notes', 'CDM Notes'], [['Ann Lee', 'a', 'mine 1'], ['Bo Chen', 'b', 'mine 2']]);
  });

  test('hostile: CDM-like columns: re-running on CDM\'s own output replaces its columns and keeps the user\'s', () => {
    const { dir } = withInput('in.csv', 'Name,Notes,CDM Customer Tier\nAnn Lee,a,gold\nBo Chen,b,silver\n');
    expect(cdm(dir, ['clean', 'in.csv', '--out', 'once.csv']).code).toBe(0);
    expect(cdm(dir, ['clean', 'once.csv', '--out', 'twice.csv']).code).toBe(0);
    const once = readCsv(path.join(dir, 'once.csv'));
    expect(readCsv(path.join(dir, 'twice.csv'))).toEqual(once);
    expectOutput(path.join(dir, 'twice.csv'), ['Name', 'Notes', 'CDM Customer Tier'], [['Ann Lee', 'a', 'gold'], ['Bo Chen', 'b', 'silver']]);
  });
});

describe('hostile: merge', () => {
  const CUSTOMERS = [
    'Name,Email,Phone,Total Spend,Orders,Notes,Customer Id',
    'Ann Lee,ann.lee@example.com,+1 415 555 0132,120.50,3,prefers email,C-001',
    'Bo Chen,bo@example.com,+1 212 555 0199,80,1,,C-002',
    'Ann  Lee,ANN.LEE@example.com,(415) 555-0132,300,7,VIP — call first,C-003',
    'Cy Diaz,cy@example.com,+1 305 555 0111,15,1,=1+1,C-004',
    'Bo Chen,bo@example.com,212 555 0199,45.25,2,second account,C-005',
  ].join('\n') + '\n';

  test('hostile: merge: every removed row is kept as typed beside the output, with the row it went into', () => {
    const { dir, before } = withInput('in.csv', CUSTOMERS);
    const r = cdm(dir, ['clean', 'in.csv', '--out', 'out.csv', '--mode', 'merge', '--report', 'r.json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectInputUnchanged(dir, before, 'in.csv');
    const input = Papa.parse<string[]>(CUSTOMERS, { skipEmptyLines: true }).data;
    const [header, ...removed] = readCsv(path.join(dir, 'out.removed.csv'));
    expect(header).toEqual(['Was row', 'Merged into row', ...input[0]]);
    const report = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    const out = readCsv(path.join(dir, 'out.csv'));
    // The survivor of a group is its most complete row, the first on a tie: Ann Lee's rows 2 and 4
    // are equally complete (row 4 goes), Bo Chen's row 6 has a note that row 3 lacks (row 3 goes).
    expect(removed.map((row) => row[0])).toEqual(['3', '4']);
    expect(out.length - 1 + removed.length).toBe(input.length - 1);
    for (const row of removed) {
      const was = Number(row[0]);
      // Every value as typed in the input (spend, orders, notes, id), formula-looking text inert.
      expect(row.slice(2)).toEqual(input[was - 1].map(asWritten));
      // The row it merged into, in OUT.csv, is the same customer.
      const into = out[Number(row[1]) - 1];
      expect(into[0].replace(/\s+/g, ' ')).toBe(input[was - 1][0].replace(/\s+/g, ' '));
    }
    expect(report.removed.file).toBe('out.removed.csv');
    expect(report.removed.rows.map((x: { row: number; mergedInto: number }) => [x.row, x.mergedInto])).toEqual([[3, 6], [4, 2]]);
  });

  test('hostile: merge: --removed cannot be the input either, and flag mode has no removed file', () => {
    const { dir, before } = withInput('in.csv', CUSTOMERS);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv', '--mode', 'merge', '--removed', 'in.csv']), dir, before, /^--removed in\.csv is your input/);
    expectRefused(cdm(dir, ['clean', 'in.csv', '--out', '-', '--mode', 'merge']), dir, before, /say where merge mode writes the rows it takes out: --removed FILE/);
    expect(cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']).code).toBe(0);
    expect(existsSync(path.join(dir, 'out.removed.csv'))).toBe(false);
  });
});
