/* ivrctl.h — a client of ivrd's control socket ($WL_VAR/run/ivrd.sock; the protocol is in
 * ivr/README.md): one command line out, its reply lines back.  The web programs act on
 * live calls and agents' ACD states through it; everything else they read from the
 * database. */
#ifndef WL_IVRCTL_H
#define WL_IVRCTL_H

#include <stddef.h>

#define IVRCTL_MAX_LINES 256

struct ivrctl_reply {
	int ok;				/* 1: the last line was "OK ...", 0: "ERR ..." */
	char status[256];		/* the last line without "OK " / "ERR " */
	char *lines[IVRCTL_MAX_LINES];	/* the lines before it (malloc'd) */
	size_t n;
};

/* Sends cmd (one line, no CR/LF in it) and reads the reply, waiting at most a few
 * seconds.  0 with *out filled (free it with ivrctl_free), or -1 when ivrd cannot be
 * reached or answers nonsense (logged). */
int ivrctl_command(struct ivrctl_reply *out, const char *cmd);
void ivrctl_free(struct ivrctl_reply *r);

/* ivrd's own id of the live call whose CDR is call.id db_id (from the "calls" listing),
 * or 0 when it is not going on (or ivrd cannot be reached). */
unsigned ivrctl_live_call(unsigned long long db_id);

/* ivrd's id of the bridged call whose agent is extension ext (the agent's current call),
 * or 0 when there is none (or ivrd cannot be reached). */
unsigned ivrctl_agent_call(const char *ext);

#endif
