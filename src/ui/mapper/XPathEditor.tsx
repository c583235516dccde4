/**
 * The XPath escape hatch of the inspector: a small Monaco editor (grows to six lines) with XPath
 * highlighting, completion of source paths, functions and variables (computed by the core for this rule's
 * scope), and the SaxonJS check's error as a marker at the place it names. Typing is committed as one
 * undoable edit after a pause (300 ms) or when the editor loses focus, not one per key.
 * Keyboard: Tab and Shift+Tab leave the editor (nothing inserts a tab), Escape closes the suggestions,
 * Ctrl+Space opens them. Loaded lazily with Monaco.
 */
import { useEffect, useId, useMemo, useRef } from 'react';
import { xpathErrorKey } from '../../core/compiler/xpath-check.ts';
import { locateXPathError } from '../../core/mapping/xpath-error.ts';
import { xpathScope, type ExprPart } from '../../core/mapping/xpath-scope.ts';
import type { Flow } from '../../core/model/project.ts';
import { messageTree } from '../../core/schema/index.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { useXPathErrors } from '../state/compiled.ts';
import { useMapperT } from './texts.ts';
import { ensureXPathLanguage, monaco, registerModelScope, XPATH_LANG, XPATH_THEME } from './xpath-monaco.ts';
import './xpath-editor.css';

export interface XPathEditorProps {
  value: string;
  /** Called with the new text once typing pauses (one undoable operation). */
  onChange(text: string): void;
  flow: Flow;
  /** Target path of the rule the expression belongs to (none: a flow variable). */
  target?: string;
  part: ExprPart;
  /** Whose expression it is, for the check's findings: a flow variable's owner (variableOwner); a rule's is found from `target`. */
  owner?: string;
  ariaLabel: string;
  placeholder?: string;
  testId?: string;
}

const LINE_H = 18;
const MAX_LINES = 6;
const PAD = 4;
const DEBOUNCE_MS = 300;
let modelCounter = 0;

/** The engine message without the checker's wrapper ("Static error in XPath {…}: "). */
export function shortXPathMessage(msg: string): string {
  return msg.replace(/Static error in XPath \{[\s\S]*\}: /, '');
}

