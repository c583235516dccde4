/** The Node SaxonJS engine: results, located errors, time limit, cancellation, queueing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransformResult } from '../../../src/core/runner/engine.ts';
import { createNodeEngine, type NodeSaxonEngine } from '../../../src/core/runner/saxon-node.ts';
import { xsl } from './helpers.ts';

let engine: NodeSaxonEngine;
beforeAll(async () => {
  engine = createNodeEngine();
  expect(await engine.warmUp()).toBe(true);
  expect(engine.hostMode).toBe('sef');
});
afterAll(() => engine.dispose());

function expectError(r: TransformResult) {
  if (r.ok) throw new Error('expected an error, got output: ' + r.output);
  return r.error;
}

describe('NodeSaxonEngine', () => {
  it('transforms with xs:string parameters and returns xsl:message output', async () => {
    const stylesheet = xsl(
      '<xsl:message>hallo <xsl:value-of select="$name"/></xsl:message>\n<out name="{$name}" n="{count(//item)}" t="{$n instance of xs:string}"><xsl:copy-of select="/a/item[1]"/></out>',
      '<xsl:param name="name" as="xs:string"/>\n<xsl:param name="n"/>\n',
    );
    const r = await engine.transform({ stylesheet, input: '<a><item k="1">x</item><item/></a>', params: { name: 'Müller & Söhne', n: '42' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.output).toBe('<?xml version="1.0" encoding="UTF-8"?><out name="Müller &amp; Söhne" n="2" t="true"><item k="1">x</item></out>');
    expect(r.messages).toEqual(['hallo Müller &amp; Söhne']);
    expect(r.timeMs).toBeGreaterThan(0);
    // Same stylesheet again: served from the compiled-SEF cache, new input and params.
    const r2 = await engine.transform({ stylesheet, input: '<a/>', params: { name: 'B', n: '1' } });
    expect(r2.ok && r2.output).toBe('<?xml version="1.0" encoding="UTF-8"?><out name="B" n="0" t="true"/>');
  });

  it('keeps xsl:output settings (text, indent) and result-document without href', async () => {
    const text = await engine.transform({ stylesheet: xsl('<xsl:value-of select="upper-case(/a)"/>', '<xsl:output method="text"/>\n'), input: '<a>abc</a>' });
    expect(text.ok && text.output).toBe('ABC');
    const rd = await engine.transform({ stylesheet: xsl('<xsl:result-document method="xml" indent="yes"><out><x/></out></xsl:result-document>'), input: '<a/>' });
    expect(rd.ok && rd.output).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<out>\n   <x/>\n</out>');
  });

  it('refuses bad parameter names', async () => {
    const e = expectError(await engine.transform({ stylesheet: xsl('<out/>'), input: '<a/>', params: { 'a b': 'x' } }));
    expect(e.kind).toBe('input');
  });

  it('reports malformed input with line and column', async () => {
    const e = expectError(await engine.transform({ stylesheet: xsl('<out/>'), input: '<a>\n  <b>1</a>\n' }));
    expect(e).toMatchObject({ kind: 'input', where: 'input', line: 2, column: 10 });
    expect(e.code).toBe('FODC0002');
    expect(e.message).toMatch(/wohlgeformt/);
  });

  it('reports an XPath syntax error with its code and stylesheet line', async () => {
    const e = expectError(await engine.transform({ stylesheet: xsl('<out>\n<xsl:value-of select="1 +"/></out>'), input: '<a/>' }));
    expect(e).toMatchObject({ kind: 'compile', code: 'XPST0003', line: 4, where: 'stylesheet' });
    expect(e.message).toContain('{1 +}');
    expect(e.message).not.toContain('regelwerk.invalid');
  });

  it('reports an unknown XSLT element and an undeclared variable with code and line', async () => {
    const e1 = expectError(await engine.transform({ stylesheet: xsl('\n\n<out><xsl:foo/></out>'), input: '<a/>' }));
    expect(e1).toMatchObject({ kind: 'compile', code: 'XTSE0010', line: 5, where: 'stylesheet' });
    const e2 = expectError(await engine.transform({ stylesheet: xsl('<out><xsl:value-of select="$nope"/></out>'), input: '<a/>' }));
    expect(e2).toMatchObject({ kind: 'compile', code: 'XPST0008', line: 3 });
  });

  it('reports a stylesheet that is not well-formed XML with line and column', async () => {
    const e = expectError(await engine.transform({ stylesheet: xsl('<out>\n'), input: '<a/>' }));
    expect(e).toMatchObject({ kind: 'compile', where: 'stylesheet', line: 5 });
    expect(e.column).toBeGreaterThan(0);
  });

  it('reports xsl:message terminate="yes", error() and dynamic errors with code and line', async () => {
    const t = await engine.transform({ stylesheet: xsl('\n<out><xsl:message terminate="yes">Abbruch!</xsl:message></out>'), input: '<a/>' });
    expect(expectError(t)).toMatchObject({ kind: 'runtime', code: 'XTMM9000', line: 4, where: 'stylesheet' });
    expect(t.messages).toEqual(['Abbruch!']);
    const coded = await engine.transform({ stylesheet: xsl('<out><xsl:message terminate="yes" error-code="app:E42" xmlns:app="urn:x">x</xsl:message></out>'), input: '<a/>' });
    expect(expectError(coded).code).toBe('Q{urn:x}E42');
    const e = expectError(await engine.transform({ stylesheet: xsl("\n<xsl:sequence select=\"error(QName('urn:app', 'E1'), 'kaputt')\"/>"), input: '<a/>' }));
    expect(e).toMatchObject({ kind: 'runtime', code: 'Q{urn:app}E1', message: 'kaputt', line: 4 });
    const std = expectError(await engine.transform({ stylesheet: xsl("<xsl:sequence select=\"error(xs:QName('err:FOER0000'), 'std')\" xmlns:err=\"http://www.w3.org/2005/xqt-errors\"/>"), input: '<a/>' }));
    expect(std.code).toBe('FOER0000');
    const cast = expectError(await engine.transform({ stylesheet: xsl('<out><xsl:value-of select="xs:integer(/a)"/></out>'), input: '<a>abc</a>' }));
    expect(cast).toMatchObject({ kind: 'runtime', code: 'FORG0001', line: 3 });
  });

  it('stops an endless loop at the time limit and works again afterwards', async () => {
    const loop = xsl('<out><xsl:iterate select="1 to 100000000000"><xsl:next-iteration/></xsl:iterate></out>');
    const t0 = performance.now();
    const r = await engine.transform({ stylesheet: loop, input: '<a/>', timeoutMs: 1500 });
    const elapsed = performance.now() - t0;
    expect(expectError(r)).toMatchObject({ kind: 'timeout', code: 'runner.timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(4000);
    const ok = await engine.transform({ stylesheet: xsl('<ok/>'), input: '<a/>' });
    expect(ok.ok && ok.output).toContain('<ok/>');
  });

  it('stops an infinitely recursive template and works again afterwards', async () => {
    // With the worker's 64 MB stack this recursion runs for seconds before the stack overflows, so the
    // time limit normally ends it; a stack overflow first is reported as a runtime error instead.
    const rec = xsl(
      '<xsl:call-template name="r"><xsl:with-param name="n" select="1"/></xsl:call-template>',
      '<xsl:template name="r"><xsl:param name="n"/><x><xsl:call-template name="r"><xsl:with-param name="n" select="$n + 1"/></xsl:call-template></x></xsl:template>\n',
    );
    const t0 = performance.now();
    const e = expectError(await engine.transform({ stylesheet: rec, input: '<a/>', timeoutMs: 1500 }));
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(['runner.timeout', 'runner.stack-overflow']).toContain(e.code);
    expect(e.kind === 'timeout' || e.kind === 'runtime').toBe(true);
    const ok = await engine.transform({ stylesheet: xsl('<ok/>'), input: '<a/>' });
    expect(ok.ok && ok.output).toContain('<ok/>');
  });

  it('reports a stack overflow as a runtime error, not a crash', async () => {
    const small = createNodeEngine({ stackSizeMb: 4 });
    try {
      const e = expectError(await small.transform({ stylesheet: xsl('<xsl:apply-templates select="."/>'), input: '<a/>', timeoutMs: 20000 }));
      expect(e).toMatchObject({ kind: 'runtime', code: 'runner.stack-overflow' });
      const ok = await small.transform({ stylesheet: xsl('<ok/>'), input: '<a/>' });
      expect(ok.ok).toBe(true);
    } finally {
      small.dispose();
    }
  });

  it('cancels a running request through its AbortSignal and keeps working', async () => {
    const ac = new AbortController();
    const loop = xsl('<out><xsl:iterate select="1 to 100000000000"><xsl:next-iteration/></xsl:iterate></out>');
    const p = engine.transform({ stylesheet: loop, input: '<a/>', signal: ac.signal, timeoutMs: 30000 });
    const queued = engine.transform({ stylesheet: xsl('<after/>'), input: '<a/>' });
    setTimeout(() => ac.abort(), 300);
    expect(expectError(await p)).toMatchObject({ kind: 'cancelled' });
    const q = await queued;
    expect(q.ok && q.output).toContain('<after/>');
  });

  it('runs queued requests in order, each with its own result', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => engine.transform({ stylesheet: xsl('<n v="{$v}"/>', '<xsl:param name="v"/>\n'), input: '<a/>', params: { v: String(i) } })),
    );
    expect(results.map((r) => (r.ok ? r.output.replace(/^<\?xml[^>]*\?>/, '') : 'ERR'))).toEqual(
      Array.from({ length: 6 }, (_, i) => `<n v="${i}"/>`),
    );
  });
});

describe('NodeSaxonEngine, compiler and runner workers', () => {
  it('stops a stylesheet whose compilation does not end, and compiles again afterwards', async () => {
    const e = createNodeEngine();
    try {
      // use-when is evaluated by the compiler: this loops in the compiler worker, not the runner.
      const endless = xsl('<out/>', '<xsl:variable name="v" select="1" use-when="count((1 to 100000000000)[. lt 0]) = 0"/>\n');
      expect(expectError(await e.transform({ stylesheet: endless, input: '<a/>', timeoutMs: 1500 }))).toMatchObject({ kind: 'timeout' });
      const ok = await e.transform({ stylesheet: xsl('<fine/>'), input: '<a/>' });
      expect(ok.ok && ok.output).toContain('<fine/>');
    } finally {
      e.dispose();
    }
  });

  it('re-sends a cached SEF to a runner that replaced a timed-out one', async () => {
    const e = createNodeEngine();
    try {
      const rule = xsl('<v n="{$n}"/>', '<xsl:param name="n"/>\n');
      expect((await e.transform({ stylesheet: rule, input: '<a/>', params: { n: '1' } })).ok).toBe(true);
      const loop = xsl('<out><xsl:iterate select="1 to 100000000000"><xsl:next-iteration/></xsl:iterate></out>');
      expect(expectError(await e.transform({ stylesheet: loop, input: '<a/>', timeoutMs: 1000 })).kind).toBe('timeout');
      const again = await e.transform({ stylesheet: rule, input: '<a/>', params: { n: '2' } });
      expect(again.ok && again.output).toContain('<v n="2"/>');
    } finally {
      e.dispose();
    }
  });

  it('keeps working with more distinct rules than the SEF caches hold', async () => {
    const e = createNodeEngine();
    try {
      const rules = Array.from({ length: 18 }, (_, i) => xsl(`<r${i}/>`));
      for (const stylesheet of rules) expect((await e.transform({ stylesheet, input: '<a/>' })).ok).toBe(true);
      const first = await e.transform({ stylesheet: rules[0], input: '<a/>' });
      expect(first.ok && first.output).toContain('<r0/>');
    } finally {
      e.dispose();
    }
  });

  it('also works with a single worker (separateCompiler: false)', async () => {
    const e = createNodeEngine({ separateCompiler: false });
    try {
      const ok = await e.transform({ stylesheet: xsl('<v n="{$n}"/>', '<xsl:param name="n"/>\n'), input: '<a/>', params: { n: '3' } });
      expect(ok.ok && ok.output).toContain('<v n="3"/>');
      const c = await e.transform({ stylesheet: xsl('<out><xsl:value-of select="1 +"/></out>'), input: '<a/>' });
      expect(expectError(c)).toMatchObject({ kind: 'compile', code: 'XPST0003', line: 3 });
      const loop = xsl('<out><xsl:iterate select="1 to 100000000000"><xsl:next-iteration/></xsl:iterate></out>');
      expect(expectError(await e.transform({ stylesheet: loop, input: '<a/>', timeoutMs: 1000 })).kind).toBe('timeout');
      expect((await e.transform({ stylesheet: xsl('<x/>'), input: '<a/>' })).ok).toBe(true);
    } finally {
      e.dispose();
    }
  });

  it('fails cleanly after dispose', async () => {
    const e = createNodeEngine();
    e.dispose();
    expect(expectError(await e.transform({ stylesheet: xsl('<x/>'), input: '<a/>' }))).toMatchObject({ kind: 'internal', code: 'runner.disposed' });
  });
});

describe('NodeSaxonEngine, fn:transform fallback mode', () => {
  it('gives the same results when SEF compilation is not available', async () => {
    const e = createNodeEngine({ hostMode: 'xpath' });
    try {
      expect(await e.warmUp()).toBe(true);
      expect(e.hostMode).toBe('xpath');
      const ok = await e.transform({ stylesheet: xsl('<out p="{$p}"><xsl:copy-of select="/a"/></out>', '<xsl:param name="p"/>\n'), input: '<a>1</a>', params: { p: 'x' } });
      expect(ok.ok && ok.output).toBe('<?xml version="1.0" encoding="UTF-8"?><out p="x"><a>1</a></out>');
      const c = await e.transform({ stylesheet: xsl('<out><xsl:value-of select="1 +"/></out>'), input: '<a/>' });
      expect(expectError(c)).toMatchObject({ kind: 'compile', code: 'XPST0003', line: 3 });
      const r = await e.transform({ stylesheet: xsl('<out><xsl:value-of select="xs:integer(/a)"/></out>'), input: '<a>x</a>' });
      expect(expectError(r)).toMatchObject({ kind: 'runtime', code: 'FORG0001' });
    } finally {
      e.dispose();
    }
  });
});
