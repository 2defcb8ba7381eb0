// A small PySpark driver for `comp sql --dialect spark --driver FILE`: reads each plan table
// from Parquet with the plan's column types, registers it under the plan's name, runs the SQL
// file with exact decimal settings, and writes the result as CSV (or shows it).
//
// Settings (Spark SQL reference, "ANSI Compliance" and decimal operations):
//   spark.sql.ansi.enabled=true                          an overflow is an error, never NULL
//   spark.sql.decimalOperations.allowPrecisionLoss=false  products keep their scale, never rounded
import type { PlanIR } from '../../runtime/ir.js';
import { SPARK } from './dialect.js';

function py(s: string): string {
  return JSON.stringify(s);
}

export function sparkDriver(ir: PlanIR, sqlFile: string): string {
  const tables = ir.tables.map((t) => {
    const cols = t.fields.map((f) => `(${py(f.name)}, ${py(SPARK.columnType(f.type))})`);
    if (!t.key) cols.push(`("_row", "STRING")`);
    return `    ${py(t.name)}: [${cols.join(', ')}],`;
  });
  return `#!/usr/bin/env python3
# Runs the SQL that \`comp sql --dialect spark\` wrote for plan ${py(ir.name)} on Spark.
#
#   spark-submit ${'run_plan.py'} --data DIR [--sql ${sqlFile}] [--out result.csv]
#
# or, from Python with a session of your own: \`run(session(builder), DIR, SQL, OUT)\`.
#
# DIR holds one Parquet file or folder per plan table (deals.parquet or deals/), with the
# columns the plan declares; each is read, cast to the plan's types and registered as a view
# under the table's name. Decimals are exact: ANSI mode makes an overflow an error, and no
# decimal operation may lose precision.
import argparse
import csv
import datetime
import decimal
import json
import os

from pyspark.sql import SparkSession

TABLES = {
${tables.join('\n')}
}


def register(spark, data):
    for name, columns in TABLES.items():
        for candidate in (name + ".parquet", name):
            path = os.path.join(data, candidate)
            if os.path.exists(path):
                break
        else:
            raise SystemExit("no Parquet input for table %s in %s" % (name, data))
        frame = spark.read.parquet(path)
        frame.selectExpr(*["CAST(\`%s\` AS %s) AS \`%s\`" % (c, t, c) for c, t in columns]).createOrReplaceTempView(name)


def session(builder=None):
    """A Spark session with exact decimals (ANSI: an overflow is an error; no precision lost)."""
    builder = builder or SparkSession.builder.appName(${py(`comp: ${ir.name}`)})
    return (
        builder.config("spark.sql.ansi.enabled", "true")
        .config("spark.sql.decimalOperations.allowPrecisionLoss", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def plain(v):
    if v is None:
        return None
    if isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v)


def run(spark, data, sql, out=None):
    """Registers the plan's tables from DATA, runs the SQL file; writes CSV (.csv) or JSON lines (.jsonl), or shows the rows."""
    register(spark, data)
    with open(sql, encoding="utf-8") as f:
        query = f.read().strip().rstrip(";")
    result = spark.sql(query)
    if not out:
        result.show(truncate=False)
        return
    rows = result.collect()
    with open(out, "w", encoding="utf-8", newline="") as f:
        if out.endswith(".jsonl"):
            for r in rows:
                f.write(json.dumps({c: plain(v) for c, v in zip(result.columns, r)}) + "\\n")
        else:
            w = csv.writer(f)
            w.writerow(result.columns)
            for r in rows:
                w.writerow(["" if v is None else plain(v) for v in r])


def main():
    parser = argparse.ArgumentParser(description=${py(`plan ${ir.name} on Spark`)})
    parser.add_argument("--data", required=True, help="folder of Parquet tables")
    parser.add_argument("--sql", default=${py(sqlFile)}, help="the SQL written by comp sql --dialect spark")
    parser.add_argument("--out", help="write the result here: CSV (.csv) or JSON lines (.jsonl) instead of showing it")
    args = parser.parse_args()
    spark = session()
    run(spark, args.data, args.sql, args.out)
    spark.stop()


if __name__ == "__main__":
    main()
`;
}