/** Monaco editor for one XPath expression. */
export default function XPathEditor(p: XPathEditorProps) {
  const t = useMapperT();
  const host = useRef<HTMLDivElement>(null);
  const ed = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const schemas = useDoc((s) => s.project?.schemas);
  const lang = useSession((s) => s.lang);
  const errors = useXPathErrors(p.flow);
  // Errors are per place: the same text may be valid in another rule or loop. The rule is the first one for
  // the target, as the inspector and the compiler take it.
  const owner = p.owner ?? p.flow.mapping.rules.find((r) => r.target === p.target)?.id;
  const error = owner === undefined ? undefined : errors.get(xpathErrorKey(owner, p.part, p.value));

  const scope = useMemo(() => {
    const src = schemas ? messageTree(schemas, p.flow.source).tree : undefined;
    const tgt = schemas ? messageTree(schemas, p.flow.target).tree : undefined;
    return xpathScope(p.flow, src, tgt, p.target, p.part);
  }, [schemas, p.flow, p.target, p.part]);

  // The latest props for Monaco's callbacks, which are bound once.
  const latest = useRef({ scope, lang, onChange: p.onChange, value: p.value });
  latest.current = { scope, lang, onChange: p.onChange, value: p.value };
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const errId = useId();
  const applying = useRef(false);

  const commit = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const text = ed.current?.getValue();
    if (text !== undefined && text !== latest.current.value) {
      latest.current.value = text;
      latest.current.onChange(text);
    }
  };

  useEffect(() => {
    if (!host.current) return;
    ensureXPathLanguage();
    const model = monaco.editor.createModel(p.value, XPATH_LANG, monaco.Uri.parse(`inmemory://regelwerk/xpath-${++modelCounter}.xpath`));
    const unregister = registerModelScope(model.uri.toString(), { scope: () => latest.current.scope, lang: () => latest.current.lang });
    const editor = monaco.editor.create(host.current, {
      model,
      theme: XPATH_THEME,
      ariaLabel: p.ariaLabel,
      placeholder: p.placeholder,
      automaticLayout: true,
      minimap: { enabled: false },
      lineNumbers: 'off',
      glyphMargin: false,
      folding: false,
      lineDecorationsWidth: 4,
      lineNumbersMinChars: 0,
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      renderLineHighlight: 'none',
      scrollBeyondLastLine: false,
      scrollbar: { vertical: 'auto', horizontal: 'hidden', alwaysConsumeMouseWheel: false, verticalScrollbarSize: 8 },
      wordWrap: 'on',
      fontSize: 12,
      lineHeight: LINE_H,
      padding: { top: PAD / 2, bottom: PAD / 2 },
      // The inspector scrolls and clips; the suggestion list and hovers must not be cut off.
      fixedOverflowWidgets: true,
      wordBasedSuggestions: 'off',
      quickSuggestions: { other: true, comments: false, strings: false },
      suggestOnTriggerCharacters: true,
      acceptSuggestionOnEnter: 'on',
      tabCompletion: 'off',
      suggest: { showWords: false, insertMode: 'replace' },
      contextmenu: false,
      stickyScroll: { enabled: false },
    });
    ed.current = editor;
    const fit = () => {
      const h = Math.min(Math.max(editor.getContentHeight(), LINE_H + PAD), MAX_LINES * LINE_H + PAD);
      if (host.current && host.current.style.height !== `${h}px`) host.current.style.height = `${h}px`;
    };
    fit();
    const subs = [
      editor.onDidContentSizeChange(fit),
      editor.onDidChangeModelContent(() => {
        if (applying.current) return;
        clearTimeout(timer.current);
        timer.current = setTimeout(commit, DEBOUNCE_MS);
      }),
      editor.onDidBlurEditorText(commit),
    ];
    // Tab and Shift+Tab move the focus on (WCAG 2.1.2, no keyboard trap): stopped before Monaco sees
    // them, the browser's own focus navigation runs.
    const el = host.current;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) {
        commit();
        e.stopPropagation();
      }
    };
    el.addEventListener('keydown', onKey, true);
    return () => {
      commit(); // a pending edit is not lost when the inspector switches to another field
      el.removeEventListener('keydown', onKey, true);
      subs.forEach((s) => s.dispose());
      unregister();
      editor.dispose();
      model.dispose();
      ed.current = null;
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // Text from outside (undo, redo, another kind converted): shown unless the user is typing.
  useEffect(() => {
    const editor = ed.current;
    if (!editor || timer.current || editor.getValue() === p.value) return;
    applying.current = true;
    editor.getModel()?.setValue(p.value);
    applying.current = false;
  }, [p.value]);

  useEffect(() => {
    ed.current?.updateOptions({ ariaLabel: p.ariaLabel, placeholder: p.placeholder });
  }, [p.ariaLabel, p.placeholder]);

  // The SaxonJS check's error, marked where its message points, while the text is the checked one.
  useEffect(() => {
    const editor = ed.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const set = () => {
      const text = model.getValue();
      if (!error || text !== p.value) {
        monaco.editor.setModelMarkers(model, 'xpath-check', []);
        return;
      }
      const r = locateXPathError(text, error);
      const a = model.getPositionAt(r.start);
      const b = model.getPositionAt(Math.min(r.end, text.length));
      const wholeEmpty = a.lineNumber === b.lineNumber && a.column === b.column;
      monaco.editor.setModelMarkers(model, 'xpath-check', [
        {
          startLineNumber: a.lineNumber,
          startColumn: a.column,
          endLineNumber: b.lineNumber,
          endColumn: wholeEmpty ? a.column + 1 : b.column,
          message: shortXPathMessage(error),
          severity: monaco.MarkerSeverity.Error,
        },
      ]);
    };
    set();
    const sub = editor.onDidChangeModelContent(set);
    return () => sub.dispose();
  }, [error, p.value]);

  useEffect(() => {
    // The message below is the editor's description for screen readers.
    // Monaco's input element: an EditContext div (Chromium) or its hidden textarea.
    const ta = host.current?.querySelector('[role="textbox"]') ?? host.current?.querySelector('textarea');
    if (ta) {
      if (error) ta.setAttribute('aria-describedby', errId);
      else ta.removeAttribute('aria-describedby');
      ta.setAttribute('aria-invalid', error ? 'true' : 'false');
    }
  }, [error, errId]);

  return (
    // nokey: the landscape canvas (xyflow) listens on the document and takes Space (pan) and Backspace
    // (delete) from any element it does not know as a text field, Monaco's input included.
    <div className="xpath-editor nokey">
      <div className={`xpath-monaco${error ? ' invalid' : ''}`} ref={host} data-testid={p.testId} />
      {error && (
        <p className="xpath-err" id={errId} data-testid="xpath-error">
          {t('xpathErr')}: {shortXPathMessage(error)}
        </p>
      )}
    </div>
  );
}
