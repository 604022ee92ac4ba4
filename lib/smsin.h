/* smsin.h — inbound SMS (Kannel MO) from residents: keywords BX (report a fault: a work order
 * on their household through ticket_create, channel sms), CX (the status of their latest
 * work order), TD (no more non-essential messages); anything else waits in sms_inbound for
 * an agent.  Unknown numbers get a helpful reply.  Replies go through the outbox. */
#ifndef WL_SMSIN_H
#define WL_SMSIN_H

#include <stddef.h>

enum { SMSIN_TEXT_MAX = 1000 };

struct smsin_result {
	const char *action;	/* "report", "status", "unsubscribe", "agent", "unknown" */
	long long inbound_id, ticket_id;
	int duplicate;		/* this Kannel id was handled before: nothing done */
};

/* Handles one inbound SMS once per kannel_id (Kannel delivers at least once).  from is the
 * sender as Kannel gives it (+86..., 86..., 138...).  Returns 0, -1 on a database error,
 * or a language key through *bad when the input is unusable (nothing is changed). */
int smsin_handle(struct smsin_result *res, const char **bad, const char *kannel_id,
		 const char *from, const char *to, const char *text);

/* The same keywords from a known resident on another channel (WeChat): BX reports with
 * that channel, and the answer is written to out instead of being texted.  Inside the
 * caller's transaction.  0 or -1. */
int smsin_answer(struct smsin_result *res, char *out, size_t outlen, long long resident_id,
		 const char *phone, const char *channel, const char *text);

/* The keyword of text ("BX", "CX", "TD" or "" for none) and where its argument starts. */
const char *smsin_keyword(const char *text, const char **rest);

#endif
