/** Generators of the lake's Glue catalog and merge SQL, derived from the schemas. */
export { CHANGE_SEQUENCE_LENGTH, CURRENT_PREFIX, DMS_COLUMNS, EVENTS_PREFIX, GLUE_TABLE_NAMES, LAKE_DATABASE, LANDING_PREFIX, PSEUDONYM_FUNCTION } from './constants';
export { GLUE_TYPES } from './glueTypes';
export { currentTableColumns, shopGlueColumns } from './shopColumns';
export { personalColumns, personalColumnsJson, pseudonymisedColumn } from './personalColumns';
export { EVENT_GLUE_TYPES, EVENTS_PARTITION, eventsColumns } from './eventsColumns';
export { lakeTables, type LakeTableDefinition, type LakeTablesOptions } from './lakeTables';
export { MERGE_INPUTS, MERGE_TEMPLATE_FIELDS, mergeSqlFileName, renderMergeSql } from './mergeSql';
export type { GlueColumn } from './types';
