/* lint_unit.c - linting one unit of SQL (a revision's section, or a
 * script): one parse of the whole text with libpg_query, each statement's
 * position in the file, its "-- aludel:ignore" line, and the hand-over of its
 * parse tree to the rule groups. When the parser rejects the text, the
 * scanner splits it and each statement is parsed alone, so that the rejected
 * ones become parse-error findings and the others are still linted. */
#include "error.h"
#include "lint_rules.h"

#include <stdlib.h>
#include <string.h>

/* A forward-only cursor turning byte offsets of the text into file line and
 * column (columns count characters, not UTF-8 continuation bytes). */
struct cursor {
	const char *t;
	size_t off;
	unsigned line, col;
};

static void cursor_to(struct cursor *c, size_t off)
{
	for (; c->off < off; c->off++) {
		unsigned char ch = (unsigned char)c->t[c->off];
		if (ch == '\n') {
			c->line++;
			c->col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c->col++;
		}
	}
}

/* Skips blanks and comments (-- and nested block comments) from i. */
static size_t skip_space(const char *t, size_t i, size_t end)
{
	while (i < end) {
		if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r' || t[i] == '\f' || t[i] == '\v') {
			i++;
		} else if (t[i] == '-' && i + 1 < end && t[i + 1] == '-') {
			while (i < end && t[i] != '\n')
				i++;
		} else if (t[i] == '/' && i + 1 < end && t[i + 1] == '*') {
			unsigned depth = 1;
			i += 2;
			while (i < end && depth) {
				if (t[i] == '/' && i + 1 < end && t[i + 1] == '*')
					depth++, i += 2;
				else if (t[i] == '*' && i + 1 < end && t[i + 1] == '/')
					depth--, i += 2;
				else
					i++;
			}
		} else {
			break;
		}
	}
	return i;
}

/* The rules the line before offset `start` exempts: "-- aludel:ignore ID[,ID...] reason". */
static uint64_t ignored_rules(const char *t, size_t start)
{
	size_t ls = start;
	while (ls > 0 && t[ls - 1] != '\n')
		ls--;
	if (ls == 0)
		return 0;
	size_t pe = ls - 1, ps = pe; /* the previous line: [ps, pe) */
	while (ps > 0 && t[ps - 1] != '\n')
		ps--;
	while (ps < pe && (t[ps] == ' ' || t[ps] == '\t'))
		ps++;
	static const char tag[] = "-- aludel:ignore";
	size_t n = sizeof(tag) - 1;
	if (pe - ps < n || memcmp(t + ps, tag, n) != 0)
		return 0;
	size_t i = ps + n;
	uint64_t bits = 0;
	for (;;) {
		while (i < pe && (t[i] == ' ' || t[i] == '\t'))
			i++;
		size_t s = i;
		while (i < pe && t[i] != ',' && t[i] != ' ' && t[i] != '\t' && t[i] != '\r')
			i++;
		int r = ald__lint_rule_find(t + s, i - s);
		if (r >= 0)
			bits |= (uint64_t)1 << r;
		size_t j = i;
		while (j < pe && (t[j] == ' ' || t[j] == '\t'))
			j++;
		if (j < pe && t[j] == ',')
			i = j + 1; /* another id follows */
		else
			return bits;
	}
}

/* Sets the statement at hand to [start, end) of the text (trimmed). */
static void set_statement(struct ald_lint_unit *u, struct cursor *c, const char *t, size_t start, size_t end,
			  unsigned base_line)
{
	start = skip_space(t, start, end);
	while (end > start && (t[end - 1] == ' ' || t[end - 1] == '\t' || t[end - 1] == '\n' || t[end - 1] == '\r' ||
			       t[end - 1] == ';'))
		end--;
	u->stmt = t + start;
	u->stmt_len = end - start;
	u->n_statements++;
	cursor_to(c, start);
	u->line = base_line ? c->line : 0;
	u->column = base_line ? c->col : 0;
	u->ignored = ignored_rules(t, start);
}

static int is_name(const char *s, const char *want)
{
	return s && strcmp(s, want) == 0;
}

/* What the engine itself tracks, then the rule groups. */
static void lint_statement(struct ald_lint_unit *u, const PgQuery__Node *n)
{
	if (!n)
		return;
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
		switch (n->transaction_stmt->kind) {
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
			u->in_tx = 1;
			break;
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_PREPARE:
			u->in_tx = u->transactional;
			break;
		default:
			break;
		}
		return;
	case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
		if (is_name(n->variable_set_stmt->name, "lock_timeout"))
			u->lock_timeout = n->variable_set_stmt->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE;
		return;
	default:
		break;
	}
	ald__lint_rules_locking(u, n);
	ald__lint_rules_constraints(u, n);
	ald__lint_rules_columns(u, n);
	ald__lint_rules_data(u, n);
	if (n->node_case == PG_QUERY__NODE__NODE_CREATE_STMT && n->create_stmt->relation)
		ald__lint_names_add(&u->created, n->create_stmt->relation->relname);
	else if (n->node_case == PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT && n->create_table_as_stmt->into &&
		 n->create_table_as_stmt->into->rel)
		ald__lint_names_add(&u->created, n->create_table_as_stmt->into->rel->relname);
}

