#!/bin/sh
# tests/cli_native.sh - the graph commands on a native SQL project (graph G1 of
# doc/alembic-compat.md §2.6), file-writing commands, exit statuses and --json.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# rev down depends labels message
mkrev() {
	f="migrations/versions/$1_$(echo "$5" | tr ' ' '_').sql"
	{
		echo "-- $5"
		echo "--"
		echo "-- Revision ID: $1"
		echo "-- Revises: $2"
		echo "-- Create Date: 2022-01-01 00:00:00"
		[ -n "$3" ] && echo "-- Depends On: $3"
		[ -n "$4" ] && echo "-- Branch Labels: $4"
		echo
		echo "-- migrate:upgrade"
		echo "CREATE TABLE t_$1 (id INTEGER);"
		echo
		echo "-- migrate:downgrade"
		echo "DROP TABLE t_$1;"
	} >"$f"
}

out=$("$ALUDEL" init migrations 2>&1); st=$?
ok_status "init succeeds" 0 $st
ok_match "init reports the versions folder" "Creating directory .*migrations/versions \.\.\.  done" "$out"
ok_eq "init writes aludel.ini" "yes" "$([ -f aludel.ini ] && echo yes)"
"$ALUDEL" init migrations >/dev/null 2>&1; st=$?
ok_status "init refuses a non-empty folder" 1 $st

out=$("$ALUDEL" heads 2>&1); st=$?
ok_eq "heads of an empty project prints nothing" "" "$out"

mkrev 1000aaaa0001 "" "" "" "initial schema"
mkrev 2000aaaa0002 1000aaaa0001 "" "" "second step"
mkrev 3000bbbb0001 2000aaaa0002 "" featb "feature b start"
mkrev 3000bbbb0002 3000bbbb0001 "" "" "feature b more"
mkrev 4000cccc0001 2000aaaa0002 "" "" "feature c start"
mkrev 4000cccc0002 4000cccc0001 "" "" "feature c more"
mkrev 5000eeee0001 "3000bbbb0002, 4000cccc0002" "" "" "merge b and c"
mkrev 6000dddd0001 5000eeee0001 "" "" "after merge"
mkrev 7000ffff0001 "" "" other "other root"
mkrev 7000ffff0002 7000ffff0001 "" "" "other two"
mkrev 8000dddd0002 6000dddd0001 7000ffff0001 "" "needs other root"

ok_eq "heads" "7000ffff0002 (other) (head)
8000dddd0002 (featb) (head)" "$("$ALUDEL" heads)"

ok_eq "history (files read sorted by name)" "7000ffff0001 -> 7000ffff0002 (other) (head), other two
6000dddd0001 (7000ffff0001) -> 8000dddd0002 (featb) (head), needs other root
5000eeee0001 -> 6000dddd0001 (featb), after merge
3000bbbb0002, 4000cccc0002 -> 5000eeee0001 (featb) (mergepoint), merge b and c
3000bbbb0001 -> 3000bbbb0002 (featb), feature b more
2000aaaa0002 -> 3000bbbb0001 (featb), feature b start
4000cccc0001 -> 4000cccc0002, feature c more
2000aaaa0002 -> 4000cccc0001, feature c start
1000aaaa0001 -> 2000aaaa0002 (branchpoint), second step
<base> -> 1000aaaa0001, initial schema
<base> -> 7000ffff0001 (other), other root" "$("$ALUDEL" history)"

ok_eq "branches (children in map order)" "2000aaaa0002 (branchpoint)
             -> 3000bbbb0001 (featb)
             -> 4000cccc0001" "$("$ALUDEL" branches)"

here=$(pwd)
ok_eq "show a merge point (verbose form)" "Rev: 5000eeee0001 (mergepoint)
Merges: 3000bbbb0002, 4000cccc0002
Branch names: featb
Path: $here/migrations/versions/5000eeee0001_merge_b_and_c.sql

    merge b and c
    
    Revision ID: 5000eeee0001
    Revises: 3000bbbb0002, 4000cccc0002
    Create Date: 2022-01-01 00:00:00" "$("$ALUDEL" show 5000eeee0001)"

