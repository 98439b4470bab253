"""Snowline's Glue job: merges the DMS files of the landing zone into the lake's current-state Iceberg tables.

--merge_sql lists table=s3://... pairs: for each table, the S3 copy of its merge SQL, which is
glue-jobs/merge.sql with the table's columns filled in from schemas/shop.ts at `cdk synth`
(renderMergeSql in lib/catalog): the same SQL that DuckDB runs locally (local/glue/mergeLake.ts).
The job reads every raw Parquet file under <--landing_path><table>/ (the landing bucket, outside
the lake: DMS writes personal values in clear there), replaces each value of the table's personal
columns (--personal_columns, JSON, from schemas/shop.ts) by its pseudonym (the function
--pseudonym_function, HMAC-SHA256 under the key in the Secrets Manager secret
--pseudonymisation_secret_arn, as the events archive's), and runs that SQL as an Iceberg MERGE
INTO; only the two table placeholders are filled here. The key never reaches the SQL or the logs.
Landed files expire (7 days by default), so a table without changes for that long has no files: it
is skipped, its Iceberg table unchanged.
"""
import json
import sys

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql.types import StringType
from pyspark.sql.utils import AnalysisException

from pseudonym import check_key, make_pseudonym

args = getResolvedOptions(
    sys.argv,
    ["JOB_NAME", "landing_path", "database", "merge_sql", "personal_columns", "pseudonym_function", "pseudonymisation_secret_arn"],
)
glue_context = GlueContext(SparkContext.getOrCreate())
spark = glue_context.spark_session
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

secret_arn = args["pseudonymisation_secret_arn"]
key = check_key(boto3.client("secretsmanager").get_secret_value(SecretId=secret_arn)["SecretString"], secret_arn)
spark.udf.register(args["pseudonym_function"], make_pseudonym(key), StringType())
personal = json.loads(args["personal_columns"])

for pair in args["merge_sql"].split(","):
    table, sql_uri = pair.split("=", 1)
    template = spark.read.text(sql_uri, wholetext=True).first()[0]
    try:
        landed = spark.read.parquet(f"{args['landing_path']}{table}/")
    except AnalysisException as error:
        # Every landed file of the table has expired: nothing changed it since, nothing to merge.
        if "PATH_NOT_FOUND" in str(error) or "Path does not exist" in str(error) or "UNABLE_TO_INFER_SCHEMA" in str(error):
            print(f"{table}: no landed files, its table is unchanged")
            continue
        raise
    pseudonymised = landed.selectExpr(
        *[f"{args['pseudonym_function']}({c}) AS {c}" if c in personal.get(table, []) else c for c in landed.columns]
    )
    pseudonymised.createOrReplaceTempView(f"changes_{table}")
    sql = template.replace("{{changes}}", f"changes_{table}").replace(
        "{{current}}", f"glue_catalog.{args['database']}.{table}"
    )
    spark.sql(sql)

job.commit()
