/* config.c - loading a project's configuration (see config.h). */
#include "config.h"
#include "config_ini.h"
#include "error.h"
#include "revision_write.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Keys of the main section: the ones aludel uses, then Alembic's that it
 * accepts and ignores. */
static const char *const known_keys[] = {
	"script_location", "version_locations", "version_path_separator", "sqlalchemy.url",
	"url", "file_template", "truncate_slug_length", "version_table",
	"version_table_schema", "transaction_per_migration", "alembic_command", "max_revision_size",
	"lint_disable", "lint_warning", "lint_error", "history_table",
	/* ignored */
	"prepend_sys_path", "timezone", "revision_environment", "sourceless", "output_encoding",
	"recursive_version_locations", "path_separator",
};

char *ald__abspath(const char *path)
{
	struct ald_buf in = {0}, out = {0};
	if (path[0] != '/') {
		char *cwd = getcwd(NULL, 0);
		ald__buf_puts(&in, cwd ? cwd : ".");
		ald__buf_putc(&in, '/');
		free(cwd);
	}
	ald__buf_puts(&in, path);
	/* Walk the components, dropping "." and resolving ".." textually. */
	const char *s = ald__buf_cstr(&in);
	while (*s) {
		while (*s == '/')
			s++;
		const char *e = s;
		while (*e && *e != '/')
			e++;
		size_t n = (size_t)(e - s);
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			char *slash = out.len ? strrchr(out.ptr, '/') : NULL;
			if (slash) {
				out.len = (size_t)(slash - out.ptr);
				out.ptr[out.len] = '\0';
			}
		} else if (n > 0 && !(n == 1 && s[0] == '.')) {
			ald__buf_putc(&out, '/');
			ald__buf_put(&out, s, n);
		}
		s = e;
	}
	ald__buf_free(&in);
	if (out.len == 0)
		ald__buf_putc(&out, '/');
	return ald__buf_detach(&out);
}

static char *dirname_of(const char *abs)
{
	const char *slash = strrchr(abs, '/');
	return slash == abs ? ald__xstrdup("/") : ald__xstrndup(abs, (size_t)(slash - abs));
}

struct loader {
	struct ald_config *cfg;
	struct ald_ini ini;
};

/* The expanded value of key (main section, then [DEFAULT]) in *out, or NULL
 * when the key is absent. *line gets its line (0 if absent). */
static int get(char **out, unsigned *line, struct loader *l, const char *key)
{
	const struct ald_ini_entry *e = ald__ini_lookup(&l->ini, l->cfg->section, key);
	*out = NULL;
	if (line)
		*line = e ? e->line : 0;
	if (!e)
		return 0;
	return ald__ini_expand(out, &l->ini, l->cfg->section, l->cfg->here, e);
}

static int check_keys(struct loader *l)
{
	if (ald__streq(l->cfg->section, "alembic"))
		return 0; /* env.py of an Alembic project may read keys of its own */
	for (size_t i = 0; i < l->ini.n; i++) {
		const struct ald_ini_entry *e = &l->ini.v[i];
		if (!ald__streq(e->section, l->cfg->section))
			continue;
		size_t k = 0;
		while (k < sizeof(known_keys) / sizeof(*known_keys) && !ald__streq(known_keys[k], e->key))
			k++;
		if (k == sizeof(known_keys) / sizeof(*known_keys))
			return ald__error_set(ALD_EINVALID, "%s:%u: unknown key '%s' in [%s]",
					     l->ini.path, e->line, e->key, e->section);
	}
	return 0;
}

static int load_script_location(struct loader *l)
{
	char *v;
	int error = get(&v, NULL, l, "script_location");
	if (error < 0)
		return error;
	if (!v || !*v) {
		free(v);
		return ald__error_set(ALD_ENOTFOUND, "No 'script_location' key found in configuration.");
	}
	l->cfg->script_location = ald__abspath(v);
	free(v);
	if (access(l->cfg->script_location, F_OK) != 0) {
		char *r = ald__py_repr(l->cfg->script_location);
		error = ald__error_set(ALD_ENOTFOUND,
				      "Path doesn't exist: %s.  Please use the 'init' command to create "
				      "a new scripts folder.",
				      r);
		free(r);
	}
	return error;
}

