/* portal.c — the resident side: one-time SMS codes, resident sessions, who sees which work
 * order, and the resident's steps on a work order (through lib/ticket.c). */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "outbox.h"
#include "portal.h"
#include "resident.h"
#include "ticket.h"

/* What a code is kept as: HMAC (server key) of the number and the code. */
static void code_mac(char *out, const char *phone, const char *code)
{
	char msg[PHONE_MAX + PORTAL_CODE_LEN + 2];

	snprintf(msg, sizeof(msg), "%s:%s", phone, code);
	auth_mac(out, "portal-otp", msg);
}

/* 1 when phone or ip asked for more codes than the limits allow (counts locked). */
static int code_limited(const char *phone, const char *ip)
{
	struct stmt *st = db_query(
		"SELECT COALESCE(SUM(created_at > UTC_TIMESTAMP() - INTERVAL 1 MINUTE), 0),"
		" COUNT(*) FROM portal_otp WHERE phone = ?"
		" AND created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR FOR UPDATE", "s", phone);
	long long minute = 0, hour = 0, by_ip;

	if (!st)
		return -1;
	if (db_next(st) == 1) {
		minute = db_int(st, 0);
		hour = db_int(st, 1);
	}
	db_done(st);
	by_ip = db_int_query(-1, "SELECT COUNT(*) FROM portal_otp WHERE ip = ?"
			     " AND created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR", "s", ip);
	if (by_ip < 0)
		return -1;
	return minute >= PORTAL_PER_PHONE_MINUTE || hour >= PORTAL_PER_PHONE_HOUR ||
	       by_ip >= PORTAL_PER_IP_HOUR;
}

/* Queues the SMS with code for resident_id (inside the caller's transaction). */
static int code_sms(long long otp_id, long long resident_id, const char *phone, const char *code)
{
	char key[48], body[300];
	struct outbox_msg m = { 0 };

	snprintf(key, sizeof(key), "otp:%lld", otp_id);
	snprintf(body, sizeof(body), "【%s】您的登录验证码是%s，%d分钟内有效。请勿告诉他人。",
		 config_get("WL_COMPANY", "暖线"), code, PORTAL_CODE_TTL / 60);
	m.key = key;
	m.channel = "sms";
	m.recipient = phone;
	m.body = body;
	m.event = "otp";
	m.resident_id = resident_id;
	m.essential = 1;
	return outbox_enqueue(NULL, &m) < 0 ? -1 : 0;
}

enum portal_result portal_code_send(const char *phone, const char *ip)
{
	char code[PORTAL_CODE_LEN + 1], mac[AUTH_TOKEN_LEN + 1];
	long long resident_id = 0, otp_id;
	int limited;

	snprintf(code, sizeof(code), "%06u", (unsigned)randombytes_uniform(1000000));
	code_mac(mac, phone, code);
	if (resident_find_by_phone(&resident_id, 1, phone) < 0 || db_begin())
		return PORTAL_ERROR;
	limited = code_limited(phone, ip);
	if (limited) {
		db_rollback();
		return limited < 0 ? PORTAL_ERROR : PORTAL_LIMITED;
	}
	if (db_exec("INSERT INTO portal_otp (phone, resident_id, code_mac, ip, expires_at)"
		    " VALUES (?, NULLIF(?, 0), ?, ?, UTC_TIMESTAMP() + INTERVAL ? SECOND)", "sissi",
		    phone, resident_id, mac, ip, (long long)PORTAL_CODE_TTL) < 0)
		goto fail;
	otp_id = (long long)db_insert_id();
	/* No one's number: the same answer, but nothing is sent. */
	if (resident_id && code_sms(otp_id, resident_id, phone, code))
		goto fail;
	if (db_commit())
		goto fail;
	sodium_memzero(code, sizeof(code));
	return PORTAL_OK;
fail:
	db_rollback();
	return PORTAL_ERROR;
}

