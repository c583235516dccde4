/**
 * The inspector of the selected target field: the value it gets on the current sample, its value
 * expression, loop, condition, and a function palette that wraps the current value. Every change is one
 * core operation (undoable).
 */
import { FUNCTIONS, type FunctionCategory } from '../../core/compiler/functions.ts';
import { updateRuleOp } from '../../core/model/ops.ts';
import type { Flow, MappingRule } from '../../core/model/project.ts';
import type { SchemaNode } from '../../core/schema/types.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { shortPath } from './describe.ts';
import { ExprEditor, wrapInFunction } from './ExprEditor.tsx';
import { SampleValue } from './SampleValue.tsx';
import { useMapperT } from './texts.ts';

export interface InspectorProps {
  flow: Flow;
  target?: SchemaNode;
  rule?: MappingRule;
}

const CATS: FunctionCategory[] = ['string', 'number', 'date', 'boolean'];

/** Edits the rule of one target field. */
export function Inspector({ flow, target, rule }: InspectorProps) {
  const t = useMapperT();
  const dispatch = useDoc((s) => s.dispatch);
  const { pickedSource, lang } = useSession();
  if (!target) return <p className="muted">{t('noTarget')}</p>;
  const path = target.path;
  const update = (patch: Partial<Omit<MappingRule, 'id' | 'target'>>) => dispatch(updateRuleOp(flow, path, patch));
  const repeating = target.kind === 'element' && target.maxOccurs !== 1;
  const hasValue = !!target.simple || target.kind === 'attribute';

  return (
    <div className="inspector-body" data-testid="inspector">
      <div className="insp-head">
        <strong title={path}>{shortPath(path, 4)}</strong>{' '}
        <span className="muted">
          {target.simple?.builtin ?? target.typeName?.local ?? ''} · {target.minOccurs}..{target.maxOccurs ?? 'n'} · {target.minOccurs > 0 ? t('required') : t('optional')}
        </span>{' '}
        {rule && <span className="rule-id">[{rule.id}]</span>}
        {rule && (
          <button type="button" onClick={() => dispatch({ type: 'rule.remove', flowId: flow.id, ruleId: rule.id })}>
            {t('removeRule')}
          </button>
        )}
      </div>
      <SampleValue flow={flow} path={path} />
      {target.simple?.enumeration && target.simple.enumeration.length > 0 && (
        <details className="enum">
          <summary>{t('codeListN', { n: String(target.simple.enumeration.length) })}</summary>
          <ul>
            {target.simple.enumeration.slice(0, 50).map((v) => (
              <li key={v.value}>
                <code>{v.value}</code> {v.documentation}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="insp-grid">
        {hasValue && (
          <div>
            <ExprEditor expr={rule?.value} onChange={(v) => update({ value: v })} flow={flow} label={t('value')} allowNone idPrefix="val" target={path} part="value" />
            <details className="palette">
              <summary>{t('palette')}</summary>
              <p className="muted small">{t('paletteHint')}</p>
              {CATS.map((c) => (
                <div key={c} className="palette-cat">
                  {[...FUNCTIONS.values()]
                    .filter((f) => f.category === c)
                    .map((f) => (
                      <button key={f.id} type="button" className="fn-btn" onClick={() => update({ value: wrapInFunction(rule?.value, f.id) })} data-fn={f.id}>
                        {f.label[lang]}
                      </button>
                    ))}
                </div>
              ))}
            </details>
          </div>
        )}
        {repeating && (
          <fieldset className="expr">
            <legend>{t('loop')}</legend>
            <p className="muted small">{t('loopHint')}</p>
            {rule?.forEach ? (
              <>
                <code title={rule.forEach.source}>{shortPath(rule.forEach.source, 4)}</code>{' '}
                <button type="button" onClick={() => update({ forEach: undefined })}>
                  {t('loopRemove')}
                </button>
                <ExprEditor
                  expr={rule.forEach.filter}
                  onChange={(f) => rule.forEach && update({ forEach: { ...rule.forEach, filter: f } })}
                  flow={flow}
                  label={t('filter')}
                  allowNone
                  idPrefix="filter"
                  target={path}
                  part="filter"
                />
                <ExprEditor
                  expr={rule.forEach.groupBy}
                  onChange={(g) => rule.forEach && update({ forEach: { ...rule.forEach, groupBy: g } })}
                  flow={flow}
                  label={t('groupBy')}
                  allowNone
                  idPrefix="group"
                  target={path}
                  part="groupBy"
                />
                <ExprEditor
                  expr={rule.forEach.sort?.[0]?.expr}
                  onChange={(s) => rule.forEach && update({ forEach: { ...rule.forEach, sort: s ? [{ expr: s, order: rule.forEach.sort?.[0]?.order ?? 'ascending', dataType: rule.forEach.sort?.[0]?.dataType ?? 'text' }] : undefined } })}
                  flow={flow}
                  label={t('sort')}
                  allowNone
                  idPrefix="sort"
                  target={path}
                  part="sort"
                />
                {rule.forEach.sort?.[0] && (
                  <select
                    aria-label={t('sort')}
                    value={rule.forEach.sort[0].order}
                    onChange={(ev) => rule.forEach?.sort && update({ forEach: { ...rule.forEach, sort: [{ ...rule.forEach.sort[0], order: ev.target.value as 'ascending' | 'descending' }] } })}
                  >
                    <option value="ascending">{t('ascending')}</option>
                    <option value="descending">{t('descending')}</option>
                  </select>
                )}
              </>
            ) : (
              <button type="button" disabled={!pickedSource} onClick={() => pickedSource && update({ forEach: { source: pickedSource } })} data-testid="loop-set">
                {t('loopSet')}
              </button>
            )}
          </fieldset>
        )}
        <div>
          {rule?.condition !== undefined ? (
            <>
              <ExprEditor expr={rule.condition} onChange={(c) => update({ condition: c })} flow={flow} label={t('condition')} allowNone idPrefix="cond" target={path} part="condition" />
            </>
          ) : (
            <button type="button" onClick={() => update({ condition: { kind: 'call', fn: 'exists', args: [pickedSource ? { kind: 'source', path: pickedSource } : { kind: 'const', value: '' }] } })} data-testid="condition-add">
              + {t('conditionAdd')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