/* Splits `list` on `sep` (0: Alembic's legacy commas and/or spaces); a
 * newline always separates. Items are trimmed, empty ones dropped, the rest
 * made absolute. */
static void split_locations(struct ald_strvec *out, const char *list, char sep)
{
	const char *s = list;
	while (*s) {
		size_t n = 0;
		while (s[n] && s[n] != '\n' && (sep ? s[n] != sep : s[n] != ',' && s[n] != ' '))
			n++;
		size_t a = 0, b = n;
		while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
			b--;
		if (b > a) {
			char *item = ald__xstrndup(s + a, b - a);
			ald__strvec_push(out, ald__abspath(item));
			free(item);
		}
		s += n;
		if (*s)
			s++;
	}
}

static int load_version_locations(struct loader *l)
{
	struct ald_config *cfg = l->cfg;
	char *list = NULL, *sepv = NULL;
	unsigned sep_line;
	int error = get(&list, NULL, l, "version_locations");
	if (error < 0)
		return error;
	if (!list || !*list) {
		free(list);
		ald__strvec_push(&cfg->version_locations,
				ald__xasprintf("%s/versions", cfg->script_location));
		return 0;
	}
	cfg->version_locations_set = 1;
	char sep = 0;
	if ((error = get(&sepv, &sep_line, l, "version_path_separator")) < 0)
		goto done;
	if (sepv) {
		if (ald__streq(sepv, "space"))
			sep = ' ';
		else if (ald__streq(sepv, "os") || ald__streq(sepv, ":"))
			sep = ':';
		else if (ald__streq(sepv, ";"))
			sep = ';';
		else {
			char *r = ald__py_repr(sepv);
			error = ald__error_set(ALD_EINVALID,
					      "%s:%u: %s is not a valid value for version_path_separator; "
					      "expected 'space', 'os', ':', ';'",
					      l->ini.path, sep_line, r);
			free(r);
			goto done;
		}
	}
	split_locations(&cfg->version_locations, list, sep);
done:
	free(list);
	free(sepv);
	return error;
}

static int load_url(struct loader *l, const char *given)
{
	const char *env = getenv("DATABASE_URL");
	if (given) {
		l->cfg->url = ald__xstrdup(given);
		l->cfg->url_from = "--url";
		return 0;
	}
	if (env && *env) {
		l->cfg->url = ald__xstrdup(env);
		l->cfg->url_from = "DATABASE_URL";
		return 0;
	}
	static const char *const keys[] = {"sqlalchemy.url", "url"};
	for (size_t i = 0; i < 2; i++) {
		char *v;
		int error = get(&v, NULL, l, keys[i]);
		if (error < 0)
			return error;
		if (v && *v) {
			l->cfg->url = v;
			return 0;
		}
		free(v);
	}
	return 0;
}

