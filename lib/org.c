/* org.c — the organisation's rules: validation, in-use checks, transactions, audit. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth.h"
#include "db.h"
#include "org.h"
#include "util.h"

#define CODE_CHARS "abcdefghijklmnopqrstuvwxyz0123456789_"
#define LOGIN_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"
#define PHONE_CHARS "0123456789+-() "
#define ORG_SORT_MAX 1000000000LL
#define ORG_DEPTH_MAX 64

void org_error(struct org_errors *e, const char *field, const char *key)
{
	if (e->n >= ORG_MAX_ERRORS)
		return;
	e->v[e->n].field = field;
	e->v[e->n].key = key;
	e->n++;
}

static void err_add(struct org_errors *e, const char *field, const char *key)
{
	org_error(e, field, key);
}

size_t org_strlen(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Adds an error unless v is a one-line text of at most max characters (and present
 * when required). */
static void check_text(struct org_errors *e, const char *field, const char *v, size_t max,
		       int required)
{
	if (!v || !*v) {
		if (required)
			err_add(e, field, "err.required");
		return;
	}
	if (org_strlen(v) > max) {
		err_add(e, field, "err.too_long_field");
		return;
	}
	for (const unsigned char *c = (const unsigned char *)v; *c; c++) {
		if (*c < 0x20 || *c == 0x7f) {
			err_add(e, field, "err.invalid");
			return;
		}
	}
}

/* True when s has min..max bytes, each from set. */
static int chars_ok(const char *s, const char *set, size_t min, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	return n >= min && n <= max && strspn(s, set) == n;
}

static void check_sort(struct org_errors *e, const char *field, long long sort)
{
	if (sort < -ORG_SORT_MAX || sort > ORG_SORT_MAX)
		err_add(e, field, "err.invalid");
}

/* A simple shape check: one '@' with something before it and a dotted domain after it. */
static int email_ok(const char *s)
{
	const char *at = strchr(s, '@'), *dot;

	if (!at || at == s || strchr(at + 1, '@') || strlen(s) > 255)
		return 0;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c <= ' ' || *c == 0x7f || strchr("<>()[],;:\\\"", *c))
			return 0;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && at[1] != '.';
}

/* The result for a failed statement: a duplicate of a unique field is the user's error. */
static enum org_result db_failed(struct org_errors *e, const char *dup_field)
{
	if (dup_field && db_errno() == DB_ER_DUP_ENTRY) {
		err_add(e, dup_field, "err.duplicate");
		return ORG_INVALID;
	}
	return ORG_DB;
}

enum org_result org_tx_end(enum org_result res)
{
	if (res == ORG_OK && db_commit())
		res = ORG_DB;
	if (res != ORG_OK)
		db_rollback();
	return res;
}

static enum org_result tx_end(enum org_result res)
{
	return org_tx_end(res);
}

/* 1 when a row answers the query (locking it with FOR UPDATE in the SQL), 0 when none,
 * -1 on error. */
static int row_exists(const char *sql, long long id)
{
	long long n = db_int_query(-1, sql, "i", id);

	return n < 0 ? -1 : n > 0;
}

/* Copies the first column of the row that sql selects by id into out (for the audit log).
 * Returns 1, 0 when there is no such row, or -1 on error. */
static int row_text(char *out, size_t outlen, const char *sql, long long id)
{
	struct stmt *st = db_query(sql, "i", id);
	int found;

	out[0] = '\0';
	if (!st)
		return -1;
	found = db_next(st);
	if (found == 1 && db_text(st, 0))
		snprintf(out, outlen, "%s", db_text(st, 0));
	db_done(st);
	return found;
}

/* ------------------------------------------------------------------ departments */

static void department_check(struct org_errors *e, const struct org_department *d)
{
	check_text(e, "name", d->name, ORG_NAME_MAX, 1);
	if (d->code && *d->code && !chars_ok(d->code, CODE_CHARS, 1, ORG_CODE_MAX))
		err_add(e, "code", "err.code_format");
	if (d->parent_id < 0)
		err_add(e, "parent_id", "err.invalid");
	check_sort(e, "sort", d->sort);
}

/* Walks up from parent, locking each ancestor, and refuses when department id (0 for a
 * new one) is among them: a department may not become its own ancestor. */
