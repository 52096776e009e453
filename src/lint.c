/* lint.c - the lint result (findings in file order, the strings they
 * borrow), reporting a finding, and the per-rule severities of the ini
 * section's lint_disable / lint_warning / lint_error keys. */
#include "error.h"
#include "lint_rules.h"
#include "project.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ald_lint {
	ald_lint_finding *v;
	size_t n, cap;
	struct ald_strvec kept; /* every string the findings point to */
	int max;
};

struct ald_lint *ald__lint_new(void)
{
	return ald__xcalloc(1, sizeof(struct ald_lint));
}

const char *ald__lint_keep(struct ald_lint *l, const char *s)
{
	ald__strvec_pushdup(&l->kept, s);
	return l->kept.v[l->kept.n - 1];
}

/* Takes ownership of s. */
static const char *keep_owned(struct ald_lint *l, char *s)
{
	ald__strvec_push(&l->kept, s);
	return s;
}

int ald__lint_wants(const struct ald_lint_unit *u, int rule)
{
	return u->severity[rule] != ALD_LINT_OFF && !(u->ignored & ((uint64_t)1 << rule));
}

void ald__lint_report(struct ald_lint_unit *u, int rule, const char *fmt, ...)
{
	if (!ald__lint_wants(u, rule))
		return;
	struct ald_lint *l = u->out;
	va_list ap;
	va_start(ap, fmt);
	char *message = ald__xvasprintf(fmt, ap);
	va_end(ap);
	l->v = ald__xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	ald_lint_finding *f = &l->v[l->n++];
	const struct ald_lint_rule_info *info = &ald__lint_rules[rule];
	f->rule = info->pub.id;
	f->severity = u->severity[rule];
	f->revision = u->revision;
	f->path = u->path;
	f->line = u->line;
	f->column = u->column;
	f->downgrade = u->downgrade;
	f->statement = keep_owned(l, ald__xstrndup(u->stmt ? u->stmt : "", u->stmt ? u->stmt_len : 0));
	f->message = keep_owned(l, message);
	f->reason = info->reason;
	f->fix = info->fix;
	if (f->severity > l->max)
		l->max = f->severity;
}

const char *ald__lint_relname(char *buf, size_t n, const PgQuery__RangeVar *rv)
{
	if (!rv || !rv->relname)
		snprintf(buf, n, "?");
	else if (rv->schemaname && *rv->schemaname)
		snprintf(buf, n, "%s.%s", rv->schemaname, rv->relname);
	else
		snprintf(buf, n, "%s", rv->relname);
	return buf;
}

/* Applies one key's list to sev: each id (comma and/or blank separated) gets
 * `to`. An unknown id is an error naming the key and the id. */
static int apply_list(int sev[LR_COUNT], const char *list, int to, const char *key, const struct ald_config *c,
		      unsigned line)
{
	const char *s = list;
	for (;;) {
		while (*s == ',' || *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s)
			return 0;
		const char *e = s;
		while (*e && *e != ',' && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r')
			e++;
		int r = ald__lint_rule_find(s, (size_t)(e - s));
		if (r < 0)
			return ald__error_set(ALD_EINVALID, "%s:%u: %s: unknown lint rule '%.*s' (aludel lint --rules lists them)",
					     c->path, line, key, (int)(e - s), s);
		sev[r] = to;
		s = e;
	}
}

int ald__lint_severities(int sev[LR_COUNT], const ald_project *p)
{
	static const char *const keys[3] = {"lint_disable", "lint_warning", "lint_error"};
	static const int to[3] = {ALD_LINT_OFF, ALD_LINT_WARNING, ALD_LINT_ERROR};
	for (int i = 0; i < LR_COUNT; i++)
		sev[i] = ald__lint_rules[i].pub.severity;
	if (!p)
		return 0;
	/* lint_warning and lint_error first, so that lint_disable wins */
	static const int order[3] = {1, 2, 0};
	for (int k = 0; k < 3; k++) {
		int i = order[k];
		const char *v = p->config.lint_keys[i];
		if (v) {
			int err = apply_list(sev, v, to[i], keys[i], &p->config, p->config.lint_lines[i]);
			if (err < 0)
				return err;
		}
	}
	return 0;
}

size_t ald_lint_count(const ald_lint *l)
{
	return l ? l->n : 0;
}

const ald_lint_finding *ald_lint_at(const ald_lint *l, size_t i)
{
	return l && i < l->n ? &l->v[i] : NULL;
}

int ald_lint_max_severity(const ald_lint *l)
{
	return l ? l->max : ALD_LINT_OFF;
}

void ald_lint_free(ald_lint *l)
{
	if (!l)
		return;
	free(l->v);
	ald__strvec_free(&l->kept);
	free(l);
}
