/* ivr_voicemail.c — voicemail boxes: list with the add form, edit, delete (refused while a
 * flow node or a queue's overflow uses the box). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "ivr.h"

static int voicemail_show(struct req *r)
{
	int status = ivr_options(r);

	if (status)
		return status;
	if (db_query_hdf(r, "Boxes", "SELECT v.id, v.name, v.description, v.max_seconds,"
			 " p.name AS greeting, d.name AS department FROM ivr_voicemail_box v"
			 " LEFT JOIN ivr_prompt p ON p.id = v.greeting_prompt_id"
			 " LEFT JOIN department d ON d.id = v.department_id ORDER BY v.name", "") < 0)
		return req_fail(r, 500, "err.db");
	if (!hdf_get_value(r->hdf, "Form.max_seconds", NULL))
		hset(r, "Form.max_seconds", "120");
	ivr_page(r, "voicemail", "ivr.vm.title", "admin/ivr_voicemail.cs");
	return 0;
}

int page_ivr_voicemail(struct req *r)
{
	return voicemail_show(r);
}

static int box_show(struct req *r, long long id)
{
	int status = ivr_options(r);

	if (status)
		return status;
	hset_int(r, "Form.id", id);
	ivr_page(r, "voicemail", "ivr.vm.edit", "admin/ivr_voicemail_box.cs");
	return 0;
}

int page_ivr_voicemail_edit(struct req *r)
{
	int found = db_row_hdf(r, "Form", "SELECT name, description, greeting_prompt_id, max_seconds,"
			       " department_id, version FROM ivr_voicemail_box WHERE id = ?", "i",
			       r->args[0]);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	return box_show(r, r->args[0]);
}

static void box_read(struct req *r, struct ivr_voicemail_def *v)
{
	form_keep(r, "name", "description", "greeting_prompt_id", "max_seconds", "department_id",
		  "version", NULL);
	v->name = req_field(r, "name");
	v->description = req_field(r, "description");
	v->greeting_prompt_id = admin_form_int(r, "greeting_prompt_id", 0, 0, LLONG_MAX);
	v->department_id = admin_form_int(r, "department_id", 0, 0, LLONG_MAX);
	v->max_seconds = admin_form_int(r, "max_seconds", 120, 0, 100000);
}

int page_ivr_voicemail_create(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct ivr_voicemail_def v = { 0 };
	enum org_result res = ORG_INVALID;
	long long id = 0;
	int status;

	box_read(r, &v);
	if (!form_has_errors(r))
		res = ivr_voicemail_save(&id, &e, &who, 0, &v);
	if (res) {
		status = ivr_errors(r, res, &e);
		return status ? status : voicemail_show(r);
	}
	return ivr_redirectf(r, "flash.created", "/admin/ivr/voicemail");
}

int page_ivr_voicemail_update(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct ivr_voicemail_def v = { 0 };
	enum org_result res = ORG_INVALID;
	long long id = r->args[0], version;
	int status;

	box_read(r, &v);
	version = admin_form_int(r, "version", 0, 1, LLONG_MAX);
	if (!form_has_errors(r))
		res = ivr_voicemail_save(&id, &e, &who, version, &v);
	if (res) {
		status = ivr_errors(r, res, &e);
		return status ? status : box_show(r, id);
	}
	return ivr_redirectf(r, "flash.saved", "/admin/ivr/voicemail");
}

int page_ivr_voicemail_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ivr_voicemail_delete(&e, &who, r->args[0]);
	int status;

	if (res) {
		status = ivr_errors(r, res, &e);
		if (status)
			return status;
		db_row_hdf(r, "Form", "SELECT name, description, greeting_prompt_id, max_seconds,"
			   " department_id, version FROM ivr_voicemail_box WHERE id = ?", "i", r->args[0]);
		return box_show(r, r->args[0]);
	}
	return ivr_redirectf(r, "flash.deleted", "/admin/ivr/voicemail");
}
