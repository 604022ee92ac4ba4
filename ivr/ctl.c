/* ctl.c — ivrd's control socket: a local unix socket ($WL_VAR/run/ivrd.sock) speaking a
 * line protocol (one command per line; replies are item lines and one final "OK ..." or
 * "ERR reason" line).  ivr/README.md documents every command.  Clients are untrusted:
 * lines are bounded, connections are bounded, output is buffered without blocking. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "log.h"
#include "ivrd.h"
#include "call.h"

enum {
	LINE_MAX_ = 1024,
	MAX_CONNS = 64,
	OUT_MAX = 1 << 20,
};

struct conn {
	struct le le;
	int fd;
	char line[LINE_MAX_];
	size_t n;
	bool overlong;
	bool closing;
	struct mbuf *out;
};

static int lfd = -1;
static struct list conns;

static void conn_destructor(void *arg)
{
	struct conn *c = arg;

	list_unlink(&c->le);
	if (c->fd >= 0) {
		fd_close(c->fd);
		close(c->fd);
	}
	mem_deref(c->out);
}

static void conn_handler(int flags, void *arg);

/* Writes what it can; the rest waits for FD_WRITE.  Returns false when c was freed. */
static bool conn_flush(struct conn *c)
{
	while (mbuf_get_left(c->out)) {
		ssize_t n = write(c->fd, mbuf_buf(c->out), mbuf_get_left(c->out));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			mem_deref(c);
			return false;
		}
		mbuf_advance(c->out, n);
	}
	if (!mbuf_get_left(c->out)) {
		mbuf_reset(c->out);
		if (c->closing) {
			mem_deref(c);
			return false;
		}
		fd_listen(c->fd, FD_READ, conn_handler, c);
	} else {
		fd_listen(c->fd, FD_READ | FD_WRITE, conn_handler, c);
	}
	return true;
}

static int reply(struct conn *c, const char *fmt, ...)
{
	va_list ap;
	int err;

	if (c->out->end > OUT_MAX) {
		c->closing = true;	/* a client that never reads */
		return ENOBUFS;
	}
	c->out->pos = c->out->end;
	va_start(ap, fmt);
	err = mbuf_vprintf(c->out, fmt, ap);
	va_end(ap);
	c->out->pos = 0;
	return err;
}

static int print_handler(const char *p, size_t size, void *arg)
{
	struct conn *c = arg;

	c->out->pos = c->out->end;
	int err = mbuf_write_mem(c->out, (const uint8_t *)p, size);
	c->out->pos = 0;
	return err;
}

static bool parse_id(const char *s, unsigned *id)
{
	char *end;
	unsigned long v;

	if (!s || !*s)
		return false;
	v = strtoul(s, &end, 10);
	if (*end || v == 0 || v > 0xffffffffUL)
		return false;
	*id = (unsigned)v;
	return true;
}

static bool ext_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 2 || n > 16)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool number_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 1 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (i == 0 && s[i] == '+')))
			return false;
	return true;
}

static void cmd_agents(struct conn *c)
{
	uint64_t now = tmr_jiffies();
	unsigned n = 0;

	for (struct le *le = reg_list()->head; le; le = le->next) {
		const struct reg_binding *b = le->data;

		reply(c, "AGENT %s %llu %s %llu %u\r\n", b->ext, b->staff_id, b->contact,
		      (unsigned long long)(b->expires > now ? (b->expires - now) / 1000 : 0),
		      b->calls);
		n++;
	}
	reply(c, "OK %u agents\r\n", n);
}

static void cmd_calls(struct conn *c)
{
	struct re_printf pf = { print_handler, c };
	unsigned n = 0;

	call_list_print(&pf, &n);
	reply(c, "OK %u calls\r\n", n);
}

/* A transfer target: an extension, a queue code or a number. */
static bool target_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 1 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_-+", s[i]))
			return false;
	return true;
}

/* The agent's call control: hold|unhold|complete|cancel CALL, transfer|consult|conference
 * CALL TARGET, pickup CALL EXT (ivr/README.md). */
