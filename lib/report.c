/* report.c — the KPI reports of docs/KPI.md: the rollup into rpt_call_hour and
 * rpt_ticket_day, and the reports, which add up the summaries of completed days and the
 * same aggregation computed live over the base tables for today. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "log.h"
#include "names.h"
#include "report.h"
#include "util.h"

const char *const report_groups_calls[] = { "day", "hour", "week", "queue", "agent", NULL };
const char *const report_groups_tickets[] = { "type", "day", "week", "community",
					      "department", "assignee", NULL };
const char *const report_groups_satisfaction[] = { "agent", "assignee", "type", NULL };

#define EMPTY_AT "1970-01-01 00:00:00"

/* ---- days and offsets ---------------------------------------------------------------- */

/* The local zone's offset from UTC in seconds (docs/KPI.md: days use it). */
static long long report_offset(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return tm.tm_gmtoff;
}

void report_today(char *out)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int report_day_add(char *out, const char *day, int days)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(day, "%Y-%m-%d", &tm);
	if (!end || *end)
		return -1;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1)
		return -1;
	strftime(out, 11, "%Y-%m-%d", &tm);
	return 0;
}

int report_setting(const char *code)
{
	int def = !strcmp(code, "sl_seconds") ? 20 : 5;

	return (int)db_int_query(def, "SELECT value FROM report_setting WHERE code = ?", "s", code);
}

int report_setting_set(const char *code, int value)
{
	if (value < 1 || value > 600 || (strcmp(code, "sl_seconds") && strcmp(code, "short_abandon")))
		return -1;
	if (db_begin())
		return -1;
	if (db_exec("INSERT INTO report_setting (code, value) VALUES (?, ?)"
		    " ON DUPLICATE KEY UPDATE value = VALUES(value)", "si", code, (long long)value) < 0 ||
	    db_exec("DELETE FROM rpt_call_hour", "") < 0 ||
	    db_exec("DELETE FROM rpt_ticket_day", "") < 0 ||
	    db_exec("UPDATE report_state SET value = 0, at = NULL", "") < 0) {
		db_rollback();
		return -1;
	}
	return db_commit();
}

/* ---- the aggregations (rollup and live share them) ------------------------------------ */

/* Finished inbound calls of [start, end) per local day, hour, queue and agent.
 * Binds: offset, offset, short_abandon, sl_seconds, start, end. */
#define Q_ON "IFNULL(c.queue, '') <> ''"
#define Q_ANS Q_ON " AND c.disposition <=> 'answered'"
#define CALL_AGG \
	"SELECT DATE(c.started_at + INTERVAL ? SECOND), HOUR(c.started_at + INTERVAL ? SECOND)," \
	" IFNULL(c.queue, ''), IFNULL(c.agent_id, 0), COUNT(*)," \
	" SUM(NOT (" Q_ON ") AND c.disposition <=> 'ivr'), SUM(" Q_ON ")," \
	" SUM(" Q_ANS "), SUM(" Q_ON " AND c.disposition <=> 'abandoned')," \
	" SUM(" Q_ON " AND c.disposition <=> 'abandoned' AND IFNULL(c.wait_seconds, 0) < ?)," \
	" SUM(" Q_ON " AND c.disposition <=> 'voicemail')," \
	" SUM(" Q_ANS " AND IFNULL(c.wait_seconds, 0) <= ?)," \
	" SUM(IF(" Q_ANS ", IFNULL(c.wait_seconds, 0), 0))," \
	" SUM(IF(" Q_ANS ", IFNULL(c.talk_seconds, 0), 0))," \
	" SUM(IF(" Q_ANS ", IFNULL(c.hold_seconds, 0), 0))," \
	" MAX(IF(" Q_ON ", IFNULL(c.wait_seconds, 0), 0))," \
	" SUM(c.rating <=> 1), SUM(c.rating <=> 2), SUM(c.rating <=> 3), SUM(c.rating <=> 4)," \
	" SUM(c.rating <=> 5)" \
	" FROM `call` c WHERE c.started_at >= ? AND c.started_at < ? AND c.direction = 'in'" \
	" AND c.ended_at IS NOT NULL AND NOT (c.disposition <=> 'blacklisted')" \
	" GROUP BY 1, 2, 3, 4"
#define CALL_COLS "day, hour, queue, agent_id, inbound, ivr_done, offered, answered," \
	" abandoned, short_abandoned, overflowed, answered_in_sl, wait_answered, talk, hold," \
	" max_wait, rated1, rated2, rated3, rated4, rated5"

/* Work orders created in [start, end) and resolved in it, per local day, type, community,
 * department and assignee.  Binds: offset, start, end, offset, start, end. */
#define TK_EV(st) "SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.kind = 'status'" \
	" AND e.to_status = '" st "'"
#define TICKET_AGG \
	"SELECT d, type_id, cm, dp, asg, SUM(cr), SUM(rs), SUM(mins), SUM(due), SUM(insla)," \
	" SUM(reop), SUM(ftf), SUM(s1), SUM(s2), SUM(s3), SUM(s4), SUM(s5) FROM (" \
	" SELECT DATE(t.created_at + INTERVAL ? SECOND) AS d, t.type_id," \
	" IFNULL(t.community_id, 0) AS cm, IFNULL(t.department_id, 0) AS dp," \
	" IFNULL(t.assignee_id, 0) AS asg, 1 AS cr, 0 AS rs, 0 AS mins, 0 AS due, 0 AS insla," \
	" 0 AS reop, 0 AS ftf, 0 AS s1, 0 AS s2, 0 AS s3, 0 AS s4, 0 AS s5" \
	" FROM ticket t WHERE t.created_at >= ? AND t.created_at < ?" \
	" UNION ALL SELECT DATE(t.resolved_at + INTERVAL ? SECOND), t.type_id," \
	" IFNULL(t.community_id, 0), IFNULL(t.department_id, 0), IFNULL(t.assignee_id, 0), 0, 1," \
	" TIMESTAMPDIFF(MINUTE, t.created_at, t.resolved_at), t.resolve_due_at IS NOT NULL," \
	" IFNULL(t.resolved_at <= t.resolve_due_at, 0)," \
	" EXISTS (" TK_EV("reopened") ")," \
	" NOT EXISTS (" TK_EV("reopened") ") AND (SELECT COUNT(*) FROM ticket_event e" \
	"  WHERE e.ticket_id = t.id AND e.kind = 'status' AND e.to_status = 'on_site') <= 1," \
	" t.satisfaction <=> 1, t.satisfaction <=> 2, t.satisfaction <=> 3, t.satisfaction <=> 4," \
	" t.satisfaction <=> 5" \
	" FROM ticket t WHERE t.resolved_at >= ? AND t.resolved_at < ?) u GROUP BY 1, 2, 3, 4, 5"
