/** "Neu aus Vorlage": a button for the top bar and its dialog; the new project opens via openProject. */
import { useEffect, useRef, useState } from 'react';
import { listBlueprints, projectFromBlueprint } from '../../core/landscape/blueprints.ts';
import { openProject } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { useCanvas } from './store.ts';
import { useCanvasT } from './texts.ts';
import './canvas.css';

export function BlueprintButton() {
  const t = useCanvasT();
  const [open, setOpen] = useState(false);
  const btn = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button ref={btn} onClick={() => setOpen(true)} data-testid="from-blueprint" aria-haspopup="dialog">
        {t('fromBlueprint')}
      </button>
      {open && (
        <BlueprintDialog
          onClose={() => {
            setOpen(false);
            btn.current?.focus();
          }}
        />
      )}
    </>
  );
}

function BlueprintDialog({ onClose }: { onClose(): void }) {
  const t = useCanvasT();
  const lang = useSession((s) => s.lang);
  const list = listBlueprints();
  const [choice, setChoice] = useState(list[0].id);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const create = async () => {
    const p = projectFromBlueprint(choice, { projectId: `${choice}-${Date.now().toString(36)}`, lang });
    if (!p) return;
    useSession.getState().set({ selectedFlowId: undefined, selectedTarget: undefined, selectedRuleId: undefined, pickedSource: undefined });
    useCanvas.getState().set({ selSystems: [], selFlows: [], selAdapter: undefined, selGhost: undefined, tests: {} });
    await openProject(p);
    onClose();
  };
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal blueprint-dialog" role="dialog" aria-modal="true" aria-labelledby="bp-title" data-testid="blueprint-dialog">
        <h2 id="bp-title">{t('blueprints')}</h2>
        <fieldset>
          <legend className="sr-only">{t('blueprints')}</legend>
          {list.map((b, i) => (
            <label key={b.id} className={`bp-option ${choice === b.id ? 'on' : ''}`}>
              <input ref={i === 0 ? first : undefined} type="radio" name="blueprint" value={b.id} checked={choice === b.id} onChange={() => setChoice(b.id)} data-blueprint={b.id} />
              <span>
                <strong>{b.title[lang]}</strong>{' '}
                <span className="muted small">
                  {t('blueprintCounts', { systems: String(b.systems), flows: String(b.flows) })}
                  {b.acyclic ? ` · ${t('acyclic')}` : ''}
                </span>
                <br />
                <span className="small">{b.description[lang]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="row-end">
          <button onClick={onClose}>{t('cancel')}</button>
          <button className="primary" onClick={() => void create()} data-testid="blueprint-create">
            {t('blueprintCreate')}
          </button>
        </div>
      </div>
    </div>
  );
}
