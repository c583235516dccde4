/** The top-bar button that opens the schema import dialog. */
import { useState } from 'react';
import { ImportDialog } from './ImportDialog.tsx';
import { useImportT } from './importTexts.ts';

/** "Schema importieren…" and, while open, the dialog. */
export function SchemaImportButton({ disabled }: { disabled?: boolean }) {
  const t = useImportT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={disabled} data-testid="open-schema-import" aria-haspopup="dialog">
        {t('open')}
      </button>
      {open && <ImportDialog onClose={() => setOpen(false)} />}
    </>
  );
}
