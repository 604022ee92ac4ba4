/* pool.c — the pre-forked FastCGI pool: a master that binds the socket, forks workers,
 * replaces the ones that exit, and stops them all on SIGTERM (mod_proxy_fcgi talks to
 * the socket).  Without --listen the program serves the socket it inherited on fd 0,
 * as under mod_fcgid. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "kit_private.h"
#include "log.h"
#include "util.h"

static volatile sig_atomic_t pool_stop;

static void pool_on_term(int sig)
{
	pool_stop = 1;
}

static void pool_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = pool_on_term;	/* no SA_RESTART: waitpid returns EINTR */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Drops root for the workers: they never need it. */
static int pool_drop_privileges(void)
{
	const char *user = config_get("WL_RUN_USER", "www-data");
	struct passwd *pw;

	if (geteuid() != 0)
		return 0;
	pw = getpwnam(user);
	if (!pw) {
		log_err("pool: no such user %s (WL_RUN_USER)", user);
		return -1;
	}
	if (setgroups(0, NULL) || setgid(pw->pw_gid) || setuid(pw->pw_uid)) {
		log_err("pool: cannot become %s: %s", user, strerror(errno));
		return -1;
	}
	return 0;
}

static pid_t pool_spawn(int fd, const struct program *prog)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	signal(SIGINT, SIG_IGN);
	if (pool_drop_privileges())
		_exit(70);
	/* exit(), not _exit(): the sanitizer build checks the worker for leaks at exit. */
	exit(kit_worker(fd, prog) ? 1 : 0);
}

/* Written aside and renamed, so a pool replacing another never leaves a half file. */
static int pool_write_pidfile(const char *path)
{
	char *tmp = xasprintf("%s.%d", path, (int)getpid());
	FILE *f = fopen(tmp, "w");
	int err = 0;

	if (!f || fprintf(f, "%d\n", (int)getpid()) < 0 || fclose(f) || rename(tmp, path)) {
		log_err("pool: cannot write %s: %s", path, strerror(errno));
		err = -1;
	}
	free(tmp);
	return err;
}

/* Removes path only while it is still ours: a newer pool may have taken it over. */
static void pool_unlink_if_ours(const char *path, ino_t ino, int is_pidfile)
{
	struct stat st;
	FILE *f;
	int pid = 0;

	if (is_pidfile) {
		if ((f = fopen(path, "r"))) {
			if (fscanf(f, "%d", &pid) != 1)
				pid = 0;
			fclose(f);
		}
		if (pid == (int)getpid())
			unlink(path);
		return;
	}
	if (!stat(path, &st) && st.st_ino == ino)
		unlink(path);
}

/* Binds the socket under a temporary name, makes it reachable for Apache's user only,
 * then renames it into place: a pool started while another runs takes over new
 * connections at once, and the old one drains what it has accepted and stops. */
static int pool_listen(const char *path, ino_t *ino)
{
	char *tmp = xasprintf("%s.%d", path, (int)getpid());
	struct passwd *pw;
	struct stat st;
	int fd;

	unlink(tmp);
	fd = FCGX_OpenSocket(tmp, 128);
	if (fd < 0) {
		log_err("pool: cannot listen on %s", tmp);
		free(tmp);
		return -1;
	}
	pw = geteuid() == 0 ? getpwnam(config_get("WL_RUN_USER", "www-data")) : NULL;
	if (pw && chown(tmp, pw->pw_uid, pw->pw_gid))
		log_warn("pool: chown %s: %s", tmp, strerror(errno));
	chmod(tmp, 0660);
	if (stat(tmp, &st) || rename(tmp, path)) {
		log_err("pool: cannot move %s into place: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	*ino = st.st_ino;
	free(tmp);
	return fd;
}

int pool_run(const struct program *prog, const char *sock, int nworkers, const char *pidfile)
{
	pid_t *pids;
	time_t *started;
	ino_t ino = 0;
	int fd, err = 1;

	if (nworkers < 1 || nworkers > 256)
		nworkers = 4;
	fd = pool_listen(sock, &ino);
	if (fd < 0)
		return 1;
	if (pidfile && pool_write_pidfile(pidfile))
		goto out_sock;
	pool_signals();
	pids = calloc(nworkers, sizeof(*pids));
	started = calloc(nworkers, sizeof(*started));
	if (!pids || !started)
		goto out;
	log_info("pool: %s listening on %s with %d workers", prog->name, sock, nworkers);
	while (!pool_stop) {
		int status;
		pid_t pid;

		for (int i = 0; i < nworkers && !pool_stop; i++) {
			if (pids[i] > 0)
				continue;
			/* A worker that dies right after starting is not restarted in a hot loop. */
			if (started[i] && time(NULL) - started[i] < 1)
				sleep(1);
			pids[i] = pool_spawn(fd, prog);
			started[i] = time(NULL);
			if (pids[i] < 0)
				log_err("pool: fork: %s", strerror(errno));
		}
		pid = waitpid(-1, &status, 0);
		if (pid <= 0)
			continue;
		for (int i = 0; i < nworkers; i++) {
			if (pids[i] != pid)
				continue;
			pids[i] = 0;
			if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status)))
				log_err("pool: worker %d ended (%s %d), starting another", (int)pid,
					WIFSIGNALED(status) ? "signal" : "exit",
					WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		}
	}
	log_info("pool: %s stopping", prog->name);
	for (int i = 0; i < nworkers; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (int i = 0; i < nworkers; i++)
		if (pids[i] > 0)
			waitpid(pids[i], NULL, 0);
	err = 0;
out:
	free(pids);
	free(started);
	if (pidfile)
		pool_unlink_if_ours(pidfile, 0, 1);
out_sock:
	close(fd);
	pool_unlink_if_ours(sock, ino, 0);
	return err;
}
