/* ivrconf.c — the transactions behind every admin change of flows, prompts, schedules,
 * holidays, the blacklist, voicemail boxes and queues (the pure rules are in ivrflow.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "ivrconf.h"
#include "prompt.h"
#include "resident.h"
#include "util.h"

#define KEY_CHARS "abcdefghijklmnopqrstuvwxyz0123456789_"

/* ------------------------------------------------------------------ shared helpers */

static void e_add(struct org_errors *e, const char *field, const char *key)
{
	if (e->n >= ORG_MAX_ERRORS)
		return;
	e->v[e->n].field = field;
	e->v[e->n].key = key;
	e->n++;
}

static enum org_result tx_end(enum org_result res)
{
	if (res == ORG_OK && db_commit())
		res = ORG_DB;
	if (res != ORG_OK)
		db_rollback();
	return res;
}

/* Tells ivrd to reload (it polls app_meta ivr_config_version). */
static int config_bump(void)
{
	return db_exec("UPDATE app_meta SET v = v + 1 WHERE k = 'ivr_config_version'", "") < 0;
}

/* Locks row id of a versioned table and compares versions (0: no check).  ORG_OK,
 * ORG_NOT_FOUND, ORG_CONFLICT (with the error) or ORG_DB.  sql selects
 * COALESCE(MAX(version), 0) of the row FOR UPDATE: 0 when there is none. */
static enum org_result version_lock(struct org_errors *e, const char *sql, long long id,
				    long long version)
{
	long long v = db_int_query(-1, sql, "i", id);

	if (v <= 0)
		return v < 0 ? ORG_DB : ORG_NOT_FOUND;
	if (version && v != version) {
		e_add(e, NULL, "ivr.err.conflict");
		return ORG_CONFLICT;
	}
	return ORG_OK;
}

/* 1 when the row id exists in the table that sql counts by id; 0 when not, -1 error. */
static int exists(const char *sql, long long id)
{
	long long n = db_int_query(-1, sql, "i", id);

	return n < 0 ? -1 : n > 0;
}

/* Checks an optional reference (0: none); adds an error on field when it is gone. */
static int ref_ok(struct org_errors *e, const char *field, const char *sql, long long id)
{
	int n;

	if (id <= 0)
		return 0;
	n = exists(sql, id);
	if (n == 0)
		e_add(e, field, "ivr.err.ref_missing");
	return n < 0 ? -1 : 0;
}

#define SQL_PROMPT_EXISTS "SELECT COUNT(*) FROM ivr_prompt WHERE id = ?"
#define SQL_SCHEDULE_EXISTS "SELECT COUNT(*) FROM ivr_schedule WHERE id = ?"
#define SQL_QUEUE_EXISTS "SELECT COUNT(*) FROM acd_queue WHERE id = ?"
#define SQL_VM_EXISTS "SELECT COUNT(*) FROM ivr_voicemail_box WHERE id = ?"
#define SQL_STAFF_EXISTS "SELECT COUNT(*) FROM staff WHERE id = ?"
#define SQL_TTYPE_EXISTS "SELECT COUNT(*) FROM ticket_type WHERE id = ?"
#define SQL_DEPT_EXISTS "SELECT COUNT(*) FROM department WHERE id = ?"

/* A duplicate key is the user's error on field; anything else is the database's. */
static enum org_result db_failed(struct org_errors *e, const char *field)
{
	if (field && db_errno() == DB_ER_DUP_ENTRY) {
		e_add(e, field, "err.duplicate");
		return ORG_INVALID;
	}
	return ORG_DB;
}

static void text_field(struct org_errors *e, const char *field, const char *v, size_t max,
		       int required)
{
	if (!v || !*v) {
		if (required)
			e_add(e, field, "err.required");
	} else if (!ivr_text_ok(v, max)) {
		e_add(e, field, ivr_u8len(v) > max ? "err.too_long_field" : "err.invalid");
	}
}

static const char *s0(const char *s)
{
	return s ? s : "";
}

/* ------------------------------------------------------------------ flows: storing */

/* Every object a flow's nodes name must exist; adds an issue per missing one. */
static int flow_refs_check(struct ivr_issues *iss, const struct ivr_flow_def *f)
{
	static const struct {
		const char *field, *sql;
		size_t off;
	} refs[] = {
		{ "prompt_id", SQL_PROMPT_EXISTS, offsetof(struct ivr_node_def, prompt_id) },
		{ "invalid_prompt_id", SQL_PROMPT_EXISTS, offsetof(struct ivr_node_def, invalid_prompt_id) },
		{ "timeout_prompt_id", SQL_PROMPT_EXISTS, offsetof(struct ivr_node_def, timeout_prompt_id) },
		{ "extra_prompt_id", SQL_PROMPT_EXISTS, offsetof(struct ivr_node_def, extra_prompt_id) },
		{ "schedule_id", SQL_SCHEDULE_EXISTS, offsetof(struct ivr_node_def, schedule_id) },
		{ "queue_id", SQL_QUEUE_EXISTS, offsetof(struct ivr_node_def, queue_id) },
		{ "voicemail_id", SQL_VM_EXISTS, offsetof(struct ivr_node_def, voicemail_id) },
		{ "staff_id", SQL_STAFF_EXISTS, offsetof(struct ivr_node_def, staff_id) },
		{ "ticket_type_id", SQL_TTYPE_EXISTS, offsetof(struct ivr_node_def, ticket_type_id) },
	};
	char num[PHONE_MAX + 1];

	for (int i = 0; i < f->nnodes; i++) {
		struct ivr_node_def c = ivr_node_clean(&f->nodes[i], num);

		for (size_t k = 0; k < sizeof(refs) / sizeof(refs[0]); k++) {
			long long id = *(const long long *)((const char *)&c + refs[k].off);
			int n = id > 0 ? exists(refs[k].sql, id) : 1;

			if (n < 0)
				return -1;
			if (!n)
				ivr_issue_add(iss, i, refs[k].field, "ivr.err.ref_missing", NULL, 0);
		}
	}
	return 0;
}