ok_eq "history -r 2000aaaa0002:5000eeee0001" "3000bbbb0002, 4000cccc0002 -> 5000eeee0001 (featb) (mergepoint), merge b and c
3000bbbb0001 -> 3000bbbb0002 (featb), feature b more
2000aaaa0002 -> 3000bbbb0001 (featb), feature b start
4000cccc0001 -> 4000cccc0002, feature c more
2000aaaa0002 -> 4000cccc0001, feature c start
1000aaaa0001 -> 2000aaaa0002 (branchpoint), second step" "$("$ALUDEL" history -r 2000aaaa0002:5000eeee0001)"

ok_eq "show featb@head" "8000dddd0002" "$("$ALUDEL" show featb@head | sed -n 's/^Rev: \([0-9a-f]*\).*/\1/p')"

out=$("$ALUDEL" show nosuch 2>&1); st=$?
ok_status "unknown revision: exit 1" 1 $st
ok_eq "unknown revision: message" "FAILED: Can't locate revision identified by 'nosuch'" "$out"
out=$("$ALUDEL" show 3000 2>&1); st=$?
ok_status "ambiguous prefix: exit 1" 1 $st
ok_match "ambiguous prefix lists the candidates" "3000bbbb0001.*3000bbbb0002" "$out"
out=$("$ALUDEL" revision -m x 2>&1); st=$?
ok_eq "revision with two heads" "FAILED: Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge." "$out"
"$ALUDEL" heads --no-such-option >/dev/null 2>&1; st=$?
ok_status "unknown option: usage error" 2 $st
"$ALUDEL" frobnicate >/dev/null 2>&1; st=$?
ok_status "unknown command: usage error" 2 $st

json=$("$ALUDEL" history --json)
ok_eq "history --json is JSON with every revision" "11" \
	"$(printf '%s' "$json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
ok_eq "heads --json names the heads" "7000ffff0002 8000dddd0002" \
	"$("$ALUDEL" heads --json | python3 -c 'import json,sys; print(" ".join(r["revision"] for r in json.load(sys.stdin)))')"

out=$("$ALUDEL" merge -m "join all" --rev-id 9000aaaa0001 heads); st=$?
ok_status "merge heads" 0 $st
ok_match "merge reports the new file" "^Generating $here/migrations/versions/9000aaaa0001_join_all.sql \.\.\.  done$" "$out"
ok_eq "after the merge there is one head, carrying both branches' labels" "9000aaaa0001 (featb, other) (head)" "$("$ALUDEL" heads)"
ok_eq "the merge revises both heads" "Revises: 7000ffff0002, 8000dddd0002" \
	"$(grep -o 'Revises: .*' migrations/versions/9000aaaa0001_join_all.sql)"

out=$("$ALUDEL" revision -m "Add ticket priority!" --rev-id abcdef012345); st=$?
ok_status "revision on the single head" 0 $st
f=migrations/versions/abcdef012345_add_ticket_priority.sql
ok_eq "revision file name from the slug" "yes" "$([ -f "$f" ] && echo yes)"
ok_eq "new revision is the head" "abcdef012345 (featb, other) (head)" "$("$ALUDEL" heads)"
out=$("$ALUDEL" revision -m again --head 1000aaaa0001 2>&1); st=$?
ok_status "revision on a non-head without --splice fails" 1 $st
ok_eq "non-head message" "FAILED: Revision 1000aaaa0001 is not a head revision; please specify --splice to create a new branch from this revision" "$out"
"$ALUDEL" revision -m spliced --head 1000aaaa0001 --splice --rev-id 1111bbbb2222 >/dev/null; st=$?
ok_status "revision --splice on a non-head" 0 $st
ok_eq "spliced revision is a new head" "1111bbbb2222 (head)
abcdef012345 (featb, other) (head)" "$("$ALUDEL" heads)"
rid=$("$ALUDEL" revision -m "random id" --head 1111bbbb2222 | sed -n 's|.*/\([0-9a-f]*\)_random_id.sql .*|\1|p')
ok_match "generated ids are 12 hex digits" "^[0-9a-f]{12}$" "$rid"


