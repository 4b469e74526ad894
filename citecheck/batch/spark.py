"""The batch job on Apache Spark (pyspark), for clusters; local mode on one machine.

The same steps as on DuckDB with the same code: `job.parse_line` and `job.reference_keys` run in
the executors (mapPartitions), `job.CANDIDATES_SQL` runs as Spark SQL, `job.verdict_row` judges
each reference in the executors. Output is a directory of part files (Spark's way: each executor
writes its own), JSON lines, CSV or Parquet, with the same columns as DuckDB's.

On one machine the session binds to loopback only (SPARK_LOCAL_IP, spark.driver.host and
spark.driver.bindAddress = 127.0.0.1, no web UI): nothing it starts listens on or talks to any
other address. On a cluster, pass ``master`` (e.g. ``yarn``, ``spark://host:7077``) and install
citecheck on the executors (or ship it with ``--py-files``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from citecheck.batch.job import CANDIDATES_SQL, CSV_LIST_SEPARATOR, MalformedLine, parse_line, reference_keys, verdict_row
from citecheck.index.store import KEYS_DIR, RECORDS_DIR

LOOPBACK = "127.0.0.1"
#: Shuffle partitions per core: Spark's default of 200 is made for clusters and costs seconds of
#: task overhead on a small local job.
SHUFFLE_PARTITIONS_PER_CORE = 4


def local_session(cores: int = 2, memory: str = "2g", master: str | None = None):
    """A SparkSession: local[cores] bound to loopback, or `master` when given."""
    from pyspark.sql import SparkSession

    local = master is None
    if local:
        os.environ["SPARK_LOCAL_IP"] = LOOPBACK
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.appName("citecheck-batch")
        .master(master or f"local[{cores}]")
        .config("spark.sql.shuffle.partitions", str(max(2, cores * SHUFFLE_PARTITIONS_PER_CORE)))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", memory)
        .config("spark.sql.adaptive.enabled", "true")
    )
    if local:
        builder = (builder.config("spark.driver.host", LOOPBACK).config("spark.driver.bindAddress", LOOPBACK)
                   .config("spark.blockManager.port", "0"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _parse_partition(lines):
    # Malformed lines are counted and reported by the driver before the job (job.tally_inputs).
    for row in lines:
        try:
            parsed = parse_line(row.value)
        except MalformedLine:
            continue
        if parsed is not None:
            yield parsed


def _keys_partition(refs):
    for ref_id, text in refs:
        for key in reference_keys(text):
            yield ref_id, key


def _judge(item):
    ref_id, (text, cands) = item
    return verdict_row(ref_id, text, [(c[0], c[1], c[2]) for c in (cands or [])])


def run_spark(inputs: list[Path], index_dir: Path, output: Path, *, cores: int = 2, memory: str = "2g",
              master: str | None = None, fmt: str = "jsonl", spark=None) -> dict[str, int]:
    """Verify the JSONL references in `inputs` against the index; write verdicts under `output` (a directory
    of JSON lines, CSV or Parquet parts, as `fmt` says).

    Returns the count of each verdict.
    """
    from pyspark.sql import Row
    from pyspark.sql.types import ArrayType, BooleanType, StringType, StructField, StructType

    own = spark is None
    spark = spark or local_session(cores, memory, master)
    try:
        lines = spark.read.text([str(p) for p in inputs])
        refs = lines.rdd.mapPartitions(_parse_partition)
        refs_df = refs.toDF(StructType([StructField("ref_id", StringType()), StructField("reference", StringType())]))
        refs_df.createOrReplaceTempView("refs")
        refs.mapPartitions(_keys_partition).toDF(
            StructType([StructField("ref_id", StringType()), StructField("key", StringType())])
        ).createOrReplaceTempView("ref_keys")
        spark.read.parquet(str(index_dir / KEYS_DIR)).createOrReplaceTempView("work_keys")
        spark.read.parquet(str(index_dir / RECORDS_DIR)).createOrReplaceTempView("records")
        spark.sql(CANDIDATES_SQL).createOrReplaceTempView("cand")
        grouped = spark.sql(
            "SELECT f.ref_id, f.reference, collect_list(struct(c.rk, c.by_doi, r.message)) AS cands "
            "FROM refs f LEFT JOIN cand c ON f.ref_id = c.ref_id LEFT JOIN records r ON c.doi = r.doi "
            "GROUP BY f.ref_id, f.reference"
        )
        verdicts = grouped.rdd.map(lambda row: _judge((row.ref_id, (row.reference, [tuple(c) for c in row.cands if c.message is not None]))))
        schema = StructType([
            StructField("id", StringType()), StructField("reference", StringType()), StructField("verdict", StringType()),
            StructField("reason", StringType()), StructField("doi", StringType()), StructField("title", StringType()),
            StructField("wrong_fields", ArrayType(StringType())), StructField("retracted", BooleanType()),
            StructField("nearest_doi", StringType()),
        ])
        df = spark.createDataFrame(verdicts.map(lambda d: Row(**d)), schema).cache()
        writer = df.write.mode("overwrite")
        if fmt == "parquet":
            writer.parquet(str(output))
        elif fmt == "csv":
            # CSV has no lists: the wrong fields are one cell, as on DuckDB (job.csv_cells); quotes
            # doubled as RFC 4180 has it, not Spark's default backslash.
            from pyspark.sql.functions import concat_ws

            (df.withColumn("wrong_fields", concat_ws(CSV_LIST_SEPARATOR, "wrong_fields")).write.mode("overwrite")
             .option("header", "true").option("escape", '"').csv(str(output)))
        else:
            writer.option("ignoreNullFields", "false").json(str(output))
        counts = {r["verdict"]: r["count"] for r in df.groupBy("verdict").count().collect()}
        df.unpersist()
        return counts
    finally:
        if own:
            spark.stop()
