#!/bin/sh
# tests/kill_test.sh - kill -9 at random moments during upgrades, on SQLite and
# on a PostgreSQL server started here, with transactional revisions (one
# transaction for the run, or one per revision) and a Transactional: false
# one. After each kill the database is consistent, or reported exactly (the
# unfinished revision, after which statement); the next upgrade, with
# --resume, finishes. On PostgreSQL the killed session's lock is free within
# about a second, not when its statement would have ended.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
work=$(mktemp -d)
chmod 755 "$work" # the PostgreSQL server runs as another user
pgdir="$work/pg"
trap 'sh "$top_srcdir/tests/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1; rm -rf "$work"' EXIT
sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null || { echo "Bail out! could not start PostgreSQL"; exit 1; }
TRIALS=${KILL_TRIALS:-10}
seed=${KILL_SEED:-7}
# a repeatable sequence of delays (ms) below $span, from a small LCG (sets $delay)
next_delay() { seed=$(((seed * 1103515245 + 12345) % 2147483648)); delay=$(((seed / 65536) % span)); }

# rev id down transactional upgrade-sql downgrade-sql
mkrev() {
	{
		echo "-- $1"; echo "--"; echo "-- Revision ID: $1"; echo "-- Revises: $2"
		[ "$3" = no ] && echo "-- Transactional: false"
		echo; echo "-- migrate:upgrade"; printf '%s\n' "$4"; echo; echo "-- migrate:downgrade"; printf '%s\n' "$5"
	} >"migrations/versions/$1_r.sql"
}

for be in sqlite postgresql; do
	if [ $be = sqlite ]; then
		slow="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) SELECT count(*) FROM c;"
		span=1200 # the whole run takes about a second here
	else
		slow="SELECT pg_sleep(0.25);"
		span=1500
	fi
	dir="$work/$be"
	mkdir -p "$dir/migrations/versions" && cd "$dir" || exit 1
	mkrev k0000001 "" yes "CREATE TABLE t1 (id INTEGER);
INSERT INTO t1 VALUES (1);
$slow" "DROP TABLE t1;"
	mkrev k0000002 k0000001 yes "CREATE TABLE t2 (id INTEGER);
$slow
INSERT INTO t2 VALUES (2);" "DROP TABLE t2;"
	# statements made to be run again safely, as a resumed revision may run
	# again the statement it was killed in
	mkrev k0000003 k0000002 no "CREATE TABLE IF NOT EXISTS t3a (id INTEGER);
$slow
CREATE TABLE IF NOT EXISTS t3b (id INTEGER);
$slow
CREATE TABLE IF NOT EXISTS t3c (id INTEGER);" "DROP TABLE t3c;
DROP TABLE t3b;
DROP TABLE t3a;"
	mkrev k0000004 k0000003 yes "CREATE TABLE t4 (id INTEGER);
