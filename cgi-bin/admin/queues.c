/* queues.c — ACD queues: list, create, edit (strategy, priorities, announcements, music on
 * hold, overflow, wrap-up, no-answer handling, recording, sticky agent, service level) with
 * their member agents and each member's priority, delete (refused while in use). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "ivr.h"

static const char *const queue_fields[] = {
	"code", "name", "strategy", "vip_priority", "emergency_priority", "announce_seconds",
	"moh_prompt_id", "join_prompt_id", "max_wait_seconds", "overflow", "overflow_queue_id",
	"overflow_voicemail_id", "wrapup_seconds", "ring_seconds", "autopause_after",
	"sticky_seconds", "sla_seconds", "version", NULL
};
static const char *const queue_checks[] = { "announce_wait", "record_calls", "sticky_agent",
					    "active", NULL };

int page_queues(struct req *r)
{
	if (db_query_hdf(r, "Queues", "SELECT q.id, q.code, q.name, q.strategy, q.active,"
			 " q.sla_seconds, q.max_wait_seconds, q.overflow, (SELECT COUNT(*)"
			 " FROM acd_queue_member m WHERE m.queue_id = q.id) AS member_count,"
			 " (SELECT GROUP_CONCAT(s.name ORDER BY m.priority, s.name SEPARATOR '、')"
			 " FROM acd_queue_member m JOIN staff s ON s.id = m.staff_id"
			 " WHERE m.queue_id = q.id) AS members FROM acd_queue q ORDER BY q.name", "") < 0)
		return req_fail(r, 500, "err.db");
	admin_tr_rows(r, "Queues", "strategy", "ivr.strategy", "strategy_label");
	ivr_page(r, "queues", "ivr.queues.title", "admin/ivr_queues.cs");
	return 0;
}

/* The agents who can be members, as Agents.N.{id,name,login,member,priority}; the checked
 * ones come from members (" id:prio id:prio "). */
static int queue_agents(struct req *r, const char *members)
{
	char word[48];
	int n = db_query_hdf(r, "Agents", "SELECT s.id, s.name, s.login, d.name AS department"
			     " FROM staff s LEFT JOIN department d ON d.id = s.department_id"
			     " WHERE s.active = 1 ORDER BY d.sort, s.name", "");

	if (n < 0)
		return -1;
	for (HDF *row = hdf_get_child(r->hdf, "Agents"); row; row = hdf_obj_next(row)) {
		int i = atoi(hdf_obj_name(row));
		const char *id = hdf_get_value(row, "id", "");
		const char *at;

		snprintf(word, sizeof(word), " %s:", id);
		at = members ? strstr(members, word) : NULL;
		hset_row(r, "Agents", i, "member", at ? "1" : "0");
		if (at) {
			char prio[8];

			snprintf(prio, sizeof(prio), "%.*s", (int)strcspn(at + strlen(word), " "),
				 at + strlen(word));
			hset_row(r, "Agents", i, "priority", prio);
		} else {
			hset_row(r, "Agents", i, "priority", "1");
		}
	}
	return n;
}

static int queue_show(struct req *r, long long id, const char *members)
{
	int status = ivr_options(r);

	if (status)
		return status;
	if (queue_agents(r, members) < 0)
		return req_fail(r, 500, "err.db");
	if (id)
		hset_int(r, "Form.id", id);
	ivr_page(r, "queues", id ? "ivr.queues.edit" : "ivr.queues.new", "admin/ivr_queue.cs");
	return 0;
}

int page_queue_new(struct req *r)
{
	static const char *const defaults[][2] = {
		{ "strategy", "longest_idle" }, { "vip_priority", "5" }, { "emergency_priority", "10" },
		{ "announce_seconds", "60" }, { "announce_wait", "1" }, { "max_wait_seconds", "300" },
		{ "overflow", "none" }, { "wrapup_seconds", "15" }, { "ring_seconds", "20" },
		{ "autopause_after", "2" }, { "record_calls", "1" }, { "sticky_seconds", "15" },
		{ "sla_seconds", "20" }, { "active", "1" },
	};

	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		char name[64];

		snprintf(name, sizeof(name), "Form.%s", defaults[i][0]);
		hset(r, name, defaults[i][1]);
	}
	return queue_show(r, 0, NULL);
}

/* Queue id's stored values into Form.* and its members as " id:prio ..." (malloc'd). */
static int queue_load(struct req *r, long long id, char **members)
{
	int found = db_row_hdf(r, "Form", "SELECT code, name, strategy, vip_priority,"
			       " emergency_priority, announce_seconds, announce_wait, moh_prompt_id,"
			       " join_prompt_id, max_wait_seconds, overflow, overflow_queue_id,"
			       " overflow_voicemail_id, wrapup_seconds, ring_seconds, autopause_after,"
			       " record_calls, sticky_agent, sticky_seconds, sla_seconds, active, version"
			       " FROM acd_queue WHERE id = ?", "i", id);

	if (found <= 0)
		return found;
	*members = admin_query_words("SELECT CONCAT(staff_id, ':', priority) FROM acd_queue_member"
				     " WHERE queue_id = ?", "i", id);
	return *members ? 1 : -1;
}

