/* message.c — staff's messages to residents (one, or in bulk) and between themselves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "log.h"
#include "message.h"
#include "outbox.h"
#include "resident.h"
#include "util.h"

static void err_add(struct org_errors *e, const char *field, const char *key)
{
	if (e->n < ORG_MAX_ERRORS) {
		e->v[e->n].field = field;
		e->v[e->n].key = key;
		e->n++;
	}
}

/* Characters (code points) of UTF-8 text. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* 1 when s holds a control character other than line breaks and tabs (allow_lines), or
 * any (!allow_lines). */
static int has_controls(const char *s, int allow_lines)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 || c == 0x7F) && !(allow_lines && (c == '\n' || c == '\r' || c == '\t')))
			return 1;
	}
	return 0;
}

/* Checks an SMS text: present, at most SMS_MAX_SEGMENTS parts. */
static void sms_text_check(struct org_errors *e, const char *text, int *segments)
{
	struct sms_size sz;

	sms_measure(&sz, text);
	*segments = sz.segments;
	if (!sz.segments)
		err_add(e, "text", "message.err_text");
	else if (sz.segments > SMS_MAX_SEGMENTS)
		err_add(e, "text", "message.err_sms_long");
	else if (has_controls(text, 1))
		err_add(e, "text", "err.invalid");
}