static long long node_write(long long flow_id, long long id, int sort, const struct ivr_node_def *n)
{
	char num[PHONE_MAX + 1];
	struct ivr_node_def c = ivr_node_clean(n, num);

	if (id) {
		if (db_exec("UPDATE ivr_node SET node_key = ?, type = ?, note = ?, sort = ?,"
			    " prompt_id = NULLIF(?, 0), invalid_prompt_id = NULLIF(?, 0),"
			    " timeout_prompt_id = NULLIF(?, 0), extra_prompt_id = NULLIF(?, 0),"
			    " timeout_seconds = NULLIF(?, -1), retries = NULLIF(?, -1),"
			    " min_digits = NULLIF(?, -1), max_digits = NULLIF(?, -1),"
			    " terminator = NULLIF(?, ''), purpose = NULLIF(?, ''), variable = NULLIF(?, ''),"
			    " schedule_id = NULLIF(?, 0), queue_id = NULLIF(?, 0), priority = NULLIF(?, -1),"
			    " voicemail_id = NULLIF(?, 0), transfer_kind = NULLIF(?, ''),"
			    " number = NULLIF(?, ''), staff_id = NULLIF(?, 0), ticket_type_id = NULLIF(?, 0)"
			    " WHERE id = ? AND flow_id = ?", "sssiiiiiiiiisssiiiissiiii",
			    c.key, c.type, s0(c.note), (long long)sort, c.prompt_id, c.invalid_prompt_id,
			    c.timeout_prompt_id, c.extra_prompt_id, c.timeout_seconds, c.retries,
			    c.min_digits, c.max_digits, s0(c.terminator), s0(c.purpose), s0(c.variable),
			    c.schedule_id, c.queue_id, c.priority, c.voicemail_id, s0(c.transfer_kind),
			    c.number, c.staff_id, c.ticket_type_id, id, flow_id) < 0)
			return -1;
		return id;
	}
	if (db_exec("INSERT INTO ivr_node (flow_id, node_key, type, note, sort, prompt_id,"
		    " invalid_prompt_id, timeout_prompt_id, extra_prompt_id, timeout_seconds, retries,"
		    " min_digits, max_digits, terminator, purpose, variable, schedule_id, queue_id,"
		    " priority, voicemail_id, transfer_kind, number, staff_id, ticket_type_id)"
		    " VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0),"
		    " NULLIF(?, -1), NULLIF(?, -1), NULLIF(?, -1), NULLIF(?, -1), NULLIF(?, ''),"
		    " NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, -1),"
		    " NULLIF(?, 0), NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, 0), NULLIF(?, 0))",
		    "isssiiiiiiiiisssiiiissii", flow_id, c.key, c.type, s0(c.note), (long long)sort,
		    c.prompt_id, c.invalid_prompt_id, c.timeout_prompt_id, c.extra_prompt_id,
		    c.timeout_seconds, c.retries, c.min_digits, c.max_digits, s0(c.terminator),
		    s0(c.purpose), s0(c.variable), c.schedule_id, c.queue_id, c.priority,
		    c.voicemail_id, s0(c.transfer_kind), c.number, c.staff_id, c.ticket_type_id) < 0)
		return -1;
	return (long long)db_insert_id();
}

/* Writes the flow's numbers; a number another flow answers is the user's error. */
static enum org_result flow_numbers_write(struct ivr_issues *iss, long long id,
					  const struct ivr_flow_def *f)
{
	if (db_exec("DELETE FROM ivr_flow_number WHERE flow_id = ?", "i", id) < 0)
		return ORG_DB;
	for (int k = 0; k < f->nnumbers; k++) {
		if (db_exec("INSERT INTO ivr_flow_number (number, flow_id) VALUES (?, ?)", "si",
			    f->numbers[k], id) >= 0)
			continue;
		if (db_errno() != DB_ER_DUP_ENTRY)
			return ORG_DB;
		ivr_issue_add(iss, -1, "numbers", "ivr.err.did_taken", f->numbers[k], 0);
	}
	return iss->errors ? ORG_INVALID : ORG_OK;
}

/* Replaces the nodes and edges of flow id with f's (node ids kept where given). */
static enum org_result flow_nodes_write(long long id, const struct ivr_flow_def *f)
{
	long long *ids = xcalloc((size_t)f->nnodes + 1, sizeof(long long)), entry = 0;
	struct buf keep;
	struct stmt *st;
	enum org_result res = ORG_DB;
	int rc;

