/* alembic_proc.c - one child process run to its end with its output read as
 * it comes: stderr line by line (Alembic's log), stdout kept whole (the
 * offline SQL), an interrupt passed on and the child waited for (alembic.h). */
#include "alembic.h"
#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The environment of the child: ours, with Python's output unbuffered so that
 * each log line arrives when it is written. The caller frees the array only
 * (the strings are environ's, or the literal). */
static char **child_env(void)
{
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = ald__xcalloc(n + 2, sizeof(*env));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "PYTHONUNBUFFERED=", 17) != 0)
			env[k++] = environ[i];
	env[k++] = (char *)"PYTHONUNBUFFERED=1";
	env[k] = NULL;
	return env;
}

/* Keeps the last ALD_PROC_TAIL bytes of what the child wrote. */
static void tail_add(struct ald_buf *tail, const char *s, size_t n)
{
	ald__buf_put(tail, s, n);
	if (tail->len > 2 * ALD_PROC_TAIL) {
		size_t drop = tail->len - ALD_PROC_TAIL;
		memmove(tail->ptr, tail->ptr + drop, tail->len - drop + 1);
		tail->len -= drop;
	}
}

/* Hands every complete line of `pending` to on_line and keeps the rest; an
 * over-long line is handed on in pieces. */
static void emit_lines(struct ald_proc *p, struct ald_buf *pending, int flush)
{
	size_t start = 0;
	for (size_t i = 0; i < pending->len; i++) {
		if (pending->ptr[i] != '\n' && i - start < 65536)
			continue;
		pending->ptr[i] = '\0';
		if (p->on_line)
			p->on_line(pending->ptr + start, p->payload);
		start = i + 1;
	}
	if (flush && start < pending->len) {
		if (p->on_line)
			p->on_line(pending->ptr + start, p->payload);
		start = pending->len;
	}
	if (start) { /* (an empty buffer may have no memory yet: no memmove from NULL) */
		memmove(pending->ptr, pending->ptr + start, pending->len - start);
		pending->len -= start;
	}
	if (pending->ptr)
		pending->ptr[pending->len] = '\0';
}

static int spawn(pid_t *pid, const struct ald_strvec *argv, int out_fd, int err_fd, int close1, int close2)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
	posix_spawn_file_actions_addclose(&fa, close1);
	posix_spawn_file_actions_addclose(&fa, close2);
	posix_spawnattr_setpgroup(&at, 0);
	sigset_t none;
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&at, &none);
	sigset_t dfl;
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGPIPE);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	char **env = child_env();
	char **av = ald__xcalloc(argv->n + 1, sizeof(*av));
	memcpy(av, argv->v, argv->n * sizeof(*av));
	int rc = posix_spawnp(pid, av[0], &fa, &at, av, env);
	free(av);
	free(env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (rc != 0)
		return ald__error_set(ALD_ERROR, "cannot start %s: %s", argv->v[0], strerror(rc));
	return 0;
}

/* Reads what is there on fd; 0 at end of file. */
static ssize_t drain(int fd, char *buf, size_t n)
{
	ssize_t r;
	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

int ald__proc_run(struct ald_proc *p, const struct ald_strvec *argv)
{
	int out[2], err[2];
	p->status = -1;
	p->interrupted = 0;
	if (argv->n == 0)
		return ald__error_set(ALD_EUSAGE, "no command to run");
	if (pipe2(out, O_CLOEXEC) < 0)
		return ald__error_set(ALD_ERROR, "pipe: %s", strerror(errno));
	if (pipe2(err, O_CLOEXEC) < 0) {
		close(out[0]);
		close(out[1]);
		return ald__error_set(ALD_ERROR, "pipe: %s", strerror(errno));
	}
	pid_t pid;
	int error = spawn(&pid, argv, out[1], err[1], out[0], err[0]);
	close(out[1]);
	close(err[1]);
	if (error < 0) {
		close(out[0]);
		close(err[0]);
		return error;
	}
	struct pollfd fds[2] = {{.fd = out[0], .events = POLLIN}, {.fd = err[0], .events = POLLIN}};
	struct ald_buf pending = {0};
	char chunk[16384];
	int open_fds = 2, too_much = 0;
	while (open_fds > 0) {
		if (!p->interrupted && p->cancelled && p->cancelled(p->payload)) {
			kill(-pid, SIGINT);
			p->interrupted = 1;
		}
		int n = poll(fds, 2, 100);
		if (n < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2 && n > 0; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			ssize_t r = drain(fds[i].fd, chunk, sizeof(chunk));
			if (r <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
				continue;
			}
			if (i == 0 && p->keep_stdout) {
				if (p->out.len + (size_t)r > ALD_PROC_MAX_OUT) {
					if (!too_much)
						kill(-pid, SIGKILL);
					too_much = 1;
				} else {
					ald__buf_put(&p->out, chunk, (size_t)r);
				}
				continue;
			}
			tail_add(&p->tail, chunk, (size_t)r);
			if (i == 1) {
				ald__buf_put(&pending, chunk, (size_t)r);
				emit_lines(p, &pending, 0);
			}
		}
	}
	emit_lines(p, &pending, 1);
	ald__buf_free(&pending);
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	int ws = 0;
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
		if (!p->interrupted && p->cancelled && p->cancelled(p->payload)) {
			kill(-pid, SIGINT);
			p->interrupted = 1;
		}
	}
	p->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
	if (too_much)
		return ald__error_set(ALD_ERROR, "%s wrote more than %zu MiB to its standard output: stopped",
				     argv->v[0], ALD_PROC_MAX_OUT >> 20);
	return 0;
}

void ald__proc_clear(struct ald_proc *p)
{
	ald__buf_free(&p->out);
	ald__buf_free(&p->tail);
}
