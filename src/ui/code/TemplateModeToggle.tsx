/**
 * "Eine Vorlage je Struktur": how the compiler writes the flow's rule, inline in one template or with a
 * named template per complex target structure. The rule's output is the same either way; the choice is
 * saved with the mapping and is one undoable edit.
 */
import type { Flow } from '../../core/model/project.ts';
import { makeT } from '../i18n.ts';
import { useDoc } from '../state/doc.ts';
import './template-mode.css';

const useT = makeT(
  {
    label: 'Eine Vorlage je Struktur',
    hint: 'Die Regel mit einer benannten Vorlage (xsl:template name="…") je größerer Zielstruktur schreiben statt alles in einer Vorlage. Die Ausgabe bleibt gleich.',
  },
  {
    label: 'One template per structure',
    hint: 'Write the rule with a named template (xsl:template name="…") per larger target structure instead of everything in one template. The output stays the same.',
  },
);

/** The checkbox shown with the XSLT view (at the end of the run bar); dispatches mapping.setTemplates. */
export function TemplateModeToggle({ flow }: { flow: Flow }) {
  const t = useT();
  const dispatch = useDoc((s) => s.dispatch);
  const on = flow.mapping.options?.templates === 'structures';
  return (
    <label className="template-mode" title={t('hint')}>
      <input
        type="checkbox"
        checked={on}
        disabled={!flow.target}
        onChange={(e) => dispatch({ type: 'mapping.setTemplates', flowId: flow.id, templates: e.target.checked ? 'structures' : 'inline' })}
        data-testid="template-mode"
      />{' '}
      {t('label')}
    </label>
  );
}