/* The unpacked parse trees live in an arena: a tree is thousands of small
 * messages, and dropping the arena's blocks at once is much cheaper than
 * freeing each (protobuf_c_message_free_unpacked). One arena per thread,
 * emptied after each tree (arena_reset); its first block is kept. */
struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};
static _Thread_local struct arena_block *arena;

static void *arena_alloc(void *unused, size_t n)
{
	(void)unused;
	n = (n + 15) & ~(size_t)15;
	if (!arena || arena->cap - arena->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		struct arena_block *b = ald__xmalloc(sizeof(*b) + cap);
		b->next = arena;
		b->used = 0;
		b->cap = cap;
		arena = b;
	}
	void *p = arena->data + arena->used;
	arena->used += n;
	return p;
}

static void arena_free(void *unused, void *p)
{
	(void)unused;
	(void)p;
}

/* Drops what the trees used; `keep` keeps one block for the next tree. */
static void arena_reset(int keep)
{
	while (arena && (!keep || arena->next)) {
		struct arena_block *next = arena->next;
		free(arena);
		arena = next;
	}
	if (arena)
		arena->used = 0;
}

static ProtobufCAllocator arena_allocator = {arena_alloc, arena_free, NULL};

/* Parses NUL-terminated `t`: *out gets the tree (in the arena), or NULL and
 * *error the parser's message and 1-based character position (*error the
 * caller's). */
static PgQuery__ParseResult *parse(const char *t, char **error, int *cursorpos)
{
	PgQueryProtobufParseResult r = pg_query_parse_protobuf(t);
	PgQuery__ParseResult *tree = NULL;
	*error = NULL;
	if (r.error) {
		*error = ald__xstrdup(r.error->message ? r.error->message : "syntax error");
		*cursorpos = r.error->cursorpos;
	} else {
		tree = pg_query__parse_result__unpack(&arena_allocator, r.parse_tree.len, (const uint8_t *)r.parse_tree.data);
		if (!tree)
			*error = ald__xstrdup("libpg_query gave a parse tree that cannot be read");
		*cursorpos = 0;
	}
	pg_query_free_protobuf_parse_result(r);
	return tree;
}

