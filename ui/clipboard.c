/* clipboard.c - `y`: copies the selected revision's id to the clipboard by
 * the terminal's OSC 52 sequence (ESC ] 52 ; c ; base64 BEL). Terminals that
 * allow it set their clipboard; tmux takes it into a paste buffer (and passes
 * it on) when its set-clipboard option is on. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The base64 text of s[0..n) (RFC 4648, with padding); the caller frees it. */
static char *base64(const unsigned char *s, size_t n)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc((n + 2) / 3 * 4 + 1), *o = out;
	if (!out)
		abort();
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
			     (i + 2 < n ? s[i + 2] : 0);
		*o++ = abc[v >> 18 & 63];
		*o++ = abc[v >> 12 & 63];
		*o++ = i + 1 < n ? abc[v >> 6 & 63] : '=';
		*o++ = i + 2 < n ? abc[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

/* Writes all of s to the terminal (standard output, as ncurses does). */
static int write_all(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);
		if (w < 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

void clipboard_copy_id(struct tui *t)
{
	if (!ald_revlist_count(t->order)) {
		tui_set_status(t, "no revisions yet: create one with `aludel revision -m MESSAGE`");
		return;
	}
	const char *id = ald_revision_id(ald_revlist_at(t->order, t->cursor));
	char *b64 = base64((const unsigned char *)id, strlen(id));
	size_t n = strlen(b64) + 16;
	char *seq = malloc(n);
	if (!seq)
		abort();
	snprintf(seq, n, "\033]52;c;%s\a", b64);
	refresh(); /* ncurses' own output first */
	fflush(stdout);
	if (write_all(seq, strlen(seq)) < 0)
		tui_set_status(t, "y: could not write to the terminal");
	else
		tui_set_status(t, "copied %s", id);
	free(seq);
	free(b64);
}
