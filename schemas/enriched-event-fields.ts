import { z } from 'zod';

/**
 * How a field of the enriched TSV is typed.
 *
 * `timestamp` values are epoch milliseconds (UTC) in the typed event and ISO-8601 strings in the
 * SDK JSON; `json` values are self-describing JSON, parsed only when read.
 */
export const FIELD_KINDS = ['string', 'timestamp', 'integer', 'double', 'boolean', 'contexts', 'unstruct'] as const;

/** One of {@link FIELD_KINDS}. */
export type FieldKind = (typeof FIELD_KINDS)[number];

/** A self-describing JSON: an Iglu schema URI and the data it describes. */
export const SelfDescribingJson = z.object({
  schema: z.string().regex(/^iglu:[^/]+\/[^/]+\/[^/]+\/\d+-\d+-\d+$/),
  data: z.unknown(),
});
/** A self-describing JSON: an Iglu schema URI and the data it describes. */
export type SelfDescribingJson = z.infer<typeof SelfDescribingJson>;

/** The `contexts`/`derived_contexts` envelope: a self-describing array of self-describing JSONs. */
export const ContextsJson = z.object({ schema: z.string(), data: z.array(SelfDescribingJson) });
/** The `contexts`/`derived_contexts` envelope. */
export type ContextsJson = z.infer<typeof ContextsJson>;

/** The `unstruct_event` envelope: a self-describing JSON whose data is the event's self-describing JSON. */
export const UnstructJson = z.object({ schema: z.string(), data: SelfDescribingJson });
/** The `unstruct_event` envelope. */
export type UnstructJson = z.infer<typeof UnstructJson>;

const kinds = new WeakMap<z.ZodType, FieldKind>();
const kinded = <T extends z.ZodType>(kind: FieldKind, schema: T): T => {
  kinds.set(schema, kind);
  return schema;
};

/** The field builders: each returns the zod type of the typed value, remembering its TSV kind. */
export const field = {
  string: () => kinded('string', z.string().nullable()),
  /** Epoch milliseconds, UTC. */
  timestamp: () => kinded('timestamp', z.number().int().nullable()),
  integer: () => kinded('integer', z.number().int().nullable()),
  double: () => kinded('double', z.number().nullable()),
  boolean: () => kinded('boolean', z.boolean().nullable()),
  contexts: () => kinded('contexts', ContextsJson.nullable()),
  unstruct: () => kinded('unstruct', UnstructJson.nullable()),
} as const;

/** The TSV kind a field builder gave a zod type. */
export function kindOf(schema: z.ZodType): FieldKind {
  const kind = kinds.get(schema);
  if (kind === undefined) throw new Error('kindOf: the schema was not made by a field builder');
  return kind;
}
