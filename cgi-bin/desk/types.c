/* types.c — work-order types and subtypes (工单类型): default priority, SLA minutes,
 * required fields, default department, common problems.  The checks of a type's shape
 * are here because no other channel changes types; every change is audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "desk.h"

#define TYPE_MAX_MINUTES 525600	/* a year */

/* The fields ticket_create knows how to require (see sql/003_tickets.sql). */
static const char *const type_fields[] = { "household", "phone", "description", "appointment",
					   NULL };

struct type_input {
	const char *code, *name, *problems;
	long long parent_id, priority, response, resolve, department_id, sort;
	int active;
	char required[64];	/* the ticked fields, space-separated */
};

/* For each row Types.N, Types.N.Req.M.label from its required_fields. */
static void types_required_labels(struct req *r)
{
	char words[201], key[64], prefix[64], *save = NULL;

	for (HDF *row = hdf_get_child(r->hdf, "Types"); row; row = hdf_obj_next(row)) {
		int m = 0;

		snprintf(words, sizeof(words), "%s", hdf_get_value(row, "required_fields", ""));
		snprintf(prefix, sizeof(prefix), "Types.%s.Req", hdf_obj_name(row));
		for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			snprintf(key, sizeof(key), "desk.types.req.%s", w);
			hset_row(r, prefix, m++, "label", tr(r, key));
		}
	}
}

int page_types(struct req *r)
{
	if (db_query_hdf(r, "Types", "SELECT t.id, t.parent_id, t.code, t.name, t.priority,"
			 " t.response_minutes, t.resolve_minutes, t.required_fields,"
			 " d.name AS department, t.active, t.sort FROM ticket_type t"
			 " LEFT JOIN ticket_type p ON p.id = t.parent_id"
			 " LEFT JOIN department d ON d.id = t.department_id"
			 " ORDER BY COALESCE(p.sort, t.sort), COALESCE(t.parent_id, t.id),"
			 " t.parent_id IS NOT NULL, t.sort, t.id", "") < 0)
		return req_fail(r, 500, "err.db");
	types_required_labels(r);
	hset(r, "Page.Title", tr(r, "desk.types.title"));
	r->template = "desk/types.cs";
	return 0;
}

/* The form for type id (0: new) with Form.* already set. */
static int type_form(struct req *r, long long id)
{
	if (db_query_hdf(r, "Parents", "SELECT id, name FROM ticket_type WHERE parent_id IS NULL"
			 " AND id <> ? ORDER BY sort, id", "i", id) < 0 ||
	    desk_departments(r, "Departments") < 0)
		return req_fail(r, 500, "err.db");
	for (int i = 0; type_fields[i]; i++)
		hset_row(r, "Fields", i, "code", type_fields[i]);
	if (id)
		hset_int(r, "Form.id", id);
	hset(r, "Page.Title", tr(r, id ? "desk.types.edit" : "desk.types.new"));
	r->template = "desk/type_form.cs";
	return 0;
}

/* Form.req.<field> = 1 for each word of a required_fields list. */
static void type_required_form(struct req *r, const char *list)
{
	char name[64], needle[40];

	for (int i = 0; type_fields[i]; i++) {
		snprintf(needle, sizeof(needle), " %s ", type_fields[i]);
		snprintf(name, sizeof(name), "Form.req.%s", type_fields[i]);
		hset(r, name, strstr(list, needle) ? "1" : "0");
	}
}

int page_type_new(struct req *r)
{
	hset_int(r, "Form.parent_id", desk_query_id(r, "parent"));
	hset(r, "Form.priority", "2");
	hset(r, "Form.response_minutes", "60");
	hset(r, "Form.resolve_minutes", "1440");
	hset(r, "Form.active", "1");
	hset(r, "Form.sort", "0");
	return type_form(r, 0);
}

int page_type_edit(struct req *r)
{
	char list[256];
	int found = db_row_hdf(r, "Form", "SELECT code, name, parent_id, priority,"
				 " response_minutes, resolve_minutes, required_fields,"
				 " department_id, common_problems, active, sort FROM ticket_type"
				 " WHERE id = ?", "i", r->args[0]);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	snprintf(list, sizeof(list), " %s ", hdf_get_value(r->hdf, "Form.required_fields", ""));
	type_required_form(r, list);
	return type_form(r, r->args[0]);
}