	buf_init(&keep);
	buf_puts(&keep, " ");
	for (int i = 0; i < f->nnodes; i++) {
		long long nid = f->nodes[i].id;

		ids[i] = nid > 0 && db_int_query(0, "SELECT COUNT(*) FROM ivr_node WHERE id = ?"
						 " AND flow_id = ?", "ii", nid, id) > 0 ? nid : 0;
		if (ids[i])
			buf_printf(&keep, "%lld ", ids[i]);
	}
	if (db_exec("UPDATE ivr_flow SET entry_node_id = NULL WHERE id = ?", "i", id) < 0 ||
	    db_exec("DELETE e FROM ivr_edge e JOIN ivr_node n ON n.id = e.node_id"
		    " WHERE n.flow_id = ?", "i", id) < 0)
		goto out;
	/* Nodes the editor no longer lists go; the others get temporary keys so that keys
	 * can be swapped between nodes without tripping the unique key. */
	st = db_query("SELECT id FROM ivr_node WHERE flow_id = ?", "i", id);
	if (!st)
		goto out;
	{
		long long gone[IVR_MAX_NODES * 2];
		int ngone = 0;
		char word[32];

		while ((rc = db_next(st)) == 1) {
			snprintf(word, sizeof(word), " %lld ", db_int(st, 0));
			if (!strstr(keep.data, word) && ngone < IVR_MAX_NODES * 2)
				gone[ngone++] = db_int(st, 0);
		}
		db_done(st);
		if (rc < 0)
			goto out;
		for (int k = 0; k < ngone; k++)
			if (db_exec("DELETE FROM ivr_node WHERE id = ?", "i", gone[k]) < 0)
				goto out;
	}
	if (db_exec("UPDATE ivr_node SET node_key = CONCAT('~', id) WHERE flow_id = ?", "i", id) < 0)
		goto out;
	for (int i = 0; i < f->nnodes; i++)
		if ((ids[i] = node_write(id, ids[i], (i + 1) * 10, &f->nodes[i])) < 0)
			goto out;
	for (int i = 0; i < f->nnodes; i++) {
		const struct ivr_node_def *n = &f->nodes[i];

		for (int k = 0; k < n->nedges; k++)
			if (db_exec("INSERT INTO ivr_edge (node_id, outcome, target_id) VALUES (?, ?, ?)",
				    "isi", ids[i], n->edges[k].outcome,
				    ids[ivr_node_index(f, n->edges[k].target)]) < 0)
				goto out;
		if (!strcmp(n->key, f->entry))
			entry = ids[i];
	}
	if (db_exec("UPDATE ivr_flow SET entry_node_id = NULLIF(?, 0) WHERE id = ?", "ii", entry, id) < 0)
		goto out;
	res = ORG_OK;
out:
	buf_free(&keep);
	free(ids);
	return res;
}

enum org_result ivr_flow_save(long long *id, struct ivr_issues *iss, const struct org_actor *who,
			      long long version, const struct ivr_flow_def *f)
{
	struct org_errors e = { 0 };
	enum org_result res;
	struct buf nums;

	if (ivr_flow_check(iss, f))
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	if (*id) {
		res = version_lock(&e, "SELECT COALESCE(MAX(version), 0) FROM ivr_flow WHERE id = ? FOR UPDATE", *id,
				   version);
		if (res == ORG_CONFLICT)
			ivr_issue_add(iss, -1, NULL, "ivr.err.conflict", NULL, 0);
		if (res)
			return tx_end(res);
	}
	if (flow_refs_check(iss, f))
		return tx_end(ORG_DB);
	if (iss->errors)
		return tx_end(ORG_INVALID);
	if (*id) {
		if (db_exec("UPDATE ivr_flow SET name = ?, description = ?, active = ?, is_default = ?,"
			    " version = version + 1 WHERE id = ?", "ssiii", f->name, s0(f->description),
			    (long long)!!f->active, (long long)!!f->is_default, *id) < 0)
			goto failed;
	} else {
		if (db_exec("INSERT INTO ivr_flow (name, description, active, is_default)"
			    " VALUES (?, ?, ?, ?)", "ssii", f->name, s0(f->description),
			    (long long)!!f->active, (long long)!!f->is_default) < 0)
			goto failed;
		*id = (long long)db_insert_id();
	}
	if (f->is_default && db_exec("UPDATE ivr_flow SET is_default = 0 WHERE id <> ?", "i", *id) < 0)
		return tx_end(ORG_DB);
	res = flow_numbers_write(iss, *id, f);
	if (!res)
		res = flow_nodes_write(*id, f);
	if (!res && config_bump())
		res = ORG_DB;
	if (!res) {
		buf_init(&nums);
		for (int k = 0; k < f->nnumbers; k++)
			buf_printf(&nums, "%s%s", k ? "," : "", f->numbers[k]);
		audit(who->staff_id, who->ip, version ? "ivr.flow.update" : "ivr.flow.create",
		      "ivr_flow", *id, "name=%s nodes=%d entry=%s numbers=%s active=%d", f->name,
		      f->nnodes, f->entry, nums.data ? nums.data : "", !!f->active);
		buf_free(&nums);
	}
	return tx_end(res);
failed:
	if (db_errno() == DB_ER_DUP_ENTRY) {
		ivr_issue_add(iss, -1, "name", "err.duplicate", NULL, 0);
		return tx_end(ORG_INVALID);
	}
	return tx_end(ORG_DB);
}

enum org_result ivr_flow_delete(struct org_errors *e, const struct org_actor *who, long long id)
{
	char name[404] = "";
	struct stmt *st;
	enum org_result res;

	if (db_begin())
		return ORG_DB;
	res = version_lock(e, "SELECT COALESCE(MAX(version), 0) FROM ivr_flow WHERE id = ? FOR UPDATE", id, 0);
	if (res)
		return tx_end(res);
	st = db_query("SELECT name FROM ivr_flow WHERE id = ?", "i", id);
	if (st && db_next(st) == 1)
		snprintf(name, sizeof(name), "%s", s0(db_text(st, 0)));
	if (st)
		db_done(st);
	/* Edges point both ways inside the flow; drop them and the entry first. */
	if (db_exec("UPDATE ivr_flow SET entry_node_id = NULL WHERE id = ?", "i", id) < 0 ||
	    db_exec("DELETE e FROM ivr_edge e JOIN ivr_node n ON n.id = e.node_id WHERE n.flow_id = ?",
		    "i", id) < 0 ||
	    db_exec("DELETE FROM ivr_flow WHERE id = ?", "i", id) < 0 || config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "ivr.flow.delete", "ivr_flow", id, "name=%s", name);
	return tx_end(ORG_OK);
}

/* ------------------------------------------------------------------ schedules: storing */

/* Parses "08:30-12:00 13:00-17:30" into ranges of weekday wd (appending to r); -1 when a
 * range is malformed or empty, or ranges overlap. */
