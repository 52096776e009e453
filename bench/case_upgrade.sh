#!/bin/sh
# bench/case_upgrade.sh - case 3 of bench/run: `upgrade heads` from an empty
# database through N revisions (three real statements each), on SQLite and on
# PostgreSQL, against the floor (the same SQL and version-table statements,
# printed by `aludel upgrade heads --sql`, fed to `sqlite3` inside BEGIN/COMMIT
# / `psql -1`: one transaction, as aludel runs them; sqlite3 reading the
# script alone would commit, and sync, after every statement) and
# against Alembic 1.8 running the same statements as op.execute() revisions.
#
#   sh bench/case_upgrade.sh [N]      (default 1000)
#
# Environment as bench/run sets it: ALUDEL (the real binary, LD_LIBRARY_PATH
# set), BENCH_DIR, BENCH_RUNS. Prints table rows only (see bench/report.py).
# Every timed run starts from an empty database (hyperfine --prepare). After
# the runs, the three databases of each backend must hold the same tables and
# the same version rows, or the row says MISMATCH. PostgreSQL is a throwaway
# server (tests/pg-cluster.sh: Unix socket, fsync off, the same for all three).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/aludel-bench}
runs=${BENCH_RUNS:-5}
n=${1:-1000}
PY=/usr/bin/python3
: "${ALUDEL:?ALUDEL must name the aludel binary}"
ALUDEL_CACHE_DIR=${ALUDEL_CACHE_DIR-$dir/cache}
export ALUDEL_CACHE_DIR
say() { echo "case_upgrade.sh: $*" >&2; }
aruns=3 # Alembic takes seconds

proj="$dir/p$n"
[ -d "$proj" ] || $PY "$top/bench/gen_projects.py" "$proj" "$n" 1
nat="$proj/native/aludel.ini"
work="$dir/upgrade"
rm -rf "$work"
mkdir -p "$work"

# medians (4 decimals) in one hyperfine run of two commands, each after its
# preparation: PREPARE1 COMMAND1 PREPARE2 COMMAND2
medians() {
	hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/h.json" \
		--prepare "$1" --prepare "$3" "$2" "$4" >/dev/null 2>"$work/h.err" ||
		{ say "hyperfine failed: $(tail -3 "$work/h.err")"; echo "- -"; return; }
	$PY -c 'import json,sys; print(" ".join("%.4f" % r["median"] for r in json.load(open(sys.argv[1]))["results"]))' "$work/h.json"
}
one() { # RUNS PREPARE COMMAND: the median of one command
	hyperfine -N --warmup 1 --runs "$1" --export-json "$work/h.json" --prepare "$2" "$3" \
		>/dev/null 2>"$work/h.err" || { say "hyperfine failed: $(tail -3 "$work/h.err")"; echo "-"; return; }
	$PY -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$work/h.json"
}
peak() {
	/usr/bin/time -f %M sh -c "$1 >/dev/null 2>&1" 2>&1 | tail -1 | awk '{printf "%.1f", $1/1024}'
}
ratio() { $PY -c 'import sys; a,b=sys.argv[1:]; print("-" if "-" in (a,b) or float(b)==0 else "%.2fx" % (float(a)/float(b)))' "$1" "$2"; }

# an Alembic project pointing at URL (a copy of the generated ini)
alembic_ini() { # URL FILE
	sed "s|^sqlalchemy.url = .*|sqlalchemy.url = $1|; s|%(here)s/migrations|$proj/alembic/migrations|" \
		"$proj/alembic/alembic.ini" >"$2"
}

# ---- SQLite ----
say "SQLite, $n revisions"
db_a="$work/aludel.db" db_f="$work/floor.db" db_b="$work/alembic.db"
"$ALUDEL" -c "$nat" --url "sqlite:///$db_a" heads >/dev/null # warm the header cache
"$ALUDEL" -c "$nat" --url "sqlite:///$db_f" upgrade heads --sql >"$work/sqlite.sql"
alembic_ini "sqlite:///$db_b" "$work/alembic-sqlite.ini"
set -- $(medians "rm -f $db_a" "$ALUDEL -c $nat --url sqlite:///$db_a upgrade heads" \
	"rm -f $db_f" "sqlite3 $db_f BEGIN '.read $work/sqlite.sql' COMMIT")