static enum org_result department_parent_check(struct org_errors *e, long long id,
					       long long parent)
{
	for (int depth = 0; parent; depth++) {
		struct stmt *st;
		long long next = -1;

		if (parent == id) {
			err_add(e, "parent_id", "admin.departments.err_cycle");
			return ORG_INVALID;
		}
		if (depth >= ORG_DEPTH_MAX) {
			err_add(e, "parent_id", "err.invalid");
			return ORG_INVALID;
		}
		st = db_query("SELECT COALESCE(parent_id, 0) FROM department WHERE id = ? FOR UPDATE",
			      "i", parent);
		if (!st)
			return ORG_DB;
		if (db_next(st) == 1)
			next = db_int(st, 0);
		db_done(st);
		if (next < 0) {
			err_add(e, "parent_id", "err.invalid");
			return ORG_INVALID;
		}
		parent = next;
	}
	return ORG_OK;
}

enum org_result org_department_create(long long *id, struct org_errors *e,
				      const struct org_actor *who, const struct org_department *d)
{
	const char *code = d->code ? d->code : "";
	enum org_result res;

	department_check(e, d);
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	res = department_parent_check(e, 0, d->parent_id);
	if (res)
		return tx_end(res);
	if (db_exec("INSERT INTO department (parent_id, name, code, sort)"
		    " VALUES (NULLIF(?, 0), ?, NULLIF(?, ''), ?)", "issi",
		    d->parent_id, d->name, code, d->sort) < 0)
		return tx_end(db_failed(e, "code"));
	*id = (long long)db_insert_id();
	audit(who->staff_id, who->ip, "department.create", "department", *id,
	      "name=%s code=%s parent=%lld sort=%lld", d->name, code, d->parent_id, d->sort);
	return tx_end(ORG_OK);
}

enum org_result org_department_update(struct org_errors *e, const struct org_actor *who,
				      long long id, const struct org_department *d)
{
	const char *code = d->code ? d->code : "";
	enum org_result res;
	int found;

	department_check(e, d);
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	found = row_exists("SELECT COUNT(*) FROM department WHERE id = ? FOR UPDATE", id);
	if (found <= 0)
		return tx_end(found < 0 ? ORG_DB : ORG_NOT_FOUND);
	res = department_parent_check(e, id, d->parent_id);
	if (res)
		return tx_end(res);
	if (db_exec("UPDATE department SET parent_id = NULLIF(?, 0), name = ?,"
		    " code = NULLIF(?, ''), sort = ? WHERE id = ?", "issii",
		    d->parent_id, d->name, code, d->sort, id) < 0)
		return tx_end(db_failed(e, "code"));
	audit(who->staff_id, who->ip, "department.update", "department", id,
	      "name=%s code=%s parent=%lld sort=%lld", d->name, code, d->parent_id, d->sort);
	return tx_end(ORG_OK);
}

enum org_result org_department_delete(struct org_errors *e, const struct org_actor *who,
				      long long id)
{
	long long children, staff;
	char name[404];
	int found;

	if (db_begin())
		return ORG_DB;
	found = row_text(name, sizeof(name), "SELECT name FROM department WHERE id = ? FOR UPDATE",
			 id);
	if (found <= 0)
		return tx_end(found < 0 ? ORG_DB : ORG_NOT_FOUND);
	children = db_int_query(-1, "SELECT COUNT(*) FROM department WHERE parent_id = ?", "i", id);
	staff = db_int_query(-1, "SELECT COUNT(*) FROM staff WHERE department_id = ?", "i", id);
	if (children < 0 || staff < 0)
		return tx_end(ORG_DB);
	if (children)
		err_add(e, NULL, "admin.departments.err_has_children");
	if (staff)
		err_add(e, NULL, "admin.departments.err_has_staff");
	if (e->n)
		return tx_end(ORG_REFUSED);
	if (db_exec("DELETE FROM department WHERE id = ?", "i", id) < 0) {
		if (db_errno() != DB_ER_ROW_IS_REFERENCED)
			return tx_end(ORG_DB);
		err_add(e, NULL, "err.in_use");
		return tx_end(ORG_REFUSED);
	}
	audit(who->staff_id, who->ip, "department.delete", "department", id, "name=%s", name);
	return tx_end(ORG_OK);
}

