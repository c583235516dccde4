/**
 * The designer's actions, one place for toolbar, context menus, keyboard and tests: select, add,
 * connect, copy/paste, delete (asking first when a mapping would go), arrange. They turn gestures
 * into landscape ops dispatched through useDoc (so every one can be undone).
 */
import { copyLandscape, flowsOfSystems, pasteOp } from '../../core/landscape/clipboard.ts';
import { checkConnection, type EndRequest } from '../../core/landscape/connect.ts';
import { defaultAdapters, uniqueId, type PaletteEntry } from '../../core/landscape/kinds.ts';
import { movesTo, toLayoutGraph } from '../../core/landscape/layout-graph.ts';
import type { Adapter, AdapterKind, Flow, FlowDirection, Project, System } from '../../core/model/project.ts';
import { emptyMapping } from '../../core/model/project.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { layoutInWorker } from './layout-client.ts';
import { useCanvas } from './store.ts';
import { kindLabel } from './texts.ts';

const doc = () => useDoc.getState();
const canvas = () => useCanvas.getState();

/** Selects one flow; with `open`, its mapper opens below. */
export function selectFlow(id: string, open: boolean): void {
  canvas().set({ selSystems: [], selFlows: [id], selAdapter: undefined, selGhost: undefined, menu: undefined });
  if (open) useSession.getState().set({ selectedFlowId: id, selectedTarget: undefined, selectedRuleId: undefined, pickedSource: undefined, sampleId: undefined });
}

/** Selects systems (and nothing else). */
export function selectSystems(ids: string[]): void {
  canvas().set({ selSystems: ids, selFlows: [], selAdapter: undefined, selGhost: undefined });
}

/** Shows a short message over the canvas (refusals are errors, read out by screen readers). */
export function notify(kind: 'error' | 'info', text: string): void {
  canvas().set({ notice: { kind, text } });
}

