/**
 * Everything the schema says about one tree node, shown in a small non-modal dialog next to the
 * row: kind, type, cardinality, namespace, restrictions, code-list values with their meaning,
 * documentation and where it is declared. Opened with the key `i` (or the ⓘ button), closed with
 * Esc, which returns focus to the row.
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import { jsonKindOf, labelOf } from '../../core/schema/json/paths.ts';
import type { SchemaNode, SimpleInfo } from '../../core/schema/types.ts';
import { useSchemaT } from './texts.ts';

function qn(q: { ns: string; local: string }): string {
  return q.ns ? `${q.local} {${q.ns}}` : q.local;
}

type T = ReturnType<typeof useSchemaT>;

function facetLines(s: SimpleInfo, t: T): string[] {
  const out: string[] = [];
  if (s.list) out.push(t('fListOf', { x: s.builtin }));
  if (s.union) out.push(t('fUnion', { x: s.union.join(' | ') }));
  if (s.length !== undefined) out.push(t('fLength', { x: String(s.length) }));
  if (s.minLength !== undefined || s.maxLength !== undefined) out.push(t('fLengthRange', { x: `${s.minLength ?? 0}..${s.maxLength ?? '∞'}` }));
  for (const p of s.pattern ?? []) out.push(t('fPattern', { x: p }));
  const range = [
    s.minInclusive !== undefined ? `≥ ${s.minInclusive}` : '',
    s.minExclusive !== undefined ? `> ${s.minExclusive}` : '',
    s.maxInclusive !== undefined ? `≤ ${s.maxInclusive}` : '',
    s.maxExclusive !== undefined ? `< ${s.maxExclusive}` : '',
  ].filter(Boolean);
  if (range.length) out.push(t('fRange', { x: range.join(', ') }));
  if (s.totalDigits !== undefined) out.push(t('fTotalDigits', { x: String(s.totalDigits) }));
  if (s.fractionDigits !== undefined) out.push(t('fFractionDigits', { x: String(s.fractionDigits) }));
  return out;
}

export interface NodeDetailsProps {
  node: SchemaNode;
  /** Readable path (local names). */
  readable: string;
  style?: CSSProperties;
  onClose(): void;
}

/** The details dialog of one node. */
export function NodeDetails({ node: n, readable, style, onClose }: NodeDetailsProps) {
  const t = useSchemaT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [n.path]);
  const label = labelOf(n);
  const json = jsonKindOf(n);
  const kind = n.kind === 'attribute' ? t('kindAttribute') : n.kind === 'any' ? t('kindAny') : n.kind === 'anyAttribute' ? t('kindAnyAttribute') : t('kindElement');
  const type = [n.typeName ? qn(n.typeName) : '', n.simple && (!n.typeName || n.typeName.local !== n.simple.builtin) ? n.simple.builtin : ''].filter(Boolean).join(' → ');
  const card = `${n.minOccurs}..${n.maxOccurs === null ? 'n' : n.maxOccurs} (${n.minOccurs > 0 ? t('required') : t('optional')}${n.maxOccurs !== 1 ? ', ' + t('repeating') : ''})`;
  const flags = [n.nillable && t('nillable'), n.abstract && t('abstract'), n.mixed && t('mixed'), n.choice && t('choice'), n.recursive && t('recursive')].filter(Boolean) as string[];
  const facets = n.simple ? facetLines(n.simple, t) : [];
  const codes = n.simple?.enumeration ?? [];
  const name = `${n.kind === 'attribute' ? '@' : ''}${n.name.local}`;
  return (
    <div
      ref={ref}
      className="node-details"
      role="dialog"
      aria-label={t('detailsOf', { name })}
      tabIndex={-1}
      style={style}
      data-testid="node-details"
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === 'i') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="nd-head">
        <strong>{name}</strong>
        {label && <span className="nd-label">{label}</span>}
        <button type="button" className="nd-close" onClick={onClose} aria-label={t('close')} title={t('close')}>
          ×
        </button>
      </div>
      <dl>
        <dt>{t('path')}</dt>
        <dd>
          <code>{readable}</code>
        </dd>
        <dt>{t('kind')}</dt>
        <dd>{kind}</dd>
        {json && (
          <>
            <dt>{t('jsonKind')}</dt>
            <dd>{json === 'map' ? 'object' : json === '*' ? t('anyJson') : json}</dd>
          </>
        )}
        {type && (
          <>
            <dt>{t('type')}</dt>
            <dd>{type}</dd>
          </>
        )}
        <dt>{t('cardinality')}</dt>
        <dd>{card}</dd>
        {!json && (
          <>
            <dt>{t('namespace')}</dt>
            <dd>{n.name.ns || t('noNamespace')}</dd>
          </>
        )}
        {facets.length > 0 && (
          <>
            <dt>{t('facets')}</dt>
            <dd>{facets.join(' · ')}</dd>
          </>
        )}
        {n.default !== undefined && (
          <>
            <dt>{t('defaultValue')}</dt>
            <dd>
              <code>{n.default}</code>
            </dd>
          </>
        )}
        {n.fixed !== undefined && (
          <>
            <dt>{t('fixedValue')}</dt>
            <dd>
              <code>{n.fixed}</code>
            </dd>
          </>
        )}
        {n.substitutes?.length ? (
          <>
            <dt>{t('substitutes')}</dt>
            <dd>{n.substitutes.map((q) => q.local).join(', ')}</dd>
          </>
        ) : null}
        {flags.length > 0 && (
          <>
            <dt />
            <dd>{flags.join(' · ')}</dd>
          </>
        )}
        {n.source?.file && (
          <>
            <dt>{t('source')}</dt>
            <dd>
              <code>
                {n.source.file}
                {n.source.line ? `:${n.source.line}` : ''}
              </code>
            </dd>
          </>
        )}
      </dl>
      {n.documentation && (
        <section>
          <h4>{t('documentation')}</h4>
          <p className="nd-doc">{n.documentation}</p>
        </section>
      )}
      {codes.length > 0 && (
        <section>
          <h4>{t('codeList', { n: String(codes.length) })}</h4>
          <table className="nd-codes">
            <thead>
              <tr>
                <th scope="col">{t('code')}</th>
                <th scope="col">{t('meaning')}</th>
              </tr>
            </thead>
            <tbody>
              {codes.map((c, i) => (
                <tr key={i}>
                  <td>
                    <code>{c.value}</code>
                  </td>
                  <td>{c.documentation ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
