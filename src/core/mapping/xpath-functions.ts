/**
 * The XPath 3.1 function library (fn: namespace, W3C "XPath and XQuery Functions and Operators 3.1") and the
 * XSLT 3.0 functions a rule may call, as plain data for the XPath editor's completion and help.
 * Left out on purpose: functions that read files, URIs or the environment (doc, collection,
 * unparsed-text, json-doc, environment-variable, transform, load-xquery-module, document …): a rule runs
 * sandboxed, without file or network access, so offering them would only lead to run-time errors.
 * A unit test checks every entry and arity against SaxonJS (`function-lookup`).
 */

export type XPathFunctionCategory =
  | 'accessor'
  | 'number'
  | 'string'
  | 'regex'
  | 'uri'
  | 'boolean'
  | 'duration'
  | 'date'
  | 'qname'
  | 'node'
  | 'sequence'
  | 'aggregate'
  | 'context'
  | 'function'
  | 'parse'
  | 'error'
  | 'xslt';

export interface XPathParam {
  name: string;
  type: string;
  optional: boolean;
  /** Optional parameters given together or not at all (format-date's language, calendar, place) share a group. */
  group?: number;
}

/** One function of the library; arities run from minArgs to maxArgs (Infinity for concat). */
export interface XPathFunction {
  name: string;
  params: XPathParam[];
  returns: string;
  minArgs: number;
  maxArgs: number;
  /** Every arity the function has (format-date: 2 and 5); for concat, minArgs up to minArgs + 3. */
  arities: number[];
  category: XPathFunctionCategory;
  doc: { de: string; en: string };
  /**
   * Where the function makes sense: 'loop' needs a loop item (current()), 'group' a group-by loop,
   * 'regex' an xsl:analyze-string (never in the mapper, listed for completeness of the help).
   */
  scope?: 'loop' | 'group' | 'regex';
}

// [name, params ('[..]' marks optional ones, all given together when it holds several, '...' a repeatable last one), return type, category, de, en, scope?]
type Row = [string, string, string, XPathFunctionCategory, string, string, XPathFunction['scope']?];

