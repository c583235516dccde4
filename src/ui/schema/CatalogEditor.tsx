/**
 * The small catalog of a schema set: unresolved imports (schemaLocation, namespace, $ref URI) →
 * one of the uploaded files. Offered rows come from the import's findings; more can be added.
 */
import { useImportT } from './importTexts.ts';

export interface CatalogEditorProps {
  catalog: Record<string, string>;
  /** Keys the last import could not resolve. */
  unresolved: string[];
  files: string[];
  busy: boolean;
  onChange(catalog: Record<string, string>): void;
  onReimport(): void;
}

/** Table of catalog entries with a file picker per entry. */
export function CatalogEditor(p: CatalogEditorProps) {
  const t = useImportT();
  const keys = [...new Set([...p.unresolved, ...Object.keys(p.catalog)])];
  const set = (key: string, file: string, oldKey = key) => {
    const next = { ...p.catalog };
    delete next[oldKey];
    if (file) next[key] = file;
    p.onChange(next);
  };
  return (
    <section className="si-catalog" aria-labelledby="si-catalog-h">
      <h3 id="si-catalog-h">{t('catalogHeading')}</h3>
      <p className="muted small">{t('catalogHint')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('catalogKey')}</th>
            <th scope="col">{t('catalogFile')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.map((k, i) => (
            <tr key={i}>
              <td>
                <code>{k}</code>
              </td>
              <td>
                <select aria-label={`${t('catalogFile')}: ${k}`} value={p.catalog[k] ?? ''} onChange={(e) => set(k, e.target.value)} data-testid="catalog-file">
                  <option value="">{t('catalogNone')}</option>
                  {p.files.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {k in p.catalog && (
                  <button type="button" onClick={() => set(k, '')}>
                    {t('catalogRemove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="si-catalog-add"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const key = (form.elements.namedItem('key') as HTMLInputElement).value.trim();
          const file = (form.elements.namedItem('file') as HTMLSelectElement).value;
          if (key && file) {
            set(key, file);
            form.reset();
          }
        }}
      >
        <input name="key" aria-label={t('catalogKey')} placeholder={t('catalogKey')} />
        <select name="file" aria-label={t('catalogFile')} defaultValue="">
          <option value="">{t('catalogNone')}</option>
          {p.files.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        <button type="submit">{t('catalogAdd')}</button>
        <button type="button" className="primary" onClick={p.onReimport} disabled={p.busy} data-testid="reimport">
          {t('reimport')}
        </button>
      </form>
    </section>
  );
}
