/**
 * A Monaco editor for XML (loaded lazily with Monaco): read-only output or an editable sample, with
 * located error/warning markers, and the position of a click or of Ctrl+Enter reported as a text offset
 * (for the trace). Reuses the offline Monaco set-up of src/ui/code/monaco.ts.
 */
import { useEffect, useRef } from 'react';
import { monaco, STEADY_SCROLLBARS } from '../code/monaco.ts';
import { changedRange } from './text-diff.ts';

export interface XmlMarker {
  line: number;
  column?: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface XmlEditorProps {
  value: string;
  readOnly?: boolean;
  onChange?(text: string): void;
  onBlur?(): void;
  markers?: readonly XmlMarker[];
  /** A click (or Ctrl+Enter at the cursor) at this offset of the text. */
  onPick?(offset: number): void;
  /** Scrolls to and puts the cursor on this line when it changes. */
  reveal?: { line: number; column?: number; nonce: number };
  ariaLabel: string;
  testId?: string;
  /**
   * Set while the editor is mounted: shows a text from outside at once, without waiting for the parent
   * to render it as `value` (a read-only output that must be on screen before the rest of its panel).
   * When `value` later becomes that text, there is nothing left to do.
   */
  textSink?: { current: ((text: string) => void) | null };
}

/** Monaco with XML, markers and picking. */
export default function XmlEditor(p: XmlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const ed = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const cb = useRef(p);
  cb.current = p;
  const applying = useRef(false);
  const rev = useRef(0);
  /**
   * Texts this editor reported through onChange that the parent has not echoed back yet. Typing faster
   * than the parent re-renders makes it pass an older text of ours; that is not a change from outside
   * and must not be written back over the newer keystrokes (they were lost).
   */
  const emitted = useRef<string[]>([]);

  useEffect(() => {
    if (!host.current) return;
    const editor = monaco.editor.create(host.current, {
      value: p.value,
      language: 'xml',
      readOnly: p.readOnly ?? true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      scrollbar: STEADY_SCROLLBARS,
      fontSize: 12,
      ariaLabel: p.ariaLabel,
      wordWrap: 'off',
      renderValidationDecorations: 'on',
    });
    ed.current = editor;
    const offsetAt = (pos: monaco.Position | null | undefined) => (pos ? (editor.getModel()?.getOffsetAt(pos) ?? 0) : undefined);
    const subs = [
      editor.onMouseDown((e) => {
        const pos = e.target.position;
        if (!pos) return;
        // On the text: exactly there. Right of a line's end: that line's first tag, not the next node.
        const exact = e.target.type === monaco.editor.MouseTargetType.CONTENT_TEXT;
        const model = editor.getModel();
        const col = exact || !model ? pos.column : model.getLineFirstNonWhitespaceColumn(pos.lineNumber) || 1;
        const off = offsetAt(new monaco.Position(pos.lineNumber, col));
        if (off !== undefined) cb.current.onPick?.(off);
      }),
      editor.onDidChangeModelContent(() => {
        if (applying.current || !cb.current.onChange) return;
        const text = editor.getValue();
        emitted.current.push(text);
        if (emitted.current.length > 64) emitted.current.shift();
        cb.current.onChange(text);
      }),
      editor.onDidBlurEditorText(() => cb.current.onBlur?.()),
    ];
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => {
      const off = offsetAt(editor.getPosition());
      if (off !== undefined) cb.current.onPick?.(off);
    });
    return () => {
      for (const s of subs) s.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  /** The last text set from outside, and the model's version right after: unchanged since, it is the model's text. */
  const lastSet = useRef<{ text: string; version: number } | null>(null);

  /** Shows a text that comes from outside (not typed here): only the part that changed is replaced. */
  const setFromOutside = (text: string) => {
    const editor = ed.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    // A new output usually comes twice (straight from the run, then as `value` when the panel renders):
    // the second time this is a comparison of the same string, not a copy of the whole model text.
    const old = lastSet.current?.version === model.getAlternativeVersionId() ? lastSet.current.text : model.getValue();
    if (old === text) return;
    // Only the part that changed is replaced: a mapping edit changes a few lines of a large output, and
    // replacing all of it (setValue) made Monaco re-tokenise and re-lay-out everything (100-150 ms on a
    // 100 KB output) and jump back to the top.
    const d = changedRange(old, text);
    const range = d ? monaco.Range.fromPositions(model.getPositionAt(d.start), model.getPositionAt(d.end)) : model.getFullModelRange();
    const edit = d ? d.text : text;
    applying.current = true;
    try {
      if (cb.current.readOnly ?? true) model.applyEdits([{ range, text: edit }]);
      else {
        // Keep the user's undo history in an edited sample when the text changes from outside.
        editor.pushUndoStop();
        editor.executeEdits('regelwerk', [{ range, text: edit }]);
        editor.pushUndoStop();
      }
    } finally {
      applying.current = false;
    }
    lastSet.current = { text, version: model.getAlternativeVersionId() };
    // Draw the lines now, while the frame is still to come, instead of in that frame's animation callback.
    editor.render();
    // Counts the texts set from outside, for tests and the live-preview bench: an output is on screen
    // when Monaco has it, not already when React has rendered the panel.
    host.current?.setAttribute('data-rev', String(++rev.current));
  };

  useEffect(() => {
    const sink = p.textSink;
    if (!sink) return;
    sink.current = (text) => setFromOutside(text);
    return () => void (sink.current = null);
  }, [p.textSink]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const echo = emitted.current.lastIndexOf(p.value);
    if (echo >= 0) {
      // Our own text coming back (maybe an older one while typing goes on): nothing to write.
      emitted.current.splice(0, echo + 1);
      return;
    }
    emitted.current = [];
    setFromOutside(p.value);
  }, [p.value, p.readOnly]);

  const hadMarkers = useRef(false);
  useEffect(() => {
    const model = ed.current?.getModel();
    if (!model) return;
    // Nothing to clear: setting no markers again still makes Monaco redraw its decorations.
    if (!p.markers?.length && !hadMarkers.current) return;
    hadMarkers.current = !!p.markers?.length;
    const lines = model.getLineCount();
    monaco.editor.setModelMarkers(
      model,
      'regelwerk',
      (p.markers ?? []).map((m) => {
        const line = Math.min(Math.max(1, m.line), lines);
        const max = model.getLineMaxColumn(line);
        const start = m.column && m.column < max ? m.column : model.getLineFirstNonWhitespaceColumn(line) || 1;
        return {
          startLineNumber: line,
          endLineNumber: line,
          startColumn: start,
          endColumn: max,
          message: m.message,
          severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        };
      }),
    );
  }, [p.markers, p.value]);

  useEffect(() => {
    const editor = ed.current;
    if (!editor || !p.reveal) return;
    const pos = { lineNumber: p.reveal.line, column: p.reveal.column ?? 1 };
    editor.revealLineInCenter(pos.lineNumber);
    editor.setPosition(pos);
    editor.focus();
  }, [p.reveal]);

  // nokey: the landscape canvas (xyflow) listens on the document and would take Space (pan) typed here.
  return <div className="code-editor nokey" ref={host} data-testid={p.testId} />;
}