int page_queue_edit(struct req *r)
{
	char *members = NULL;
	int found = queue_load(r, r->args[0], &members), status;

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	status = queue_show(r, r->args[0], members);
	free(members);
	return status;
}

/* Reads the form into q and the members into *members (" id:prio ", malloc'd). */
static void queue_read(struct req *r, struct ivr_queue_def *q, char **members)
{
	const char *ids[IVR_MAX_MEMBERS];
	size_t n = form_all(r, "member", ids, IVR_MAX_MEMBERS);
	struct buf b;
	char name[64];

	for (int i = 0; queue_fields[i]; i++) {
		snprintf(name, sizeof(name), "Form.%s", queue_fields[i]);
		hset(r, name, req_field(r, queue_fields[i]));
	}
	for (int i = 0; queue_checks[i]; i++) {
		snprintf(name, sizeof(name), "Form.%s", queue_checks[i]);
		hset(r, name, *req_field(r, queue_checks[i]) ? "1" : "0");
	}
	memset(q, 0, sizeof(*q));
	q->code = req_field(r, "code");
	q->name = req_field(r, "name");
	q->strategy = req_field(r, "strategy");
	q->overflow = req_field(r, "overflow");
	q->vip_priority = admin_form_int(r, "vip_priority", 0, 0, 100);
	q->emergency_priority = admin_form_int(r, "emergency_priority", 0, 0, 100);
	q->announce_seconds = admin_form_int(r, "announce_seconds", 0, 0, 3600);
	q->moh_prompt_id = admin_form_int(r, "moh_prompt_id", 0, 0, LLONG_MAX);
	q->join_prompt_id = admin_form_int(r, "join_prompt_id", 0, 0, LLONG_MAX);
	q->max_wait_seconds = admin_form_int(r, "max_wait_seconds", 0, 0, 86400);
	q->overflow_queue_id = admin_form_int(r, "overflow_queue_id", 0, 0, LLONG_MAX);
	q->overflow_voicemail_id = admin_form_int(r, "overflow_voicemail_id", 0, 0, LLONG_MAX);
	q->wrapup_seconds = admin_form_int(r, "wrapup_seconds", 0, 0, 3600);
	q->ring_seconds = admin_form_int(r, "ring_seconds", 20, 5, 300);
	q->autopause_after = admin_form_int(r, "autopause_after", 0, 0, 100);
	q->sticky_seconds = admin_form_int(r, "sticky_seconds", 0, 0, 300);
	q->sla_seconds = admin_form_int(r, "sla_seconds", 20, 1, 3600);
	q->announce_wait = *req_field(r, "announce_wait") != '\0';
	q->record_calls = *req_field(r, "record_calls") != '\0';
	q->sticky_agent = *req_field(r, "sticky_agent") != '\0';
	q->active = *req_field(r, "active") != '\0';
	buf_init(&b);
	buf_puts(&b, " ");
	for (size_t i = 0; i < n; i++) {
		long long id, prio;

		snprintf(name, sizeof(name), "prio_%.30s", ids[i]);
		if (admin_parse_int(&id, ids[i], 0, 1, LLONG_MAX) || !id)
			continue;
		if (admin_parse_int(&prio, req_field(r, name), 1, 1, 9)) {
			form_error(r, "members", "ivr.err.member_priority");
			prio = 1;
		}
		q->members[q->nmembers].staff_id = id;
		q->members[q->nmembers++].priority = prio;
		buf_printf(&b, "%lld:%lld ", id, prio);
	}
	*members = b.data;
}

static int queue_save(struct req *r, long long id)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct ivr_queue_def *q = xcalloc(1, sizeof(*q));
	enum org_result res = ORG_INVALID;
	long long version, saved = id;
	char *members = NULL;
	int status;

	queue_read(r, q, &members);
	version = admin_form_int(r, "version", 0, 0, LLONG_MAX);
	if (id && !version)
		form_error(r, "version", "err.invalid");
	if (!form_has_errors(r))
		res = ivr_queue_save(&saved, &e, &who, version, q);
	free(q);
	if (res) {
		status = ivr_errors(r, res, &e);
		if (!status)
			status = queue_show(r, id, members);
		free(members);
		return status;
	}
	free(members);
	return ivr_redirectf(r, id ? "flash.saved" : "flash.created", "/admin/ivr/queues/%lld", saved);
}

int page_queue_create(struct req *r)
{
	return queue_save(r, 0);
}

int page_queue_update(struct req *r)
{
	return queue_save(r, r->args[0]);
}

int page_queue_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ivr_queue_delete(&e, &who, r->args[0]);
	char *members = NULL;
	int status;

	if (res) {
		status = ivr_errors(r, res, &e);
		if (status)
			return status;
		if (queue_load(r, r->args[0], &members) <= 0)
			return req_fail(r, 500, "err.db");
		status = queue_show(r, r->args[0], members);
		free(members);
		return status;
	}
	return ivr_redirectf(r, "flash.deleted", "/admin/ivr/queues");
}