/* Parses an integer (optional sign, digits, surrounding blanks). */
static int parse_int(const char *v, long *out)
{
	char *end;
	while (*v == ' ' || *v == '\t')
		v++;
	if (!*v)
		return -1;
	*out = strtol(v, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	return *end || *out > 100000 || *out < -100000 ? -1 : 0;
}

static int load_file_template(struct loader *l)
{
	unsigned line;
	char *v;
	int error = get(&v, &line, l, "file_template");
	if (error < 0)
		return error;
	l->cfg->file_template = v && *v ? v : ald__xstrdup("%(rev)s_%(slug)s");
	if (v && !*v)
		free(v);
	/* Try it once so that a bad token is reported with its line. */
	struct ald_template_values tv = {.rev = "x", .slug = "x"};
	char *name;
	if ((error = ald__file_template_expand(&name, l->cfg->file_template, &tv)) < 0) {
		ald__error_prefix("%s:%u: ", l->ini.path, line);
		return error;
	}
	free(name);
	return 0;
}

/* history_table: absent or a true value (true/yes/on/1), the default
 * "aludel_history"; empty or a false value (false/no/off/0), no history
 * table; else the table's name. */
static int load_history_table(struct loader *l)
{
	char *v;
	int error = get(&v, NULL, l, "history_table"), on = 1;
	if (error < 0)
		return error;
	if (v && !*v)
		on = 0;
	if (v && (!*v || ald__parse_bool(v, &on) == 0)) {
		free(v);
		v = NULL;
		if (!on) {
			l->cfg->history_table = NULL;
			return 0;
		}
	}
	l->cfg->history_table = v ? v : ald__xstrdup("aludel_history");
	return 0;
}

static int load_scalars(struct loader *l)
{
	struct ald_config *cfg = l->cfg;
	unsigned line;
	char *v;
	int error;

	if ((error = get(&v, &line, l, "truncate_slug_length")) < 0)
		return error;
	cfg->truncate_slug_length = 40;
	if (v && *v) {
		long n;
		if (parse_int(v, &n) < 0 || n < 0)
			error = ald__error_set(ALD_EINVALID,
					      "%s:%u: truncate_slug_length must be a whole number "
					      "(0 or more), not '%s'",
					      l->ini.path, line, v);
		else if (n > 0)
			cfg->truncate_slug_length = (int)n;
	}
	free(v);
	if (error < 0)
		return error;

	if ((error = get(&v, &line, l, "transaction_per_migration")) < 0)
		return error;
	cfg->transaction_per_migration_set = v && *v;
	if (v && *v && ald__parse_bool(v, &cfg->transaction_per_migration) < 0)
		error = ald__error_set(ALD_EINVALID,
				      "%s:%u: transaction_per_migration must be true or false "
				      "(yes/no, on/off, 1/0), not '%s'",
				      l->ini.path, line, v);
	free(v);
	if (error < 0)
		return error;

	if ((error = get(&v, NULL, l, "version_table")) < 0)
		return error;
	cfg->version_table_set = v && *v;
	cfg->version_table = v && *v ? v : ald__xstrdup("alembic_version");
	if (v && !*v)
		free(v);
	if ((error = get(&v, NULL, l, "version_table_schema")) < 0)
		return error;
	cfg->version_table_schema = v && *v ? v : NULL;
	if (v && !*v)
		free(v);
	if ((error = get(&v, NULL, l, "alembic_command")) < 0)
		return error;
	cfg->alembic_command = v && *v ? v : NULL;
	if (v && !*v)
		free(v);
	if ((error = load_history_table(l)) < 0)
		return error;
	static const char *const lint_keys[3] = {"lint_disable", "lint_warning", "lint_error"};
	for (int i = 0; i < 3; i++) {
		if ((error = get(&cfg->lint_keys[i], &cfg->lint_lines[i], l, lint_keys[i])) < 0)
			return error;
	}
	return 0;
}

/* max_revision_size: a whole number of bytes, or of KiB, MiB or GiB with the
 * suffix K, M or G (KB/KiB... as well); at least 1 byte, at most 1 TiB. */
static int load_max_revision_size(struct loader *l)
{
	unsigned line;
	char *v;
	int error = get(&v, &line, l, "max_revision_size");
	l->cfg->max_revision_size = ALD_READ_DEFAULT_LIMIT;
	if (error < 0 || !v || !*v) {
		free(v);
		return error;
	}
	const char *s = v;
	while (*s == ' ' || *s == '\t')
		s++;
	char *end;
	unsigned long long n = *s >= '0' && *s <= '9' ? strtoull(s, &end, 10) : 0;
	int shift = 0;
	if (n) {
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end == 'k' || *end == 'K')
			shift = 10, end++;
		else if (*end == 'm' || *end == 'M')
			shift = 20, end++;
		else if (*end == 'g' || *end == 'G')
			shift = 30, end++;
		if (shift && (*end == 'i' || *end == 'I'))
			end++;
		if (shift && (*end == 'b' || *end == 'B'))
			end++;
		while (*end == ' ' || *end == '\t')
			end++;
	}
	if (!n || *end || n > (1ull << 40) >> shift)
		error = ald__error_set(ALD_EINVALID,
				      "%s:%u: max_revision_size must be a size in bytes from 1 to 1 TiB, "
				      "optionally with K, M or G (e.g. 64M), not '%s'",
				      l->ini.path, line, v);
	else
		l->cfg->max_revision_size = (size_t)(n << shift);
	free(v);
	return error;
}

