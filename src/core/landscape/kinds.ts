/**
 * Facts about system and adapter kinds that the landscape rules and the UI share: finer kinds,
 * adapter settings, default adapters of a new system. Labels live in the UI's text files.
 */
import type { Adapter, AdapterKind, SystemKind } from '../model/project.ts';

/** Finer kinds of specialised systems and support services (System.subKind). */
export const SUB_KINDS: Partial<Record<SystemKind, readonly string[]>> = {
  'specialised-system': ['trade-register', 'cash-accounting', 'civil-registry', 'health-office', 'lab', 'statistics', 'other'],
  'support-service': ['e-payment', 'register-lookup', 'arrears', 'other'],
};

/** One entry of the system palette: a kind, optionally with a finer kind. */
export interface PaletteEntry {
  kind: SystemKind;
  subKind?: string;
}

/** The palette in the order of the domain notes: every kind, specialised systems and support services by finer kind. */
export const PALETTE: readonly PaletteEntry[] = [
  { kind: 'application-assistant' },
  { kind: 'integration-hub' },
  ...(SUB_KINDS['specialised-system'] ?? []).map((subKind) => ({ kind: 'specialised-system' as const, subKind })),
  { kind: 'records-system' },
  { kind: 'register' },
  { kind: 'support-service', subKind: 'e-payment' },
  { kind: 'support-service' },
  { kind: 'citizen-account' },
  { kind: 'mandatory-recipient' },
  { kind: 'email' },
];

/** Settings each adapter kind uses (keys of Adapter.settings), in display order. */
export const ADAPTER_SETTINGS: Record<AdapterKind, readonly string[]> = {
  file: ['inputDir', 'outputDir', 'variant'],
  osci: ['intermediary', 'recipient'],
  xta: ['mailbox', 'service'],
  webservice: ['address', 'operation'],
  email: ['address'],
};

/** File adapter variants: one XML file, or a folder with the XML and its attachments. */
export const FILE_VARIANTS = ['xml', 'folder'] as const;

/** Systems that only receive messages (no flow may start there). */
export const RECEIVE_ONLY: readonly SystemKind[] = ['mandatory-recipient'];

/** The adapter a newly placed system starts with (the way such systems are usually connected). */
export function defaultAdapters(kind: SystemKind): Adapter[] {
  const one = (k: AdapterKind, settings: Record<string, string> = {}): Adapter => ({ id: k, kind: k, settings });
  switch (kind) {
    case 'application-assistant':
    case 'citizen-account':
      return [one('osci')];
    case 'integration-hub':
      return [one('osci'), one('file', { inputDir: '', outputDir: '', variant: 'folder' })];
    case 'specialised-system':
      return [one('file', { inputDir: '', outputDir: '', variant: 'xml' })];
    case 'records-system':
    case 'mandatory-recipient':
      return [one('xta')];
    case 'register':
    case 'support-service':
      return [one('webservice', { address: '', operation: '' })];
    case 'email':
      return [one('email', { address: '' })];
  }
}

/** An id not in `taken`, made from `base` (lower-case, dashes), with -2, -3 … when needed. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const stem =
    base
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ß/g, 'ss')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'id';
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}