static void cmd_call_ctl(struct conn *c, char **argv)
{
	const char *cmd = argv[0], *arg = argv[2], *reason = "";
	unsigned id;
	int err;

	if (!parse_id(argv[1], &id)) {
		reply(c, "ERR bad call id\r\n");
		return;
	}
	if (!strcmp(cmd, "pickup") && !ext_ok(arg)) {
		reply(c, "ERR bad extension\r\n");
		return;
	}
	if (arg && strcmp(cmd, "pickup") && !target_ok(arg)) {
		reply(c, "ERR bad target\r\n");
		return;
	}
	if (!strcmp(cmd, "hold") || !strcmp(cmd, "unhold"))
		err = call_hold_id(id, !strcmp(cmd, "hold"), &reason);
	else if (!strcmp(cmd, "complete"))
		err = call_complete_id(id, &reason);
	else if (!strcmp(cmd, "cancel"))
		err = call_cancel_id(id, &reason);
	else if (!strcmp(cmd, "transfer"))
		err = call_transfer_id(id, arg, &reason);
	else if (!strcmp(cmd, "consult"))
		err = call_consult_id(id, arg, &reason);
	else if (!strcmp(cmd, "conference"))
		err = call_conference_id(id, arg, &reason);
	else
		err = call_pickup_id(id, arg, &reason);
	if (err)
		reply(c, "ERR %s\r\n", reason);
	else if (arg)
		reply(c, "OK %s %u %s\r\n", cmd, id, arg);
	else
		reply(c, "OK %s %u\r\n", cmd, id);
}

static void command(struct conn *c, char *line)
{
	char *argv[4] = { NULL }, *save = NULL;
	const char *reason = "";
	struct re_printf pf = { print_handler, c };
	bool handled = false;
	unsigned id;
	int argc = 0;

	for (char *t = strtok_r(line, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
		if (argc == 4) {
			reply(c, "ERR too many arguments\r\n");
			return;
		}
		argv[argc++] = t;
	}
	if (!argc)
		return;	/* empty lines are ignored */
	if (!strcmp(argv[0], "ping") && argc == 1) {
		reply(c, "OK pong\r\n");
	} else if (!strcmp(argv[0], "calls") && argc == 1) {
		cmd_calls(c);
	} else if (!strcmp(argv[0], "agents") && argc == 1) {
		cmd_agents(c);
	} else if (!strcmp(argv[0], "hangup") && argc == 2) {
		if (!parse_id(argv[1], &id))
			reply(c, "ERR bad call id\r\n");
		else if (call_hangup_id(id))
			reply(c, "ERR no such call\r\n");
		else
			reply(c, "OK hung up %u\r\n", id);
	} else if (!strcmp(argv[0], "bridge") && argc == 3) {
		if (!parse_id(argv[1], &id))
			reply(c, "ERR bad call id\r\n");
		else if (!ext_ok(argv[2]))
			reply(c, "ERR bad extension\r\n");
		else if (call_bridge_id(id, argv[2], &reason))
			reply(c, "ERR %s\r\n", reason);
		else
			reply(c, "OK ringing %s\r\n", argv[2]);
	} else if ((!strcmp(argv[0], "listen") || !strcmp(argv[0], "whisper") ||
		    !strcmp(argv[0], "barge")) && argc == 3) {
		if (!parse_id(argv[1], &id))
			reply(c, "ERR bad call id\r\n");
		else if (!ext_ok(argv[2]))
			reply(c, "ERR bad extension\r\n");
		else if (call_monitor_id(id, argv[2], argv[0], &reason))
			reply(c, "ERR %s\r\n", reason);
		else
			reply(c, "OK %s %u %s\r\n", argv[0], id, argv[2]);
	} else if ((!strcmp(argv[0], "hold") || !strcmp(argv[0], "unhold") ||
		    !strcmp(argv[0], "complete") || !strcmp(argv[0], "cancel")) && argc == 2) {
		cmd_call_ctl(c, argv);
	} else if ((!strcmp(argv[0], "transfer") || !strcmp(argv[0], "consult") ||
		    !strcmp(argv[0], "conference") || !strcmp(argv[0], "pickup")) && argc == 3) {
		cmd_call_ctl(c, argv);
	} else if (!strcmp(argv[0], "agent") && argc == 2) {
		if (strcmp(argv[1], "-") && !ext_ok(argv[1])) {
			reply(c, "ERR bad extension\r\n");
		} else {
			call_set_default_agent(strcmp(argv[1], "-") ? argv[1] : NULL);
			reply(c, "OK agent %s\r\n", argv[1]);
		}
	} else if (!strcmp(argv[0], "originate") && argc == 3) {
		if (!ext_ok(argv[1]))
			reply(c, "ERR bad extension\r\n");
		else if (!number_ok(argv[2]))
			reply(c, "ERR bad number\r\n");
		else if (call_originate(argv[1], argv[2], &id, &reason))
			reply(c, "ERR %s\r\n", reason);
		else
			reply(c, "OK call %u\r\n", id);
	} else if (!strcmp(argv[0], "stats") && argc == 1) {
		media_stats_print(&pf, NULL);
		reply(c, "STAT calls %u\r\nOK stats\r\n", call_count());
	} else if (!strcmp(argv[0], "reload") && argc == 1) {
		cfg_reload();
		reply(c, "OK reloading (config version %lld in use)\r\n", cfg_cur()->version);
	} else if (!strcmp(argv[0], "config") && argc == 1) {
		const struct cfg *cf = cfg_cur();

		reply(c, "OK version %lld flows %zu nodes %zu prompts %zu queues %zu\r\n",
		      cf->version, cf->nflows, cf->nnodes, cf->nprompts, cf->nqueues);
	} else if (!strcmp(argv[0], "help") && argc == 1) {
		reply(c, "HELP ping | calls | agents | hangup CALL | bridge CALL EXT | agent EXT|- "
		      "| originate EXT NUMBER | stats | config | reload | agent_login STAFF | "
		      "agent_logout STAFF | agent_ready STAFF | agent_pause STAFF REASON | "
		      "agent_states | queues | listen|whisper|barge CALL EXT | hold|unhold CALL | "
		      "transfer CALL EXT|QUEUE|NUMBER | consult CALL EXT|NUMBER | complete CALL | "
		      "cancel CALL | conference CALL EXT|NUMBER | pickup CALL EXT | quit\r\n"
		      "OK help\r\n");
	} else if (!strcmp(argv[0], "quit") && argc == 1) {
		reply(c, "OK bye\r\n");
		c->closing = true;
	} else if (acd_ctl(&pf, argc, argv, &handled), !handled) {
		reply(c, "ERR unknown command or wrong arguments (try help)\r\n");
	}
}

/* Splits input into lines; an overlong line is answered once and skipped to its end. */
static void conn_input(struct conn *c, const char *p, size_t len)
{
	for (size_t i = 0; i < len && !c->closing; i++) {
		if (p[i] != '\n') {
			if (c->n + 1 < sizeof(c->line))
				c->line[c->n++] = p[i];
			else
				c->overlong = true;
			continue;
		}
		if (c->overlong) {
			reply(c, "ERR line too long\r\n");
		} else {
			if (c->n && c->line[c->n - 1] == '\r')
				c->n--;
			c->line[c->n] = '\0';
			if (strlen(c->line) != c->n)
				reply(c, "ERR NUL byte in line\r\n");
			else
				command(c, c->line);
		}
		c->n = 0;
		c->overlong = false;
	}
}

static void conn_handler(int flags, void *arg)
{
	struct conn *c = arg;
	char buf[4096];

	if (flags & FD_READ) {
		ssize_t n = read(c->fd, buf, sizeof(buf));

		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
			mem_deref(c);
			return;
		}
		if (n > 0 && !c->closing)
			conn_input(c, buf, (size_t)n);
	}
	conn_flush(c);
}

