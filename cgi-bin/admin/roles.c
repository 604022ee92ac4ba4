/* roles.c — roles and their permissions: list, create, edit, delete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "db.h"

#define ROLE_MAX_PERMS 256

int admin_roles_hdf(struct req *r, const char *prefix, const char *checked)
{
	int n = db_query_hdf(r, prefix, "SELECT id, code, name, builtin FROM role"
			     " ORDER BY builtin DESC, id", "");

	if (n < 0)
		return -1;
	admin_label_rows(r, prefix, "role");
	for (HDF *row = hdf_get_child(r->hdf, prefix); row; row = hdf_obj_next(row))
		if (admin_has_word(checked, hdf_get_value(row, "id", "")))
			hset_row(r, prefix, atoi(hdf_obj_name(row)), "checked", "1");
	return n;
}

int page_roles(struct req *r)
{
	if (db_query_hdf(r, "Roles", "SELECT r.id, r.code, r.name, r.builtin,"
			 " (SELECT COUNT(*) FROM role_permission rp WHERE rp.role_id = r.id)"
			 " AS perm_count, (SELECT COUNT(*) FROM staff_role sr WHERE sr.role_id = r.id)"
			 " AS member_count FROM role r ORDER BY r.builtin DESC, r.id",
			 "") < 0)
		return req_fail(r, 500, "err.db");
	admin_label_rows(r, "Roles", "role");
	hset(r, "Page.Title", tr(r, "admin.roles.title"));
	r->template = "admin/roles.cs";
	return 0;
}

/* One permission as PermAreas.a.Perms.n.{code,label,checked}. */
static void role_perm_set(struct req *r, int a, int n, const char *code, const char *checked)
{
	char prefix[64], key[96];

	snprintf(prefix, sizeof(prefix), "PermAreas.%d.Perms", a);
	snprintf(key, sizeof(key), "perm.%s", code);
	hset_row(r, prefix, n, "code", code);
	hset_row(r, prefix, n, "label", admin_tr_or(r, key, code));
	if (admin_has_word(checked, code))
		hset_row(r, prefix, n, "checked", "1");
}

/* Every permission grouped by area: PermAreas.A.{area,label,Perms.N.*}; checked is the
 * " code code " list of those to tick.  Returns 0 or -1. */
static int role_perms_hdf(struct req *r, const char *checked)
{
	struct stmt *st = db_query("SELECT p.code, p.area FROM permission p JOIN"
				   " (SELECT area, MIN(sort) AS s FROM permission GROUP BY area) a"
				   " ON a.area = p.area ORDER BY a.s, p.area, p.sort, p.code", "");
	char area[64] = "", key[96];
	int a = -1, n = 0, rc;

	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		if (a < 0 || strcmp(area, db_text(st, 1))) {
			snprintf(area, sizeof(area), "%s", db_text(st, 1));
			snprintf(key, sizeof(key), "permarea.%s", area);
			a++;
			n = 0;
			hset_row(r, "PermAreas", a, "area", area);
			hset_row(r, "PermAreas", a, "label", admin_tr_or(r, key, area));
		}
		role_perm_set(r, a, n++, db_text(st, 0), checked);
	}
	db_done(st);
	return rc < 0 ? -1 : 0;
}

/* The role form for role id (0: new), with Form.* set and the permissions in checked. */
static int role_form(struct req *r, long long id, const char *checked)
{
	if (role_perms_hdf(r, checked) < 0)
		return req_fail(r, 500, "err.db");
	if (id)
		hset_int(r, "Form.id", id);
	hset(r, "Page.Title", tr(r, id ? "admin.roles.edit" : "admin.roles.new"));
	r->template = "admin/role_form.cs";
	return 0;
}

/* What the form shows of role id whatever was posted: code, built-in flag, label, members.
 * Returns 1, 0 when there is no such role, -1 on error. */
static int role_meta(struct req *r, long long id)
{
	int found = db_row_hdf(r, "Form", "SELECT r.code, r.builtin, r.name AS stored_name,"
				  " (SELECT COUNT(*) FROM staff_role sr WHERE sr.role_id = r.id)"
				  " AS member_count FROM role r WHERE r.id = ?", "i", id);
	char key[96];

	if (found == 1) {
		const char *stored = hdf_get_value(r->hdf, "Form.stored_name", "");
		snprintf(key, sizeof(key), "role.%s", hdf_get_value(r->hdf, "Form.code", ""));
		hset(r, "Form.label", hdf_get_int_value(r->hdf, "Form.builtin", 0)
				      ? admin_tr_or(r, key, stored) : stored);
	}
	return found;
}

/* The edit form of role id with its stored name and permissions. */
static int role_edit_form(struct req *r, long long id)
{
	char *checked;
	int found = role_meta(r, id), status;

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	hset(r, "Form.name", hdf_get_value(r->hdf, "Form.stored_name", ""));
	checked = admin_query_words("SELECT permission FROM role_permission WHERE role_id = ?",
				    "i", id);
	if (!checked)
		return req_fail(r, 500, "err.db");
	status = role_form(r, id, checked);
	free(checked);
	return status;
}

int page_role_new(struct req *r)
{
	return role_form(r, 0, NULL);
}

int page_role_edit(struct req *r)
{
	return role_edit_form(r, r->args[0]);
}

/* Re-renders the form after a failed change, ticking the posted permissions. */
static int role_form_again(struct req *r, long long id, const struct org_role *role)
{
	char *checked = admin_words(role->perms, role->nperms);
	int status = role_form(r, id, checked);

	free(checked);
	return status;
}

int page_role_create(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	const char *perms[ROLE_MAX_PERMS];
	struct org_role role = { req_field(r, "code"), req_field(r, "name"), perms, 0 };
	enum org_result res;
	long long id;
	int status;

	role.nperms = form_all(r, "perms", perms, ROLE_MAX_PERMS);
	form_keep(r, "code", "name", NULL);
	res = org_role_create(&id, &e, &who, &role);
	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : role_form_again(r, 0, &role);
	}
	req_flash(r, "flash.created");
	return req_redirect(r, "/admin/roles");
}

int page_role_update(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	const char *perms[ROLE_MAX_PERMS];
	struct org_role role = { NULL, req_field(r, "name"), perms, 0 };
	enum org_result res;
	int status;

	role.nperms = form_all(r, "perms", perms, ROLE_MAX_PERMS);
	res = org_role_update(&e, &who, r->args[0], &role);
	if (res) {
		status = admin_org_errors(r, res, &e);
		if (status)
			return status;
		if (role_meta(r, r->args[0]) != 1)
			return req_fail(r, 500, "err.db");
		form_keep(r, "name", NULL);
		return role_form_again(r, r->args[0], &role);
	}
	req_flash(r, "flash.saved");
	return req_redirect(r, "/admin/roles");
}

int page_role_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = org_role_delete(&e, &who, r->args[0]);
	int status;

	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : role_edit_form(r, r->args[0]);
	}
	req_flash(r, "flash.deleted");
	return req_redirect(r, "/admin/roles");
}
