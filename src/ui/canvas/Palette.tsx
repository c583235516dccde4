/** The system palette: every kind with its icon; drag onto the canvas, or click / press Enter to add. */
import { PALETTE, type PaletteEntry } from '../../core/landscape/kinds.ts';
import { useSession } from '../state/session.ts';
import { SystemIcon } from './icons.tsx';
import { kindLabel, useCanvasT } from './texts.ts';

/** Drag payload type of a palette entry. */
export const PALETTE_MIME = 'application/x-regelwerk-system';

export function Palette({ onAdd, wide }: { onAdd(entry: PaletteEntry): void; wide: boolean }) {
  const t = useCanvasT();
  const lang = useSession((s) => s.lang);
  return (
    <nav className={`palette ${wide ? 'wide' : 'narrow'}`} aria-label={t('palette')}>
      {wide && <h3>{t('palette')}</h3>}
      <p className="sr-only">{t('paletteHint')}</p>
      <ul>
        {PALETTE.map((e) => {
          const label = kindLabel(e.kind, lang, e.subKind);
          const key = `${e.kind}${e.subKind ? `:${e.subKind}` : ''}`;
          return (
            <li key={key}>
              <button
                className="palette-item"
                draggable
                data-palette={key}
                title={`${label}: ${t('paletteHint')}`}
                aria-label={label}
                onDragStart={(ev) => {
                  ev.dataTransfer.setData(PALETTE_MIME, JSON.stringify(e));
                  ev.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onAdd(e)}
              >
                <SystemIcon kind={e.kind} subKind={e.subKind} size={18} />
                {wide && <span aria-hidden="true">{label}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