#define TICKET_COLS "day, type_id, community_id, department_id, assignee_id, created, resolved," \
	" resolve_minutes, with_due, in_sla, reopened, first_fix, sat1, sat2, sat3, sat4, sat5"

/* ---- rollup -------------------------------------------------------------------------- */

/* Recomputes the local days [from, to) of both summaries. */
static int rollup_range(const char *from, const char *to)
{
	char s[20], e[20];
	long long off = report_offset();
	long long sl = report_setting("sl_seconds"), shrt = report_setting("short_abandon");

	if (time_day_utc(s, from, 0) || time_day_utc(e, to, 0))
		return -1;
	if (db_exec("DELETE FROM rpt_call_hour WHERE day >= ? AND day < ?", "ss", from, to) < 0 ||
	    db_exec("INSERT INTO rpt_call_hour (" CALL_COLS ") " CALL_AGG, "iiiiss",
		    off, off, shrt, sl, s, e) < 0 ||
	    db_exec("DELETE FROM rpt_ticket_day WHERE day >= ? AND day < ?", "ss", from, to) < 0 ||
	    db_exec("INSERT INTO rpt_ticket_day (" TICKET_COLS ") " TICKET_AGG, "ississ",
		    off, s, e, off, s, e) < 0)
		return -1;
	return 0;
}

struct dayset {
	char (*d)[11];
	size_t n, cap;
};

static void dayset_add(struct dayset *ds, const char *day)
{
	if (!day || strlen(day) != 10)
		return;
	for (size_t i = 0; i < ds->n; i++)
		if (!strcmp(ds->d[i], day))
			return;
	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? ds->cap * 2 : 16;
		ds->d = xrealloc(ds->d, ds->cap * sizeof(*ds->d));
	}
	memcpy(ds->d[ds->n++], day, 11);
}

/* Adds the local days of the rows of a one-column query. */
static int dayset_query(struct dayset *ds, struct stmt *st)
{
	if (!st)
		return -1;
	while (db_next(st) == 1)
		dayset_add(ds, db_text(st, 0));
	db_done(st);
	return 0;
}

/* The days to recompute: changed calls and work orders, the completed days since the last
 * rollup, and with recent the two days before today.  today_utc: today's start. */
static int rollup_dirty(struct dayset *ds, const char *today, const char *today_utc,
			long long call_mark, const char *ticket_mark, long long rolled_to, int recent)
{
	long long off = report_offset();
	char day[11], last[16];

	if (dayset_query(ds, db_query(
		"SELECT DISTINCT DATE(started_at + INTERVAL ? SECOND) FROM `call`"
		" WHERE id > ? AND started_at < ?", "iis", off, call_mark, today_utc)) ||
	    dayset_query(ds, db_query(
		"SELECT DISTINCT DATE(t.created_at + INTERVAL ? SECOND) FROM ticket t"
		" WHERE t.updated_at >= ? AND t.created_at < ?", "iss", off, ticket_mark, today_utc)) ||
	    dayset_query(ds, db_query(
		"SELECT DISTINCT DATE(e.at + INTERVAL ? SECOND) FROM ticket t"
		" JOIN ticket_event e ON e.ticket_id = t.id AND e.kind = 'status'"
		"  AND e.to_status = 'resolved'"
		" WHERE t.updated_at >= ? AND e.at < ?", "iss", off, ticket_mark, today_utc)))
		return -1;
	for (int i = 1; recent && i <= 2; i++)
		if (!report_day_add(day, today, -i))
			dayset_add(ds, day);
	/* Completed days since the last rollup (rolled_to is YYYYMMDD). */
	snprintf(last, sizeof(last), "%04d-%02d-%02d", (int)(rolled_to / 10000 % 10000),
		 (int)(rolled_to / 100 % 100), (int)(rolled_to % 100));
	for (int i = 0; i < 3660 && !report_day_add(day, last, 1) && strcmp(day, today) < 0; i++) {
		dayset_add(ds, day);
		memcpy(last, day, sizeof(day));
	}
	return 0;
}

static int rollup_days(const struct dayset *ds, const char *today)
{
	char next[11];
	int n = 0;

	for (size_t i = 0; i < ds->n; i++) {
		if (strcmp(ds->d[i], today) >= 0 || report_day_add(next, ds->d[i], 1))
			continue;
		if (db_begin())
			return -1;
		if (rollup_range(ds->d[i], next)) {
			db_rollback();
			return -1;
		}
		if (db_commit())
			return -1;
		n++;
	}
	return n;
}

