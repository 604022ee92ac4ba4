/* call.c — who may see a call and hear it (call.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "config.h"
#include "db.h"

int call_may_view(const struct staff *s, long long agent_id)
{
	return staff_can(s, "call.view_all") ||
	       (staff_can(s, "call.view") && agent_id && agent_id == s->id);
}

int call_may_listen(const struct staff *s, long long agent_id)
{
	return staff_can(s, "call.listen") && call_may_view(s, agent_id);
}

int call_recording_file(char *out, size_t outlen, const char *rel)
{
	static const char dir[] = "recordings/";
	size_t n = rel ? strlen(rel) : 0;
	char *var;
	int ok;

	if (n <= sizeof(dir) - 1 + 4 || strncmp(rel, dir, sizeof(dir) - 1) ||
	    strcmp(rel + n - 4, ".wav") || strstr(rel, "..") ||
	    strchr(rel + sizeof(dir) - 1, '/') || !(var = config_path("WL_VAR", NULL)))
		return -1;
	ok = snprintf(out, outlen, "%s/%s", var, rel) < (int)outlen;
	free(var);
	return ok ? 0 : -1;
}

const char *const call_dispositions[] = { "answered", "abandoned", "voicemail", "ivr",
					  "blacklisted", NULL };

#define CALL_SELECT \
	"SELECT c.id, c.direction, c.caller, c.callee, c.queue, c.started_at, c.answered_at," \
	" c.ended_at, c.wait_seconds, c.talk_seconds, c.disposition, c.rating, c.resident_id," \
	" r.name AS resident, c.agent_id, c.agent_extension, c.ticket_id," \
	" t.number AS ticket_number, c.recording_path IS NOT NULL AS has_recording," \
	" c.recording_path FROM `call` c LEFT JOIN resident r ON r.id = c.resident_id" \
	" LEFT JOIN ticket t ON t.id = c.ticket_id"
/* Each filter is "(unset OR condition)", folded away by the server when it plans the
 * statement with the bound values: newest first along k_call_started, or the index of
 * the filtered column (agent, disposition). */
#define CALL_WHERE \
	" WHERE (? = 1 OR c.agent_id = ?) AND (? = 0 OR c.agent_id = ?)" \
	" AND (? = '' OR c.queue = ?) AND (? = '' OR c.disposition = ?)" \
	" AND (? = '' OR c.started_at >= ?) AND (? = '' OR c.started_at < ?)" \
	" ORDER BY c.started_at DESC, c.id DESC LIMIT ? OFFSET ?"
#define CALL_ARGS(f) (f)->all, (f)->me, (f)->agent, (f)->agent, S((f)->queue), S((f)->queue), \
	S((f)->disposition), S((f)->disposition), S((f)->from), S((f)->from), S((f)->to), \
	S((f)->to), (f)->limit, (f)->offset
#define S(s) ((s) ? (s) : "")

struct stmt *call_list(const struct call_filter *f)
{
	if (f->phone && *f->phone)	/* a number's calls along k_call_caller / k_call_callee */
		return db_query(CALL_SELECT " JOIN ((SELECT id FROM `call` WHERE caller = ?) UNION"
				" (SELECT id FROM `call` WHERE callee = ? AND direction = 'out')) x"
				" ON x.id = c.id" CALL_WHERE, "ss" "iiiissssssssii", f->phone,
				f->phone, CALL_ARGS(f));
	return db_query(CALL_SELECT CALL_WHERE, "iiiissssssssii", CALL_ARGS(f));
}

struct stmt *call_get(long long id)
{
	return db_query(CALL_SELECT " WHERE c.id = ?", "i", id);
}

int voicemail_may_view(const struct staff *s, long long department_id)
{
	return staff_can(s, "call.view_all") ||
	       (staff_can(s, "call.view") && department_id && department_id == s->department_id);
}

#define VM_SELECT \
	"SELECT m.id, b.name AS box, m.caller, m.resident_id, r.name AS resident," \
	" m.duration_ms, m.department_id, m.handled_by, m.handled_at, m.created_at, m.call_id," \
	" m.recording_path FROM ivr_voicemail_message m" \
	" JOIN ivr_voicemail_box b ON b.id = m.box_id" \
	" LEFT JOIN resident r ON r.id = m.resident_id"

struct stmt *voicemail_list(int handled, long long dept, long long limit, long long offset)
{
	/* Waiting ones along k_ivr_vm_msg_open (handled_at NULL first), a department's along
	 * k_ivr_vm_msg_dept. */
	return db_query(VM_SELECT " WHERE (? < 0 OR (? = 0) = (m.handled_at IS NULL))"
			" AND (? = 0 OR m.department_id = ?)"
			" ORDER BY m.created_at DESC, m.id DESC LIMIT ? OFFSET ?", "iiiiii",
			(long long)handled, (long long)handled, dept, dept, limit, offset);
}

struct stmt *voicemail_get(long long id)
{
	return db_query(VM_SELECT " WHERE m.id = ?", "i", id);
}

enum org_result voicemail_handled(struct org_errors *e, const struct org_actor *who,
				  long long id)
{
	long long n = db_exec("UPDATE ivr_voicemail_message SET handled_by = ?,"
			      " handled_at = UTC_TIMESTAMP() WHERE id = ? AND handled_at IS NULL",
			      "ii", who->staff_id, id);

	if (n < 0)
		return ORG_DB;
	if (n == 0) {
		long long exists = db_int_query(-1, "SELECT COUNT(*) FROM ivr_voicemail_message"
						" WHERE id = ?", "i", id);
		if (exists < 0)
			return ORG_DB;
		if (!exists)
			return ORG_NOT_FOUND;
		if (e->n < ORG_MAX_ERRORS) {
			e->v[e->n].field = NULL;
			e->v[e->n++].key = "desk.vm.err_handled";
		}
		return ORG_REFUSED;
	}
	audit(who->staff_id, who->ip, "voicemail.handled", "voicemail", id, NULL);
	return ORG_OK;
}
