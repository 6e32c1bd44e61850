/** Session, Utilities, Logger, Charts and the console. */
import { createHash } from 'node:crypto';
import { formatDate } from './dates';
import { MESSAGES, fail } from './errors';
import { Host, ServiceObject } from './host';
import { isDate } from './values';

export class User extends ServiceObject {
  static override serviceName = 'User';
  constructor(private email: string) {
    super();
  }
  getEmail(): string {
    return this.email;
  }
}

export class SessionImpl extends ServiceObject {
  static override serviceName = 'Session';
  constructor(private host: Host, private userLocale: () => string, private tempKey: () => string, private scriptZone: () => string = () => host.timeZone()) {
    super();
  }
  getActiveUser(): User {
    return new User(this.host.activeUser());
  }
  getEffectiveUser(): User {
    return new User(this.host.effectiveUser());
  }
  getActiveUserLocale(): string {
    return this.userLocale();
  }
  getScriptTimeZone(): string {
    return this.scriptZone();
  }
  getTemporaryActiveUserKey(): string {
    return this.tempKey();
  }
}

export class Blob extends ServiceObject {
  static override serviceName = 'Blob';
  constructor(private bytes: Buffer, private contentType: string | null, private name: string | null) {
    super();
  }
  getBytes(): number[] {
    return [...this.bytes].map((b) => (b > 127 ? b - 256 : b));
  }
  getDataAsString(_charset?: string): string {
    return this.bytes.toString('utf8');
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(t: string): Blob {
    this.contentType = String(t);
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(n: string): Blob {
    this.name = String(n);
    return this;
  }
  setDataFromString(s: string): Blob {
    this.bytes = Buffer.from(String(s), 'utf8');
    return this;
  }
  copyBlob(): Blob {
    return new Blob(Buffer.from(this.bytes), this.contentType, this.name);
  }
}

function toBuffer(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 255));
  if (data instanceof Blob) return Buffer.from(data.getBytes().map((b) => b & 255));
  return Buffer.from(String(data), 'utf8');
}

const signed = (buf: Buffer) => [...buf].map((b) => (b > 127 ? b - 256 : b));

export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export class UtilitiesImpl extends ServiceObject {
  static override serviceName = 'Utilities';
  readonly DigestAlgorithm = { MD2: 'MD2', MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_384: 'SHA_384', SHA_512: 'SHA_512' };
  readonly Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' };
  constructor(private host: Host, private uuid: () => string) {
    super();
  }
  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date)) fail(MESSAGES.signature(`${typeof date},String,String`, 'Utilities.formatDate'));
    return formatDate(date.getTime(), String(timeZone), String(format));
  }
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return String(template).replace(/%(\d*\.?\d*)([sdfi%])/g, (_m, width: string, kind: string) => {
      if (kind === '%') return '%';
      const a = args[i++];
      if (kind === 's') return String(a);
      if (kind === 'd' || kind === 'i') return String(Math.trunc(Number(a)));
      const prec = /\.(\d+)/.exec(width)?.[1];
      return prec ? Number(a).toFixed(Number(prec)) : String(Number(a));
    });
  }
  getUuid(): string {
    return this.uuid();
  }
  /** Sleeping moves the simulated clock, never the real one. */
  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (!(ms >= 0) || ms > 300000) fail(MESSAGES.invalidArgument('milliseconds'));
    this.host.clock.advance(ms);
  }
  base64Encode(data: unknown): string {
    return toBuffer(data).toString('base64');
  }
  base64EncodeWebSafe(data: unknown): string {
    return toBuffer(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    return signed(Buffer.from(String(encoded), 'base64'));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return signed(Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  newBlob(data: unknown, contentType?: string, name?: string): Blob {
    return new Blob(toBuffer(data ?? ''), contentType ?? null, name ?? null);
  }
  computeDigest(algorithm: string, value: unknown): number[] {
    const alg = ({ MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' } as Record<string, string>)[String(algorithm)];
    if (!alg) fail(MESSAGES.invalidArgument('algorithm'));
    return signed(createHash(alg).update(toBuffer(value)).digest());
  }
  parseCsv(csv: string, delimiter?: string): string[][] {
    return parseCsv(String(csv), delimiter ?? ',');
  }
}

function formatLog(args: unknown[]): string {
  const str = (v: unknown) => (typeof v === 'string' ? v : isDate(v) ? v.toString() : JSON.stringify(v) ?? String(v));
  if (args.length > 1 && typeof args[0] === 'string' && args[0].includes('%')) {
    let i = 1;
    return args[0].replace(/%s|%d/g, () => str(args[i++]));
  }
  return args.map(str).join(' ');
}

export class LoggerImpl extends ServiceObject {
  static override serviceName = 'Logger';
  constructor(private sink: (line: string) => void, private lines: () => string[]) {
    super();
  }
  log(...args: unknown[]): LoggerImpl {
    this.sink(formatLog(args));
    return this;
  }
  getLog(): string {
    return this.lines().join('\n');
  }
  clear(): void {}
}

/** console is not a counted service: its calls only land in the execution's log. */
export function makeConsole(sink: (line: string) => void): Record<string, (...a: unknown[]) => void> {
  const c: Record<string, (...a: unknown[]) => void> = {};
  for (const level of ['log', 'info', 'warn', 'error']) c[level] = (...args: unknown[]) => sink(`${level === 'log' ? '' : level.toUpperCase() + ' '}${formatLog(args)}`);
  const timers = new Map<string, number>();
  return { ...c, time: (l = 'default') => void timers.set(String(l), Date.now()), timeEnd: (l = 'default') => sink(`${String(l)}: timer`) };
}

export class ChartsImpl extends ServiceObject {
  static override serviceName = 'Charts';
  readonly ChartType = Object.fromEntries(
    ['AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'LINE', 'ORG', 'PIE', 'RADAR', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TIMELINE', 'TREE_MAP', 'WATERFALL'].map((t) => [t, t]),
  );
  readonly Position = { TOP: 'TOP', RIGHT: 'RIGHT', BOTTOM: 'BOTTOM', NONE: 'NONE' };
  readonly Orientation = { HORIZONTAL: 'HORIZONTAL', VERTICAL: 'VERTICAL' };
}