int report_rollup(int mode)
{
	int full = mode == REPORT_ROLLUP_FULL;
	char today[11], today_utc[20], mark_at[20] = "";
	struct dayset ds = { 0 };
	long long call_mark, rolled_to, new_call_mark;
	const char *v;
	struct stmt *st;
	int n = -1;

	if (db_int_query(0, "SELECT GET_LOCK('wl_report_rollup', 0)", "") != 1)
		return 0;
	report_today(today);
	if (time_day_utc(today_utc, today, 0))
		goto out;
	new_call_mark = db_int_query(0, "SELECT IFNULL(MAX(id), 0) FROM `call`", "");
	st = db_query("SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL 2 SECOND,"
		      " '%Y-%m-%d %H:%i:%s')", "");
	if (!st)
		goto out;
	if (db_next(st) == 1 && (v = db_text(st, 0)))
		snprintf(mark_at, sizeof(mark_at), "%s", v);
	db_done(st);
	call_mark = db_int_query(0, "SELECT value FROM report_state WHERE code = 'call_id'", "");
	rolled_to = db_int_query(0, "SELECT value FROM report_state WHERE code = 'rolled_to'", "");
	if (full || rolled_to == 0) {
		/* Everything up to yesterday in one pass. */
		if (db_begin())
			goto out;
		if (rollup_range("1970-01-02", today)) {
			db_rollback();
			goto out;
		}
		if (db_commit())
			goto out;
		n = 1;
	} else {
		char tmark[20] = EMPTY_AT;

		st = db_query("SELECT IFNULL(DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), ?) FROM report_state"
			      " WHERE code = 'ticket_at'", "s", EMPTY_AT);
		if (!st)
			goto out;
		if (db_next(st) == 1 && (v = db_text(st, 0)))
			snprintf(tmark, sizeof(tmark), "%s", v);
		db_done(st);
		if (rollup_dirty(&ds, today, today_utc, call_mark, tmark, rolled_to,
				 mode == REPORT_ROLLUP_RECENT) ||
		    (n = rollup_days(&ds, today)) < 0)
			goto out;
	}
	{
		char y[11];
		long long ymd;

		report_day_add(y, today, -1);
		ymd = atoll(y) * 10000 + atoll(y + 5) * 100 + atoll(y + 8);
		if (db_exec("UPDATE report_state SET value = CASE code WHEN 'call_id' THEN ?"
			    " WHEN 'rolled_to' THEN ? ELSE value END,"
			    " at = IF(code = 'ticket_at', ?, at)", "iis", new_call_mark, ymd,
			    mark_at) < 0)
			n = -1;
	}
out:
	if (n < 0)
		log_err("report: rollup failed: %s", db_error());
	db_int_query(0, "SELECT RELEASE_LOCK('wl_report_rollup')", "");
	free(ds.d);
	return n;
}

/* ---- helpers for the documents ------------------------------------------------------- */

json_t *report_ratio(long long num, long long den, int pct)
{
	long long scale = pct ? 1000 : 10;

	if (den <= 0)
		return json_null();
	/* round half up in integers: tenths */
	return json_real((double)((num * scale * 2 + den) / (den * 2)) / 10.0);
}

/* The live part of a report: today's UTC bounds when the period reaches today, else an
 * empty range. */
static void live_bounds(const struct report_filter *f, const char *today, char *s, char *e)
{
	strcpy(s, EMPTY_AT);
	strcpy(e, EMPTY_AT);
	if (strcmp(f->to, today) >= 0 && strcmp(f->from, today) <= 0) {
		char next[11];

		report_day_add(next, f->to, 1);
		if (time_day_utc(s, today, 0) || time_day_utc(e, next, 0)) {
			strcpy(s, EMPTY_AT);
			strcpy(e, EMPTY_AT);
		}
	}
}

static const char *queue_name(const char *code)
{
	static char name[128];
	struct stmt *st = db_query("SELECT name FROM acd_queue WHERE code = ?", "s", code);

	snprintf(name, sizeof(name), "%s", *code ? code : "—");
	if (st) {
		if (db_next(st) == 1 && db_text(st, 0))
			snprintf(name, sizeof(name), "%s", db_text(st, 0));
		db_done(st);
	}
	return name;
}

static const char *community_name(long long id)
{
	static char name[128];
	struct stmt *st = db_query("SELECT name FROM community WHERE id = ?", "i", id);

	snprintf(name, sizeof(name), "—");
	if (st) {
		if (db_next(st) == 1 && db_text(st, 0))
			snprintf(name, sizeof(name), "%s", db_text(st, 0));
		db_done(st);
	}
	return name;
}

/* The label of a group key. */
static void row_label(json_t *row, const char *group, const char *key)
{
	char buf[64];
	const char *l = key;

	if (!strcmp(group, "hour")) {
		snprintf(buf, sizeof(buf), "%02d:00", atoi(key));
		l = buf;
	} else if (!strcmp(group, "week")) {
		snprintf(buf, sizeof(buf), "%s 起", key);
		l = buf;
	} else if (!strcmp(group, "queue")) {
		l = queue_name(key);
	} else if (!strcmp(group, "agent") || !strcmp(group, "assignee")) {
		l = names_staff(atoll(key));
		if (!l)
			l = "—";
	} else if (!strcmp(group, "type")) {
		l = names_type(atoll(key));
		if (!l)
			l = "—";
	} else if (!strcmp(group, "department")) {
		l = names_department(atoll(key));
		if (!l)
			l = "—";
	} else if (!strcmp(group, "community")) {
		l = community_name(atoll(key));
	}
	json_object_set_new(row, "key", json_string(key));
	json_object_set_new(row, "label", json_string(l));
}

static json_t *filter_json(const struct report_filter *f)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "from", f->from, "to", f->to,
			 "group", f->group, "queue", f->queue, "department_id",
			 (json_int_t)f->department_id, "agent_id", (json_int_t)f->agent_id,
			 "community_id", (json_int_t)f->community_id, "type_id",
			 (json_int_t)f->type_id);
}

/* Satisfaction levels of counts s[0..4] (scores 1..5) into row. */
static void sat_fields(json_t *row, const long long *s)
{
	long long n = s[0] + s[1] + s[2] + s[3] + s[4];
	long long sum = s[0] + 2 * s[1] + 3 * s[2] + 4 * s[3] + 5 * s[4];

	json_object_set_new(row, "rated", json_integer(n));
	json_object_set_new(row, "very_satisfied", json_integer(s[4]));
	json_object_set_new(row, "satisfied", json_integer(s[3]));
	json_object_set_new(row, "neutral", json_integer(s[2]));
	json_object_set_new(row, "dissatisfied", json_integer(s[0] + s[1]));
	json_object_set_new(row, "satisfaction_rate", report_ratio(s[3] + s[4], n, 1));
	json_object_set_new(row, "satisfaction_mean", report_ratio(sum, n, 0));
}

