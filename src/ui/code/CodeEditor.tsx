/**
 * A thin React wrapper around a Monaco editor (loaded lazily, so the app starts without it).
 * Highlights line ranges and reports clicked lines, for the two-way link between code and mapping.
 */
import { useEffect, useRef } from 'react';
import { monaco, STEADY_SCROLLBARS } from './monaco.ts';

export interface CodeEditorProps {
  value: string;
  language?: string;
  readOnly?: boolean;
  /** Line ranges to highlight (1-based, inclusive). */
  highlight?: { startLine: number; endLine: number }[];
  /** Lines with an error marker. */
  markers?: { line: number; column?: number; message: string }[];
  onLineClick?(line: number): void;
  ariaLabel: string;
  testId?: string;
}

/** Monaco editor showing `value`. */
export default function CodeEditor(p: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const ed = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const deco = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const clickRef = useRef(p.onLineClick);
  clickRef.current = p.onLineClick;

  useEffect(() => {
    if (!host.current) return;
    const editor = monaco.editor.create(host.current, {
      value: p.value,
      language: p.language ?? 'xml',
      readOnly: p.readOnly ?? true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      scrollbar: STEADY_SCROLLBARS,
      fontSize: 12,
      ariaLabel: p.ariaLabel,
      wordWrap: 'off',
    });
    ed.current = editor;
    deco.current = editor.createDecorationsCollection();
    const sub = editor.onMouseDown((e) => {
      const line = e.target.position?.lineNumber;
      if (line) clickRef.current?.(line);
    });
    return () => {
      sub.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const editor = ed.current;
    if (editor && editor.getValue() !== p.value) editor.setValue(p.value);
  }, [p.value]);

  useEffect(() => {
    const editor = ed.current;
    if (!editor || !deco.current) return;
    const hs = p.highlight ?? [];
    deco.current.set(
      hs.map((h) => ({
        range: new monaco.Range(h.startLine, 1, h.endLine, 1),
        options: { isWholeLine: true, className: 'code-hl', linesDecorationsClassName: 'code-hl-gutter' },
      })),
    );
    if (hs.length) editor.revealLinesInCenterIfOutsideViewport(hs[0].startLine, hs[0].endLine);
  }, [p.highlight]);

  useEffect(() => {
    const model = ed.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'regelwerk',
      (p.markers ?? []).map((m) => ({
        startLineNumber: m.line,
        endLineNumber: m.line,
        startColumn: m.column ?? 1,
        endColumn: m.column ? m.column + 1 : model.getLineMaxColumn(Math.min(m.line, model.getLineCount())),
        message: m.message,
        severity: monaco.MarkerSeverity.Error,
      })),
    );
  }, [p.markers, p.value]);

  // nokey: the landscape canvas (xyflow) listens on the document and would take Space (pan) typed here.
  return <div className="code-editor nokey" ref={host} data-testid={p.testId} />;
}
