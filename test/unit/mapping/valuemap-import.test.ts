import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGenericode, valueMapFromGenericode, valueMapRowsFromCsv } from '../../../src/core/mapping/valuemap-import.ts';

const CL = resolve(import.meta.dirname, '../../../samples/gewerbeanmeldung/schemas/xdomea-3.0.0/xdomea_3.0.0/code_lists');

describe('value maps from genericode and CSV', () => {
  it('reads a real xdomea code list and builds description → code', () => {
    const r = readGenericode(readFileSync(join(CL, 'Medium_1.0.xml'), 'utf8'), 'Medium_1.0.xml');
    expect(r.diagnostics).toEqual([]);
    expect(r.list?.uri).toBe('urn:xoev-de:xdomea:codeliste:medium');
    expect(r.list?.columns.map((c) => c.id)).toEqual(['code', 'beschreibung']);
    const vm = valueMapFromGenericode(r.list!, 'medium', 'beschreibung', 'code');
    expect(vm.rows.length).toBe(3);
    expect(vm.rows.find((x) => x.to === '001')?.from).toMatch(/lektronisch/);
  });

  it('refuses a file that is not a code list, with its line', () => {
    expect(readGenericode('<a/>', 'x.xml').diagnostics[0]).toMatchObject({ code: 'genericode.not-a-codelist', location: { file: 'x.xml', line: 1 } });
    expect(readGenericode('<a>', 'x.xml').diagnostics[0].code).toBe('xml.not-well-formed');
  });

  it('reads CSV with header, quotes and semicolons, and lists broken rows with line numbers', () => {
    const r = valueMapRowsFromCsv('von;nach\nGmbH;06\n"GmbH & Co. KG";"05"\nkaputt\n"offen;1\n');
    expect(r.rows).toEqual([
      { from: 'GmbH', to: '06' },
      { from: 'GmbH & Co. KG', to: '05' },
    ]);
    expect(r.diagnostics.map((d) => d.location?.line)).toEqual([4, 5]);
  });
});