static int token_ok(const char *t)
{
	size_t n = t ? strlen(t) : 0;

	return n >= 16 && n <= MESSAGE_TOKEN_MAX &&
	       strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* ---------------------------------------------------------------------------------------
 * One message */

/* The address of m: the resident's chosen or primary mobile, or e-mail, into out. */
static void one_recipient(struct org_errors *e, const struct message_one *m, char *out,
			  size_t outlen)
{
	struct stmt *st;

	out[0] = '\0';
	if (!strcmp(m->channel, "email")) {
		st = db_query("SELECT COALESCE(email, '') FROM resident WHERE id = ?", "i",
			      m->resident_id);
	} else if (m->mobile && *m->mobile) {
		char phone[PHONE_MAX + 1];

		if (phone_normalize(phone, m->mobile, NULL)) {
			err_add(e, "mobile", "message.err_mobile");
			return;
		}
		st = db_query("SELECT phone FROM resident_phone WHERE resident_id = ? AND phone = ?"
			      " AND kind = 'mobile'", "is", m->resident_id, phone);
	} else {
		st = db_query("SELECT phone FROM resident_phone WHERE resident_id = ?"
			      " AND kind = 'mobile' ORDER BY is_primary DESC, id LIMIT 1", "i",
			      m->resident_id);
	}
	if (st && db_next(st) == 1)
		snprintf(out, outlen, "%s", db_text(st, 0) ? db_text(st, 0) : "");
	db_done(st);
	if (!strcmp(m->channel, "email")) {
		if (!out[0])
			err_add(e, "resident_id", "message.err_no_email");
		else if (!outbox_email_valid(out))
			err_add(e, "resident_id", "message.err_bad_email");
	} else if (!out[0]) {
		err_add(e, m->mobile && *m->mobile ? "mobile" : "resident_id",
			m->mobile && *m->mobile ? "message.err_mobile" : "message.err_no_mobile");
	}
}

static void one_check(struct org_errors *e, const struct message_one *m, int *segments)
{
	*segments = 1;
	if (!strcmp(m->channel, "sms")) {
		sms_text_check(e, m->text, segments);
		return;
	}
	if (!m->subject || !*m->subject)
		err_add(e, "subject", "message.err_subject");
	else if (utf8_chars(m->subject) > MESSAGE_SUBJECT_MAX || has_controls(m->subject, 0))
		err_add(e, "subject", "message.err_subject_long");
	if (!m->text || !*m->text)
		err_add(e, "text", "message.err_text");
	else if (utf8_chars(m->text) > MESSAGE_EMAIL_MAX || has_controls(m->text, 1))
		err_add(e, "text", "message.err_email_long");
}

enum org_result message_send(long long *id, int *dup, struct org_errors *e,
			     const struct org_actor *who, const struct message_one *m)
{
	char to[256], key[100];
	long long owner;
	int segments, res;

	*id = 0;
	*dup = 0;
	if (!m->channel || (strcmp(m->channel, "sms") && strcmp(m->channel, "email")))
		err_add(e, "channel", "err.invalid");
	if (!token_ok(m->token))
		err_add(e, NULL, "err.invalid");
	if (e->n)
		return ORG_INVALID;
	one_check(e, m, &segments);
	owner = db_int_query(-1, "SELECT COUNT(*) FROM resident WHERE id = ?", "i",
			     m->resident_id);
	if (owner < 0)
		return ORG_DB;
	if (!owner)
		return ORG_NOT_FOUND;
	if (m->ticket_id) {
		owner = db_int_query(-1, "SELECT COALESCE(resident_id, 0) FROM ticket WHERE id = ?",
				     "i", m->ticket_id);
		if (owner != m->resident_id)
			err_add(e, "ticket_id", "message.err_ticket");
	}
	one_recipient(e, m, to, sizeof(to));
	if (e->n)
		return ORG_INVALID;
	snprintf(key, sizeof(key), "staff:%s", m->token);
	res = outbox_enqueue(id, &(struct outbox_msg){
		.key = key, .channel = m->channel, .recipient = to,
		.subject = strcmp(m->channel, "email") ? NULL : m->subject, .body = m->text,
		.event = "manual", .resident_id = m->resident_id, .ticket_id = m->ticket_id,
		.staff_id = who->staff_id, .essential = 1 });
	if (res < 0)
		return ORG_DB;
	*dup = res == 1;
	if (!*dup)
		audit(who->staff_id, who->ip, "message.send", "outbox", *id, "%s to resident %lld",
		      m->channel, m->resident_id);
	return ORG_OK;
}

/* ---------------------------------------------------------------------------------------
 * Bulk SMS */

enum { BULK_BUILDING, BULK_COMMUNITY, BULK_TAG };

/* Per target: the residents (unmerged) with their first mobile (primary first) and
 * whether they opted out, by id. */
#define BULK_COLUMNS \
	"SELECT r.id, (SELECT p.phone FROM resident_phone p WHERE p.resident_id = r.id" \
	" AND p.kind = 'mobile' ORDER BY p.is_primary DESC, p.id LIMIT 1) AS mobile," \
	" EXISTS (SELECT 1 FROM resident_optout o WHERE o.resident_id = r.id) AS optout" \
	" FROM resident r WHERE r.merged_into_id IS NULL AND r.id IN "
static const char *const bulk_sql[] = {
	BULK_COLUMNS "(SELECT rh.resident_id FROM resident_household rh"
	" JOIN household h ON h.id = rh.household_id JOIN unit u ON u.id = h.unit_id"
	" WHERE u.building_id = ?) ORDER BY r.id",
	BULK_COLUMNS "(SELECT rh.resident_id FROM resident_household rh"
	" JOIN household h ON h.id = rh.household_id JOIN unit u ON u.id = h.unit_id"
	" JOIN building b ON b.id = u.building_id WHERE b.community_id = ?) ORDER BY r.id",
	BULK_COLUMNS "(SELECT t.resident_id FROM resident_tag t WHERE t.tag = ?) ORDER BY r.id",
};

static struct stmt *bulk_query(int kind, long long id, const char *code)
{
	return kind == BULK_TAG ? db_query(bulk_sql[kind], "s", code)
				: db_query(bulk_sql[kind], "i", id);
}

static int bulk_kind(const char *target)
{
	static const char *const names[] = { "building", "community", "tag" };

	for (int i = 0; target && i < 3; i++)
		if (!strcmp(target, names[i]))
			return i;
	return -1;
}

/* The target's name for people ("某小区 3号楼", a tag's label) into out; 0, 1 when there
 * is no such building, community or tag, -1 on error. */
static int bulk_label(char *out, size_t outlen, int kind, const struct message_target *t)
{
	static const char *const sql[] = {
		"SELECT CONCAT(c.name, ' ', b.name) FROM building b"
		" JOIN community c ON c.id = b.community_id WHERE b.id = ?",
		"SELECT name FROM community WHERE id = ?",
		"SELECT i.label FROM dictionary_item i JOIN dictionary d ON d.id = i.dictionary_id"
		" WHERE d.code = 'customer_tag' AND i.code = ?",
	};
	struct stmt *st = kind == BULK_TAG ? db_query(sql[kind], "s", t->code ? t->code : "")
					   : db_query(sql[kind], "i", t->id);
	int found;

	if (!st)
		return -1;
	found = db_next(st);
	if (found == 1)
		snprintf(out, outlen, "%s", db_text(st, 0) ? db_text(st, 0) : "");
	db_done(st);
	return found < 0 ? -1 : found == 1 ? 0 : 1;
}

/* Walks the recipients: counts them into *c and, when bulk_id is set, queues each one's
 * SMS.  0 or -1. */
static int bulk_walk(struct message_counts *c, int kind, long long id, const char *code,
		     const char *text, int essential, long long bulk_id, long long staff_id)
{
	struct stmt *st = bulk_query(kind, id, code);
	int row, err = 0;

	c->recipients = c->skipped = c->no_mobile = 0;
	if (!st)
		return -1;
	/* Read everything first: one cursor per statement, and the inserts need theirs. */
	struct rcpt { long long id; char mobile[PHONE_MAX + 1]; } *v = NULL;
	size_t n = 0, cap = 0;

	while ((row = db_next(st)) == 1) {
		const char *mobile = db_text(st, 1);

		if (!mobile) {
			c->no_mobile++;
			continue;
		}
		if (db_int(st, 2) && !essential) {
			c->skipped++;
			continue;
		}
		if (++c->recipients > MESSAGE_BULK_MAX)
			continue;
		if (!bulk_id)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n].id = db_int(st, 0);
		snprintf(v[n].mobile, sizeof(v[n].mobile), "%s", mobile);
		n++;
	}
	db_done(st);
	if (row < 0)
		err = -1;
	for (size_t i = 0; i < n && !err; i++) {
		char key[64];
		long long oid;

		snprintf(key, sizeof(key), "b:%lld:%lld", bulk_id, v[i].id);
		if (outbox_enqueue(&oid, &(struct outbox_msg){
			.key = key, .channel = "sms", .recipient = v[i].mobile, .body = text,
			.event = "bulk", .resident_id = v[i].id, .staff_id = staff_id,
			.essential = essential }) < 0 ||
		    db_exec("UPDATE outbox SET bulk_id = ? WHERE id = ?", "ii", bulk_id, oid) < 0)
			err = -1;
	}
	free(v);
	return err;
}

