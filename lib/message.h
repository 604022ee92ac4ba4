/* message.h — what staff send: an SMS or e-mail to one resident (from the screen pop, a
 * work order or the API), a bulk SMS to the residents of a building, a community or a
 * tag (preview as a draft, then one confirmation), and internal messages between staff
 * (站内短信).  Everything to residents goes through outbox_enqueue; ivrd sends it.
 * Schema: sql/020_messages.sql (and the outbox of sql/011). */
#ifndef WL_MESSAGE_H
#define WL_MESSAGE_H

#include "org.h"

#define MESSAGE_SUBJECT_MAX 200		/* characters */
#define MESSAGE_EMAIL_MAX 10000		/* characters of an e-mail's text */
#define MESSAGE_INTERNAL_MAX 2000	/* characters of an internal message */
#define MESSAGE_BULK_MAX 20000		/* recipients of one bulk SMS */
#define MESSAGE_TOKEN_MAX 64		/* a form's idempotency token */

struct message_one {
	const char *channel;	/* "sms" or "email" */
	long long resident_id;	/* required */
	long long ticket_id;	/* 0: none; else the user must be allowed to see it */
	const char *mobile;	/* sms: one of the resident's mobiles; "" = the primary one */
	const char *subject;	/* email only */
	const char *text;
	/* Unique per form shown (or per API call): a repeated submit of the same form
	 * queues nothing twice.  [A-Za-z0-9_-]{16,64}. */
	const char *token;
};

/* Queues m for who (through outbox_enqueue, essential: a personal message).  *id gets
 * the outbox row (also when the token was used already: then *dup is 1).  Errors
 * (fields text, subject, mobile, resident_id, ticket_id) in e. */
enum org_result message_send(long long *id, int *dup, struct org_errors *e,
			     const struct org_actor *who, const struct message_one *m);

/* A bulk SMS's recipients: target "building" or "community" with id, or "tag" with a
 * customer_tag code. */
struct message_target {
	const char *target;
	long long id;
	const char *code;
};
struct message_counts {
	long long recipients;	/* residents with a mobile who get it */
	long long skipped;	/* opted out (non-essential messages only) */
	long long no_mobile;	/* residents without a mobile number */
	int segments;		/* per message */
};

/* Checks the text and the target, counts the recipients into *c and records a draft
 * bulk send (its id in *bulk_id) for who to confirm. */
enum org_result message_bulk_prepare(long long *bulk_id, struct message_counts *c,
				     struct org_errors *e, const struct org_actor *who,
				     const struct message_target *t, const char *text,
				     int essential);
/* Sends draft bulk_id of who in one transaction: an outbox row per recipient (msg_key
 * "b:<bulk>:<resident>"), opted-out residents skipped for non-essential text.  *already
 * is 1 when it was sent before (nothing is queued again).  ORG_NOT_FOUND for another
 * user's or no draft. */
enum org_result message_bulk_send(struct message_counts *c, int *already,
				  const struct org_actor *who, long long bulk_id);

/* Sends an internal message from who to staff recipient_id; its id in *id. */
enum org_result message_internal_send(long long *id, struct org_errors *e,
				      const struct org_actor *who, long long recipient_id,
				      const char *subject, const char *body);
/* Whether staff_id may read internal message id: 1 its recipient, 2 its sender, 0 no
 * (or no such message), -1 on error. */
int message_internal_role(long long staff_id, long long id);
/* Marks message id read for its recipient staff_id (once; later calls change nothing).
 * 1 when it was unread, 0 when not, -1 on error. */
int message_internal_mark_read(long long staff_id, long long id);
/* Marks every unread message of staff_id read; the count or -1. */
long long message_internal_mark_all(long long staff_id);
/* How many unread internal messages staff_id has (one indexed COUNT). */
long long message_internal_unread(long long staff_id);

#endif
