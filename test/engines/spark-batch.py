#!/usr/bin/env python3
# Runs many plans' Spark SQL in ONE local Spark session (Spark's start-up costs seconds; the
# test suite runs dozens of plans). Each job is what `comp sql --dialect spark --driver` writes
# for a plan (its driver script and its SQL) and a folder of Parquet inputs; each job's rows go
# to its own JSON-lines file through the driver's own `run`, its failure to `<out>.error`.
#
#   python spark-batch.py jobs.json      jobs.json: [{"driver", "sql", "data", "out"}, ...]
import importlib.util
import json
import sys
import time
import traceback

from pyspark.sql import SparkSession


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    started = time.time()
    builder = (
        SparkSession.builder.master("local[2]")
        .appName("comp engine tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.memory", "1g")
    )
    spark = None
    for i, job in enumerate(jobs):
        driver = load(job["driver"], "comp_plan_%d" % i)
        if spark is None:
            spark = driver.session(builder)
            spark.sparkContext.setLogLevel("ERROR")
            print("spark %s session up in %.1fs" % (spark.version, time.time() - started), flush=True)
        t = time.time()
        try:
            driver.run(spark, job["data"], job["sql"], job["out"])
        except Exception:
            with open(job["out"] + ".error", "w", encoding="utf-8") as f:
                f.write(traceback.format_exc())
        print("%s %.2fs" % (job["out"], time.time() - t), flush=True)
    if spark is not None:
        spark.stop()
    print("spark batch: %d plans in %.1fs" % (len(jobs), time.time() - started), flush=True)


if __name__ == "__main__":
    main()
