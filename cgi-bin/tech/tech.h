/* tech.h — the technicians' mobile pages (/m): their work orders, one work order with its
 * actions, its photos.  The rules (who may see and move what) live in lib/ticket.c. */
#ifndef WL_TECH_H
#define WL_TECH_H

#include "kit.h"
#include "org.h"

/* Photos one completion may carry. */
#define TECH_MAX_PHOTOS 6
/* Rows of the parts form on the completion. */
#define TECH_PART_ROWS 3

/* list.c */
int page_tech_list(struct req *r);

/* ticket.c */
int page_tech_ticket(struct req *r);
/* Renders the page of work order id (r->status kept: 409 or 422 after a failed action).
 * Returns 0, or 404 when the user may not see it, 500 on database trouble. */
int tech_ticket_show(struct req *r, long long id);
/* 1 when to is a step the mobile pages offer (accept ... resume; not dispatch, cancel,
 * close: those are the desk's). */
int tech_target_ok(const char *to);

/* action.c */
int page_tech_action(struct req *r);

/* attachment.c */
int page_tech_attachment(struct req *r);

/* The acting user, for lib/ticket.c. */
static inline struct org_actor tech_actor(const struct req *r)
{
	return (struct org_actor){ r->user.id, r->ip };
}

/* 404 for a work order the user may not see, exactly as for one that does not exist. */
static inline int tech_not_found(struct req *r)
{
	return req_fail(r, 404, "err.not_found");
}

#endif
