/**
 * The runner keeps the last input it parsed under the engine's inputKey and reuses it for the next run
 * (a live preview's unchanged sample). SaxonJS keeps run state on the source document: these tests run
 * pairs of stylesheets that would see each other's state (same key name, same accumulator name,
 * whitespace stripping) on one kept document, and compare every output with a run on a fresh parse.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine, type NodeSaxonEngine } from '../../../src/core/runner/saxon-node.ts';
import { WorkerXsltEngine, type HostRequest, type HostResponse } from '../../../src/core/runner/worker-engine.ts';
import { xsl } from './helpers.ts';

const require = createRequire(import.meta.url);
type Host = { handle(req: HostRequest): HostResponse };
const newHost = (): Host => require('../../../src/core/runner/saxon-host.cjs')(require('saxon-js'), {});

const INPUT = '<r>\n  <i id="x" a="1" b="2"/>\n  <i id="y" a="2" b="1"/>\n  <c><![CDATA[1 < 2]]></c>\n</r>';
const RULES = {
  keyA: xsl('<o><xsl:value-of select="key(\'k\', \'1\')/@id"/></o>', '<xsl:key name="k" match="i" use="@a"/>\n'),
  keyB: xsl('<o><xsl:value-of select="key(\'k\', \'1\')/@id"/></o>', '<xsl:key name="k" match="i" use="@b"/>\n'),
  strip: xsl('<o><xsl:value-of select="count(//text())"/></o>', '<xsl:strip-space elements="*"/>\n'),
  texts: xsl('<o><xsl:value-of select="count(//text()), string(/r/c)"/></o>'),
  accA: xsl(
    '<o><xsl:value-of select="accumulator-after(\'n\')"/></o>',
    '<xsl:mode use-accumulators="n"/><xsl:accumulator name="n" initial-value="0"><xsl:accumulator-rule match="i" select="$value + 1"/></xsl:accumulator>\n',
  ),
  accB: xsl(
    '<o><xsl:value-of select="accumulator-after(\'n\')"/></o>',
    '<xsl:mode use-accumulators="n"/><xsl:accumulator name="n" initial-value="100"><xsl:accumulator-rule match="i" select="$value + 10"/></xsl:accumulator>\n',
  ),
};

/** An output without its XML declaration. */
const body = (out: string) => out.replace(/^<\?xml[^>]*\?>/, '');

function output(r: HostResponse): string {
  if (!r.ok) throw new Error(`run failed: ${r.error.message}`);
  return body(r.output ?? '');
}

describe('saxon-host: the kept input', () => {
  let id = 0;
  /** The output of a rule on a fresh parse of INPUT (no key: nothing kept). */
  const fresh = (stylesheet: string) => output(newHost().handle({ op: 'run', id: ++id, stylesheet, input: INPUT }));

  it('is reused without the text, and a run on it gives what a fresh parse gives, whatever ran before', () => {
    const host = newHost();
    const order = ['keyA', 'keyB', 'texts', 'accA', 'keyA', 'accB', 'texts', 'strip', 'texts', 'keyB'] as const;
    let first = true;
    for (const name of order) {
      // The text goes along only when the host said it no longer keeps the document.
      const r = host.handle({ op: 'run', id: ++id, stylesheet: RULES[name], inputKey: 7, ...(first ? { input: INPUT } : {}) });
      const got = r.ok || !r.missingInput ? output(r) : output(host.handle({ op: 'run', id: ++id, stylesheet: RULES[name], inputKey: 7, input: INPUT }));
      expect(got, name).toBe(fresh(RULES[name]));
      first = false;
    }
    expect(fresh(RULES.keyA)).toBe('<o>x</o>');
    expect(fresh(RULES.keyB)).toBe('<o>y</o>');
    expect(fresh(RULES.texts)).toBe('<o>5 1 &lt; 2</o>');
    expect(fresh(RULES.strip)).toBe('<o>1</o>');
    expect(fresh(RULES.accB)).toBe('<o>120</o>');
  });

  it('says whether it kept the document: not after whitespace stripping or an accumulator', () => {
    const host = newHost();
    const run = (stylesheet: string, input?: string) => host.handle({ op: 'run', id: ++id, stylesheet, inputKey: 1, ...(input ? { input } : {}) });
    expect(run(RULES.keyA, INPUT)).toMatchObject({ ok: true, inputKept: true });
    expect(run(RULES.keyB)).toMatchObject({ ok: true, inputKept: true });
    expect(run(RULES.strip)).toMatchObject({ ok: true, inputKept: false });
    expect(run(RULES.texts)).toMatchObject({ ok: false, missingInput: true });
    expect(run(RULES.accA, INPUT)).toMatchObject({ ok: true, inputKept: false });
    expect(run(RULES.texts)).toMatchObject({ ok: false, missingInput: true });
    // Another key replaces the kept document; a malformed input keeps nothing.
    expect(run(RULES.texts, INPUT)).toMatchObject({ ok: true, inputKept: true });
    expect(host.handle({ op: 'run', id: ++id, stylesheet: RULES.texts, inputKey: 2, input: '<r>' })).toMatchObject({ ok: false, phase: 'input', inputKept: false });
    expect(run(RULES.texts)).toMatchObject({ ok: false, missingInput: true });
  });
});

