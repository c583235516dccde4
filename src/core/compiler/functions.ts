/**
 * The function library of the mapper. Each function knows how to write itself as XPath 3.1 from the
 * XPath of its arguments; the UI lists them in the palette by category.
 */
export type FunctionCategory = 'string' | 'number' | 'date' | 'boolean';

export interface FunctionDef {
  id: string;
  category: FunctionCategory;
  label: { de: string; en: string };
  /** Argument names (for the inspector); variadic functions repeat the last one. */
  params: string[];
  variadic?: boolean;
  /** Minimum number of arguments. */
  minArgs: number;
  toXPath(args: string[]): string;
}

const str = (a: string) => `string(${a})`;

const defs: FunctionDef[] = [
  { id: 'concat', category: 'string', label: { de: 'Verketten', en: 'Concatenate' }, params: ['Wert'], variadic: true, minArgs: 2, toXPath: (a) => `concat(${a.join(', ')})` },
  { id: 'join', category: 'string', label: { de: 'Verbinden mit Trenner', en: 'Join with separator' }, params: ['Werte', 'Trenner'], minArgs: 2, toXPath: (a) => `string-join(${a[0]}, ${a[1]})` },
  { id: 'upper-case', category: 'string', label: { de: 'Großbuchstaben', en: 'Upper case' }, params: ['Text'], minArgs: 1, toXPath: (a) => `upper-case(${a[0]})` },
  { id: 'lower-case', category: 'string', label: { de: 'Kleinbuchstaben', en: 'Lower case' }, params: ['Text'], minArgs: 1, toXPath: (a) => `lower-case(${a[0]})` },
  { id: 'normalize-space', category: 'string', label: { de: 'Leerraum normalisieren', en: 'Normalize space' }, params: ['Text'], minArgs: 1, toXPath: (a) => `normalize-space(${a[0]})` },
  { id: 'substring', category: 'string', label: { de: 'Teilstring', en: 'Substring' }, params: ['Text', 'Start', 'Länge'], minArgs: 2, toXPath: (a) => `substring(${a.join(', ')})` },
  { id: 'replace', category: 'string', label: { de: 'Ersetzen (Regex)', en: 'Replace (regex)' }, params: ['Text', 'Muster', 'Ersatz'], minArgs: 3, toXPath: (a) => `replace(${a[0]}, ${a[1]}, ${a[2]})` },
  { id: 'pad-left', category: 'string', label: { de: 'Links auffüllen', en: 'Pad left' }, params: ['Text', 'Länge', 'Zeichen'], minArgs: 3, toXPath: (a) => `substring(concat(string-join((1 to xs:integer(${a[1]})) ! (${a[2]})), ${str(a[0])}), string-length(${str(a[0])}) + 1)` },
  { id: 'split', category: 'string', label: { de: 'Zerlegen', en: 'Split' }, params: ['Text', 'Muster'], minArgs: 2, toXPath: (a) => `tokenize(${a[0]}, ${a[1]})` },
  { id: 'add', category: 'number', label: { de: 'Addieren', en: 'Add' }, params: ['a', 'b'], minArgs: 2, toXPath: (a) => `(${a[0]} + ${a[1]})` },
  { id: 'subtract', category: 'number', label: { de: 'Subtrahieren', en: 'Subtract' }, params: ['a', 'b'], minArgs: 2, toXPath: (a) => `(${a[0]} - ${a[1]})` },
  { id: 'multiply', category: 'number', label: { de: 'Multiplizieren', en: 'Multiply' }, params: ['a', 'b'], minArgs: 2, toXPath: (a) => `(${a[0]} * ${a[1]})` },
  { id: 'divide', category: 'number', label: { de: 'Dividieren', en: 'Divide' }, params: ['a', 'b'], minArgs: 2, toXPath: (a) => `(${a[0]} div ${a[1]})` },
  { id: 'round', category: 'number', label: { de: 'Runden', en: 'Round' }, params: ['Zahl', 'Stellen'], minArgs: 1, toXPath: (a) => (a.length > 1 ? `round(number(${a[0]}), ${a[1]})` : `round(number(${a[0]}))`) },
  { id: 'count', category: 'number', label: { de: 'Anzahl', en: 'Count' }, params: ['Felder'], minArgs: 1, toXPath: (a) => `count(${a[0]})` },
  { id: 'sum', category: 'number', label: { de: 'Summe', en: 'Sum' }, params: ['Felder'], minArgs: 1, toXPath: (a) => `sum(${a[0]})` },
  { id: 'format-number', category: 'number', label: { de: 'Zahl formatieren', en: 'Format number' }, params: ['Zahl', 'Bild'], minArgs: 2, toXPath: (a) => `format-number(number(${a[0]}), ${a[1]})` },
  { id: 'date-from-amt24', category: 'date', label: { de: 'Datum aus Amt24-Zeitstempel', en: 'Date from Amt24 timestamp' }, params: ['Zeitstempel'], minArgs: 1, toXPath: (a) => `xs:date(substring(${a[0]}, 1, 10))` },
  { id: 'datetime-from-amt24', category: 'date', label: { de: 'Zeitpunkt aus Amt24-Zeitstempel', en: 'Date-time from Amt24 timestamp' }, params: ['Zeitstempel'], minArgs: 1, toXPath: (a) => `xs:dateTime(${a[0]})` },
  { id: 'date-from-german', category: 'date', label: { de: 'Datum aus TT.MM.JJJJ', en: 'Date from dd.MM.yyyy' }, params: ['Text'], minArgs: 1, toXPath: (a) => `xs:date(replace(normalize-space(${a[0]}), '^(\\d{2})\\.(\\d{2})\\.(\\d{4})$', '$3-$2-$1'))` },
  { id: 'format-date', category: 'date', label: { de: 'Datum formatieren', en: 'Format date' }, params: ['Datum', 'Bild'], minArgs: 2, toXPath: (a) => `format-date(xs:date(${a[0]}), ${a[1]})` },
  { id: 'today', category: 'date', label: { de: 'Heute', en: 'Today' }, params: [], minArgs: 0, toXPath: () => `current-date()` },
  { id: 'equals', category: 'boolean', label: { de: 'Gleich', en: 'Equals' }, params: ['a', 'b'], minArgs: 2, toXPath: (a) => `(${a[0]} = ${a[1]})` },
  { id: 'not', category: 'boolean', label: { de: 'Nicht', en: 'Not' }, params: ['Bedingung'], minArgs: 1, toXPath: (a) => `not(${a[0]})` },
  { id: 'and', category: 'boolean', label: { de: 'Und', en: 'And' }, params: ['Bedingung'], variadic: true, minArgs: 2, toXPath: (a) => `(${a.join(' and ')})` },
  { id: 'or', category: 'boolean', label: { de: 'Oder', en: 'Or' }, params: ['Bedingung'], variadic: true, minArgs: 2, toXPath: (a) => `(${a.join(' or ')})` },
  { id: 'exists', category: 'boolean', label: { de: 'Vorhanden', en: 'Exists' }, params: ['Feld'], minArgs: 1, toXPath: (a) => `exists(${a[0]})` },
  { id: 'empty', category: 'boolean', label: { de: 'Leer', en: 'Empty' }, params: ['Feld'], minArgs: 1, toXPath: (a) => `(normalize-space(${a[0]}) = '')` },
  { id: 'if', category: 'boolean', label: { de: 'Wenn – dann – sonst', en: 'If – then – else' }, params: ['Bedingung', 'Dann', 'Sonst'], minArgs: 3, toXPath: (a) => `(if (${a[0]}) then ${a[1]} else ${a[2]})` },
];

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(defs.map((d) => [d.id, d]));
