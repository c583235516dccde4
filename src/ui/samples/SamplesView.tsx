/**
 * Sample messages of the open flow: upload, paste, a skeleton from the source schema, rename, delete,
 * and editing in Monaco with a well-formedness and schema check (located markers, computed in the
 * validation worker). Edits are kept as a draft and written to the project (one undo step) after a
 * short pause, on leaving the editor and on switching samples, so typing does not flood the history.
 */
import { currentSample, SamplePicker } from './SamplePicker.tsx';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { Flow, Project } from '../../core/model/project.ts';
import { isJsonText } from '../../core/runner/input.ts';
import { isJsonMessageType } from '../../core/runner/validate-json.ts';
import type { MessageCheck } from '../../core/runner/validate.ts';
import { messageTree } from '../../core/schema/index.ts';
import { skeletonMessage } from '../../core/schema/skeleton.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { checkInWorker } from '../run/validation.ts';
import type { XmlMarker } from '../run/XmlEditor.tsx';
import { checkJson, decodeXml } from './decode.ts';
import { useSamplesT } from './texts.ts';
import './samples.css';

const XmlEditor = lazy(() => import('../run/XmlEditor.tsx'));

const COMMIT_DELAY_MS = 700;
const CHECK_DELAY_MS = 250;

/** A fresh sample id, unique within the flow. */
function newSampleId(flow: Flow): string {
  let n = flow.samples.length + 1;
  while (flow.samples.some((s) => s.id === `msg-${String(n).padStart(2, '0')}`)) n++;
  return `msg-${String(n).padStart(2, '0')}`;
}

export interface SamplesViewProps {
  project: Project;
  flow: Flow;
  /** Asks the editor to show a line (e.g. where the rule found the input malformed). */
  reveal?: { line: number; column?: number; nonce: number };
}

