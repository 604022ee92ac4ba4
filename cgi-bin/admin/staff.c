/* staff.c — staff accounts: list with search, create, edit, password reset, desk-phone
 * (SIP) extension and password. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "config.h"
#include "db.h"

#define STAFF_MAX_ROLES 64

struct staff_filter {
	const char *q;
	char like[200];		/* q as a LIKE prefix pattern */
	long long department;	/* 0: any */
	long long active;	/* -1: any */
	long long page;
};

/* Reads the list's filters from the query string and shows them back as Filter.*. */
static void staff_filter_read(struct req *r, struct staff_filter *f)
{
	const char *active = req_query(r, "active");
	size_t n = 0;

	f->q = req_query(r, "q");
	if (!f->q || strlen(f->q) > 64)
		f->q = "";
	/* A prefix match: LIKE's own wildcards in the input are taken literally. */
	for (const char *c = f->q; *c && n + 3 < sizeof(f->like); c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			f->like[n++] = '\\';
		f->like[n++] = *c;
	}
	f->like[n++] = '%';
	f->like[n] = '\0';
	f->department = req_int(r, "department", 0, 1, LLONG_MAX);
	if (f->department < 0)
		f->department = 0;
	f->active = active && !strcmp(active, "1") ? 1 : active && !strcmp(active, "0") ? 0 : -1;
	f->page = admin_page(r);
	hset(r, "Filter.q", f->q);
	if (f->department)
		hset_int(r, "Filter.department", f->department);
	if (f->active >= 0)
		hset_int(r, "Filter.active", f->active);
}

/* The label of role id (text) from RoleList.*, or the id itself. */
static const char *staff_role_label(struct req *r, const char *id)
{
	for (HDF *row = hdf_get_child(r->hdf, "RoleList"); row; row = hdf_obj_next(row))
		if (!strcmp(hdf_get_value(row, "id", ""), id))
			return hdf_get_value(row, "label", id);
	return id;
}

/* For each Staff.N, sets Staff.N.Roles.M.label from its role_ids " 1 2 ". */
static void staff_role_names(struct req *r)
{
	char prefix[64], ids[256], *save = NULL;

	for (HDF *row = hdf_get_child(r->hdf, "Staff"); row; row = hdf_obj_next(row)) {
		int m = 0;

		snprintf(ids, sizeof(ids), "%s", hdf_get_value(row, "role_ids", ""));
		snprintf(prefix, sizeof(prefix), "Staff.%s.Roles", hdf_obj_name(row));
		for (char *t = strtok_r(ids, " ", &save); t; t = strtok_r(NULL, " ", &save))
			hset_row(r, prefix, m++, "label", staff_role_label(r, t));
	}
}

/* The page of staff rows the filters select, as Staff.N.*; returns the row count or -1. */
static int staff_list_query(struct req *r, const struct staff_filter *f)
{
	return db_query_hdf(r, "Staff", "SELECT s.id, s.login, s.name, s.phone, s.active,"
			    " s.last_login_at, d.name AS department, (SELECT GROUP_CONCAT(sr.role_id"
			    " ORDER BY sr.role_id SEPARATOR ' ') FROM staff_role sr"
			    " WHERE sr.staff_id = s.id) AS role_ids FROM staff s"
			    " LEFT JOIN department d ON d.id = s.department_id"
			    " WHERE (? = '' OR s.login LIKE ? OR s.name LIKE ? OR s.phone LIKE ?)"
			    " AND (? = 0 OR s.department_id = ?) AND (? < 0 OR s.active = ?)"
			    " ORDER BY s.login LIMIT ? OFFSET ?", "ssssiiiiii",
			    f->q, f->like, f->like, f->like, f->department, f->department,
			    f->active, f->active, (long long)ADMIN_PER_PAGE,
			    (f->page - 1) * ADMIN_PER_PAGE);
}

static long long staff_list_count(const struct staff_filter *f)
{
	return db_int_query(-1, "SELECT COUNT(*) FROM staff s"
			    " WHERE (? = '' OR s.login LIKE ? OR s.name LIKE ? OR s.phone LIKE ?)"
			    " AND (? = 0 OR s.department_id = ?) AND (? < 0 OR s.active = ?)",
			    "ssssiiii", f->q, f->like, f->like, f->like, f->department,
			    f->department, f->active, f->active);
}

