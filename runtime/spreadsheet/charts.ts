/** Embedded charts and their builder (what the analysis sheet draws). */
import { MESSAGES, fail, typeNames } from '../errors';
import { ServiceObject } from '../host';
import { Range } from './range';
import { Sheet } from './sheet';

export class EmbeddedChartOptions extends ServiceObject {
  static override serviceName = 'ChartOptions';
  constructor(private readonly options: Record<string, unknown>) {
    super();
  }
  get(option: string): unknown {
    return this.options[String(option)] ?? null;
  }
  getOrDefault(option: string): unknown {
    return this.get(option);
  }
}

export class ContainerInfo extends ServiceObject {
  static override serviceName = 'ContainerInfo';
  constructor(private readonly p: { row: number; col: number; offsetX: number; offsetY: number }) {
    super();
  }
  getAnchorRow(): number {
    return this.p.row;
  }
  getAnchorColumn(): number {
    return this.p.col;
  }
  getOffsetX(): number {
    return this.p.offsetX;
  }
  getOffsetY(): number {
    return this.p.offsetY;
  }
}

export class EmbeddedChart extends ServiceObject {
  static override serviceName = 'EmbeddedChart';
  constructor(
    readonly _id: string,
    readonly _type: string,
    readonly _ranges: Range[],
    readonly _options: Record<string, unknown>,
    readonly _position: { row: number; col: number; offsetX: number; offsetY: number },
  ) {
    super();
  }
  getChartId(): number {
    return Number(this._id.replace(/\D/g, ''));
  }
  getId(): string {
    return this._id;
  }
  getRanges(): Range[] {
    return [...this._ranges];
  }
  getOptions(): EmbeddedChartOptions {
    return new EmbeddedChartOptions({ ...this._options });
  }
  getContainerInfo(): ContainerInfo {
    return new ContainerInfo({ ...this._position });
  }
  getType(): string {
    return this._type;
  }
  modify(): EmbeddedChartBuilder {
    const b = new EmbeddedChartBuilder(this._ranges[0]?._sheet as Sheet, this._id);
    b._type = this._type;
    b._ranges = [...this._ranges];
    b._options = { ...this._options };
    b._position = { ...this._position };
    return b;
  }
}

export class EmbeddedChartBuilder extends ServiceObject {
  static override serviceName = 'EmbeddedChartBuilder';
  _type = 'LINE';
  _ranges: Range[] = [];
  _options: Record<string, unknown> = {};
  _position = { row: 1, col: 1, offsetX: 0, offsetY: 0 };
  constructor(readonly _sheet: Sheet, readonly _id?: string) {
    super();
  }
  setChartType(type: string): EmbeddedChartBuilder {
    this._type = String(type);
    return this;
  }
  addRange(range: Range): EmbeddedChartBuilder {
    if (!(range instanceof Range)) fail(MESSAGES.signature(typeNames([range]), 'SpreadsheetApp.EmbeddedChartBuilder.addRange'));
    this._ranges.push(range);
    return this;
  }
  clearRanges(): EmbeddedChartBuilder {
    this._ranges = [];
    return this;
  }
  removeRange(range: Range): EmbeddedChartBuilder {
    this._ranges = this._ranges.filter((r) => r.getA1Notation() !== range.getA1Notation());
    return this;
  }
  getRanges(): Range[] {
    return [...this._ranges];
  }
  getChartType(): string {
    return this._type;
  }
  setPosition(row: number, col: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    this._position = { row, col, offsetX, offsetY };
    return this;
  }
  setOption(key: string, value: unknown): EmbeddedChartBuilder {
    this._options[String(key)] = value;
    return this;
  }
  setNumHeaders(n: number): EmbeddedChartBuilder {
    this._options.numHeaders = n;
    return this;
  }
  setTransposeRowsAndColumns(t: boolean): EmbeddedChartBuilder {
    this._options.transpose = !!t;
    return this;
  }
  asScatterChart(): EmbeddedChartBuilder {
    return this.setChartType('SCATTER');
  }
  asColumnChart(): EmbeddedChartBuilder {
    return this.setChartType('COLUMN');
  }
  asBarChart(): EmbeddedChartBuilder {
    return this.setChartType('BAR');
  }
  asPieChart(): EmbeddedChartBuilder {
    return this.setChartType('PIE');
  }
  asLineChart(): EmbeddedChartBuilder {
    return this.setChartType('LINE');
  }
  asHistogramChart(): EmbeddedChartBuilder {
    return this.setChartType('HISTOGRAM');
  }
  build(): EmbeddedChart {
    return new EmbeddedChart(this._id ?? this._sheet._host.nextId('chart'), this._type, [...this._ranges], { ...this._options }, { ...this._position });
  }
}
