/** One row of bench-results.json: ratio = subject time / baseline time; met when ratio <= target. */
export interface BenchRow {
  id: string;
  subject: number;
  baseline: number;
  ratio: number;
  target: number;
  /** What was compared (not required by the format; helps a reader). */
  note?: string;
}

/** Median of run times in ms. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * For paired measurements (subject[i] and baseline[i] timed on the same case, one right after the
 * other): the pair whose ratio is the median ratio. A ratio of the two medians would compare the
 * median subject time of one case with the median baseline time of another when the cases differ.
 */
export function medianPair(subject: readonly number[], baseline: readonly number[]): { subject: number; baseline: number } {
  if (!subject.length || subject.length !== baseline.length) throw new Error('medianPair: needs pairs');
  const pairs = subject.map((s, i) => ({ subject: s, baseline: baseline[i] })).sort((a, b) => a.subject / a.baseline - b.subject / b.baseline);
  return pairs[(pairs.length - 1) >> 1];
}

/** Times fn `runs` times after `warm` warm-up calls; returns the median in ms. */
export async function time(fn: () => unknown | Promise<unknown>, runs = 5, warm = 1): Promise<number> {
  for (let i = 0; i < warm; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

export function row(id: string, subject: number, baseline: number, target: number, note?: string): BenchRow {
  return { id, subject: round(subject), baseline: round(baseline), ratio: Math.round((subject / baseline) * 1000) / 1000, target, note };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