enum org_result message_bulk_prepare(long long *bulk_id, struct message_counts *c,
				     struct org_errors *e, const struct org_actor *who,
				     const struct message_target *t, const char *text,
				     int essential)
{
	int kind = bulk_kind(t->target), found;
	char label[200] = "";

	*bulk_id = 0;
	memset(c, 0, sizeof(*c));
	sms_text_check(e, text, &c->segments);
	if (kind < 0 || (kind != BULK_TAG && t->id <= 0) ||
	    (kind == BULK_TAG && (!t->code || !*t->code))) {
		err_add(e, "target", "message.err_target");
		return ORG_INVALID;
	}
	found = bulk_label(label, sizeof(label), kind, t);
	if (found < 0)
		return ORG_DB;
	if (found)
		err_add(e, "target", "message.err_target");
	if (e->n)
		return ORG_INVALID;
	if (bulk_walk(c, kind, t->id, t->code, text, essential, 0, 0))
		return ORG_DB;
	if (!c->recipients) {
		err_add(e, "target", "message.err_no_recipients");
		return ORG_INVALID;
	}
	if (c->recipients > MESSAGE_BULK_MAX) {
		err_add(e, "target", "message.err_bulk_many");
		return ORG_INVALID;
	}
	if (db_exec("INSERT INTO message_bulk (target, target_id, target_code, target_label, body,"
		    " essential, segments, recipients, skipped, no_mobile, created_by)"
		    " VALUES (?, NULLIF(?, 0), NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?)",
		    "sisssiiiiii", t->target, kind == BULK_TAG ? 0 : t->id,
		    kind == BULK_TAG ? t->code : "", label, text, (long long)(essential != 0),
		    (long long)c->segments, c->recipients, c->skipped, c->no_mobile,
		    who->staff_id) < 0)
		return ORG_DB;
	*bulk_id = (long long)db_insert_id();
	return ORG_OK;
}