const ROWS: Row[] = [
  // Accessors
  ['string', '[$value as item()?]', 'xs:string', 'accessor', 'Zeichenkettenwert eines Elements oder Werts', 'String value of a node or value'],
  ['data', '[$input as item()*]', 'xs:anyAtomicType*', 'accessor', 'Typisierte Werte (Atomisierung)', 'Typed values (atomization)'],
  ['node-name', '[$node as node()?]', 'xs:QName?', 'accessor', 'Name eines Knotens als QName', 'Name of a node as a QName'],
  ['nilled', '[$node as node()?]', 'xs:boolean?', 'accessor', 'Ist das Element xsi:nil?', 'Is the element xsi:nil?'],
  ['base-uri', '[$node as node()?]', 'xs:anyURI?', 'accessor', 'Basis-URI eines Knotens', 'Base URI of a node'],
  ['document-uri', '[$node as node()?]', 'xs:anyURI?', 'accessor', 'URI des Dokuments', 'URI of the document'],
  // Errors and diagnostics
  ['error', '[$code as xs:QName?], [$description as xs:string], [$object as item()*]', 'none', 'error', 'Bricht die Regel mit einem Fehler ab', 'Stops the rule with an error'],
  ['trace', '$value as item()*, [$label as xs:string]', 'item()*', 'error', 'Gibt den Wert unverändert zurück und protokolliert ihn', 'Returns the value unchanged and logs it'],
  // Numbers
  ['number', '[$value as xs:anyAtomicType?]', 'xs:double', 'number', 'Wert als Zahl (NaN, wenn keine Zahl)', 'Value as a number (NaN if not a number)'],
  ['abs', '$value as xs:numeric?', 'xs:numeric?', 'number', 'Betrag', 'Absolute value'],
  ['ceiling', '$value as xs:numeric?', 'xs:numeric?', 'number', 'Aufrunden auf ganze Zahl', 'Round up to an integer'],
  ['floor', '$value as xs:numeric?', 'xs:numeric?', 'number', 'Abrunden auf ganze Zahl', 'Round down to an integer'],
  ['round', '$value as xs:numeric?, [$precision as xs:integer]', 'xs:numeric?', 'number', 'Kaufmännisch runden (auf Stellen)', 'Round half up (to a precision)'],
  ['round-half-to-even', '$value as xs:numeric?, [$precision as xs:integer]', 'xs:numeric?', 'number', 'Mathematisch runden (auf gerade)', 'Round half to even'],
  ['format-number', '$value as xs:numeric?, $picture as xs:string, [$decimal-format-name as xs:string?]', 'xs:string', 'number', "Zahl formatieren, z. B. '#.##0,00'", "Format a number, e.g. '#,##0.00'"],
  ['format-integer', '$value as xs:integer?, $picture as xs:string, [$language as xs:string?]', 'xs:string', 'number', "Ganze Zahl formatieren, z. B. '001', 'w', 'I'", "Format an integer, e.g. '001', 'w', 'I'"],
  ['random-number-generator', '[$seed as xs:anyAtomicType?]', 'map(xs:string, item())', 'number', 'Zufallszahlen-Generator', 'Random number generator'],
  // Strings
  ['concat', '$value1 as xs:anyAtomicType?, $value2 as xs:anyAtomicType?, ...', 'xs:string', 'string', 'Werte verketten', 'Concatenate values'],
  ['string-join', '$values as xs:anyAtomicType*, [$separator as xs:string]', 'xs:string', 'string', 'Folge mit Trenner verbinden', 'Join a sequence with a separator'],
  ['substring', '$value as xs:string?, $start as xs:double, [$length as xs:double]', 'xs:string', 'string', 'Teilstring ab Position (ab 1)', 'Substring from a position (1-based)'],
  ['substring-before', '$value as xs:string?, $substring as xs:string?, [$collation as xs:string]', 'xs:string', 'string', 'Text vor dem ersten Vorkommen', 'Text before the first occurrence'],
  ['substring-after', '$value as xs:string?, $substring as xs:string?, [$collation as xs:string]', 'xs:string', 'string', 'Text nach dem ersten Vorkommen', 'Text after the first occurrence'],
  ['string-length', '[$value as xs:string?]', 'xs:integer', 'string', 'Anzahl Zeichen', 'Number of characters'],
  ['normalize-space', '[$value as xs:string?]', 'xs:string', 'string', 'Leerraum kürzen und zusammenfassen', 'Trim and collapse whitespace'],
  ['normalize-unicode', '$value as xs:string?, [$form as xs:string]', 'xs:string', 'string', 'Unicode-Normalform (NFC …)', 'Unicode normal form (NFC …)'],
  ['upper-case', '$value as xs:string?', 'xs:string', 'string', 'In Großbuchstaben', 'To upper case'],
  ['lower-case', '$value as xs:string?', 'xs:string', 'string', 'In Kleinbuchstaben', 'To lower case'],
  ['translate', '$value as xs:string?, $replace as xs:string, $with as xs:string', 'xs:string', 'string', 'Zeichen einzeln ersetzen', 'Replace characters one by one'],
  ['contains', '$value as xs:string?, $substring as xs:string?, [$collation as xs:string]', 'xs:boolean', 'string', 'Enthält der Text den Teil?', 'Does the text contain the part?'],
  ['starts-with', '$value as xs:string?, $substring as xs:string?, [$collation as xs:string]', 'xs:boolean', 'string', 'Beginnt der Text damit?', 'Does the text start with it?'],
  ['ends-with', '$value as xs:string?, $substring as xs:string?, [$collation as xs:string]', 'xs:boolean', 'string', 'Endet der Text damit?', 'Does the text end with it?'],
  ['contains-token', '$value as xs:string*, $token as xs:string, [$collation as xs:string]', 'xs:boolean', 'string', 'Enthält die leerzeichengetrennte Liste das Wort?', 'Does the space-separated list contain the token?'],
  ['compare', '$value1 as xs:string?, $value2 as xs:string?, [$collation as xs:string]', 'xs:integer?', 'string', 'Vergleicht zwei Texte (-1, 0, 1)', 'Compares two strings (-1, 0, 1)'],
  ['codepoint-equal', '$value1 as xs:string?, $value2 as xs:string?', 'xs:boolean?', 'string', 'Gleich nach Codepunkten?', 'Equal by code points?'],
  ['codepoints-to-string', '$values as xs:integer*', 'xs:string', 'string', 'Zeichen aus Codepunkten', 'Characters from code points'],
  ['string-to-codepoints', '$value as xs:string?', 'xs:integer*', 'string', 'Codepunkte der Zeichen', 'Code points of the characters'],
  ['collation-key', '$value as xs:string, [$collation as xs:string]', 'xs:base64Binary', 'string', 'Sortierschlüssel nach Kollation', 'Sort key for a collation'],
  // Regular expressions
  ['matches', '$value as xs:string?, $pattern as xs:string, [$flags as xs:string]', 'xs:boolean', 'regex', 'Passt der Text zum regulären Ausdruck?', 'Does the text match the regular expression?'],
  ['replace', '$value as xs:string?, $pattern as xs:string, $replacement as xs:string, [$flags as xs:string]', 'xs:string', 'regex', 'Ersetzen per regulärem Ausdruck ($1 …)', 'Replace by regular expression ($1 …)'],
  ['tokenize', '$value as xs:string?, [$pattern as xs:string], [$flags as xs:string]', 'xs:string*', 'regex', 'Zerlegen am Muster (ohne Muster: an Leerraum)', 'Split at a pattern (no pattern: at whitespace)'],
  ['analyze-string', '$value as xs:string?, $pattern as xs:string, [$flags as xs:string]', 'element(fn:analyze-string-result)', 'regex', 'Treffer und Nicht-Treffer als XML', 'Matches and non-matches as XML'],
  // URIs
  ['encode-for-uri', '$value as xs:string?', 'xs:string', 'uri', 'Für URI-Teile kodieren (%20 …)', 'Encode for URI parts (%20 …)'],
  ['iri-to-uri', '$value as xs:string?', 'xs:string', 'uri', 'IRI in URI umwandeln', 'Convert an IRI to a URI'],
  ['escape-html-uri', '$value as xs:string?', 'xs:string', 'uri', 'URI für HTML maskieren', 'Escape a URI for HTML'],
  ['resolve-uri', '$relative as xs:string?, [$base as xs:string]', 'xs:anyURI?', 'uri', 'Relative URI auflösen', 'Resolve a relative URI'],
  // Booleans
  ['true', '', 'xs:boolean', 'boolean', 'Wahr', 'True'],
  ['false', '', 'xs:boolean', 'boolean', 'Falsch', 'False'],
  ['boolean', '$input as item()*', 'xs:boolean', 'boolean', 'Wahrheitswert (leer, "" und 0 sind falsch)', 'Effective boolean value (empty, "" and 0 are false)'],
  ['not', '$input as item()*', 'xs:boolean', 'boolean', 'Verneinung', 'Negation'],
  // Durations
  ['years-from-duration', '$value as xs:duration?', 'xs:integer?', 'duration', 'Jahre einer Dauer', 'Years of a duration'],
  ['months-from-duration', '$value as xs:duration?', 'xs:integer?', 'duration', 'Monate einer Dauer', 'Months of a duration'],
  ['days-from-duration', '$value as xs:duration?', 'xs:integer?', 'duration', 'Tage einer Dauer', 'Days of a duration'],
  ['hours-from-duration', '$value as xs:duration?', 'xs:integer?', 'duration', 'Stunden einer Dauer', 'Hours of a duration'],
  ['minutes-from-duration', '$value as xs:duration?', 'xs:integer?', 'duration', 'Minuten einer Dauer', 'Minutes of a duration'],
  ['seconds-from-duration', '$value as xs:duration?', 'xs:decimal?', 'duration', 'Sekunden einer Dauer', 'Seconds of a duration'],
  // Dates and times
  ['current-date', '', 'xs:date', 'date', 'Heutiges Datum', "Today's date"],
  ['current-dateTime', '', 'xs:dateTimeStamp', 'date', 'Jetziger Zeitpunkt', 'The current date and time'],
  ['current-time', '', 'xs:time', 'date', 'Jetzige Uhrzeit', 'The current time'],
  ['implicit-timezone', '', 'xs:dayTimeDuration', 'date', 'Zeitzone der Ausführung', 'Time zone of the run'],
  ['dateTime', '$date as xs:date?, $time as xs:time?', 'xs:dateTime?', 'date', 'Zeitpunkt aus Datum und Uhrzeit', 'Date-time from a date and a time'],
  ['format-date', '$value as xs:date?, $picture as xs:string, [$language as xs:string?, $calendar as xs:string?, $place as xs:string?]', 'xs:string?', 'date', "Datum formatieren, z. B. '[D01].[M01].[Y0001]'", "Format a date, e.g. '[D01].[M01].[Y0001]'"],
  ['format-dateTime', '$value as xs:dateTime?, $picture as xs:string, [$language as xs:string?, $calendar as xs:string?, $place as xs:string?]', 'xs:string?', 'date', 'Zeitpunkt formatieren', 'Format a date-time'],
  ['format-time', '$value as xs:time?, $picture as xs:string, [$language as xs:string?, $calendar as xs:string?, $place as xs:string?]', 'xs:string?', 'date', 'Uhrzeit formatieren', 'Format a time'],
  ['parse-ietf-date', '$value as xs:string?', 'xs:dateTime?', 'date', 'Datum im IETF/HTTP-Format lesen', 'Read an IETF/HTTP date'],
  ['year-from-date', '$value as xs:date?', 'xs:integer?', 'date', 'Jahr eines Datums', 'Year of a date'],
  ['month-from-date', '$value as xs:date?', 'xs:integer?', 'date', 'Monat eines Datums', 'Month of a date'],
  ['day-from-date', '$value as xs:date?', 'xs:integer?', 'date', 'Tag eines Datums', 'Day of a date'],
  ['timezone-from-date', '$value as xs:date?', 'xs:dayTimeDuration?', 'date', 'Zeitzone eines Datums', 'Time zone of a date'],
  ['year-from-dateTime', '$value as xs:dateTime?', 'xs:integer?', 'date', 'Jahr eines Zeitpunkts', 'Year of a date-time'],
  ['month-from-dateTime', '$value as xs:dateTime?', 'xs:integer?', 'date', 'Monat eines Zeitpunkts', 'Month of a date-time'],
  ['day-from-dateTime', '$value as xs:dateTime?', 'xs:integer?', 'date', 'Tag eines Zeitpunkts', 'Day of a date-time'],
  ['hours-from-dateTime', '$value as xs:dateTime?', 'xs:integer?', 'date', 'Stunde eines Zeitpunkts', 'Hours of a date-time'],
  ['minutes-from-dateTime', '$value as xs:dateTime?', 'xs:integer?', 'date', 'Minute eines Zeitpunkts', 'Minutes of a date-time'],
  ['seconds-from-dateTime', '$value as xs:dateTime?', 'xs:decimal?', 'date', 'Sekunden eines Zeitpunkts', 'Seconds of a date-time'],
  ['timezone-from-dateTime', '$value as xs:dateTime?', 'xs:dayTimeDuration?', 'date', 'Zeitzone eines Zeitpunkts', 'Time zone of a date-time'],
  ['hours-from-time', '$value as xs:time?', 'xs:integer?', 'date', 'Stunde einer Uhrzeit', 'Hours of a time'],
  ['minutes-from-time', '$value as xs:time?', 'xs:integer?', 'date', 'Minute einer Uhrzeit', 'Minutes of a time'],
  ['seconds-from-time', '$value as xs:time?', 'xs:decimal?', 'date', 'Sekunden einer Uhrzeit', 'Seconds of a time'],
  ['timezone-from-time', '$value as xs:time?', 'xs:dayTimeDuration?', 'date', 'Zeitzone einer Uhrzeit', 'Time zone of a time'],
  ['adjust-date-to-timezone', '$value as xs:date?, [$timezone as xs:dayTimeDuration?]', 'xs:date?', 'date', 'Datum in eine Zeitzone setzen', 'Adjust a date to a time zone'],
  ['adjust-dateTime-to-timezone', '$value as xs:dateTime?, [$timezone as xs:dayTimeDuration?]', 'xs:dateTime?', 'date', 'Zeitpunkt in eine Zeitzone umrechnen', 'Adjust a date-time to a time zone'],
  ['adjust-time-to-timezone', '$value as xs:time?, [$timezone as xs:dayTimeDuration?]', 'xs:time?', 'date', 'Uhrzeit in eine Zeitzone umrechnen', 'Adjust a time to a time zone'],
  // QNames
  ['QName', '$uri as xs:string?, $qname as xs:string', 'xs:QName', 'qname', 'QName aus Namensraum und Namen', 'QName from a namespace and a name'],
  ['resolve-QName', '$value as xs:string?, $element as element()', 'xs:QName?', 'qname', 'Präfix-Namen im Kontext eines Elements auflösen', 'Resolve a prefixed name against an element'],
  ['prefix-from-QName', '$value as xs:QName?', 'xs:NCName?', 'qname', 'Präfix eines QNames', 'Prefix of a QName'],
  ['local-name-from-QName', '$value as xs:QName?', 'xs:NCName?', 'qname', 'Lokaler Name eines QNames', 'Local name of a QName'],
  ['namespace-uri-from-QName', '$value as xs:QName?', 'xs:anyURI?', 'qname', 'Namensraum eines QNames', 'Namespace of a QName'],
  ['namespace-uri-for-prefix', '$prefix as xs:string?, $element as element()', 'xs:anyURI?', 'qname', 'Namensraum eines Präfixes an einem Element', 'Namespace of a prefix on an element'],
  ['in-scope-prefixes', '$element as element()', 'xs:string*', 'qname', 'Präfixe, die an einem Element gelten', 'Prefixes in scope on an element'],
  // Nodes
  ['name', '[$node as node()?]', 'xs:string', 'node', 'Name eines Knotens (mit Präfix)', 'Name of a node (with prefix)'],
  ['local-name', '[$node as node()?]', 'xs:string', 'node', 'Lokaler Name eines Knotens', 'Local name of a node'],
  ['namespace-uri', '[$node as node()?]', 'xs:anyURI', 'node', 'Namensraum eines Knotens', 'Namespace of a node'],
  ['lang', '$language as xs:string?, [$node as node()]', 'xs:boolean', 'node', 'Gilt xml:lang = Sprache?', 'Does xml:lang match the language?'],
  ['root', '[$node as node()?]', 'node()?', 'node', 'Wurzel des Baums', 'Root of the tree'],
  ['path', '[$node as node()?]', 'xs:string?', 'node', 'Pfad eines Knotens als Text', 'Path of a node as text'],
  ['has-children', '[$node as node()?]', 'xs:boolean', 'node', 'Hat der Knoten Kinder?', 'Does the node have children?'],
  ['innermost', '$nodes as node()*', 'node()*', 'node', 'Knoten ohne Nachfahren in der Folge', 'Nodes without descendants in the sequence'],
  ['outermost', '$nodes as node()*', 'node()*', 'node', 'Knoten ohne Vorfahren in der Folge', 'Nodes without ancestors in the sequence'],
  ['generate-id', '[$node as node()?]', 'xs:string', 'node', 'Eindeutige Kennung eines Knotens', 'Unique id of a node'],
  ['id', '$values as xs:string*, [$node as node()]', 'element()*', 'node', 'Elemente mit diesen IDs', 'Elements with these ids'],
  ['element-with-id', '$values as xs:string*, [$node as node()]', 'element()*', 'node', 'Elemente, deren Kind diese ID trägt', 'Elements whose child carries these ids'],
  ['idref', '$values as xs:string*, [$node as node()]', 'node()*', 'node', 'Knoten, die auf diese IDs verweisen', 'Nodes referring to these ids'],
  // Sequences
  ['empty', '$input as item()*', 'xs:boolean', 'sequence', 'Ist die Folge leer (Feld fehlt)?', 'Is the sequence empty (field missing)?'],
  ['exists', '$input as item()*', 'xs:boolean', 'sequence', 'Gibt es das Feld?', 'Does the field exist?'],
  ['head', '$input as item()*', 'item()?', 'sequence', 'Erstes Element der Folge', 'First item of the sequence'],
  ['tail', '$input as item()*', 'item()*', 'sequence', 'Folge ohne das erste Element', 'Sequence without the first item'],
  ['insert-before', '$input as item()*, $position as xs:integer, $insert as item()*', 'item()*', 'sequence', 'Elemente an Position einfügen', 'Insert items at a position'],
  ['remove', '$input as item()*, $position as xs:integer', 'item()*', 'sequence', 'Element an Position entfernen', 'Remove the item at a position'],
  ['reverse', '$input as item()*', 'item()*', 'sequence', 'Reihenfolge umkehren', 'Reverse the order'],
  ['subsequence', '$input as item()*, $start as xs:double, [$length as xs:double]', 'item()*', 'sequence', 'Teilfolge ab Position', 'Part of a sequence from a position'],
  ['unordered', '$input as item()*', 'item()*', 'sequence', 'Reihenfolge egal', 'Order does not matter'],
  ['distinct-values', '$values as xs:anyAtomicType*, [$collation as xs:string]', 'xs:anyAtomicType*', 'sequence', 'Werte ohne Doppelte', 'Values without duplicates'],
  ['index-of', '$input as xs:anyAtomicType*, $search as xs:anyAtomicType, [$collation as xs:string]', 'xs:integer*', 'sequence', 'Positionen eines Werts', 'Positions of a value'],
  ['deep-equal', '$input1 as item()*, $input2 as item()*, [$collation as xs:string]', 'xs:boolean', 'sequence', 'Inhaltlich gleich?', 'Deeply equal?'],
  ['zero-or-one', '$input as item()*', 'item()?', 'sequence', 'Fehler, wenn mehr als ein Element', 'Error if more than one item'],
  ['one-or-more', '$input as item()*', 'item()+', 'sequence', 'Fehler, wenn leer', 'Error if empty'],
  ['exactly-one', '$input as item()*', 'item()', 'sequence', 'Fehler, wenn nicht genau ein Element', 'Error unless exactly one item'],
  ['sort', '$input as item()*, [$collation as xs:string?], [$key as function(item()) as xs:anyAtomicType*]', 'item()*', 'sequence', 'Folge sortieren', 'Sort a sequence'],
  // Aggregates
  ['count', '$input as item()*', 'xs:integer', 'aggregate', 'Anzahl der Elemente', 'Number of items'],
  ['sum', '$values as xs:anyAtomicType*, [$zero as xs:anyAtomicType?]', 'xs:anyAtomicType?', 'aggregate', 'Summe', 'Sum'],
  ['avg', '$values as xs:anyAtomicType*', 'xs:anyAtomicType?', 'aggregate', 'Durchschnitt', 'Average'],
  ['min', '$values as xs:anyAtomicType*, [$collation as xs:string]', 'xs:anyAtomicType?', 'aggregate', 'Kleinster Wert', 'Smallest value'],
  ['max', '$values as xs:anyAtomicType*, [$collation as xs:string]', 'xs:anyAtomicType?', 'aggregate', 'Größter Wert', 'Largest value'],
  // Context
  ['position', '', 'xs:integer', 'context', 'Position des Kontextelements (in Schleife und Filter)', 'Position of the context item (in a loop or filter)'],
  ['last', '', 'xs:integer', 'context', 'Anzahl der Elemente im Kontext', 'Size of the context'],
  ['default-collation', '', 'xs:string', 'context', 'Standard-Kollation', 'Default collation'],
  ['default-language', '', 'xs:language', 'context', 'Standardsprache', 'Default language'],
  ['static-base-uri', '', 'xs:anyURI?', 'context', 'Basis-URI der Regel', 'Base URI of the rule'],
  // Higher-order functions
  ['function-lookup', '$name as xs:QName, $arity as xs:integer', 'function(*)?', 'function', 'Funktion nach Name und Stelligkeit', 'Function by name and arity'],
  ['function-name', '$function as function(*)', 'xs:QName?', 'function', 'Name einer Funktion', 'Name of a function'],
  ['function-arity', '$function as function(*)', 'xs:integer', 'function', 'Stelligkeit einer Funktion', 'Arity of a function'],
  ['for-each', '$input as item()*, $action as function(item()) as item()*', 'item()*', 'function', 'Funktion auf jedes Element anwenden', 'Apply a function to each item'],
  ['filter', '$input as item()*, $predicate as function(item()) as xs:boolean', 'item()*', 'function', 'Elemente filtern', 'Filter items'],
  ['fold-left', '$input as item()*, $zero as item()*, $action as function(item()*, item()) as item()*', 'item()*', 'function', 'Von links zusammenfassen', 'Fold from the left'],
  ['fold-right', '$input as item()*, $zero as item()*, $action as function(item(), item()*) as item()*', 'item()*', 'function', 'Von rechts zusammenfassen', 'Fold from the right'],
  ['for-each-pair', '$input1 as item()*, $input2 as item()*, $action as function(item(), item()) as item()*', 'item()*', 'function', 'Funktion paarweise anwenden', 'Apply a function pairwise'],
  ['apply', '$function as function(*), $arguments as array(*)', 'item()*', 'function', 'Funktion mit Argument-Array aufrufen', 'Call a function with an argument array'],
  // Parsing and serialising
  ['parse-xml', '$value as xs:string?', 'document-node()?', 'parse', 'Text als XML-Dokument lesen', 'Parse text as an XML document'],
  ['parse-xml-fragment', '$value as xs:string?', 'document-node()?', 'parse', 'Text als XML-Fragment lesen', 'Parse text as an XML fragment'],
  ['serialize', '$input as item()*, [$options as item()?]', 'xs:string', 'parse', 'Als Text (XML, JSON …) ausgeben', 'Serialize as text (XML, JSON …)'],
  ['parse-json', '$value as xs:string?, [$options as map(*)]', 'item()?', 'parse', 'JSON-Text als Map/Array lesen', 'Parse JSON text into maps/arrays'],
  ['json-to-xml', '$value as xs:string?, [$options as map(*)]', 'document-node()?', 'parse', 'JSON-Text als XML (fn:map, fn:string …)', 'JSON text as XML (fn:map, fn:string …)'],
  ['xml-to-json', '$node as node()?, [$options as map(*)]', 'xs:string?', 'parse', 'XML im JSON-Vokabular als JSON-Text', 'XML in the JSON vocabulary as JSON text'],
  // XSLT 3.0 functions (the rule is a stylesheet, so these are in scope)
  ['current', '', 'item()', 'xslt', 'Das aktuelle Schleifenelement (auch in Filtern)', 'The current loop item (also inside filters)', 'loop'],
  ['current-group', '', 'item()*', 'xslt', 'Die Elemente der aktuellen Gruppe', 'The items of the current group', 'group'],
  ['current-grouping-key', '', 'xs:anyAtomicType*', 'xslt', 'Der Schlüssel der aktuellen Gruppe', 'The key of the current group', 'group'],
  ['key', '$name as xs:string, $value as xs:anyAtomicType*, [$top as node()]', 'node()*', 'xslt', 'Knoten über einen xsl:key finden', 'Find nodes through an xsl:key'],
  ['system-property', '$name as xs:string', 'xs:string', 'xslt', "Eigenschaft des Prozessors, z. B. 'xsl:product-name'", "Processor property, e.g. 'xsl:product-name'"],
  ['regex-group', '$group as xs:integer', 'xs:string', 'xslt', 'Treffergruppe in xsl:analyze-string', 'Captured group inside xsl:analyze-string', 'regex'],
  ['copy-of', '[$input as item()*]', 'item()*', 'xslt', 'Tiefe Kopie', 'Deep copy'],
  ['snapshot', '[$input as item()*]', 'item()*', 'xslt', 'Kopie mit Vorfahren', 'Copy with ancestors'],
];