/* ------------------------------------------------------------------ roles */

static enum org_result role_check(struct org_errors *e, const struct org_role *role,
				  int check_name)
{
	if (check_name)
		check_text(e, "name", role->name, ORG_NAME_MAX, 1);
	for (size_t i = 0; i < role->nperms; i++) {
		long long n = db_int_query(-1, "SELECT COUNT(*) FROM permission WHERE code = ?",
					   "s", role->perms[i]);
		if (n < 0)
			return ORG_DB;
		if (!n) {
			err_add(e, "perms", "err.invalid");
			break;
		}
	}
	return e->n ? ORG_INVALID : ORG_OK;
}

/* Replaces role id's permissions; the codes have been checked.  Appends them to list. */
static enum org_result role_perms_set(long long id, const struct org_role *role, struct buf *list)
{
	if (db_exec("DELETE FROM role_permission WHERE role_id = ?", "i", id) < 0)
		return ORG_DB;
	for (size_t i = 0; i < role->nperms; i++) {
		if (db_exec("INSERT IGNORE INTO role_permission (role_id, permission) VALUES (?, ?)",
			    "is", id, role->perms[i]) < 0)
			return ORG_DB;
		buf_printf(list, "%s%s", i ? "," : "", role->perms[i]);
	}
	return ORG_OK;
}

enum org_result org_role_create(long long *id, struct org_errors *e, const struct org_actor *who,
				const struct org_role *role)
{
	enum org_result res;
	struct buf perms;

	if (!chars_ok(role->code, CODE_CHARS, 2, ORG_CODE_MAX))
		err_add(e, "code", role->code && *role->code ? "err.code_format" : "err.required");
	res = role_check(e, role, 1);
	if (res)
		return res;
	if (db_begin())
		return ORG_DB;
	if (db_exec("INSERT INTO role (code, name, builtin) VALUES (?, ?, 0)", "ss",
		    role->code, role->name) < 0)
		return tx_end(db_failed(e, "code"));
	*id = (long long)db_insert_id();
	buf_init(&perms);
	res = role_perms_set(*id, role, &perms);
	if (!res)
		audit(who->staff_id, who->ip, "role.create", "role", *id, "code=%s name=%s perms=%s",
		      role->code, role->name, perms.data);
	buf_free(&perms);
	return tx_end(res);
}

/* How many of staff_id's roles grant perm, or -1. */
static long long staff_grants(long long staff_id, const char *perm)
{
	return db_int_query(-1, "SELECT COUNT(*) FROM staff_role sr JOIN role_permission rp"
			    " ON rp.role_id = sr.role_id WHERE sr.staff_id = ? AND rp.permission = ?",
			    "is", staff_id, perm);
}

enum org_result org_role_update(struct org_errors *e, const struct org_actor *who, long long id,
				const struct org_role *role)
{
	long long builtin, before, after;
	enum org_result res;
	struct buf perms;

	if (db_begin())
		return ORG_DB;
	builtin = db_int_query(-1, "SELECT builtin FROM role WHERE id = ? FOR UPDATE", "i", id);
	if (builtin < 0)
		return tx_end(row_exists("SELECT COUNT(*) FROM role WHERE id = ?", id) ? ORG_DB
										 : ORG_NOT_FOUND);
	res = role_check(e, role, !builtin);
	if (res)
		return tx_end(res);
	before = who->staff_id ? staff_grants(who->staff_id, "admin.roles") : 0;
	if (!builtin && db_exec("UPDATE role SET name = ? WHERE id = ?", "si", role->name, id) < 0)
		return tx_end(ORG_DB);
	buf_init(&perms);
	res = role_perms_set(id, role, &perms);
	after = who->staff_id ? staff_grants(who->staff_id, "admin.roles") : 0;
	if (!res && (before < 0 || after < 0))
		res = ORG_DB;
	if (!res && before > 0 && after == 0) {
		err_add(e, "perms", "admin.roles.err_self_lockout");
		res = ORG_REFUSED;
	}
	if (!res)
		audit(who->staff_id, who->ip, "role.update", "role", id, "name=%s perms=%s",
		      builtin ? "" : role->name, perms.data);
	buf_free(&perms);
	return tx_end(res);
}

