/**
 * Validation of a {@link TableDefinition} from `stacks/config.ts` against DynamoDB's limits, so a
 * bad definition fails at `cdk synth` naming the field, not at deploy time.
 */
import type { IConstruct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../config';
import { checkOneOf, checkPattern, invalid } from '../prop-checks';

/** Table and index names: 3-255 of letters, digits, `_`, `.` and `-`. */
const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
const NAME_EXPECTED = '3-255 characters of a-z, A-Z, 0-9, "_", "." and "-"';
/** Attribute names used as keys or TTL: 1-255 characters. */
const ATTRIBUTE_NAME = /^.{1,255}$/s;
/** The scalar types a key attribute may have. */
const KEY_TYPES = ['S', 'N', 'B'] as const;
/** The projections an index may use. */
const PROJECTIONS = ['ALL', 'KEYS_ONLY'] as const;

/**
 * Throws {@link InvalidPropError} naming `${prop}.<field>` if any field of `definition` is out of
 * range: the table and index names, each key's name and type, an attribute given two types by
 * different keys, and a TTL attribute that is also a key.
 *
 * @param scope the stack or construct the definition was passed to
 * @param prop the prop holding the definition, e.g. `reportsTable`
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
 */
export function checkTableDefinition(scope: IConstruct, prop: string, definition: TableDefinition): void {
  checkPattern(scope, `${prop}.tableName`, definition.tableName, TABLE_NAME, NAME_EXPECTED);
  const types = new Map<string, string>();
  const checkKey = (field: string, key: KeyAttribute | undefined): void => {
    if (key === undefined) return;
    checkPattern(scope, `${field}.name`, key.name, ATTRIBUTE_NAME, 'an attribute name of 1-255 characters');
    checkOneOf(scope, `${field}.type`, key.type, KEY_TYPES);
    const seen = types.get(key.name);
    if (seen !== undefined && seen !== key.type) {
      throw invalid(scope, `${field}.type`, key.type, `${seen}, the type another key gives attribute "${key.name}"`);
    }
    types.set(key.name, key.type);
  };
  checkKey(`${prop}.partitionKey`, definition.partitionKey);
  checkKey(`${prop}.sortKey`, definition.sortKey);
  (definition.globalSecondaryIndexes ?? []).forEach((index, i) => {
    const at = `${prop}.globalSecondaryIndexes[${i}]`;
    checkPattern(scope, `${at}.indexName`, index.indexName, TABLE_NAME, NAME_EXPECTED);
    checkKey(`${at}.partitionKey`, index.partitionKey);
    checkKey(`${at}.sortKey`, index.sortKey);
    if (index.projection !== undefined) checkOneOf(scope, `${at}.projection`, index.projection, PROJECTIONS);
  });
  const ttl = definition.timeToLiveAttribute;
  if (ttl !== undefined) {
    checkPattern(scope, `${prop}.timeToLiveAttribute`, ttl, ATTRIBUTE_NAME, 'an attribute name of 1-255 characters');
    if (types.has(ttl)) throw invalid(scope, `${prop}.timeToLiveAttribute`, ttl, 'an attribute that is not a key');
  }
}
