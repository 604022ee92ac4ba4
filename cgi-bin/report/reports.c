/* reports.c — the KPI report pages: filters, a table with totals, an SVG bar chart drawn
 * by the template from numbers computed here, the CSV export (UTF-8 with BOM) and the same
 * document as JSON.  The figures come from lib/report.c (docs/KPI.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "names.h"
#include "report_pages.h"
#include "util.h"

/* A column of a report table: the JSON key and how to show it. */
enum fmt { F_TEXT, F_INT, F_PCT, F_DEC, F_DUR };
struct col {
	const char *key, *label;	/* label: a language key */
	enum fmt fmt;
};

static const struct col call_cols[] = {
	{ "label", "report.col.group", F_TEXT },
	{ "offered", "report.col.offered", F_INT },
	{ "answered", "report.col.answered", F_INT },
	{ "abandoned", "report.col.abandoned", F_INT },
	{ "short_abandoned", "report.col.short_abandoned", F_INT },
	{ "overflowed", "report.col.overflowed", F_INT },
	{ "answer_rate", "report.col.answer_rate", F_PCT },
	{ "service_level", "report.col.service_level", F_PCT },
	{ "asa", "report.col.asa", F_DEC },
	{ "aht", "report.col.aht", F_DEC },
	{ "max_wait", "report.col.max_wait", F_INT },
	{ "inbound", "report.col.inbound", F_INT },
	{ "ivr_rate", "report.col.ivr_rate", F_PCT },
	{ "satisfaction_rate", "report.col.satisfaction_rate", F_PCT },
	{ NULL, NULL, 0 }
};

static const struct col ticket_cols[] = {
	{ "label", "report.col.group", F_TEXT },
	{ "created", "report.col.created", F_INT },
	{ "resolved", "report.col.resolved", F_INT },
	{ "mean_resolution_hours", "report.col.mean_resolution", F_DEC },
	{ "p90_resolution_minutes", "report.col.p90_resolution", F_INT },
	{ "sla_attainment", "report.col.sla_attainment", F_PCT },
	{ "first_fix_rate", "report.col.first_fix_rate", F_PCT },
	{ "reopen_rate", "report.col.reopen_rate", F_PCT },
	{ "rated", "report.col.rated", F_INT },
	{ "satisfaction_mean", "report.col.satisfaction_mean", F_DEC },
	{ NULL, NULL, 0 }
};

static const struct col sat_cols[] = {
	{ "label", "report.col.group", F_TEXT },
	{ "rated", "report.col.rated", F_INT },
	{ "very_satisfied", "report.level.5", F_INT },
	{ "satisfied", "report.level.4", F_INT },
	{ "neutral", "report.level.3", F_INT },
	{ "dissatisfied", "report.level.1", F_INT },
	{ "satisfaction_rate", "report.col.satisfaction_rate", F_PCT },
	{ "satisfaction_mean", "report.col.satisfaction_mean", F_DEC },
	{ NULL, NULL, 0 }
};

static const struct col agent_cols[] = {
	{ "day", "report.col.day", F_TEXT },
	{ "agent", "report.col.agent", F_TEXT },
	{ "sign_ins", "report.col.sign_ins", F_INT },
	{ "sign_outs", "report.col.sign_outs", F_INT },
	{ "pauses", "report.col.pauses", F_INT },
	{ "pause_seconds", "report.col.pause_time", F_DUR },
	{ "logged_in_seconds", "report.col.logged_in", F_DUR },
	{ "transfers", "report.col.transfers", F_INT },
	{ NULL, NULL, 0 }
};

static const struct col meal_cols[] = {
	{ "rank", "report.col.rank", F_INT },
	{ "label", "report.col.item", F_TEXT },
	{ "kind_label", "report.col.kind", F_TEXT },
	{ "portions", "report.col.portions", F_INT },
	{ "revenue_yuan", "report.col.revenue", F_TEXT },
	{ NULL, NULL, 0 }
};