describe('WorkerXsltEngine: the input goes to the runner once', () => {
  it('leaves the text out while the runner keeps it, and sends it again when it does not', async () => {
    const sent: HostRequest[] = [];
    const engine = new WorkerXsltEngine((handlers) => {
      const host = newHost();
      queueMicrotask(() => handlers.message({ type: 'ready', mode: 'sef' }));
      return {
        post: (req) => {
          sent.push(req);
          queueMicrotask(() => handlers.message(host.handle(req)));
        },
        terminate: () => {},
      };
    }, { separateCompiler: false });
    try {
      for (const name of ['keyA', 'keyB', 'strip', 'texts', 'texts'] as const) {
        const r = await engine.transform({ stylesheet: RULES[name], input: INPUT });
        expect(r.ok && body(r.output), name).toBe(output(newHost().handle({ op: 'run', id: 0, stylesheet: RULES[name], input: INPUT })));
      }
      const posted = sent.filter((q) => q.op === 'run').map((q) => (q.op === 'run' && q.input !== undefined ? 'text' : 'key'));
      // keyA sends the text; keyB and strip use the kept document; strip leaves nothing kept, so the
      // first 'texts' sends the text again, and the second uses the kept document.
      expect(posted).toEqual(['text', 'key', 'key', 'text', 'key']);
      // Another input is sent with its text, under a new key.
      await engine.transform({ stylesheet: RULES.texts, input: '<r/>' });
      const last = sent[sent.length - 1];
      expect(last.op === 'run' && last.input).toBe('<r/>');
    } finally {
      engine.dispose();
    }
  });
});

describe('NodeSaxonEngine: runs on a kept input', () => {
  let engine: NodeSaxonEngine;
  beforeAll(async () => {
    engine = createNodeEngine();
    expect(await engine.warmUp()).toBe(true);
  });
  afterAll(() => engine.dispose());

  it('gives each rule its own result on the same sample, also after a runner was replaced', async () => {
    const ok = async (stylesheet: string) => {
      const r = await engine.transform({ stylesheet, input: INPUT });
      if (!r.ok) throw new Error(r.error.message);
      return body(r.output);
    };
    expect(await ok(RULES.keyA)).toBe('<o>x</o>');
    expect(await ok(RULES.keyB)).toBe('<o>y</o>');
    const loop = xsl('<out><xsl:iterate select="1 to 100000000000"><xsl:next-iteration/></xsl:iterate></out>');
    expect((await engine.transform({ stylesheet: loop, input: INPUT, timeoutMs: 1000 })).ok).toBe(false);
    expect(await ok(RULES.keyA)).toBe('<o>x</o>');
    expect(await ok(RULES.strip)).toBe('<o>1</o>');
    expect(await ok(RULES.texts)).toBe('<o>5 1 &lt; 2</o>');
  });
});
