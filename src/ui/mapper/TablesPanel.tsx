/** Editors for a flow's value maps (with CSV and genericode import) and its parameters and variables. */
import { useState } from 'react';
import { variableOwner } from '../../core/compiler/xpath-check.ts';
import { formatFinding, type Diagnostic } from '../../core/diagnostics.ts';
import { readGenericode, valueMapFromGenericode, valueMapRowsFromCsv, type GenericodeList } from '../../core/mapping/valuemap-import.ts';
import type { Flow, Parameter, ValueMap, Variable } from '../../core/model/project.ts';
import { FileButton } from '../shell/FileButton.tsx';
import { useDoc } from '../state/doc.ts';
import { ExprEditor } from './ExprEditor.tsx';
import { useMapperT } from './texts.ts';

function freeId(base: string, taken: string[]): string {
  let id = base;
  for (let i = 2; taken.includes(id); i++) id = `${base}${i}`;
  return id;
}

/** Value maps of a flow. */
export function ValueMapsPanel({ flow }: { flow: Flow }) {
  const t = useMapperT();
  const dispatch = useDoc((s) => s.dispatch);
  const [sel, setSel] = useState<string | undefined>(flow.mapping.valueMaps[0]?.id);
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const [gc, setGc] = useState<{ list: GenericodeList; from: string; to: string }>();
  const vm = flow.mapping.valueMaps.find((m) => m.id === sel) ?? flow.mapping.valueMaps[0];
  const save = (v: ValueMap) => dispatch({ type: 'valuemap.set', flowId: flow.id, valueMap: v });
  const ids = flow.mapping.valueMaps.map((m) => m.id);

  const create = (v: Omit<ValueMap, 'id'> & { id?: string }) => {
    const id = freeId(v.id ?? 'tabelle', ids);
    save({ ...v, id });
    setSel(id);
  };

  return (
    <div className="tables" data-testid="valuemaps">
      <div className="row">
        <label>
          {t('table')}{' '}
          <select value={vm?.id ?? ''} onChange={(e) => setSel(e.target.value)}>
            {flow.mapping.valueMaps.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.id})
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => create({ name: t('newTable'), rows: [] })}>
          + {t('newTable')}
        </button>
        <FileButton
          accept=".csv,text/csv"
          testId="csv-input"
          onFile={async (f) => {
            const r = valueMapRowsFromCsv(await f.text(), f.name);
            setProblems(r.diagnostics);
            create({ id: f.name.replace(/\.\w+$/, '').replace(/[^\w-]/g, '_').replace(/^(?=\d)/, '_'), name: f.name, rows: r.rows });
          }}
        >
          {t('importCsv')}
        </FileButton>
        <FileButton
          accept=".xml"
          testId="gc-input"
          onFile={async (f) => {
            const r = readGenericode(await f.text(), f.name);
            setProblems(r.diagnostics);
            if (r.list) {
              const cols = r.list.columns.map((c) => c.id);
              setGc({ list: r.list, from: cols[1] ?? cols[0], to: cols[0] });
            }
          }}
        >
          {t('importGc')}
        </FileButton>
      </div>
      {problems.length > 0 && (
        <div className="run-error" role="alert">
          <strong>{t('importProblems')}</strong>
          <ul>
            {problems.map((d, i) => (
              <li key={i}>{formatFinding(d)}</li>
            ))}
          </ul>
        </div>
      )}
      {gc && (
        <div className="row gc-pick" role="group" aria-label="Genericode">
          <strong>{gc.list.name}</strong>
          {(['from', 'to'] as const).map((k) => (
            <label key={k}>
              {t(k)}{' '}
              <select value={gc[k]} onChange={(e) => setGc({ ...gc, [k]: e.target.value })}>
                {gc.list.columns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name || c.id}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <button
            type="button"
            onClick={() => {
              const base = (gc.list.uri?.split(':').pop() ?? gc.list.name).replace(/[^\w-]/g, '_').replace(/^(?=\d)/, '_');
              create(valueMapFromGenericode(gc.list, base, gc.from, gc.to));
              setGc(undefined);
            }}
          >
            {t('apply')}
          </button>
        </div>
      )}
      {vm && (
        <div className="vm-edit">
          <div className="row">
            <label>
              {t('tableName')} <input value={vm.name} onChange={(e) => save({ ...vm, name: e.target.value })} />
            </label>
            <label>
              {t('defaultValue')} <input value={vm.default ?? ''} onChange={(e) => save({ ...vm, default: e.target.value === '' ? undefined : e.target.value })} />
            </label>
            <button type="button" onClick={() => dispatch({ type: 'valuemap.remove', flowId: flow.id, id: vm.id })}>
              {t('deleteTable')}
            </button>
          </div>
          <table className="vm-table">
            <thead>
              <tr>
                <th scope="col">{t('from')}</th>
                <th scope="col">{t('to')}</th>
                <th scope="col">
                  <span className="sr-only">{t('deleteRow')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r, i) => (
                <tr key={i}>
                  <td>
                    <input aria-label={`${t('from')} ${i + 1}`} value={r.from} onChange={(e) => save({ ...vm, rows: vm.rows.map((x, j) => (j === i ? { ...x, from: e.target.value } : x)) })} />
                  </td>
                  <td>
                    <input aria-label={`${t('to')} ${i + 1}`} value={r.to} onChange={(e) => save({ ...vm, rows: vm.rows.map((x, j) => (j === i ? { ...x, to: e.target.value } : x)) })} />
                  </td>
                  <td>
                    <button type="button" className="small-btn" aria-label={`${t('deleteRow')} ${i + 1}`} onClick={() => save({ ...vm, rows: vm.rows.filter((_, j) => j !== i) })}>
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => save({ ...vm, rows: [...vm.rows, { from: '', to: '' }] })}>
            + {t('addRow')}
          </button>
        </div>
      )}
    </div>
  );
}

const PARAM_TYPES: Parameter['type'][] = ['string', 'integer', 'decimal', 'boolean', 'date'];

/** Parameters and variables of a flow. */
export function ParamsPanel({ flow }: { flow: Flow }) {
  const t = useMapperT();
  const dispatch = useDoc((s) => s.dispatch);
  const names = [...flow.mapping.parameters.map((p) => p.name), ...flow.mapping.variables.map((v) => v.name)];
  const setParam = (p: Parameter, oldName?: string) => dispatch({ type: 'param.set', flowId: flow.id, parameter: p, oldName });
  const setVar = (v: Variable, oldName?: string) => dispatch({ type: 'variable.set', flowId: flow.id, variable: v, oldName });
  const validName = (s: string) => /^[A-Za-z_][\w.-]*$/.test(s);
  return (
    <div className="tables" data-testid="params">
      <h4>{t('params')}</h4>
      <table className="vm-table">
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('type')}</th>
            <th scope="col">{t('default')}</th>
            <th scope="col">{t('documentation')}</th>
            <th scope="col">
              <span className="sr-only">{t('delete')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {flow.mapping.parameters.map((p) => (
            <tr key={p.name}>
              <td>
                <input aria-label={t('name')} defaultValue={p.name} onBlur={(e) => validName(e.target.value) && e.target.value !== p.name && setParam({ ...p, name: e.target.value }, p.name)} />
              </td>
              <td>
                <select aria-label={t('type')} value={p.type} onChange={(e) => setParam({ ...p, type: e.target.value as Parameter['type'] })}>
                  {PARAM_TYPES.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </select>
              </td>
              <td>
                <input aria-label={t('default')} value={p.default ?? ''} onChange={(e) => setParam({ ...p, default: e.target.value })} />
              </td>
              <td>
                <input aria-label={t('documentation')} value={p.documentation ?? ''} onChange={(e) => setParam({ ...p, documentation: e.target.value || undefined })} />
              </td>
              <td>
                <button type="button" className="small-btn" aria-label={`${t('delete')} ${p.name}`} onClick={() => dispatch({ type: 'param.remove', flowId: flow.id, name: p.name })}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setParam({ name: freeId('parameter', names), type: 'string', default: '' })}>
        + {t('newParam')}
      </button>
      <h4>{t('vars')}</h4>
      {flow.mapping.variables.map((v) => (
        <div key={v.name} className="var-row">
          <input aria-label={t('name')} defaultValue={v.name} onBlur={(e) => validName(e.target.value) && e.target.value !== v.name && setVar({ ...v, name: e.target.value }, v.name)} />
          <ExprEditor expr={v.value} onChange={(x) => setVar({ ...v, value: x ?? { kind: 'const', value: '' } })} flow={flow} label={`$${v.name}`} idPrefix={`var-${v.name}`} owner={variableOwner(v.name)} />
          <button type="button" className="small-btn" aria-label={`${t('delete')} ${v.name}`} onClick={() => dispatch({ type: 'variable.remove', flowId: flow.id, name: v.name })}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setVar({ name: freeId('variable', names), value: { kind: 'const', value: '' } })}>
        + {t('newVar')}
      </button>
    </div>
  );
}
