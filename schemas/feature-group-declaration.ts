import { z } from 'zod';
import { InvalidFeatureGroupError } from './feature-group-errors';

/**
 * The scalar feature types of SageMaker Feature Store.
 *
 * Integral is a 64-bit signed integer, Fractional an IEEE 754 double, String a UTF-8 string.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-quotas.html
 */
export const FeatureType = {
  Integral: 'Integral',
  Fractional: 'Fractional',
  String: 'String',
} as const;

/** One of {@link FeatureType}. */
export type FeatureType = (typeof FeatureType)[keyof typeof FeatureType];

/**
 * The units of a Feature Store `TtlDuration`.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_TtlDuration.html
 */
export const TtlUnit = {
  Seconds: 'Seconds',
  Minutes: 'Minutes',
  Hours: 'Hours',
  Days: 'Days',
  Weeks: 'Weeks',
} as const;

/** One of {@link TtlUnit}. */
export type TtlUnit = (typeof TtlUnit)[keyof typeof TtlUnit];

/**
 * The naming rule for feature and feature group names: alphanumerics, with single or repeated
 * `-`/`_` between them, starting and ending with an alphanumeric, 64 characters at most.
 */
export const FEATURE_NAME_PATTERN = /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/;

/** Feature names the offline store uses for its own columns, so no feature may take them. */
export const RESERVED_FEATURE_NAMES = ['is_deleted', 'write_time', 'api_invocation_time'] as const;

const name = z.string().max(64).regex(FEATURE_NAME_PATTERN, 'must match ' + FEATURE_NAME_PATTERN.source);

/** A feature's time window: a positive count and a unit (`s`, `m`, `h`, `d`), e.g. `5m`. */
export const WINDOW_PATTERN = /^[1-9][0-9]*[smhd]$/;

/** A Feature Store `TtlDuration`: records expire at EventTime + this. */
export const TtlDurationSchema = z.object({
  unit: z.enum(Object.values(TtlUnit) as [TtlUnit, ...TtlUnit[]]),
  value: z.number().int().min(1),
});

/** A TTL as declared: `{ unit: 'Hours', value: 24 }`. */
export type TtlDurationDeclaration = z.infer<typeof TtlDurationSchema>;

/** Which events a feature's aggregate reads (the feature computation classifies each event once). */
export const AGGREGATE_EVENTS = ['any', 'page_view', 'link_click', 'add_to_cart', 'transaction', 'transaction_item'] as const;

/** The per-event value a feature's aggregate reads. */
export const AGGREGATE_VALUES = ['revenue', 'page_urlpath', 'domain_sessionid', 'ti_quantity', 'event_name', 'device_class', 'geo_country', 'logged_in'] as const;

/**
 * How a feature is computed, machine-readable: `count` of the events, `sum` or `distinct` of a
 * value over them within the feature's window, or `latest` (the value of the latest event) /
 * `latestPresent` (of the latest event that has one) for a point feature.
 *
 * @example
 * ```ts
 * { op: 'distinct', events: 'page_view', value: 'page_urlpath' }
 * ```
 */
export const FeatureAggregateSchema = z.object({
  op: z.enum(['count', 'sum', 'distinct', 'latest', 'latestPresent']),
  events: z.enum(AGGREGATE_EVENTS),
  value: z.enum(AGGREGATE_VALUES).optional(),
});

/** A feature's aggregate as declared. */
export type FeatureAggregate = z.infer<typeof FeatureAggregateSchema>;

/**
 * One feature of a feature group, declared as data.
 *
 * @example
 * ```ts
 * { name: 'page_views_1h', type: 'Integral', window: '1h',
 *   description: 'Page views by the user in the last hour',
 *   computation: 'count of page_view events in [event_time - 1h, event_time]' }
 * ```
 */