/* Reads the file and picks the section; fills path, here and section. */
static int open_file(struct loader *l, const struct ald_config_options *opts)
{
	struct ald_config *cfg = l->cfg;
	const char *given = opts->path;
	if (!given) /* as Alembic: -c, else $ALEMBIC_CONFIG, else the default files */
		given = getenv("ALEMBIC_CONFIG");
	if (!given || !*given)
		given = access("aludel.ini", F_OK) == 0 ? "aludel.ini" : "alembic.ini";
	char *text = NULL;
	size_t len = 0;
	int error = 0;
	if (access(given, F_OK) == 0) {
		if ((error = ald__read_file(&text, &len, given)) < 0)
			return error;
		error = ald__ini_parse(&l->ini, given, text, len);
		free(text);
		if (error < 0)
			return error;
	}
	const char *section = opts->section;
	if (!section)
		section = ald__ini_has_section(&l->ini, "aludel") ? "aludel" : "alembic";
	if (!ald__ini_has_section(&l->ini, section)) {
		char *r = ald__py_repr(given);
		error = ald__error_set(ALD_ENOTFOUND,
				      "No config file %s found, or file has no '[%s]' section", r,
				      section);
		free(r);
		return error;
	}
	cfg->path = ald__abspath(given);
	cfg->here = dirname_of(cfg->path);
	cfg->section = ald__xstrdup(section);
	return 0;
}

int ald__config_load(struct ald_config *out, const struct ald_config_options *opts)
{
	struct loader l = {.cfg = out};
	int error;
	memset(out, 0, sizeof(*out));
	if ((error = open_file(&l, opts)) < 0 || (error = check_keys(&l)) < 0 ||
	    (error = load_script_location(&l)) < 0 || (error = load_version_locations(&l)) < 0 ||
	    (error = load_url(&l, opts->url)) < 0 || (error = load_file_template(&l)) < 0 ||
	    (error = load_scalars(&l)) < 0 || (error = load_max_revision_size(&l)) < 0) {
		ald__ini_clear(&l.ini);
		ald__config_clear(out);
		return error;
	}
	ald__ini_clear(&l.ini);
	ald__read_set_limit(out->max_revision_size);
	for (size_t i = 0; i < opts->n_x_args; i++)
		ald__strvec_pushdup(&out->x_args, opts->x_args[i]);
	return 0;
}

void ald__config_clear(struct ald_config *cfg)
{
	free(cfg->path);
	free(cfg->here);
	free(cfg->section);
	free(cfg->script_location);
	ald__strvec_free(&cfg->version_locations);
	free(cfg->url);
	free(cfg->file_template);
	free(cfg->version_table);
	free(cfg->version_table_schema);
	free(cfg->alembic_command);
	free(cfg->history_table);
	for (int i = 0; i < 3; i++)
		free(cfg->lint_keys[i]);
	ald__strvec_free(&cfg->x_args);
	memset(cfg, 0, sizeof(*cfg));
}

const char *ald__config_x(const struct ald_config *cfg, const char *key)
{
	size_t klen = strlen(key);
	const char *found = NULL;
	for (size_t i = 0; i < cfg->x_args.n; i++) {
		const char *a = cfg->x_args.v[i];
		if (strncmp(a, key, klen) == 0 && (a[klen] == '=' || a[klen] == '\0'))
			found = a[klen] == '=' ? a + klen + 1 : a + klen;
	}
	return found;
}
