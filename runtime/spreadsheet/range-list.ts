/** RangeList: one call over many A1 ranges (notes and backgrounds of imputed cells). */
import { ServiceObject } from '../host';
import { Range } from './range';

/**
 * Sheet.getRangeList: ranges of one sheet that take the same setting in one call. Each method
 * applies the Range method of the same name to every listed range, in list order (so a cell in
 * two ranges ends with the later one's setting, as applying them one by one would).
 */
export class RangeList extends ServiceObject {
  static override serviceName = 'RangeList';
  constructor(readonly _ranges: Range[]) {
    super();
  }
  /** Cells covered, counting overlaps once per range (for the runtime's per-cell cost). */
  get _cells(): number {
    return this._ranges.reduce((n, r) => n + r._numRows * r._numCols, 0);
  }
  private each(apply: (r: Range) => unknown): RangeList {
    for (const r of this._ranges) apply(r);
    return this;
  }
  getRanges(): Range[] {
    return [...this._ranges];
  }
  /** Selects every range (as Ctrl-clicking them would); the last one is the active range. */
  activate(): RangeList {
    const last = this._ranges[this._ranges.length - 1];
    if (last) last._sheet._ss._activate(last._sheet, last, this._ranges);
    return this;
  }
  setNote(note: unknown): RangeList {
    return this.each((r) => r.setNote(note));
  }
  clearNote(): RangeList {
    return this.each((r) => r.clearNote());
  }
  setBackground(color: unknown): RangeList {
    return this.each((r) => r.setBackground(color));
  }
  setValue(value: unknown): RangeList {
    return this.each((r) => r.setValue(value));
  }
  setNumberFormat(format: unknown): RangeList {
    return this.each((r) => r.setNumberFormat(format));
  }
  setFontWeight(weight: unknown): RangeList {
    return this.each((r) => r.setFontWeight(weight));
  }
  clearContent(): RangeList {
    return this.each((r) => r.clearContent());
  }
  clearFormat(): RangeList {
    return this.each((r) => r.clearFormat());
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): RangeList {
    return this.each((r) => r.clear(options));
  }
}
