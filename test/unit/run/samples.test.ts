import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { checkJson, decodeXml } from '../../../src/ui/samples/decode.ts';

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe('uploaded sample files', () => {
  it('decodes by BOM, then by the declared encoding, else UTF-8', () => {
    expect(decodeXml(latin1('<?xml version="1.0" encoding="ISO-8859-1"?><n>Müller</n>'))).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><n>Müller</n>');
    expect(decodeXml(new TextEncoder().encode('<n>Müller</n>'))).toBe('<n>Müller</n>');
    expect(decodeXml(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<n>ß</n>')]))).toBe('<n>ß</n>');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'<n>é</n>'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeXml(utf16)).toBe('<n>é</n>');
    expect(decodeXml(latin1('<?xml version="1.0" encoding="x-unknown"?><n/>'))).toBe('<?xml version="1.0" encoding="x-unknown"?><n/>');
  });

  it('locates a JSON syntax error', () => {
    expect(checkJson('{"a": 1}').status).toBe('valid');
    const r = checkJson('{\n  "a": 1,\n  "b": }');
    expect(r.status).toBe('malformed');
    expect(r.issues[0].line).toBe(3);
  });
});

describe('a rule that builds a huge output', () => {
  const engine = createNodeEngine({ maxOldGenerationSizeMb: 384 });
  afterAll(() => engine.dispose());

  it('is stopped (time limit or memory), its worker replaced, and the next rule runs', async () => {
    const huge = `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><out><xsl:for-each select="1 to 200000000"><x n="{.}">Zeile <xsl:value-of select="."/></x></xsl:for-each></out></xsl:template></xsl:stylesheet>`;
    const t0 = Date.now();
    const r = await engine.transform({ stylesheet: huge, input: '<a/>', timeoutMs: 3000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['runner.timeout', 'runner.out-of-memory']).toContain(r.error.code);
    expect(Date.now() - t0).toBeLessThan(20_000);
    const ok = await engine.transform({ stylesheet: '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><ok/></xsl:template></xsl:stylesheet>', input: '<a/>' });
    expect(ok.ok && ok.output).toContain('<ok/>');
  });
});

describe('JSON error positions', () => {
  it('agrees with JSON.parse on what is valid', () => {
    const cases = ['{}', '[]', '{"a":[1,2.5e3,-0,true,false,null,"x\\"y"]}', ' {"a" : {"b": []}} ', '{', '{"a":}', '[1,]', '{"a" 1}', '"abc', 'tru', '01', '{"a":1} x', '', '[1 2]'];
    for (const c of cases) {
      let ok = true;
      try {
        JSON.parse(c);
      } catch {
        ok = false;
      }
      expect({ c, ok: checkJson(c).status === 'valid' }).toEqual({ c, ok });
    }
  });
});
