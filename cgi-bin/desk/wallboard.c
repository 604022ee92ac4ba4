/* wallboard.c — the supervisor's wallboard (大屏): per queue today's calls, answers,
 * abandons, service level and waits, callers waiting now; every agent's ACD state and
 * time in it; the calls going on.  Reads what ivrd writes (call, agent_state); the page
 * reloads itself every few seconds.  The formulas are on the page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "db.h"
#include "desk.h"
#include "ivrctl.h"
#include "log.h"
#include "names.h"
#include "report.h"
#include "util.h"

#define WALLBOARD_REFRESH 5	/* seconds */

/* "m:ss" (or "h:mm:ss") of secs into node.col. */
static void hset_duration(struct req *r, const char *node, const char *col, long long secs)
{
	char name[64];

	snprintf(name, sizeof(name), "%s.%s", node, col);
	if (secs < 0)
		secs = 0;
	if (secs >= 3600)
		hsetf(r, name, "%lld:%02lld:%02lld", secs / 3600, secs / 60 % 60, secs % 60);
	else
		hsetf(r, name, "%lld:%02lld", secs / 60, secs % 60);
}

/* Per active queue: today's figures from the finished calls, and the callers waiting now
 * (calls still going, in the queue, not answered). */
static int wallboard_queues(struct req *r, const char *today)
{
	struct stmt *st = db_query(
		"SELECT q.code, q.name, q.sla_seconds,"
		" COUNT(c.id) AS offered,"
		" COALESCE(SUM(c.disposition = 'answered'), 0) AS answered,"
		" COALESCE(SUM(c.disposition = 'abandoned'), 0) AS abandoned,"
		" COALESCE(SUM(c.disposition = 'answered' AND c.wait_seconds <= q.sla_seconds), 0)"
		"  AS in_sla,"
		" COALESCE(SUM(c.disposition = 'abandoned' AND c.wait_seconds < ?), 0) AS short_abandoned,"
		" COALESCE(ROUND(AVG(IF(c.disposition = 'answered', c.wait_seconds, NULL))), 0) AS asa,"
		" (SELECT COUNT(*) FROM `call` w WHERE w.queue = q.code AND w.ended_at IS NULL"
		"  AND w.answered_at IS NULL AND w.started_at >= ?) AS waiting,"
		" (SELECT COALESCE(TIMESTAMPDIFF(SECOND, MIN(w.started_at), UTC_TIMESTAMP()), 0)"
		"  FROM `call` w WHERE w.queue = q.code AND w.ended_at IS NULL"
		"  AND w.answered_at IS NULL AND w.started_at >= ?) AS longest"
		" FROM acd_queue q LEFT JOIN `call` c ON c.queue = q.code AND c.started_at >= ?"
		"  AND c.ended_at IS NOT NULL"
		" WHERE q.active = 1 GROUP BY q.id ORDER BY q.id", "isss",
		(long long)report_setting("short_abandon"), today, today, today);
	char node[32];
	int n = 0;

	if (!st)
		return -1;
	while (db_next(st) == 1) {
		long long offered = db_int(st, 3), in_sla = db_int(st, 6), shrt = db_int(st, 7);

		snprintf(node, sizeof(node), "Queues.%d", n++);
		stmt_row_hdf(r, node, st, 0);
		/* Service level as docs/KPI.md defines it, with the queue's own threshold:
		 * answered within sla_seconds / (offered - short abandons). */
		if (offered - shrt > 0) {
			char col[48];
			snprintf(col, sizeof(col), "%s.sl", node);
			hset_int(r, col, (in_sla * 100 + (offered - shrt) / 2) / (offered - shrt));
		}
		hset_duration(r, node, "asa_time", db_int(st, 8));
		hset_duration(r, node, "longest_time", db_int(st, 10));
	}
	db_done(st);
	return n;
}

/* Agents logged in to the ACD, with their state, its reason and time in it. */
static int wallboard_agents(struct req *r)
{
	struct stmt *st = db_query(
		"SELECT a.staff_id, s.sip_extension AS extension, a.state, a.reason, a.queue,"
		" TIMESTAMPDIFF(SECOND, a.since, UTC_TIMESTAMP(3)) AS secs"
		" FROM agent_state a JOIN staff s ON s.id = a.staff_id"
		" WHERE a.state <> 'logged_out'"
		" ORDER BY FIELD(a.state, 'ringing', 'on_call', 'wrap_up', 'ready', 'paused'),"
		" a.since", "");
	char node[32], col[48];
	const char *v;
	int n = 0;

	if (!st)
		return -1;
	while (db_next(st) == 1) {
		snprintf(node, sizeof(node), "Agents.%d", n++);
		stmt_row_hdf(r, node, st, 0);
		snprintf(col, sizeof(col), "%s.name", node);
		if ((v = names_staff(db_int(st, 0))))
			hset(r, col, v);
		snprintf(col, sizeof(col), "%s.reason_label", node);
		if (db_text(st, 3) && (v = names_label("pause_reason", db_text(st, 3), NULL)))
			hset(r, col, v);
		hset_duration(r, node, "time", db_int(st, 5));
	}
	db_done(st);
	return n;
}

