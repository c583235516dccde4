/**
 * The project model, format version 1: plain, serialisable data. Everything a rule is lives here;
 * the UI renders it and the CLI reads it. Validated on load with zod (see ./load.ts).
 */
import { z } from 'zod';
import { ExprSchema } from './expr.ts';

export const FORMAT_VERSION = 1;

export const SYSTEM_KINDS = [
  'application-assistant',
  'integration-hub',
  'specialised-system',
  'records-system',
  'register',
  'support-service',
  'citizen-account',
  'mandatory-recipient',
  'email',
] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

export const ADAPTER_KINDS = ['file', 'osci', 'xta', 'webservice', 'email'] as const;
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

const Id = z.string().min(1).max(200);
const QNameSchema = z.object({ ns: z.string(), local: z.string().min(1) });

export const AdapterSchema = z.object({
  id: Id,
  kind: z.enum(ADAPTER_KINDS),
  name: z.string().optional(),
  /** Kind-specific settings, e.g. file: inputDir, outputDir, variant ("xml" | "folder"). */
  settings: z.record(z.string(), z.string()).default({}),
});

export const SystemSchema = z.object({
  id: Id,
  kind: z.enum(SYSTEM_KINDS),
  /** Finer kind for specialised systems and support services, e.g. "trade-register", "e-payment". */
  subKind: z.string().optional(),
  name: z.string(),
  product: z.string().optional(),
  vendor: z.string().optional(),
  version: z.string().optional(),
  adapters: z.array(AdapterSchema).default([]),
  /** Canvas position; view data, but saved so a drawn landscape keeps its shape. */
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
});

export const SchemaSetSchema = z.object({
  id: Id,
  name: z.string(),
  /** How the files are read: XSD set, JSON Schema, a sample instance, FIM XDatenfelder. */
  kind: z.enum(['xsd', 'json-schema', 'sample-xml', 'sample-json', 'xdatenfelder']),
  files: z.array(z.object({ name: z.string().min(1), content: z.string() })).min(1),
  /** Resolves schemaLocation or namespace → file name for imports not among the files by name. */
  catalog: z.record(z.string(), z.string()).optional(),
});

export const MessageTypeSchema = z.object({
  schemaId: Id,
  root: QNameSchema,
});

export const ParameterSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][\w.-]*$/, 'Parametername muss ein gültiger XML-Name sein'),
  type: z.enum(['string', 'integer', 'decimal', 'boolean', 'date']).default('string'),
  default: z.string().optional(),
  documentation: z.string().optional(),
});

export const ValueMapSchema = z.object({
  id: z.string().regex(/^[A-Za-z_][\w-]*$/, 'Tabellen-ID muss ein gültiger XML-Name sein'),
  name: z.string(),
  rows: z.array(z.object({ from: z.string(), to: z.string() })),
  /** What an unknown input maps to; absent = empty result. */
  default: z.string().optional(),
});

export const VariableSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][\w.-]*$/, 'Variablenname muss ein gültiger XML-Name sein'),
  /** Evaluated once per message, with the source document as context. */
  value: ExprSchema,
  documentation: z.string().optional(),
});

export const SortKeySchema = z.object({
  expr: ExprSchema,
  order: z.enum(['ascending', 'descending']).default('ascending'),
  dataType: z.enum(['text', 'number']).default('text'),
});

export const MappingRuleSchema = z.object({
  id: Id,
  /** Absolute target-tree path of the element or attribute this rule fills. */
  target: z.string().min(1),
  /** The text value (elements with simple content and attributes). */
  value: ExprSchema.optional(),
  /** For repeating target elements: one output element per source item. Inner rules read relative to it. */
  forEach: z
    .object({
      source: z.string().min(1),
      filter: ExprSchema.optional(),
      sort: z.array(SortKeySchema).optional(),
      /** Group the source items by this key: one target element per group (xsl:for-each-group). */
      groupBy: ExprSchema.optional(),
    })
    .optional(),
  /** The target node is produced only when this is true. */
  condition: ExprSchema.optional(),
  note: z.string().optional(),
});

/**
 * XSLT kept verbatim by the XSLT import (src/core/xslt-import) because the mapping model cannot express
 * it; the compiler prints it back at its place on every compile.
 */
export const RawBlockSchema = z.object({
  /** The XSLT text as written (plus the namespace declarations it needs to stand alone). */
  xslt: z.string(),
  /** Where it is printed: absent = a top-level declaration; '' = in the main template, around the
   * root element; otherwise inside the output element with this target path. */
  parent: z.string().optional(),
  /** Printed after the mapped child (or, with parent '', the root element) with this target path; absent = first. */
  after: z.string().optional(),
});

export const MappingSchema = z.object({
  rules: z.array(MappingRuleSchema).default([]),
  parameters: z.array(ParameterSchema).default([]),
  valueMaps: z.array(ValueMapSchema).default([]),
  variables: z.array(VariableSchema).default([]),
  /** Stable prefixes for the generated XSLT: prefix → namespace URI. */
  namespaces: z.record(z.string(), z.string()).default({}),
  /** Kept-verbatim XSLT (optional, so project files without any stay byte-identical). */
  raw: z.array(RawBlockSchema).optional(),
  /** How the rule is written (optional, so project files without it stay byte-identical). */
  options: z
    .object({
      /** 'inline': the whole target document in one template; 'structures': a named template per complex target structure. */
      templates: z.enum(['inline', 'structures']).default('inline'),
    })
    .optional(),
});