# edit: the editor ($VISUAL, else $EDITOR, split on blanks) gets the file as its last argument
cat >"$work/ed.sh" <<'EOS'
#!/bin/sh
for a; do printf '[%s]\n' "$a"; done >>"$EDITED"
EOS
chmod +x "$work/ed.sh"
EDITED="$work/edited"; export EDITED
out=$(env -u VISUAL EDITOR="$work/ed.sh" "$ALUDEL" edit abcdef 2>&1); st=$?
ok_status "edit a prefix" 0 $st
ok_eq "the editor gets the revision's path" "[$here/$f]" "$(cat "$EDITED")"
rm -f "$EDITED"
env VISUAL="sh $work/ed.sh -w" EDITOR=false "$ALUDEL" edit featb@head >/dev/null 2>&1; st=$?
ok_status "edit a label@head with VISUAL" 0 $st
ok_eq "VISUAL wins and is split on blanks" "[-w]
[$here/$f]" "$(cat "$EDITED")"
rm -f "$EDITED"
out=$(env -u VISUAL EDITOR="$work/ed.sh" "$ALUDEL" edit head 2>&1); st=$?
ok_status "edit head with two heads: exit 1" 1 $st
ok_match "edit head with two heads: Alembic's message" "^FAILED: Multiple head revisions are present for given argument 'head'" "$out"
ok_eq "edit head with two heads opens nothing" "no" "$([ -f "$EDITED" ] && echo yes || echo no)"
out=$(env -u VISUAL EDITOR="$work/ed.sh" "$ALUDEL" edit base 2>&1); st=$?
ok_eq "edit base" "FAILED: No revision files indicated by symbol 'base'" "$out"
out=$(env -u VISUAL -u EDITOR "$ALUDEL" edit abcdef 2>&1); st=$?
ok_status "edit without an editor: exit 1" 1 $st
ok_eq "edit without an editor: message" "FAILED: Error executing editor (No suitable editor found. Please set the \"VISUAL\" or \"EDITOR\" environment variables)" "$out"
out=$(env -u VISUAL EDITOR=false "$ALUDEL" edit abcdef 2>&1); st=$?
ok_status "an editor that fails: exit 1" 1 $st
ok_eq "an editor that fails: message" "FAILED: Error executing editor ('false' exited with status 1)" "$out"
out=$(env -u VISUAL EDITOR=/nonexistent/editor "$ALUDEL" edit abcdef 2>&1); st=$?
ok_eq "an editor that does not exist" "FAILED: Error executing editor (cannot run '/nonexistent/editor': No such file or directory)" "$out"

# list_templates, init --template generic: a project Alembic runs and aludel reads
ok_eq "list_templates" "Available templates:

native - aludel's own project: aludel.ini and native .sql revisions (the default).
generic - An Alembic project for one database: alembic.ini, env.py, script.py.mako.

Templates are used via the 'init' command, e.g.:

  aludel init --template generic ./scripts" "$("$ALUDEL" list_templates)"
mkdir gen
out=$(cd gen && "$ALUDEL" init --template nosuch scripts 2>&1); st=$?
ok_status "init --template with an unknown name: exit 1" 1 $st
ok_eq "init --template with an unknown name: message" "FAILED: No such template 'nosuch'; the templates are: native, generic" "$out"
out=$(cd gen && "$ALUDEL" init -t generic scripts 2>&1); st=$?
ok_status "init --template generic" 0 $st
ok_eq "init --template generic writes Alembic's files" "alembic.ini scripts/README scripts/env.py scripts/script.py.mako scripts/versions" \
	"$(cd gen && echo alembic.ini scripts/*)"
ok_match "init --template generic: Alembic's closing line" "^Please edit configuration/connection/logging settings in '.*/gen/alembic.ini' before proceeding\.$" "$out"
# init's lines, word for word as Alembic's (its status lines, its repr of the
# path: double quotes for a name with a single quote)
mkdir q
out=$(cd q && "$ALUDEL" -c "it's.ini" init scripts 2>&1); st=$?
ok_status "init with a quote in the configuration file's name" 0 $st
qd=$(cd q && pwd -P)
ok_eq "init's lines for it" "Creating directory $qd/scripts ...  done
Creating directory $qd/scripts/versions ...  done
Generating $qd/it's.ini ...  done
Please edit configuration/connection settings in \"$qd/it's.ini\" before proceeding." "$out"
out=$(cd q && "$ALUDEL" -c "it's.ini" init more 2>&1)
ok_eq "init again with the file there: kept, as Alembic says it" "Creating directory $qd/more ...  done
Creating directory $qd/more/versions ...  done
File $qd/it's.ini already exists, skipping
Please edit configuration/connection settings in \"$qd/it's.ini\" before proceeding." "$out"
(cd gen && "$ALUDEL" revision -m "first gen" --rev-id 0123456789ab >/dev/null && "$ALUDEL" revision -m "second gen" --rev-id 0123456789cd >/dev/null); st=$?
ok_status "revisions in the generic project" 0 $st
ok_eq "aludel reads the generic project as an Alembic project" "0123456789cd (head)" "$(cd gen && "$ALUDEL" heads)"
ok_eq "its revisions are .py files" "0123456789ab_first_gen.py 0123456789cd_second_gen.py" "$(cd gen/scripts/versions && echo *)"
if /usr/bin/python3 -c 'import alembic' 2>/dev/null; then
	out=$(cd gen && /usr/bin/python3 -m alembic -c alembic.ini upgrade heads 2>&1); st=$?
	ok_status "Alembic runs the generic project: upgrade heads" 0 $st
	ok_match "Alembic ran both revisions" "Running upgrade 0123456789ab -> 0123456789cd, second gen" "$out"
	ok_eq "Alembic's current" "0123456789cd (head)" "$(cd gen && /usr/bin/python3 -m alembic current 2>/dev/null)"
	ok_eq "aludel's current on the same database" "0123456789cd (head)" "$(cd gen && "$ALUDEL" current 2>&1)"
	ok_match "Alembic's offline mode through env.py" "^UPDATE alembic_version SET version_num='0123456789cd'" \
		"$(cd gen && /usr/bin/python3 -m alembic upgrade 0123456789ab:0123456789cd --sql 2>/dev/null)"
