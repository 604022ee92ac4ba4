/* ivrctl.c — one command to ivrd's control socket (ivrctl.h).  A short-lived connection
 * per command: the web programs send a few per agent action, and ivrd accepts 64 at once. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "ivrctl.h"
#include "log.h"

#define IVRCTL_TIMEOUT_MS 3000
#define IVRCTL_MAX_REPLY 65536

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Connects to the socket; the fd or -1. */
static int ctl_connect(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char *path = config_path("WL_VAR", "run/ivrd.sock");
	int fd = -1;

	if (!path || strlen(path) >= sizeof(sa.sun_path)) {
		log_err("ivrctl: bad socket path");
		goto out;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		log_err("ivrctl: cannot connect to %s: %s", path, strerror(errno));
		close(fd);
		fd = -1;
	}
out:
	free(path);
	return fd;
}

/* Reads until a line starting with "OK" or "ERR" has arrived; the text in buf (size
 * cap), or -1 on timeout, error or an overlong reply. */
static int ctl_read(int fd, char *buf, size_t cap)
{
	long long deadline = now_ms() + IVRCTL_TIMEOUT_MS;
	size_t len = 0;

	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		long long left = deadline - now_ms();
		ssize_t got;
		char *last;

		buf[len] = '\0';
		/* The status line is the last complete line. */
		if (len >= 2 && buf[len - 1] == '\n') {
			buf[len - 1] = '\0';
			last = strrchr(buf, '\n');
			last = last ? last + 1 : buf;
			buf[len - 1] = '\n';
			if (!strncmp(last, "OK", 2) || !strncmp(last, "ERR", 3))
				return 0;
		}
		if (left <= 0 || len + 1 >= cap || poll(&p, 1, (int)left) <= 0)
			return -1;
		got = read(fd, buf + len, cap - 1 - len);
		if (got <= 0)
			return -1;
		len += (size_t)got;
	}
}

int ivrctl_command(struct ivrctl_reply *out, const char *cmd)
{
	char *buf = NULL, *save = NULL, *line;
	int fd, err = -1;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (!cmd || strpbrk(cmd, "\r\n") || !*cmd)
		return -1;
	if ((fd = ctl_connect()) < 0)
		return -1;
	n = strlen(cmd);
	if (write(fd, cmd, n) != (ssize_t)n || write(fd, "\n", 1) != 1) {
		log_err("ivrctl: cannot send '%s': %s", cmd, strerror(errno));
		goto out;
	}
	if (!(buf = malloc(IVRCTL_MAX_REPLY)) || ctl_read(fd, buf, IVRCTL_MAX_REPLY)) {
		log_err("ivrctl: no answer to '%s'", cmd);
		goto out;
	}
	for (line = strtok_r(buf, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		if (!strncmp(line, "OK", 2) || !strncmp(line, "ERR", 3)) {
			out->ok = line[0] == 'O';
			snprintf(out->status, sizeof(out->status), "%s",
				 line + (out->ok ? 2 : 3) + (line[out->ok ? 2 : 3] == ' '));
			err = 0;
			break;
		}
		if (out->n < IVRCTL_MAX_LINES && !(out->lines[out->n++] = strdup(line)))
			out->n--;
	}
out:
	if (fd >= 0) {
		(void)!write(fd, "quit\n", 5);
		close(fd);
	}
	free(buf);
	if (err)
		ivrctl_free(out);
	return err;
}

void ivrctl_free(struct ivrctl_reply *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->lines[i]);
	r->n = 0;
}

unsigned ivrctl_live_call(unsigned long long db_id)
{
	struct ivrctl_reply r;
	unsigned found = 0;
	char want[32];

	snprintf(want, sizeof(want), " db=%llu", db_id);
	if (!db_id || ivrctl_command(&r, "calls"))
		return 0;
	for (size_t i = 0; i < r.n && !found; i++) {
		const char *end = r.lines[i] + strlen(r.lines[i]) - strlen(want);
		unsigned id;

		/* CALL <id> <state> ... db=<call.id> */
		if (end >= r.lines[i] && !strcmp(end, want) &&
		    sscanf(r.lines[i], "CALL %u ", &id) == 1)
			found = id;
	}
	ivrctl_free(&r);
	return found;
}

unsigned ivrctl_agent_call(const char *ext)
{
	struct ivrctl_reply r;
	unsigned found = 0;
	char want[48];

	if (!ext || !ext[0] || strlen(ext) > 16 || ivrctl_command(&r, "calls"))
		return 0;
	snprintf(want, sizeof(want), " agent=%s ", ext);
	for (size_t i = 0; i < r.n && !found; i++) {
		unsigned id;

		/* CALL <id> bridged <direction> <from> <to> <seconds> agent=<ext> ... */
		if (strstr(r.lines[i], want) && sscanf(r.lines[i], "CALL %u bridged ", &id) == 1)
			found = id;
	}
	ivrctl_free(&r);
	return found;
}
