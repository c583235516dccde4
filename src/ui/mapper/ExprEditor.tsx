/**
 * A structured editor for one mapping expression: the user picks a kind (source field, constant,
 * function, value map, parameter, variable, XPath) and fills its parts. Expressions stay data;
 * nothing is parsed from strings.
 */
import { lazy, Suspense } from 'react';
import { FUNCTIONS, type FunctionCategory } from '../../core/compiler/functions.ts';
import type { ExprPart } from '../../core/mapping/xpath-scope.ts';
import type { Expr } from '../../core/model/expr.ts';
import type { Flow } from '../../core/model/project.ts';
import { useSession } from '../state/session.ts';
import { shortPath } from './describe.ts';
import { useMapperT } from './texts.ts';

type Kind = Expr['kind'] | 'none';

// Monaco loads with the first XPath field, not with the app.
const XPathEditor = lazy(() => import('./XPathEditor.tsx'));

export interface ExprEditorProps {
  expr: Expr | undefined;
  onChange(e: Expr | undefined): void;
  flow: Flow;
  /** Label for the outermost control group. */
  label: string;
  /** Nesting depth (for ids and indentation). */
  depth?: number;
  /** Whether "none" is offered (top-level value, condition). */
  allowNone?: boolean;
  idPrefix: string;
  /** Target path of the rule being edited (XPath completion reads its loop context); none for a flow variable. */
  target?: string;
  /** Which part of the rule this expression is (value, condition, filter …). */
  part?: ExprPart;
  /** Whose expression it is when not a rule's (a flow variable: variableOwner), for the XPath check's findings. */
  owner?: string;
}

const CATEGORIES: FunctionCategory[] = ['string', 'number', 'date', 'boolean'];
const CAT_LABEL: Record<FunctionCategory, { de: string; en: string }> = {
  string: { de: 'Text', en: 'String' },
  number: { de: 'Zahl', en: 'Number' },
  date: { de: 'Datum und Zeit', en: 'Date and time' },
  boolean: { de: 'Logik', en: 'Boolean' },
};

/** Converts an expression to another kind, keeping what can be kept. */
export function convertExpr(e: Expr | undefined, kind: Kind, flow: Flow, picked?: string): Expr | undefined {
  switch (kind) {
    case 'none':
      return undefined;
    case 'source':
      return { kind: 'source', path: picked ?? (e?.kind === 'source' ? e.path : '') };
    case 'const':
      return { kind: 'const', value: e?.kind === 'const' ? e.value : '' };
    case 'call':
      return { kind: 'call', fn: 'concat', args: e ? [e, { kind: 'const', value: '' }] : [{ kind: 'const', value: '' }, { kind: 'const', value: '' }] };
    case 'lookup':
      return { kind: 'lookup', map: flow.mapping.valueMaps[0]?.id ?? '', arg: e ?? { kind: 'const', value: '' } };
    case 'param':
      return { kind: 'param', name: flow.mapping.parameters[0]?.name ?? '' };
    case 'var':
      return { kind: 'var', name: flow.mapping.variables[0]?.name ?? '' };
    case 'xpath':
      return { kind: 'xpath', text: e?.kind === 'xpath' ? e.text : '' };
  }
}

/** Wraps an expression in a function call (the palette's action). */
export function wrapInFunction(e: Expr | undefined, fn: string): Expr {
  const def = FUNCTIONS.get(fn);
  const args: Expr[] = e ? [e] : [];
  while (args.length < (def?.minArgs ?? 1)) args.push({ kind: 'const', value: '' });
  return { kind: 'call', fn, args };
}