static int hours_parse(struct ivr_range *r, size_t *nr, size_t max, int wd, const char *text)
{
	char *copy = xstrdup(text ? text : ""), *save = NULL, *w;
	size_t first = *nr;
	int bad = 0;

	for (char *p = copy; *p; p++)
		if (!strncmp(p, "\xef\xbc\x8c", 3) || !strncmp(p, "\xe3\x80\x81", 3))
			p[0] = p[1] = p[2] = ' ';	/* ，、 */
	for (w = strtok_r(copy, " ,;", &save); w && !bad; w = strtok_r(NULL, " ,;", &save)) {
		char *dash = strchr(w, '-');

		if (!dash || *nr >= max) {
			bad = 1;
			break;
		}
		*dash = '\0';
		r[*nr].weekday = wd;
		r[*nr].open = ivr_parse_hhmm(w);
		r[*nr].close = ivr_parse_hhmm(dash + 1);
		if (r[*nr].open < 0 || r[*nr].close < 0 || r[*nr].open >= r[*nr].close)
			bad = 1;
		for (size_t k = first; k < *nr && !bad; k++)
			if (r[k].open < r[*nr].close && r[*nr].open < r[k].close)
				bad = 1;
		(*nr)++;
	}
	free(copy);
	return bad ? -1 : 0;
}

static const char *const hours_fields[8] = { NULL, "hours1", "hours2", "hours3", "hours4",
					     "hours5", "hours6", "hours7" };

static void hhmm(char *out, size_t len, int minutes)
{
	snprintf(out, len, "%02u:%02u:00", (unsigned)minutes / 60 % 25, (unsigned)minutes % 60);
}

enum org_result ivr_schedule_save(long long *id, struct org_errors *e, const struct org_actor *who,
				  long long version, const struct ivr_schedule_def *s)
{
	struct ivr_range r[7 * 12];
	size_t nr = 0;
	char num[PHONE_MAX + 1] = "", a[16], b[16];
	enum org_result res;

	text_field(e, "name", s->name, 100, 1);
	text_field(e, "description", s->description, 300, 0);
	if (s->duty_number && *s->duty_number && phone_normalize(num, s->duty_number, NULL))
		e_add(e, "duty_number", "err.phone_invalid");
	for (int wd = 1; wd <= 7; wd++)
		if (hours_parse(r, &nr, sizeof(r) / sizeof(r[0]), wd, s->hours[wd]))
			e_add(e, hours_fields[wd], "ivr.err.hours");
	if (db_begin())
		return ORG_DB;
	if (ref_ok(e, "duty_staff_id", SQL_STAFF_EXISTS, s->duty_staff_id))
		return tx_end(ORG_DB);
	if (e->n)
		return tx_end(ORG_INVALID);
	if (*id) {
		res = version_lock(e, "SELECT COALESCE(MAX(version), 0) FROM ivr_schedule WHERE id = ? FOR UPDATE", *id,
				   version);
		if (res)
			return tx_end(res);
		if (db_exec("UPDATE ivr_schedule SET name = ?, description = ?,"
			    " duty_staff_id = NULLIF(?, 0), duty_number = NULLIF(?, ''),"
			    " version = version + 1 WHERE id = ?", "ssisi", s->name, s0(s->description),
			    s->duty_staff_id, num, *id) < 0)
			return tx_end(db_failed(e, "name"));
	} else {
		if (db_exec("INSERT INTO ivr_schedule (name, description, duty_staff_id, duty_number)"
			    " VALUES (?, ?, NULLIF(?, 0), NULLIF(?, ''))", "ssis", s->name,
			    s0(s->description), s->duty_staff_id, num) < 0)
			return tx_end(db_failed(e, "name"));
		*id = (long long)db_insert_id();
	}
	if (db_exec("DELETE FROM ivr_schedule_hours WHERE schedule_id = ?", "i", *id) < 0)
		return tx_end(ORG_DB);
	for (size_t k = 0; k < nr; k++) {
		hhmm(a, sizeof(a), r[k].open);
		if (r[k].close == 1440)
			snprintf(b, sizeof(b), "23:59:59");	/* TIME up to the day's end */
		else
			hhmm(b, sizeof(b), r[k].close);
		if (db_exec("INSERT INTO ivr_schedule_hours (schedule_id, weekday, open_time, close_time)"
			    " VALUES (?, ?, ?, ?)", "iiss", *id, (long long)r[k].weekday, a, b) < 0)
			return tx_end(ORG_DB);
	}
	if (config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, version ? "ivr.schedule.update" : "ivr.schedule.create",
	      "ivr_schedule", *id, "name=%s ranges=%zu duty=%lld/%s", s->name, nr, s->duty_staff_id, num);
	return tx_end(ORG_OK);
}

enum org_result ivr_schedule_delete(struct org_errors *e, const struct org_actor *who, long long id)
{
	enum org_result res;
	long long used;

	if (db_begin())
		return ORG_DB;
	res = version_lock(e, "SELECT COALESCE(MAX(version), 0) FROM ivr_schedule WHERE id = ? FOR UPDATE", id, 0);
	if (res)
		return tx_end(res);
	used = db_int_query(-1, "SELECT COUNT(*) FROM ivr_node WHERE schedule_id = ?", "i", id);
	if (used < 0)
		return tx_end(ORG_DB);
	if (used) {
		e_add(e, NULL, "ivr.err.schedule_in_use");
		return tx_end(ORG_REFUSED);
	}
	if (db_exec("DELETE FROM ivr_schedule WHERE id = ?", "i", id) < 0 || config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "ivr.schedule.delete", "ivr_schedule", id, NULL);
	return tx_end(ORG_OK);
}

