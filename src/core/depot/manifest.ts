/**
 * manifest.json of a rule-depot package: what the hub's rule depot needs to trust and route the rules.
 * Read back with zod, so a foreign or damaged manifest is refused with the field that is wrong.
 */
import { z } from 'zod';
import { sha256HexSync } from './sha256.ts';
import { m } from '../i18n.ts';
import { zodLocaleError } from '../model/load.ts';

export const DEPOT_FORMAT = 'regelwerk-regeldepot/1';

/** Semantic version X.Y.Z with optional pre-release and build parts (semver.org). */
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

// Messages as functions: they are worded when a manifest is read, in the language of that moment.
const Sha = z.string().regex(/^[0-9a-f]{64}$/, { error: () => m('SHA-256 als 64 Hex-Ziffern erwartet', 'SHA-256 expected as 64 hex digits') });
const FileRef = z.object({ path: z.string().min(1), sha256: Sha });
const MessageRef = z.object({ namespace: z.string(), root: z.string().min(1) });

export const RoutingSchema = z.object({
  senderSystem: z.string(),
  procedureId: z.string().optional(),
  organisation: z
    .object({
      id: z.string(),
      name: z.string(),
      ags: z.string().optional(),
      authorityId: z.string().optional(),
      office: z.object({ id: z.string(), name: z.string(), authorityId: z.string().optional() }).optional(),
    })
    .optional(),
  targetSystem: z.string(),
  adapter: z.object({ id: z.string(), kind: z.string().optional() }).optional(),
});

export const RuleEntrySchema = z.object({
  /** flow id, or flow id@organisation id for a per-organisation rule. */
  id: z.string().min(1),
  flow: z.string().min(1),
  scenarioCode: z.string(),
  title: z.string(),
  source: MessageRef.optional(),
  target: MessageRef,
  routing: RoutingSchema,
  parameters: z.array(
    z.object({ name: z.string(), type: z.string(), value: z.string(), default: z.string().optional(), documentation: z.string().optional() }),
  ),
  /** The rule's files (XSLT and SEF, shared by all organisations of the flow) with their SHA-256. */
  files: z.array(FileRef),
  /** Ids of the tests (manifest.tests) that cover the rule's stylesheet. */
  tests: z.array(z.string()),
});

export const TestEntrySchema = z.object({
  id: z.string().min(1),
  flow: z.string().min(1),
  name: z.string(),
  /** The organisation whose parameter values the expected output was made with. */
  organisation: z.string().optional(),
  parameters: z.record(z.string(), z.string()),
  input: z.string().min(1),
  expected: z.string().min(1),
  ignore: z.array(z.string()),
});

export const ManifestSchema = z.object({
  format: z.literal(DEPOT_FORMAT),
  packageId: z.string().min(1),
  version: z.string().regex(SEMVER, { error: () => m('Version muss X.Y.Z sein (Semantic Versioning)', 'The version must be X.Y.Z (semantic versioning)') }),
  createdAt: z.string(),
  tool: z.object({ name: z.string(), version: z.string(), engine: z.string() }),
  project: z.object({ id: z.string(), name: z.string() }),
  rules: z.array(RuleEntrySchema),
  tests: z.array(TestEntrySchema),
  schemas: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), files: z.array(z.string()) })),
  /** Every file of the package except manifest.json, sorted by path. */
  files: z.array(FileRef.extend({ size: z.number().int().nonnegative() })),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type RuleEntry = z.infer<typeof RuleEntrySchema>;
export type TestEntry = z.infer<typeof TestEntrySchema>;

/** Hex SHA-256 of bytes: Web Crypto where there is one (secure contexts, Node), else our own. */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return sha256HexSync(data);
  const buf = await subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Parses manifest.json text; a readable reason (core language) when it is not a valid manifest. */
export function parseManifest(text: string): { ok: true; manifest: Manifest } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: m(`manifest.json ist kein gültiges JSON (${(e as Error).message}).`, `manifest.json is not valid JSON (${(e as Error).message}).`) };
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== DEPOT_FORMAT) {
    return {
      ok: false,
      message: m(`manifest.json hat nicht das Format ${DEPOT_FORMAT}: kein Regelwerk-Regeldepot-Paket.`, `manifest.json is not in the format ${DEPOT_FORMAT}: not a Regelwerk rule-depot package.`),
    };
  }
  const r = ManifestSchema.safeParse(data, { error: zodLocaleError() });
  if (!r.success) {
    const iss = r.error.issues[0];
    return { ok: false, message: `manifest.json: ${iss.path.join('.') || m('(Wurzel)', '(root)')}: ${iss.message}` };
  }
  return { ok: true, manifest: r.data };
}
