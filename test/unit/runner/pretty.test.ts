/** prettyPrintXml: 2-space indentation that keeps text, attributes, comments, CDATA and namespaces. */
import { describe, expect, it } from 'vitest';
import { prettyPrintXml } from '../../../src/core/runner/engine.ts';

describe('prettyPrintXml', () => {
  it('indents nested elements by two spaces and keeps the XML declaration', () => {
    expect(prettyPrintXml('<?xml version="1.0" encoding="UTF-8"?><a><b><c>1</c><d/></b><e></e></a>')).toBe(
      ['<?xml version="1.0" encoding="UTF-8"?>', '<a>', '  <b>', '    <c>1</c>', '    <d/>', '  </b>', '  <e></e>', '</a>'].join('\n'),
    );
  });

  it('keeps attributes, namespace declarations and quoting exactly as written', () => {
    const xml = `<p:a xmlns:p="urn:p" xmlns="urn:d" x='1 > 0' y="&quot;q&quot;"><p:b z="a&amp;b">t</p:b></p:a>`;
    expect(prettyPrintXml(xml)).toBe([`<p:a xmlns:p="urn:p" xmlns="urn:d" x='1 > 0' y="&quot;q&quot;">`, '  <p:b z="a&amp;b">t</p:b>', '</p:a>'].join('\n'));
  });

  it('keeps text content exactly, including surrounding spaces and entities', () => {
    expect(prettyPrintXml('<a><b>  two  spaces &lt;x&gt; </b><c>\n</c></a>')).toBe(['<a>', '  <b>  two  spaces &lt;x&gt; </b>', '  <c>\n</c>', '</a>'].join('\n'));
  });

  it('keeps comments, processing instructions and CDATA', () => {
    expect(prettyPrintXml('<!-- head --><a><!-- c --><?pi data?><b><![CDATA[<raw> & ]]></b></a>')).toBe(
      ['<!-- head -->', '<a>', '  <!-- c -->', '  <?pi data?>', '  <b><![CDATA[<raw> & ]]></b>', '</a>'].join('\n'),
    );
  });

  it('leaves mixed content alone', () => {
    const xml = '<doc><p>Hello <b>bold</b> and <i>it</i>.</p><q>x</q></doc>';
    expect(prettyPrintXml(xml)).toBe(['<doc>', '  <p>Hello <b>bold</b> and <i>it</i>.</p>', '  <q>x</q>', '</doc>'].join('\n'));
  });

  it('leaves xml:space="preserve" subtrees alone', () => {
    const xml = '<a><pre xml:space="preserve">\n  <x/>\n</pre><b><c/></b></a>';
    expect(prettyPrintXml(xml)).toBe(['<a>', '  <pre xml:space="preserve">\n  <x/>\n</pre>', '  <b>', '    <c/>', '  </b>', '</a>'].join('\n'));
  });

  it('re-indents already indented XML (idempotent)', () => {
    const once = prettyPrintXml('<a>\n    <b>\n\t<c>1</c>\n    </b>\n</a>\n');
    expect(once).toBe('<a>\n  <b>\n    <c>1</c>\n  </b>\n</a>\n');
    expect(prettyPrintXml(once)).toBe(once);
  });

  it('keeps a DOCTYPE with an internal subset', () => {
    expect(prettyPrintXml('<!DOCTYPE a [<!ELEMENT a (b)>]><a><b/></a>')).toBe('<!DOCTYPE a [<!ELEMENT a (b)>]>\n<a>\n  <b/>\n</a>');
  });

  it('keeps the SaxonJS indent="yes" output shape but with two spaces', () => {
    expect(prettyPrintXml('<?xml version="1.0" encoding="UTF-8"?>\n<out>\n   <x/>\n</out>')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<out>\n  <x/>\n</out>');
  });

  it('returns malformed input unchanged', () => {
    expect(prettyPrintXml('<a><b></a')).toBe('<a><b></a');
    expect(prettyPrintXml('plain text')).toBe('plain text');
  });
});
