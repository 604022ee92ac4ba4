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

static int pool_write_pidfile(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		log_err("pool: cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	return 0;
}

static int pool_listen(const char *path)
{
	struct passwd *pw;
	int fd;

	unlink(path);
	fd = FCGX_OpenSocket(path, 128);
	if (fd < 0) {
		log_err("pool: cannot listen on %s", path);
		return -1;
	}
	/* Apache's workers connect as WL_RUN_USER; nobody else may. */
	pw = geteuid() == 0 ? getpwnam(config_get("WL_RUN_USER", "www-data")) : NULL;
	if (pw && chown(path, pw->pw_uid, pw->pw_gid))
		log_warn("pool: chown %s: %s", path, strerror(errno));
	chmod(path, 0660);
	return fd;
}

int pool_run(const struct program *prog, const char *sock, int nworkers, const char *pidfile)
{
	pid_t *pids;
	time_t *started;
	int fd, err = 1;

	if (nworkers < 1 || nworkers > 256)
		nworkers = 4;
	fd = pool_listen(sock);
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
		unlink(pidfile);
out_sock:
	close(fd);
	unlink(sock);
	return err;
}