$slow
INSERT INTO t4 VALUES (4);" "DROP TABLE t4;"

	bad=0 reported=0 total=0
	trial=1
	while [ $trial -le $TRIALS ]; do
		per=false; [ $((trial % 2)) = 0 ] && per=true
		if [ $be = sqlite ]; then db="sqlite:///$dir/k$trial.db"; else db=$(sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" k$trial); fi
		printf '[aludel]\nscript_location = %%(here)s/migrations\ntransaction_per_migration = %s\n' $per >aludel.ini
		export DATABASE_URL="$db"
		if [ $be = sqlite ]; then
			tables() { sqlite3 "$dir/k$trial.db" "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 't%' ORDER BY name" | tr '\n' ' '; }
		else
			tables() { psql -At -d "dbname=k$trial host=$pgdir user=postgres" -c "SELECT tablename FROM pg_tables WHERE schemaname='public' AND tablename LIKE 't%' ORDER BY 1" | tr '\n' ' '; }
		fi
		next_delay
		"$ALUDEL" -q upgrade heads >/dev/null 2>&1 &
		pid=$!
		sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
		kill -9 $pid 2>/dev/null
		wait $pid 2>/dev/null
		state=$("$ALUDEL" current 2>&1); st=$?
		rows=$(printf '%s\n' "$state" | sed -n 's/^\(k[0-9]*\).*/\1/p')
		have=$(tables)
		# what the rows and the record imply
		case "$rows" in
		"") want="" ;;
		k0000001) want="t1 " ;;
		k0000002) want="t1 t2 " ;;
		k0000003) want="t1 t2 t3a t3b t3c " ;;
		k0000004) want="t1 t2 t3a t3b t3c t4 " ;;
		*) want="?" ;;
		esac
		ok=1
		if [ $st -ne 0 ]; then
			ok=0
		elif printf '%s\n' "$state" | grep -q "^Unfinished: revision k0000003 "; then
			reported=$((reported + 1))
			done=$(printf '%s\n' "$state" | sed -n 's/.*stopped after statement \([0-9]*\) of 5.*/\1/p')
			running=$(printf '%s\n' "$state" | sed -n 's/.*statement \([0-9]*\) was running.*/\1/p')
			[ -n "$running" ] || running=$done
			# statements 1, 3, 5 create t3a, t3b, t3c: created when done, absent when never started
			want="t1 t2 "
			for pair in 1:t3a 3:t3b 5:t3c; do
				n=${pair%%:*} t=${pair#*:}
				if [ "$done" -ge $n ]; then want="$want$t "; elif [ "$running" -eq $n ]; then
					case "$have" in *"$t "*) want="$want$t " ;; esac # it may have completed
				fi
			done
			[ "$rows" = k0000002 ] || ok=0
		fi
		[ "$have" = "$want" ] || ok=0
		# the next upgrade finishes (resuming where needed)
		"$ALUDEL" -q upgrade heads --resume >/dev/null 2>&1 || ok=0
		[ "$(tables)" = "t1 t2 t3a t3b t3c t4 " ] || ok=0
		[ "$("$ALUDEL" current 2>&1)" = "k0000004 (head)" ] || ok=0
		if [ $ok = 0 ]; then
			bad=$((bad + 1))
			echo "# $be trial $trial (killed after $delay ms, transaction_per_migration=$per): rows '$rows', tables '$have', expected '$want'"
			printf '%s\n' "$state" | sed 's/^/#   /'
		fi
		total=$((total + 1))
		trial=$((trial + 1))
	done
	unset DATABASE_URL
	ok_eq "$be: $total kill -9 runs: each left a consistent or exactly reported database, finished by the next upgrade" "0" "$bad"
	echo "# $be: $reported of $total kills landed inside the Transactional: false revision"
done

# ---- PostgreSQL: a killed run's statement ends, and its lock goes, soon ----
cd "$work/postgresql"
db=$(sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" lockgone)
mkdir -p "$work/lock/migrations/versions" && cd "$work/lock"
printf '[aludel]\nscript_location = %%(here)s/migrations\n' >aludel.ini
mkrev l0000001 "" yes "CREATE TABLE tl (id INTEGER);
SELECT pg_sleep(20);" "DROP TABLE tl;"
DATABASE_URL="$db" "$ALUDEL" -q upgrade heads >/dev/null 2>&1 &
pid=$!
sleep 1
kill -9 $pid
wait $pid 2>/dev/null
out=$(DATABASE_URL="$db" "$ALUDEL" stamp --lock-timeout 5 base 2>&1); st=$?
ok_status "postgresql: after kill -9 during a 20 s statement, the next run gets the lock within 5 s" 0 $st
[ $st = 0 ] || printf '%s\n' "$out" | sed 's/^/# /'
ok_eq "...and the killed run's transaction is gone" "" "$(psql -At -d "dbname=lockgone host=$pgdir user=postgres" -c "SELECT tablename FROM pg_tables WHERE tablename = 'tl'")"
tap_done
