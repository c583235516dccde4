/**
 * Blueprints: new projects from templates of the message scenarios in the domain notes (trade
 * notifications, payments, health office). Systems, adapters and flows only; message types and
 * mappings are left for the consultant (the canvas marks what is still missing).
 */
import { emptyMapping, FORMAT_VERSION, type Adapter, type Flow, type FlowDirection, type Project, type System } from '../model/project.ts';

/** What a blueprint offers, for listing. */
export interface BlueprintInfo {
  id: string;
  title: { de: string; en: string };
  description: { de: string; en: string };
  /** Flows may not form a cycle in projects made from it. */
  acyclic: boolean;
  systems: number;
  flows: number;
}

type Sys = Omit<System, 'adapters'> & { adapters: Adapter[] };
interface FlowSpec {
  id: string;
  code: string;
  title: string;
  from: string;
  to: string;
  direction: FlowDirection;
  stage: number;
  attachments: boolean;
}
interface Blueprint {
  id: string;
  title: { de: string; en: string };
  description: { de: string; en: string };
  acyclic?: boolean;
  systems: Sys[];
  flows: FlowSpec[];
}

const file = (id: string, inputDir: string, outputDir: string, variant: 'xml' | 'folder', name: string): Adapter => ({
  id,
  kind: 'file',
  name,
  settings: { inputDir, outputDir, variant },
});
const plain = (kind: Adapter['kind'], settings: Record<string, string>, name?: string): Adapter => ({ id: kind, kind, ...(name ? { name } : {}), settings });

const sys = (id: string, kind: System['kind'], name: string, x: number, y: number, adapters: Adapter[], extra: Partial<System> = {}): Sys => ({
  id,
  kind,
  name,
  ...extra,
  adapters,
  position: { x, y },
});

/** "system/adapter" → a flow end. */
function end(ref: string): { systemId: string; adapterId: string } {
  const [systemId, adapterId] = ref.split('/');
  return { systemId, adapterId };
}

const hub = (x: number, y: number, adapters: Adapter[]): Sys =>
  sys('integrationsdienst', 'integration-hub', 'Integrationsdienst / Datendrehscheibe', x, y, adapters, { product: 'SAKD Integrationsdienst', vendor: 'SAKD' });

const amt24 = (x: number, y: number): Sys =>
  sys('amt24', 'application-assistant', 'Amt24 Onlineantragsassistent', x, y, [plain('osci', {}, 'OSCI-Versand')], { product: 'Amt24' });

const f = (id: string, code: string, title: string, from: string, to: string, direction: FlowDirection, stage: number, attachments = false): FlowSpec => ({
  id,
  code,
  title,
  from,
  to,
  direction,
  stage,
  attachments,
});

const recipients: [string, string, Adapter][] = [
  ['ihk', 'Industrie- und Handelskammer', plain('xta', { mailbox: 'ihk-gewerbe', service: 'GewAnzV' })],
  ['hwk', 'Handwerkskammer', plain('xta', { mailbox: 'hwk-gewerbe', service: 'GewAnzV' })],
  ['stala', 'Statistisches Landesamt', plain('xta', { mailbox: 'stala-gewerbe', service: 'GewAnzV' })],
  ['bg', 'Berufsgenossenschaft', plain('email', { address: 'gewerbeanzeigen@bg.example' })],
  ['lmue', 'Lebensmittelüberwachung', plain('email', { address: 'lmue@landkreis.example' })],
];

const tradeSystems = (withApplicant: boolean): Sys[] => [
  ...(withApplicant
    ? [amt24(0, 0), sys('servicekonto', 'citizen-account', 'Servicekonto / Postfach', 0, 260, [plain('osci', {}, 'Postfach')], { product: 'Amt24 Servicekonto' })]
    : []),
  hub(340, 120, [
    plain('osci', {}, 'OSCI-Empfang'),
    file('file', '/austausch/integrationsdienst/eingang', '/austausch/integrationsdienst/ausgang', 'folder', 'Dateiaustausch'),
    plain('xta', { mailbox: 'integrationsdienst', service: 'GewAnzV' }, 'XTA-Postfach'),
    plain('email', { address: 'integrationsdienst@kommune.example' }, 'E-Mail-Versand'),
  ]),
  sys(
    'gewerbefachverfahren',
    'specialised-system',
    'Gewerbefachverfahren',
    withApplicant ? 700 : 0,
    withApplicant ? 0 : 120,
    [file('file', '/austausch/gewerbe/eingang', '/austausch/gewerbe/ausgang', 'folder', 'Austauschverzeichnis')],
    { subKind: 'trade-register', product: 'Gewerbe-Fachverfahren' },
  ),
  ...recipients.map(([id, name, a], i) => sys(id, 'mandatory-recipient', name, withApplicant ? 700 : 700, (withApplicant ? 200 : 0) + i * 130, [a])),
];

