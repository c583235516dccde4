/**
 * Small inline SVG icons for system and adapter kinds. Inline SVG renders everywhere (emoji did not
 * on machines without an emoji font) and is exported with the diagram.
 */
import type { AdapterKind, SystemKind } from '../../core/model/project.ts';

const P: Record<string, string> = {
  form: 'M6 3h9l3 3v15H6z M15 3v3h3 M9 10h6 M9 13h6 M9 16h4',
  hub: 'M12 9a3 3 0 1 0 0.01 0z M12 3v6 M12 15v6 M3 12h6 M15 12h6 M12 3a1 1 0 1 0 0.01 0 M12 21a1 1 0 1 0 0.01 0 M3 12a1 1 0 1 0 0.01 0 M21 12a1 1 0 1 0 0.01 0',
  building: 'M3 9l9-5 9 5 M5 9v9 M9.5 9v9 M14.5 9v9 M19 9v9 M3 20h18',
  shop: 'M4 9l1.5-5h13L20 9 M4 9h16 M4 9c0 1.7 1.8 2.5 4 2.5S12 10.7 12 9c0 1.7 1.8 2.5 4 2.5S20 10.7 20 9 M5 11.5V20h14v-8.5 M10 20v-5h4v5',
  coins: 'M12 6c4 0 7 1.3 7 3s-3 3-7 3-7-1.3-7-3 3-3 7-3z M5 9v4c0 1.7 3 3 7 3s7-1.3 7-3V9 M5 13v4c0 1.7 3 3 7 3s7-1.3 7-3v-4',
  rings: 'M9 14a4.5 4.5 0 1 0 0.01 0z M15 14a4.5 4.5 0 1 0 0.01 0z M10 4l2 2 2-2',
  cross: 'M9 3h6v6h6v6h-6v6H9v-6H3V9h6z',
  flask: 'M9 3h6 M10 3v6L4.5 19a1.5 1.5 0 0 0 1.3 2h12.4a1.5 1.5 0 0 0 1.3-2L14 9V3 M7 15h10',
  chart: 'M4 20h16 M6 20v-6 M10 20V8 M14 20v-9 M18 20V4',
  gear: 'M12 9a3 3 0 1 0 0.01 0z M12 2v3 M12 19v3 M2 12h3 M19 12h3 M4.9 4.9l2.1 2.1 M17 17l2.1 2.1 M4.9 19.1L7 17 M17 7l2.1-2.1',
  archive: 'M3 4h18v4H3z M5 8v12h14V8 M10 12h4',
  cards: 'M4 5h12v14H4z M8 3h12v14 M7 9h6 M7 12h6 M7 15h4',
  wrench: 'M14.5 5.5a4 4 0 0 0 5 5L21 12l-9 9-3-3 9-9z M3 21l6-6',
  card: 'M3 6h18v12H3z M3 10h18 M6 15h4',
  person: 'M12 4a4 4 0 1 0 0.01 0z M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7',
  inbox: 'M3 13l3-8h12l3 8 M3 13v6h18v-6 M3 13h5l1 2h6l1-2h5',
  mail: 'M3 6h18v12H3z M3 6l9 7 9-7',
  folder: 'M3 6h6l2 2h10v11H3z',
  shield: 'M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z M9 12l2 2 4-4',
  tray: 'M4 4h16v10H4z M8 18h8 M12 14v4 M9 8l3 3 3-3',
  globe: 'M12 3a9 9 0 1 0 0.01 0z M3 12h18 M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9 M12 3c-2.5 2.5-3.5 5.5-3.5 9s1 6.5 3.5 9',
  ghost: 'M12 3a9 9 0 1 0 0.01 0z M8 8l8 8 M16 8l-8 8',
};

const SUB_ICON: Record<string, string> = {
  'trade-register': 'shop',
  'cash-accounting': 'coins',
  'civil-registry': 'rings',
  'health-office': 'cross',
  lab: 'flask',
  statistics: 'chart',
  other: 'gear',
  'e-payment': 'card',
  'register-lookup': 'cards',
  arrears: 'coins',
};

const KIND_ICON: Record<SystemKind, string> = {
  'application-assistant': 'form',
  'integration-hub': 'hub',
  'specialised-system': 'building',
  'records-system': 'archive',
  register: 'cards',
  'support-service': 'wrench',
  'citizen-account': 'person',
  'mandatory-recipient': 'inbox',
  email: 'mail',
};

const ADAPTER_ICON: Record<AdapterKind, string> = { file: 'folder', osci: 'shield', xta: 'tray', webservice: 'globe', email: 'mail' };

function Svg({ d, size, className }: { d: string; size: number; className?: string }) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

/** The icon of a system kind (a finer kind has its own where one fits). */
export function SystemIcon({ kind, subKind, size = 22 }: { kind: SystemKind; subKind?: string; size?: number }) {
  const name = (subKind && SUB_ICON[subKind]) || KIND_ICON[kind];
  return <Svg d={P[name]} size={size} className={`sys-svg icon-${name}`} />;
}

/** The icon of an adapter kind. */
export function AdapterIcon({ kind, size = 14 }: { kind: AdapterKind; size?: number }) {
  return <Svg d={P[ADAPTER_ICON[kind]]} size={size} className="adapter-svg" />;
}

/** The icon of a deleted (missing) system. */
export function GhostIcon({ size = 22 }: { size?: number }) {
  return <Svg d={P.ghost} size={size} className="sys-svg icon-ghost" />;
}
