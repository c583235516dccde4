/**
 * The error marker of the XPath editor: the place an engine message is about. The messages are the real
 * ones SaxonJS gives for these expressions in the XPath check (checked in the last test).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkXPaths, xpathErrorKey } from '../../../src/core/compiler/index.ts';
import { locateXPathError } from '../../../src/core/mapping/xpath-error.ts';
import { emptyMapping, type Flow } from '../../../src/core/model/project.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';

/** [expression, the expression with the marked part in «»] */
const CASES: [string, string][] = [
  ['substring(/a/v,, 1)', 'substring(/a/v,«,» 1)'],
  ['upper-case(/a/b', 'upper-case(/a/«b»'],
  ['foo(1) + 2', '«foo»(1) + 2'],
  ['upper-case(1, 2)', '«upper-case»(1, 2)'],
  ['concat($amt, $nope)', 'concat($amt, «$nope»)'],
  ['fn:string(1)', '«fn»:string(1)'],
  ["concat('a', 'b)", "concat('a', «'b)»"],
  ['concat(1,2))', 'concat(1,2)«)»'],
  ['a b', 'a «b»'],
  ['/a/b ]', '/a/b «]»'],
  ['count(/a/b\n  ,, 2)', 'count(/a/b\n  ,«,» 2)'],
];

const engine = createNodeEngine();
afterAll(() => engine.dispose?.());

describe('locating an XPath error', () => {
  it('marks what the SaxonJS message names', async () => {
    const flow: Flow = {
      id: 'f', scenarioCode: 'A', title: 'T', from: { systemId: 'a' }, to: { systemId: 'b' }, samples: [], tests: [],
      mapping: { ...emptyMapping(), parameters: [{ name: 'amt', type: 'string' }], rules: CASES.map(([text], i) => ({ id: `r${i}`, target: `/b/x${i}`, value: { kind: 'xpath', text } })) },
    };
    const errors = await checkXPaths(flow, engine);
    for (const [i, [text, part]] of CASES.entries()) {
      const msg = errors.get(xpathErrorKey(`r${i}`, 'value', text));
      expect(msg, text).toBeTruthy();
      const r = locateXPathError(text, msg!);
      const marked = text.slice(0, r.start) + '«' + text.slice(r.start, r.end) + '»' + text.slice(r.end);
      expect({ msg, marked }).toEqual({ msg, marked: part });
    }
  });

  it('marks the whole expression when the message names nothing it can find', () => {
    expect(locateXPathError('a + b', 'XTDE0000: something else')).toEqual({ start: 0, end: 5 });
    expect(locateXPathError('', 'XPST0003: empty')).toEqual({ start: 0, end: 1 });
  });
});