enum org_result org_role_delete(struct org_errors *e, const struct org_actor *who, long long id)
{
	long long builtin, members;
	char code[ORG_CODE_MAX + 1];

	if (db_begin())
		return ORG_DB;
	builtin = db_int_query(-1, "SELECT builtin FROM role WHERE id = ? FOR UPDATE", "i", id);
	if (builtin < 0)
		return tx_end(row_exists("SELECT COUNT(*) FROM role WHERE id = ?", id) ? ORG_DB
										 : ORG_NOT_FOUND);
	members = db_int_query(-1, "SELECT COUNT(*) FROM staff_role WHERE role_id = ?", "i", id);
	if (members < 0)
		return tx_end(ORG_DB);
	if (builtin)
		err_add(e, NULL, "admin.roles.builtin_hint");
	else if (members)
		err_add(e, NULL, "admin.roles.err_in_use");
	if (e->n)
		return tx_end(ORG_REFUSED);
	if (row_text(code, sizeof(code), "SELECT code FROM role WHERE id = ?", id) < 0 ||
	    db_exec("DELETE FROM role WHERE id = ?", "i", id) < 0)
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "role.delete", "role", id, "code=%s", code);
	return tx_end(ORG_OK);
}

/* ------------------------------------------------------------------ staff */

/* The checks shared by create and update. */
static enum org_result staff_check(struct org_errors *e, const struct org_staff *s)
{
	check_text(e, "name", s->name, ORG_NAME_MAX, 1);
	if (s->phone && *s->phone && !chars_ok(s->phone, PHONE_CHARS, 3, 32))
		err_add(e, "phone", "err.invalid");
	if (s->email && *s->email && !email_ok(s->email))
		err_add(e, "email", "err.invalid");
	if (s->lang && *s->lang && strcmp(s->lang, "zh_CN") && strcmp(s->lang, "en"))
		err_add(e, "lang", "err.invalid");
	if (s->department_id) {
		int found = row_exists("SELECT COUNT(*) FROM department WHERE id = ?",
				       s->department_id);
		if (found < 0)
			return ORG_DB;
		if (!found)
			err_add(e, "department_id", "err.invalid");
	}
	if (!s->nroles)
		err_add(e, "roles", "admin.staff.err_no_role");
	for (size_t i = 0; i < s->nroles; i++) {
		int found = row_exists("SELECT COUNT(*) FROM role WHERE id = ?", s->role_ids[i]);
		if (found < 0)
			return ORG_DB;
		if (!found) {
			err_add(e, "roles", "err.invalid");
			break;
		}
	}
	return e->n ? ORG_INVALID : ORG_OK;
}

/* Replaces account id's roles; appends their ids to list. */
static enum org_result staff_roles_set(long long id, const struct org_staff *s, struct buf *list)
{
	if (db_exec("DELETE FROM staff_role WHERE staff_id = ?", "i", id) < 0)
		return ORG_DB;
	for (size_t i = 0; i < s->nroles; i++) {
		if (db_exec("INSERT IGNORE INTO staff_role (staff_id, role_id) VALUES (?, ?)", "ii",
			    id, s->role_ids[i]) < 0)
			return ORG_DB;
		buf_printf(list, "%s%lld", i ? "," : "", s->role_ids[i]);
	}
	return ORG_OK;
}

static const char *str0(const char *s)
{
	return s ? s : "";
}

