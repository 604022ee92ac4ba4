/* desk.h — the agent desk's pages (screen pop, work orders, types, canned replies) and the
 * helpers they share. */
#ifndef WL_DESK_H
#define WL_DESK_H

#include "kit.h"
#include "org.h"

/* Rows a work-order list page shows, and how deep OFFSET paging may go. */
#define DESK_PER_PAGE 50
#define DESK_MAX_PAGE 100

/* The acting user, for lib/. */
static inline struct org_actor desk_actor(const struct req *r)
{
	return (struct org_actor){ r->user.id, r->ip };
}

/* desk.c */
/* Shows why a change failed.  Invalid input: field errors, 422; stale version: the
 * conflict message, 409; refused by a rule: the rule's message, 409 (403 when forbidden);
 * then returns 0 for the caller to re-render its page.  Otherwise returns the failure
 * status (404, 500) to return. */
int desk_org_errors(struct req *r, enum org_result res, const struct org_errors *e);
/* Sets name to value unless a handler already set it (posted values win over stored). */
void desk_set_default(struct req *r, const char *name, const char *value);
/* Parses v as an integer in [min, max] into *out (def when v is empty); 0 or -1. */
int desk_parse_int(long long *out, const char *v, long long def, long long min, long long max);
/* The integer in form field name, or def when empty; a field error when not in [min, max]. */
long long desk_form_int(struct req *r, const char *name, long long def, long long min,
			long long max);
/* A positive id from the query string, or 0 when absent or not an id. */
long long desk_query_id(const struct req *r, const char *name);
/* An id filter from the query, shown back as Filter.<name>; 0 when absent. */
long long desk_filter_id(struct req *r, const char *name);
/* The ?from= and ?to= local dates (YYYY-MM-DD, shown back as Filter.{from,to}) as UTC
 * bounds [from, to + 1 day) into from and to (20 bytes each, "" when not given); a
 * field error for an invalid date. */
void desk_filter_dates(struct req *r, char *from, char *to);
/* The text values of every field called name in list p, at most max; returns the count. */
size_t desk_params_all(const struct params *p, const char *name, const char **out, size_t max);
/* A redirect to a formatted local path. */
int desk_redirectf(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Every department as prefix.N.{id,name}; the count or -1. */
int desk_departments(struct req *r, const char *prefix);
/* Every active staff account as prefix.N.{id,name,department}; the count or -1. */
int desk_staff(struct req *r, const char *prefix);

/* pop.c */
int page_pop(struct req *r);
int page_pop_resident(struct req *r);

/* list.c */
int page_tickets(struct req *r);

/* create.c */
int page_ticket_new(struct req *r);
int page_ticket_create(struct req *r);

/* detail.c */
int page_ticket(struct req *r);
/* Renders work order id's page with whatever Form.* and errors the caller set; 404 when
 * the user may not see it. */
int desk_ticket_show(struct req *r, long long id);

/* actions.c */
int page_ticket_transition(struct req *r);
int page_ticket_update(struct req *r);
int page_ticket_comment(struct req *r);
int page_ticket_link(struct req *r);

/* attachments.c */
int page_ticket_attach(struct req *r);
int page_ticket_download(struct req *r);

/* types.c */
int page_types(struct req *r);
int page_type_new(struct req *r);
int page_type_create(struct req *r);
int page_type_edit(struct req *r);
int page_type_update(struct req *r);

/* canned.c */
int page_canned(struct req *r);
int page_canned_new(struct req *r);
int page_canned_create(struct req *r);
int page_canned_edit(struct req *r);
int page_canned_update(struct req *r);
int page_canned_delete(struct req *r);

/* calls.c: the call log, one call, its recording. */
int page_calls(struct req *r);
int page_call(struct req *r);
int page_call_recording(struct req *r);
/* voicemail.c: voicemail as callback tasks. */
int page_voicemail(struct req *r);
int page_voicemail_recording(struct req *r);
int page_voicemail_handled(struct req *r);
/* agent.c: the agent's own ACD state. */
int page_agent_state(struct req *r);
int page_agent_call(struct req *r);
int page_agent_dial(struct req *r);
/* wallboard.c: the supervisor's wallboard. */
int page_wallboard(struct req *r);
int page_wallboard_agent(struct req *r);
int page_wallboard_call(struct req *r);

/* messages.c: the message log, one SMS or e-mail to a resident, bulk SMS. */
int page_messages(struct req *r);
int page_message_new(struct req *r);
int page_message_send(struct req *r);
int page_bulk_new(struct req *r);
int page_bulk_preview(struct req *r);
int page_bulk(struct req *r);
int page_bulk_send(struct req *r);
/* inbox.c: internal messages between staff (站内短信). */
int page_inbox(struct req *r);
int page_inbox_sent(struct req *r);
int page_inbox_new(struct req *r);
int page_inbox_send(struct req *r);
int page_inbox_read_all(struct req *r);
int page_inbox_one(struct req *r);

#endif
