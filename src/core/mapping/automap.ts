/**
 * Auto-map: proposes links from source to target fields by same name, similar name or same FIM id
 * (F…/G… ids in names or documentation). Pure; returns ops the caller may dispatch in one step.
 */
import type { Flow } from '../model/project.ts';
import type { SchemaNode, SchemaTree } from '../schema/types.ts';

export type MatchKind = 'same-name' | 'similar-name' | 'fim-id';

export interface AutoMapProposal {
  source: string;
  target: string;
  kind: MatchKind;
  score: number;
}

export interface AutoMapOptions {
  /** Stop walking a tree after this many nodes (large schemas). */
  maxNodes?: number;
  /** Minimum similarity (0..1) for similar names. */
  minSimilarity?: number;
}

const FIM_ID = /(?<![A-Za-z0-9])([FG]\d{8})(?!\d)/;

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9äöüß]/g, '').replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
}

/** Normalised Levenshtein similarity in 0..1. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const m = a.length;
  const n = b.length;
  if (!m || !n) return 0;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[n] / Math.max(m, n);
}

interface Leaf {
  node: SchemaNode;
  key: string;
  fim?: string;
  /** True when some step above (or the node) repeats. */
  repeats: boolean;
}

function leaves(tree: SchemaTree, maxNodes: number): Leaf[] {
  const out: Leaf[] = [];
  let seen = 0;
  const walk = (n: SchemaNode, repeats: boolean, depth: number) => {
    if (++seen > maxNodes || depth > 30) return;
    const rep = repeats || (n.maxOccurs !== 1 && n.kind === 'element');
    if (n.simple && n.kind !== 'any' && n.kind !== 'anyAttribute') {
      const fim = FIM_ID.exec(n.name.local)?.[1] ?? FIM_ID.exec(n.documentation ?? '')?.[1];
      out.push({ node: n, key: norm(n.name.local), fim, repeats: rep });
    }
    if (n.hasChildren && !n.recursive) for (const c of tree.children(n)) walk(c, rep, depth + 1);
  };
  walk(tree.root, false, 0);
  return out;
}

/** Proposes links for unmapped target fields. Each source is proposed at most once. */
export function proposeAutoMap(flow: Flow, source: SchemaTree, target: SchemaTree, opts: AutoMapOptions = {}): AutoMapProposal[] {
  const maxNodes = opts.maxNodes ?? 20_000;
  const minSim = opts.minSimilarity ?? 0.8;
  const mapped = new Set(flow.mapping.rules.map((r) => r.target));
  const src = leaves(source, maxNodes);
  const byKey = new Map<string, Leaf[]>();
  const byFim = new Map<string, Leaf>();
  for (const l of src) {
    const arr = byKey.get(l.key);
    if (arr) arr.push(l);
    else byKey.set(l.key, [l]);
    if (l.fim && !byFim.has(l.fim)) byFim.set(l.fim, l);
  }
  const used = new Set<string>();
  const out: AutoMapProposal[] = [];
  for (const t of leaves(target, maxNodes)) {
    if (mapped.has(t.node.path)) continue;
    // A repeating source cannot fill a single target without a loop: leave those to the user.
    const fits = (s: Leaf) => !used.has(s.node.path) && (!s.repeats || t.repeats);
    let pick: { leaf: Leaf; kind: MatchKind; score: number } | undefined;
    const fim = t.fim ? byFim.get(t.fim) : undefined;
    if (fim && fits(fim)) pick = { leaf: fim, kind: 'fim-id', score: 1 };
    if (!pick) {
      const same = byKey.get(t.key)?.find(fits);
      if (same) pick = { leaf: same, kind: 'same-name', score: 1 };
    }
    if (!pick && t.key.length >= 4) {
      let best: Leaf | undefined;
      let bestScore = minSim;
      for (const s of src) {
        if (!fits(s) || Math.abs(s.key.length - t.key.length) > t.key.length * (1 - minSim) + 1) continue;
        const sc = similarity(s.key, t.key);
        if (sc >= bestScore) {
          best = s;
          bestScore = sc;
        }
      }
      if (best) pick = { leaf: best, kind: 'similar-name', score: bestScore };
    }
    if (pick) {
      used.add(pick.leaf.node.path);
      out.push({ source: pick.leaf.node.path, target: t.node.path, kind: pick.kind, score: Math.round(pick.score * 100) / 100 });
    }
  }
  return out;
}
