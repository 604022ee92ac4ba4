/* ivr_common.c — what the telephony configuration pages share: errors, select lists,
 * the area's tabs, integers from forms. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "ivr.h"

int ivr_errors(struct req *r, enum org_result res, const struct org_errors *e)
{
	int status = admin_org_errors(r, res == ORG_CONFLICT ? ORG_REFUSED : res, e);
	struct buf all;

	if (status)
		return status;
	/* Every reason that is not a field's, not only the last one. */
	buf_init(&all);
	for (int i = 0; i < e->n; i++)
		if (!e->v[i].field)
			buf_printf(&all, "%s%s", all.len ? " " : "", tr(r, e->v[i].key));
	if (all.len)
		hset(r, "Page.Error", all.data);
	buf_free(&all);
	if (res == ORG_CONFLICT)
		r->status = 409;
	return 0;
}

int ivr_options(struct req *r)
{
	if (db_query_hdf(r, "Opt.Prompts", "SELECT id, CONCAT(name, IF(description = '', '',"
			 " CONCAT(' — ', description))) AS label FROM ivr_prompt ORDER BY name", "") < 0 ||
	    db_query_hdf(r, "Opt.Schedules", "SELECT id, name AS label FROM ivr_schedule"
			 " ORDER BY name", "") < 0 ||
	    db_query_hdf(r, "Opt.Queues", "SELECT id, CONCAT(name, ' (', code, ')') AS label"
			 " FROM acd_queue ORDER BY name", "") < 0 ||
	    db_query_hdf(r, "Opt.Voicemail", "SELECT id, name AS label FROM ivr_voicemail_box"
			 " ORDER BY name", "") < 0 ||
	    db_query_hdf(r, "Opt.Staff", "SELECT id, CONCAT(name, ' (', login, ')') AS label"
			 " FROM staff WHERE active = 1 ORDER BY name", "") < 0 ||
	    db_query_hdf(r, "Opt.TicketTypes", "SELECT t.id, IF(t.parent_id IS NULL, t.name,"
			 " CONCAT(p.name, ' / ', t.name)) AS label FROM ticket_type t"
			 " LEFT JOIN ticket_type p ON p.id = t.parent_id WHERE t.active = 1"
			 " ORDER BY COALESCE(p.sort, t.sort), t.parent_id IS NOT NULL, t.sort", "") < 0 ||
	    db_query_hdf(r, "Opt.Departments", "SELECT id, name AS label FROM department"
			 " ORDER BY sort, id", "") < 0)
		return req_fail(r, 500, "err.db");
	return 0;
}

void ivr_page(struct req *r, const char *tab, const char *title_key, const char *tpl)
{
	hset(r, "Ivr.Tab", tab);
	hset(r, "Page.Title", tr(r, title_key));
	r->template = tpl;
}

long long ivr_form_int(struct req *r, const char *name, long long def, long long min,
		       long long max)
{
	return admin_form_int(r, name, def, min, max);
}

int ivr_redirectf(struct req *r, const char *flash, const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	int status;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (flash)
		req_flash(r, flash);
	status = req_redirect(r, b.data);
	buf_free(&b);
	return status;
}