int page_staff_list(struct req *r)
{
	struct staff_filter f;
	struct buf url;
	long long total;

	staff_filter_read(r, &f);
	total = staff_list_count(&f);
	if (total < 0 || staff_list_query(r, &f) < 0 || admin_roles_hdf(r, "RoleList", NULL) < 0 ||
	    admin_departments_tree(r, "Departments", 0) < 0)
		return req_fail(r, 500, "err.db");
	staff_role_names(r);
	buf_init(&url);
	buf_puts(&url, "/admin/staff");
	url_param(&url, "q", f.q);
	url_param(&url, "department", hdf_get_value(r->hdf, "Filter.department", ""));
	url_param(&url, "active", hdf_get_value(r->hdf, "Filter.active", ""));
	admin_pager(r, &url, f.page, f.page * ADMIN_PER_PAGE < total, total);
	buf_free(&url);
	hset(r, "Page.Title", tr(r, "admin.staff.title"));
	r->template = "admin/staff.cs";
	return 0;
}

/* The staff form for account id (0: new) with Form.* set and the roles in checked. */
static int staff_form(struct req *r, long long id, const char *checked)
{
	if (admin_departments_tree(r, "Departments", 0) < 0 ||
	    admin_roles_hdf(r, "RoleList", checked) < 0)
		return req_fail(r, 500, "err.db");
	if (id)
		hset_int(r, "Form.id", id);
	hset(r, "Page.Title", tr(r, id ? "admin.staff.edit" : "admin.staff.new"));
	r->template = "admin/staff_form.cs";
	return 0;
}

/* What the edit form shows of account id whatever was posted.  Returns 1, 0 or -1. */
static int staff_meta(struct req *r, long long id)
{
	return db_row_hdf(r, "Form", "SELECT login, must_change_password, last_login_at,"
			     " password_changed_at, created_at, sip_ha1 IS NOT NULL AS"
			     " sip_has_password FROM staff WHERE id = ?", "i", id);
}

/* The edit form with the stored values of account id. */
static int staff_edit_form(struct req *r, long long id)
{
	char *roles;
	int status, found = db_row_hdf(r, "Form", "SELECT name, department_id, phone, email,"
					  " lang, active, sip_extension, sip_ha1 IS NOT NULL AS"
					  " sip_has_password FROM staff WHERE id = ?", "i", id);

	if (found > 0)
		found = staff_meta(r, id);
	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	roles = admin_query_words("SELECT role_id FROM staff_role WHERE staff_id = ?", "i", id);
	if (!roles)
		return req_fail(r, 500, "err.db");
	status = staff_form(r, id, roles);
	free(roles);
	return status;
}

int page_staff_new(struct req *r)
{
	return staff_form(r, 0, NULL);
}

int page_staff_edit(struct req *r)
{
	return staff_edit_form(r, r->args[0]);
}

/* Reads the posted account form into s (role ids into ids, their text into strs). */
static void staff_read(struct req *r, struct org_staff *s, long long *ids, const char **strs)
{
	char *end;

	form_keep(r, "login", "name", "department_id", "phone", "email", "lang", "sip_extension",
		  NULL);
	s->login = req_field(r, "login");
	s->name = req_field(r, "name");
	s->department_id = admin_form_int(r, "department_id", 0, 0, LLONG_MAX);
	s->phone = req_field(r, "phone");
	s->email = req_field(r, "email");
	s->lang = req_field(r, "lang");
	s->active = *req_field(r, "active") != '\0';
	hset(r, "Form.active", s->active ? "1" : "0");
	s->password = req_form(r, "password");
	s->nroles = form_all(r, "roles", strs, STAFF_MAX_ROLES);
	s->role_ids = ids;
	for (size_t i = 0; i < s->nroles; i++) {
		ids[i] = strtoll(strs[i], &end, 10);
		if (*end || ids[i] < 0)
			ids[i] = 0;
	}
}

/* Re-renders the account form after a failed change, ticking the posted roles. */
static int staff_form_again(struct req *r, long long id, const char **strs, size_t n)
{
	char *checked = admin_words(strs, n);
	int status = staff_form(r, id, checked);

	free(checked);
	return status;
}

/* The posted desk-phone fields.  ext "" removes the phone; pw "" keeps the password. */
struct staff_sip {
	const char *ext, *pw;
};