enum org_result message_bulk_send(struct message_counts *c, int *already,
				  const struct org_actor *who, long long bulk_id)
{
	struct stmt *st;
	char target[16] = "", code[65] = "", *text = NULL;
	long long id = 0, claimed;
	int essential = 0, kind, found;

	*already = 0;
	memset(c, 0, sizeof(*c));
	st = db_query("SELECT target, COALESCE(target_id, 0), COALESCE(target_code, ''), body,"
		      " essential, status, segments FROM message_bulk WHERE id = ? AND created_by = ?",
		      "ii", bulk_id, who->staff_id);
	if (!st)
		return ORG_DB;
	found = db_next(st);
	if (found == 1) {
		snprintf(target, sizeof(target), "%s", db_text(st, 0));
		id = db_int(st, 1);
		snprintf(code, sizeof(code), "%s", db_text(st, 2));
		text = xstrdup(db_text(st, 3));
		essential = (int)db_int(st, 4);
		*already = strcmp(db_text(st, 5), "draft") != 0;
		c->segments = (int)db_int(st, 6);
	}
	db_done(st);
	if (found != 1)
		return found < 0 ? ORG_DB : ORG_NOT_FOUND;
	if (*already) {
		free(text);
		return ORG_OK;
	}
	kind = bulk_kind(target);
	if (db_begin()) {
		free(text);
		return ORG_DB;
	}
	/* Only the first confirmation moves the draft; a concurrent second one waits on the
	 * row lock here and then finds it sent. */
	claimed = db_exec("UPDATE message_bulk SET status = 'sent', sent_at = UTC_TIMESTAMP()"
			  " WHERE id = ? AND status = 'draft'", "i", bulk_id);
	if (claimed == 0) {
		db_rollback();
		free(text);
		*already = 1;
		return ORG_OK;
	}
	if (claimed < 0 || bulk_walk(c, kind, id, code, text, essential, bulk_id, who->staff_id) ||
	    db_exec("UPDATE message_bulk SET recipients = ?, skipped = ?, no_mobile = ?"
		    " WHERE id = ?", "iiii", c->recipients, c->skipped, c->no_mobile, bulk_id) < 0 ||
	    db_commit()) {
		db_rollback();
		free(text);
		return ORG_DB;
	}
	free(text);
	audit(who->staff_id, who->ip, "message.bulk", "message_bulk", bulk_id,
	      "%s: %lld queued, %lld skipped", target, c->recipients, c->skipped);
	return ORG_OK;
}

/* ---------------------------------------------------------------------------------------
 * Internal messages (站内短信) */

enum org_result message_internal_send(long long *id, struct org_errors *e,
				      const struct org_actor *who, long long recipient_id,
				      const char *subject, const char *body)
{
	long long ok;

	*id = 0;
	ok = recipient_id > 0 ? db_int_query(-1, "SELECT COUNT(*) FROM staff WHERE id = ?"
					     " AND active = 1", "i", recipient_id) : 0;
	if (ok < 0)
		return ORG_DB;
	if (!ok)
		err_add(e, "recipient", "message.err_recipient");
	if (!subject || !*subject)
		err_add(e, "subject", "message.err_subject");
	else if (utf8_chars(subject) > MESSAGE_SUBJECT_MAX || has_controls(subject, 0))
		err_add(e, "subject", "message.err_subject_long");
	if (!body || !*body)
		err_add(e, "body", "message.err_text");
	else if (utf8_chars(body) > MESSAGE_INTERNAL_MAX || has_controls(body, 1))
		err_add(e, "body", "message.err_internal_long");
	if (e->n)
		return ORG_INVALID;
	if (db_exec("INSERT INTO staff_message (sender_id, recipient_id, subject, body)"
		    " VALUES (?, ?, ?, ?)", "iiss", who->staff_id, recipient_id, subject, body) < 0)
		return ORG_DB;
	*id = (long long)db_insert_id();
	return ORG_OK;
}

int message_internal_role(long long staff_id, long long id)
{
	struct stmt *st = db_query("SELECT sender_id, recipient_id FROM staff_message WHERE id = ?",
				   "i", id);
	int role = 0, row;

	if (!st)
		return -1;
	row = db_next(st);
	if (row == 1)
		role = db_int(st, 1) == staff_id ? 1 : db_int(st, 0) == staff_id ? 2 : 0;
	db_done(st);
	return row < 0 ? -1 : role;
}

int message_internal_mark_read(long long staff_id, long long id)
{
	long long n = db_exec("UPDATE staff_message SET read_at = UTC_TIMESTAMP() WHERE id = ?"
			      " AND recipient_id = ? AND read_at IS NULL", "ii", id, staff_id);

	return n < 0 ? -1 : n > 0;
}

long long message_internal_mark_all(long long staff_id)
{
	return db_exec("UPDATE staff_message SET read_at = UTC_TIMESTAMP() WHERE recipient_id = ?"
		       " AND read_at IS NULL", "i", staff_id);
}

long long message_internal_unread(long long staff_id)
{
	return db_int_query(0, "SELECT COUNT(*) FROM staff_message WHERE recipient_id = ?"
			    " AND read_at IS NULL", "i", staff_id);
}
