/**
 * The analysts' Athena workgroup and one named query per file of `queries/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as athena from 'aws-cdk-lib/aws-athena';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { type AthenaTable, placeholdersOf, toAthena } from '../../lib/queries';
import { checkInteger, checkPattern } from '../prop-checks';

/** The analysts' queries, from the repository root. */
export const QUERIES_DIR = fileURLToPath(new URL('../../queries/', import.meta.url));

/** Props of {@link LakeAthena}. */
export interface LakeAthenaProps {
  /** The workgroup's name. 1-128 of `[a-zA-Z0-9._-]`. @default 'snowline' */
  readonly workGroupName?: string;
  /** Where query results go (the Athena results bucket). */
  readonly resultsBucket: s3.IBucket;
  /** Encrypts the results (SSE-KMS). */
  readonly encryptionKey: kms.IKey;
  /** Queries scanning more than this many bytes are cancelled. Range >= 10 MB (10,000,000). @default 10 GiB */
  readonly bytesScannedCutoffPerQuery?: number;
  /** The database queries run in by default. */
  readonly databaseName: string;
  /** The Glue table of each `{{name}}` the queries use. */
  readonly tables: Readonly<Record<string, AthenaTable>>;
  /** The folder of `.sql` files to name. @default QUERIES_DIR (queries/) */
  readonly queriesDir?: string;
}

/**
 * An Athena (engine 3) workgroup whose settings override the client's: results in the results
 * bucket encrypted with the lake key, a bytes-scanned limit per query, CloudWatch metrics on; and
 * one named query per `.sql` file of `queries/`, translated by `toAthena` (each `{{name}}` becomes
 * its Glue table). A file naming an input `tables` lacks is left out and listed in `skipped`.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html
 */
export class LakeAthena extends Construct {
  /** The workgroup. */
  readonly workGroup: athena.CfnWorkGroup;
  /** The named queries, by file name without `.sql`. */
  readonly namedQueries: ReadonlyMap<string, athena.CfnNamedQuery>;
  /** Query files left out, with the inputs they lack. */
  readonly skipped: ReadonlyMap<string, readonly string[]>;

  constructor(scope: Construct, id: string, props: LakeAthenaProps) {
    super(scope, id);
    const name = props.workGroupName ?? 'snowline';
    checkPattern(this, 'workGroupName', name, /^[a-zA-Z0-9._-]{1,128}$/, '1-128 of [a-zA-Z0-9._-]');
    const cutoff = props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3;
    checkInteger(this, 'bytesScannedCutoffPerQuery', cutoff, { min: 10_000_000, unit: 'bytes' });
    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name,
      description: 'Snowline: analysts querying the lake',
      state: 'ENABLED',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: cutoff,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: props.resultsBucket.s3UrlForObject('results/'),
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: props.encryptionKey.keyArn },
        },
      },
    });
    const dir = props.queriesDir ?? QUERIES_DIR;
    const named = new Map<string, athena.CfnNamedQuery>();
    const skipped = new Map<string, string[]>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      const sql = readFileSync(join(dir, file), 'utf8');
      const queryName = basename(file, '.sql');
      const missing = placeholdersOf(sql).filter((input) => !Object.hasOwn(props.tables, input));
      if (missing.length > 0) {
        skipped.set(queryName, missing);
        continue;
      }
      const query = new athena.CfnNamedQuery(this, queryName, {
        name: queryName,
        description: firstCommentLine(sql) ?? `queries/${file}`,
        database: props.databaseName,
        workGroup: name,
        queryString: toAthena(sql, props.tables),
      });
      query.node.addDependency(this.workGroup);
      named.set(queryName, query);
    }
    this.namedQueries = named;
    this.skipped = skipped;
  }
}

/** The text of a query's first `--` comment line, cut to Athena's 1,024-character description. */
function firstCommentLine(sql: string): string | undefined {
  const line = sql.split('\n').find((l) => /^--\s*\S/.test(l));
  return line?.replace(/^--\s*/, '').slice(0, 1024);
}
