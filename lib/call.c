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