static const struct col resident_cols[] = {
	{ "category_label", "report.col.category", F_TEXT },
	{ "level_label", "report.col.level", F_TEXT },
	{ "created", "report.col.created", F_INT },
	{ "resolved", "report.col.resolved", F_INT },
	{ "mean_resolution_hours", "report.col.mean_resolution", F_DEC },
	{ "rated", "report.col.rated", F_INT },
	{ "satisfaction_mean", "report.col.satisfaction_mean", F_DEC },
	{ "satisfaction_rate", "report.col.satisfaction_rate", F_PCT },
	{ NULL, NULL, 0 }
};

/* The groupings of the meal and resident reports (one each). */
static const char *const meal_groups[] = { "item", NULL };
static const char *const resident_groups[] = { "category", NULL };

void report_json_hdf(struct req *r, const char *prefix, json_t *v)
{
	char name[256];

	if (json_is_object(v)) {
		const char *k;
		json_t *x;

		json_object_foreach(v, k, x) {
			snprintf(name, sizeof(name), "%s.%s", prefix, k);
			report_json_hdf(r, name, x);
		}
	} else if (json_is_array(v)) {
		size_t i;
		json_t *x;

		json_array_foreach(v, i, x) {
			snprintf(name, sizeof(name), "%s.%zu", prefix, i);
			report_json_hdf(r, name, x);
		}
	} else if (json_is_string(v)) {
		hset(r, prefix, json_string_value(v));
	} else if (json_is_integer(v)) {
		hset_int(r, prefix, json_integer_value(v));
	} else if (json_is_real(v)) {
		hsetf(r, prefix, "%.1f", json_real_value(v));
	}
}

