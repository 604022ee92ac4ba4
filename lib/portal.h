/* portal.h — the resident side: one-time SMS codes, resident sessions, which work orders a
 * resident may see, and the steps a resident may take (cancel before dispatch, rate after
 * completion) through lib/ticket.c's status machine.  Schema: sql/021_portal.sql. */
#ifndef WL_PORTAL_H
#define WL_PORTAL_H

#include "auth.h"
#include "org.h"

#define PORTAL_CODE_LEN 6
#define PORTAL_CODE_TTL 300		/* seconds a code lives */
#define PORTAL_CODE_TRIES 5		/* wrong entries before a code dies */
#define PORTAL_SESSION_TTL (7 * 86400)	/* absolute lifetime of a resident login */
/* Codes asked for per number (a minute, an hour) and per address (an hour). */
#define PORTAL_PER_PHONE_MINUTE 1
#define PORTAL_PER_PHONE_HOUR 5
#define PORTAL_PER_IP_HOUR 20

enum portal_result {
	PORTAL_OK = 0,
	PORTAL_LIMITED,		/* too many codes asked for (number or address) */
	PORTAL_BAD_CODE,	/* wrong code (a try counted), or no code was sent */
	PORTAL_EXPIRED,		/* the code is older than PORTAL_CODE_TTL */
	PORTAL_TOO_MANY,	/* PORTAL_CODE_TRIES wrong entries: ask for a new code */
	PORTAL_ERROR,		/* database trouble (logged) */
};

/* A code for phone (normalised mobile) asked from ip: within the limits, records it and,
 * when the number is a resident's, queues the SMS (outbox, essential).  A number that is
 * no one's gets the same answer and no SMS.  PORTAL_OK, PORTAL_LIMITED or PORTAL_ERROR. */
enum portal_result portal_code_send(const char *phone, const char *ip);

/* Checks code against phone's latest code; on success marks it used and opens a session:
 * its token (AUTH_TOKEN_LEN + 1) goes to token, the resident to *resident_id.
 * PORTAL_OK, PORTAL_BAD_CODE, PORTAL_EXPIRED, PORTAL_TOO_MANY or PORTAL_ERROR. */
enum portal_result portal_code_check(long long *resident_id, char *token, const char *phone,
				     const char *code, const char *ip, const char *user_agent);

/* The resident behind a live session token; 0 and *resident_id, or -1. */
int portal_session(long long *resident_id, const char *token);
/* Ends the session of token. */
void portal_logout(const char *token);

/* 1 when resident_id may see work order ticket_id: reported by them, or located at one of
 * their households.  0 otherwise (or when there is no such work order). */
int portal_may_view(long long resident_id, long long ticket_id);
/* 1 when household_id is one of resident_id's. */
int portal_household_mine(long long resident_id, long long household_id);

/* The resident cancels work order id while it is still new (not yet dispatched); reason is
 * required.  ORG_OK, ORG_INVALID, ORG_REFUSED ("portal.err_cancel_late"), ORG_NOT_FOUND,
 * ORG_DB. */
enum org_result portal_cancel(struct org_errors *e, const char *ip, long long id,
			      const char *reason);
/* The resident rates work order id once after completion (resolved): closes it with the
 * satisfaction (1..5) and comment, as a follow-up visit would.  ORG_REFUSED with
 * "portal.err_rated" when rated already, "portal.err_not_done" before completion. */
enum org_result portal_rate(struct org_errors *e, const char *ip, long long id, int stars,
			    const char *comment);

#endif