enum org_result org_staff_create(long long *id, struct org_errors *e, const struct org_actor *who,
				 const struct org_staff *s)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *problem;
	enum org_result res;
	struct buf roles;

	if (!chars_ok(s->login, LOGIN_CHARS, 3, 64))
		err_add(e, "login", s->login && *s->login ? "err.login_format" : "err.required");
	if (!s->password || !*s->password)
		err_add(e, "password", "err.required");
	else if ((problem = auth_password_problem(s->password)))
		err_add(e, "password", problem);
	res = staff_check(e, s);
	if (res)
		return res;
	if (auth_password_hash(hash, sizeof(hash), s->password))
		return ORG_DB;
	if (db_begin())
		return ORG_DB;
	if (db_exec("INSERT INTO staff (login, name, password_hash, department_id, phone, email,"
		    " lang, must_change_password) VALUES (?, ?, ?, NULLIF(?, 0), NULLIF(?, ''),"
		    " NULLIF(?, ''), NULLIF(?, ''), 1)", "sssisss", s->login, s->name, hash,
		    s->department_id, str0(s->phone), str0(s->email), str0(s->lang)) < 0)
		return tx_end(db_failed(e, "login"));
	*id = (long long)db_insert_id();
	buf_init(&roles);
	res = staff_roles_set(*id, s, &roles);
	if (!res)
		audit(who->staff_id, who->ip, "staff.create", "staff", *id,
		      "login=%s name=%s department=%lld roles=%s", s->login, s->name,
		      s->department_id, roles.data);
	buf_free(&roles);
	return tx_end(res);
}

/* The rules about one's own account: stay active, keep the admin role. */
static enum org_result staff_self_check(struct org_errors *e, long long id,
					const struct org_staff *s)
{
	long long admin_role = db_int_query(0, "SELECT id FROM role WHERE code = 'admin'", "");
	long long had = db_int_query(-1, "SELECT COUNT(*) FROM staff_role WHERE staff_id = ?"
				     " AND role_id = ?", "ii", id, admin_role);
	int keeps = 0;

	if (had < 0)
		return ORG_DB;
	for (size_t i = 0; i < s->nroles; i++)
		keeps |= s->role_ids[i] == admin_role;
	if (!s->active)
		err_add(e, "active", "admin.staff.err_self_deactivate");
	if (had && !keeps)
		err_add(e, "roles", "admin.staff.err_self_admin");
	return e->n ? ORG_REFUSED : ORG_OK;
}

enum org_result org_staff_update(struct org_errors *e, const struct org_actor *who, long long id,
				 const struct org_staff *s)
{
	long long was_active;
	enum org_result res;
	struct buf roles;

	if (db_begin())
		return ORG_DB;
	was_active = db_int_query(-1, "SELECT active FROM staff WHERE id = ? FOR UPDATE", "i", id);
	if (was_active < 0)
		return tx_end(row_exists("SELECT COUNT(*) FROM staff WHERE id = ?", id) ? ORG_DB
										  : ORG_NOT_FOUND);
	res = staff_check(e, s);
	if (!res && who->staff_id == id)
		res = staff_self_check(e, id, s);
	if (res)
		return tx_end(res);
	if (db_exec("UPDATE staff SET name = ?, department_id = NULLIF(?, 0), phone = NULLIF(?, ''),"
		    " email = NULLIF(?, ''), lang = NULLIF(?, ''), active = ? WHERE id = ?",
		    "sisssii", s->name, s->department_id, str0(s->phone), str0(s->email),
		    str0(s->lang), (long long)(s->active != 0), id) < 0)
		return tx_end(ORG_DB);
	buf_init(&roles);
	res = staff_roles_set(id, s, &roles);
	/* A deactivated account is logged out everywhere at once. */
	if (!res && was_active && !s->active &&
	    db_exec("UPDATE session SET ended_at = UTC_TIMESTAMP() WHERE staff_id = ?"
		    " AND ended_at IS NULL", "i", id) < 0)
		res = ORG_DB;
	if (!res)
		audit(who->staff_id, who->ip, "staff.update", "staff", id,
		      "name=%s department=%lld roles=%s active=%d", s->name, s->department_id,
		      roles.data, s->active != 0);
	buf_free(&roles);
	return tx_end(res);
}

enum org_result org_staff_password_reset(struct org_errors *e, const struct org_actor *who,
					 long long id, const char *password)
{
	const char *problem;
	int found = row_exists("SELECT COUNT(*) FROM staff WHERE id = ?", id);

	if (found <= 0)
		return found < 0 ? ORG_DB : ORG_NOT_FOUND;
	if (!password || !*password)
		problem = "err.required";
	else
		problem = auth_password_problem(password);
	if (!problem)
		problem = auth_password_reset(who->staff_id, id, password, who->ip);
	if (!problem)
		return ORG_OK;
	if (!strcmp(problem, "err.db") || !strcmp(problem, "err.server"))
		return ORG_DB;
	err_add(e, "password", problem);
	return ORG_INVALID;
}

