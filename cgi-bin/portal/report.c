/* report.c — the resident reports a fault: one of their households, a big button for a
 * common problem of a work-order type (ticket_type.common_problems, one per line), a
 * description, up to 6 photos and 1 short video.  The work order comes from ticket_create
 * with channel portal, like every other channel's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "db.h"
#include "portal.h"
#include "portal_pages.h"
#include "ticket.h"

#define REPORT_MAX_TYPES 12
#define REPORT_MAX_PROBLEMS 12

/* A file checked and stored (attach_store), attached once the work order exists. */
struct upload {
	char sha256[65];
	char mime[64];
	long long size;
	const char *filename;
};

/* What the resident chose: the type, the n-th common problem (0: another problem). */
struct choice {
	long long type_id, subtype_id;
	char title[201];
};

/* The types offering buttons into Types.N.{id,name}, Types.N.Problems.M.{value,label}. */
static int report_types(struct req *r)
{
	struct stmt *st = db_query("SELECT id, name, common_problems FROM ticket_type"
				   " WHERE parent_id IS NULL AND active = 1 AND common_problems <> ''"
				   " ORDER BY sort, id LIMIT 12", "");
	int n = 0;

	if (!st)
		return -1;
	while (db_next(st) == 1 && n < REPORT_MAX_TYPES) {
		char node[64], value[48], *list = xstrdup(db_text(st, 2)), *save = NULL;
		int m = 0;

		snprintf(node, sizeof(node), "Types.%d.id", n);
		hset(r, node, db_text(st, 0));
		snprintf(node, sizeof(node), "Types.%d.name", n);
		hset(r, node, db_text(st, 1));
		for (char *p = strtok_r(list, "\r\n", &save); p && m < REPORT_MAX_PROBLEMS;
		     p = strtok_r(NULL, "\r\n", &save)) {
			snprintf(node, sizeof(node), "Types.%d.Problems", n);
			snprintf(value, sizeof(value), "%s:%d", db_text(st, 0), m + 1);
			hset_row(r, node, m, "value", value);
			hset_row(r, node, m, "label", p);
			m++;
		}
		snprintf(node, sizeof(node), "Types.%d.Problems", n);
		snprintf(value, sizeof(value), "%s:0", db_text(st, 0));
		hset_row(r, node, m, "value", value);
		hset_row(r, node, m, "label", tr(r, "portal.other_problem"));
		free(list);
		n++;
	}
	db_done(st);
	return n;
}

static int report_show(struct req *r)
{
	if (db_query_hdf(r, "Households", "SELECT h.id, c.name AS community, b.name AS building,"
			 " u.name AS unit, h.room FROM resident_household rh"
			 " JOIN household h ON h.id = rh.household_id JOIN unit u ON u.id = h.unit_id"
			 " JOIN building b ON b.id = u.building_id"
			 " JOIN community c ON c.id = b.community_id WHERE rh.resident_id = ?"
			 " ORDER BY c.name, b.name, u.name, h.room", "i", portal_me(r)) < 0 ||
	    report_types(r) < 0)
		return req_fail(r, 500, "err.db");
	hset_int(r, "Limits.Photos", PORTAL_MAX_PHOTOS);
	hset(r, "Page.Title", tr(r, "portal.report_title"));
	r->template = "portal/report.cs";
	return 0;
}

int page_report(struct req *r)
{
	const char *h = req_query(r, "household");

	hset(r, "Form.household", h ? h : "");
	return report_show(r);
}

/* Parses "TYPE:N" into c: the type, and the title and subtype of its n-th common problem
 * (a subtype of the same name, when there is one).  0, or -1 when it is not a choice. */
static int report_choice(struct choice *c, const char *value)
{
	char *end, *list, *save = NULL, *p;
	long long n;
	struct stmt *st;
	int found = 0;

	errno = 0;
	c->type_id = strtoll(value, &end, 10);
	if (errno || c->type_id <= 0 || *end != ':')
		return -1;
	n = strtoll(end + 1, &end, 10);
	if (errno || *end || n < 0 || n > REPORT_MAX_PROBLEMS)
		return -1;
	st = db_query("SELECT name, common_problems FROM ticket_type WHERE id = ?"
		      " AND parent_id IS NULL AND active = 1 AND common_problems <> ''",
		      "i", c->type_id);
	if (st && db_next(st) == 1) {
		list = xstrdup(db_text(st, 1));
		snprintf(c->title, sizeof(c->title), "%s", db_text(st, 0));
		found = n == 0;
		for (p = strtok_r(list, "\r\n", &save); p && n > 0; p = strtok_r(NULL, "\r\n", &save))
			if (--n == 0) {
				snprintf(c->title, sizeof(c->title), "%s", p);
				found = 1;
			}
		free(list);
	}
	db_done(st);
	if (!found)
		return -1;
	c->subtype_id = db_int_query(0, "SELECT id FROM ticket_type WHERE parent_id = ?"
				     " AND name = ? AND active = 1", "is", c->type_id, c->title);
	return 0;
}

