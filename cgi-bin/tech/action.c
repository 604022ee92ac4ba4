/* action.c — a technician moves a work order on: accept, decline, depart, arrive, complete
 * (with photos and parts), pending, resume.  One POST per step; lib/ticket.c decides. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "tech.h"
#include "ticket.h"

/* A photo checked and stored (attach_store), to be attached once the step succeeded. */
struct photo {
	char sha256[65];
	char mime[64];
	long long size;
	const char *filename;
};

/* One row of the parts form. */
struct part {
	const char *name, *quantity, *unit;
};

struct completion {
	struct photo photos[TECH_MAX_PHOTOS];
	int nphotos;
	struct part parts[TECH_PART_ROWS];
	int nparts;
};

/* The i-th value of the repeated text field name, trimmed in place (as req_field does
 * for the first), or "". */
static const char *form_nth(struct req *r, const char *name, int i)
{
	for (size_t k = 0; k < r->form.n; k++) {
		char *v = r->form.v[k].value, *e;

		if (r->form.v[k].filename || strcmp(r->form.v[k].name, name) || i-- > 0)
			continue;
		v += strspn(v, " \t\r\n");
		for (e = v + strlen(v); e > v && strchr(" \t\r\n", e[-1]); e--)
			e[-1] = '\0';
		return v;
	}
	return "";
}

/* Checks one part row's shape (the limits of ticket_part_add, checked before anything
 * changes, so a completion never stops halfway); NULL or a language key.  A quantity is
 * plain decimal digits: strtod would also take "nan", "1e3" and "0x10". */
static const char *part_problem(const struct part *p)
{
	const char *q = p->quantity;
	char *end;
	double v;

	if (!*p->name)
		return "tech.err_part_name";
	if (org_strlen(p->name) > 100 || org_strlen(p->unit) > 16)
		return "err.too_long_field";
	if (!*q)
		return NULL;
	if (strspn(q, "0123456789.") != strlen(q) || strchr(q, '.') != strrchr(q, '.'))
		return "tech.err_part_quantity";
	v = strtod(q, &end);
	return *end || v <= 0 || v > 100000 ? "tech.err_part_quantity" : NULL;
}

/* Reads the parts rows (blank rows skipped) and keeps them for a re-rendered form. */
static void completion_parts(struct req *r, struct completion *c)
{
	for (int i = 0; i < TECH_PART_ROWS; i++) {
		struct part p = { form_nth(r, "part_name", i), form_nth(r, "part_quantity", i),
				  form_nth(r, "part_unit", i) };
		const char *problem;
		char name[64];

		snprintf(name, sizeof(name), "Form.Parts.%d.name", i);
		hset(r, name, p.name);
		snprintf(name, sizeof(name), "Form.Parts.%d.quantity", i);
		hset(r, name, p.quantity);
		snprintf(name, sizeof(name), "Form.Parts.%d.unit", i);
		hset(r, name, p.unit);
		if (!*p.name && !*p.quantity && !*p.unit)
			continue;
		if ((problem = part_problem(&p)))
			form_error(r, "parts", problem);
		else
			c->parts[c->nparts++] = p;
	}
}

/* Checks and stores the uploaded photos; refused types and sizes are form errors. */
static void completion_photos(struct req *r, struct completion *c)
{
	const char *problem = NULL;

	for (size_t k = 0; k < r->form.n && !problem; k++) {
		const struct param *f = &r->form.v[k];
		struct photo *p;

		if (!f->filename || strcmp(f->name, "photos") || (!f->len && !*f->filename))
			continue;	/* an empty file input sends a nameless empty part */
		if (c->nphotos == TECH_MAX_PHOTOS) {
			problem = "tech.err_photos_max";
			break;
		}
		p = &c->photos[c->nphotos];
		problem = attach_store(p->sha256, p->mime, f->value, f->len);
		p->size = (long long)f->len;
		p->filename = f->filename;
		if (!problem)
			c->nphotos++;
	}
	if (problem)
		form_error(r, "photos", problem);
}

