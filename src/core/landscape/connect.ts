/**
 * Whether a new flow may connect two systems (through which adapters), and if not, why.
 * The canvas asks this before every connection; a refusal is shown with its reason.
 */
import type { Adapter, Project, System } from '../model/project.ts';
import { RECEIVE_ONLY } from './kinds.ts';

/** One end of a proposed flow; adapterId may be left open when the system has one obvious adapter. */
export interface EndRequest {
  systemId: string;
  adapterId?: string;
}

export type ConnectResult =
  | { ok: true; from: { systemId: string; adapterId: string }; to: { systemId: string; adapterId: string } }
  | { ok: false; code: string; de: string; en: string };

const refuse = (code: string, de: string, en: string): ConnectResult => ({ ok: false, code, de, en });

/** True when the integration hub sits at either end: its EAI component converts between channels. */
function viaHub(a: System, b: System): boolean {
  return a.kind === 'integration-hub' || b.kind === 'integration-hub';
}

function pickAdapter(sys: System, wanted: string | undefined, likeKind: Adapter['kind'] | undefined): Adapter | undefined {
  if (wanted) return sys.adapters.find((a) => a.id === wanted);
  return (likeKind && sys.adapters.find((a) => a.kind === likeKind)) || sys.adapters[0];
}

/** Checks a proposed flow from one system (adapter) to another and fills in open adapters. */
export function checkConnection(p: Project, fromReq: EndRequest, toReq: EndRequest): ConnectResult {
  const from = p.systems.find((s) => s.id === fromReq.systemId);
  const to = p.systems.find((s) => s.id === toReq.systemId);
  if (!from) return refuse('connect.no-source', `Das Quellsystem „${fromReq.systemId}“ gibt es nicht.`, `Source system "${fromReq.systemId}" does not exist.`);
  if (!to) return refuse('connect.no-target', `Das Zielsystem „${toReq.systemId}“ gibt es nicht.`, `Target system "${toReq.systemId}" does not exist.`);
  if (from.id === to.id) return refuse('connect.self', `Ein Fluss verbindet zwei verschiedene Systeme, nicht „${from.name}“ mit sich selbst.`, `A flow connects two different systems, not "${from.name}" with itself.`);
  if (RECEIVE_ONLY.includes(from.kind)) {
    return refuse('connect.receive-only', `„${from.name}“ ist ein Pflichtempfänger und empfängt nur; ein Fluss kann dort nicht beginnen.`, `"${from.name}" is a mandatory recipient and only receives; no flow can start there.`);
  }
  if (!from.adapters.length) {
    return refuse('connect.source-no-adapter', `„${from.name}“ hat keinen Adapter. Legen Sie im Inspektor zuerst einen Adapter an.`, `"${from.name}" has no adapter. Add an adapter in the inspector first.`);
  }
  if (!to.adapters.length) {
    return refuse('connect.target-no-adapter', `„${to.name}“ hat keinen Adapter, über den eine Nachricht ankommen könnte. Legen Sie im Inspektor zuerst einen Adapter an.`, `"${to.name}" has no adapter a message could arrive through. Add an adapter in the inspector first.`);
  }
  const fa = pickAdapter(from, fromReq.adapterId, undefined);
  if (!fa) return refuse('connect.unknown-adapter', `„${from.name}“ hat keinen Adapter „${fromReq.adapterId}“.`, `"${from.name}" has no adapter "${fromReq.adapterId}".`);
  const ta = pickAdapter(to, toReq.adapterId, fa.kind);
  if (!ta) return refuse('connect.unknown-adapter', `„${to.name}“ hat keinen Adapter „${toReq.adapterId}“.`, `"${to.name}" has no adapter "${toReq.adapterId}".`);
  if (fa.kind !== ta.kind && !viaHub(from, to)) {
    return refuse(
      'connect.adapter-mismatch',
      `${ADAPTER_DE[fa.kind]} passt nicht zu ${ADAPTER_DE[ta.kind]}: ohne Integrationsdienst dazwischen brauchen beide Seiten denselben Adaptertyp.`,
      `${ADAPTER_EN[fa.kind]} does not fit ${ADAPTER_EN[ta.kind]}: without the integration hub in between both ends need the same adapter kind.`,
    );
  }
  if (p.landscape?.acyclic) {
    const path = findPath(p, to.id, from.id);
    if (path) {
      const names = path.map((id) => p.systems.find((s) => s.id === id)?.name ?? id).join(' → ');
      return refuse(
        'connect.cycle',
        `Die Vorlage dieses Projekts verbietet Zyklen: ${names} führt schon zurück zu „${from.name}“.`,
        `This project's blueprint forbids cycles: ${names} already leads back to "${from.name}".`,
      );
    }
  }
  return { ok: true, from: { systemId: from.id, adapterId: fa.id }, to: { systemId: to.id, adapterId: ta.id } };
}

const ADAPTER_DE: Record<Adapter['kind'], string> = { file: 'Dateisystem', osci: 'OSCI', xta: 'XTA', webservice: 'Webservice', email: 'E-Mail' };
const ADAPTER_EN: Record<Adapter['kind'], string> = { file: 'File system', osci: 'OSCI', xta: 'XTA', webservice: 'Web service', email: 'E-mail' };

/** A path of system ids from `start` to `goal` along existing flows (breadth first), or undefined. */
function findPath(p: Project, start: string, goal: string): string[] | undefined {
  const adj = new Map<string, string[]>();
  for (const f of p.flows) {
    if (!adj.has(f.from.systemId)) adj.set(f.from.systemId, []);
    adj.get(f.from.systemId)!.push(f.to.systemId);
  }
  const prev = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    if (v === goal) {
      const path: string[] = [];
      for (let x: string | null = v; x !== null; x = prev.get(x) ?? null) path.unshift(x);
      return path;
    }
    for (const w of adj.get(v) ?? []) {
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return undefined;
}
