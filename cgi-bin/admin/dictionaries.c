/* dictionaries.c — data dictionaries and their items: list, create, edit, delete. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "db.h"

/* The list of dictionaries with the new-dictionary form (Form.* already set). */
static int dictionaries_show(struct req *r)
{
	if (db_query_hdf(r, "Dictionaries", "SELECT d.id, d.code, d.name, d.builtin,"
			 " (SELECT COUNT(*) FROM dictionary_item i WHERE i.dictionary_id = d.id)"
			 " AS item_count FROM dictionary d ORDER BY d.builtin DESC, d.code", "") < 0)
		return req_fail(r, 500, "err.db");
	admin_label_rows(r, "Dictionaries", "dict");
	hset(r, "Page.Title", tr(r, "admin.dict.title"));
	r->template = "admin/dictionaries.cs";
	return 0;
}

int page_dictionaries(struct req *r)
{
	return dictionaries_show(r);
}

int page_dictionary_create(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res;
	char *back;
	long long id;
	int status;

	form_keep(r, "code", "name", NULL);
	res = org_dictionary_create(&id, &e, &who, req_field(r, "code"), req_field(r, "name"));
	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : dictionaries_show(r);
	}
	req_flash(r, "flash.created");
	back = xasprintf("/admin/dictionaries/%lld", id);
	status = req_redirect(r, back);
	free(back);
	return status;
}

/* Dictionary id with its items and the new-item form (Form.* already set). */
static int dictionary_show(struct req *r, long long id)
{
	char key[96];
	int found = db_row_hdf(r, "Dict", "SELECT id, code, name, builtin FROM dictionary"
				  " WHERE id = ?", "i", id);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	snprintf(key, sizeof(key), "dict.%s", hdf_get_value(r->hdf, "Dict.code", ""));
	hset(r, "Dict.label", hdf_get_int_value(r->hdf, "Dict.builtin", 0)
			      ? admin_tr_or(r, key, hdf_get_value(r->hdf, "Dict.name", ""))
			      : hdf_get_value(r->hdf, "Dict.name", ""));
	if (db_query_hdf(r, "Items", "SELECT id, code, label, sort, active FROM dictionary_item"
			 " WHERE dictionary_id = ? ORDER BY sort, id", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	if (!hdf_get_value(r->hdf, "Form.sort", NULL))
		hset(r, "Form.sort", "0");
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Dict.label", ""));
	r->template = "admin/dictionary.cs";
	return 0;
}

int page_dictionary(struct req *r)
{
	return dictionary_show(r, r->args[0]);
}

/* After a change to dictionary id: a notice and back to its page. */
static int dictionary_back(struct req *r, long long id, const char *flash)
{
	char *back = xasprintf("/admin/dictionaries/%lld", id);
	int status;

	req_flash(r, flash);
	status = req_redirect(r, back);
	free(back);
	return status;
}

int page_dictionary_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = org_dictionary_delete(&e, &who, r->args[0]);
	int status;

	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : dictionary_show(r, r->args[0]);
	}
	req_flash(r, "flash.deleted");
	return req_redirect(r, "/admin/dictionaries");
}

int page_dict_item_create(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct org_dict_item item = { req_field(r, "code"), req_field(r, "label"), 0, 1 };
	enum org_result res = ORG_INVALID;
	long long id;
	int status;

	form_keep(r, "code", "label", "sort", NULL);
	item.sort = admin_form_int(r, "sort", 0, INT_MIN, INT_MAX);
	if (!form_has_errors(r))
		res = org_dict_item_create(&id, &e, &who, r->args[0], &item);
	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : dictionary_show(r, r->args[0]);
	}
	return dictionary_back(r, r->args[0], "flash.created");
}

/* Errors of an item's row form are shown on that row: fields edit_label, edit_sort. */
static void dict_item_errors_on_row(struct org_errors *e)
{
	for (int i = 0; i < e->n; i++) {
		if (e->v[i].field && !strcmp(e->v[i].field, "label"))
			e->v[i].field = "edit_label";
		else if (e->v[i].field && !strcmp(e->v[i].field, "sort"))
			e->v[i].field = "edit_sort";
	}
}

int page_dict_item_update(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct org_dict_item item = { NULL, req_field(r, "label"), 0, 0 };
	enum org_result res = ORG_INVALID;
	int status;

	hset_int(r, "Form.edit_id", r->args[1]);
	hset(r, "Form.edit_label", item.label);
	hset(r, "Form.edit_sort", req_field(r, "sort"));
	item.active = *req_field(r, "active") != '\0';
	hset(r, "Form.edit_active", item.active ? "1" : "0");
	if (admin_parse_int(&item.sort, req_field(r, "sort"), 0, INT_MIN, INT_MAX))
		form_error(r, "edit_sort", "err.invalid");
	else
		res = org_dict_item_update(&e, &who, r->args[0], r->args[1], &item);
	if (res) {
		dict_item_errors_on_row(&e);
		status = admin_org_errors(r, res, &e);
		return status ? status : dictionary_show(r, r->args[0]);
	}
	return dictionary_back(r, r->args[0], "flash.saved");
}

int page_dict_item_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = org_dict_item_delete(&e, &who, r->args[0], r->args[1]);
	int status;

	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : dictionary_show(r, r->args[0]);
	}
	return dictionary_back(r, r->args[0], "flash.deleted");
}
