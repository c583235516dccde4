/**
 * The schema import dialog: pick several files, a folder or a ZIP, choose the kind, import in a
 * Web Worker with progress (the page stays responsive, Cancel stops it), read the findings with
 * file and line, fix unresolved imports in the small catalog, pick the message root, and add the
 * set to the project — optionally as a flow's source or target message — as one undoable edit.
 * Until "Add" nothing touches the project.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Op } from '../../core/model/ops.ts';
import { SchemaSetSchema, type SchemaSet } from '../../core/model/project.ts';
import { clark, parseClark } from '../../core/schema/types.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { CatalogEditor } from './CatalogEditor.tsx';
import { DiagnosticsList } from './DiagnosticsList.tsx';
import './import.css';
import { ImportClient, pickedFiles, type Progress } from './importClient.ts';
import { useImportT } from './importTexts.ts';
import { defaultName, formatBytes, rootLabel, uniqueId } from './naming.ts';
import type { ImportResult, LoadResult, SchemaKind } from './protocol.ts';

const KINDS: SchemaKind[] = ['xsd', 'json-schema', 'sample-xml', 'sample-json', 'xdatenfelder'];

type Busy =
  | { step: 'reading'; done: number; total: number }
  | { step: 'decoding'; file: string; done: number; total: number }
  | { step: 'importing'; files: number; since: number };

/** The modal dialog; `onClose` unmounts it. */
export function ImportDialog({ onClose }: { onClose(): void }) {
  const t = useImportT();
  const lang = useSession((s) => s.lang);
  const setSession = useSession((s) => s.set);
  const project = useDoc((s) => s.project);
  const dispatch = useDoc((s) => s.dispatch);
  const client = useMemo(() => new ImportClient(), []);
  const [busy, setBusy] = useState<Busy>();
  const [now, setNow] = useState(0);
  const [message, setMessage] = useState<string>();
  const [load, setLoad] = useState<LoadResult>();
  const [kind, setKind] = useState<SchemaKind>('xsd');
  const [catalog, setCatalog] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ImportResult>();
  const [root, setRoot] = useState('');
  const [filter, setFilter] = useState('');
  const [name, setName] = useState('');
  const [useFor, setUseFor] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    client.onProgress = (p: Progress) => {
      if (p.phase === 'read') setBusy({ step: 'reading', done: p.done, total: p.total });
      else if (p.phase !== 'import') setBusy({ step: 'decoding', file: p.file ?? '', done: p.done, total: p.total });
    };
    dialog.current?.querySelector<HTMLElement>('button')?.focus();
    return () => client.cancel();
  }, [client]);

  useEffect(() => {
    // The elapsed time of a running import, so a long import visibly progresses.
    if (busy?.step !== 'importing') return;
    const id = setInterval(() => setNow(performance.now()), 200);
    return () => clearInterval(id);
  }, [busy?.step]);

  const runImport = async (k: SchemaKind, cat: Record<string, string>, files: number) => {
    setBusy({ step: 'importing', files, since: performance.now() });
    setNow(performance.now());
    setMessage(undefined);
    try {
      const r = await client.import(k, cat);
      setResult(r);
      setRoot((prev) => (r.roots.some((q) => clark(q) === prev) ? prev : r.roots[0] ? clark(r.roots[0]) : ''));
    } catch (e) {
      setResult(undefined);
      setMessage((e as Error).message === 'abgebrochen' ? t('cancelled') : t('failed', { message: (e as Error).message }));
    } finally {
      setBusy(undefined);
    }
  };

  const pick = async (list: FileList | null, folder: boolean) => {
    const files = list ? [...list] : [];
    if (!files.length) return;
    client.cancel();
    setResult(undefined);
    setLoad(undefined);
    setCatalog({});
    setMessage(undefined);
    const raw = pickedFiles(files, folder);
    setName(defaultName(raw));
    setBusy({ step: 'reading', done: 0, total: raw.reduce((n, f) => n + f.blob.size, 0) });
    try {
      const l = await client.load(raw);
      setLoad(l);
      setKind(l.guess);
      await runImport(l.guess, {}, l.files.length);
    } catch (e) {
      setBusy(undefined);
      setMessage((e as Error).message === 'abgebrochen' ? t('cancelled') : t('failed', { message: (e as Error).message }));
    }
  };

  const add = async () => {
    if (!project || !result || !root) return;
    let files: SchemaSet['files'];
    try {
      files = await client.contents(kind);
    } catch (e) {
      setMessage(t('failed', { message: (e as Error).message }));
      return;
    }
    const schema: SchemaSet = {
      id: uniqueId(name || 'schema', project.schemas.map((s) => s.id)),
      name: name || 'Schema',
      kind,
      files,
      ...(Object.keys(catalog).length ? { catalog } : {}),
    };
    const checked = SchemaSetSchema.safeParse(schema);
    if (!checked.success) {
      setMessage(t('failed', { message: checked.error.issues.map((i) => i.message).join('; ') }));
      return;
    }
    const ops: Op[] = [{ type: 'schema.put', schema }];
    const [flowId, side] = useFor.split('|');
    if (flowId && (side === 'source' || side === 'target')) ops.push({ type: 'flow.setMessage', flowId, side, message: { schemaId: schema.id, root: parseClark(root) } });
    dispatch({ type: 'batch', ops });
    if (flowId) setSession({ selectedFlowId: flowId, selectedTarget: undefined, selectedRuleId: undefined, pickedSource: undefined });
    onClose();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab' && dialog.current) {
      // Keep focus inside the modal.
      const f = [...dialog.current.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([hidden]), select, [tabindex="0"]')].filter((x) => x.offsetParent !== null);
      if (!f.length) return;
      const i = f.indexOf(document.activeElement as HTMLElement);
      if (e.shiftKey && i <= 0) {
        e.preventDefault();
        f[f.length - 1].focus();
      } else if (!e.shiftKey && i === f.length - 1) {
        e.preventDefault();
        f[0].focus();
      }
    }
  };

  const roots = result?.roots ?? [];
  const shownRoots = filter ? roots.filter((q) => rootLabel(q).toLowerCase().includes(filter.toLowerCase())) : roots;
  const errors = result?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;
  const totalSize = load?.files.reduce((n, f) => n + f.size, 0) ?? 0;
  const diagnostics = [...(load?.diagnostics ?? []), ...(result?.diagnostics ?? [])];

  return (
    <div className="modal-backdrop">
      <div ref={dialog} className="modal schema-import" role="dialog" aria-modal="true" aria-labelledby="si-title" data-testid="schema-import" onKeyDown={onKeyDown} onDragOver={(e) => e.preventDefault()} onDrop={(e) => {
        e.preventDefault();
        void pick(e.dataTransfer.files, false);
      }}>
        <h2 id="si-title">{t('title')}</h2>
        <section aria-labelledby="si-files-h">
          <h3 id="si-files-h">{t('filesHeading')}</h3>
          <div className="row">
            <button type="button" onClick={() => fileInput.current?.click()}>
              {t('pickFiles')}
            </button>
            <button type="button" onClick={() => folderInput.current?.click()}>
              {t('pickFolder')}
            </button>
            <span className="muted small">{t('dropHint')}</span>
          </div>
          <input ref={fileInput} type="file" multiple hidden accept=".xsd,.json,.xml,.zip" data-testid="schema-files" onChange={(e) => void pick(e.target.files, false).finally(() => (e.target.value = ''))} />
          <input
            ref={folderInput}
            type="file"
            hidden
            data-testid="schema-folder"
            {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
            onChange={(e) => void pick(e.target.files, true).finally(() => (e.target.value = ''))}
          />
          {load && (
            <p className="small" data-testid="import-files">
              {t('filesSummary', { n: String(load.files.length), size: formatBytes(totalSize, lang) })}
              {load.skipped.length > 0 && <span className="muted"> · {t('skipped', { n: String(load.skipped.length) })}</span>}
            </p>
          )}
        </section>
        <fieldset className="si-kinds" disabled={!load || !!busy}>
          <legend>{t('kindHeading')}</legend>
          {KINDS.map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="si-kind"
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  void runImport(k, catalog, load?.files.length ?? 0);
                }}
              />{' '}
              {t(`kind_${k}` as 'kind_xsd')}
            </label>
          ))}
        </fieldset>
        <div role="status" aria-live="polite" className="si-status" data-testid="import-status">
          {busy && <BusyLine busy={busy} now={now} />}
          {busy && (
            <button type="button" onClick={() => client.cancel()}>
              {t('cancel')}
            </button>
          )}
          {!busy && message && <p className="run-error">{message}</p>}
          {!busy && result && roots.length > 0 && <p className="small muted">{t('imported', { roots: String(roots.length), files: String(result.used.length), ms: String(Math.round(result.ms)) })}</p>}
          {!busy && result && !roots.length && <p className="run-error" data-testid="import-no-roots">{t('noRoots')}</p>}
        </div>
        {result && roots.length > 0 && (
          <section className="si-result" aria-labelledby="si-result-h">
            <h3 id="si-result-h">{t('resultHeading')}</h3>
            <label className="si-field si-root">
              {t('root')}
              <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label={t('rootFilter')} placeholder={t('rootFilter')} />
              <select size={Math.min(8, Math.max(2, shownRoots.length))} value={root} onChange={(e) => setRoot(e.target.value)} aria-label={t('root')} data-testid="import-root">
                {shownRoots.slice(0, 5000).map((q) => (
                  <option key={clark(q)} value={clark(q)}>
                    {rootLabel(q)}
                  </option>
                ))}
              </select>
            </label>
            <label className="si-field">
              {t('name')}
              <input value={name} onChange={(e) => setName(e.target.value)} data-testid="import-name" />
            </label>
            <label className="si-field">
              {t('useFor')}
              <select value={useFor} onChange={(e) => setUseFor(e.target.value)} data-testid="import-use-for">
                <option value="">{t('useNone')}</option>
                {project?.flows.flatMap((f) => [
                  <option key={`${f.id}|source`} value={`${f.id}|source`}>
                    {t('useSource', { flow: `${f.scenarioCode} ${f.title}` })}
                  </option>,
                  <option key={`${f.id}|target`} value={`${f.id}|target`}>
                    {t('useTarget', { flow: `${f.scenarioCode} ${f.title}` })}
                  </option>,
                ])}
              </select>
            </label>
          </section>
        )}
        {result && (result.unresolved.length > 0 || Object.keys(catalog).length > 0) && (
          <CatalogEditor catalog={catalog} unresolved={result.unresolved} files={result.used} busy={!!busy} onChange={setCatalog} onReimport={() => void runImport(kind, catalog, load?.files.length ?? 0)} />
        )}
        {(!!result || !!load?.diagnostics.length) && <DiagnosticsList diagnostics={diagnostics} />}
        <div className="row si-actions">
          <button type="button" onClick={onClose}>
            {t('close')}
          </button>
          <button type="button" className="primary" onClick={() => void add()} disabled={!!busy || !result || !root || !project} data-testid="import-add">
            {errors ? t('addWithErrors') : t('add')}
          </button>
        </div>
      </div>
    </div>
  );
}

function BusyLine({ busy, now }: { busy: Busy; now: number }) {
  const t = useImportT();
  const lang = useSession((s) => s.lang);
  if (busy.step === 'reading') {
    return (
      <p>
        <progress value={busy.done} max={busy.total || 1} aria-label={t('reading', { done: '', total: '' })} />{' '}
        {t('reading', { done: formatBytes(busy.done, lang), total: formatBytes(busy.total, lang) })}
      </p>
    );
  }
  if (busy.step === 'decoding') {
    return (
      <p>
        <progress aria-label={t('decoding', { file: '' })} /> {t('decoding', { file: busy.file })}
      </p>
    );
  }
  return (
    <p data-testid="import-progress">
      <progress aria-label={t('importing', { n: String(busy.files), s: '' })} /> {t('importing', { n: String(busy.files), s: ((now - busy.since) / 1000).toFixed(1) })}
    </p>
  );
}