const a10Flows = (): FlowSpec[] => [
  f('a10-eingang', 'A10', 'Gewerbedaten für Pflichtempfänger', 'gewerbefachverfahren/file', 'integrationsdienst/file', 'between-authorities', 4),
  ...recipients.map(([id, name, a]) => f(`a10-${id}`, 'A10', `Gewerbedaten an ${name}`, `integrationsdienst/${a.kind}`, `${id}/${a.kind}`, 'between-authorities', 4)),
];

const BLUEPRINTS: Blueprint[] = [
  {
    id: 'gewerbe',
    title: { de: 'Gewerbeanzeige (A1–A6, A10)', en: 'Trade notification (A1–A6, A10)' },
    description: {
      de: 'Gewerbeanzeige vom Onlineantragsassistenten über den Integrationsdienst an das Gewerbefachverfahren, Nachrichten zurück ins Postfach, Übermittlung an die Pflichtempfänger nach GewAnzV.',
      en: 'Trade notification from the application assistant through the integration hub to the trade register software, messages back to the citizen account, transmission to the mandatory recipients under GewAnzV.',
    },
    systems: tradeSystems(true),
    flows: [
      f('a1-eingang', 'A1', 'Neue Gewerbeanzeige (Antragsteller)', 'amt24/osci', 'integrationsdienst/osci', 'to-authority', 2, true),
      f('a1-fachverfahren', 'A1', 'Neue Gewerbeanzeige an Gewerbefachverfahren', 'integrationsdienst/file', 'gewerbefachverfahren/file', 'to-authority', 2, true),
      f('a2-eingang', 'A2', 'Nachricht des Gewerbeamts', 'gewerbefachverfahren/file', 'integrationsdienst/file', 'to-applicant', 2),
      f('a2-postfach', 'A2', 'Nachricht des Gewerbeamts an Antragsteller', 'integrationsdienst/osci', 'servicekonto/osci', 'to-applicant', 2),
      f('a3-eingang', 'A3', 'Nachforderung von Unterlagen', 'gewerbefachverfahren/file', 'integrationsdienst/file', 'to-applicant', 2),
      f('a3-postfach', 'A3', 'Nachforderung von Unterlagen an Antragsteller', 'integrationsdienst/osci', 'servicekonto/osci', 'to-applicant', 2),
      f('a4-eingang', 'A4', 'Nachricht des Antragstellers', 'amt24/osci', 'integrationsdienst/osci', 'to-authority', 2),
      f('a4-fachverfahren', 'A4', 'Nachricht des Antragstellers an Gewerbefachverfahren', 'integrationsdienst/file', 'gewerbefachverfahren/file', 'to-authority', 2),
      f('a5-eingang', 'A5', 'Nachreichung des Antragstellers', 'amt24/osci', 'integrationsdienst/osci', 'to-authority', 2, true),
      f('a5-fachverfahren', 'A5', 'Nachreichung an Gewerbefachverfahren', 'integrationsdienst/file', 'gewerbefachverfahren/file', 'to-authority', 2, true),
      f('a6-eingang', 'A6', 'Abschluss des Vorgangs', 'gewerbefachverfahren/file', 'integrationsdienst/file', 'to-applicant', 2),
      f('a6-postfach', 'A6', 'Abschlussmitteilung an Antragsteller', 'integrationsdienst/osci', 'servicekonto/osci', 'to-applicant', 2),
      ...a10Flows(),
    ],
  },
  {
    id: 'gewerbe-pflichtempfaenger',
    title: { de: 'Gewerbe: nur Pflichtempfänger (A10)', en: 'Trade: mandatory recipients only (A10)' },
    description: {
      de: 'Nur die Verteilung der Gewerbedaten an die Pflichtempfänger. Die Verteilung läuft in eine Richtung: Zyklen sind verboten.',
      en: 'Only the distribution of trade data to the mandatory recipients. It runs one way: cycles are forbidden.',
    },
    acyclic: true,
    systems: tradeSystems(false),
    flows: a10Flows(),
  },
  {
    id: 'zahlungen',
    title: { de: 'Zahlungen und Vorgangsdokumentation', en: 'Payments and case documentation' },
    description: {
      de: 'Zahlungsanordnungen an das HKR-Verfahren (A1), Zahlungsstatus von ePayBL (A2), Rückstände (A3), Vorgangsdokumentation an das DMS und dessen Quittung (Q).',
      en: 'Payment orders to the cash system (A1), payment status from ePayBL (A2), arrears (A3), case documentation to the DMS and its confirmation (Q).',
    },
    systems: [
      amt24(0, 0),
      sys('epaybl', 'support-service', 'ePayBL', 0, 220, [plain('webservice', { address: 'https://epaybl.example/ws', operation: 'zahlungsstatus' }, 'Webservice')], {
        subKind: 'e-payment',
        product: 'ePayBL',
      }),
      hub(340, 100, [
        plain('osci', {}, 'OSCI-Empfang'),
        plain('webservice', { address: 'https://integrationsdienst.example/ws', operation: 'empfangen' }, 'Webservice'),
        file('file', '/austausch/integrationsdienst/eingang', '/austausch/integrationsdienst/ausgang', 'xml', 'Dateiaustausch'),
        plain('xta', { mailbox: 'integrationsdienst', service: 'xdomea' }, 'XTA-Postfach'),
      ]),
      sys('hkr', 'specialised-system', 'HKR-Verfahren', 700, 0, [file('file', '/austausch/hkr/eingang', '/austausch/hkr/ausgang', 'xml', 'Kassenschnittstelle')], {
        subKind: 'cash-accounting',
        product: 'Haushalts-, Kassen- und Rechnungswesen',
      }),
      sys('rueckstaende', 'support-service', 'Rückstandsauskunft', 700, 200, [plain('webservice', { address: 'https://rueckstand.example/ws', operation: 'rueckstaende' }, 'Webservice')], {
        subKind: 'arrears',
      }),
      sys('dms', 'records-system', 'DMS / E-Akte', 700, 380, [plain('xta', { mailbox: 'dms', service: 'xdomea' }, 'XTA-Postfach')], { product: 'E-Akte (xdomea 3.0.0)' }),
    ],
    flows: [
      f('antrag-eingang', 'A1', 'Antrag mit Gebühr', 'amt24/osci', 'integrationsdienst/osci', 'to-authority', 3, true),
      f('a1-zahlungsanordnung', 'A1', 'Zahlungsanordnungen an das Kassenverfahren', 'integrationsdienst/file', 'hkr/file', 'between-authorities', 3),
      f('a2-status-eingang', 'A2', 'Zahlungsstatus von ePayBL', 'epaybl/webservice', 'integrationsdienst/webservice', 'receipt', 3),
      f('a2-status-kasse', 'A2', 'Zahlungsstatus an das Kassenverfahren', 'integrationsdienst/file', 'hkr/file', 'between-authorities', 3),
      f('a3-rueckstand-eingang', 'A3', 'Information über Rückstände', 'hkr/file', 'integrationsdienst/file', 'between-authorities', 3),
      f('a3-rueckstand', 'A3', 'Rückstände an die Rückstandsauskunft', 'integrationsdienst/webservice', 'rueckstaende/webservice', 'between-authorities', 3),
      f('vd-dms', 'VD', 'Vorgangsdokumentation an das DMS', 'integrationsdienst/xta', 'dms/xta', 'to-authority', 2, true),
      f('q-dms', 'Q', 'Quittung der Vorgangsdokumentation', 'dms/xta', 'integrationsdienst/xta', 'receipt', 2),
    ],
  },
  {
    id: 'gesundheitsamt',
    title: { de: 'Gesundheitsamt (DiGASax)', en: 'Health office (DiGASax)' },
    description: {
      de: 'Todesbescheinigung vom Standesamt (A1), Laborbefund (A2), Laboruntersuchungsauftrag (A3), Statistikübermittlung (A4).',
      en: 'Death notification from the civil registry (A1), lab result (A2), lab examination order (A3), statistics transmission (A4).',
    },
    systems: [
      sys('autista', 'specialised-system', 'Standesamt (AutiSta)', 0, 0, [plain('xta', { mailbox: 'standesamt', service: 'XPersonenstand' }, 'XTA-Postfach')], {
        subKind: 'civil-registry',
        product: 'AutiSta',
      }),
      sys('lua', 'specialised-system', 'Landesuntersuchungsanstalt (LUA)', 0, 220, [plain('webservice', { address: 'https://lua.example/ws', operation: 'befund' }, 'Webservice')], {
        subKind: 'lab',
        product: 'LUA Labor',
      }),
      hub(340, 100, [
        plain('xta', { mailbox: 'integrationsdienst', service: 'DiGASax' }, 'XTA-Postfach'),
        plain('webservice', { address: 'https://integrationsdienst.example/ws', operation: 'empfangen' }, 'Webservice'),
        file('file', '/austausch/integrationsdienst/eingang', '/austausch/integrationsdienst/ausgang', 'xml', 'Dateiaustausch'),
      ]),
      sys('octoware', 'specialised-system', 'Gesundheitsamt (Octoware)', 700, 0, [file('file', '/austausch/octoware/eingang', '/austausch/octoware/ausgang', 'xml', 'Importverzeichnis')], {
        subKind: 'health-office',
        product: 'Octoware',
      }),
      sys('stala', 'specialised-system', 'Statistisches Landesamt', 700, 220, [plain('xta', { mailbox: 'stala', service: 'DiGASax' }, 'XTA-Postfach')], {
        subKind: 'statistics',
        product: 'StaLA',
      }),
    ],
    flows: [
      f('a1-todesbescheinigung-eingang', 'A1', 'Todesbescheinigung vom Standesamt', 'autista/xta', 'integrationsdienst/xta', 'between-authorities', 4, true),
      f('a1-todesbescheinigung', 'A1', 'Todesbescheinigung an das Gesundheitsamt', 'integrationsdienst/file', 'octoware/file', 'between-authorities', 4, true),
      f('a2-laborbefund-eingang', 'A2', 'Laborbefund der LUA', 'lua/webservice', 'integrationsdienst/webservice', 'between-authorities', 4, true),
      f('a2-laborbefund', 'A2', 'Laborbefund an das Gesundheitsamt', 'integrationsdienst/file', 'octoware/file', 'between-authorities', 4, true),
      f('a3-laborauftrag-eingang', 'A3', 'Laboruntersuchungsauftrag des Gesundheitsamts', 'octoware/file', 'integrationsdienst/file', 'between-authorities', 4),
      f('a3-laborauftrag', 'A3', 'Laboruntersuchungsauftrag an die LUA', 'integrationsdienst/webservice', 'lua/webservice', 'between-authorities', 4),
      f('a4-statistik-eingang', 'A4', 'Statistikdaten des Gesundheitsamts', 'octoware/file', 'integrationsdienst/file', 'between-authorities', 4),
      f('a4-statistik', 'A4', 'Statistikübermittlung an das Statistische Landesamt', 'integrationsdienst/xta', 'stala/xta', 'between-authorities', 4),
    ],
  },
];