/* ---- calls --------------------------------------------------------------------------- */

enum { CK, C_IN, C_IVR, C_OFF, C_ANS, C_ABD, C_SHORT, C_OVF, C_SL, C_WAIT, C_TALK, C_HOLD,
       C_MAXW, C_R1, C_NCOL = C_R1 + 5 };

#define CALL_REPORT(key) \
	"SELECT " key ", SUM(inbound), SUM(ivr_done), SUM(offered), SUM(answered)," \
	" SUM(abandoned), SUM(short_abandoned), SUM(overflowed), SUM(answered_in_sl)," \
	" SUM(wait_answered), SUM(talk), SUM(hold), MAX(max_wait), SUM(rated1), SUM(rated2)," \
	" SUM(rated3), SUM(rated4), SUM(rated5) FROM (" \
	" SELECT " CALL_COLS " FROM rpt_call_hour WHERE day >= ? AND day <= ? AND day < ?" \
	" UNION ALL " CALL_AGG ") x" \
	" WHERE (? = '' OR x.queue = ?) AND (? = 0 OR x.agent_id = ?)" \
	" AND (? = 0 OR x.agent_id IN (SELECT id FROM staff WHERE department_id = ?))" \
	" GROUP BY 1 ORDER BY 1"

static const char *const call_sql[] = {
	CALL_REPORT("x.day"),
	CALL_REPORT("x.hour"),
	CALL_REPORT("DATE_SUB(x.day, INTERVAL WEEKDAY(x.day) DAY)"),
	CALL_REPORT("x.queue"),
	CALL_REPORT("x.agent_id"),
};

static json_t *call_fields(const long long *v)
{
	json_t *o = json_object();
	long long sl_den = v[C_OFF] - v[C_SHORT];

	json_object_set_new(o, "inbound", json_integer(v[C_IN]));
	json_object_set_new(o, "ivr_done", json_integer(v[C_IVR]));
	json_object_set_new(o, "ivr_rate", report_ratio(v[C_IVR], v[C_IN], 1));
	json_object_set_new(o, "offered", json_integer(v[C_OFF]));
	json_object_set_new(o, "answered", json_integer(v[C_ANS]));
	json_object_set_new(o, "abandoned", json_integer(v[C_ABD]));
	json_object_set_new(o, "short_abandoned", json_integer(v[C_SHORT]));
	json_object_set_new(o, "overflowed", json_integer(v[C_OVF]));
	json_object_set_new(o, "answered_in_sl", json_integer(v[C_SL]));
	json_object_set_new(o, "answer_rate", report_ratio(v[C_ANS], v[C_OFF], 1));
	json_object_set_new(o, "abandon_rate", report_ratio(v[C_ABD], v[C_OFF], 1));
	json_object_set_new(o, "service_level", report_ratio(v[C_SL], sl_den, 1));
	json_object_set_new(o, "asa", report_ratio(v[C_WAIT], v[C_ANS], 0));
	json_object_set_new(o, "aht", report_ratio(v[C_TALK], v[C_ANS], 0));
	json_object_set_new(o, "avg_hold", report_ratio(v[C_HOLD], v[C_ANS], 0));
	json_object_set_new(o, "max_wait", json_integer(v[C_MAXW]));
	sat_fields(o, v + C_R1);
	return o;
}

static int group_index(const char *const *groups, const char *g)
{
	for (int i = 0; groups[i]; i++)
		if (!strcmp(groups[i], g))
			return i;
	return 0;
}

json_t *report_calls(const struct report_filter *f)
{
	int gi = group_index(report_groups_calls, f->group);
	char today[11], s[20], e[20];
	long long tot[C_NCOL] = { 0 }, off = report_offset();
	json_t *doc, *rows;
	struct stmt *st;

	report_today(today);
	live_bounds(f, today, s, e);
	st = db_query(call_sql[gi], "sssiiiissssiiii", f->from, f->to, today, off, off,
		      (long long)report_setting("short_abandon"),
		      (long long)report_setting("sl_seconds"), s, e, f->queue, f->queue,
		      f->agent_id, f->agent_id, f->department_id, f->department_id);
	if (!st)
		return NULL;
	rows = json_array();
	while (db_next(st) == 1) {
		long long v[C_NCOL];
		json_t *row;

		for (int i = 1; i < C_NCOL; i++) {
			v[i] = db_int(st, i);
			if (i == C_MAXW)
				tot[i] = v[i] > tot[i] ? v[i] : tot[i];
			else
				tot[i] += v[i];
		}
		row = call_fields(v);
		row_label(row, report_groups_calls[gi], db_text(st, CK) ? db_text(st, CK) : "");
		json_array_append_new(rows, row);
	}
	db_done(st);
	doc = json_pack("{s:s, s:o, s:o, s:o, s:{s:i, s:i}}", "report", "calls",
			"filter", filter_json(f), "rows", rows, "total", call_fields(tot),
			"settings", "sl_seconds", report_setting("sl_seconds"),
			"short_abandon", report_setting("short_abandon"));
	json_object_set_new(json_object_get(doc, "filter"), "group",
			    json_string(report_groups_calls[gi]));
	return doc;
}

/* ---- work orders --------------------------------------------------------------------- */

enum { TK, T_CR, T_RS, T_MIN, T_DUE, T_SLA, T_REOP, T_FTF, T_S1, T_NCOL = T_S1 + 5 };

