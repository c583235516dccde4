/** Turning SaxonJS errors (as seen from SaxonJS 2.7) into TransformErrors. */
import { describe, expect, it } from 'vitest';
import { normalizeErrorCode, toTransformError } from '../../../src/core/runner/engine.ts';

describe('toTransformError', () => {
  it('strips the standard error namespace from codes and keeps others as EQNames', () => {
    expect(normalizeErrorCode('Q{http://www.w3.org/2005/xqt-errors}XTDE0640')).toBe('XTDE0640');
    expect(normalizeErrorCode('FORG0001')).toBe('FORG0001');
    expect(normalizeErrorCode('Q{urn:app}E1')).toBe('Q{urn:app}E1');
    expect(normalizeErrorCode('')).toBeUndefined();
  });

  it('takes the line from a static XPath error message', () => {
    const e = toTransformError(
      {
        name: 'XError',
        code: 'Q{http://www.w3.org/2005/xqt-errors}XPST0003',
        message: 'Static error in XPath on line 12 in regelwerk.invalid/regelwerk-rule.xsl {1 +}: Unexpected token <eof> at start of expression',
        xsltLineNr: 966,
        xsltModule: 'xpath.xsl',
      },
      'compile',
    );
    expect(e).toEqual({ kind: 'compile', code: 'XPST0003', line: 12, where: 'stylesheet', message: 'Static error in XPath {1 +}: Unexpected token <eof> at start of expression' });
  });

  it('takes the line from errorObject for XSLT static errors, not the compiler module line', () => {
    const e = toTransformError(
      { code: 'Q{http://www.w3.org/2005/xqt-errors}XTSE0010', message: 'xsl:foo is not a known XSLT element', errorObject: ' on line 7 in /https://regelwerk.invalid/regelwerk-rule.xsl', xsltLineNr: 94, xsltModule: 'normalize.xsl' },
      'compile',
    );
    expect(e).toMatchObject({ kind: 'compile', code: 'XTSE0010', line: 7 });
  });

  it('takes the line of a dynamic error from xsltLineNr when it is in the rule', () => {
    const e = toTransformError({ code: 'FORG0001', message: 'Supplied value "x" is not a valid xs:integer', xsltLineNr: 5, xsltModule: 'regelwerk-rule.xsl' }, 'run');
    expect(e).toEqual({ kind: 'runtime', code: 'FORG0001', line: 5, where: 'stylesheet', message: 'Supplied value "x" is not a valid xs:integer' });
  });

  it('turns 0-based parser lines into 1-based lines for the input', () => {
    expect(toTransformError({ code: 'FODC0002', message: 'Unexpected close tag at line 1 column 10' }, 'input')).toMatchObject({ kind: 'input', line: 2, column: 10, where: 'input' });
  });

  it('maps a JavaScript stack overflow to runner.stack-overflow', () => {
    expect(toTransformError(new RangeError('Maximum call stack size exceeded'), 'run')).toMatchObject({ kind: 'runtime', code: 'runner.stack-overflow' });
  });

  it('maps the host sandbox code and disabled JavaScript namespaces to kind sandbox', () => {
    expect(toTransformError({ code: 'Q{urn:regelwerk:sandbox}DENIED', message: 'Zugriff verweigert (Sandbox): read file:///x' }, 'run').kind).toBe('sandbox');
    expect(toTransformError({ code: 'SXJS0003', message: 'Unknown function namespace http://saxonica.com/ns/interactiveXSLT' }, 'run').kind).toBe('sandbox');
  });
});