/* ------------------------------------------------------------------ dictionaries */

enum org_result org_dictionary_create(long long *id, struct org_errors *e,
				      const struct org_actor *who, const char *code,
				      const char *name)
{
	if (!chars_ok(code, CODE_CHARS, 2, ORG_DICT_CODE_MAX))
		err_add(e, "code", code && *code ? "err.code_format" : "err.required");
	check_text(e, "name", name, ORG_NAME_MAX, 1);
	if (e->n)
		return ORG_INVALID;
	if (db_exec("INSERT INTO dictionary (code, name, builtin) VALUES (?, ?, 0)", "ss",
		    code, name) < 0)
		return db_failed(e, "code");
	*id = (long long)db_insert_id();
	audit(who->staff_id, who->ip, "dictionary.create", "dictionary", *id, "code=%s name=%s",
	      code, name);
	return ORG_OK;
}

enum org_result org_dictionary_delete(struct org_errors *e, const struct org_actor *who,
				      long long id)
{
	char code[ORG_DICT_CODE_MAX + 1];
	long long builtin;

	if (db_begin())
		return ORG_DB;
	builtin = db_int_query(-1, "SELECT builtin FROM dictionary WHERE id = ? FOR UPDATE", "i", id);
	if (builtin < 0)
		return tx_end(row_exists("SELECT COUNT(*) FROM dictionary WHERE id = ?", id)
			      ? ORG_DB : ORG_NOT_FOUND);
	if (builtin) {
		err_add(e, NULL, "admin.dict.err_builtin");
		return tx_end(ORG_REFUSED);
	}
	if (row_text(code, sizeof(code), "SELECT code FROM dictionary WHERE id = ?", id) < 0 ||
	    db_exec("DELETE FROM dictionary WHERE id = ?", "i", id) < 0)
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "dictionary.delete", "dictionary", id, "code=%s", code);
	return tx_end(ORG_OK);
}

static void dict_item_check(struct org_errors *e, const struct org_dict_item *item)
{
	check_text(e, "label", item->label, ORG_NAME_MAX, 1);
	check_sort(e, "sort", item->sort);
}

enum org_result org_dict_item_create(long long *id, struct org_errors *e,
				     const struct org_actor *who, long long dict_id,
				     const struct org_dict_item *item)
{
	int found = row_exists("SELECT COUNT(*) FROM dictionary WHERE id = ?", dict_id);

	if (found <= 0)
		return found < 0 ? ORG_DB : ORG_NOT_FOUND;
	if (!chars_ok(item->code, CODE_CHARS, 1, ORG_DICT_CODE_MAX))
		err_add(e, "code", item->code && *item->code ? "err.code_format" : "err.required");
	dict_item_check(e, item);
	if (e->n)
		return ORG_INVALID;
	if (db_exec("INSERT INTO dictionary_item (dictionary_id, code, label, sort)"
		    " VALUES (?, ?, ?, ?)", "issi", dict_id, item->code, item->label,
		    item->sort) < 0)
		return db_failed(e, "code");
	*id = (long long)db_insert_id();
	audit(who->staff_id, who->ip, "dictionary.update", "dictionary", dict_id,
	      "item=%lld added code=%s label=%s sort=%lld", *id, item->code, item->label,
	      item->sort);
	return ORG_OK;
}

/* 1 when item id belongs to dictionary dict_id, 0 when not, -1 on error. */
static int dict_item_exists(long long dict_id, long long id)
{
	return (int)db_int_query(-1, "SELECT COUNT(*) FROM dictionary_item"
				 " WHERE id = ? AND dictionary_id = ?", "ii", id, dict_id);
}

enum org_result org_dict_item_update(struct org_errors *e, const struct org_actor *who,
				     long long dict_id, long long id,
				     const struct org_dict_item *item)
{
	int found = dict_item_exists(dict_id, id);

	if (found <= 0)
		return found < 0 ? ORG_DB : ORG_NOT_FOUND;
	dict_item_check(e, item);
	if (e->n)
		return ORG_INVALID;
	if (db_exec("UPDATE dictionary_item SET label = ?, sort = ?, active = ? WHERE id = ?",
		    "siii", item->label, item->sort, (long long)(item->active != 0), id) < 0)
		return ORG_DB;
	audit(who->staff_id, who->ip, "dictionary.update", "dictionary", dict_id,
	      "item=%lld label=%s sort=%lld active=%d", id, item->label, item->sort,
	      item->active != 0);
	return ORG_OK;
}