/** Edits one expression, recursively for function arguments and lookups. */
export function ExprEditor(p: ExprEditorProps) {
  const t = useMapperT();
  const lang = useSession((s) => s.lang);
  const picked = useSession((s) => s.pickedSource);
  const e = p.expr;
  const depth = p.depth ?? 0;
  const id = `${p.idPrefix}-${depth}`;
  const kind: Kind = e?.kind ?? 'none';
  const kinds: [Kind, string][] = [
    ...(p.allowNone ? ([['none', t('kNone')]] as [Kind, string][]) : []),
    ['source', t('kSource')],
    ['const', t('kConst')],
    ['call', t('kCall')],
    ['lookup', t('kLookup')],
    ['param', t('kParam')],
    ['var', t('kVar')],
    ['xpath', t('kXpath')],
  ];
  return (
    <fieldset className={`expr expr-d${Math.min(depth, 3)}`} data-expr-kind={kind}>
      <legend>{p.label}</legend>
      <label htmlFor={`${id}-kind`} className="sr-only">
        {t('kind')}
      </label>
      <select id={`${id}-kind`} value={kind} onChange={(ev) => p.onChange(convertExpr(e, ev.target.value as Kind, p.flow, picked))} aria-label={`${p.label}: ${t('kind')}`}>
        {kinds.map(([k, l]) => (
          <option key={k} value={k}>
            {l}
          </option>
        ))}
      </select>
      {e?.kind === 'source' && (
        <span className="expr-source">
          <code title={e.path}>{e.path ? shortPath(e.path, 4) : '—'}</code>{' '}
          <button type="button" disabled={!picked} onClick={() => picked && p.onChange({ kind: 'source', path: picked })} title={picked ? picked : t('noPicked')}>
            {t('usePicked')}
          </button>
        </span>
      )}
      {e?.kind === 'const' && (
        <input
          aria-label={`${p.label}: ${t('kConst')}`}
          value={e.value}
          onChange={(ev) => p.onChange({ ...e, value: ev.target.value })}
          data-testid={depth === 0 ? 'const-input' : undefined}
        />
      )}
      {e?.kind === 'param' &&
        (p.flow.mapping.parameters.length ? (
          <select aria-label={`${p.label}: ${t('kParam')}`} value={e.name} onChange={(ev) => p.onChange({ kind: 'param', name: ev.target.value })}>
            {p.flow.mapping.parameters.map((x) => (
              <option key={x.name} value={x.name}>
                ${x.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="muted">{t('noParams')}</span>
        ))}
      {e?.kind === 'var' &&
        (p.flow.mapping.variables.length ? (
          <select aria-label={`${p.label}: ${t('kVar')}`} value={e.name} onChange={(ev) => p.onChange({ kind: 'var', name: ev.target.value })}>
            {p.flow.mapping.variables.map((x) => (
              <option key={x.name} value={x.name}>
                ${x.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="muted">{t('noVars')}</span>
        ))}
      {e?.kind === 'xpath' && (
        <Suspense fallback={<div className="xpath-loading">{e.text || '…'}</div>}>
          <XPathEditor
            // A field of another rule gets its own editor (and undo history); a pending edit is committed first.
            key={`${p.target ?? ''}|${id}`}
            value={e.text}
            onChange={(text) => p.onChange({ kind: 'xpath', text })}
            flow={p.flow}
            target={p.target}
            part={p.part ?? (p.target ? 'value' : 'variable')}
            owner={p.owner}
            ariaLabel={`${p.label}: ${t('kXpath')}`}
            placeholder={t('xpathHint')}
            testId={depth === 0 ? `xpath-${p.idPrefix}` : undefined}
          />
        </Suspense>
      )}
      {e?.kind === 'lookup' && (
        <div className="expr-args">
          {p.flow.mapping.valueMaps.length ? (
            <label>
              {t('table')}{' '}
              <select value={e.map} onChange={(ev) => p.onChange({ ...e, map: ev.target.value })}>
                {p.flow.mapping.valueMaps.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name} ({m.id})
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span className="muted">{t('noTables')}</span>
          )}
          <ExprEditor expr={e.arg} onChange={(a) => p.onChange({ ...e, arg: a ?? { kind: 'const', value: '' } })} flow={p.flow} label={t('arg')} depth={depth + 1} idPrefix={`${id}-a`} target={p.target} part={p.part} owner={p.owner} />
        </div>
      )}
      {e?.kind === 'call' && (
        <div className="expr-args">
          <label>
            {t('fn')}{' '}
            <select value={e.fn} onChange={(ev) => p.onChange({ ...e, fn: ev.target.value })} data-testid={depth === 0 ? 'fn-select' : undefined}>
              {CATEGORIES.map((c) => (
                <optgroup key={c} label={CAT_LABEL[c][lang]}>
                  {[...FUNCTIONS.values()]
                    .filter((f) => f.category === c)
                    .map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.label[lang]}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          {e.args.map((a, i) => {
            const def = FUNCTIONS.get(e.fn);
            const name = def?.params[Math.min(i, def.params.length - 1)] ?? `${t('arg')} ${i + 1}`;
            return (
              <div key={i} className="arg">
                <ExprEditor
                  expr={a}
                  onChange={(na) => p.onChange({ ...e, args: e.args.map((x, j) => (j === i ? (na ?? { kind: 'const', value: '' }) : x)) })}
                  flow={p.flow}
                  label={`${name} (${i + 1})`}
                  depth={depth + 1}
                  idPrefix={`${id}-${i}`}
                  target={p.target}
                  part={p.part}
                  owner={p.owner}
                />
                {e.args.length > (def?.minArgs ?? 0) && (
                  <button type="button" className="small-btn" onClick={() => p.onChange({ ...e, args: e.args.filter((_, j) => j !== i) })} aria-label={`${t('removeArg')} ${i + 1}`}>
                    ✕
                  </button>
                )}
              </div>
            );
          })}
          {(FUNCTIONS.get(e.fn)?.variadic || e.args.length < (FUNCTIONS.get(e.fn)?.params.length ?? 0)) && (
            <button type="button" onClick={() => p.onChange({ ...e, args: [...e.args, { kind: 'const', value: '' }] })}>
              + {t('addArg')}
            </button>
          )}
        </div>
      )}
    </fieldset>
  );
}