a=$1 f=$2
b=$(one $aruns "rm -f $db_b" "$PY -m alembic -c $work/alembic-sqlite.ini upgrade heads")
mem=$(peak "rm -f $db_a; $ALUDEL -c $nat --url sqlite:///$db_a upgrade heads")
state() { # DB: tables and version rows
	sqlite3 "$1" "SELECT count(*) FROM sqlite_master WHERE type = 'table'; SELECT version_num FROM alembic_version ORDER BY 1;"
}
check=""
if [ "$(state "$db_a")" != "$(state "$db_f")" ] || [ "$(state "$db_a")" != "$(state "$db_b")" ]; then
	check=" MISMATCH"
	say "SQLite databases differ: aludel $(state "$db_a" | head -1) tables, floor $(state "$db_f" | head -1), Alembic $(state "$db_b" | head -1)"
fi
printf '| 3. upgrade heads, SQLite vs sqlite3 in one transaction (floor)%s | %s | %s | %s | %s of floor | %s |\n' "$check" "$n" "$a" "$f" "$(ratio "$a" "$f")" "$mem"
printf '| 3. upgrade heads, SQLite vs Alembic 1.8%s | %s | %s | %s | %s | %s |\n' "$check" "$n" "$a" "$b" "$(ratio "$b" "$a")" "$mem"

# ---- PostgreSQL ----
pg="$work/pg"
if ! command -v psql >/dev/null || ! sh "$top/tests/pg-cluster.sh" start "$pg" $$ >/dev/null 2>"$work/pg.err"; then
	say "no PostgreSQL server: $(cat "$work/pg.err" 2>/dev/null)"
	printf '| 3. upgrade heads, PostgreSQL: no server (%s) | %s | - | - | - | - |\n' "see stderr" "$n"
	exit 0
fi
trap 'sh "$top/tests/pg-cluster.sh" stop "$pg" >/dev/null 2>&1' EXIT
say "PostgreSQL, $n revisions"
sock=$(cd "$pg" && pwd)
url() { echo "postgresql:///$1?host=$sock&user=postgres"; }
psql_admin="psql -X -q -h $sock -U postgres -d postgres"
for d in b_aludel b_floor b_alembic; do $psql_admin -c "CREATE DATABASE $d"; done
reset() { echo "$psql_admin -c 'DROP DATABASE IF EXISTS $1' -c 'CREATE DATABASE $1'"; }
"$ALUDEL" -c "$nat" --url "$(url b_floor)" upgrade heads --sql >"$work/pg.sql"
alembic_ini "postgresql://postgres@/b_alembic?host=$sock" "$work/alembic-pg.ini"
set -- $(medians "$(reset b_aludel)" "$ALUDEL -c $nat --url $(url b_aludel) upgrade heads" \
	"$(reset b_floor)" "psql -X -q -1 -v ON_ERROR_STOP=1 -h $sock -U postgres -d b_floor -f $work/pg.sql")
a=$1 f=$2
b=$(one $aruns "$(reset b_alembic)" "$PY -m alembic -c $work/alembic-pg.ini upgrade heads")
mem=$(peak "$(reset b_aludel); $ALUDEL -c $nat --url '$(url b_aludel)' upgrade heads")
pstate() { # DB
	psql -X -At -h "$sock" -U postgres -d "$1" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" \
		-c "SELECT version_num FROM alembic_version ORDER BY 1"
}
check=""
if [ "$(pstate b_aludel)" != "$(pstate b_floor)" ] || [ "$(pstate b_aludel)" != "$(pstate b_alembic)" ]; then
	check=" MISMATCH"
	say "PostgreSQL databases differ: aludel $(pstate b_aludel | head -1) tables, floor $(pstate b_floor | head -1), Alembic $(pstate b_alembic | head -1)"
fi
printf '| 3. upgrade heads, PostgreSQL vs psql -1 (floor)%s | %s | %s | %s | %s of floor | %s |\n' "$check" "$n" "$a" "$f" "$(ratio "$a" "$f")" "$mem"
printf '| 3. upgrade heads, PostgreSQL vs Alembic 1.8%s | %s | %s | %s | %s | %s |\n' "$check" "$n" "$a" "$b" "$(ratio "$b" "$a")" "$mem"