/** The samples tab. */
export function SamplesView({ project, flow, reveal }: SamplesViewProps) {
  const t = useSamplesT();
  const dispatch = useDoc((s) => s.dispatch);
  const { sampleId, set } = useSession();
  const sample = currentSample(flow, sampleId);
  const [mode, setMode] = useState<'none' | 'paste' | 'rename' | 'remove'>('none');
  const [error, setError] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  // A skeleton is XML: for JSON message types there is none to offer.
  const sourceTree = useMemo(
    () => (isJsonMessageType(project.schemas, flow.source) ? undefined : messageTree(project.schemas, flow.source).tree),
    [project.schemas, flow.source],
  );

  // Several files added in one go: each needs the flow as it is after the previous add.
  const flowRef = useRef(flow);
  flowRef.current = flow;
  const add = (name: string, content: string) => {
    const id = newSampleId(flowRef.current);
    dispatch({ type: 'sample.set', flowId: flow.id, sampleId: id, name, content });
    set({ sampleId: id });
  };

  const upload = async (files: FileList | null) => {
    setError('');
    for (const f of Array.from(files ?? [])) {
      try {
        const text = decodeXml(new Uint8Array(await f.arrayBuffer()));
        const id = newSampleId(flowRef.current);
        dispatch({ type: 'sample.set', flowId: flow.id, sampleId: id, name: f.name, content: text });
        flowRef.current = useDoc.getState().project?.flows.find((x) => x.id === flow.id) ?? flowRef.current;
        set({ sampleId: id });
      } catch (e) {
        setError(t('readError', { name: f.name, msg: String((e as Error)?.message ?? e) }));
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  const usedBy = sample ? flow.tests.filter((x) => x.sampleId === sample.id).length : 0;

  return (
    <div className="samples">
      <div className="samples-bar">
        <SamplePicker flow={flow} label={t('list')} className="samples-pick" testId="sample-list" />
        <button onClick={() => fileInput.current?.click()} title={t('uploadHint')}>
          {t('upload')}
        </button>
        <input ref={fileInput} type="file" accept=".xml,text/xml,application/xml" multiple hidden onChange={(e) => void upload(e.target.files)} data-testid="sample-upload" />
        <button onClick={() => setMode(mode === 'paste' ? 'none' : 'paste')} aria-expanded={mode === 'paste'} title={t('pasteHint')} data-testid="sample-paste">
          {t('paste')}
        </button>
        <button
          onClick={() => sourceTree && add(t('skeletonName', { root: sourceTree.root.name.local }), skeletonMessage(sourceTree))}
          disabled={!sourceTree}
          title={sourceTree ? t('skeletonHint') : t('noSourceTree')}
          data-testid="sample-skeleton"
        >
          {t('skeleton')}
        </button>
        <button onClick={() => setMode(mode === 'rename' ? 'none' : 'rename')} disabled={!sample} aria-expanded={mode === 'rename'} data-testid="sample-rename">
          {t('rename')}
        </button>
        <button onClick={() => setMode('remove')} disabled={!sample} data-testid="sample-remove">
          {t('remove')}
        </button>
      </div>
      {error && (
        <p className="run-error" role="alert">
          {error}
        </p>
      )}
      {mode === 'paste' && <PasteForm onAdd={(name, text) => (add(name, text), setMode('none'))} onCancel={() => setMode('none')} />}
      {mode === 'rename' && sample && (
        <form
          className="samples-form"
          onSubmit={(e) => {
            e.preventDefault();
            const name = String(new FormData(e.currentTarget).get('name') ?? '').trim();
            if (name) dispatch({ type: 'sample.set', flowId: flow.id, sampleId: sample.id, name, content: sample.content });
            setMode('none');
          }}
        >
          <label>
            {t('name')} <input name="name" defaultValue={sample.name} autoFocus data-testid="sample-name" />
          </label>
          <button type="submit" className="primary">
            {t('rename')}
          </button>
          <button type="button" onClick={() => setMode('none')}>
            {t('cancel')}
          </button>
        </form>
      )}
      {mode === 'remove' && sample && (
        <div className="samples-form" role="group" aria-label={t('confirmRemove', { name: sample.name })}>
          {t('confirmRemove', { name: sample.name })} {usedBy ? t('usedBy', { n: String(usedBy) }) : ''}{' '}
          <button
            onClick={() => {
              dispatch({ type: 'sample.remove', flowId: flow.id, sampleId: sample.id });
              set({ sampleId: flow.samples.find((s) => s.id !== sample.id)?.id });
              setMode('none');
            }}
            data-testid="sample-confirm-remove"
          >
            {t('yes')}
          </button>{' '}
          <button onClick={() => setMode('none')}>{t('no')}</button>
        </div>
      )}
      {sample ? <SampleEditor key={`${flow.id}/${sample.id}`} project={project} flow={flow} sampleId={sample.id} reveal={reveal} /> : <p className="muted pad">{t('empty')}</p>}
    </div>
  );
}

function PasteForm({ onAdd, onCancel }: { onAdd(name: string, text: string): void; onCancel(): void }) {
  const t = useSamplesT();
  const [name, setName] = useState(t('pasteName'));
  const [text, setText] = useState('');
  return (
    <form
      className="samples-form paste"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onAdd(name.trim() || t('pasteName'), text);
      }}
    >
      <label>
        {t('name')} <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="paste-text">
        {t('content')}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={6} autoFocus data-testid="sample-paste-text" />
      </label>
      <button type="submit" className="primary" disabled={!text.trim()} data-testid="sample-paste-add">
        {t('add')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}

function SampleEditor({ project, flow, sampleId, reveal }: { project: Project; flow: Flow; sampleId: string; reveal?: SamplesViewProps['reveal'] }) {
  const t = useSamplesT();
  const dispatch = useDoc((s) => s.dispatch);
  const sample = flow.samples.find((s) => s.id === sampleId)!;
  const [draft, setDraft] = useState(sample.content);
  const [check, setCheck] = useState<{ text: string; result?: MessageCheck; error?: string }>();
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const stored = useRef(sample.content);

  // A change from outside (undo, another tab) replaces the draft when nothing is pending.
  useEffect(() => {
    if (sample.content !== stored.current) {
      stored.current = sample.content;
      setDraft(sample.content);
    }
  }, [sample.content]);

  const commit = () => {
    const text = draftRef.current;
    const current = useDoc.getState().project?.flows.find((f) => f.id === flow.id)?.samples.find((s) => s.id === sampleId);
    if (!current || current.content === text) return;
    stored.current = text;
    dispatch({ type: 'sample.set', flowId: flow.id, sampleId, name: current.name, content: text });
  };
  useEffect(() => {
    if (draft === stored.current) return;
    const timer = setTimeout(commit, COMMIT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => () => commit(), []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      // A JSON sample of a JSON source is checked against the source's structure in the worker; JSON
      // text for any other source only for its syntax.
      if (isJsonText(draft) && !isJsonMessageType(project.schemas, flow.source)) {
        setCheck({ text: draft, result: checkJson(draft) });
        return;
      }
      checkInWorker(project.schemas, flow.source, draft).then(
        (result) => live && setCheck({ text: draft, result }),
        (e: Error) => live && setCheck({ text: draft, error: e.message }),
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft, project.schemas, flow.source]);

  const current = check?.text === draft ? check : undefined;
  const issues = current?.result?.issues ?? [];
  const markers = useMemo<XmlMarker[]>(() => issues.filter((i) => i.line).map((i) => ({ line: i.line!, column: i.column, message: i.message, severity: i.severity })), [issues]);
  const [jump, setJump] = useState(reveal);
  useEffect(() => setJump(reveal), [reveal]);

  return (
    <div className="sample-editor">
      <p className="sample-status" role="status" data-testid="sample-status">
        <span className="muted small">{t('size', { kb: (draft.length / 1024).toFixed(1) })} · {draft === stored.current ? t('saved') : t('unsaved')} · </span>
        {!current ? (
          <span className="muted">{t('checking')}</span>
        ) : current.error ? (
          <span className="bad">{current.error}</span>
        ) : (
          <CheckSummary check={current.result!} />
        )}
      </p>
      <Suspense fallback={<div className="muted">…</div>}>
        <XmlEditor value={draft} readOnly={false} onChange={setDraft} onBlur={commit} markers={markers} reveal={jump} ariaLabel={t('editor')} testId="sample-editor" />
      </Suspense>
      {issues.length > 0 && (
        <ul className="issue-list" data-testid="sample-issues">
          {issues.slice(0, 50).map((i, k) => (
            <li key={k} className={i.severity}>
              {i.line ? (
                <button className="link" onClick={() => setJump({ line: i.line!, column: i.column, nonce: Date.now() })}>
                  {t('line', { line: String(i.line) })}
                </button>
              ) : null}{' '}
              {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CheckSummary({ check }: { check: MessageCheck }) {
  const t = useSamplesT();
  const errors = check.issues.length;
  switch (check.status) {
    case 'malformed':
      return <span className="bad">✘ {t('notWellFormed')}</span>;
    case 'schema-error':
      return <span className="bad">✘ {t('schemaBroken')}</span>;
    case 'invalid':
      return (
        <span className={check.against === 'xsd' ? 'bad' : 'warn'}>
          ✓ {t('wellFormed')}, {check.against === 'xsd' ? `✘ ${t('schemaInvalid', { n: String(errors) })}` : `⚠ ${t('treeInvalid', { n: String(errors) })}`}
        </span>
      );
    case 'valid':
      return (
        <span className="good">
          ✓ {t('wellFormed')}, {check.against === 'xsd' ? t('schemaValid') : check.against === 'tree' ? t('treeValid') : t('noSchema')}
        </span>
      );
  }
}