/* Frees connections whose client has already gone (EOF waiting to be read). */
static void conns_reap(void)
{
	struct le *le = conns.head;
	char b;

	while (le) {
		struct conn *c = le->data;

		le = le->next;
		if (recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) == 0)
			mem_deref(c);
	}
}

static void conn_accept(int fd)
{
	struct conn *c;

	if (list_count(&conns) >= MAX_CONNS)
		conns_reap();
	if (list_count(&conns) >= MAX_CONNS) {
		static const char busy[] = "ERR too many connections\r\n";
		(void)!write(fd, busy, sizeof(busy) - 1);
		close(fd);
		return;
	}
	c = mem_zalloc(sizeof(*c), conn_destructor);
	if (!c) {
		close(fd);
		return;
	}
	c->fd = fd;
	c->out = mbuf_alloc(256);
	list_append(&conns, &c->le, c);
	if (!c->out || fd_listen(fd, FD_READ, conn_handler, c))
		mem_deref(c);
}

/* Takes every pending connection, so a burst of clients never fills the backlog. */
static void accept_handler(int flags, void *arg)
{
	(void)arg;
	if (!(flags & FD_READ))
		return;
	for (int i = 0; i < 256; i++) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0)
			return;
		conn_accept(fd);
	}
}

int ctl_init(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int err;

	list_init(&conns);
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", ivr_conf.ctl_path);
	unlink(ivr_conf.ctl_path);
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    chmod(ivr_conf.ctl_path, 0660) || listen(lfd, 128)) {
		err = errno;
		log_err("ctl: cannot listen on %s: %s", ivr_conf.ctl_path, strerror(err));
		if (lfd >= 0)
			close(lfd);
		lfd = -1;
		return err;
	}
	return fd_listen(lfd, FD_READ, accept_handler, NULL);
}

void ctl_close(void)
{
	if (lfd >= 0) {
		fd_close(lfd);
		close(lfd);
		lfd = -1;
		unlink(ivr_conf.ctl_path);
	}
	list_flush(&conns);
}