else
	for i in 1 2 3 4 5; do tap_result 0 "# SKIP Debian's python3-alembic is not installed"; done
fi

# ensure_version
ok_eq "ensure_version --sql" "CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);" "$("$ALUDEL" ensure_version --sql)"
ok_eq "ensure_version --sql touches no database" "no" "$([ -f aludel.db ] && echo yes || echo no)"
ok_eq "ensure_version --sql on PostgreSQL is one transaction" "BEGIN;
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
COMMIT;" "$("$ALUDEL" --url postgresql://nobody@127.0.0.1:1/none ensure_version --sql | grep -v '^$')"
out=$("$ALUDEL" ensure_version 2>&1); st=$?
ok_status "ensure_version creates the table" 0 $st
ok_eq "ensure_version prints nothing" "" "$out"
ok_eq "the version table exists and is empty" "" "$("$ALUDEL" current 2>&1)"
ok_eq "the table is Alembic's" "CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
)" "$(python3 -c 'import sqlite3; print(sqlite3.connect("aludel.db").execute("select sql from sqlite_master where name=\"alembic_version\"").fetchone()[0])')"
"$ALUDEL" stamp 1111bbbb2222 >/dev/null 2>&1
"$ALUDEL" ensure_version; st=$?
ok_status "ensure_version on an existing table" 0 $st
ok_eq "ensure_version keeps the rows" "1111bbbb2222" "$("$ALUDEL" current 2>&1 | cut -c1-12)"
out=$("$ALUDEL" ensure_version extra 2>&1); st=$?
ok_status "ensure_version takes no argument" 2 $st

# ALEMBIC_CONFIG names the configuration file when -c is not given
mkdir elsewhere
heads_here=$("$ALUDEL" heads)
ok_eq "ALEMBIC_CONFIG names the configuration file" "$heads_here" \
	"$(cd elsewhere && ALEMBIC_CONFIG=../aludel.ini "$ALUDEL" heads 2>&1)"
out=$(cd elsewhere && ALEMBIC_CONFIG=nosuch.ini "$ALUDEL" heads 2>&1); st=$?
ok_status "ALEMBIC_CONFIG naming a missing file: exit 1" 1 $st
ok_eq "ALEMBIC_CONFIG naming a missing file: message" "FAILED: No config file 'nosuch.ini' found, or file has no '[alembic]' section" "$out"
ok_eq "-c wins over ALEMBIC_CONFIG" "$heads_here" \
	"$(cd elsewhere && ALEMBIC_CONFIG=nosuch.ini "$ALUDEL" -c ../aludel.ini heads 2>&1)"
rmdir elsewhere