export const SampleMessageSchema = z.object({ id: Id, name: z.string(), content: z.string() });

export const TestCaseSchema = z.object({
  id: Id,
  name: z.string(),
  sampleId: Id,
  organisationId: z.string().optional(),
  expected: z.string(),
  /** Paths whose values are not compared (timestamps, message ids). */
  ignore: z.array(z.string()).default([]),
});

export const FlowEndSchema = z.object({ systemId: Id, adapterId: z.string().optional() });

/** Who sends to whom, in the terms of a message scenario (labels in src/ui/canvas/texts.ts). */
export const FLOW_DIRECTIONS = ['to-authority', 'to-applicant', 'between-authorities', 'receipt'] as const;
export type FlowDirection = (typeof FLOW_DIRECTIONS)[number];

export const FlowSchema = z.object({
  id: Id,
  scenarioCode: z.string(),
  title: z.string(),
  /** LeiKa key of the administrative procedure (service) the flow belongs to; used for routing. */
  procedureId: z.string().optional(),
  from: FlowEndSchema,
  to: FlowEndSchema,
  stage: z.number().int().min(1).max(4).optional(),
  direction: z.enum(FLOW_DIRECTIONS).optional(),
  attachments: z.boolean().optional(),
  source: MessageTypeSchema.optional(),
  target: MessageTypeSchema.optional(),
  mapping: MappingSchema.default({ rules: [], parameters: [], valueMaps: [], variables: [], namespaces: {} }),
  samples: z.array(SampleMessageSchema).default([]),
  tests: z.array(TestCaseSchema).default([]),
  /** Rule version, raised on export. */
  version: z.string().optional(),
});

/** An office (Dienststelle) of an organisation, e.g. the trade office. */
export const OfficeSchema = z.object({
  id: Id,
  name: z.string(),
  /** Authority id of the office (Behördenkennung), when it has its own. */
  authorityId: z.string().optional(),
});

/** Per organisation and flow: where the message goes (routing) and the rule's parameter values. */
export const OrgFlowSettingsSchema = z.object({
  flowId: Id,
  /** Target system and adapter; absent = the flow's own target end. */
  targetSystemId: z.string().optional(),
  adapterId: z.string().optional(),
  /** Parameter name → value; absent = the parameter's default. */
  params: z.record(z.string(), z.string()).default({}),
});

export const ORGANISATION_KINDS = ['municipality', 'test'] as const;

/**
 * A municipality (or the fictitious test organisation) the generic rules are configured for. Values are
 * checked by core/orgs/validate.ts (AGS = 8 digits, references, parameter types), not here, so a
 * half-edited organisation never makes a project unloadable.
 */
export const OrganisationSchema = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS).default('municipality'),
  /** Amtlicher Gemeindeschlüssel, 8 digits. */
  ags: z.string().optional(),
  /** Authority id (Behördenkennung) of the municipality. */
  authorityId: z.string().optional(),
  offices: z.array(OfficeSchema).default([]),
  /** Responsible office per service: LeiKa key (Flow.procedureId) → office id. */
  responsible: z.record(z.string(), z.string()).default({}),
  flows: z.array(OrgFlowSettingsSchema).default([]),
});

/** Depot settings kept with the project: package id and the versions released so far. */
export const DepotSettingsSchema = z.object({
  packageId: z.string().optional(),
  /** A version's creation time is recorded once, so re-exporting it gives the same bytes. */
  releases: z.array(z.object({ version: z.string(), createdAt: z.string() })).default([]),
});

export const ProjectSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  id: Id,
  name: z.string(),
  description: z.string().optional(),
  systems: z.array(SystemSchema).default([]),
  flows: z.array(FlowSchema).default([]),
  schemas: z.array(SchemaSetSchema).default([]),
  organisations: z.array(OrganisationSchema).default([]),
  depot: DepotSettingsSchema.optional(),
  /** Landscape rules from the blueprint the project was made from (acyclic: flows may not form a cycle). */
  landscape: z.object({ blueprintId: z.string().optional(), acyclic: z.boolean().optional() }).optional(),
});

export type Adapter = z.infer<typeof AdapterSchema>;
export type System = z.infer<typeof SystemSchema>;
export type SchemaSet = z.infer<typeof SchemaSetSchema>;
export type MessageType = z.infer<typeof MessageTypeSchema>;
export type Parameter = z.infer<typeof ParameterSchema>;
export type ValueMap = z.infer<typeof ValueMapSchema>;
export type Variable = z.infer<typeof VariableSchema>;
export type MappingRule = z.infer<typeof MappingRuleSchema>;
export type Mapping = z.infer<typeof MappingSchema>;
export type RawBlock = z.infer<typeof RawBlockSchema>;
export type SampleMessage = z.infer<typeof SampleMessageSchema>;
export type TestCase = z.infer<typeof TestCaseSchema>;
export type Flow = z.infer<typeof FlowSchema>;
export type Office = z.infer<typeof OfficeSchema>;
export type OrgFlowSettings = z.infer<typeof OrgFlowSettingsSchema>;
export type Organisation = z.infer<typeof OrganisationSchema>;
export type OrganisationKind = Organisation['kind'];
export type DepotSettings = z.infer<typeof DepotSettingsSchema>;
export type Project = z.infer<typeof ProjectSchema>;

/** An empty mapping. */
export function emptyMapping(): Mapping {
  return { rules: [], parameters: [], valueMaps: [], variables: [], namespaces: {} };
}
