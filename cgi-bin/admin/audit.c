/* audit.c — the audit log, newest first, with filters. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "db.h"

struct audit_filter {
	const char *event, *login, *from, *to, *ip;
	long long staff_id;	/* 0: anyone; -1: no such login */
	char utc_from[24], utc_to[24];	/* UTC bounds, to >= from */
	long long page;
};

/* The UTC time ("YYYY-MM-DD HH:MM:SS") of the local midnight that starts date
 * ("YYYY-MM-DD") plus days, in the process's zone (TZ).  Returns 0, or -1 when date is not
 * a real date. */
static int audit_utc_bound(char *out, size_t outlen, const char *date, int days)
{
	struct tm tm;
	const char *end;
	int mday;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	end = strptime(date, "%Y-%m-%d", &tm);
	if (!end || *end || strlen(date) != 10)
		return -1;
	mday = tm.tm_mday;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != mday)
		return -1;	/* 2024-02-31 */
	tm.tm_mday += days;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	gmtime_r(&t, &tm);
	strftime(out, outlen, "%Y-%m-%d %H:%M:%S", &tm);
	return 0;
}

/* A text filter from the query string, shown back as Filter.<name>; "" when absent. */
static const char *audit_param(struct req *r, const char *name)
{
	const char *v = req_query(r, name);
	char node[64];

	if (!v || strlen(v) > 64)
		v = "";
	snprintf(node, sizeof(node), "Filter.%s", name);
	hset(r, node, v);
	return v;
}

/* Reads the filters; a malformed date or an unknown login is a field error. */
static void audit_filter_read(struct req *r, struct audit_filter *f)
{
	f->event = audit_param(r, "event");
	f->login = audit_param(r, "login");
	f->from = audit_param(r, "from");
	f->to = audit_param(r, "to");
	f->ip = audit_param(r, "ip");
	f->page = admin_page(r);
	snprintf(f->utc_from, sizeof(f->utc_from), "%s", "1000-01-01 00:00:00");
	snprintf(f->utc_to, sizeof(f->utc_to), "%s", "9999-12-31 23:59:59");
	if (*f->from && audit_utc_bound(f->utc_from, sizeof(f->utc_from), f->from, 0))
		form_error(r, "from", "err.invalid");
	if (*f->to && audit_utc_bound(f->utc_to, sizeof(f->utc_to), f->to, 1))
		form_error(r, "to", "err.invalid");
	f->staff_id = 0;
	if (*f->login) {
		f->staff_id = db_int_query(-1, "SELECT id FROM staff WHERE login = ?", "s", f->login);
		if (f->staff_id < 0)
			form_error(r, "login", "admin.audit.err_login");
	}
}

/* Audit.N.time: the local time with seconds of each row's UTC at_utc. */
static void audit_times(struct req *r)
{
	char local[32], name[64];

	for (HDF *row = hdf_get_child(r->hdf, "Audit"); row; row = hdf_obj_next(row)) {
		snprintf(name, sizeof(name), "Audit.%s.time", hdf_obj_name(row));
		hset(r, name, time_local(local, sizeof(local), hdf_get_value(row, "at_utc", ""), 1));
	}
}

/* One page of rows (and one more, to know whether a next page exists) as Audit.N.*. */
static int audit_query(struct req *r, const struct audit_filter *f)
{
	return db_query_hdf(r, "Audit", "SELECT a.id, a.at AS at_utc, a.ip, a.event, a.object_type,"
			    " a.object_id, a.detail, a.staff_id, s.login, s.name"
			    " FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id"
			    " WHERE a.at >= ? AND a.at < ? AND (? = '' OR a.event = ?)"
			    " AND (? = 0 OR a.staff_id = ?) AND (? = '' OR a.ip = ?)"
			    " ORDER BY a.id DESC LIMIT ? OFFSET ?", "ssssiissii",
			    f->utc_from, f->utc_to, f->event, f->event, f->staff_id, f->staff_id,
			    f->ip, f->ip, (long long)ADMIN_PER_PAGE + 1,
			    (f->page - 1) * ADMIN_PER_PAGE);
}

int page_audit(struct req *r)
{
	struct audit_filter f;
	struct buf url;
	int n;

	audit_filter_read(r, &f);
	if (db_query_hdf(r, "Events", "SELECT DISTINCT event FROM audit_log ORDER BY event", "") < 0)
		return req_fail(r, 500, "err.db");
	admin_tr_rows(r, "Events", "event", "audit", "label");
	n = form_has_errors(r) ? 0 : audit_query(r, &f);
	if (n < 0)
		return req_fail(r, 500, "err.db");
	if (n > ADMIN_PER_PAGE) {
		char extra[32];
		snprintf(extra, sizeof(extra), "Audit.%d", ADMIN_PER_PAGE);
		hdf_remove_tree(r->hdf, extra);
	}
	admin_tr_rows(r, "Audit", "event", "audit", "event_label");
	audit_times(r);
	buf_init(&url);
	buf_puts(&url, "/admin/audit");
	url_param(&url, "event", f.event);
	url_param(&url, "login", f.login);
	url_param(&url, "from", f.from);
	url_param(&url, "to", f.to);
	url_param(&url, "ip", f.ip);
	admin_pager(r, &url, f.page, n > ADMIN_PER_PAGE, -1);
	buf_free(&url);
	hset(r, "Page.Title", tr(r, "admin.audit.title"));
	r->template = "admin/audit.cs";
	return 0;
}