# --json is valid UTF-8 JSON whatever the bytes of messages, paths and labels
# (invalid UTF-8 as \u00XX of the byte's Latin-1 reading, controls as
# \u00XX); revision ids follow one rule when read and when written (1 to 32
# ASCII letters, digits or '_'); a NUL byte in a revision file is an error.
mkdir jsonproj
(
	cd jsonproj || exit 1
	"$ALUDEL" init migrations >/dev/null 2>&1
	v=migrations/versions
	# message: invalid UTF-8 (Latin-1 e9, a stray ff, an overlong c0 80, a cut
	# e2 82), controls (01, ESC, DEL), quotes, a backslash; valid UTF-8 kept
	printf -- '-- caf\351 \377 \300\200 \342\202 \001esc\033del\177 "q" back\\slash \342\202\254\n--\n-- Revision ID: aaaa00000001\n-- Revises:\n-- Branch Labels: l\351"q\\\n\n-- migrate:upgrade\nCREATE TABLE j1 (id INTEGER);\n-- migrate:downgrade\nDROP TABLE j1;\n' \
		>"$v/aaaa00000001_caf$(printf '\351\001').sql"
	printf -- '-- tab\there\n--\n-- Revision ID: aaaa00000002\n-- Revises: aaaa00000001\n-- Depends On: l\351"q\\\n\n-- migrate:upgrade\n' \
		>"$v/aaaa00000002_tab.sql"
)
strict='import json,sys; d=json.loads(sys.stdin.buffer.read().decode("utf-8", "strict"))'
for cmd in "heads --json" "history --json" "show --json aaaa00000001" "show --json heads" "branches --json"; do
	out=$(cd jsonproj && "$ALUDEL" $cmd 2>&1 | python3 -c 'import json,sys; json.load(sys.stdin); print("ok")' 2>&1)
	ok_eq "$cmd: JSON with invalid UTF-8 and controls in messages parses" "ok" "$out"
	out=$(cd jsonproj && "$ALUDEL" $cmd 2>&1 | python3 -c "$strict; print('ok')" 2>&1)
	ok_eq "$cmd: the output is strict UTF-8" "ok" "$out"
