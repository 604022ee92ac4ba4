/* outbox.h — messages to residents (SMS, e-mail): the outbox, notification rules for
 * work-order events, templates, SMS segments, RFC 2047 headers, and the sender's side.
 *
 * The core queues a message in the same transaction as the change that causes it
 * (outbox_enqueue, outbox_ticket_changed); ivrd's sender (ivr/outbox.c) claims due rows,
 * hands them to Kannel or SMTP and records the result; Kannel's delivery reports reach
 * outbox_dlr through the hook program.  Schema: sql/011_outbox.sql. */
#ifndef WL_OUTBOX_H
#define WL_OUTBOX_H

#include <stddef.h>
#include <time.h>

/* SMS sizes: UCS-2 (any non-GSM character) 70 units in one message, 67 per part of a
 * longer one; GSM-7 (plain ASCII) 160 / 153 septets. */
enum {
	SMS_UCS2_SINGLE = 70, SMS_UCS2_PART = 67,
	SMS_GSM_SINGLE = 160, SMS_GSM_PART = 153,
	SMS_MAX_SEGMENTS = 10,		/* longer texts are refused */
	OUTBOX_MAX_ATTEMPTS = 8,	/* then failed */
};

struct outbox_msg {
	const char *key;	/* unique per message (see sql/011): queued at most once */
	const char *channel;	/* "sms" or "email" */
	const char *recipient;	/* a normalised mobile number, or an e-mail address */
	const char *subject;	/* e-mail only, UTF-8 (encoded when sent) */
	const char *body;
	const char *event;	/* "created", "assigned", "en_route", "completed", "reply",
				 * "manual" */
	long long resident_id, ticket_id, staff_id;	/* 0: none */
	int essential;		/* 0: not for residents who opted out (they get a cancelled row) */
};

/* Queues m inside the caller's transaction (db_begin nests).  Returns 0 when queued, 1
 * when a message with the same key exists already (nothing changes), -1 on error.  *id
 * (may be NULL) receives the row's id either way. */
int outbox_enqueue(long long *id, const struct outbox_msg *m);

/* The work-order hook (lib/ticket.c, inside its transaction): the messages the rules ask
 * for when work order id moved from -> to (from NULL: created); old_assignee is the
 * assignee before the change.  Events: created; assigned (dispatched to a person, or a
 * technician took a team order); en_route; completed (resolved).  0 or -1. */
int outbox_ticket_changed(long long id, const char *from, const char *to,
			  long long old_assignee);

/* The resident-facing Chinese name of a work-order status ("已派工"). */
const char *outbox_status_text(const char *status);

/* Replaces each {name} of tpl by its value from vars (name, value, ..., NULL); unknown
 * placeholders stay as they are.  Returns a malloc'd string. */
char *outbox_render(const char *tpl, const char *const *vars);

struct sms_size {
	int ucs2;		/* 1: UCS-2, 0: GSM-7 */
	int units;		/* UTF-16 units (UCS-2) or septets (GSM-7) */
	int segments;		/* messages it takes (0 for an empty text) */
};
/* Measures UTF-8 text as an SMS. */
void sms_measure(struct sms_size *out, const char *utf8);
/* Where the parts of a multi-part SMS start (byte offsets into utf8; a character, or a
 * surrogate pair, is never split); returns the number of parts (at most max). */
int sms_split(size_t *starts, int max, const char *utf8);

/* A header value for e-mail: ASCII as it is, otherwise RFC 2047 encoded-words
 * (=?UTF-8?B?...?=, at most 75 characters each, split between characters, folded with
 * CRLF SP).  Returns a malloc'd string. */
char *mime_header_encode(const char *utf8);
/* The whole e-mail for message id (RFC 5322, CRLF): From with an encoded display name,
 * To, an encoded Subject, Date, Message-ID <outbox-ID@domain>, UTF-8 text body in base64.
 * Returns a malloc'd string. */
char *outbox_mail_compose(long long id, const char *from_name, const char *from_addr,
			  const char *to, const char *subject, const char *body, time_t date);
/* 1 when s looks like an e-mail address we can send to (one @, no spaces or controls). */
int outbox_email_valid(const char *s);

/* ---- the sender (ivrd's database worker) */

struct outbox_item {
	struct outbox_item *next;
	long long id;
	char channel[8];
	int attempts;		/* including this one */
	char *recipient, *subject, *body;
};
/* Claims up to max due messages for sender node (status sending) into *list (oldest
 * first).  Returns how many, or -1. */
int outbox_claim(struct outbox_item **list, const char *node, int max);
void outbox_items_free(struct outbox_item *list);
/* At a sender's start: rows it was sending when it stopped go back to the queue after
 * grace_s seconds (a delivery report arriving meanwhile marks them delivered instead,
 * so a message the gateway had accepted is not sent again).  Returns the count or -1. */
int outbox_recover(const char *node, int grace_s);
/* The gateway accepted message id (external_id: its id, may be NULL). */
int outbox_sent(long long id, const char *external_id);
enum outbox_fail {
	OUTBOX_TEMPORARY,	/* not sent (refused connection, 503): again after the back-off */
	OUTBOX_PERMANENT,	/* the gateway refused it for good: failed */
	OUTBOX_UNKNOWN,		/* no answer: maybe sent; again after OUTBOX_UNKNOWN_WAIT s
				 * unless a delivery report says it was */
};
enum { OUTBOX_UNKNOWN_WAIT = 300 };
/* Sending message id failed (how: see above); queued again with back-off (5 s doubling up
 * to an hour) until OUTBOX_MAX_ATTEMPTS, then failed. */
int outbox_retry(long long id, const char *error, enum outbox_fail how);
/* The back-off before attempt n+1 after n failed attempts, in seconds. */
int outbox_backoff(int attempts);

/* A Kannel delivery report for message id: type 1 delivered, 2 failed, 4 buffered,
 * 8 SMSC accepted, 16 SMSC rejected.  Idempotent (a repeated report only counts).
 * Returns 0, 1 when there is no such message, -1 on error. */
int outbox_dlr(long long id, int type, const char *foreign_id);

#endif
