/* departments.c — the department tree: list, create, edit, delete. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "db.h"

struct dept {
	long long id, parent_id;
	char *name, *code;
	long long sort, staff_count;
};

struct dept_tree {
	struct dept *v;
	size_t n;
	struct req *r;
	const char *prefix;
	long long skip;
	int out;
};

static void dept_tree_free(struct dept_tree *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].code);
	}
	free(t->v);
}

/* Reads every department, ordered by sort and id (siblings keep that order). */
static int dept_tree_load(struct dept_tree *t)
{
	struct stmt *st = db_query("SELECT d.id, COALESCE(d.parent_id, 0), d.name, d.code, d.sort,"
				   " (SELECT COUNT(*) FROM staff s WHERE s.department_id = d.id)"
				   " FROM department d ORDER BY d.sort, d.id", "");
	size_t cap = 0;
	int rc;

	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct dept *d;

		if (t->n == cap) {
			cap = cap ? cap * 2 : 64;
			t->v = xrealloc(t->v, cap * sizeof(*t->v));
		}
		d = &t->v[t->n++];
		d->id = db_int(st, 0);
		d->parent_id = db_int(st, 1);
		d->name = xstrdup(db_text(st, 2));
		d->code = xstrdup(db_text(st, 3) ? db_text(st, 3) : "");
		d->sort = db_int(st, 4);
		d->staff_count = db_int(st, 5);
	}
	db_done(st);
	return rc < 0 ? -1 : 0;
}

static void dept_tree_set(struct dept_tree *t, const char *col, const char *v)
{
	char name[128];

	snprintf(name, sizeof(name), "%s.%d.%s", t->prefix, t->out, col);
	hset(t->r, name, v);
}

/* Puts department d at tree depth level into HDF. */
static void dept_tree_emit(struct dept_tree *t, const struct dept *d, int level)
{
	char num[24], indent[128] = "";
	size_t len = 0;

	/* Two ideographic spaces per level, then a branch mark. */
	for (int i = 0; i < level && len + 16 < sizeof(indent); i++)
		len += (size_t)snprintf(indent + len, sizeof(indent) - len, "%s", "\u3000\u3000");
	if (level)
		snprintf(indent + len, sizeof(indent) - len, "%s", "\u2514 ");
	snprintf(num, sizeof(num), "%lld", d->id);
	dept_tree_set(t, "id", num);
	snprintf(num, sizeof(num), "%lld", d->parent_id);
	dept_tree_set(t, "parent_id", d->parent_id ? num : "");
	dept_tree_set(t, "name", d->name);
	dept_tree_set(t, "code", d->code);
	snprintf(num, sizeof(num), "%lld", d->sort);
	dept_tree_set(t, "sort", num);
	snprintf(num, sizeof(num), "%lld", d->staff_count);
	dept_tree_set(t, "staff_count", num);
	snprintf(num, sizeof(num), "%d", level);
	dept_tree_set(t, "level", num);
	dept_tree_set(t, "indent", indent);
	t->out++;
}

/* Emits the children of parent, each followed by its own subtree. */
static void dept_tree_walk(struct dept_tree *t, long long parent, int level)
{
	if (level > 64)
		return;
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].parent_id != parent || t->v[i].id == t->skip)
			continue;
		dept_tree_emit(t, &t->v[i], level);
		dept_tree_walk(t, t->v[i].id, level + 1);
	}
}

int admin_departments_tree(struct req *r, const char *prefix, long long skip)
{
	struct dept_tree t = { .r = r, .prefix = prefix, .skip = skip };
	int n = -1;

	if (dept_tree_load(&t) == 0) {
		dept_tree_walk(&t, 0, 0);
		n = t.out;
	}
	dept_tree_free(&t);
	return n;
}

int page_departments(struct req *r)
{
	if (admin_departments_tree(r, "Departments", 0) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "admin.departments.title"));
	r->template = "admin/departments.cs";
	return 0;
}

/* The form for department id (0: a new one); Form.* holds the values to show. */
static int department_form(struct req *r, long long id)
{
	if (admin_departments_tree(r, "Parents", id) < 0)
		return req_fail(r, 500, "err.db");
	if (id)
		hset_int(r, "Form.id", id);
	hset(r, "Page.Title", tr(r, id ? "admin.departments.edit" : "admin.departments.new"));
	r->template = "admin/department_form.cs";
	return 0;
}

/* The edit form with the stored values of department id. */
static int department_edit_form(struct req *r, long long id)
{
	int found = db_row_hdf(r, "Form", "SELECT d.name, d.code, d.parent_id, d.sort,"
				  " (SELECT COUNT(*) FROM staff s WHERE s.department_id = d.id)"
				  " AS staff_count, (SELECT COUNT(*) FROM department c"
				  " WHERE c.parent_id = d.id) AS child_count"
				  " FROM department d WHERE d.id = ?", "i", id);

	if (found < 0)
		return req_fail(r, 500, "err.db");
	if (!found)
		return req_fail(r, 404, "err.not_found_object");
	return department_form(r, id);
}

int page_department_new(struct req *r)
{
	long long parent = req_int(r, "parent", 0, 1, LLONG_MAX);

	if (parent > 0)
		hset_int(r, "Form.parent_id", parent);
	hset(r, "Form.sort", "0");
	return department_form(r, 0);
}

int page_department_edit(struct req *r)
{
	return department_edit_form(r, r->args[0]);
}

/* Reads the posted form into d, keeping the values for a re-rendered form. */
static void department_read(struct req *r, struct org_department *d)
{
	form_keep(r, "name", "code", "parent_id", "sort", NULL);
	d->name = req_field(r, "name");
	d->code = req_field(r, "code");
	d->parent_id = admin_form_int(r, "parent_id", 0, 0, LLONG_MAX);
	d->sort = admin_form_int(r, "sort", 0, INT_MIN, INT_MAX);
}

int page_department_create(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct org_department d;
	enum org_result res = ORG_INVALID;
	long long id;
	int status;

	department_read(r, &d);
	if (!form_has_errors(r))
		res = org_department_create(&id, &e, &who, &d);
	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : department_form(r, 0);
	}
	req_flash(r, "flash.created");
	return req_redirect(r, "/admin/departments");
}

int page_department_update(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct org_department d;
	enum org_result res = ORG_INVALID;
	int status;

	department_read(r, &d);
	if (!form_has_errors(r))
		res = org_department_update(&e, &who, r->args[0], &d);
	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : department_form(r, r->args[0]);
	}
	req_flash(r, "flash.saved");
	return req_redirect(r, "/admin/departments");
}

int page_department_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = org_department_delete(&e, &who, r->args[0]);
	int status;

	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : department_edit_form(r, r->args[0]);
	}
	req_flash(r, "flash.deleted");
	return req_redirect(r, "/admin/departments");
}