/* The calls going on now (started in the last day, not ended). */
static int wallboard_calls(struct req *r)
{
	struct stmt *st = db_query(
		"SELECT c.id, c.caller, c.queue, c.agent_id, c.answered_at IS NOT NULL AS talking,"
		" TIMESTAMPDIFF(SECOND, c.started_at, UTC_TIMESTAMP()) AS secs, r.name AS resident"
		" FROM `call` c LEFT JOIN resident r ON r.id = c.resident_id"
		" WHERE c.started_at > UTC_TIMESTAMP() - INTERVAL 1 DAY AND c.ended_at IS NULL"
		" ORDER BY c.started_at LIMIT 200", "");
	char node[32], col[48];
	const char *v;
	int n = 0;

	if (!st)
		return -1;
	while (db_next(st) == 1) {
		snprintf(node, sizeof(node), "Live.%d", n++);
		stmt_row_hdf(r, node, st, 0);
		snprintf(col, sizeof(col), "%s.agent", node);
		if ((v = names_staff(db_int(st, 3))))
			hset(r, col, v);
		hset_duration(r, node, "time", db_int(st, 5));
	}
	db_done(st);
	return n;
}

int page_wallboard(struct req *r)
{
	char day[16], today[20], now[32];
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	strftime(now, sizeof(now), "%Y-%m-%d %H:%M:%S", &tm);
	if (time_day_utc(today, day, 0))
		return req_fail(r, 500, "err.server");
	if (wallboard_queues(r, today) < 0 || wallboard_agents(r) < 0 || wallboard_calls(r) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Board.Day", day);
	hset(r, "Board.Now", now);
	hset_int(r, "Page.Refresh", WALLBOARD_REFRESH);
	hset_int(r, "Perm.supervise", req_can(r, "call.supervise"));
	hset(r, "Page.Title", tr(r, "desk.board.title"));
	r->template = "desk/wallboard.cs";
	return 0;
}

/* ---- the supervisor's actions (call.supervise), each one command to ivrd, audited */

/* Sends cmd to ivrd and sets the flash for the outcome; audits event on object_id. */
static int supervise(struct req *r, const char *cmd, const char *event, const char *type,
		     long long object_id)
{
	struct ivrctl_reply rep;

	if (ivrctl_command(&rep, cmd)) {
		req_flash(r, "agentbar.err.down");
	} else {
		if (rep.ok) {
			audit(r->user.id, r->ip, event, type, object_id, "%s", cmd);
			req_flash(r, "desk.board.done");
		} else {
			log_err("wallboard: ivrd refused '%s': %s", cmd, rep.status);
			req_flash(r, "desk.board.refused");
		}
		ivrctl_free(&rep);
	}
	return desk_redirectf(r, "/wallboard");
}

/* POST /wallboard/agents/#/pause and /logout: for an agent who left the desk. */
int page_wallboard_agent(struct req *r)
{
	const char *what = strrchr(r->path, '/') + 1;
	char cmd[96];

	if (!strcmp(what, "pause"))
		snprintf(cmd, sizeof(cmd), "agent_pause %lld supervisor", r->args[0]);
	else
		snprintf(cmd, sizeof(cmd), "agent_logout %lld", r->args[0]);
	return supervise(r, cmd, !strcmp(what, "pause") ? "agent.force_pause" : "agent.force_logout",
			 "staff", r->args[0]);
}

/* POST /wallboard/calls/#/{listen,whisper,barge,hangup}: # is the call's record id. */
int page_wallboard_call(struct req *r)
{
	const char *what = strrchr(r->path, '/') + 1;
	unsigned live = ivrctl_live_call((unsigned long long)r->args[0]);
	char cmd[96], event[32], ext[17] = "";
	struct stmt *st;

	if (!live) {
		req_flash(r, "desk.board.gone");
		return desk_redirectf(r, "/wallboard");
	}
	snprintf(event, sizeof(event), "call.%s", what);
	if (!strcmp(what, "hangup")) {
		snprintf(cmd, sizeof(cmd), "hangup %u", live);
		return supervise(r, cmd, event, "call", r->args[0]);
	}
	/* Listening happens on the supervisor's own desk phone. */
	if (!(st = db_query("SELECT sip_extension FROM staff WHERE id = ?", "i", r->user.id)))
		return req_fail(r, 500, "err.db");
	if (db_next(st) == 1 && db_text(st, 0))
		snprintf(ext, sizeof(ext), "%s", db_text(st, 0));
	db_done(st);
	if (!ext[0]) {
		req_flash(r, "agentbar.err.no_phone");
		return desk_redirectf(r, "/wallboard");
	}
	snprintf(cmd, sizeof(cmd), "%s %u %s", what, live, ext);
	return supervise(r, cmd, event, "call", r->args[0]);
}
