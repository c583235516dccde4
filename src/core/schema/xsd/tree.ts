/**
 * The lazily expanded schema tree under one global element. Nodes are plain data; per-path state
 * (resolved type, content, parent) lives in a map so that children() also works for node objects
 * that were copied (e.g. sent through a worker) as long as the path is the same.
 */
import { attr } from '../../xml/dom.ts';
import { clark, parseClark, splitPath, type QName, type SchemaNode, type SchemaTree } from '../types.ts';
import type { AnyParticle, AttrUse, ElemParticle, TypeContent } from './content.ts';
import { elLocation, type Comp } from './model.ts';
import type { Resolver, TypeRef } from './resolve.ts';

interface NodeState {
  node: SchemaNode;
  parent?: NodeState;
  type?: TypeRef;
  typeKey?: string;
  content?: TypeContent;
  kids?: SchemaNode[];
}

const WILDCARD: QName = { ns: '', local: '*' };

/** A SchemaTree over a resolver; builds nodes on demand and caches them. */
export class XsdTree implements SchemaTree {
  readonly root: SchemaNode;
  private readonly states = new Map<string, NodeState>();

  constructor(private readonly r: Resolver, comp: Comp) {
    const p: ElemParticle = { kind: 'element', el: r.el(comp), ctx: comp.ctx, name: comp.name, min: 1, max: 1, global: comp };
    this.root = this.elementState('', p, undefined, undefined).node;
  }

  /** Children of a node: attributes first, then elements in schema order. */
  children(node: SchemaNode): SchemaNode[] {
    const st = this.states.get(node.path) ?? this.stateOf(node.path);
    if (!st) return [];
    if (st.kids) return st.kids;
    const c = (st.content ??= st.type && this.r.content(st.type));
    const kids: SchemaNode[] = [];
    if (c && st.node.kind === 'element') {
      for (const a of c.attrs) kids.push(this.attrState(st, a).node);
      if (c.anyAttribute) kids.push(this.anyAttrState(st, c.anyAttribute).node);
      for (const p of c.particles) {
        const choice = p.choice === undefined ? undefined : `${st.node.path}#choice${p.choice}`;
        kids.push((p.kind === 'element' ? this.elementState(st.node.path, p, st, choice) : this.anyState(st, p, choice)).node);
      }
    }
    // hasChildren came from the skim summary; the content model has the last word.
    if (kids.length === 0) st.node.hasChildren = false;
    st.kids = kids;
    return kids;
  }

  /** Finds a node by path, expanding as needed; see stepFallback for paths outside declared content. */
  find(path: string): SchemaNode | undefined {
    return this.stateOf(path)?.node;
  }

  private stateOf(path: string): NodeState | undefined {
    const known = this.states.get(path);
    if (known) return known;
    const steps = splitPath(path);
    let cur = this.states.get(this.root.path)!;
    if (steps[0] !== clark(this.root.name)) return undefined;
    for (let i = 1; i < steps.length && cur; i++) {
      const want = `${cur.node.path}/${steps[i]}`;
      const hit = this.children(cur.node).find((k) => k.path === want);
      cur = hit ? this.states.get(hit.path)! : this.stepFallback(cur, steps[i])!;
    }
    return cur;
  }

  // A step that is not a declared child can still be valid in an instance: a substitution-group
  // member of a head element, content of a type derived from the declared one (xsi:type), or a
  // global declaration matched by a wildcard. Such nodes are findable but not listed by children().
  private stepFallback(st: NodeState, step: string): NodeState | undefined {
    if (st.node.kind !== 'element') return undefined;
    const isAttr = step.startsWith('@');
    const want = parseClark(isAttr ? step.slice(1) : step);
    const key = clark(want);
    const kids = this.children(st.node);
    const set = this.r.set;
    if (!isAttr) {
      for (const k of kids) {
        if (k.kind !== 'element' || !k.substitutes?.some((s) => clark(s) === key)) continue;
        const comp = set.elements.get(key)!;
        const p: ElemParticle = { kind: 'element', el: this.r.el(comp), ctx: comp.ctx, name: comp.name, min: k.minOccurs, max: k.maxOccurs, global: comp };
        return this.elementState(st.node.path, p, st, k.choice);
      }
    }
    for (const derived of st.type ? this.r.derivedTypes(st.type) : []) {
      const c = this.r.content({ kind: 'named', comp: derived, name: derived.name });
      if (!c) continue;
      if (isAttr) {
        const a = c.attrs.find((x) => clark(x.name) === key);
        if (a) return this.attrState(st, a);
      } else {
        const p = c.particles.find((x): x is ElemParticle => x.kind === 'element' && clark(x.name) === key);
        if (p) return this.elementState(st.node.path, p, st, undefined);
      }
    }
    const wildcard = kids.find((k) => k.kind === (isAttr ? 'anyAttribute' : 'any'));
    if (wildcard) {
      if (isAttr) {
        const comp = set.attributes.get(key);
        if (comp) return this.attrState(st, { el: this.r.el(comp), ctx: comp.ctx, name: comp.name, required: false });
      } else {
        const comp = set.elements.get(key);
        if (comp) {
          const p: ElemParticle = { kind: 'element', el: this.r.el(comp), ctx: comp.ctx, name: comp.name, min: wildcard.minOccurs, max: wildcard.maxOccurs, global: comp };
          return this.elementState(st.node.path, p, st, wildcard.choice);
        }
      }
    }
    return undefined;
  }

