/* agent.c — the agent's own ACD state (签入 / 就绪 / 示忙 / 签出) and own call (保持 / 恢复 /
 * 转接 / 挂断, and click-to-dial 外呼) from the bar on every agent page and the pop: a command
 * to ivrd's control socket for the signed-in account only (the staff id and extension come
 * from the session, never from the form; the call is the one ivrd bridges to that
 * extension), then back to the page. */
#include <ctype.h>
#include <stdbool.h>
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

/* The signed-in account's desk-phone extension into ext (17 bytes); false without one. */
static bool agent_ext(struct req *r, char *ext)
{
	struct stmt *st = db_query("SELECT sip_extension FROM staff WHERE id = ? AND "
				   "sip_extension IS NOT NULL", "i", r->user.id);
	bool ok = st && db_next(st) == 1 && db_text(st, 0);

	if (ok)
		snprintf(ext, 17, "%s", db_text(st, 0));
	db_done(st);
	return ok;
}

/* A transfer target or a number as ivrd takes it: 1-32 of [0-9A-Za-z_+-]. */
static bool target_ok(const char *s, bool digits_only)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 1 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (isdigit(ch) || (ch == '+' && i == 0))
			continue;
		if (digits_only || !(isalnum(ch) || ch == '_' || ch == '-'))
			return false;
	}
	return true;
}

/* Sends cmd; the flash key of the outcome (ok_key when ivrd accepted it). */
static const char *agent_send(struct req *r, const char *cmd, const char *ok_key)
{
	struct ivrctl_reply rep;
	const char *flash = ok_key;

	if (ivrctl_command(&rep, cmd))
		return "agentbar.err.down";
	if (!rep.ok) {
		log_err("agent %lld: ivrd refused '%s': %s", r->user.id, cmd, rep.status);
		flash = "agentbar.err.refused";
	}
	ivrctl_free(&rep);
	return flash;
}

int page_agent_call(struct req *r)
{
	static const char *const acts[] = { "hold", "unhold", "transfer", "hangup" };
	static const char *const done[] = { "agentbar.done.hold", "agentbar.done.unhold",
					    "agentbar.done.transfer", "agentbar.done.hangup" };
	const char *action = req_field(r, "action"), *target = req_field(r, "target");
	const char *flash;
	char ext[17], cmd[96];
	unsigned id;
	int i;

	for (i = 0; i < 4 && (!action || strcmp(action, acts[i])); i++)
		;
	if (i == 4)
		return req_fail(r, 400, "err.bad_request");
	if (i == 2 && !target_ok(target, false)) {
		flash = "agentbar.err.target";
	} else if (!agent_ext(r, ext)) {
		flash = "agentbar.err.no_phone";
	} else if (!(id = ivrctl_agent_call(ext))) {
		flash = "agentbar.err.no_call";	/* only the call on this agent's own phone */
	} else {
		if (i == 2)
			snprintf(cmd, sizeof(cmd), "transfer %u %s", id, target);
		else
			snprintf(cmd, sizeof(cmd), "%s %u", acts[i], id);
		flash = agent_send(r, cmd, done[i]);
	}
	req_flash(r, flash);
	return req_redirect(r, agent_back(r));
}

int page_agent_dial(struct req *r)
{
	const char *number = req_field(r, "number");
	const char *flash;
	char ext[17], cmd[96];

	if (!target_ok(number, true))
		flash = "agentbar.err.number";
	else if (!agent_ext(r, ext))
		flash = "agentbar.err.no_phone";
	else if (snprintf(cmd, sizeof(cmd), "originate %s %s", ext, number) < 0)
		flash = "agentbar.err.down";
	else
		flash = agent_send(r, cmd, "agentbar.done.dial");
	req_flash(r, flash);
	return req_redirect(r, agent_back(r));
}