#define TICKET_REPORT(key) \
	"SELECT " key ", SUM(created), SUM(resolved), SUM(resolve_minutes), SUM(with_due)," \
	" SUM(in_sla), SUM(reopened), SUM(first_fix), SUM(sat1), SUM(sat2), SUM(sat3)," \
	" SUM(sat4), SUM(sat5) FROM (" \
	" SELECT " TICKET_COLS " FROM rpt_ticket_day WHERE day >= ? AND day <= ? AND day < ?" \
	" UNION ALL " TICKET_AGG ") x" \
	" WHERE (? = 0 OR x.type_id = ?) AND (? = 0 OR x.community_id = ?)" \
	" AND (? = 0 OR x.department_id = ?) AND (? = 0 OR x.assignee_id = ?)" \
	" GROUP BY 1 ORDER BY 1"

static const char *const ticket_sql[] = {
	TICKET_REPORT("x.type_id"),
	TICKET_REPORT("x.day"),
	TICKET_REPORT("DATE_SUB(x.day, INTERVAL WEEKDAY(x.day) DAY)"),
	TICKET_REPORT("x.community_id"),
	TICKET_REPORT("x.department_id"),
	TICKET_REPORT("x.assignee_id"),
};

/* Resolution minutes of the work orders resolved in [start, end) with an integer group key
 * (days as TO_DAYS of the local date), read from the covering index k_ticket_resolved; the
 * nearest-rank p90 is computed here (a window function sorts through a temporary table and
 * took seconds over a year).  Binds: the key's offsets, start, end, the four filters twice. */
#define P90(key) \
	"SELECT " key ", TIMESTAMPDIFF(MINUTE, t.created_at, t.resolved_at) FROM ticket t" \
	" WHERE t.resolved_at >= ? AND t.resolved_at < ?" \
	" AND (? = 0 OR t.type_id = ?) AND (? = 0 OR IFNULL(t.community_id, 0) = ?)" \
	" AND (? = 0 OR IFNULL(t.department_id, 0) = ?) AND (? = 0 OR IFNULL(t.assignee_id, 0) = ?)"
#define DAYOF "TO_DAYS(t.resolved_at + INTERVAL ? SECOND)"
static const char *const p90_sql[] = {
	P90("t.type_id"),
	P90(DAYOF),
	P90(DAYOF " - WEEKDAY(t.resolved_at + INTERVAL ? SECOND)"),
	P90("IFNULL(t.community_id, 0)"),
	P90("IFNULL(t.department_id, 0)"),
	P90("IFNULL(t.assignee_id, 0)"),
};

struct p90_pair {
	long long key, mins;
};

static int p90_cmp(const void *a, const void *b)
{
	const struct p90_pair *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->mins > y->mins) - (x->mins < y->mins);
}

static int mins_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The row key of an integer group key: days (TO_DAYS) as "YYYY-MM-DD". */
static void p90_key(char *out, size_t n, int gi, long long key)
{
	if (gi == 1 || gi == 2) {
		time_t t = (time_t)(key - 719528) * 86400;	/* TO_DAYS('1970-01-01') */
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(out, n, "%Y-%m-%d", &tm);
	} else {
		snprintf(out, n, "%lld", key);
	}
}

static void p90_set(json_t *rows, const char *key, long long v)
{
	size_t i;
	json_t *row;

	json_array_foreach(rows, i, row)
		if (!strcmp(json_string_value(json_object_get(row, "key")), key)) {
			json_object_set_new(row, "p90_resolution_minutes", json_integer(v));
			return;
		}
}

/* Sets p90_resolution_minutes on the rows (by key) and the total. */
static int ticket_p90(json_t *doc, const struct report_filter *f, int gi, const char *s,
		      const char *e)
{
	json_t *rows = json_object_get(doc, "rows");
	long long off = report_offset();
	struct p90_pair *p = NULL;
	long long *all = NULL;
	size_t n = 0, cap = 0;
	struct stmt *st;
	char key[32];

	if (gi == 2)
		st = db_query(p90_sql[gi], "iiss" "iiiiiiii", off, off, s, e, f->type_id, f->type_id,
			      f->community_id, f->community_id, f->department_id, f->department_id,
			      f->agent_id, f->agent_id);
	else if (gi == 1)
		st = db_query(p90_sql[gi], "iss" "iiiiiiii", off, s, e, f->type_id, f->type_id,
			      f->community_id, f->community_id, f->department_id, f->department_id,
			      f->agent_id, f->agent_id);
	else
		st = db_query(p90_sql[gi], "ss" "iiiiiiii", s, e, f->type_id, f->type_id,
			      f->community_id, f->community_id, f->department_id, f->department_id,
			      f->agent_id, f->agent_id);
	if (!st)
		return -1;
	while (db_next(st) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			p = xrealloc(p, cap * sizeof(*p));
		}
		p[n].key = db_int(st, 0);
		p[n++].mins = db_int(st, 1);
	}
	db_done(st);
	if (n) {
		all = xmalloc(n * sizeof(*all));
		for (size_t i = 0; i < n; i++)
			all[i] = p[i].mins;
		qsort(all, n, sizeof(*all), mins_cmp);
		json_object_set_new(json_object_get(doc, "total"), "p90_resolution_minutes",
				    json_integer(all[(9 * n + 9) / 10 - 1]));
		qsort(p, n, sizeof(*p), p90_cmp);
		for (size_t i = 0, j; i < n; i = j) {
			for (j = i; j < n && p[j].key == p[i].key; j++)
				;
			p90_key(key, sizeof(key), gi, p[i].key);
			p90_set(rows, key, p[i + (9 * (j - i) + 9) / 10 - 1].mins);
		}
	}
	free(all);
	free(p);
	return 0;
}