/* Byte offset of the 1-based character position pos in t (from `from`). */
static size_t char_offset(const char *t, size_t from, size_t end, int pos)
{
	size_t i = from;
	for (int k = 1; k < pos && i < end; k++) {
		i++;
		while (i < end && ((unsigned char)t[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/* The statements of one parse tree; offsets are relative to `base` in t. */
static void lint_tree(struct ald_lint_unit *u, struct cursor *c, const char *t, size_t base, size_t end,
		      const PgQuery__ParseResult *tree, unsigned base_line)
{
	for (size_t i = 0; i < tree->n_stmts; i++) {
		const PgQuery__RawStmt *rs = tree->stmts[i];
		size_t s = base + (size_t)rs->stmt_location;
		size_t e = rs->stmt_len ? s + (size_t)rs->stmt_len : end;
		if (e > end)
			e = end;
		set_statement(u, c, t, s, e, base_line);
		lint_statement(u, rs->stmt);
	}
}

/* The parse-error finding of statement [s, e), the parser's position in it. */
static void parse_error(struct ald_lint_unit *u, struct cursor *c, const char *t, size_t s, size_t e,
			const char *msg, int cursorpos, unsigned base_line)
{
	set_statement(u, c, t, s, e, base_line);
	if (!ald__lint_wants(u, LR_PARSE_ERROR))
		return;
	if (cursorpos > 0 && base_line) {
		/* cursorpos counts characters from the start of the text given to the parser */
		struct cursor at = *c;
		size_t off = char_offset(t, s, e, cursorpos);
		if (off >= at.off)
			cursor_to(&at, off);
		ald__lint_report(u, LR_PARSE_ERROR, "%s at line %u, column %u", msg, at.line, at.col);
	} else {
		ald__lint_report(u, LR_PARSE_ERROR, "%s", msg);
	}
}

/* Parses [s, e) of t alone: its statements are linted, or it is a parse-error. */
static void lint_piece(struct ald_lint_unit *u, struct cursor *c, const char *t, size_t s, size_t e,
		       unsigned base_line)
{
	if (skip_space(t, s, e) >= e)
		return;
	char *one = ald__xstrndup(t + s, e - s);
	char *msg = NULL;
	int pos = 0;
	PgQuery__ParseResult *tree = parse(one, &msg, &pos);
	if (tree) {
		lint_tree(u, c, t, s, e, tree, base_line);
		arena_reset(1);
	} else {
		parse_error(u, c, t, s, e, msg, pos, base_line);
	}
	free(msg);
	free(one);
}

/* Text between the scanner's statements (it leaves out what it cannot
 * read as one, e.g. a misspelt keyword): each ';'-separated piece alone. */
static void lint_gap(struct ald_lint_unit *u, struct cursor *c, const char *t, size_t s, size_t e,
		     unsigned base_line)
{
	while (s < e) {
		size_t k = s;
		while (k < e && t[k] != ';')
			k++;
		lint_piece(u, c, t, s, k, base_line);
		s = k + 1;
	}
}

/* The text rejected as a whole: split with the scanner, parse each alone. */
static void lint_split(struct ald_lint_unit *u, struct cursor *c, const char *t, size_t len, unsigned base_line,
		       const char *whole_error, int whole_pos)
{
	PgQuerySplitResult sp = pg_query_split_with_scanner(t);
	if (sp.error) {
		/* even the scanner fails (an unterminated quote): one finding */
		parse_error(u, c, t, 0, len, sp.error->message ? sp.error->message : whole_error,
			    sp.error->message ? sp.error->cursorpos : whole_pos, base_line);
		pg_query_free_split_result(sp);
		return;
	}
	size_t done = 0;
	for (int i = 0; i < sp.n_stmts; i++) {
		size_t s = (size_t)sp.stmts[i]->stmt_location, e = s + (size_t)sp.stmts[i]->stmt_len;
		if (e > len)
			e = len;
		if (s < done)
			s = done;
		lint_gap(u, c, t, done, s, base_line);
		lint_piece(u, c, t, s, e, base_line);
		done = e;
	}
	lint_gap(u, c, t, done, len, base_line);
	pg_query_free_split_result(sp);
}

int ald__lint_unit_sql(struct ald_lint_unit *u, const char *sql, size_t len, unsigned line)
{
	int err = ald__pgq_load();
	if (err < 0)
		return err;
	char *t = ald__xstrndup(sql, len);
	len = strlen(t); /* a NUL inside ends the text, as for the parser */
	struct cursor c = {.t = t, .off = 0, .line = line ? line : 1, .col = 1};
	char *msg = NULL;
	int pos = 0;
	PgQuery__ParseResult *tree = parse(t, &msg, &pos);
	if (tree) {
		lint_tree(u, &c, t, 0, len, tree, line);
		arena_reset(1);
	} else {
		lint_split(u, &c, t, len, line, msg, pos);
	}
	free(msg);
	arena_reset(0); /* nothing stays allocated between calls */
	u->stmt = NULL;
	u->stmt_len = 0;
	free(t);
	return 0;
}

void ald__lint_report_empty_downgrade(struct ald_lint_unit *u, unsigned line)
{
	u->stmt = NULL;
	u->stmt_len = 0;
	u->line = line;
	u->column = line ? 1 : 0;
	u->ignored = 0;
	u->downgrade = 1;
	ald__lint_report(u, LR_EMPTY_DOWNGRADE, "revision %s has no downgrade statements",
			u->revision ? ald_revision_id(u->revision) : "?");
}

/* ---- the set of table names: open addressing, grown at half load ---- */

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

void ald__lint_names_add(struct ald_lint_names *s, const char *name)
{
	if (!name || ald__lint_names_has(s, name))
		return;
	if (2 * (s->n + 1) > s->cap) {
		struct ald_lint_names big = {ald__xcalloc(s->cap ? 2 * s->cap : 16, sizeof(char *)),
					     s->cap ? 2 * s->cap : 16, 0};
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->slot[i])
				continue;
			size_t k = hash(s->slot[i]) & (big.cap - 1);
			while (big.slot[k])
				k = (k + 1) & (big.cap - 1);
			big.slot[k] = s->slot[i];
			big.n++;
		}
		free(s->slot);
		*s = big;
	}
	size_t k = hash(name) & (s->cap - 1);
	while (s->slot[k])
		k = (k + 1) & (s->cap - 1);
	s->slot[k] = ald__xstrdup(name);
	s->n++;
}

int ald__lint_names_has(const struct ald_lint_names *s, const char *name)
{
	if (!s->cap || !name)
		return 0;
	for (size_t k = hash(name) & (s->cap - 1); s->slot[k]; k = (k + 1) & (s->cap - 1))
		if (strcmp(s->slot[k], name) == 0)
			return 1;
	return 0;
}

void ald__lint_names_clear(struct ald_lint_names *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slot[i]);
	free(s->slot);
	memset(s, 0, sizeof(*s));
}

void ald__lint_unit_forget(struct ald_lint_unit *u)
{
	ald__lint_names_clear(&u->created);
	ald__lint_names_clear(&u->not_null_checks);
	ald__lint_names_clear(&u->not_null_proven);
}

int ald__lint_existing(const struct ald_lint_unit *u, const PgQuery__RangeVar *rv)
{
	return rv && !ald__lint_names_has(&u->created, rv->relname);
}
