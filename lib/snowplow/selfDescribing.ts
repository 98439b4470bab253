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

function isSelfDescribing(value: unknown): value is SelfDescribingJson {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    readSchemaKey((value as { schema?: unknown }).schema) !== undefined &&
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

const shreddedNames = new Map<string, string>();

/**
 * The column name the analytics SDKs give a context or unstruct event: `<prefix>_<vendor>_<name>_<model>`,
 * vendor dots and dashes as underscores, the camelCase name in snake_case, all lower case.
 *
 * @example shreddedName('contexts', 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0')
 * // 'contexts_com_snowplowanalytics_snowplow_web_page_1'
 */
export function shreddedName(prefix: 'contexts' | 'unstruct_event', schema: string): string {
  const cacheKey = prefix + schema;
  let name = shreddedNames.get(cacheKey);
  if (name === undefined) {
    const key = readSchemaKey(schema);
    if (key === undefined) throw new TypeError(`not an Iglu schema URI: ${schema}`);
    const vendor = key.vendor.replace(/[.-]/g, '_').toLowerCase();
    // An underscore goes before each capital that follows anything but a capital or an underscore.
    const snake = key.name.replace(/([^A-Z_])([A-Z])/g, '$1_$2').toLowerCase();
    name = `${prefix}_${vendor}_${snake}_${key.model}`;
    shreddedNames.set(cacheKey, name);
  }
  return name;
}