  private register(st: NodeState): NodeState {
    const old = this.states.get(st.node.path);
    if (old) return old;
    this.states.set(st.node.path, st);
    return st;
  }

  private elementState(parentPath: string, p: ElemParticle, parent: NodeState | undefined, choice: string | undefined): NodeState {
    const path = `${parentPath}/${clark(p.name)}`;
    const known = this.states.get(path);
    if (known) return known;
    const r = this.r;
    const ei = r.element(p);
    const content = r.facts(ei.type);
    const typeKey = r.typeKey(ei.type);
    const node: SchemaNode = {
      path,
      kind: 'element',
      name: ei.name,
      minOccurs: p.min,
      maxOccurs: p.max,
      hasChildren: content?.hasChildren ?? false,
    };
    if (ei.type.kind === 'builtin' || ei.type.kind === 'named') node.typeName = ei.type.name;
    if (content?.simple) node.simple = content.simple;
    if (content?.mixed) node.mixed = true;
    if (ei.nillable) node.nillable = true;
    if (ei.abstract || content?.abstract) node.abstract = true;
    if (ei.default !== undefined) node.default = ei.default;
    if (ei.fixed !== undefined) node.fixed = ei.fixed;
    const doc = ei.documentation ?? content?.documentation;
    if (doc) node.documentation = doc;
    if (choice) node.choice = choice;
    if (ei.comp) {
      const subs = r.substitutes(ei.comp);
      if (subs.length) node.substitutes = subs.map((s) => s.name);
    }
    if (content?.hasChildren) {
      for (let a = parent; a; a = a.parent) {
        if (a.typeKey === typeKey) {
          node.recursive = true;
          break;
        }
      }
    }
    node.source = elLocation(ei.ctx.doc, ei.decl);
    return this.register({ node, parent, type: ei.type, typeKey });
  }

  private attrState(parent: NodeState, u: AttrUse): NodeState {
    const info = this.r.attribute(u);
    const node: SchemaNode = {
      path: `${parent.node.path}/@${clark(u.name)}`,
      kind: 'attribute',
      name: u.name,
      minOccurs: u.required ? 1 : 0,
      maxOccurs: 1,
      hasChildren: false,
    };
    if (info.type.kind === 'builtin' || info.type.kind === 'named') node.typeName = info.type.name;
    if (info.simple) node.simple = info.simple;
    if (info.default !== undefined) node.default = info.default;
    if (info.fixed !== undefined) node.fixed = info.fixed;
    if (info.documentation) node.documentation = info.documentation;
    node.source = elLocation(info.ctx.doc, info.decl);
    return this.register({ node, parent });
  }

  private anyState(parent: NodeState, p: AnyParticle, choice: string | undefined): NodeState {
    const node: SchemaNode = {
      path: `${parent.node.path}/*`,
      kind: 'any',
      name: WILDCARD,
      minOccurs: p.min,
      maxOccurs: p.max,
      hasChildren: false,
      wildcard: wildcardOf(p.el),
      source: elLocation(p.ctx.doc, p.el),
    };
    if (choice) node.choice = choice;
    return this.register({ node, parent });
  }

  private anyAttrState(parent: NodeState, w: NonNullable<TypeContent['anyAttribute']>): NodeState {
    const node: SchemaNode = {
      path: `${parent.node.path}/@*`,
      kind: 'anyAttribute',
      name: WILDCARD,
      minOccurs: 0,
      maxOccurs: null,
      hasChildren: false,
      wildcard: wildcardOf(w.el),
      source: elLocation(w.ctx.doc, w.el),
    };
    return this.register({ node, parent });
  }
}

function wildcardOf(el: AnyParticle['el']): NonNullable<SchemaNode['wildcard']> {
  const pc = attr(el, 'processContents');
  return { namespace: attr(el, 'namespace') ?? '##any', processContents: pc === 'lax' || pc === 'skip' ? pc : 'strict' };
}