/** Adds a system from the palette at a canvas position and selects it. */
export function addSystem(entry: PaletteEntry, position: { x: number; y: number }): string | undefined {
  const p = doc().project;
  if (!p) return undefined;
  const lang = useSession.getState().lang;
  const name = kindLabel(entry.kind, lang, entry.subKind);
  const id = uniqueId(name, new Set(p.systems.map((s) => s.id)));
  const system: System = {
    id,
    kind: entry.kind,
    ...(entry.subKind ? { subKind: entry.subKind } : {}),
    name,
    adapters: defaultAdapters(entry.kind),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
  doc().dispatch({ type: 'landscape.add', systems: [system], flows: [] });
  selectSystems([id]);
  return id;
}

function guessDirection(p: Project, fromId: string, toId: string): FlowDirection | undefined {
  const kind = (id: string) => p.systems.find((s) => s.id === id)?.kind;
  const from = kind(fromId);
  const to = kind(toId);
  if (from === 'application-assistant' || from === 'citizen-account') return 'to-authority';
  if (to === 'citizen-account' || to === 'application-assistant') return 'to-applicant';
  if (to === 'integration-hub' || from === 'integration-hub') return undefined;
  return 'between-authorities';
}

function nextScenarioCode(p: Project): string {
  let max = 0;
  for (const f of p.flows) {
    const m = /^A(\d+)$/.exec(f.scenarioCode);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `A${max + 1}`;
}

/** Connects two systems (adapters) with a new flow, or says why not. Returns the new flow's id. */
export function connect(from: EndRequest, to: EndRequest, title: string): string | undefined {
  const p = doc().project;
  if (!p) return undefined;
  const lang = useSession.getState().lang;
  const r = checkConnection(p, from, to);
  if (!r.ok) {
    notify('error', r[lang]);
    return undefined;
  }
  const id = uniqueId(`${r.from.systemId}-${r.to.systemId}`, new Set(p.flows.map((f) => f.id)));
  const direction = guessDirection(p, r.from.systemId, r.to.systemId);
  const flow: Flow = {
    id,
    scenarioCode: nextScenarioCode(p),
    title,
    from: r.from,
    to: r.to,
    ...(direction ? { direction } : {}),
    mapping: emptyMapping(),
    samples: [],
    tests: [],
  };
  doc().dispatch({ type: 'landscape.add', systems: [], flows: [flow] });
  canvas().set({ pendingConnect: undefined, notice: undefined });
  selectFlow(id, false);
  return id;
}

/** Deletes the selection (systems take their flows along); asks first when a flow has a mapping. */
export function deleteSelection(): void {
  const p = doc().project;
  if (!p) return;
  const { selSystems, selFlows, selGhost } = canvas();
  const systemIds = selSystems.filter((id) => p.systems.some((s) => s.id === id));
  const ghostFlows = selGhost ? p.flows.filter((f) => f.from.systemId === selGhost || f.to.systemId === selGhost).map((f) => f.id) : [];
  const flowIds = [...new Set([...selFlows, ...flowsOfSystems(p, systemIds), ...ghostFlows])];
  if (!systemIds.length && !flowIds.length) return;
  const run = () => {
    doc().dispatch({ type: 'landscape.remove', systemIds, flowIds });
    canvas().set({ selSystems: [], selFlows: [], selAdapter: undefined, selGhost: undefined, confirm: undefined });
    const open = useSession.getState().selectedFlowId;
    if (open && flowIds.includes(open)) useSession.getState().set({ selectedFlowId: undefined });
  };
  const mapped = p.flows.filter((f) => flowIds.includes(f.id) && f.mapping.rules.length > 0);
  if (mapped.length) canvas().set({ confirm: { flows: mapped.map((f) => ({ id: f.id, label: `${f.scenarioCode} ${f.title}`, rules: f.mapping.rules.length })), run } });
  else run();
}

/** Copies the selected systems (with the flows between them). */
export function copySelection(): boolean {
  const p = doc().project;
  const ids = canvas().selSystems;
  if (!p || !ids.length) return false;
  canvas().set({ clip: copyLandscape(p, ids) });
  return true;
}

/** Pastes the clipboard beside the originals (or at `at`) and selects the pasted systems. */
export function paste(at?: { x: number; y: number }): void {
  const p = doc().project;
  const clip = canvas().clip;
  if (!p || !clip?.systems.length) return;
  let offset = { x: 40, y: 40 };
  if (at) {
    const minX = Math.min(...clip.systems.map((s) => s.position.x));
    const minY = Math.min(...clip.systems.map((s) => s.position.y));
    offset = { x: Math.round(at.x - minX), y: Math.round(at.y - minY) };
  }
  const { op, systemIds } = pasteOp(p, clip, offset);
  doc().dispatch(op);
  // A second paste lands beside the first one.
  canvas().set({ clip: { ...clip, systems: clip.systems.map((s) => ({ ...s, position: { x: s.position.x + offset.x, y: s.position.y + offset.y } })) } });
  selectSystems(systemIds);
}

/** Adds an adapter of a kind to a system (fresh id) and selects it. */
export function addAdapter(systemId: string, kind: AdapterKind): void {
  const p = doc().project;
  const s = p?.systems.find((x) => x.id === systemId);
  if (!s) return;
  const id = uniqueId(kind, new Set(s.adapters.map((a) => a.id)));
  const template = defaultAdapters(kindOf(kind))[0];
  const adapter: Adapter = { id, kind, settings: template?.kind === kind ? { ...template.settings } : kind === 'file' ? { inputDir: '', outputDir: '', variant: 'xml' } : {} };
  doc().dispatch({ type: 'landscape.adapter.set', systemId, adapter });
  canvas().set({ selAdapter: { systemId, adapterId: id } });
}

/** A system kind whose default adapter has this adapter kind (for sensible empty settings). */
function kindOf(a: AdapterKind): System['kind'] {
  switch (a) {
    case 'file':
      return 'specialised-system';
    case 'osci':
      return 'application-assistant';
    case 'xta':
      return 'records-system';
    case 'webservice':
      return 'register';
    case 'email':
      return 'email';
  }
}

/** Runs a layout in the worker (ELK along the flows, or a plain grid) and applies it as one undoable move. */
export async function arrange(algorithm: 'elk' | 'grid' = 'elk'): Promise<{ ms: number } | undefined> {
  const p = doc().project;
  if (!p) return undefined;
  const graph = toLayoutGraph(p);
  const { positions, ms } = await layoutInWorker(graph, algorithm);
  // The project may have changed while the worker ran; move only systems that still exist.
  const now = doc().project;
  if (!now) return undefined;
  const moves = movesTo(now, positions);
  if (moves.length) doc().dispatch({ type: 'landscape.move', moves });
  return { ms };
}
