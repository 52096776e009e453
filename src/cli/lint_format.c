/* lint_format.c - `aludel lint`'s output: text lines an editor can jump to,
 * a JSON array, a SARIF 2.1.0 log (for code scanning), the rules catalogue. */
#include "lint_format.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *severity_name(int severity)
{
	return severity >= ALD_LINT_ERROR ? "error" : "warning";
}

/* `path` relative to the current folder when it lies under it, else as is
 * (borrowed from path). `cwd` is the current folder or NULL. */
static const char *relative(const char *path, const char *cwd)
{
	size_t n = cwd ? strlen(cwd) : 0;
	if (n && strncmp(path, cwd, n) == 0 && path[n] == '/' && path[n + 1])
		return path + n + 1;
	return path;
}

static char *current_folder(void)
{
	char *cwd = getcwd(NULL, 0);
	if (cwd && strcmp(cwd, "/") == 0) {
		free(cwd);
		cwd = NULL; /* every path is under "/": keep them absolute */
	}
	return cwd;
}

/* Appends one indented line of text; newlines in `s` continue the indent. */
static void indented(struct cli_buf *b, const char *label, const char *s)
{
	if (!s || !*s)
		return;
	cli_buf_printf(b, "    %s: ", label);
	for (; *s; s++) {
		cli_buf_putc(b, *s);
		if (*s == '\n' && s[1])
			cli_buf_puts(b, "      ");
	}
	cli_buf_putc(b, '\n');
}

void lint_text(struct cli_buf *b, const ald_lint *l, size_t n_revs)
{
	char *cwd = current_folder();
	size_t warnings = 0, errors = 0;
	for (size_t i = 0; i < ald_lint_count(l); i++) {
		const ald_lint_finding *f = ald_lint_at(l, i);
		cli_buf_puts(b, relative(f->path ? f->path : "-", cwd));
		if (f->line)
			cli_buf_printf(b, ":%u:%u", f->line, f->column ? f->column : 1);
		cli_buf_printf(b, ": %s: %s: %s%s\n", severity_name(f->severity), f->rule,
			       f->message ? f->message : "", f->downgrade ? " (downgrade)" : "");
		indented(b, "why", f->reason);
		indented(b, "fix", f->fix);
		if (f->severity >= ALD_LINT_ERROR)
			errors++;
		else
			warnings++;
	}
	cli_buf_printf(b, "%zu warning%s, %zu error%s in %zu revision%s\n", warnings, warnings == 1 ? "" : "s",
		       errors, errors == 1 ? "" : "s", n_revs, n_revs == 1 ? "" : "s");
	free(cwd);
}

/* ", "key": "value"" with a JSON string, or null */
static void json_field(struct cli_buf *b, const char *key, const char *value)
{
	cli_buf_printf(b, ", \"%s\": ", key);
	if (value)
		fmt_json_string(b, value);
	else
		cli_buf_puts(b, "null");
}

void lint_json(struct cli_buf *b, const ald_lint *l)
{
	cli_buf_putc(b, '[');
	for (size_t i = 0; i < ald_lint_count(l); i++) {
		const ald_lint_finding *f = ald_lint_at(l, i);
		cli_buf_puts(b, i ? ",\n {\"rule\": " : "{\"rule\": ");
		fmt_json_string(b, f->rule);
		json_field(b, "severity", severity_name(f->severity));
		json_field(b, "revision", f->revision ? ald_revision_id(f->revision) : NULL);
		json_field(b, "path", f->path);
		cli_buf_printf(b, ", \"line\": %u, \"column\": %u, \"downgrade\": %s", f->line, f->column,
			       f->downgrade ? "true" : "false");
		json_field(b, "statement", f->statement);
		json_field(b, "message", f->message);
		json_field(b, "reason", f->reason);
		json_field(b, "fix", f->fix);
		cli_buf_putc(b, '}');
	}
	cli_buf_puts(b, "]\n");
}

/* A URI reference for a path: relative to the current folder when under
 * it, else a file:// URI; bytes outside the unreserved set and '/' are
 * percent-encoded (RFC 3986). */
static void uri(struct cli_buf *b, const char *path, const char *cwd)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *rel = relative(path, cwd);
	if (rel == path && path[0] == '/')
		cli_buf_puts(b, "file://");
	for (const unsigned char *s = (const unsigned char *)rel; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    strchr("-._~/", *s))
			cli_buf_putc(b, (char)*s);
		else
			cli_buf_printf(b, "%%%c%c", hex[*s >> 4], hex[*s & 15]);
	}
}