/* Opens a session for resident_id; its token goes to token.  0 or -1. */
static int session_open(char *token, long long resident_id, const char *phone, const char *ip,
			const char *user_agent)
{
	unsigned char hash[32];
	char ua[256];

	auth_token_new(token);
	auth_token_hash(hash, token);
	snprintf(ua, sizeof(ua), "%s", user_agent ? user_agent : "");
	return db_exec("INSERT INTO portal_session (token_hash, resident_id, phone, ip, user_agent,"
		       " expires_at) VALUES (?, ?, ?, ?, NULLIF(?, ''),"
		       " UTC_TIMESTAMP() + INTERVAL ? SECOND)", "bisssi", hash, sizeof(hash),
		       resident_id, phone, ip, ua, (long long)PORTAL_SESSION_TTL) < 0 ? -1 : 0;
}

enum portal_result portal_code_check(long long *resident_id, char *token, const char *phone,
				     const char *code, const char *ip, const char *user_agent)
{
	char mac[AUTH_TOKEN_LEN + 1], stored[AUTH_TOKEN_LEN + 1] = "";
	long long id = 0, tries = 0, expired = 0, resident = 0;
	enum portal_result res = PORTAL_BAD_CODE;
	struct stmt *st;

	*resident_id = 0;
	code_mac(mac, phone, code);
	if (db_begin())
		return PORTAL_ERROR;
	st = db_query("SELECT id, tries, expires_at <= UTC_TIMESTAMP(), code_mac, resident_id"
		      " FROM portal_otp WHERE phone = ? AND used_at IS NULL ORDER BY id DESC"
		      " LIMIT 1 FOR UPDATE", "s", phone);
	if (!st)
		goto fail;
	if (db_next(st) == 1) {
		id = db_int(st, 0);
		tries = db_int(st, 1);
		expired = db_int(st, 2);
		snprintf(stored, sizeof(stored), "%s", db_text(st, 3));
		resident = db_int(st, 4);
	}
	db_done(st);
	if (!id)
		res = PORTAL_BAD_CODE;
	else if (tries >= PORTAL_CODE_TRIES)
		res = PORTAL_TOO_MANY;
	else if (expired)
		res = PORTAL_EXPIRED;
	else if (resident && auth_equal(mac, stored))
		res = PORTAL_OK;
	else if (db_exec("UPDATE portal_otp SET tries = tries + 1 WHERE id = ?", "i", id) < 0)
		goto fail;
	else if (tries + 1 >= PORTAL_CODE_TRIES)
		res = PORTAL_TOO_MANY;
	if (res == PORTAL_OK &&
	    (db_exec("UPDATE portal_otp SET used_at = UTC_TIMESTAMP() WHERE id = ?", "i", id) < 0 ||
	     session_open(token, resident, phone, ip, user_agent)))
		goto fail;
	if (db_commit())
		goto fail;
	if (res == PORTAL_OK)
		*resident_id = resident;
	return res;
fail:
	db_rollback();
	return PORTAL_ERROR;
}

int portal_session(long long *resident_id, const char *token)
{
	unsigned char hash[32];

	*resident_id = 0;
	if (!token || strlen(token) != AUTH_TOKEN_LEN)
		return -1;
	auth_token_hash(hash, token);
	*resident_id = db_int_query(0, "SELECT s.resident_id FROM portal_session s JOIN resident r"
				    " ON r.id = s.resident_id AND r.merged_into_id IS NULL"
				    " WHERE s.token_hash = ? AND s.ended_at IS NULL"
				    " AND s.expires_at > UTC_TIMESTAMP()", "b", hash, sizeof(hash));
	return *resident_id > 0 ? 0 : -1;
}

void portal_logout(const char *token)
{
	unsigned char hash[32];

	if (!token || strlen(token) != AUTH_TOKEN_LEN)
		return;
	auth_token_hash(hash, token);
	db_exec("UPDATE portal_session SET ended_at = UTC_TIMESTAMP() WHERE token_hash = ?"
		" AND ended_at IS NULL", "b", hash, sizeof(hash));
}