static json_t *ticket_fields(const long long *v)
{
	json_t *o = json_object();

	json_object_set_new(o, "created", json_integer(v[T_CR]));
	json_object_set_new(o, "resolved", json_integer(v[T_RS]));
	json_object_set_new(o, "mean_resolution_hours", report_ratio(v[T_MIN], v[T_RS] * 60, 0));
	json_object_set_new(o, "mean_resolution_minutes", report_ratio(v[T_MIN], v[T_RS], 0));
	json_object_set_new(o, "with_due", json_integer(v[T_DUE]));
	json_object_set_new(o, "in_sla", json_integer(v[T_SLA]));
	json_object_set_new(o, "sla_attainment", report_ratio(v[T_SLA], v[T_DUE], 1));
	json_object_set_new(o, "reopened", json_integer(v[T_REOP]));
	json_object_set_new(o, "reopen_rate", report_ratio(v[T_REOP], v[T_RS], 1));
	json_object_set_new(o, "first_fix", json_integer(v[T_FTF]));
	json_object_set_new(o, "first_fix_rate", report_ratio(v[T_FTF], v[T_RS], 1));
	json_object_set_new(o, "p90_resolution_minutes", json_null());
	sat_fields(o, v + T_S1);
	return o;
}

json_t *report_tickets(const struct report_filter *f)
{
	int gi = group_index(report_groups_tickets, f->group);
	char today[11], s[20], e[20], ps[20], pe[20], next[11];
	long long tot[T_NCOL] = { 0 }, off = report_offset();
	json_t *doc, *rows;
	struct stmt *st;

	report_today(today);
	live_bounds(f, today, s, e);
	st = db_query(ticket_sql[gi], "sssississiiiiiiii", f->from, f->to, today, off, s, e, off,
		      s, e, f->type_id, f->type_id, f->community_id, f->community_id,
		      f->department_id, f->department_id, f->agent_id, f->agent_id);
	if (!st)
		return NULL;
	rows = json_array();
	while (db_next(st) == 1) {
		long long v[T_NCOL];
		json_t *row;

		for (int i = 1; i < T_NCOL; i++)
			tot[i] += (v[i] = db_int(st, i));
		row = ticket_fields(v);
		row_label(row, report_groups_tickets[gi], db_text(st, TK) ? db_text(st, TK) : "");
		json_array_append_new(rows, row);
	}
	db_done(st);
	doc = json_pack("{s:s, s:o, s:o, s:o}", "report", "tickets", "filter", filter_json(f),
			"rows", rows, "total", ticket_fields(tot));
	json_object_set_new(json_object_get(doc, "filter"), "group",
			    json_string(report_groups_tickets[gi]));
	if (report_day_add(next, f->to, 1) || time_day_utc(ps, f->from, 0) ||
	    time_day_utc(pe, next, 0) || ticket_p90(doc, f, gi, ps, pe)) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* ---- satisfaction -------------------------------------------------------------------- */

json_t *report_satisfaction(const struct report_filter *f)
{
	struct report_filter cf = *f, tf = *f;
	json_t *calls, *visits, *doc;

	snprintf(cf.group, sizeof(cf.group), "agent");
	snprintf(tf.group, sizeof(tf.group), "%s", strcmp(f->group, "type") ? "assignee" : "type");
	if (!(calls = report_calls(&cf)))
		return NULL;
	if (!(visits = report_tickets(&tf))) {
		json_decref(calls);
		return NULL;
	}
	doc = json_pack("{s:s, s:o, s:{s:O, s:O}, s:{s:O, s:O}}", "report", "satisfaction",
			"filter", filter_json(f),
			"calls", "rows", json_object_get(calls, "rows"),
			"total", json_object_get(calls, "total"),
			"visits", "rows", json_object_get(visits, "rows"),
			"total", json_object_get(visits, "total"));
	json_decref(calls);
	json_decref(visits);
	return doc;
}

/* ---- agent operation log ------------------------------------------------------------- */

struct agent_day {
	long long staff_id;
	char day[11];
	long long sign_ins, sign_outs, pauses, pause_secs, logged_secs, transfers;
	json_t *by_reason;
};

/* Adds secs to obj[reason]. */
static void reason_add(json_t *obj, const char *reason, long long secs)
{
	json_object_set_new(obj, reason, json_integer(
		json_integer_value(json_object_get(obj, reason)) + secs));
}

static json_t *agent_day_json(const struct agent_day *a)
{
	const char *name = names_staff(a->staff_id);
	json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}",
			      "agent_id", (json_int_t)a->staff_id, "agent", name ? name : "—",
			      "day", a->day, "sign_ins", (json_int_t)a->sign_ins,
			      "sign_outs", (json_int_t)a->sign_outs, "pauses", (json_int_t)a->pauses,
			      "pause_seconds", (json_int_t)a->pause_secs,
			      "logged_in_seconds", (json_int_t)a->logged_secs,
			      "transfers", (json_int_t)a->transfers);

	json_object_set(o, "pause_by_reason", a->by_reason);
	return o;
}