/* 1 when s is a real calendar date YYYY-MM-DD. */
static int date_ok(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, n = 0;

	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return 0;
	if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

enum org_result ivr_holiday_save(struct org_errors *e, const struct org_actor *who, long long sid,
				 const struct ivr_holiday_def *h)
{
	const char *kind = s0(h->kind);
	int open = -1, close = -1;
	char a[16] = "", b[16] = "";
	int found;

	if (!h->day || !*h->day)
		e_add(e, "day", "err.required");
	else if (!date_ok(h->day))
		e_add(e, "day", "ivr.err.date");
	text_field(e, "hname", h->name, 100, 1);
	if (!strcmp(kind, "special")) {
		open = ivr_parse_hhmm(h->open);
		close = ivr_parse_hhmm(h->close);
		if (open < 0 || close < 0 || open >= close)
			e_add(e, "open", "ivr.err.hours");
		else {
			hhmm(a, sizeof(a), open);
			hhmm(b, sizeof(b), close == 1440 ? 1439 : close);
		}
	} else if (!strcmp(kind, "workday")) {
		if (h->as_weekday < 1 || h->as_weekday > 7)
			e_add(e, "as_weekday", "err.invalid");
	} else if (strcmp(kind, "closed")) {
		e_add(e, "kind", "err.invalid");
	}
	found = exists(SQL_SCHEDULE_EXISTS, sid);
	if (found <= 0)
		return found < 0 ? ORG_DB : ORG_NOT_FOUND;
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	if (db_exec("INSERT INTO ivr_holiday (schedule_id, day, name, kind, open_time, close_time,"
		    " as_weekday) VALUES (?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, 0))"
		    " ON DUPLICATE KEY UPDATE name = VALUES(name), kind = VALUES(kind),"
		    " open_time = VALUES(open_time), close_time = VALUES(close_time),"
		    " as_weekday = VALUES(as_weekday)", "isssssi", sid, h->day, h->name, kind, a, b,
		    !strcmp(kind, "workday") ? h->as_weekday : 0) < 0 ||
	    db_exec("UPDATE ivr_schedule SET version = version + 1 WHERE id = ?", "i", sid) < 0 ||
	    config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "ivr.schedule.update", "ivr_schedule", sid,
	      "holiday %s %s %s", h->day, kind, h->name);
	return tx_end(ORG_OK);
}

enum org_result ivr_holiday_delete(struct org_errors *e, const struct org_actor *who, long long sid,
				   long long id)
{
	long long n;

	if (db_begin())
		return ORG_DB;
	n = db_exec("DELETE FROM ivr_holiday WHERE id = ? AND schedule_id = ?", "ii", id, sid);
	if (n < 0)
		return tx_end(ORG_DB);
	if (!n)
		return tx_end(ORG_NOT_FOUND);
	if (db_exec("UPDATE ivr_schedule SET version = version + 1 WHERE id = ?", "i", sid) < 0 ||
	    config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "ivr.schedule.update", "ivr_schedule", sid,
	      "holiday %lld deleted", id);
	(void)e;
	return tx_end(ORG_OK);
}

/* ------------------------------------------------------------------ blacklist */

enum org_result ivr_block_save(long long *id, struct org_errors *e, const struct org_actor *who,
			       long long version, const struct ivr_block_def *b)
{
	char num[PHONE_MAX + 1] = "", until[20] = "", local[24];
	const char *action = s0(b->action);
	enum org_result res;

	if (!b->number || !*b->number)
		e_add(e, "number", "err.required");
	else if (phone_normalize(num, b->number, NULL))
		e_add(e, "number", "err.phone_invalid");
	text_field(e, "reason", b->reason, 300, 0);
	if (strcmp(action, "message") && strcmp(action, "decline"))
		e_add(e, "action", "err.invalid");
	if (b->expires && *b->expires) {
		/* A date alone means the end of that day. */
		snprintf(local, sizeof(local), strlen(b->expires) == 10 ? "%s 23:59" : "%s", b->expires);
		if (time_utc_from_local(until, local))
			e_add(e, "expires", "ivr.err.datetime");
	}
	if (db_begin())
		return ORG_DB;
	if (ref_ok(e, "prompt_id", SQL_PROMPT_EXISTS, b->prompt_id))
		return tx_end(ORG_DB);
	if (e->n)
		return tx_end(ORG_INVALID);
	if (*id) {
		res = version_lock(e, "SELECT COALESCE(MAX(version), 0) FROM ivr_blacklist WHERE id = ? FOR UPDATE", *id,
				   version);
		if (res)
			return tx_end(res);
		if (db_exec("UPDATE ivr_blacklist SET number = ?, reason = ?, action = ?,"
			    " prompt_id = NULLIF(?, 0), expires_at = NULLIF(?, ''), version = version + 1"
			    " WHERE id = ?", "sssisi", num, s0(b->reason), action, b->prompt_id, until,
			    *id) < 0)
			return tx_end(db_failed(e, "number"));
	} else {
		if (db_exec("INSERT INTO ivr_blacklist (number, reason, action, prompt_id, expires_at,"
			    " created_by) VALUES (?, ?, ?, NULLIF(?, 0), NULLIF(?, ''), NULLIF(?, 0))",
			    "sssisi", num, s0(b->reason), action, b->prompt_id, until, who->staff_id) < 0)
			return tx_end(db_failed(e, "number"));
		*id = (long long)db_insert_id();
	}
	if (config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, version ? "ivr.blacklist.update" : "ivr.blacklist.create",
	      "ivr_blacklist", *id, "number=%s action=%s expires=%s", num, action, until);
	return tx_end(ORG_OK);
}

enum org_result ivr_block_delete(struct org_errors *e, const struct org_actor *who, long long id)
{
	long long n;

	(void)e;
	if (db_begin())
		return ORG_DB;
	n = db_exec("DELETE FROM ivr_blacklist WHERE id = ?", "i", id);
	if (n <= 0)
		return tx_end(n < 0 ? ORG_DB : ORG_NOT_FOUND);
	if (config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "ivr.blacklist.delete", "ivr_blacklist", id, NULL);
	return tx_end(ORG_OK);
}

/* ------------------------------------------------------------------ prompts */

enum org_result ivr_prompt_save(long long *id, struct org_errors *e, const struct org_actor *who,
				long long version, const struct ivr_prompt_def *p)
{
	char sha[65] = "", info[100] = "";
	const char *lang = s0(p->lang), *err;
	long long ms = 0;
	struct buf wav;
	enum org_result res;

	if (!p->name || !*p->name)
		e_add(e, "name", "err.required");
	else if (!ivr_chars_ok(p->name, "abcdefghijklmnopqrstuvwxyz0123456789_.-", 1, 64))
		e_add(e, "name", "ivr.err.prompt_name");
	text_field(e, "description", p->description, 300, 0);
	if (strcmp(lang, "zh_CN") && strcmp(lang, "en"))
		e_add(e, "lang", "err.invalid");
	if (!*id && !p->audio)
		e_add(e, "file", "ivr.prompt.err_no_file");
	buf_init(&wav);
	if (p->audio) {
		err = prompt_convert(&wav, &ms, info, sizeof(info), p->audio, p->audio_len);
		if (!err)
			err = prompt_store(sha, wav.data, wav.len);
		if (err)
			e_add(e, "file", err);
	}
	if (e->n) {
		buf_free(&wav);
		for (int k = 0; k < e->n; k++)
			if (!strcmp(e->v[k].key, "err.server"))
				return ORG_DB;
		return ORG_INVALID;
	}
	if (db_begin()) {
		buf_free(&wav);
		return ORG_DB;
	}
	if (*id) {
		res = version_lock(e, "SELECT COALESCE(MAX(version), 0) FROM ivr_prompt WHERE id = ? FOR UPDATE", *id,
				   version);
		if (res) {
			buf_free(&wav);
			return tx_end(res);
		}
		if (db_exec("UPDATE ivr_prompt SET name = ?, description = ?, lang = ?,"
			    " version = version + 1 WHERE id = ?", "sssi", p->name, s0(p->description),
			    lang, *id) < 0 ||
		    (p->audio && db_exec("UPDATE ivr_prompt SET sha256 = ?, duration_ms = ?, size = ?,"
					 " source_name = ?, source_info = ? WHERE id = ?", "siissi",
					 sha, ms, (long long)wav.len, s0(p->filename), info, *id) < 0)) {
			buf_free(&wav);
			return tx_end(db_failed(e, "name"));
		}
	} else {
		if (db_exec("INSERT INTO ivr_prompt (name, description, lang, sha256, duration_ms, size,"
			    " source_name, source_info) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "ssssiiss",
			    p->name, s0(p->description), lang, sha, ms, (long long)wav.len,
			    s0(p->filename), info) < 0) {
			buf_free(&wav);
			return tx_end(db_failed(e, "name"));
		}
		*id = (long long)db_insert_id();
	}
	buf_free(&wav);
	if (config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, version ? "ivr.prompt.update" : "ivr.prompt.create",
	      "ivr_prompt", *id, "name=%s file=%s %s %lldms", p->name, sha, info, ms);
	return tx_end(ORG_OK);
}

/* Adds "in use by ..." errors for each kind of user of prompt id; -1 on error. */
static int prompt_users(struct org_errors *e, long long id)
{
	long long nodes = db_int_query(-1, "SELECT COUNT(*) FROM ivr_node WHERE ? IN (prompt_id,"
				       " invalid_prompt_id, timeout_prompt_id, extra_prompt_id)", "i", id);
	long long queues = db_int_query(-1, "SELECT COUNT(*) FROM acd_queue WHERE ? IN"
					" (COALESCE(moh_prompt_id, 0), COALESCE(join_prompt_id, 0))", "i", id);
	long long boxes = db_int_query(-1, "SELECT COUNT(*) FROM ivr_voicemail_box"
				       " WHERE greeting_prompt_id = ?", "i", id);
	long long blocks = db_int_query(-1, "SELECT COUNT(*) FROM ivr_blacklist WHERE prompt_id = ?",
					"i", id);

	if (nodes < 0 || queues < 0 || boxes < 0 || blocks < 0)
		return -1;
	if (nodes)
		e_add(e, NULL, "ivr.err.prompt_used_flow");
	if (queues)
		e_add(e, NULL, "ivr.err.prompt_used_queue");
	if (boxes)
		e_add(e, NULL, "ivr.err.prompt_used_voicemail");
	if (blocks)
		e_add(e, NULL, "ivr.err.prompt_used_blacklist");
	return 0;
}

enum org_result ivr_prompt_delete(struct org_errors *e, const struct org_actor *who, long long id)
{
	enum org_result res;

	if (db_begin())
		return ORG_DB;
	res = version_lock(e, "SELECT COALESCE(MAX(version), 0) FROM ivr_prompt WHERE id = ? FOR UPDATE", id, 0);
	if (res)
		return tx_end(res);
	if (prompt_users(e, id))
		return tx_end(ORG_DB);
	if (e->n)
		return tx_end(ORG_REFUSED);
	/* The file stays: another prompt may share the content, and ivrd may be playing it. */
	if (db_exec("DELETE FROM ivr_prompt WHERE id = ?", "i", id) < 0 || config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "ivr.prompt.delete", "ivr_prompt", id, NULL);
	return tx_end(ORG_OK);
}

/* ------------------------------------------------------------------ voicemail */

enum org_result ivr_voicemail_save(long long *id, struct org_errors *e, const struct org_actor *who,
				   long long version, const struct ivr_voicemail_def *v)
{
	enum org_result res;

	text_field(e, "name", v->name, 100, 1);
	text_field(e, "description", v->description, 300, 0);
	if (v->max_seconds < 10 || v->max_seconds > 600)
		e_add(e, "max_seconds", "ivr.err.vm_seconds");
	if (db_begin())
		return ORG_DB;
	if (ref_ok(e, "greeting_prompt_id", SQL_PROMPT_EXISTS, v->greeting_prompt_id) ||
	    ref_ok(e, "department_id", SQL_DEPT_EXISTS, v->department_id))
		return tx_end(ORG_DB);
	if (e->n)
		return tx_end(ORG_INVALID);
	if (*id) {
		res = version_lock(e, "SELECT COALESCE(MAX(version), 0) FROM ivr_voicemail_box WHERE id = ? FOR UPDATE",
				   *id, version);
		if (res)
			return tx_end(res);
		if (db_exec("UPDATE ivr_voicemail_box SET name = ?, description = ?,"
			    " greeting_prompt_id = NULLIF(?, 0), max_seconds = ?,"
			    " department_id = NULLIF(?, 0), version = version + 1 WHERE id = ?", "ssiiii",
			    v->name, s0(v->description), v->greeting_prompt_id, v->max_seconds,
			    v->department_id, *id) < 0)
			return tx_end(db_failed(e, "name"));
	} else {
		if (db_exec("INSERT INTO ivr_voicemail_box (name, description, greeting_prompt_id,"
			    " max_seconds, department_id) VALUES (?, ?, NULLIF(?, 0), ?, NULLIF(?, 0))",
			    "ssiii", v->name, s0(v->description), v->greeting_prompt_id, v->max_seconds,
			    v->department_id) < 0)
			return tx_end(db_failed(e, "name"));
		*id = (long long)db_insert_id();
	}
	if (config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, version ? "ivr.voicemail.update" : "ivr.voicemail.create",
	      "ivr_voicemail_box", *id, "name=%s", v->name);
	return tx_end(ORG_OK);
}

enum org_result ivr_voicemail_delete(struct org_errors *e, const struct org_actor *who, long long id)
{
	enum org_result res;
	long long nodes, queues;

	if (db_begin())
		return ORG_DB;
	res = version_lock(e, "SELECT COALESCE(MAX(version), 0) FROM ivr_voicemail_box WHERE id = ? FOR UPDATE", id, 0);
	if (res)
		return tx_end(res);
	nodes = db_int_query(-1, "SELECT COUNT(*) FROM ivr_node WHERE voicemail_id = ?", "i", id);
	queues = db_int_query(-1, "SELECT COUNT(*) FROM acd_queue WHERE overflow_voicemail_id = ?",
			      "i", id);
	if (nodes < 0 || queues < 0)
		return tx_end(ORG_DB);
	if (nodes)
		e_add(e, NULL, "ivr.err.vm_used_flow");
	if (queues)
		e_add(e, NULL, "ivr.err.vm_used_queue");
	if (e->n)
		return tx_end(ORG_REFUSED);
	if (db_exec("DELETE FROM ivr_voicemail_box WHERE id = ?", "i", id) < 0 || config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "ivr.voicemail.delete", "ivr_voicemail_box", id, NULL);
	return tx_end(ORG_OK);
}

/* ------------------------------------------------------------------ queues */

static int one_of(const char *v, const char *const *set)
{
	for (; v && *set; set++)
		if (!strcmp(v, *set))
			return 1;
	return 0;
}

static void queue_check(struct org_errors *e, const struct ivr_queue_def *q)
{
	static const char *const strategies[] = { "longest_idle", "round_robin", "fewest_calls",
						  "ring_all", NULL };
	static const char *const overflows[] = { "none", "queue", "voicemail", NULL };

	if (!q->code || !*q->code)
		e_add(e, "code", "err.required");
	else if (!ivr_chars_ok(q->code, KEY_CHARS, 1, 32))
		e_add(e, "code", "err.code_format");
	text_field(e, "name", q->name, 100, 1);
	if (!one_of(q->strategy, strategies))
		e_add(e, "strategy", "err.invalid");
	if (!one_of(q->overflow, overflows))
		e_add(e, "overflow", "err.invalid");
	else if (!strcmp(q->overflow, "queue") && q->overflow_queue_id <= 0)
		e_add(e, "overflow_queue_id", "ivr.err.overflow_queue");
	else if (!strcmp(q->overflow, "voicemail") && q->overflow_voicemail_id <= 0)
		e_add(e, "overflow_voicemail_id", "ivr.err.voicemail_required");
	if (!strcmp(s0(q->overflow), "queue") && !q->max_wait_seconds)
		e_add(e, "max_wait_seconds", "ivr.err.overflow_wait");
	for (int k = 0; k < q->nmembers; k++) {
		if (q->members[k].priority < 1 || q->members[k].priority > 9) {
			e_add(e, "members", "ivr.err.member_priority");
			break;
		}
	}
}

/* The overflow chain from queue id must not come back to it. */
static int overflow_loops(long long id, long long next)
{
	for (int depth = 0; next > 0 && depth < 64; depth++) {
		if (next == id)
			return 1;
		next = db_int_query(0, "SELECT IF(overflow = 'queue', COALESCE(overflow_queue_id, 0), 0)"
				    " FROM acd_queue WHERE id = ?", "i", next);
	}
	return 0;
}

static enum org_result queue_members_write(struct org_errors *e, long long id,
					   const struct ivr_queue_def *q)
{
	if (db_exec("DELETE FROM acd_queue_member WHERE queue_id = ?", "i", id) < 0)
		return ORG_DB;
	for (int k = 0; k < q->nmembers; k++) {
		if (db_exec("INSERT INTO acd_queue_member (queue_id, staff_id, priority) VALUES (?, ?, ?)"
			    " ON DUPLICATE KEY UPDATE priority = VALUES(priority)", "iii", id,
			    q->members[k].staff_id, q->members[k].priority) >= 0)
			continue;
		if (db_errno() != DB_ER_NO_REFERENCED_ROW)
			return ORG_DB;
		e_add(e, "members", "ivr.err.ref_missing");
		return ORG_INVALID;
	}
	return ORG_OK;
}

static long long queue_write(long long id, const struct ivr_queue_def *q)
{
	long long oq = !strcmp(q->overflow, "queue") ? q->overflow_queue_id : 0;
	long long ovm = !strcmp(q->overflow, "voicemail") ? q->overflow_voicemail_id : 0;

	if (id)
		return db_exec("UPDATE acd_queue SET code = ?, name = ?, strategy = ?, vip_priority = ?,"
			       " emergency_priority = ?, announce_seconds = ?, announce_wait = ?,"
			       " moh_prompt_id = NULLIF(?, 0), join_prompt_id = NULLIF(?, 0),"
			       " max_wait_seconds = ?, overflow = ?, overflow_queue_id = NULLIF(?, 0),"
			       " overflow_voicemail_id = NULLIF(?, 0), wrapup_seconds = ?, ring_seconds = ?,"
			       " autopause_after = ?, record_calls = ?, sticky_agent = ?, sticky_seconds = ?,"
			       " sla_seconds = ?, active = ?, version = version + 1 WHERE id = ?",
			       "sssiiiiiiisiiiiiiiiiii", q->code, q->name, q->strategy, q->vip_priority,
			       q->emergency_priority, q->announce_seconds, (long long)!!q->announce_wait,
			       q->moh_prompt_id, q->join_prompt_id, q->max_wait_seconds, q->overflow, oq,
			       ovm, q->wrapup_seconds, q->ring_seconds, q->autopause_after,
			       (long long)!!q->record_calls, (long long)!!q->sticky_agent,
			       q->sticky_seconds, q->sla_seconds, (long long)!!q->active, id) < 0 ? -1 : id;
	if (db_exec("INSERT INTO acd_queue (code, name, strategy, vip_priority, emergency_priority,"
		    " announce_seconds, announce_wait, moh_prompt_id, join_prompt_id, max_wait_seconds,"
		    " overflow, overflow_queue_id, overflow_voicemail_id, wrapup_seconds, ring_seconds,"
		    " autopause_after, record_calls, sticky_agent, sticky_seconds, sla_seconds, active)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, NULLIF(?, 0),"
		    " NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)", "sssiiiiiiisiiiiiiiiii", q->code, q->name,
		    q->strategy, q->vip_priority, q->emergency_priority, q->announce_seconds,
		    (long long)!!q->announce_wait, q->moh_prompt_id, q->join_prompt_id,
		    q->max_wait_seconds, q->overflow, oq, ovm, q->wrapup_seconds, q->ring_seconds,
		    q->autopause_after, (long long)!!q->record_calls, (long long)!!q->sticky_agent,
		    q->sticky_seconds, q->sla_seconds, (long long)!!q->active) < 0)
		return -1;
	return (long long)db_insert_id();
}

enum org_result ivr_queue_save(long long *id, struct org_errors *e, const struct org_actor *who,
			       long long version, const struct ivr_queue_def *q)
{
	enum org_result res;
	long long wrote;

	queue_check(e, q);
	if (db_begin())
		return ORG_DB;
	if (ref_ok(e, "moh_prompt_id", SQL_PROMPT_EXISTS, q->moh_prompt_id) ||
	    ref_ok(e, "join_prompt_id", SQL_PROMPT_EXISTS, q->join_prompt_id) ||
	    (!strcmp(s0(q->overflow), "queue") &&
	     ref_ok(e, "overflow_queue_id", SQL_QUEUE_EXISTS, q->overflow_queue_id)) ||
	    (!strcmp(s0(q->overflow), "voicemail") &&
	     ref_ok(e, "overflow_voicemail_id", SQL_VM_EXISTS, q->overflow_voicemail_id)))
		return tx_end(ORG_DB);
	if (!e->n && *id && !strcmp(q->overflow, "queue") && overflow_loops(*id, q->overflow_queue_id))
		e_add(e, "overflow_queue_id", "ivr.err.overflow_loop");
	if (e->n)
		return tx_end(ORG_INVALID);
	if (*id) {
		res = version_lock(e, "SELECT COALESCE(MAX(version), 0) FROM acd_queue WHERE id = ? FOR UPDATE", *id, version);
		if (res)
			return tx_end(res);
	}
	wrote = queue_write(*id, q);
	if (wrote < 0) {
		if (db_errno() == DB_ER_DUP_ENTRY) {
			e_add(e, "code", "ivr.err.queue_duplicate");
			return tx_end(ORG_INVALID);
		}
		return tx_end(ORG_DB);
	}
	*id = wrote;
	res = queue_members_write(e, *id, q);
	if (!res && config_bump())
		res = ORG_DB;
	if (!res)
		audit(who->staff_id, who->ip, version ? "ivr.queue.update" : "ivr.queue.create",
		      "acd_queue", *id, "code=%s name=%s strategy=%s members=%d", q->code, q->name,
		      q->strategy, q->nmembers);
	return tx_end(res);
}

enum org_result ivr_queue_delete(struct org_errors *e, const struct org_actor *who, long long id)
{
	enum org_result res;
	long long nodes, queues;

	if (db_begin())
		return ORG_DB;
	res = version_lock(e, "SELECT COALESCE(MAX(version), 0) FROM acd_queue WHERE id = ? FOR UPDATE", id, 0);
	if (res)
		return tx_end(res);
	nodes = db_int_query(-1, "SELECT COUNT(*) FROM ivr_node WHERE queue_id = ?", "i", id);
	queues = db_int_query(-1, "SELECT COUNT(*) FROM acd_queue WHERE overflow_queue_id = ?"
			      " AND id <> ?", "ii", id, id);
	if (nodes < 0 || queues < 0)
		return tx_end(ORG_DB);
	if (nodes)
		e_add(e, NULL, "ivr.err.queue_used_flow");
	if (queues)
		e_add(e, NULL, "ivr.err.queue_used_overflow");
	if (e->n)
		return tx_end(ORG_REFUSED);
	if (db_exec("DELETE FROM acd_queue WHERE id = ?", "i", id) < 0 || config_bump())
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "ivr.queue.delete", "acd_queue", id, NULL);
	return tx_end(ORG_OK);
}
