"""Snowline's Glue job: merges the raw DMS files into the lake's current-state Iceberg tables.

--merge_sql lists table=s3://... pairs: for each table, the S3 copy of its merge SQL, which is
glue-jobs/merge.sql with the table's columns filled in from schemas/shop.ts at `cdk synth`
(renderMergeSql in lib/catalog): the same SQL that DuckDB runs locally (local/glue/mergeLake.ts).
The job reads every raw Parquet file under s3://<--lake_bucket>/raw/shop/public/<table>/ and runs
that SQL as an Iceberg MERGE INTO; only the two table placeholders are filled here.
"""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "lake_bucket", "database", "merge_sql"])
glue_context = GlueContext(SparkContext.getOrCreate())
spark = glue_context.spark_session
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

for pair in args["merge_sql"].split(","):
    table, sql_uri = pair.split("=", 1)
    template = spark.read.text(sql_uri, wholetext=True).first()[0]
    raw = spark.read.parquet(f"s3://{args['lake_bucket']}/raw/shop/public/{table}/")
    raw.createOrReplaceTempView(f"changes_{table}")
    sql = template.replace("{{changes}}", f"changes_{table}").replace(
        "{{current}}", f"glue_catalog.{args['database']}.{table}"
    )
    spark.sql(sql)

job.commit()