json_t *report_agents(const struct report_filter *f)
{
	char s[20], e[20], next[11];
	long long off = report_offset(), now_secs, end_secs;
	struct agent_day cur = { 0 };
	long long prev_secs = 0;
	char prev_state[16] = "", prev_reason[64] = "-";
	json_t *rows = json_array(), *tot_reason = json_object();
	long long tot[6] = { 0 };
	struct stmt *st;

	if (report_day_add(next, f->to, 1) || time_day_utc(s, f->from, 0) || time_day_utc(e, next, 0))
		goto fail;
	end_secs = db_int_query(0, "SELECT TIMESTAMPDIFF(SECOND, ?, ?)", "ss", s, e);
	now_secs = db_int_query(0, "SELECT TIMESTAMPDIFF(SECOND, ?, UTC_TIMESTAMP())", "s", s);
	if (now_secs < end_secs)
		end_secs = now_secs;
	st = db_query("SELECT l.staff_id, DATE(l.at + INTERVAL ? SECOND), l.state,"
		      " IFNULL(l.reason, ''), TIMESTAMPDIFF(SECOND, ?, l.at),"
		      " (SELECT COUNT(*) FROM call_event ce WHERE ce.agent_id = l.staff_id"
		      "  AND ce.event IN ('transfer', 'consult') AND ce.at >= ? AND ce.at < ?"
		      "  AND DATE(ce.at + INTERVAL ? SECOND) = DATE(l.at + INTERVAL ? SECOND))"
		      " FROM agent_state_log l WHERE l.at >= ? AND l.at < ?"
		      " AND (? = 0 OR l.staff_id = ?)"
		      " AND (? = 0 OR l.staff_id IN (SELECT id FROM staff WHERE department_id = ?))"
		      " ORDER BY l.staff_id, l.at, l.id", "isssiissiiii", off, s, s, e, off, off, s, e,
		      f->agent_id, f->agent_id, f->department_id, f->department_id);
	if (!st)
		goto fail;
	for (;;) {
		int more = db_next(st) == 1;
		long long staff = more ? db_int(st, 0) : -1, secs = more ? db_int(st, 4) : end_secs;
		const char *day = more ? db_text(st, 1) : "";

		/* Close the previous state: its time runs until this change (same agent) or
		 * the end of the period. */
		if (cur.staff_id) {
			long long until = staff == cur.staff_id ? secs : end_secs;
			long long d = until > prev_secs ? until - prev_secs : 0;

			if (strcmp(prev_state, "logged_out"))
				cur.logged_secs += d;
			if (!strcmp(prev_state, "paused")) {
				cur.pause_secs += d;
				reason_add(cur.by_reason, prev_reason, d);
				reason_add(tot_reason, prev_reason, d);
			}
		}
		if (cur.staff_id && (staff != cur.staff_id || strcmp(day, cur.day))) {
			json_array_append_new(rows, agent_day_json(&cur));
			tot[0] += cur.sign_ins; tot[1] += cur.sign_outs; tot[2] += cur.pauses;
			tot[3] += cur.pause_secs; tot[4] += cur.logged_secs; tot[5] += cur.transfers;
			json_decref(cur.by_reason);
			cur.by_reason = NULL;
			if (staff != cur.staff_id)
				prev_state[0] = 0;
			cur.staff_id = 0;
		}
		if (!more)
			break;
		if (!cur.staff_id) {
			memset(&cur, 0, sizeof(cur));
			cur.staff_id = staff;
			snprintf(cur.day, sizeof(cur.day), "%s", day);
			cur.by_reason = json_object();
			cur.transfers = db_int(st, 5);
		}
		const char *state = db_text(st, 2), *reason = db_text(st, 3);

		if (strcmp(state, "logged_out") && (!prev_state[0] || !strcmp(prev_state, "logged_out")))
			cur.sign_ins++;
		if (!strcmp(state, "logged_out") && prev_state[0] && strcmp(prev_state, "logged_out"))
			cur.sign_outs++;
		if (!strcmp(state, "paused") && strcmp(prev_state, "paused")) {
			cur.pauses++;
		}
		snprintf(prev_state, sizeof(prev_state), "%s", state);
		snprintf(prev_reason, sizeof(prev_reason), "%s", *reason ? reason : "-");
		prev_secs = secs;
	}
	db_done(st);
	return json_pack("{s:s, s:o, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:o}}", "report", "agents",
			 "filter", filter_json(f), "rows", rows, "total",
			 "sign_ins", (json_int_t)tot[0], "sign_outs", (json_int_t)tot[1],
			 "pauses", (json_int_t)tot[2], "pause_seconds", (json_int_t)tot[3],
			 "logged_in_seconds", (json_int_t)tot[4], "transfers", (json_int_t)tot[5],
			 "pause_by_reason", tot_reason);
fail:
	json_decref(rows);
	json_decref(tot_reason);
	return NULL;
}

/* ---- meal sales ranking --------------------------------------------------------------- */

/* Yuan as text from integer fen ("12.50"), no floating point. */
static void yuan_text(char *out, size_t n, long long fen)
{
	snprintf(out, n, "%s%lld.%02lld", fen < 0 ? "-" : "", llabs(fen) / 100, llabs(fen) % 100);
}

static void meal_money(json_t *o, long long revenue_fen)
{
	char y[32];

	yuan_text(y, sizeof(y), revenue_fen);
	json_object_set_new(o, "revenue_fen", json_integer(revenue_fen));
	json_object_set_new(o, "revenue_yuan", json_string(y));
}

json_t *report_meals(const struct report_filter *f)
{
	long long tot_portions = 0, tot_fen = 0, rank = 0;
	json_t *rows, *total;
	struct stmt *st;

	/* The lines of the orders for the period's days (menu_date), cancelled orders left
	 * out; portions: SUM(qty) (free gifts too); revenue: SUM(price_fen × qty) of the
	 * lines not given free, at the price when ordered. */
	st = db_query("SELECT l.item_id, i.kind, i.name, SUM(l.qty),"
		      " SUM(IF(l.free, 0, l.price_fen * l.qty)), SUM(IF(l.free, l.qty, 0))"
		      " FROM meal_order o JOIN meal_order_line l ON l.order_id = o.id"
		      " JOIN meal_item i ON i.id = l.item_id"
		      " JOIN household h ON h.id = o.household_id JOIN unit u ON u.id = h.unit_id"
		      " JOIN building b ON b.id = u.building_id"
		      " WHERE o.menu_date >= ? AND o.menu_date <= ? AND o.status <> 'cancelled'"
		      " AND (? = 0 OR b.community_id = ?)"
		      " GROUP BY l.item_id, i.kind, i.name ORDER BY 4 DESC, 5 DESC, l.item_id",
		      "ssii", f->from, f->to, f->community_id, f->community_id);
	if (!st)
		return NULL;
	rows = json_array();
	while (db_next(st) == 1) {
		long long portions = db_int(st, 3), fen = db_int(st, 4);
		char key[24];
		json_t *row;

		snprintf(key, sizeof(key), "%lld", db_int(st, 0));
		row = json_pack("{s:I, s:s, s:I, s:s, s:s, s:I, s:I}",
					"rank", (json_int_t)++rank, "key", key,
					"item_id", (json_int_t)db_int(st, 0),
					"kind", db_text(st, 1) ? db_text(st, 1) : "dish",
					"label", db_text(st, 2) ? db_text(st, 2) : "—",
					"portions", (json_int_t)portions,
					"free_portions", (json_int_t)db_int(st, 5));

		meal_money(row, fen);
		tot_portions += portions;
		tot_fen += fen;
		json_array_append_new(rows, row);
	}
	db_done(st);
	total = json_pack("{s:s, s:I, s:I}", "label", "", "items", (json_int_t)rank,
			  "portions", (json_int_t)tot_portions);
	meal_money(total, tot_fen);
	{
		json_t *doc = json_pack("{s:s, s:o, s:o, s:o}", "report", "meals", "filter",
					filter_json(f), "rows", rows, "total", total);
		json_object_set_new(json_object_get(doc, "filter"), "group", json_string("item"));
		return doc;
	}
}

