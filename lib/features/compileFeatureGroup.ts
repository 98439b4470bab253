import type { FeatureAggregate, FeatureGroupDeclaration, FeatureType } from '../../schemas/feature-group-declaration';
import type { EventKind, ValueName } from './readEventFacts';
import { UnsupportedFeatureError } from './errors';
import { parseWindow } from './parseWindow';

/** A windowed feature, ready to compute. */
export interface WindowedFeature {
  readonly name: string;
  readonly type: FeatureType;
  readonly windowMs: number;
  readonly op: 'count' | 'sum' | 'distinct';
  readonly events: FeatureAggregate['events'];
  /** Where its value sits in an entry's values, or -1 for a count. */
  readonly valueIndex: number;
  /** Its tile in ms when the group keeps tiles (see {@link CompiledFeatureGroup.tiled}), else null. */
  readonly resolutionMs: number | null;
}

/** A point feature: the value of the latest event (that has one, for `latestPresent`). */
export interface PointFeature {
  readonly name: string;
  readonly type: FeatureType;
  readonly op: 'latest' | 'latestPresent';
  readonly value: ValueName;
}

/** A feature group as the streaming computation runs it, derived from its declaration. */
export interface CompiledFeatureGroup {
  readonly declaration: FeatureGroupDeclaration;
  readonly name: string;
  readonly recordIdentifier: string;
  readonly eventTimeFeature: string;
  readonly windowed: readonly WindowedFeature[];
  readonly point: readonly PointFeature[];
  /** The values an entry keeps, in order: those the windowed aggregates read. */
  readonly entryValues: readonly ValueName[];
  /** For each event kind, which of {@link entryValues} an entry of that kind needs. */
  readonly valuesByKind: Readonly<Record<EventKind, readonly boolean[]>>;
  /** The longest window: entries older than this before the entity's latest event count nowhere. */
  readonly maxWindowMs: number;
  /**
   * Whether the entity's state keeps a count or sum per feature and tile (bounded, whatever the
   * traffic; see mergeTiledState) instead of one entry per event: when every windowed feature
   * declares a `resolution`.
   */
  readonly tiled: boolean;
}

const KINDS: readonly EventKind[] = ['page_view', 'link_click', 'add_to_cart', 'transaction', 'transaction_item', 'other'];

/**
 * Reads a feature group declaration into what the computation runs: every feature other than the
 * record identifier and the event time must declare an `aggregate`; a `resolution` must divide its
 * window, and be declared on every windowed feature of the group or on none.
 *
 * @throws UnsupportedFeatureError naming the group and the feature that breaks a rule.
 */
export function compileFeatureGroup(declaration: FeatureGroupDeclaration): CompiledFeatureGroup {
  const windowed: WindowedFeature[] = [];
  const point: PointFeature[] = [];
  const entryValues: ValueName[] = [];
  for (const feature of declaration.features) {
    if (feature.name === declaration.recordIdentifierFeatureName || feature.name === declaration.eventTimeFeatureName) continue;
    const a = feature.aggregate;
    if (a === undefined) throw new UnsupportedFeatureError(declaration.name, feature.name, 'declares no aggregate, so it cannot be computed from events');
    if (a.op === 'latest' || a.op === 'latestPresent') {
      point.push({ name: feature.name, type: feature.type, op: a.op, value: a.value! });
      continue;
    }
    let valueIndex = -1;
    if (a.value !== undefined) {
      valueIndex = entryValues.indexOf(a.value);
      if (valueIndex < 0) valueIndex = entryValues.push(a.value) - 1;
    }
    const windowMs = parseWindow(feature.window!);
    const resolutionMs = feature.resolution === undefined ? null : parseWindow(feature.resolution);
    if (resolutionMs !== null && windowMs % resolutionMs !== 0) throw new UnsupportedFeatureError(declaration.name, feature.name, `its resolution ${feature.resolution} does not divide its window ${feature.window}`);
    if (resolutionMs !== null && a.op === 'distinct') throw new UnsupportedFeatureError(declaration.name, feature.name, 'a distinct count cannot be kept in tiles: leave out its resolution');
    windowed.push({ name: feature.name, type: feature.type, windowMs, op: a.op, events: a.events, valueIndex, resolutionMs });
  }
  const tiled = windowed.some((f) => f.resolutionMs !== null);
  const untiled = windowed.find((f) => f.resolutionMs === null);
  if (tiled && untiled !== undefined) throw new UnsupportedFeatureError(declaration.name, untiled.name, 'declares no resolution while others of its group do: declare one on every windowed feature or on none');
  const valuesByKind = Object.fromEntries(
    KINDS.map((kind) => [kind, entryValues.map((_, i) => windowed.some((f) => f.valueIndex === i && (f.events === 'any' || f.events === kind)))]),
  ) as Record<EventKind, boolean[]>;
  return {
    declaration,
    name: declaration.name,
    recordIdentifier: declaration.recordIdentifierFeatureName,
    eventTimeFeature: declaration.eventTimeFeatureName,
    windowed,
    point,
    entryValues,
    valuesByKind,
    maxWindowMs: Math.max(0, ...windowed.map((f) => f.windowMs)),
    tiled,
  };
}