/* Reads the posted type; malformed numbers become field errors. */
static void type_read(struct req *r, struct type_input *t)
{
	const char *ticked[8];
	size_t n = desk_params_all(&r->form, "required", ticked, 8), len = 0;
	char list[80];

	form_keep(r, "code", "name", "parent_id", "priority", "response_minutes",
		       "resolve_minutes", "department_id", "common_problems", "sort", NULL);
	t->code = req_field(r, "code");
	t->name = req_field(r, "name");
	t->problems = req_field(r, "common_problems");
	t->parent_id = desk_form_int(r, "parent_id", 0, 0, 4294967295LL);
	t->priority = desk_form_int(r, "priority", 2, 1, 4);
	t->response = desk_form_int(r, "response_minutes", 60, 1, TYPE_MAX_MINUTES);
	t->resolve = desk_form_int(r, "resolve_minutes", 1440, 1, TYPE_MAX_MINUTES);
	t->department_id = desk_form_int(r, "department_id", 0, 0, 4294967295LL);
	t->sort = desk_form_int(r, "sort", 0, -1000000, 1000000);
	t->active = *req_field(r, "active") != '\0';
	hset(r, "Form.active", t->active ? "1" : "0");
	t->required[0] = '\0';
	for (int i = 0; type_fields[i]; i++)
		for (size_t j = 0; j < n; j++)
			if (!strcmp(ticked[j], type_fields[i]))
				len += snprintf(t->required + len, sizeof(t->required) - len, "%s%s",
						len ? " " : "", type_fields[i]);
	snprintf(list, sizeof(list), " %s ", t->required);
	type_required_form(r, list);
}

/* The rules a type must follow, beyond the shape of each field. */
static void type_check(struct req *r, const struct type_input *t, long long id)
{
	if (strlen(t->code) < 1 || strlen(t->code) > 32 ||
	    strspn(t->code, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(t->code))
		form_error(r, "code", "err.code_format");
	if (!*t->name)
		form_error(r, "name", "err.required");
	else if (org_strlen(t->name) > 100)
		form_error(r, "name", "err.too_long_field");
	if (org_strlen(t->problems) > 1000)
		form_error(r, "common_problems", "err.too_long_field");
	if (t->resolve < t->response)
		form_error(r, "resolve_minutes", "desk.types.err_resolve");
	/* Two levels only: a parent is a top-level type, and a type with subtypes stays one. */
	if (t->parent_id && (t->parent_id == id ||
			     db_int_query(0, "SELECT COUNT(*) FROM ticket_type WHERE id = ?"
					  " AND parent_id IS NULL", "i", t->parent_id) != 1))
		form_error(r, "parent_id", "err.invalid");
	if (t->parent_id && id && db_int_query(0, "SELECT COUNT(*) FROM ticket_type"
					       " WHERE parent_id = ?", "i", id) > 0)
		form_error(r, "parent_id", "desk.types.err_has_subtypes");
	if (t->department_id && db_int_query(0, "SELECT COUNT(*) FROM department WHERE id = ?",
					     "i", t->department_id) != 1)
		form_error(r, "department_id", "err.invalid");
}

/* Writes type id (0: a new one, whose id goes to *id); 0, 1 on a duplicate code, -1. */
static int type_save(long long *id, const struct type_input *t)
{
	long long n;

	if (!*id) {
		n = db_exec("INSERT INTO ticket_type (parent_id, code, name, priority,"
			    " response_minutes, resolve_minutes, required_fields, department_id,"
			    " common_problems, active, sort) VALUES (NULLIF(?, 0), ?, ?, ?, ?, ?,"
			    " ?, NULLIF(?, 0), ?, ?, ?)", "issiiisisii", t->parent_id, t->code,
			    t->name, t->priority, t->response, t->resolve, t->required,
			    t->department_id, t->problems, (long long)t->active, t->sort);
		if (n == 1)
			*id = (long long)db_insert_id();
	} else {
		n = db_exec("UPDATE ticket_type SET parent_id = NULLIF(?, 0), code = ?, name = ?,"
			    " priority = ?, response_minutes = ?, resolve_minutes = ?,"
			    " required_fields = ?, department_id = NULLIF(?, 0), common_problems = ?,"
			    " active = ?, sort = ? WHERE id = ?", "issiiisisiii", t->parent_id,
			    t->code, t->name, t->priority, t->response, t->resolve, t->required,
			    t->department_id, t->problems, (long long)t->active, t->sort, *id);
	}
	if (n < 0)
		return db_errno() == DB_ER_DUP_ENTRY ? 1 : -1;
	return 0;
}

/* Create (id 0) or update type id from the posted form. */
static int type_submit(struct req *r, long long id)
{
	struct type_input t;
	long long saved = id;
	int err;

	memset(&t, 0, sizeof(t));
	type_read(r, &t);
	type_check(r, &t, id);
	if (form_has_errors(r)) {
		r->status = 422;
		return type_form(r, id);
	}
	if (id && db_int_query(0, "SELECT COUNT(*) FROM ticket_type WHERE id = ?", "i", id) != 1)
		return req_fail(r, 404, "err.not_found_object");
	err = type_save(&saved, &t);
	if (err > 0) {
		form_error(r, "code", "err.duplicate");
		r->status = 422;
		return type_form(r, id);
	}
	if (err)
		return req_fail(r, 500, "err.db");
	audit(r->user.id, r->ip, id ? "ticket_type.update" : "ticket_type.create",
	      "ticket_type", saved, "%s", t.code);
	req_flash(r, "flash.saved");
	return req_redirect(r, "/tickets/types");
}

int page_type_create(struct req *r)
{
	return type_submit(r, 0);
}

int page_type_update(struct req *r)
{
	return type_submit(r, r->args[0]);
}