/* Resolves the work order with its photos and parts, all or nothing (lib/ticket.c). */
static enum org_result completion_save(struct req *r, struct org_errors *e, long long id,
				       const struct ticket_change *c, const struct completion *done)
{
	struct org_actor who = tech_actor(r);
	struct ticket_photo photos[TECH_MAX_PHOTOS];
	struct ticket_part_in parts[TECH_PART_ROWS];

	for (int i = 0; i < done->nphotos; i++)
		photos[i] = (struct ticket_photo){ done->photos[i].sha256, done->photos[i].mime,
						   done->photos[i].filename, done->photos[i].size };
	for (int i = 0; i < done->nparts; i++)
		parts[i] = (struct ticket_part_in){ done->parts[i].name, done->parts[i].quantity,
						    done->parts[i].unit };
	return ticket_complete(e, &who, &r->user, id, c, photos, done->nphotos, parts,
			       done->nparts);
}

/* Shows why a step failed: stale version and refused steps are 409, invalid input 422
 * (the page is then re-rendered by the caller, returning 0); others a status. */
static int action_errors(struct req *r, enum org_result res, const struct org_errors *e)
{
	if (res == ORG_NOT_FOUND)
		return tech_not_found(r);
	if (res == ORG_DB || res == ORG_OK)
		return req_fail(r, 500, "err.db");
	if (res == ORG_CONFLICT) {
		hset(r, "Page.Error", tr(r, "ticket.err_conflict"));
		r->status = 409;
		return 0;
	}
	for (int i = 0; i < e->n; i++) {
		if (e->v[i].field && strcmp(e->v[i].field, "to"))
			form_error(r, e->v[i].field, e->v[i].key);
		else
			hset(r, "Page.Error", tr(r, e->v[i].key));
	}
	if (!e->n)
		hset(r, "Page.Error", tr(r, "err.form"));
	r->status = res == ORG_REFUSED ? 409 : 422;
	return 0;
}

/* The version the form was rendered with; 0 when missing or malformed. */
static long long action_version(struct req *r)
{
	const char *v = req_field(r, "version");
	char *end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	return errno || !*v || *end || n < 1 ? 0 : n;
}

/* Reads the step from the form into c and keeps the values for a re-rendered page. */
static void action_read(struct req *r, struct ticket_change *c)
{
	c->to = req_field(r, "to");
	c->version = action_version(r);
	c->note = req_field(r, "note");
	c->resume_at = req_field(r, "resume_at");
	c->public = 0;	/* a technician's words stay internal; the steps themselves are public */
	hset(r, "Form.to", c->to);
	hset(r, "Form.note", c->note);
	hset(r, "Form.resume_at", c->resume_at);
}

/* Where to go after a step: the work order, or the list once it has left our hands. */
static int action_done(struct req *r, long long id, const char *to)
{
	char key[64], where[64];

	snprintf(key, sizeof(key), "tech.flash.%s", to);
	req_flash(r, key);
	if (!strcmp(to, TT_DECLINE))
		return req_redirect(r, "/m");
	snprintf(where, sizeof(where), "/m/tickets/%lld", id);
	return req_redirect(r, where);
}

int page_tech_action(struct req *r)
{
	struct org_actor who = tech_actor(r);
	struct org_errors e = { 0 };
	struct ticket_change c = { 0 };
	struct completion done = { 0 };
	long long id = r->args[0];
	enum org_result res;
	int completing, status;

	if (!ticket_may_view(&r->user, id))
		return tech_not_found(r);
	action_read(r, &c);
	if (!tech_target_ok(c.to) || !c.version)
		return req_fail(r, 400, "err.bad_request");
	completing = !strcmp(c.to, TS_RESOLVED);
	if (completing) {
		completion_parts(r, &done);
		completion_photos(r, &done);
	}
	if (form_has_errors(r)) {
		r->status = 422;
		return tech_ticket_show(r, id);
	}
	res = completing ? completion_save(r, &e, id, &c, &done)
			 : ticket_transition(&e, &who, &r->user, id, &c);
	if (res) {
		status = action_errors(r, res, &e);
		return status ? status : tech_ticket_show(r, id);
	}
	return action_done(r, id, c.to);
}
