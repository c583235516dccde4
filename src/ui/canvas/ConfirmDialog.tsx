/** Asks before deleting flows that have a mapping; Escape or Cancel keeps everything. */
import { useEffect, useRef } from 'react';
import { useCanvas } from './store.ts';
import { useCanvasT } from './texts.ts';

export function ConfirmDialog() {
  const t = useCanvasT();
  const confirm = useCanvas((s) => s.confirm);
  const set = useCanvas((s) => s.set);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), [confirm]);
  if (!confirm) return null;
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && set({ confirm: undefined })}>
      <div className="modal confirm" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-text" data-testid="confirm-delete">
        <h2 id="confirm-title">{t('confirmDelete')}</h2>
        <p id="confirm-text">{t('confirmDeleteText')}</p>
        <ul>
          {confirm.flows.map((f) => (
            <li key={f.id}>
              <strong>{f.label}</strong> <span className="muted">({t('rules', { n: String(f.rules) })})</span>
            </li>
          ))}
        </ul>
        <div className="row-end">
          <button ref={cancelRef} onClick={() => set({ confirm: undefined })}>
            {t('cancel')}
          </button>
          <button className="danger" onClick={() => confirm.run()} data-testid="confirm-delete-ok">
            {t('delete')}
          </button>
        </div>
      </div>
    </div>
  );
}