/* One cell as text: "—" for null. */
static void cell_text(char *out, size_t n, json_t *v, enum fmt fmt)
{
	if (!v || json_is_null(v)) {
		snprintf(out, n, "—");
	} else if (json_is_string(v)) {
		snprintf(out, n, "%s", json_string_value(v));
	} else if (fmt == F_PCT) {
		snprintf(out, n, "%.1f%%", json_number_value(v));
	} else if (fmt == F_DEC) {
		snprintf(out, n, "%.1f", json_number_value(v));
	} else if (fmt == F_DUR) {
		long long s = json_integer_value(v);
		snprintf(out, n, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
	} else {
		snprintf(out, n, "%lld", (long long)json_integer_value(v));
	}
}

/* Table.Head.N, Table.Rows.N.Cells.M, Table.Total.Cells.M (when total is given). */
static void table_hdf(struct req *r, const char *node, const struct col *cols, json_t *rows,
		      json_t *total)
{
	char name[128], cell[128];
	size_t i;
	json_t *row;

	for (int c = 0; cols[c].key; c++) {
		snprintf(name, sizeof(name), "%s.Head.%d", node, c);
		hset(r, name, tr(r, cols[c].label));
	}
	json_array_foreach(rows, i, row) {
		for (int c = 0; cols[c].key; c++) {
			cell_text(cell, sizeof(cell), json_object_get(row, cols[c].key), cols[c].fmt);
			snprintf(name, sizeof(name), "%s.Rows.%zu.Cells.%d", node, i, c);
			hset(r, name, cell);
		}
	}
	if (!total)
		return;
	for (int c = 0; cols[c].key; c++) {
		if (c == 0)
			snprintf(cell, sizeof(cell), "%s", tr(r, "report.total"));
		else
			cell_text(cell, sizeof(cell), json_object_get(total, cols[c].key), cols[c].fmt);
		snprintf(name, sizeof(name), "%s.Total.Cells.%d", node, c);
		hset(r, name, cell);
	}
}

/* CSV: the rows and the total, UTF-8 with a BOM (spreadsheets then read Chinese right). */
static void csv_field(struct buf *b, const char *s)
{
	buf_puts(b, "\"");
	for (; *s; s++) {
		if (*s == '"')
			buf_puts(b, "\"\"");
		else
			buf_add(b, s, 1);
	}
	buf_puts(b, "\"");
}

static void csv_table(struct req *r, struct buf *b, const struct col *cols, json_t *rows,
		      json_t *total)
{
	char cell[128];
	size_t i;
	json_t *row;

	for (int c = 0; cols[c].key; c++) {
		if (c)
			buf_puts(b, ",");
		csv_field(b, tr(r, cols[c].label));
	}
	buf_puts(b, "\r\n");
	json_array_foreach(rows, i, row) {
		for (int c = 0; cols[c].key; c++) {
			if (c)
				buf_puts(b, ",");
			cell_text(cell, sizeof(cell), json_object_get(row, cols[c].key),
				  cols[c].fmt == F_PCT ? F_DEC : cols[c].fmt);
			csv_field(b, cell);
		}
		buf_puts(b, "\r\n");
	}
	if (!total)
		return;
	for (int c = 0; cols[c].key; c++) {
		if (c)
			buf_puts(b, ",");
		if (c == 0)
			snprintf(cell, sizeof(cell), "%s", tr(r, "report.total"));
		else
			cell_text(cell, sizeof(cell), json_object_get(total, cols[c].key),
				  cols[c].fmt == F_PCT ? F_DEC : cols[c].fmt);
		csv_field(b, cell);
	}
	buf_puts(b, "\r\n");
}

/* A grouped bar chart of two series (a, b) per row: Chart.Bars.N.{x,w,ya,ha,yb,hb,label,
 * va,vb}, Chart.Max, Chart.Ticks.N.{y,v}.  The template draws it as SVG. */
#define CH_W 720
#define CH_H 220
#define CH_L 48
#define CH_B 30
static void chart_hdf(struct req *r, json_t *rows, const char *a, const char *b,
		      const char *la, const char *lb)
{
	size_t n = json_array_size(rows), i;
	long long max = 1;
	json_t *row;
	double slot;
	char name[64];

	if (!n)
		return;
	json_array_foreach(rows, i, row) {
		long long va = json_integer_value(json_object_get(row, a));
		long long vb = json_integer_value(json_object_get(row, b));
		max = va > max ? va : max;
		max = vb > max ? vb : max;
	}
	slot = (double)(CH_W - CH_L - 10) / (double)n;
	hset_int(r, "Chart.W", CH_W);
	hset_int(r, "Chart.H", CH_H);
	hset_int(r, "Chart.Base", CH_H - CH_B);
	hset_int(r, "Chart.Left", CH_L);
	hset_int(r, "Chart.TickX", CH_L - 6);
	hset_int(r, "Chart.LabelY", CH_H - CH_B + 16);
	hset_int(r, "Chart.LegA", CH_L + 14);
	hset_int(r, "Chart.LegB", CH_L + 110);
	hset_int(r, "Chart.LegBT", CH_L + 124);
	hset(r, "Chart.LabelA", tr(r, la));
	hset(r, "Chart.LabelB", tr(r, lb));
	int ticks = max < 4 ? (int)max : 4;

	for (int t = 0; t <= ticks; t++) {
		snprintf(name, sizeof(name), "Chart.Ticks.%d.y", t);
		hset_int(r, name, (CH_H - CH_B) - (long long)(CH_H - CH_B - 20) * t / ticks);
		snprintf(name, sizeof(name), "Chart.Ticks.%d.ty", t);
		hset_int(r, name, (CH_H - CH_B) - (long long)(CH_H - CH_B - 20) * t / ticks + 4);
		snprintf(name, sizeof(name), "Chart.Ticks.%d.v", t);
		hset_int(r, name, max * t / ticks);
	}
	json_array_foreach(rows, i, row) {
		long long va = json_integer_value(json_object_get(row, a));
		long long vb = json_integer_value(json_object_get(row, b));
		long long ha = va * (CH_H - CH_B - 20) / max, hb = vb * (CH_H - CH_B - 20) / max;
		long long x = CH_L + (long long)(slot * (double)i), w = (long long)(slot * 0.4);

		if (w < 1)
			w = 1;
		snprintf(name, sizeof(name), "Chart.Bars.%zu.x", i);
		hset_int(r, name, x + (long long)(slot * 0.1));
		snprintf(name, sizeof(name), "Chart.Bars.%zu.xb", i);
		hset_int(r, name, x + (long long)(slot * 0.1) + w);
		snprintf(name, sizeof(name), "Chart.Bars.%zu.w", i);
		hset_int(r, name, w);
		snprintf(name, sizeof(name), "Chart.Bars.%zu.ya", i);
		hset_int(r, name, CH_H - CH_B - ha);
		snprintf(name, sizeof(name), "Chart.Bars.%zu.ha", i);
		hset_int(r, name, ha);
		snprintf(name, sizeof(name), "Chart.Bars.%zu.yb", i);
		hset_int(r, name, CH_H - CH_B - hb);
		snprintf(name, sizeof(name), "Chart.Bars.%zu.hb", i);
		hset_int(r, name, hb);
		snprintf(name, sizeof(name), "Chart.Bars.%zu.lx", i);
		hset_int(r, name, x + (long long)(slot / 2));
		snprintf(name, sizeof(name), "Chart.Bars.%zu.va", i);
		hset_int(r, name, va);
		snprintf(name, sizeof(name), "Chart.Bars.%zu.vb", i);
		hset_int(r, name, vb);
		/* Labels only where they fit (a date is about 60 px wide). */
		if (n <= 10 || i % ((n + 9) / 10) == 0) {
			snprintf(name, sizeof(name), "Chart.Bars.%zu.label", i);
			hset(r, name, json_string_value(json_object_get(row, "label")));
		}
	}
}

/* ---- filters -------------------------------------------------------------------------- */

static int valid_day(const char *s)
{
	char tmp[20];

	return s && strlen(s) == 10 && !time_day_utc(tmp, s, 0);
}

/* Reads the filters (defaults: this month to today; the first group).  Users without
 * report.all see their own figures only.  0, or the status of the 400 answered. */
static int filter_read(struct req *r, struct report_filter *f, const char *const *groups)
{
	const char *from = req_query(r, "from"), *to = req_query(r, "to");
	const char *g = req_query(r, "group"), *q = req_query(r, "queue");
	const char *ids[] = { "department_id", "agent_id", "community_id", "type_id" };
	long long *dst[] = { &f->department_id, &f->agent_id, &f->community_id, &f->type_id };
	char today[11];

	memset(f, 0, sizeof(*f));
	report_today(today);
	if (from && *from && !valid_day(from))
		goto bad;
	if (to && *to && !valid_day(to))
		goto bad;
	snprintf(f->to, sizeof(f->to), "%s", to && *to ? to : today);
	if (from && *from)
		snprintf(f->from, sizeof(f->from), "%s", from);
	else
		snprintf(f->from, sizeof(f->from), "%.8s01", f->to);
	if (strcmp(f->from, f->to) > 0)
		goto bad;
	snprintf(f->group, sizeof(f->group), "%s", groups[0]);
	if (g && *g) {
		int ok = 0;
		for (int i = 0; groups[i]; i++)
			ok |= !strcmp(groups[i], g);
		if (!ok)
			goto bad;
		snprintf(f->group, sizeof(f->group), "%s", g);
	}
	if (q && strlen(q) < sizeof(f->queue))
		snprintf(f->queue, sizeof(f->queue), "%s", q);
	for (int i = 0; i < 4; i++) {
		long long v = req_int(r, ids[i], 0, 0, 4294967295LL);
		if (v < 0)
			goto bad;
		*dst[i] = v;
	}
	if (!req_can(r, "report.all")) {
		f->agent_id = r->user.id;
		f->department_id = 0;
	}
	return 0;
bad:
	if (r->page->flags & PAGE_API)
		return api_fail(r, 400, "bad_filter", "report.err_filter");
	r->error_detail = xstrdup(tr(r, "report.err_filter"));
	return req_fail(r, 400, "report.err_filter");
}

/* The filter form's choices and values. */
static void filter_hdf(struct req *r, const struct report_filter *f, const char *const *groups)
{
	char name[64];

	hset(r, "Filter.from", f->from);
	hset(r, "Filter.to", f->to);
	hset(r, "Filter.group", f->group);
	hset(r, "Filter.queue", f->queue);
	hset_int(r, "Filter.department_id", f->department_id);
	hset_int(r, "Filter.agent_id", f->agent_id);
	hset_int(r, "Filter.community_id", f->community_id);
	hset_int(r, "Filter.type_id", f->type_id);
	for (int i = 0; groups[i]; i++) {
		snprintf(name, sizeof(name), "Groups.%d.code", i);
		hset(r, name, groups[i]);
		snprintf(name, sizeof(name), "report.group.%s", groups[i]);
		const char *label = tr(r, name);
		snprintf(name, sizeof(name), "Groups.%d.label", i);
		hset(r, name, label);
	}
	hset_int(r, "Perm.all", req_can(r, "report.all"));
	if (req_can(r, "report.all")) {
		db_query_hdf(r, "Choices.Queues", "SELECT code, name FROM acd_queue ORDER BY name", "");
		db_query_hdf(r, "Choices.Departments", "SELECT id, name FROM department ORDER BY sort, id", "");
		db_query_hdf(r, "Choices.Agents", "SELECT DISTINCT s.id, s.name FROM staff s"
			     " JOIN staff_role sr ON sr.staff_id = s.id JOIN role ro ON ro.id = sr.role_id"
			     " WHERE ro.code IN ('agent', 'supervisor', 'technician') AND s.active = 1"
			     " ORDER BY s.name", "");
		db_query_hdf(r, "Choices.Communities", "SELECT id, name FROM community ORDER BY name", "");
		db_query_hdf(r, "Choices.Types", "SELECT id, name FROM ticket_type"
			     " WHERE parent_id IS NULL ORDER BY sort, id", "");
	}
	{
		char now[32];
		time_t t = time(NULL);
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(now, sizeof(now), "%Y-%m-%d %H:%M", &tm);
		hset(r, "Report.GeneratedAt", now);
	}
}

static int want_csv(const struct req *r)
{
	const char *f = req_query(r, "format");

	return f && !strcmp(f, "csv");
}

static int send_csv(struct req *r, const char *filename, struct buf *b)
{
	buf_reset(&r->body);
	buf_add(&r->body, "\xEF\xBB\xBF", 3);
	buf_add(&r->body, b->data, b->len);
	buf_free(b);
	r->raw_type = "text/csv; charset=utf-8";
	req_disposition(r, filename, 1);
	return 0;
}

/* The CSV link: this page's query with format=csv. */
static void csv_link(struct req *r, const char *path, const struct report_filter *f)
{
	struct buf u;
	char num[24];

	buf_init(&u);
	buf_puts(&u, path);
	url_param(&u, "from", f->from);
	url_param(&u, "to", f->to);
	url_param(&u, "group", f->group);
	url_param(&u, "queue", f->queue);
	const char *names[] = { "department_id", "agent_id", "community_id", "type_id" };
	long long vals[] = { f->department_id, f->agent_id, f->community_id, f->type_id };
	for (int i = 0; i < 4; i++) {
		snprintf(num, sizeof(num), "%lld", vals[i]);
		if (vals[i])
			url_param(&u, names[i], num);
	}
	url_param(&u, "format", "csv");
	buf_add(&u, "", 1);
	hset(r, "Report.CsvUrl", u.data);
	buf_free(&u);
}

static int rollup_or_fail(struct req *r)
{
	if (report_rollup(REPORT_ROLLUP_CHANGED) < 0)
		return req_fail(r, 500, "err.db");
	return 0;
}

/* ---- pages ---------------------------------------------------------------------------- */

int page_calls(struct req *r)
{
	struct report_filter f;
	json_t *doc;
	int st;

	if ((st = filter_read(r, &f, report_groups_calls)) || (st = rollup_or_fail(r)))
		return st;
	if (!(doc = report_calls(&f)))
		return req_fail(r, 500, "err.db");
	if (want_csv(r)) {
		struct buf b;
		buf_init(&b);
		csv_table(r, &b, call_cols, json_object_get(doc, "rows"), json_object_get(doc, "total"));
		json_decref(doc);
		return send_csv(r, "calls.csv", &b);
	}
	filter_hdf(r, &f, report_groups_calls);
	table_hdf(r, "Table", call_cols, json_object_get(doc, "rows"), json_object_get(doc, "total"));
	chart_hdf(r, json_object_get(doc, "rows"), "offered", "answered", "report.col.offered",
		  "report.col.answered");
	report_json_hdf(r, "Report.Doc", json_object_get(doc, "settings"));
	csv_link(r, "/reports/calls", &f);
	json_decref(doc);
	hset(r, "Page.Title", tr(r, "report.calls.title"));
	hset(r, "Report.Kind", "calls");
	r->template = "report/report.cs";
	return 0;
}

int page_tickets(struct req *r)
{
	struct report_filter f;
	json_t *doc;
	int st;

	if ((st = filter_read(r, &f, report_groups_tickets)) || (st = rollup_or_fail(r)))
		return st;
	if (!(doc = report_tickets(&f)))
		return req_fail(r, 500, "err.db");
	if (want_csv(r)) {
		struct buf b;
		buf_init(&b);
		csv_table(r, &b, ticket_cols, json_object_get(doc, "rows"), json_object_get(doc, "total"));
		json_decref(doc);
		return send_csv(r, "tickets.csv", &b);
	}
	filter_hdf(r, &f, report_groups_tickets);
	table_hdf(r, "Table", ticket_cols, json_object_get(doc, "rows"), json_object_get(doc, "total"));
	chart_hdf(r, json_object_get(doc, "rows"), "created", "resolved", "report.col.created",
		  "report.col.resolved");
	{
		/* Where the work orders created in the period stand now. */
		char s[20], e[20], next[11];

		if (!report_day_add(next, f.to, 1) && !time_day_utc(s, f.from, 0) &&
		    !time_day_utc(e, next, 0))
			db_query_hdf(r, "Status", "SELECT status, COUNT(*) AS n FROM ticket"
				     " FORCE INDEX (k_ticket_created_status)"
				     " WHERE created_at >= ? AND created_at < ?"
				     " AND (? = 0 OR type_id = ?) AND (? = 0 OR community_id = ?)"
				     " GROUP BY status ORDER BY n DESC", "ssiiii", s, e, f.type_id,
				     f.type_id, f.community_id, f.community_id);
	}
	csv_link(r, "/reports/tickets", &f);
	json_decref(doc);
	hset(r, "Page.Title", tr(r, "report.tickets.title"));
	hset(r, "Report.Kind", "tickets");
	r->template = "report/report.cs";
	return 0;
}

int page_satisfaction(struct req *r)
{
	struct report_filter f;
	json_t *doc;
	int st;

	if ((st = filter_read(r, &f, report_groups_satisfaction)) || (st = rollup_or_fail(r)))
		return st;
	if (!(doc = report_satisfaction(&f)))
		return req_fail(r, 500, "err.db");
	json_t *calls = json_object_get(doc, "calls"), *visits = json_object_get(doc, "visits");
	if (want_csv(r)) {
		struct buf b;
		buf_init(&b);
		csv_table(r, &b, sat_cols, json_object_get(calls, "rows"), json_object_get(calls, "total"));
		buf_puts(&b, "\r\n");
		csv_table(r, &b, sat_cols, json_object_get(visits, "rows"), json_object_get(visits, "total"));
		json_decref(doc);
		return send_csv(r, "satisfaction.csv", &b);
	}
	filter_hdf(r, &f, report_groups_satisfaction);
	table_hdf(r, "Table", sat_cols, json_object_get(calls, "rows"), json_object_get(calls, "total"));
	table_hdf(r, "Table2", sat_cols, json_object_get(visits, "rows"), json_object_get(visits, "total"));
	csv_link(r, "/reports/satisfaction", &f);
	json_decref(doc);
	hset(r, "Page.Title", tr(r, "report.satisfaction.title"));
	hset(r, "Report.Kind", "satisfaction");
	r->template = "report/report.cs";
	return 0;
}

int page_agents(struct req *r)
{
	static const char *const groups[] = { "day", NULL };
	struct report_filter f;
	json_t *doc;
	int st;

	if ((st = filter_read(r, &f, groups)))
		return st;
	if (!(doc = report_agents(&f)))
		return req_fail(r, 500, "err.db");
	if (want_csv(r)) {
		struct buf b;
		buf_init(&b);
		csv_table(r, &b, agent_cols, json_object_get(doc, "rows"), NULL);
		json_decref(doc);
		return send_csv(r, "agents.csv", &b);
	}
	filter_hdf(r, &f, groups);
	table_hdf(r, "Table", agent_cols, json_object_get(doc, "rows"), NULL);
	report_json_hdf(r, "Report.Total", json_object_get(doc, "total"));
	csv_link(r, "/reports/agents", &f);
	json_decref(doc);
	hset(r, "Page.Title", tr(r, "report.agents.title"));
	hset(r, "Report.Kind", "agents");
	r->template = "report/report.cs";
	return 0;
}

int page_meals(struct req *r)
{
	struct report_filter f;
	json_t *doc, *row;
	size_t i;
	int st;

	if ((st = filter_read(r, &f, meal_groups)))
		return st;
	if (!(doc = report_meals(&f)))
		return req_fail(r, 500, "err.db");
	json_array_foreach(json_object_get(doc, "rows"), i, row)
		json_object_set_new(row, "kind_label", json_string(tr(r, !strcmp(json_string_value(
			json_object_get(row, "kind")), "set") ? "report.meals.set" : "report.meals.dish")));
	if (want_csv(r)) {
		struct buf b;
		buf_init(&b);
		csv_table(r, &b, meal_cols, json_object_get(doc, "rows"), json_object_get(doc, "total"));
		json_decref(doc);
		return send_csv(r, "meals.csv", &b);
	}
	filter_hdf(r, &f, meal_groups);
	table_hdf(r, "Table", meal_cols, json_object_get(doc, "rows"), json_object_get(doc, "total"));
	csv_link(r, "/reports/meals", &f);
	json_decref(doc);
	hset(r, "Page.Title", tr(r, "report.meals.title"));
	hset(r, "Report.Kind", "meals");
	r->template = "report/report.cs";
	return 0;
}

int page_residents(struct req *r)
{
	struct report_filter f;
	json_t *doc;
	int st;

	if ((st = filter_read(r, &f, resident_groups)))
		return st;
	if (!(doc = report_residents(&f)))
		return req_fail(r, 500, "err.db");
	if (want_csv(r)) {
		struct buf b;
		buf_init(&b);
		csv_table(r, &b, resident_cols, json_object_get(doc, "rows"),
			  json_object_get(doc, "total"));
		json_decref(doc);
		return send_csv(r, "residents.csv", &b);
	}
	filter_hdf(r, &f, resident_groups);
	table_hdf(r, "Table", resident_cols, json_object_get(doc, "rows"),
		  json_object_get(doc, "total"));
	chart_hdf(r, json_object_get(doc, "rows"), "created", "resolved", "report.col.created",
		  "report.col.resolved");
	csv_link(r, "/reports/residents", &f);
	json_decref(doc);
	hset(r, "Page.Title", tr(r, "report.residents.title"));
	hset(r, "Report.Kind", "residents");
	r->template = "report/report.cs";
	return 0;
}

/* Today's figures as big tiles (the wallboard's daily summary); reloads itself. */
int page_daily(struct req *r)
{
	struct report_filter f;
	json_t *doc;

	memset(&f, 0, sizeof(f));
	report_today(f.from);
	memcpy(f.to, f.from, sizeof(f.to));
	snprintf(f.group, sizeof(f.group), "queue");
	if (!req_can(r, "report.all"))
		f.agent_id = r->user.id;
	if (!(doc = report_calls(&f)))
		return req_fail(r, 500, "err.db");
	report_json_hdf(r, "Daily.Calls", json_object_get(doc, "total"));
	table_hdf(r, "Table", call_cols, json_object_get(doc, "rows"), json_object_get(doc, "total"));
	json_decref(doc);
	if (req_can(r, "report.all")) {
		snprintf(f.group, sizeof(f.group), "type");
		if (!(doc = report_tickets(&f)))
			return req_fail(r, 500, "err.db");
		report_json_hdf(r, "Daily.Tickets", json_object_get(doc, "total"));
		json_decref(doc);
	}
	hset(r, "Daily.Day", f.from);
	hset_int(r, "Perm.all", req_can(r, "report.all"));
	hset_int(r, "Page.Refresh", 30);
	hset(r, "Page.Title", tr(r, "report.daily.title"));
	r->template = "report/daily.cs";
	return 0;
}

int page_index(struct req *r)
{
	hset_int(r, "Perm.all", req_can(r, "report.all"));
	hset_int(r, "Perm.qa", req_can(r, "qa.score"));
	hset(r, "Page.Title", tr(r, "report.index.title"));
	r->template = "report/index.cs";
	return 0;
}

int page_settings(struct req *r)
{
	if (!hdf_get_value(r->hdf, "Form.sl_seconds", NULL)) {
		hset_int(r, "Form.sl_seconds", report_setting("sl_seconds"));
		hset_int(r, "Form.short_abandon", report_setting("short_abandon"));
	}
	hset(r, "Page.Title", tr(r, "report.settings.title"));
	r->template = "report/settings.cs";
	return 0;
}

int page_settings_save(struct req *r)
{
	const char *codes[] = { "sl_seconds", "short_abandon" };
	long long v[2];

	form_keep(r, "sl_seconds", "short_abandon", NULL);
	for (int i = 0; i < 2; i++) {
		const char *s = req_field(r, codes[i]);
		char *end;

		v[i] = strtoll(s, &end, 10);
		if (!*s || *end || v[i] < 1 || v[i] > 600)
			form_error(r, codes[i], "report.err_seconds");
	}
	if (form_has_errors(r)) {
		r->status = 400;
		return page_settings(r);
	}
	for (int i = 0; i < 2; i++)
		if (v[i] != report_setting(codes[i]) && report_setting_set(codes[i], (int)v[i]))
			return req_fail(r, 500, "err.db");
	req_flash(r, "report.settings.saved");
	return req_redirect(r, "/reports/settings");
}

/* /api/v1/reports/<kind>: the report's JSON document. */
int api_report(struct req *r)
{
	const char *kind = strrchr(r->path, '/') + 1;
	const char *const *groups = !strcmp(kind, "calls") ? report_groups_calls
		: !strcmp(kind, "tickets") ? report_groups_tickets
		: !strcmp(kind, "satisfaction") ? report_groups_satisfaction
		: !strcmp(kind, "meals") ? meal_groups
		: !strcmp(kind, "residents") ? resident_groups : NULL;
	static const char *const day_only[] = { "day", NULL };
	struct report_filter f;
	int st;

	if ((st = filter_read(r, &f, groups ? groups : day_only)))
		return st;
	if (!strcmp(kind, "meals") || !strcmp(kind, "residents")) {
		/* Read from the base tables: no summary to bring up to date. */
		r->json = !strcmp(kind, "meals") ? report_meals(&f) : report_residents(&f);
		return r->json ? 0 : api_fail(r, 500, "server", "err.db");
	}
	if (report_rollup(REPORT_ROLLUP_CHANGED) < 0)
		return api_fail(r, 500, "server", "err.db");
	r->json = !strcmp(kind, "calls") ? report_calls(&f)
		: !strcmp(kind, "tickets") ? report_tickets(&f)
		: !strcmp(kind, "satisfaction") ? report_satisfaction(&f) : report_agents(&f);
	if (!r->json)
		return api_fail(r, 500, "server", "err.db");
	return 0;
}