export const FeatureDeclarationSchema = z.object({
  name: name.refine(
    (value) => !(RESERVED_FEATURE_NAMES as readonly string[]).includes(value.toLowerCase()),
    { message: `must not be one of the reserved names ${RESERVED_FEATURE_NAMES.join(', ')}` },
  ),
  type: z.enum([FeatureType.Integral, FeatureType.Fractional, FeatureType.String]),
  description: z.string().min(1),
  /** The event-time window the value covers, or `null` for a point value. */
  window: z.string().regex(WINDOW_PATTERN, 'must be a count and a unit such as 5m, 1h, 24h').nullable(),
  /**
   * The tile a windowed value is kept in: the window is then the `window / resolution` whole
   * tiles (of event time, from the epoch) ending with the newest event's, and the state keeps a
   * count or sum per tile instead of every event. Declared on every windowed feature of a group
   * or on none; a `distinct` cannot be tiled. @default - exact: (event_time − window, event_time], one state entry per event
   */
  resolution: z.string().regex(WINDOW_PATTERN, 'must be a count and a unit such as 1m, 1h').optional(),
  /** How the value is computed, in one short sentence. */
  computation: z.string().min(1),
  /** The same, machine-readable, for the streaming computation. @default - not computed from events (the record identifier, the event time) */
  aggregate: FeatureAggregateSchema.optional(),
});

/** A feature as declared. */
export type FeatureDeclaration = z.infer<typeof FeatureDeclarationSchema>;

/**
 * A feature group, declared once as data: read by the local Feature Store, the CDK stack and the
 * feature computation.
 *
 * The record identifier and the event time are features of the group too, as in
 * CreateFeatureGroup's FeatureDefinitions.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateFeatureGroup.html
 */
export const FeatureGroupDeclarationSchema = z
  .object({
    name,
    description: z.string().min(1).max(128),
    recordIdentifierFeatureName: z.string(),
    eventTimeFeatureName: z.string(),
    /** Online-store TTL for every record of the group; a PutRecord TtlDuration overrides it. */
    ttl: TtlDurationSchema.optional(),
    onlineStore: z.boolean(),
    offlineStore: z.boolean(),
    features: z.array(FeatureDeclarationSchema).min(1).max(2500),
  })
  .superRefine((group, ctx) => {
    const seen = new Set<string>();
    group.features.forEach((feature, index) => {
      const key = feature.name.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['features', index, 'name'], message: `duplicates feature '${feature.name}' (names are case-insensitive)` });
      }
      seen.add(key);
    });
    const byName = (wanted: string) => group.features.find((feature) => feature.name === wanted);
    const recordId = byName(group.recordIdentifierFeatureName);
    if (recordId === undefined || recordId.type === FeatureType.Fractional) {
      ctx.addIssue({ code: 'custom', path: ['recordIdentifierFeatureName'], message: 'must name a declared String or Integral feature' });
    }
    const eventTime = byName(group.eventTimeFeatureName);
    if (eventTime === undefined || eventTime.type === FeatureType.Integral) {
      ctx.addIssue({ code: 'custom', path: ['eventTimeFeatureName'], message: 'must name a declared String or Fractional feature' });
    }
    group.features.forEach((feature, index) => {
      const a = feature.aggregate;
      if (a === undefined) return;
      const point = a.op === 'latest' || a.op === 'latestPresent';
      if (point !== (feature.window === null)) {
        ctx.addIssue({ code: 'custom', path: ['features', index, 'aggregate', 'op'], message: point ? `'${a.op}' is for a feature without a window` : `'${a.op}' needs a window` });
      }
      if (feature.resolution !== undefined && feature.window === null) {
        ctx.addIssue({ code: 'custom', path: ['features', index, 'resolution'], message: 'is for a feature with a window' });
      }
      if ((a.op === 'count') !== (a.value === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['features', index, 'aggregate', 'value'], message: a.op === 'count' ? 'a count reads no value' : `'${a.op}' needs a value` });
      }
    });
    if (!group.onlineStore && !group.offlineStore) {
      ctx.addIssue({ code: 'custom', path: ['onlineStore'], message: 'a group needs an online store, an offline store, or both' });
    }
  });

/** A feature group as declared (validated). */
export type FeatureGroupDeclaration = z.infer<typeof FeatureGroupDeclarationSchema>;

/**
 * Validates a feature group declaration against Feature Store's rules and returns it frozen.
 *
 * @throws InvalidFeatureGroupError naming the group and the field that breaks a rule.
 */
export function defineFeatureGroup(input: z.input<typeof FeatureGroupDeclarationSchema>): FeatureGroupDeclaration {
  const parsed = FeatureGroupDeclarationSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidFeatureGroupError(String(input.name), issue.path.join('.'), issue.message, { cause: parsed.error });
  }
  const group = parsed.data;
  group.features.forEach((feature) => {
    if (feature.aggregate !== undefined) Object.freeze(feature.aggregate);
    Object.freeze(feature);
  });
  Object.freeze(group.features);
  if (group.ttl !== undefined) Object.freeze(group.ttl);
  return Object.freeze(group);
}