int portal_may_view(long long resident_id, long long ticket_id)
{
	return resident_id > 0 &&
	       db_int_query(0, "SELECT COUNT(*) FROM ticket t WHERE t.id = ? AND (t.resident_id = ?"
			    " OR t.household_id IN (SELECT household_id FROM resident_household"
			    " WHERE resident_id = ?))", "iii", ticket_id, resident_id,
			    resident_id) > 0;
}

int portal_household_mine(long long resident_id, long long household_id)
{
	return db_int_query(0, "SELECT COUNT(*) FROM resident_household WHERE resident_id = ?"
			    " AND household_id = ?", "ii", resident_id, household_id) > 0;
}

static void err_set(struct org_errors *e, const char *field, const char *key)
{
	e->n = 1;
	e->v[0].field = field;
	e->v[0].key = key;
}

/* Locks work order id and reads its status and satisfaction; 0, or -1 when absent. */
static int portal_lock(long long id, char *status, size_t len, long long *satisfaction)
{
	struct stmt *st = db_query("SELECT status, COALESCE(satisfaction, 0) FROM ticket"
				   " WHERE id = ? FOR UPDATE", "i", id);
	int found = 0;

	if (st && db_next(st) == 1) {
		snprintf(status, len, "%s", db_text(st, 0));
		*satisfaction = db_int(st, 1);
		found = 1;
	}
	db_done(st);
	return found ? 0 : -1;
}

/* Runs change c on work order id for the resident when check(status, satisfaction) gives
 * no error key.  The resident acts with exactly the permission the step needs, after the
 * portal's own rule; the timeline records no staff member (the resident did it). */
static enum org_result portal_step(struct org_errors *e, const char *ip, long long id,
				   const char *perm, const struct ticket_change *c,
				   const char *(*check)(const char *, long long))
{
	struct org_actor who = { 0, ip };
	struct staff actor;
	char status[17];
	long long satisfaction = 0;
	const char *problem;
	enum org_result res;

	memset(&actor, 0, sizeof(actor));
	snprintf(actor.perms, sizeof(actor.perms), " %s ", perm);
	e->n = 0;
	if (db_begin())
		return ORG_DB;
	if (portal_lock(id, status, sizeof(status), &satisfaction)) {
		db_rollback();
		return ORG_NOT_FOUND;
	}
	if ((problem = check(status, satisfaction))) {
		db_rollback();
		err_set(e, NULL, problem);
		return ORG_REFUSED;
	}
	res = ticket_transition(e, &who, &actor, id, c);
	if (res) {
		db_rollback();
		return res;
	}
	return db_commit() ? ORG_DB : ORG_OK;
}

static const char *cancel_check(const char *status, long long satisfaction)
{
	(void)satisfaction;
	return strcmp(status, TS_NEW) ? "portal.err_cancel_late" : NULL;
}

enum org_result portal_cancel(struct org_errors *e, const char *ip, long long id,
			      const char *reason)
{
	struct ticket_change c = { .to = TS_CANCELLED, .note = reason, .public = 1 };

	return portal_step(e, ip, id, "ticket.edit", &c, cancel_check);
}

static const char *rate_check(const char *status, long long satisfaction)
{
	if (satisfaction || !strcmp(status, TS_CLOSED))
		return "portal.err_rated";
	return strcmp(status, TS_RESOLVED) ? "portal.err_not_done" : NULL;
}

enum org_result portal_rate(struct org_errors *e, const char *ip, long long id, int stars,
			    const char *comment)
{
	struct ticket_change c = { .to = TS_CLOSED, .note = comment, .public = 0,
				   .satisfaction = stars };

	return portal_step(e, ip, id, "ticket.visit", &c, rate_check);
}
