/**
 * The Monaco side of the XPath editor, set up once: the `xpath` language (Monarch tokens, brackets,
 * comments), a theme for its tokens, and one completion provider that asks the pure core
 * (core/mapping/xpath-complete.ts) with the scope each editor registered for its model. The editor
 * features it relies on (suggest widget, snippets, hover) come with ../code/monaco.ts.
 */
import { completeXPath, type CompletionKind } from '../../core/mapping/xpath-complete.ts';
import type { XPathScope } from '../../core/mapping/xpath-scope.ts';
import { monaco } from '../code/monaco.ts';

export { monaco };

export const XPATH_LANG = 'xpath';
/** Theme: Monaco's light theme plus colours for the XPath tokens (all ≥ 4.5:1 on white). */
export const XPATH_THEME = 'regelwerk-xpath';

/** What the completion provider needs for one editor's model. */
export interface ModelScope {
  scope(): XPathScope;
  lang(): 'de' | 'en';
}

const scopes = new Map<string, ModelScope>();

/** Registers the scope of a model's completions; returns the unregister function. */
export function registerModelScope(uri: string, s: ModelScope): () => void {
  scopes.set(uri, s);
  return () => scopes.delete(uri);
}

const KIND: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
  element: monaco.languages.CompletionItemKind.Field,
  attribute: monaco.languages.CompletionItemKind.Property,
  function: monaco.languages.CompletionItemKind.Function,
  variable: monaco.languages.CompletionItemKind.Variable,
  keyword: monaco.languages.CompletionItemKind.Keyword,
};

/** A snippet with the cursor at `caret` (Monaco snippets treat $, } and \ specially). */
function snippet(text: string, caret: number): string {
  const esc = (s: string) => s.replace(/[\\$}]/g, '\\$&');
  return `${esc(text.slice(0, caret))}$0${esc(text.slice(caret))}`;
}

let registered = false;

/** Registers the language, theme and completion provider (idempotent). */
export function ensureXPathLanguage(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: XPATH_LANG });
  monaco.languages.setLanguageConfiguration(XPATH_LANG, {
    comments: { blockComment: ['(:', ':)'] },
    brackets: [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: "'", close: "'", notIn: ['string', 'comment'] },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
    ],
    // Names hold '-' and '.', so "upper-case" is one word for suggestions and word moves.
    wordPattern: /[\p{L}_][\p{L}\p{N}_.-]*/u,
  });
  monaco.languages.setMonarchTokensProvider(XPATH_LANG, {
    tokenPostfix: '.xpath',
    keywords: ['and', 'or', 'div', 'idiv', 'mod', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'is', 'if', 'then', 'else', 'for', 'let', 'return', 'some', 'every', 'satisfies', 'in', 'to', 'instance', 'of', 'cast', 'castable', 'treat', 'as', 'union', 'intersect', 'except', 'map', 'array', 'function'],
    tokenizer: {
      root: [
        [/\(:/, 'comment', '@comment'],
        [/"/, 'string', '@dstring'],
        [/'/, 'string', '@sstring'],
        [/\$[A-Za-z_\u00C0-\uFFFF][\w.\-\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00C0-\uFFFF]*)?/, 'variable'],
        [/\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/, 'number'],
        [/(?:ancestor-or-self|ancestor|attribute|child|descendant-or-self|descendant|following-sibling|following|namespace|parent|preceding-sibling|preceding|self)(?=\s*::)/, 'axis'],
        [/Q\{[^}]*\}[\w.\-\u00C0-\uFFFF*]+/, 'step'],
        [/(?:[A-Za-z_\u00C0-\uFFFF][\w.\-\u00C0-\uFFFF]*:)?[A-Za-z_\u00C0-\uFFFF][\w.\-\u00C0-\uFFFF]*(?=\s*\()/, { cases: { '@keywords': 'keyword', '@default': 'function' } }],
        [/@(?:[\w.\-\u00C0-\uFFFF]+:)?[\w.\-\u00C0-\uFFFF*]+/, 'attribute'],
        [/(?:[A-Za-z_\u00C0-\uFFFF*][\w.\-\u00C0-\uFFFF]*:)?[A-Za-z_\u00C0-\uFFFF*][\w.\-\u00C0-\uFFFF]*/, { cases: { '@keywords': 'keyword', '@default': 'step' } }],
        [/\/\/?|::|\.\.?/, 'path'],
        [/[=!<>]=?|\|\||:=|=>|[+\-*|,!?]/, 'operator'],
        [/[()[\]{}]/, '@brackets'],
        [/\s+/, 'white'],
      ],
      comment: [
        [/\(:/, 'comment', '@push'],
        [/:\)/, 'comment', '@pop'],
        [/[^(:]+|./, 'comment'],
      ],
      dstring: [
        [/""/, 'string.escape'],
        [/"/, 'string', '@pop'],
        [/[^"]+/, 'string'],
      ],
      sstring: [
        [/''/, 'string.escape'],
        [/'/, 'string', '@pop'],
        [/[^']+/, 'string'],
      ],
    },
  });
  monaco.editor.defineTheme(XPATH_THEME, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'variable.xpath', foreground: '001080' },
      { token: 'function.xpath', foreground: '6f4a00' },
      { token: 'step.xpath', foreground: '1f1f1f' },
      { token: 'attribute.xpath', foreground: '9b1c1c' },
      { token: 'axis.xpath', foreground: '0000ff' },
      { token: 'path.xpath', foreground: '5a5a5a' },
      { token: 'operator.xpath', foreground: '5a5a5a' },
      { token: 'comment.xpath', foreground: '1e6b1e', fontStyle: 'italic' },
    ],
    colors: {},
  });
  monaco.languages.registerCompletionItemProvider(XPATH_LANG, {
    triggerCharacters: ['/', '$', '@', '[', '('],
    provideCompletionItems(model, position) {
      const s = scopes.get(model.uri.toString());
      if (!s) return { suggestions: [] };
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      const r = completeXPath(text, offset, s.scope(), s.lang());
      const start = model.getPositionAt(r.from);
      const range = new monaco.Range(start.lineNumber, start.column, position.lineNumber, position.column);
      return {
        suggestions: r.items.map((it) => ({
          label: it.kind === 'function' ? { label: it.label, description: it.detail?.replace(/^[^(]*/, '') } : { label: it.label, description: it.detail },
          kind: KIND[it.kind],
          insertText: it.caret !== undefined && it.caret < it.insertText.length ? snippet(it.insertText, it.caret) : it.insertText,
          insertTextRules: it.caret !== undefined && it.caret < it.insertText.length ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
          detail: it.detail,
          documentation: it.documentation,
          sortText: it.sortText,
          filterText: it.filterText,
          range,
        })),
      };
    },
  });
}
