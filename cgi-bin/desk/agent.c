/* agent.c — the agent's own ACD state (签入 / 就绪 / 示忙 / 签出) from the bar on every
 * agent page: a command to ivrd's control socket for the signed-in account only (the
 * staff id comes from the session, never from the form), then back to the page. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "desk.h"
#include "ivrctl.h"
#include "log.h"
#include "names.h"

static const char *const actions[] = { "login", "ready", "pause", "logout" };

/* Where to go back to: a local path the form names, else the dashboard. */
static const char *agent_back(struct req *r)
{
	const char *b = req_field(r, "back");

	if (!b || b[0] != '/' || b[1] == '/' || b[1] == '\\' || strlen(b) > 200 ||
	    strpbrk(b, "\r\n\"<>"))
		return "/dashboard";
	return b;
}

int page_agent_state(struct req *r)
{
	const char *action = req_field(r, "action"), *reason = req_field(r, "reason");
	const char *flash = NULL;
	struct ivrctl_reply rep;
	char cmd[160];
	int i;

	for (i = 0; i < 4 && (!action || strcmp(action, actions[i])); i++)
		;
	if (i == 4)
		return req_fail(r, 400, "err.bad_request");
	if (!strcmp(action, "pause") && (!reason || !strcmp(reason, "auto") ||
					 !names_label("pause_reason", reason, NULL))) {
		flash = "agentbar.err.reason";
	} else if (db_int_query(0, "SELECT sip_extension IS NOT NULL FROM staff WHERE id = ?",
				"i", r->user.id) != 1) {
		flash = "agentbar.err.no_phone";
	} else {
		snprintf(cmd, sizeof(cmd), "agent_%s %lld%s%s", action, r->user.id,
			 *action == 'p' ? " " : "", *action == 'p' ? reason : "");
		if (ivrctl_command(&rep, cmd)) {
			flash = "agentbar.err.down";
		} else {
			if (!rep.ok) {
				log_err("agent %lld: ivrd refused '%s': %s", r->user.id, cmd,
					rep.status);
				flash = "agentbar.err.refused";
			}
			ivrctl_free(&rep);
		}
	}
	if (!flash) {
		static const char *const done[] = { "agentbar.done.login", "agentbar.done.ready",
						    "agentbar.done.pause", "agentbar.done.logout" };
		flash = done[i];
	}
	req_flash(r, flash);
	return req_redirect(r, agent_back(r));
}