/* How many rows use item code of dictionary dict (the built-in dictionaries that
 * residents refer to by code); 0 for others, -1 on error. */
static long long dict_item_uses(const char *dict, const char *code)
{
	if (!strcmp(dict, "customer_tag"))
		return db_int_query(-1, "SELECT COUNT(*) FROM resident_tag WHERE tag = ?", "s", code);
	if (!strcmp(dict, "customer_level"))
		return db_int_query(-1, "SELECT COUNT(*) FROM resident WHERE level = ?", "s", code);
	if (!strcmp(dict, "customer_category"))
		return db_int_query(-1, "SELECT COUNT(*) FROM resident WHERE category = ?", "s",
				    code);
	return 0;
}

enum org_result org_dict_item_delete(struct org_errors *e, const struct org_actor *who,
				     long long dict_id, long long id)
{
	struct stmt *st = db_query("SELECT i.code, i.label, d.code FROM dictionary_item i"
				   " JOIN dictionary d ON d.id = i.dictionary_id"
				   " WHERE i.id = ? AND i.dictionary_id = ?", "ii", id, dict_id);
	char what[240] = "", dict[ORG_DICT_CODE_MAX + 1] = "", code[80] = "";
	long long uses;
	int found;

	if (!st)
		return ORG_DB;
	found = db_next(st);
	if (found == 1) {
		snprintf(what, sizeof(what), "code=%s label=%s", db_text(st, 0), db_text(st, 1));
		snprintf(code, sizeof(code), "%s", db_text(st, 0));
		snprintf(dict, sizeof(dict), "%s", db_text(st, 2));
	}
	db_done(st);
	if (found <= 0)
		return found < 0 ? ORG_DB : ORG_NOT_FOUND;
	/* Residents keep the code: deleting the item would leave them with a bare code. */
	if ((uses = dict_item_uses(dict, code)) < 0)
		return ORG_DB;
	if (uses) {
		err_add(e, NULL, "admin.dict.err_item_in_use");
		return ORG_REFUSED;
	}
	if (db_exec("DELETE FROM dictionary_item WHERE id = ?", "i", id) < 0)
		return ORG_DB;
	audit(who->staff_id, who->ip, "dictionary.update", "dictionary", dict_id,
	      "item=%lld deleted %s", id, what);
	return ORG_OK;
}

/* ------------------------------------------------------------------ API keys */

enum org_result org_apikey_create(long long *id, char *key, size_t keylen, struct org_errors *e,
				  const struct org_actor *who, long long staff_id,
				  const char *name)
{
	int found = staff_id > 0 ? row_exists("SELECT COUNT(*) FROM staff WHERE id = ?"
					       " AND active = 1", staff_id) : 0;

	if (found < 0)
		return ORG_DB;
	if (!found)
		err_add(e, "staff_id", staff_id ? "err.invalid" : "err.required");
	check_text(e, "name", name, ORG_NAME_MAX, 1);
	if (e->n)
		return ORG_INVALID;
	*id = auth_apikey_create(key, keylen, staff_id, name, who->staff_id, who->ip);
	return *id < 0 ? ORG_DB : ORG_OK;
}

enum org_result org_apikey_revoke(struct org_errors *e, const struct org_actor *who, long long id)
{
	long long revoked = db_int_query(-1, "SELECT revoked_at IS NOT NULL FROM api_key"
					 " WHERE id = ?", "i", id);

	if (revoked < 0)
		return row_exists("SELECT COUNT(*) FROM api_key WHERE id = ?", id) ? ORG_DB
										   : ORG_NOT_FOUND;
	if (revoked) {
		err_add(e, NULL, "admin.apikeys.err_revoked");
		return ORG_REFUSED;
	}
	return auth_apikey_revoke(id, who->staff_id, who->ip) ? ORG_DB : ORG_OK;
}
