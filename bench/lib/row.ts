/**
 * One line of the results table. Every figure carries the baseline it was measured against in
 * the same run and the ratio between them, so a reader can judge it without trusting the machine.
 */
export interface Row {
  /** Table section, e.g. `Permission checks`. */
  section: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  /** The target from the issue, if any, and whether this run met it. */
  target?: string;
  met?: boolean;
  note?: string;
}

/** A figure that could not be measured in this run, with why. */
export function notMeasured(section: string, figure: string, why: string): Row {
  return { section, figure, value: `not measured: ${why}`, baseline: '—', ratio: '—' };
}

export interface SuiteOptions {
  quick: boolean;
  full: boolean;
}

export type Suite = (options: SuiteOptions) => Promise<Row[]>;
