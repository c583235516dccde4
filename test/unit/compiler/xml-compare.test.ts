import { describe, expect, it } from 'vitest';
import { compareXml } from '../../../src/core/runner/xml-compare.ts';

describe('compareXml', () => {
  it('ignores whitespace, attribute order and prefixes', () => {
    const a = '<a:x xmlns:a="urn:1" p="1" q="2">\n  <a:y> v </a:y>\n</a:x>';
    const b = '<x xmlns="urn:1" q="2" p="1"><y>v</y></x>';
    expect(compareXml(a, b)).toEqual({ equal: true });
  });

  it('finds a changed value and a missing element with their paths', () => {
    const r = compareXml('<x><y>1</y><z/></x>', '<x><y>2</y></x>');
    expect(r.equal).toBe(false);
    if (r.equal) return;
    expect(r.differences.map((d) => d.path)).toEqual(['/x/y', '/x/z[1]']);
  });

  it('skips ignored paths', () => {
    expect(compareXml('<x><t>2026-01-01</t></x>', '<x><t>2027-02-02</t></x>', ['t'])).toEqual({ equal: true });
  });

  it('reports a malformed output', () => {
    const r = compareXml('<x/>', '<x>');
    expect(r.equal).toBe(false);
  });
});