done
out=$(cd jsonproj && "$ALUDEL" show --json aaaa00000001 | python3 -c "$strict"'
r = d[0]
assert r["message"] == "caf\xe9 \xff \xc0\x80 \xe2\x82 \x01esc\x1bdel\x7f \"q\" back\\slash \u20ac", ascii(r["message"])
assert r["branch_labels"] == ["l\xe9\"q\\"], ascii(r["branch_labels"])
assert r["path"].endswith("/aaaa00000001_caf\xe9\x01.sql"), ascii(r["path"])
assert r["children"] == ["aaaa00000002"]
print("ok")' 2>&1)
ok_eq "show --json: each invalid byte is its Latin-1 character, controls kept" "ok" "$out"
ok_match "show --json: raw bytes escaped as \\u00XX" '"caf\\u00e9 \\u00ff \\u00c0\\u0080 \\u00e2\\u0082 \\u0001esc\\u001bdel\\u007f \\"q\\" back\\\\slash €"' \
	"$(cd jsonproj && "$ALUDEL" show --json aaaa00000001)"
ok_eq "history --json: the depends_on label and the tab" '["l\u00e9\"q\\"] tab\there' \
	"$(cd jsonproj && "$ALUDEL" history --json | python3 -c "$strict"'
r = d[0]
print(json.dumps(r["depends_on"]), r["message"].replace("\t", "\\t"))')"

# ids: 33 characters refused by revision and merge, nothing written
nfiles() { ls jsonproj/migrations/versions | wc -l; }
before=$(nfiles)
out=$(cd jsonproj && "$ALUDEL" revision -m long --rev-id 0123456789abcdef0123456789abcdef0 2>&1); st=$?
ok_status "revision --rev-id of 33 characters fails" 1 $st
ok_eq "revision --rev-id of 33 characters: the message names the option, the id and the rule" \
	"FAILED: --rev-id: revision identifier '0123456789abcdef0123456789abcdef0' is 33 characters long (a revision identifier is 1 to 32 ASCII letters, digits or '_')" "$out"
ok_eq "revision --rev-id of 33 characters writes no file" "$before" "$(nfiles)"
out=$(cd jsonproj && "$ALUDEL" revision -m up --rev-id ../x 2>&1); st=$?
ok_status "revision --rev-id ../x fails" 1 $st
ok_match "revision --rev-id ../x: message" "^FAILED: --rev-id: Character\(s\) '\., /' not allowed in revision identifier '\.\./x'" "$out"
out=$(cd jsonproj && "$ALUDEL" merge -m m --rev-id 0123456789abcdef0123456789abcdef0 heads 2>&1); st=$?
ok_status "merge --rev-id of 33 characters fails" 1 $st
ok_eq "merge --rev-id of 33 characters writes no file" "$before" "$(nfiles)"
out=$(cd jsonproj && "$ALUDEL" revision -m inj --rev-id cccc00000001 --branch-label "$(printf 'a\n-- Transactional: false')" 2>&1); st=$?
ok_status "revision --branch-label with a line break fails (it would add a header field)" 1 $st
ok_eq "revision --branch-label with a line break writes no file" "$before" "$(nfiles)"
out=$(cd jsonproj && "$ALUDEL" revision -m ok --rev-id 0123456789abcdef0123456789abcdef 2>&1); st=$?
ok_status "revision --rev-id of 32 characters is written" 0 $st
ok_eq "the 32-character id is the head" "0123456789abcdef0123456789abcdef" \
	"$(cd jsonproj && "$ALUDEL" heads --json | python3 -c 'import json,sys; print(" ".join(r["revision"] for r in json.load(sys.stdin)))')"

# ids and NUL bytes when reading
printf -- '-- evil\n--\n-- Revision ID: ../../evil\n-- Revises: 0123456789abcdef0123456789abcdef\n\n-- migrate:upgrade\n' \
	>jsonproj/migrations/versions/evil.sql
out=$(cd jsonproj && "$ALUDEL" heads 2>&1); st=$?
ok_status "a header with Revision ID ../../evil fails" 1 $st
ok_match "a header with Revision ID ../../evil: file, line, id and rule" \
	"evil\.sql:3: Character\(s\) '\., /' not allowed in revision identifier '\.\./\.\./evil' \(a revision identifier is 1 to 32 ASCII letters, digits or '_'\)" "$out"
printf -- '-- cut\000 here\n--\n-- Revision ID: bbbb00000001\n-- Revises: 0123456789abcdef0123456789abcdef\n\n-- migrate:upgrade\n' \
	>jsonproj/migrations/versions/evil.sql
out=$(cd jsonproj && "$ALUDEL" heads 2>&1); st=$?
ok_status "a NUL byte in a header fails" 1 $st
ok_match "a NUL byte in a header: file and line" "evil\.sql:1: NUL byte in the file" "$out"
printf -- '-- m\n--\n-- Revision ID: bbbb00000001\n-- Revises: 0123456789abcdef0123456789abcdef\n\n-- migrate:upgrade\nSELECT 1;\nSELECT\000 2;\n' \
	>jsonproj/migrations/versions/evil.sql
out=$(cd jsonproj && "$ALUDEL" heads 2>&1); st=$?
ok_status "a NUL byte in a section fails" 1 $st
ok_match "a NUL byte in a section: file and line" "evil\.sql:8: NUL byte in the file" "$out"
rm -rf jsonproj


# bounded inputs: only regular files of at most max_revision_size bytes are
# read from a versions folder (a FIFO, a symlink to /dev/zero, a folder named
# like a revision fail at once naming what they are), and ini interpolation
# has a depth and a size limit; every command runs under `timeout 5`
mkdir boundproj && cd boundproj
"$ALUDEL" init migrations >/dev/null 2>&1
mkrev 1000aaaa0001 "" "" "" "initial schema"
mkfifo migrations/versions/x.sql
out=$(timeout 5 "$ALUDEL" heads 2>&1); st=$?
ok_status "a FIFO x.sql in the versions folder fails at once" 1 $st
ok_match "a FIFO x.sql: the message names it and what it is" \
	"^FAILED: .*/migrations/versions/x\.sql: not a regular file \(a FIFO\)$" "$out"
out=$(timeout 5 "$ALUDEL" upgrade heads --sql 2>&1); st=$?
ok_status "a FIFO x.sql: upgrade --sql fails at once too" 1 $st
rm migrations/versions/x.sql
ln -s /dev/zero migrations/versions/z.sql
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o rss.txt timeout 5 "$ALUDEL" heads >out.txt 2>&1; st=$?
	ok_eq "a symlink to /dev/zero: max RSS under 200 MB" "yes" \
		"$([ "$(tail -n 1 rss.txt)" -lt 200000 ] && echo yes)"
	out=$(cat out.txt)
else
	out=$(timeout 5 "$ALUDEL" heads 2>&1); st=$?
fi
ok_status "a .sql symlink to /dev/zero fails at once" 1 $st
ok_match "a .sql symlink to /dev/zero: the message says it is a device" \
	"z\.sql: not a regular file \(a character device\)$" "$out"
rm migrations/versions/z.sql
mkdir migrations/versions/y.sql
out=$(timeout 5 "$ALUDEL" heads 2>&1); st=$?
ok_status "a folder named y.sql fails" 1 $st
ok_match "a folder named y.sql: the message says it is a directory" \
	"y\.sql: not a regular file \(a directory\)$" "$out"
rmdir migrations/versions/y.sql
mv migrations/versions/1000aaaa0001_initial_schema.sql real.sql
ln -s ../../real.sql migrations/versions/1000aaaa0001_initial_schema.sql
out=$(timeout 5 "$ALUDEL" heads 2>&1); st=$?
ok_eq "a symlink to a regular revision file is read" "1000aaaa0001 (head)" "$out"
rm migrations/versions/1000aaaa0001_initial_schema.sql
mv real.sql migrations/versions/1000aaaa0001_initial_schema.sql
size=$(wc -c <migrations/versions/1000aaaa0001_initial_schema.sql)
cp aludel.ini aludel.ini.orig
echo "max_revision_size = $((size - 1))" >>aludel.ini
out=$(timeout 5 "$ALUDEL" heads 2>&1); st=$?
ok_status "a revision file one byte over max_revision_size is refused" 1 $st
ok_match "over max_revision_size: the message names the file, its size and the limit" \
	"1000aaaa0001_initial_schema\.sql: $size bytes, larger than the limit of $((size - 1)) bytes \(max_revision_size in the ini file\)$" "$out"
sed -i "s/^max_revision_size = .*/max_revision_size = $size/" aludel.ini
out=$(timeout 5 "$ALUDEL" heads 2>&1); st=$?
ok_eq "a revision file of exactly max_revision_size bytes is read" "1000aaaa0001 (head)" "$out"
out=$(timeout 5 "$ALUDEL" upgrade heads --sql 2>&1); st=$?
ok_status "... and its sections too (upgrade --sql)" 0 $st
sed -i "s/^max_revision_size = .*/max_revision_size = lots/" aludel.ini
out=$(timeout 5 "$ALUDEL" heads 2>&1); st=$?
ok_match "a bad max_revision_size names the line and the value" \
	"aludel\.ini:[0-9]*: max_revision_size must be a size in bytes .* not 'lots'$" "$out"
mv aludel.ini.orig aludel.ini
# eleven lines: 10^10 bytes if expanded
{
	echo "[DEFAULT]"
	echo "k0 = xxxxxxxxxx"
	for i in 1 2 3 4 5 6 7 8 9; do
		p=$((i - 1))
		echo "k$i = %(k$p)s%(k$p)s%(k$p)s%(k$p)s%(k$p)s%(k$p)s%(k$p)s%(k$p)s%(k$p)s%(k$p)s"
	done
	echo "[aludel]"
	echo "script_location = migrations"
	echo "version_table = %(k9)s"
} >bomb.ini
out=$(timeout 5 "$ALUDEL" -c bomb.ini heads 2>&1); st=$?
ok_status "the 11-line interpolation bomb fails at once" 1 $st
ok_eq "the interpolation bomb: the message names the file, line and key" \
	"FAILED: bomb.ini:14: the value of 'version_table' expands to more than 1048576 bytes (nested %(...)s references?)" "$out"
{
	echo "[DEFAULT]"
	echo "k0 = migr"
	for i in 1 2 3 4 5 6 7 8 9; do echo "k$i = %(k$((i - 1)))s"; done
	echo "[aludel]"
	echo "script_location = %(k9)sations"
} >chain.ini
out=$(timeout 5 "$ALUDEL" -c chain.ini heads 2>&1); st=$?
ok_eq "a legitimate chain of references ten deep works" "1000aaaa0001 (head)" "$out"
printf '[DEFAULT]\na = %%(b)s\nb = %%(a)s\n[aludel]\nscript_location = %%(a)s\n' >loop.ini
out=$(timeout 5 "$ALUDEL" -c loop.ini heads 2>&1); st=$?
ok_match "a loop of references fails naming a key of the loop" \
	"loop\.ini:[23]: too many nested %\(\.\.\.\)s references in the value of '[ab]' \(a loop\?\)" "$out"
cd .. && rm -rf boundproj
# The header cache can't lie (src/revision_cache.c): a damaged cache file gives the
# output of no cache, is said once on stderr with -v only, and is rewritten;
# --no-cache neither reads nor writes it.
mkdir cacheproj && cd cacheproj
"$ALUDEL" init migrations >/dev/null 2>&1
mkrev c00000000001 "" "" "" "one"
mkrev c00000000002 c00000000001 "" "" "two"
mkrev c00000000003 c00000000001 "" "" "three"
sleep 3 # older than the cache's two-second window: the files get recorded
cdir=$work/cache.d
nocache=$(ALUDEL_CACHE_DIR= "$ALUDEL" heads 2>&1)
ok_eq "heads of the cache project" "c00000000002 (head)
c00000000003 (head)" "$nocache"
ALUDEL_CACHE_DIR=$cdir "$ALUDEL" heads >/dev/null 2>&1
ALUDEL_CACHE_DIR=$cdir "$ALUDEL" heads >/dev/null 2>&1
cf=$(ls "$cdir"/*.revs)
ok_eq "the cache file is written" "1" "$(ls "$cdir"/*.revs | wc -l)"
cp "$cf" good.revs
# the issue's corruption: the cached parent of c00000000003 made c00000000002
perl -0777 -pi -e 's/(.*)c00000000001/${1}c00000000002/s' "$cf"
ok_eq "the corruption changed the cache file" "1" "$(cmp -s "$cf" good.revs || echo 1)"
out=$(ALUDEL_CACHE_DIR=$cdir "$ALUDEL" heads 2>&1); st=$?
ok_status "heads with a damaged cache succeeds" 0 $st
ok_eq "heads with a damaged cache (a parent changed) equals heads without one" "$nocache" "$out"
out=$(ALUDEL_CACHE_DIR=$cdir "$ALUDEL" heads -v 2>&1 >/dev/null)
ok_eq "the rewritten cache has nothing to say" "" "$out"
cp good.revs "$cf"
perl -0777 -pi -e 's/(.*)c00000000001/${1}c00000000002/s' "$cf"
err=$(ALUDEL_CACHE_DIR=$cdir "$ALUDEL" heads -v 2>&1 >/dev/null)
ok_match "heads -v says once that the cache was damaged, naming it" \
	"^aludel: ignored a damaged header cache .*\.revs \(an entry with a wrong checksum\): the revision files were read instead$" "$err"
ok_eq "... once" "1" "$(printf '%s\n' "$err" | wc -l)"
cp good.revs "$cf"
perl -0777 -pi -e 's/(.*)c00000000001/${1}c00000000002/s' "$cf"
err=$(ALUDEL_CACHE_DIR=$cdir "$ALUDEL" history 2>&1 >/dev/null)
ok_eq "without -v a damaged cache is not mentioned" "" "$err"
for off in 0 8 20 40 100 200 $(($(wc -c <good.revs) - 3)); do
	cp good.revs "$cf"
	b=$(od -An -tu1 -j"$off" -N1 "$cf" | tr -d ' ')
	printf "\\$(printf %03o $(((b + 1) % 256)))" | dd of="$cf" bs=1 seek="$off" conv=notrunc 2>/dev/null
	out=$(ALUDEL_CACHE_DIR=$cdir "$ALUDEL" heads 2>&1)
	ok_eq "heads with byte $off of the cache changed equals heads without a cache" "$nocache" "$out"
done
for len in 0 17 100 $(($(wc -c <good.revs) - 1)); do
	cp good.revs "$cf"
	truncate -s "$len" "$cf"
	out=$(ALUDEL_CACHE_DIR=$cdir "$ALUDEL" heads 2>&1)
	ok_eq "heads with the cache cut at $len bytes equals heads without a cache" "$nocache" "$out"
done
cp good.revs "$cf"
perl -0777 -pi -e 's/(.*)c00000000001/${1}c00000000002/s' "$cf"
out=$(ALUDEL_CACHE_DIR=$cdir "$ALUDEL" --no-cache heads -v 2>&1)
ok_eq "--no-cache: the damaged cache is not even read" "$(ALUDEL_CACHE_DIR= "$ALUDEL" heads -v 2>&1)" "$out"
ok_eq "--no-cache: nor rewritten" "1" "$(cmp -s "$cf" good.revs || echo 1)"
rm -rf "$cdir"
out=$(ALUDEL_CACHE_DIR=$cdir "$ALUDEL" --no-cache heads 2>&1)
ok_eq "--no-cache heads" "$nocache" "$out"
ok_eq "--no-cache writes no cache" "no" "$([ -e "$cdir" ] && echo yes || echo no)"
ok_match "--help lists --no-cache" "--no-cache +Read every revision file" "$("$ALUDEL" --help)"
cd .. && rm -rf cacheproj
tap_done
