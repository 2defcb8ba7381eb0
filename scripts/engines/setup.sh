#!/usr/bin/env bash
# Installs what the SQL-engine tests (test/engines/) run besides the embedded DuckDB:
#   - a Java runtime (Debian openjdk-17-jre-headless) and pyspark (Python registry) in a venv,
#     for Spark in local mode (test/engines/spark.test.ts);
#   - PostgreSQL's server from Debian (postgresql), started by test/engines/postgres.test.ts as
#     an unprivileged cluster in a temporary folder.
#
# Idempotent and quick when everything is there: Debian packages are installed only when
# missing, pyspark only when its marker file is absent. Everything lands outside the repository:
#   ${COMP_ENGINES_CACHE:-$HOME/.cache/comp-engines}/venv      python with pyspark
#   ${COMP_ENGINES_CACHE:-$HOME/.cache/comp-engines}/status    what is usable, and why not
#
# It never fails the test run because a registry cannot be reached: it says so loudly here and
# writes the reason to the status file, and the engine tests report it in a test named
# "SKIPPED: ..." with that reason (never a silent skip).
set -uo pipefail

PYSPARK_VERSION="${COMP_PYSPARK_VERSION:-3.5.5}"
CACHE="${COMP_ENGINES_CACHE:-$HOME/.cache/comp-engines}"
VENV="$CACHE/venv"
MARKER="$VENV/.pyspark-$PYSPARK_VERSION"
STATUS="$CACHE/status"
APT_PACKAGES=(openjdk-17-jre-headless postgresql)

start=$(date +%s)
log() { printf '[engines-setup %3ss] %s\n' "$(( $(date +%s) - start ))" "$*" >&2; }
loud() {
  printf '\n[engines-setup] ************************************************************\n' >&2
  printf '[engines-setup] * %s\n' "$@" >&2
  printf '[engines-setup] ************************************************************\n\n' >&2
}

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9   # two concurrent runs must not build the same venv

apt_reason=""
# ---------------------------------------------------------------- Debian packages
# shellcheck source=../lib/debian.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/debian.sh"
mapfile -t missing < <(missing_debian_packages "${APT_PACKAGES[@]}")
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
  fi
  if [ "$(id -u)" != 0 ] && [ -z "$SUDO" ]; then
    apt_reason="not root and no sudo: cannot apt-get install ${missing[*]}"
  else
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! out=$( { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } 2>&1 ); then
      apt_reason="apt-get install ${missing[*]} failed: $(printf '%s' "$out" | grep -E '^(E|W):' | tail -2 | tr '\n' ' ')"
    fi
  fi
  [ -n "$apt_reason" ] && loud "$apt_reason"
else
  log "Debian packages already installed: ${APT_PACKAGES[*]}"
fi

# ---------------------------------------------------------------- Java
java_bin=""
if command -v java >/dev/null && java -version >/dev/null 2>&1; then
  java_bin="$(readlink -f "$(command -v java)")"
  log "java: $(java -version 2>&1 | head -1)"
fi

# ---------------------------------------------------------------- PostgreSQL
pg_bin=""
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && pg_bin="$d"
done
if [ -n "$pg_bin" ]; then
  log "postgres: $("$pg_bin/postgres" --version)"
else
  pg_reason="no PostgreSQL server binaries in /usr/lib/postgresql/*/bin${apt_reason:+ ($apt_reason)}"
  loud "$pg_reason"
fi
psql_bin="$(command -v psql || true)"

# ---------------------------------------------------------------- pyspark
spark_reason=""
# A registry that could not be reached is asked again only after RETRY_HOURS (or with
# COMP_ENGINES_RETRY=1), so that every `npm test` stays quick on a machine without it.
RETRY_HOURS="${COMP_ENGINES_RETRY_HOURS:-6}"
last_fail=""
if [ -f "$STATUS" ] && grep -q '^spark=unavailable' "$STATUS" && grep -q "^spark_tried=$PYSPARK_VERSION " "$STATUS"; then
  last_fail=$(grep '^spark_tried=' "$STATUS" | cut -d' ' -f2)
fi
if [ -f "$MARKER" ] && "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
  log "pyspark $PYSPARK_VERSION already installed in $VENV"
elif [ -n "$last_fail" ] && [ "${COMP_ENGINES_RETRY:-0}" != 1 ] && (( $(date +%s) - last_fail < RETRY_HOURS * 3600 )); then
  spark_reason="$(grep '^spark_reason=' "$STATUS" | cut -d= -f2-) (last tried $(( ($(date +%s) - last_fail) / 60 )) min ago; COMP_ENGINES_RETRY=1 tries again now)"
  spark_tried="$PYSPARK_VERSION $last_fail"
else
  log "installing pyspark $PYSPARK_VERSION into $VENV"
  rm -rf "$VENV"
  if ! out=$(python3 -m venv "$VENV" 2>&1); then
    spark_reason="python3 -m venv failed: $(printf '%s' "$out" | tail -1)"
  elif ! out=$(timeout 900 "$VENV/bin/pip" install --retries 1 --timeout 30 --no-input --disable-pip-version-check "pyspark==$PYSPARK_VERSION" 2>&1); then
    # the last line of pip's answer says why (no route to the registry, no such version...)
    why=$(printf '%s' "$out" | grep -E '^ERROR' | tail -1)
    net=$(printf '%s' "$out" | grep -oE '\[Errno [-0-9]+\] [^'"'"'")]*' | tail -1)
    spark_reason="pip install pyspark==$PYSPARK_VERSION failed: ${why:-$(printf '%s' "$out" | tail -1)}${net:+ (the Python registry is unreachable: $net)}"
    spark_tried="$PYSPARK_VERSION $(date +%s)"
    rm -rf "$VENV"
  else
    date -u +%FT%TZ > "$MARKER"
    log "pyspark $PYSPARK_VERSION installed"
  fi
fi
if [ -z "$spark_reason" ] && [ -z "$java_bin" ]; then
  spark_reason="no Java runtime (openjdk-17-jre-headless)${apt_reason:+: $apt_reason}"
fi
[ -n "$spark_reason" ] && loud "Spark tests cannot run on this machine: $spark_reason" \
  "test/engines/spark.test.ts will report it in a test named 'SKIPPED: ...'"

# ---------------------------------------------------------------- status for the tests
tmp="$STATUS.$$"
{
  echo "checked=$(date -u +%FT%TZ)"
  if [ -z "$spark_reason" ]; then
    echo "spark=ok"
    echo "spark_python=$VENV/bin/python"
    echo "spark_version=$PYSPARK_VERSION"
    echo "java=$java_bin"
  else
    echo "spark=unavailable"
    echo "spark_reason=${spark_reason% (last tried*}"
    [ -n "${spark_tried:-}" ] && echo "spark_tried=$spark_tried"
  fi
  if [ -n "$pg_bin" ] && [ -n "$psql_bin" ]; then
    echo "postgres=ok"
    echo "postgres_bin=$pg_bin"
    echo "psql=$psql_bin"
  else
    echo "postgres=unavailable"
    echo "postgres_reason=${pg_reason:-no psql client}"
  fi
} > "$tmp" && mv "$tmp" "$STATUS"
log "status written to $STATUS"
log "done in $(( $(date +%s) - start ))s"
exit 0
