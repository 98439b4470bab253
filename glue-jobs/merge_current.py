"""Snowline's Glue job: merges the raw DMS files into the lake's current-state Iceberg tables.

For each table in --tables it reads every raw Parquet file under
s3://<--lake_bucket>/raw/shop/public/<table>/ and runs merge_<table>.sql as an Iceberg MERGE INTO.
Those files are glue-jobs/merge.sql with the table's columns filled in from schemas/shop.ts at
`cdk synth` (lib/catalog renderMergeSql, shipped with --extra-files): the same SQL that DuckDB
runs locally (local/glue/mergeLake.ts). Only the two table placeholders are filled here.
"""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "lake_bucket", "database", "tables"])
glue_context = GlueContext(SparkContext.getOrCreate())
spark = glue_context.spark_session
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

for table in args["tables"].split(","):
    with open(f"merge_{table}.sql", encoding="utf-8") as sql_file:
        template = sql_file.read()
    raw = spark.read.parquet(f"s3://{args['lake_bucket']}/raw/shop/public/{table}/")
    raw.createOrReplaceTempView(f"changes_{table}")
    sql = template.replace("{{changes}}", f"changes_{table}").replace(
        "{{current}}", f"glue_catalog.{args['database']}.{table}"
    )
    spark.sql(sql)

job.commit()