/* ---- work orders by resident category and level ---------------------------------------- */

enum { R_CR = 4, R_RS, R_MIN, R_S1, R_NCOL = R_S1 + 5 };

static json_t *resident_fields(const long long *v)
{
	json_t *o = json_object();

	json_object_set_new(o, "created", json_integer(v[R_CR]));
	json_object_set_new(o, "resolved", json_integer(v[R_RS]));
	json_object_set_new(o, "resolve_minutes", json_integer(v[R_MIN]));
	json_object_set_new(o, "mean_resolution_hours", report_ratio(v[R_MIN], v[R_RS] * 60, 0));
	json_object_set_new(o, "mean_resolution_minutes", report_ratio(v[R_MIN], v[R_RS], 0));
	sat_fields(o, v + R_S1);
	return o;
}

/* The resident's category and level as they are now; created: created_at in the period;
 * resolved, resolution minutes and ratings: the work orders resolved in the period.  Work
 * orders without a resident are left out. */
#define RES_SEL(t) "SELECT t.resident_id AS rid, " t " FROM ticket t"
#define RES_FLT " AND t.resident_id IS NOT NULL AND (? = 0 OR IFNULL(t.community_id, 0) = ?)"
#define DICT_ITEM(alias, dict) \
	" LEFT JOIN (dictionary_item " alias " JOIN dictionary " alias "d ON " alias "d.id = " \
	alias ".dictionary_id AND " alias "d.code = '" dict "')"

json_t *report_residents(const struct report_filter *f)
{
	char s[20], e[20], next[11];
	long long tot[R_NCOL] = { 0 };
	json_t *rows;
	struct stmt *st;

	if (report_day_add(next, f->to, 1) || time_day_utc(s, f->from, 0) || time_day_utc(e, next, 0))
		return NULL;
	st = db_query("SELECT g.cat, g.lvl, IFNULL(dc.label, ''), IFNULL(dl.label, ''),"
		      " g.cr, g.rs, g.mins, g.s1, g.s2, g.s3, g.s4, g.s5 FROM ("
		      " SELECT IFNULL(r.category, '') AS cat, r.level AS lvl, SUM(u.cr) AS cr,"
		      " SUM(u.rs) AS rs, SUM(u.mins) AS mins, SUM(u.s1) AS s1, SUM(u.s2) AS s2,"
		      " SUM(u.s3) AS s3, SUM(u.s4) AS s4, SUM(u.s5) AS s5 FROM ("
		      RES_SEL("1 AS cr, 0 AS rs, 0 AS mins, 0 AS s1, 0 AS s2, 0 AS s3, 0 AS s4,"
			      " 0 AS s5") " WHERE t.created_at >= ? AND t.created_at < ?" RES_FLT
		      " UNION ALL " RES_SEL("0, 1, TIMESTAMPDIFF(MINUTE, t.created_at, t.resolved_at),"
		      " t.satisfaction <=> 1, t.satisfaction <=> 2, t.satisfaction <=> 3,"
		      " t.satisfaction <=> 4, t.satisfaction <=> 5")
		      " WHERE t.resolved_at >= ? AND t.resolved_at < ?" RES_FLT
		      ") u JOIN resident r ON r.id = u.rid GROUP BY 1, 2) g"
		      DICT_ITEM("dc", "customer_category") " ON dc.code = g.cat"
		      DICT_ITEM("dl", "customer_level") " ON dl.code = g.lvl"
		      " ORDER BY g.cat = '', IFNULL(dc.sort, 999999), g.cat,"
		      " IFNULL(dl.sort, 999999), g.lvl",
		      "ssiissii", s, e, f->community_id, f->community_id, s, e, f->community_id,
		      f->community_id);
	if (!st)
		return NULL;
	rows = json_array();
	while (db_next(st) == 1) {
		long long v[R_NCOL] = { 0 };
		const char *cat = db_text(st, 0) ? db_text(st, 0) : "";
		const char *lvl = db_text(st, 1) ? db_text(st, 1) : "";
		const char *cl = db_text(st, 2) ? db_text(st, 2) : "";
		const char *ll = db_text(st, 3) ? db_text(st, 3) : "";
		char key[160], label[256];
		json_t *row;

		for (int i = R_CR; i < R_NCOL; i++)
			tot[i] += (v[i] = db_int(st, i));
		row = resident_fields(v);
		snprintf(key, sizeof(key), "%s/%s", cat, lvl);
		/* Without a dictionary label: the code itself, "—" when unclassified. */
		if (!*cl)
			cl = *cat ? cat : "—";
		if (!*ll)
			ll = *lvl ? lvl : "—";
		snprintf(label, sizeof(label), "%s / %s", cl, ll);
		json_object_set_new(row, "key", json_string(key));
		json_object_set_new(row, "label", json_string(label));
		json_object_set_new(row, "category", json_string(cat));
		json_object_set_new(row, "category_label", json_string(cl));
		json_object_set_new(row, "level", json_string(lvl));
		json_object_set_new(row, "level_label", json_string(ll));
		json_array_append_new(rows, row);
	}
	db_done(st);
	{
		json_t *doc = json_pack("{s:s, s:o, s:o, s:o}", "report", "residents", "filter",
					filter_json(f), "rows", rows, "total", resident_fields(tot));
		json_object_set_new(json_object_get(doc, "filter"), "group", json_string("category"));
		return doc;
	}
}