/* the catalogue's index of rule `id` (0 when unknown, which does not happen) */
static size_t rule_index(const char *id)
{
	for (size_t i = 0; i < ald_lint_rule_count(); i++)
		if (strcmp(ald_lint_rule_at(i)->id, id) == 0)
			return i;
	return 0;
}

void lint_sarif(struct cli_buf *b, const ald_lint *l)
{
	char *cwd = current_folder();
	cli_buf_puts(b, "{\"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
			"sarif-schema-2.1.0.json\",\n \"version\": \"2.1.0\",\n \"runs\": [{\n  \"tool\": "
			"{\"driver\": {\"name\": \"aludel\", \"version\": ");
	fmt_json_string(b, ald_version());
	cli_buf_puts(b, ",\n   \"rules\": [");
	for (size_t i = 0; i < ald_lint_rule_count(); i++) {
		const ald_lint_rule *r = ald_lint_rule_at(i);
		cli_buf_puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
		fmt_json_string(b, r->id);
		cli_buf_puts(b, ", \"shortDescription\": {\"text\": ");
		fmt_json_string(b, r->summary);
		cli_buf_puts(b, "}, \"help\": {\"text\": ");
		struct cli_buf help = {0};
		cli_buf_printf(&help, "Example: %s", r->example ? r->example : "");
		fmt_json_string(b, cli_buf_cstr(&help));
		cli_buf_free(&help);
		cli_buf_printf(b, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
			       r->severity == ALD_LINT_OFF ? "none" : severity_name(r->severity));
	}
	cli_buf_puts(b, "]}},\n  \"results\": [");
	for (size_t i = 0; i < ald_lint_count(l); i++) {
		const ald_lint_finding *f = ald_lint_at(l, i);
		cli_buf_puts(b, i ? ",\n   {\"ruleId\": " : "\n   {\"ruleId\": ");
		fmt_json_string(b, f->rule);
		cli_buf_printf(b, ", \"ruleIndex\": %zu, \"level\": \"%s\", \"message\": {\"text\": ",
			       rule_index(f->rule), severity_name(f->severity));
		fmt_json_string(b, f->message ? f->message : f->rule);
		cli_buf_puts(b, "},\n    \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"");
		uri(b, f->path ? f->path : "-", cwd);
		cli_buf_puts(b, "\"}");
		if (f->line)
			cli_buf_printf(b, ", \"region\": {\"startLine\": %u, \"startColumn\": %u}", f->line,
				       f->column ? f->column : 1);
		cli_buf_puts(b, "}}],\n    \"properties\": {\"revision\": ");
		if (f->revision)
			fmt_json_string(b, ald_revision_id(f->revision));
		else
			cli_buf_puts(b, "null");
		cli_buf_printf(b, ", \"downgrade\": %s", f->downgrade ? "true" : "false");
		json_field(b, "reason", f->reason);
		json_field(b, "fix", f->fix);
		cli_buf_puts(b, "}}");
	}
	cli_buf_puts(b, "]\n }]\n}\n");
	free(cwd);
}

void lint_print_rules(int json)
{
	struct cli_buf b = {0};
	size_t width = 0;
	for (size_t i = 0; i < ald_lint_rule_count(); i++) {
		size_t n = strlen(ald_lint_rule_at(i)->id);
		width = n > width ? n : width;
	}
	if (json)
		cli_buf_putc(&b, '[');
	for (size_t i = 0; i < ald_lint_rule_count(); i++) {
		const ald_lint_rule *r = ald_lint_rule_at(i);
		if (json) {
			cli_buf_puts(&b, i ? ",\n {\"id\": " : "{\"id\": ");
			fmt_json_string(&b, r->id);
			json_field(&b, "severity", severity_name(r->severity));
			json_field(&b, "summary", r->summary);
			json_field(&b, "example", r->example);
			cli_buf_putc(&b, '}');
			continue;
		}
		cli_buf_printf(&b, "%-*s  %-7s  %s\n", (int)width, r->id, severity_name(r->severity), r->summary);
		if (r->example)
			cli_buf_printf(&b, "%*s  example: %s\n", (int)width, "", r->example);
	}
	if (json)
		cli_buf_puts(&b, "]\n");
	cli_flush(&b);
}
