/* call.h — call records (CDRs, written by ivrd): who may see a call and hear its
 * recording, and where the recording is. */
#ifndef WL_CALL_H
#define WL_CALL_H

#include <stddef.h>

#include "auth.h"
#include "org.h"

/* Whether s may see a call answered by agent_id (0: no agent): call.view_all, or
 * call.view and the call was theirs. */
int call_may_view(const struct staff *s, long long agent_id);
/* Whether s may hear the recording of such a call: call.listen and call_may_view. */
int call_may_listen(const struct staff *s, long long agent_id);

/* The file of a recording_path as ivrd stores it ("recordings/NAME.wav", relative to
 * WL_VAR) into out.  -1 for anything else (another directory, "..", not .wav). */
int call_recording_file(char *out, size_t outlen, const char *recording_path);

/* A list of calls: filters, each ""/0 when unset. */
struct call_filter {
	long long all;			/* 1: every call; 0: those agent_id me answered */
	long long me;
	const char *phone;		/* normalised: calls from it, or calls out to it */
	long long agent;		/* answered by this account */
	const char *queue, *disposition;
	const char *from, *to;		/* UTC bounds: started_at in [from, to) */
	long long limit, offset;
};

/* The calls of f, newest first; one row per call: */
#define CALL_COLUMNS "id, direction, caller, callee, queue, started_at, answered_at," \
	" ended_at, wait_seconds, talk_seconds, disposition, rating, resident_id, resident," \
	" agent_id, agent_extension, ticket_id, ticket_number, has_recording (0 or 1)," \
	" recording_path"
enum { CALL_C_ID, CALL_C_AGENT = 14, CALL_C_HAS_RECORDING = 18, CALL_C_RECORDING };
struct stmt *call_list(const struct call_filter *f);
/* Call id, the same columns (no row when there is none). */
struct stmt *call_get(long long id);
/* The dispositions a call can end with (NULL-terminated). */
extern const char *const call_dispositions[];

/* Voicemail (ivr_voicemail_message, left by callers in ivrd): a callback task for the
 * department of its box.  Who may see one: call.view_all, or call.view in that department. */
int voicemail_may_view(const struct staff *s, long long department_id);

/* Voicemail messages, newest first: handled 0 (waiting for a call back), 1 (done) or -1
 * (all); only department dept's when dept is not 0.  Columns: id, box, caller,
 * resident_id, resident, duration_ms, department_id, handled_by, handled_at, created_at,
 * call_id, recording_path. */
struct stmt *voicemail_list(int handled, long long dept, long long limit, long long offset);
/* Message id, the same columns (no row when there is none). */
struct stmt *voicemail_get(long long id);
enum { VM_C_DEPARTMENT = 6, VM_C_HANDLED_BY, VM_C_RECORDING = 11 };

/* Marks message id called back by staff_id.  ORG_OK, ORG_NOT_FOUND, ORG_REFUSED when
 * someone else already did (e says who: "call.vm.err_handled"), ORG_DB. */
enum org_result voicemail_handled(struct org_errors *e, const struct org_actor *who,
				  long long id);

#endif