static int sip_ext_valid(const char *s)
{
	size_t n = strlen(s);

	if (n < 2 || n > 16)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int sip_pw_valid(const char *s)
{
	size_t n = strlen(s);

	if (n < 8 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '"' || s[i] == '\'' || s[i] == ':' ||
		    s[i] == '\\' || s[i] == 127)
			return 0;
	return 1;
}

/* Validates the desk-phone fields of account id (0: new) into Form.Error.*.  A password is
 * required when the extension is new or changes, because the stored digest HA1 is made of
 * extension, realm and password. */
static void staff_sip_read(struct req *r, long long id, struct staff_sip *sip)
{
	char *cur = NULL;
	struct stmt *st;

	sip->ext = req_field(r, "sip_extension");
	sip->pw = req_form(r, "sip_password");
	if (!sip->pw)
		sip->pw = "";
	if (!*sip->ext)
		return;
	if (!sip_ext_valid(sip->ext)) {
		form_error(r, "sip_extension", "admin.staff.sip_extension_invalid");
		return;
	}
	if (db_int_query(0, "SELECT COUNT(*) FROM staff WHERE sip_extension = ? AND id <> ?",
			 "si", sip->ext, id) > 0)
		form_error(r, "sip_extension", "admin.staff.sip_extension_taken");
	if (*sip->pw && !sip_pw_valid(sip->pw)) {
		form_error(r, "sip_password", "admin.staff.sip_password_invalid");
		return;
	}
	if (*sip->pw)
		return;
	st = id ? db_query("SELECT sip_extension FROM staff WHERE id = ? AND sip_ha1 IS NOT NULL",
			   "i", id) : NULL;
	if (st && db_next(st) == 1 && db_text(st, 0))
		cur = strdup(db_text(st, 0));
	db_done(st);
	if (!cur || strcmp(cur, sip->ext))
		form_error(r, "sip_password", "admin.staff.sip_password_required");
	free(cur);
}

/* Stores the validated desk-phone fields.  Returns 0, or -1 (after setting a form error
 * when another account took the extension meanwhile). */
static int staff_sip_save(struct req *r, long long id, const struct staff_sip *sip)
{
	const char *realm = config_get("WL_SIP_REALM", "warmline");
	long long n;

	if (!*sip->ext)
		n = db_exec("UPDATE staff SET sip_extension = NULL, sip_ha1 = NULL,"
			    " sip_ha1_realm = NULL WHERE id = ?", "i", id);
	else if (*sip->pw)
		n = db_exec("UPDATE staff SET sip_extension = ?, sip_ha1 = MD5(CONCAT(?, ':', ?,"
			    " ':', ?)), sip_ha1_realm = ? WHERE id = ?", "sssssi", sip->ext,
			    sip->ext, realm, sip->pw, realm, id);
	else
		n = db_exec("UPDATE staff SET sip_extension = ? WHERE id = ?", "si", sip->ext, id);
	if (n < 0 && db_errno() == DB_ER_DUP_ENTRY)
		form_error(r, "sip_extension", "admin.staff.sip_extension_taken");
	return n < 0 ? -1 : 0;
}

int page_staff_create(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct org_staff s;
	long long ids[STAFF_MAX_ROLES], id;
	const char *strs[STAFF_MAX_ROLES];
	enum org_result res = ORG_INVALID;
	int status;

	struct staff_sip sip;

	staff_read(r, &s, ids, strs);
	staff_sip_read(r, 0, &sip);
	if (!form_has_errors(r))
		res = org_staff_create(&id, &e, &who, &s);
	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : staff_form_again(r, 0, strs, s.nroles);
	}
	if (staff_sip_save(r, id, &sip)) {
		if (!form_has_errors(r))
			return req_fail(r, 500, "err.db");
		r->status = 422;
		return staff_edit_form(r, id);
	}
	req_flash(r, "flash.created");
	return req_redirect(r, "/admin/staff");
}

int page_staff_update(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct org_staff s;
	long long ids[STAFF_MAX_ROLES];
	const char *strs[STAFF_MAX_ROLES];
	enum org_result res = ORG_INVALID;
	int status;

	struct staff_sip sip;

	staff_read(r, &s, ids, strs);
	staff_sip_read(r, r->args[0], &sip);
	if (!form_has_errors(r))
		res = org_staff_update(&e, &who, r->args[0], &s);
	if (!res && staff_sip_save(r, r->args[0], &sip)) {
		if (!form_has_errors(r))
			return req_fail(r, 500, "err.db");
		res = ORG_INVALID;
	}
	if (res) {
		status = admin_org_errors(r, res, &e);
		if (status)
			return status;
		if (staff_meta(r, r->args[0]) != 1)
			return req_fail(r, 500, "err.db");
		return staff_form_again(r, r->args[0], strs, s.nroles);
	}
	req_flash(r, "flash.saved");
	return req_redirect(r, "/admin/staff");
}

int page_staff_password(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res;
	char *back;
	int status;

	res = org_staff_password_reset(&e, &who, r->args[0], req_form(r, "password"));
	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : staff_edit_form(r, r->args[0]);
	}
	req_flash(r, "admin.staff.password_reset_done");
	if (r->args[0] == r->user.id)
		return req_redirect(r, "/login");
	back = xasprintf("/admin/staff/%lld", r->args[0]);
	status = req_redirect(r, back);
	free(back);
	return status;
}
