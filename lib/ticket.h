/* ticket.h — work orders (工单): creation with numbers and SLA deadlines, the status
 * machine, the timeline, assignment, comments, links and merges, follow-up visits, parts,
 * and who may see and act on a work order.
 *
 * Every channel (staff pages, technician pages, API, SMS, IVR, portal) calls these, so the
 * rules exist once.  Results and errors follow org.h.  Every change appends ticket_event
 * rows (the timeline the resident sees where public = 1) in the same transaction, and
 * increments ticket.version: callers pass the version they saw and get ORG_CONFLICT when
 * someone else changed the work order in between (0 skips the check: machine callers). */
#ifndef WL_TICKET_H
#define WL_TICKET_H

#include "auth.h"
#include "org.h"

#define TICKET_NUMBER_MAX 16

/* Statuses, as stored. */
#define TS_NEW		"new"
#define TS_DISPATCHED	"dispatched"
#define TS_ACCEPTED	"accepted"
#define TS_EN_ROUTE	"en_route"
#define TS_ON_SITE	"on_site"
#define TS_RESOLVED	"resolved"
#define TS_CLOSED	"closed"
#define TS_PENDING	"pending"
#define TS_CANCELLED	"cancelled"
#define TS_REOPENED	"reopened"
/* Transition targets that are not statuses: decline (technician, back to the department
 * as dispatched with no assignee) and resume (out of pending, to where it was). */
#define TT_DECLINE	"declined"
#define TT_RESUME	"resume"

/* The statuses in which a work order still waits for work (its SLA clocks run), as an SQL
 * list for "t.status IN " TICKET_OPEN_SQL. */
#define TICKET_OPEN_SQL "('new', 'reopened', 'dispatched', 'accepted', 'en_route', 'on_site'," \
	" 'pending')"

struct ticket_new {
	long long type_id;		/* required: a top-level type */
	long long subtype_id;		/* 0 or a subtype of type_id */
	int priority;			/* 1..4, 0: the (sub)type's default */
	int emergency;			/* forces priority 4 */
	const char *title;		/* "" or NULL: the (sub)type's name */
	const char *description;
	const char *channel;		/* staff, phone, sms, portal, wechat, api */
	long long resident_id;		/* 0: none */
	long long household_id;		/* 0: none; then address is the location */
	const char *address;
	const char *contact_name;
	const char *contact_phone;	/* normalised here */
	long long department_id;	/* 0: the type's default department */
	const char *appointment_at;	/* local "YYYY-MM-DD HH:MM", or "" */
	long long call_id;		/* the call it came from, or 0 */
};

/* Creates a work order (status new; the type's default department unless one is given) with its
 * number (YYYYMMDD-NNNN, local date; unique under concurrency) and SLA deadlines from
 * the (sub)type; checks the type's required fields.  id and number (TICKET_NUMBER_MAX+1)
 * receive the new work order's. */
enum org_result ticket_create(long long *id, char *number, struct org_errors *e,
			      const struct org_actor *who, const struct ticket_new *t);

struct ticket_change {
	const char *to;			/* a status, TT_DECLINE or TT_RESUME */
	long long version;		/* the version the actor saw, 0: no check */
	const char *note;		/* reason or remark, on the timeline */
	int public;			/* the note is visible to the resident */
	long long department_id;	/* to dispatched: the department (0: keep) */
	long long assignee_id;		/* to dispatched: the person (0: none) */
	const char *resume_at;		/* to pending: local "YYYY-MM-DD HH:MM", required */
	int satisfaction;		/* to closed: 1..5 from the follow-up visit, 0: none */
};

/* Moves work order id to c->to if the status machine allows it from where it is and the
 * actor may do it (ticket_may); refuses otherwise with "ticket.err_transition" or
 * "err.forbidden".  Dispatching an already dispatched order reassigns it. */
enum org_result ticket_transition(struct org_errors *e, const struct org_actor *who,
				  const struct staff *actor, long long id,
				  const struct ticket_change *c);

/* A stored photo (attach_store) and a part used, for ticket_complete. */
struct ticket_photo {
	const char *sha256, *mime, *filename;
	long long size;
};
struct ticket_part_in {
	const char *name, *quantity, *unit;
};

/* Resolves work order id (c->to must be TS_RESOLVED) with its photos and parts in one
 * transaction: either all of it is recorded, or nothing is. */
enum org_result ticket_complete(struct org_errors *e, const struct org_actor *who,
				const struct staff *actor, long long id,
				const struct ticket_change *c, const struct ticket_photo *photos,
				int nphotos, const struct ticket_part_in *parts, int nparts);

/* 1 when the status machine has an edge from -> to (to may be TT_DECLINE/TT_RESUME). */
int ticket_edge(const char *from, const char *to);
/* The targets reachable from status from, NULL-terminated (for buttons). */
const char *const *ticket_edges_from(const char *from);

struct ticket_edit {
	const char *title;		/* required */
	const char *description;
	int priority;			/* 1..4 */
	int emergency;			/* forces priority 4 */
	const char *appointment_at;	/* local "YYYY-MM-DD HH:MM", or "" */
};

/* Changes the editable fields of work order id (ORG_CONFLICT if version is stale). */
enum org_result ticket_update(struct org_errors *e, const struct org_actor *who, long long id,
			      long long version, const struct ticket_edit *f);

/* Appends a comment (public: the resident sees it) or an internal note.  Comments do not
 * change the version: a note added meanwhile never makes someone's edit conflict. */
enum org_result ticket_comment(long long *event_id, struct org_errors *e,
			       const struct org_actor *who, long long id, long long version,
			       const char *body, int public);
/* Links two work orders as related or duplicate ("related", "duplicate"). */
enum org_result ticket_link(struct org_errors *e, const struct org_actor *who, long long id,
			    long long other_id, const char *kind);
/* Merges duplicate report id into into_id: id is cancelled with merged_into_id set and
 * both timelines say so. */
enum org_result ticket_merge(struct org_errors *e, const struct org_actor *who, long long id,
			     long long into_id);
/* Records a part used on the job. */
enum org_result ticket_part_add(struct org_errors *e, const struct org_actor *who,
				long long id, const char *name, const char *quantity,
				const char *unit);
/* Records an attachment row (the file is already stored, see attach.h) with a timeline
 * event; its id goes to *attachment_id. */
enum org_result ticket_attach(long long *attachment_id, struct org_errors *e,
			      const struct org_actor *who, long long id, const char *sha256,
			      long long size, const char *mime, const char *filename);

/* Who may see work order id: ticket.view holders see all; tech.mobile holders see the ones
 * assigned to them or to their department (their team).  1 yes, 0 no (or no such order). */
int ticket_may_view(const struct staff *s, long long id);
/* Whether s may move a work order in status from (assigned to assignee_id, department
 * department_id) to target to: ticket.edit for dispatching, cancelling and any step;
 * technicians (tech.mobile) for accept, decline, en route, on site, resolve, pending and
 * resume on their own or their team's orders; ticket.visit for close and reopen. */
int ticket_may(const struct staff *s, const char *from, long long assignee_id,
	       long long department_id, const char *to);

#endif
