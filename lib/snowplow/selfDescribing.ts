import type { ContextsJson, SelfDescribingJson, UnstructJson } from '../../schemas/enriched-event-fields';

/** The parts of an Iglu schema URI `iglu:vendor/name/format/model-revision-addition`. */
export interface SchemaKey {
  readonly vendor: string;
  readonly name: string;
  readonly format: string;
  readonly version: string;
  readonly model: number;
}

const SCHEMA_URI = /^iglu:([a-zA-Z0-9_.-]+)\/([a-zA-Z0-9_-]+)\/([a-zA-Z0-9_-]+)\/([0-9]+)-([0-9]+)-([0-9]+)$/;

/** Reads an Iglu schema URI, or `undefined` when it is not one. */
export function readSchemaKey(uri: unknown): SchemaKey | undefined {
  if (typeof uri !== 'string') return undefined;
  const m = SCHEMA_URI.exec(uri);
  if (m === null) return undefined;
  const [, vendor, name, format, model, revision, addition] = m as unknown as [string, string, string, string, string, string, string];
  return { vendor, name, format, version: `${model}-${revision}-${addition}`, model: Number(model) };
}

/** How many distinct schema URIs the caches below keep before starting again. */
const CACHE_LIMIT = 10_000;
const validUris = new Set<string>();

/** Whether a value is an Iglu schema URI; remembered, since a stream repeats a few dozen schemas. */
export function isIgluUri(uri: unknown): uri is string {
  if (typeof uri !== 'string') return false;
  if (validUris.has(uri)) return true;
  if (readSchemaKey(uri) === undefined) return false;
  if (validUris.size >= CACHE_LIMIT) validUris.clear();
  validUris.add(uri);
  return true;
}

function isSelfDescribing(value: unknown): value is SelfDescribingJson {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    isIgluUri((value as { schema?: unknown }).schema) &&
    'data' in value
  );
}

/** Why a JSON field is not what it should be; `undefined` when it is fine. */
export type JsonProblem = string;

/** Parses a `contexts`/`derived_contexts` field: a self-describing array of self-describing JSONs. */
export function readContexts(text: string): ContextsJson | JsonProblem {
  const parsed = parseJson(text);
  if (typeof parsed === 'string') return parsed;
  const value = parsed.value;
  if (!isSelfDescribing(value)) return 'not a self-describing JSON';
  if (!Array.isArray(value.data)) return 'its data is not an array of contexts';
  for (let i = 0; i < value.data.length; i++) {
    if (!isSelfDescribing(value.data[i])) return `context ${i} is not a self-describing JSON`;
  }
  return value as ContextsJson;
}

/** Parses an `unstruct_event` field: a self-describing JSON whose data is self-describing. */
export function readUnstruct(text: string): UnstructJson | JsonProblem {
  const parsed = parseJson(text);
  if (typeof parsed === 'string') return parsed;
  const value = parsed.value;
  if (!isSelfDescribing(value)) return 'not a self-describing JSON';
  if (!isSelfDescribing(value.data)) return 'its data is not a self-describing JSON';
  return value as UnstructJson;
}

function parseJson(text: string): { value: unknown } | JsonProblem {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
}

const shreddedNames = { contexts: new Map<string, string>(), unstruct_event: new Map<string, string>() };

/**
 * The column name the analytics SDKs give a context or unstruct event: `<prefix>_<vendor>_<name>_<model>`,
 * vendor dots and dashes as underscores, the camelCase name in snake_case, all lower case.
 *
 * @example shreddedName('contexts', 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0')
 * // 'contexts_com_snowplowanalytics_snowplow_web_page_1'
 */
export function shreddedName(prefix: 'contexts' | 'unstruct_event', schema: string): string {
  const cache = shreddedNames[prefix];
  let name = cache.get(schema);
  if (name === undefined) {
    const key = readSchemaKey(schema);
    if (key === undefined) throw new TypeError(`not an Iglu schema URI: ${schema}`);
    const vendor = key.vendor.replace(/[.-]/g, '_').toLowerCase();
    // An underscore goes before each capital that follows anything but a capital or an underscore.
    const snake = key.name.replace(/([^A-Z_])([A-Z])/g, '$1_$2').toLowerCase();
    name = `${prefix}_${vendor}_${snake}_${key.model}`;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(schema, name);
  }
  return name;
}
