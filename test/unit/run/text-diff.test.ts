/** The in-place update of a large editor text (src/ui/run/text-diff.ts). */
import { describe, expect, it } from 'vitest';
import { changedRange } from '../../../src/ui/run/text-diff.ts';

function apply(a: string, b: string): string {
  const d = changedRange(a, b);
  return d ? a.slice(0, d.start) + d.text + a.slice(d.end) : b;
}

describe('changedRange', () => {
  it('replaces only the middle that differs', () => {
    const a = '<a>\n  <b>1</b>\n  <c>2</c>\n</a>\n';
    const b = '<a>\n  <c>2</c>\n</a>\n';
    const d = changedRange(a, b)!;
    expect(d.text.length).toBeLessThan(12);
    expect(apply(a, b)).toBe(b);
  });

  it('turns any text into any other, also with repeats, empties and astral characters', () => {
    const cases: [string, string][] = [
      ['', 'x'],
      ['x', ''],
      ['aaaa', 'aa'],
      ['abab', 'ab'],
      ['same', 'same'],
      ['a😀b', 'a😁b'],
      ['😀', '😀😀'],
      ['x😀', 'x'],
    ];
    for (const [a, b] of cases) expect(apply(a, b)).toBe(b);
    // Never a lone surrogate at either end of the replaced range.
    const d = changedRange('a😀b', 'a😁b')!;
    expect(d.text).toBe('😁');
  });

  it('falls back to a full replacement with CR line ends', () => {
    expect(changedRange('a\r\nb', 'a\r\nc')).toBeUndefined();
  });
});