/** The blueprints, for listing. */
export function listBlueprints(): BlueprintInfo[] {
  return BLUEPRINTS.map((b) => ({ id: b.id, title: b.title, description: b.description, acyclic: !!b.acyclic, systems: b.systems.length, flows: b.flows.length }));
}

/** A new project made from a blueprint, or undefined for an unknown id. */
export function projectFromBlueprint(id: string, opts: { projectId?: string; name?: string; lang?: 'de' | 'en' } = {}): Project | undefined {
  const b = BLUEPRINTS.find((x) => x.id === id);
  if (!b) return undefined;
  const flows: Flow[] = b.flows.map((s) => ({
    id: s.id,
    scenarioCode: s.code,
    title: s.title,
    from: end(s.from),
    to: end(s.to),
    stage: s.stage,
    direction: s.direction,
    attachments: s.attachments,
    mapping: emptyMapping(),
    samples: [],
    tests: [],
  }));
  return {
    formatVersion: FORMAT_VERSION,
    id: opts.projectId ?? b.id,
    name: opts.name ?? b.title[opts.lang ?? 'de'],
    description: b.description[opts.lang ?? 'de'],
    // Deep copies: projects made from one blueprint must not share objects.
    systems: structuredClone(b.systems),
    flows,
    schemas: [],
    organisations: [],
    landscape: { blueprintId: b.id, ...(b.acyclic ? { acyclic: true } : {}) },
  };
}