/* Checks and stores the photos and the video; refused files are form errors. */
static int report_files(struct req *r, struct upload *u, int max)
{
	const char *problem = NULL;
	int n = 0, photos = 0, videos = 0;

	for (size_t k = 0; k < r->form.n && !problem; k++) {
		const struct param *f = &r->form.v[k];

		if (!f->filename || strcmp(f->name, "files") || (!f->len && !*f->filename))
			continue;	/* an empty file input sends a nameless empty part */
		if (n == max) {
			problem = "portal.err_files_max";
			break;
		}
		problem = attach_store(u[n].sha256, u[n].mime, f->value, f->len);
		if (problem)
			break;
		if (!strncmp(u[n].mime, "image/", 6))
			photos++;
		else if (!strncmp(u[n].mime, "video/", 6))
			videos++;
		else
			problem = "portal.err_file_type";
		if (photos > PORTAL_MAX_PHOTOS || videos > PORTAL_MAX_VIDEOS)
			problem = "portal.err_files_max";
		u[n].size = (long long)f->len;
		u[n].filename = f->filename;
		n++;
	}
	if (problem)
		form_error(r, "files", problem);
	return n;
}

/* Creates the work order and attaches the files, all or nothing. */
static enum org_result report_create(struct req *r, struct org_errors *e, long long *id,
				     const struct ticket_new *t, const struct upload *u, int n)
{
	struct org_actor who = { 0, r->ip };
	char number[TICKET_NUMBER_MAX + 1];
	enum org_result res;
	long long att;

	if (db_begin())
		return ORG_DB;
	res = ticket_create(id, number, e, &who, t);
	for (int i = 0; i < n && !res; i++)
		res = ticket_attach(&att, e, &who, *id, u[i].sha256, u[i].size, u[i].mime,
				    u[i].filename);
	if (res) {
		db_rollback();
		return res;
	}
	return db_commit() ? ORG_DB : ORG_OK;
}

int page_report_save(struct req *r)
{
	struct upload files[PORTAL_MAX_PHOTOS + PORTAL_MAX_VIDEOS];
	struct choice c = { 0 };
	struct org_errors e = { 0 };
	struct ticket_new t = { 0 };
	const char *h = req_field(r, "household"), *problem = req_field(r, "problem");
	const char *description = req_field(r, "description");
	long long household = strtoll(h, NULL, 10), id = 0, me = portal_me(r);
	char where[64];
	int nfiles;

	form_keep(r, "household", "problem", "description", NULL);
	if (household <= 0 || !portal_household_mine(me, household))
		form_error(r, "household", "portal.err_household");
	if (report_choice(&c, problem))
		form_error(r, "problem", "portal.err_problem");
	else if (strchr(problem, ':')[1] == '0' && !*description)
		form_error(r, "description", "portal.err_description");
	if (org_strlen(description) > 2000)
		form_error(r, "description", "err.too_long_field");
	if (form_has_errors(r)) {
		r->status = 422;
		return report_show(r);
	}
	nfiles = report_files(r, files, PORTAL_MAX_PHOTOS + PORTAL_MAX_VIDEOS);
	if (form_has_errors(r)) {
		r->status = 422;
		return report_show(r);
	}
	t.type_id = c.type_id;
	t.subtype_id = c.subtype_id;
	t.title = c.title;
	t.description = description;
	t.channel = "portal";
	t.resident_id = me;
	t.household_id = household;
	if (report_create(r, &e, &id, &t, files, nfiles)) {
		if (!e.n)
			return req_fail(r, 500, "err.db");
		for (int i = 0; i < e.n; i++)
			form_error(r, e.v[i].field ? e.v[i].field : "problem", e.v[i].key);
		r->status = 422;
		return report_show(r);
	}
	req_flash(r, "portal.flash.reported");
	snprintf(where, sizeof(where), "/portal/tickets/%lld", id);
	return req_redirect(r, where);
}