function parseParams(s: string): { params: XPathParam[]; variadic: boolean } {
  const parts = s.trim() ? s.split(/,\s*(?=\[?\$|\.\.\.)/) : [];
  let variadic = false;
  const params: XPathParam[] = [];
  let group = 0;
  let inGroup = false;
  for (const raw of parts) {
    if (raw.trim() === '...') {
      variadic = true;
      continue;
    }
    const opens = raw.startsWith('[');
    const closes = raw.endsWith(']');
    if (opens) group++;
    const optional: boolean = opens || inGroup;
    const body = raw.replace(/^\[/, '').replace(/\]$/, '');
    const m = /^\$([\w-]+) as (.+)$/.exec(body.trim());
    if (!m) throw new Error(`xpath-functions: bad parameter "${raw}"`);
    params.push({ name: m[1], type: m[2], optional, ...(optional ? { group } : {}) });
    inGroup = optional && !closes;
  }
  return { params, variadic };
}

function aritiesOf(params: XPathParam[], variadic: boolean): number[] {
  let n = params.filter((p) => !p.optional).length;
  const out = [n];
  const groups = [...new Set(params.filter((p) => p.optional).map((p) => p.group))];
  for (const g of groups) out.push((n += params.filter((p) => p.group === g).length));
  if (variadic) for (let i = 1; i <= 3; i++) out.push(n + i);
  return out;
}

/** Every function of the library, by name. */
export const XPATH_FUNCTIONS: ReadonlyMap<string, XPathFunction> = new Map(
  ROWS.map(([name, sig, returns, category, de, en, scope]) => {
    const { params, variadic } = parseParams(sig);
    const minArgs = params.filter((p) => !p.optional).length;
    const arities = aritiesOf(params, variadic);
    const fn: XPathFunction = { name, params, returns, category, doc: { de, en }, minArgs, maxArgs: variadic ? Infinity : params.length, arities, ...(scope ? { scope } : {}) };
    return [name, fn] as const;
  }),
);

/** The signature as the specification writes it, optional parameters in brackets: `substring($value as xs:string?, $start as xs:double[, $length as xs:double]) as xs:string`. */
export function xpathSignature(f: XPathFunction): string {
  let s = '';
  let open = 0;
  f.params.forEach((p, i) => {
    const part = `$${p.name} as ${p.type}`;
    const sep = i === 0 ? '' : ', ';
    const startsGroup = p.optional && f.params[i - 1]?.group !== p.group;
    if (startsGroup) open++;
    s += startsGroup ? `[${sep}${part}` : `${sep}${part}`;
  });
  s += ']'.repeat(open);
  if (f.maxArgs === Infinity) s += ', …';
  return `${f.name}(${s}) as ${f.returns}`;
}
