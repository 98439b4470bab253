import { z } from 'zod';
import { DeletionMode } from '../constants';
import { ValidationError } from '../errors';
import type { FeatureStore } from '../FeatureStore';
import { DeletionModeSchema, FeatureGroupNameSchema, TargetStoresSchema, ValueAsStringSchema } from '../inputSchemas';
import { parseEventTime } from '../parseEventTime';
import { resolveTargetStores } from '../resolveTargetStores';
import type { OnlineRecord } from '../types';
import { invalidEventTimeMessage, isValidValue } from '../validateRecord';

/** DeleteRecord's input: the group from the path, the rest from the query string. */
export const DeleteRecordInputSchema = z.object({
  FeatureGroupName: FeatureGroupNameSchema,
  RecordIdentifierValueAsString: ValueAsStringSchema,
  EventTime: z.string().max(358_400),
  TargetStores: TargetStoresSchema.optional(),
  DeletionMode: DeletionModeSchema.optional(),
});

/** DeleteRecord's input, validated. */
export type DeleteRecordInput = z.infer<typeof DeleteRecordInputSchema>;

/**
 * DeleteRecord. SoftDelete (the default) blanks the online record when the delete's EventTime
 * is later than the record's, else leaves it; HardDelete removes it, and is a ValidationError
 * when its EventTime is not later. Either way a marker row (features null, `is_deleted` true,
 * the delete's EventTime) goes to the offline store, except for a rejected HardDelete.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_DeleteRecord.html
 */
export async function deleteRecord(store: FeatureStore, input: DeleteRecordInput): Promise<Record<string, never>> {
  const apiInvocationTimeMs = store.now();
  const group = store.group(input.FeatureGroupName);
  const targets = resolveTargetStores(group, input.TargetStores);
  const name = group.declaration.name;
  const recordId = input.RecordIdentifierValueAsString;
  if (recordId === '' || !isValidValue(group.recordIdentifier.type, recordId)) {
    throw new ValidationError(`The value '${recordId}' of RecordIdentifier ${group.recordIdentifier.name} is not a valid ${group.recordIdentifier.type}.`);
  }
  const eventTimeMs = parseEventTime(input.EventTime, group.eventTime.type);
  if (eventTimeMs === undefined) throw new ValidationError(invalidEventTimeMessage(group, input.EventTime));

  let online: OnlineRecord | null | undefined;
  if (targets.online) {
    const current = store.read(name, recordId);
    const later = current === undefined || eventTimeMs > current.eventTimeMs;
    if ((input.DeletionMode ?? DeletionMode.SoftDelete) === DeletionMode.HardDelete) {
      if (!later) {
        throw new ValidationError(
          `The EventTime ${input.EventTime} of the HardDelete must be later than the EventTime ${current!.eventTime} of the record ${recordId} in the OnlineStore.`,
        );
      }
      online = null;
    } else if (later) {
      online = { eventTime: input.EventTime, eventTimeMs, features: null, expiresAtMs: null };
    }
  }
  const offline = targets.offline
    ? {
        values: { [group.recordIdentifier.name]: recordId, [group.eventTime.name]: input.EventTime },
        eventTimeMs,
        apiInvocationTimeMs,
        isDeleted: true,
      }
    : undefined;
  if (online !== undefined || offline !== undefined) await store.write({ group: name, recordId, online, offline });
  return {};
}
