/* outbox.c — messages to residents: queueing, notification rules, templates, SMS
 * segments, RFC 2047, and the sender's bookkeeping (claim, results, delivery reports). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "outbox.h"
#include "resident.h"
#include "ticket.h"
#include "util.h"

/* ---------------------------------------------------------------------------------------
 * Text: UTF-8 decoding, templates, SMS sizes, RFC 2047 */

/* Decodes one UTF-8 character at s into *cp; returns its length in bytes (1 for an
 * invalid byte, taken as U+FFFD). */
static int utf8_next(const unsigned char *s, uint32_t *cp)
{
	int n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 :
		(s[0] & 0xF8) == 0xF0 ? 4 : 0;
	uint32_t c;

	if (!n) {
		*cp = 0xFFFD;
		return 1;
	}
	c = n == 1 ? s[0] : s[0] & (0x7F >> n);
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return n;
}

/* Septets of an ASCII character in GSM 03.38 (basic set 1, extension table 2), 0 when it
 * has none (then the text goes as UCS-2). */
static int gsm_septets(unsigned char c)
{
	if (c == '\n' || c == '\r')
		return 1;
	if (c < 0x20 || c > 0x7E || c == '`')
		return 0;
	return strchr("[\\]^{|}~", c) ? 2 : 1;
}

static int text_is_gsm(const char *s)
{
	for (; *s; s++)
		if (!gsm_septets((unsigned char)*s))
			return 0;
	return 1;
}

/* Size of one character in the text's coding (UTF-16 units or septets). */
static int char_units(int ucs2, const unsigned char *s, int *len)
{
	uint32_t cp;

	*len = utf8_next(s, &cp);
	if (!ucs2)
		return gsm_septets(*s);
	return cp > 0xFFFF ? 2 : 1;
}

void sms_measure(struct sms_size *out, const char *utf8)
{
	const unsigned char *p = (const unsigned char *)(utf8 ? utf8 : "");
	int len;

	out->ucs2 = !text_is_gsm((const char *)p);
	out->units = 0;
	while (*p) {
		out->units += char_units(out->ucs2, p, &len);
		p += len;
	}
	out->segments = sms_split(NULL, 1000, utf8);
}

int sms_split(size_t *starts, int max, const char *utf8)
{
	const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
	int ucs2 = !text_is_gsm((const char *)s), total = 0, len, n = 0, used = 0, part;
	size_t off = 0;

	for (size_t i = 0; s[i]; i += len)
		total += char_units(ucs2, s + i, &len);
	if (!total)
		return 0;
	if (total <= (ucs2 ? SMS_UCS2_SINGLE : SMS_GSM_SINGLE)) {
		if (starts && max > 0)
			starts[0] = 0;
		return 1;
	}
	part = ucs2 ? SMS_UCS2_PART : SMS_GSM_PART;
	while (s[off]) {
		int u = char_units(ucs2, s + off, &len);
		if (n == 0 || used + u > part) {
			if (starts && n < max)
				starts[n] = off;
			n++;
			used = 0;
		}
		used += u;
		off += (size_t)len;
	}
	return n;
}

char *outbox_render(const char *tpl, const char *const *vars)
{
	struct buf b;
	const char *p = tpl ? tpl : "";

	buf_init(&b);
	while (*p) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		size_t n = close ? (size_t)(close - p - 1) : 0;
		int done = 0;

		if (close && n > 0 && n < 32 && strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_") == n) {
			for (int i = 0; vars && vars[i] && vars[i + 1]; i += 2) {
				if (strlen(vars[i]) == n && !strncmp(vars[i], p + 1, n)) {
					buf_puts(&b, vars[i + 1]);
					done = 1;
					break;
				}
			}
		}
		if (done) {
			p = close + 1;
		} else {
			buf_add(&b, p, 1);
			p++;
		}
	}
	return b.data ? b.data : xstrdup("");
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64_add(struct buf *b, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
			     (i + 2 < n ? s[i + 2] : 0);
		char q[4] = { b64[v >> 18 & 63], b64[v >> 12 & 63],
			      i + 1 < n ? b64[v >> 6 & 63] : '=', i + 2 < n ? b64[v & 63] : '=' };
		buf_add(b, q, 4);
	}
}

char *mime_header_encode(const char *utf8)
{
	/* 75 characters per encoded-word: "=?UTF-8?B?" + 60 base64 characters + "?=" */
	enum { RAW_MAX = 45 };
	const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
	int plain = !strstr((const char *)s, "=?");
	struct buf b;
	size_t off = 0;

	for (const unsigned char *p = s; *p && plain; p++)
		plain = *p >= 0x20 && *p < 0x7F;
	if (plain)
		return xstrdup((const char *)s);
	buf_init(&b);
	while (s[off]) {
		size_t n = 0;
		uint32_t cp;

		while (s[off + n]) {
			int len = utf8_next(s + off + n, &cp);
			if (n + (size_t)len > RAW_MAX)
				break;
			n += (size_t)len;
		}
		if (b.len)
			buf_puts(&b, "\r\n ");
		buf_puts(&b, "=?UTF-8?B?");
		base64_add(&b, s + off, n);
		buf_puts(&b, "?=");
		off += n;
	}
	return b.data ? b.data : xstrdup("");
}

char *outbox_mail_compose(long long id, const char *from_name, const char *from_addr,
			  const char *to, const char *subject, const char *body, time_t date)
{
	char *name = mime_header_encode(from_name ? from_name : ""), *subj;
	const char *domain = strchr(from_addr, '@') ? strchr(from_addr, '@') + 1 : "localhost";
	struct buf b, text;
	char when[64];
	struct tm tm;

	subj = mime_header_encode(subject ? subject : "");
	gmtime_r(&date, &tm);
	strftime(when, sizeof(when), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_init(&b);
	buf_init(&text);
	/* the body's line ends as CRLF */
	for (const char *p = body ? body : ""; *p; p++) {
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			buf_add(&text, "\r", 1);
		buf_add(&text, p, 1);
	}
	if (name[0])
		buf_printf(&b, "From: %s <%s>\r\n", name, from_addr);
	else
		buf_printf(&b, "From: %s\r\n", from_addr);
	buf_printf(&b, "To: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <outbox-%lld@%s>\r\n"
		   "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
		   "Content-Transfer-Encoding: base64\r\n\r\n", to, subj, when, id, domain);
	for (size_t off = 0; off < text.len; off += 57) {	/* 76 characters a line */
		base64_add(&b, (const unsigned char *)text.data + off,
			   text.len - off < 57 ? text.len - off : 57);
		buf_puts(&b, "\r\n");
	}
	buf_free(&text);
	free(name);
	free(subj);
	return b.data;
}

int outbox_email_valid(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;

	if (!at || at == s || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    strlen(s) > 254)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7F || strchr("<>(),;:\"[]\\", *s))
			return 0;
	return 1;
}

const char *outbox_status_text(const char *status)
{
	static const char *const names[][2] = {
		{ TS_NEW, "已受理" }, { TS_REOPENED, "已重新受理" }, { TS_DISPATCHED, "已派工" },
		{ TS_ACCEPTED, "师傅已接单" }, { TS_EN_ROUTE, "师傅已出发" },
		{ TS_ON_SITE, "师傅已到达" }, { TS_RESOLVED, "已处理完成" }, { TS_CLOSED, "已回访" },
		{ TS_PENDING, "暂缓处理" }, { TS_CANCELLED, "已取消" },
	};

	for (size_t i = 0; status && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i][0], status))
			return names[i][1];
	return status ? status : "";
}

/* ---------------------------------------------------------------------------------------
 * Queueing */

int outbox_enqueue(long long *id, const struct outbox_msg *m)
{
	struct sms_size sz = { 0, 0, 1 };
	const char *status = "queued", *why = "";
	long long n;

	if (!strcmp(m->channel, "sms"))
		sms_measure(&sz, m->body);
	if (!m->essential && m->resident_id &&
	    db_int_query(0, "SELECT COUNT(*) FROM resident_optout WHERE resident_id = ?", "i",
			 m->resident_id) > 0) {
		status = "cancelled";
		why = "opted out (TD)";
	}
	/* An existing key keeps its row: LAST_INSERT_ID(id) hands its id back. */
	n = db_exec("INSERT INTO outbox (msg_key, channel, recipient, resident_id, ticket_id,"
		    " event, essential, subject, body, segments, status, last_error, created_by)"
		    " VALUES (?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, NULLIF(?, ''), ?, ?, ?,"
		    " NULLIF(?, ''), NULLIF(?, 0)) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)",
		    "sssiisississi", m->key, m->channel, m->recipient, m->resident_id,
		    m->ticket_id, m->event ? m->event : "manual", (long long)(m->essential != 0),
		    m->subject ? m->subject : "", m->body, (long long)(sz.segments ? sz.segments : 1),
		    status, why, m->staff_id);
	if (n < 0)
		return -1;
	if (id)
		*id = (long long)db_insert_id();
	return n == 1 ? 0 : 1;
}

struct ticket_info {
	char number[TICKET_NUMBER_MAX + 1], status[17], appt[20];
	char *title, *type, *technician, *email;
	char mobile[PHONE_MAX + 1];
	long long version, type_id, resident_id, assignee_id;
};

static void ticket_info_free(struct ticket_info *t)
{
	free(t->title);
	free(t->type);
	free(t->technician);
	free(t->email);
}

static char *col_dup(const struct stmt *st, int i)
{
	return xstrdup(db_text(st, i) ? db_text(st, i) : "");
}

static int ticket_info_load(struct ticket_info *t, long long id)
{
	struct stmt *st = db_query(
		"SELECT t.number, t.status, COALESCE(t.appointment_at, ''), t.title, p.name,"
		" COALESCE(s.name, ''), COALESCE(r.email, ''), COALESCE(t.contact_phone, ''),"
		" t.version, t.type_id, COALESCE(t.resident_id, 0), COALESCE(t.assignee_id, 0)"
		" FROM ticket t JOIN ticket_type p ON p.id = t.type_id"
		" LEFT JOIN staff s ON s.id = t.assignee_id"
		" LEFT JOIN resident r ON r.id = t.resident_id WHERE t.id = ?", "i", id);
	const char *kind = NULL;
	int found = 0;

	memset(t, 0, sizeof(*t));
	if (!st)
		return -1;
	if (db_next(st) == 1) {
		found = 1;
		snprintf(t->number, sizeof(t->number), "%s", db_text(st, 0));
		snprintf(t->status, sizeof(t->status), "%s", db_text(st, 1));
		snprintf(t->appt, sizeof(t->appt), "%s", db_text(st, 2));
		t->title = col_dup(st, 3);
		t->type = col_dup(st, 4);
		t->technician = col_dup(st, 5);
		t->email = col_dup(st, 6);
		if (phone_normalize(t->mobile, db_text(st, 7), &kind) || strcmp(kind, "mobile"))
			t->mobile[0] = '\0';
		t->version = db_int(st, 8);
		t->type_id = db_int(st, 9);
		t->resident_id = db_int(st, 10);
		t->assignee_id = db_int(st, 11);
	}
	db_done(st);
	if (!found)
		return -1;
	if (!t->mobile[0] && t->resident_id) {
		st = db_query("SELECT phone FROM resident_phone WHERE resident_id = ?"
			      " AND kind = 'mobile' ORDER BY is_primary DESC, id LIMIT 1", "i",
			      t->resident_id);
		if (st && db_next(st) == 1)
			snprintf(t->mobile, sizeof(t->mobile), "%s", db_text(st, 0));
		db_done(st);
	}
	return 0;
}

/* "预计11月22日14:00–16:00上门" from the appointment (UTC), two hours wide. */
static void window_text(char *out, size_t len, const char *appt_utc)
{
	struct tm tm;
	time_t t;
	char a[8], b[8], day[32];

	memset(&tm, 0, sizeof(tm));
	if (!appt_utc[0] || !strptime(appt_utc, "%Y-%m-%d %H:%M:%S", &tm)) {
		snprintf(out, len, "师傅会尽快与您联系约定上门时间");
		return;
	}
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(day, sizeof(day), "%m月%d日", &tm);
	strftime(a, sizeof(a), "%H:%M", &tm);
	t += 2 * 3600;
	localtime_r(&t, &tm);
	strftime(b, sizeof(b), "%H:%M", &tm);
	snprintf(out, len, "预计%s%s–%s上门", day[0] == '0' ? day + 1 : day, a, b);
}

/* The public tracking / rating link of work order id ("" on error). */
static void track_link(char *out, size_t len, long long id)
{
	struct stmt *st;

	out[0] = '\0';
	if (db_exec("INSERT IGNORE INTO ticket_track (ticket_id, token) VALUES"
		    " (?, LOWER(HEX(RANDOM_BYTES(12))))", "i", id) < 0)
		return;
	st = db_query("SELECT token FROM ticket_track WHERE ticket_id = ?", "i", id);
	if (st && db_next(st) == 1)
		snprintf(out, len, "%s/t/%s", config_get("WL_PUBLIC_URL", "http://127.0.0.1:8080"),
			 db_text(st, 0));
	db_done(st);
}

/* Which rule event a status change is, or NULL. */
static const char *change_event(const char *from, const char *to, long long old_assignee,
				long long assignee)
{
	if (!from)
		return "created";
	if (!strcmp(to, TS_DISPATCHED) && assignee)
		return "assigned";
	if (!strcmp(to, TS_ACCEPTED) && !old_assignee && assignee)
		return "assigned";
	if (!strcmp(to, TS_EN_ROUTE))
		return "en_route";
	if (!strcmp(to, TS_RESOLVED))
		return "completed";
	return NULL;
}

struct rule {
	struct rule *next;
	char channel[8];
	int essential;
	char *subject, *template;
};

static struct rule *rules_load(long long type_id, const char *event)
{
	struct stmt *st = db_query(
		"SELECT r.channel, r.essential, COALESCE(r.subject, ''), r.template"
		" FROM notify_rule r WHERE r.enabled = 1 AND r.event = ? AND (r.type_id = ?"
		"  OR (r.type_id = 0 AND NOT EXISTS (SELECT 1 FROM notify_rule x WHERE"
		"   x.type_id = ? AND x.event = r.event AND x.channel = r.channel)))"
		" ORDER BY r.channel", "sii", event, type_id, type_id);
	struct rule *list = NULL;

	while (st && db_next(st) == 1) {
		struct rule *r = xcalloc(1, sizeof(*r));
		snprintf(r->channel, sizeof(r->channel), "%s", db_text(st, 0));
		r->essential = (int)db_int(st, 1);
		r->subject = col_dup(st, 2);
		r->template = col_dup(st, 3);
		r->next = list;
		list = r;
	}
	db_done(st);
	return list;
}

static void rules_free(struct rule *r)
{
	while (r) {
		struct rule *next = r->next;
		free(r->subject);
		free(r->template);
		free(r);
		r = next;
	}
}

static int rule_queue(const struct rule *r, const struct ticket_info *t, long long id,
		      const char *event, const char *const *vars)
{
	struct outbox_msg m = { .channel = r->channel, .event = event, .ticket_id = id,
				.resident_id = t->resident_id, .essential = r->essential };
	char key[100];
	char *body, *subject = NULL;
	int res;

	if (!strcmp(r->channel, "sms"))
		m.recipient = t->mobile;
	else if (!strcmp(r->channel, "email"))
		m.recipient = t->email;
	else
		return 0;	/* WeChat: not yet */
	if (!m.recipient[0] || (!strcmp(r->channel, "email") && !outbox_email_valid(m.recipient)))
		return 0;	/* nobody to tell on this channel */
	snprintf(key, sizeof(key), "t:%lld:%s:%s:v%lld", id, event, r->channel, t->version);
	m.key = key;
	body = outbox_render(r->template, vars);
	if (r->subject[0])
		subject = outbox_render(r->subject, vars);
	m.body = body;
	m.subject = subject;
	res = outbox_enqueue(NULL, &m);
	free(body);
	free(subject);
	return res < 0 ? -1 : 0;
}

int outbox_ticket_changed(long long id, const char *from, const char *to,
			  long long old_assignee)
{
	struct ticket_info t;
	struct rule *rules = NULL;
	const char *event;
	char window[96], link[300] = "";
	int err = 0;

	if (ticket_info_load(&t, id))
		return -1;
	event = change_event(from, to, old_assignee, t.assignee_id);
	if (event)
		rules = rules_load(t.type_id, event);
	if (rules && (t.mobile[0] || t.email[0])) {
		window_text(window, sizeof(window), t.appt);
		for (const struct rule *r = rules; r && !link[0]; r = r->next)
			if (strstr(r->template, "{link}") || strstr(r->subject, "{link}"))
				track_link(link, sizeof(link), id);
		const char *vars[] = { "number", t.number, "title", t.title, "type", t.type,
				       "status", outbox_status_text(t.status),
				       "technician", t.technician, "window", window,
				       "link", link, "company", config_get("WL_COMPANY", "暖线"),
				       NULL };
		for (const struct rule *r = rules; r && !err; r = r->next)
			err = rule_queue(r, &t, id, event, vars);
	}
	rules_free(rules);
	ticket_info_free(&t);
	return err;
}

/* ---------------------------------------------------------------------------------------
 * The sender's side */

int outbox_backoff(int attempts)
{
	int s = 5;

	for (int i = 1; i < attempts && s < 3600; i++)
		s *= 2;
	return s < 3600 ? s : 3600;
}

int outbox_claim(struct outbox_item **list, const char *node, int max)
{
	static unsigned long seq;
	struct outbox_item *tail = NULL;
	struct stmt *st;
	char token[64];
	long long n;
	int count = 0;

	*list = NULL;
	snprintf(token, sizeof(token), "%.40s/%ld/%lu", node, (long)getpid(), ++seq);
	n = db_exec("UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_at ="
		    " UTC_TIMESTAMP(), attempts = attempts + 1 WHERE status = 'queued' AND"
		    " next_attempt_at <= UTC_TIMESTAMP() ORDER BY next_attempt_at, id LIMIT ?",
		    "si", token, (long long)max);
	if (n <= 0)
		return n < 0 ? -1 : 0;
	st = db_query("SELECT id, channel, attempts, recipient, COALESCE(subject, ''), body"
		      " FROM outbox WHERE claimed_by = ? AND status = 'sending' ORDER BY id",
		      "s", token);
	while (st && db_next(st) == 1) {
		struct outbox_item *it = xcalloc(1, sizeof(*it));
		it->id = db_int(st, 0);
		snprintf(it->channel, sizeof(it->channel), "%s", db_text(st, 1));
		it->attempts = (int)db_int(st, 2);
		it->recipient = col_dup(st, 3);
		it->subject = col_dup(st, 4);
		it->body = col_dup(st, 5);
		if (tail)
			tail->next = it;
		else
			*list = it;
		tail = it;
		count++;
	}
	db_done(st);
	return st ? count : -1;
}

void outbox_items_free(struct outbox_item *list)
{
	while (list) {
		struct outbox_item *next = list->next;
		free(list->recipient);
		free(list->subject);
		free(list->body);
		free(list);
		list = next;
	}
}

int outbox_recover(const char *node, int grace_s)
{
	char pattern[64];

	snprintf(pattern, sizeof(pattern), "%.40s/%%", node);
	return (int)db_exec("UPDATE outbox SET status = 'queued', claimed_by = NULL,"
			    " next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND,"
			    " last_error = 'sender restarted while sending: waiting for a"
			    " delivery report before sending again' WHERE status = 'sending'"
			    " AND claimed_by LIKE ?", "is", (long long)grace_s, pattern);
}

int outbox_sent(long long id, const char *external_id)
{
	return db_exec("UPDATE outbox SET status = IF(status = 'sending', 'sent', status),"
		       " sent_at = COALESCE(sent_at, UTC_TIMESTAMP()), external_id ="
		       " COALESCE(NULLIF(?, ''), external_id), claimed_by = NULL, last_error = NULL"
		       " WHERE id = ?", "si", external_id ? external_id : "", id) < 0 ? -1 : 0;
}

int outbox_retry(long long id, const char *error, enum outbox_fail how)
{
	long long attempts = db_int_query(0, "SELECT attempts FROM outbox WHERE id = ?", "i", id);
	int fail = how == OUTBOX_PERMANENT || attempts >= OUTBOX_MAX_ATTEMPTS;
	int wait = outbox_backoff((int)attempts);

	if (how == OUTBOX_UNKNOWN && wait < OUTBOX_UNKNOWN_WAIT)
		wait = OUTBOX_UNKNOWN_WAIT;

	return db_exec("UPDATE outbox SET status = ?, claimed_by = NULL, last_error = LEFT(?, 300),"
		       " next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND"
		       " WHERE id = ? AND status = 'sending'", "ssii", fail ? "failed" : "queued",
		       error ? error : "", (long long)wait, id) < 0 ? -1 : 0;
}

int outbox_dlr(long long id, int type, const char *foreign_id)
{
	long long n;

	/* The status last: MariaDB evaluates SET left to right with the updated values. */
	n = db_exec("UPDATE outbox SET dlr_count = dlr_count + 1, dlr_at = UTC_TIMESTAMP(),"
		    " dlr_status = IF(? IN (1, 2, 16) OR dlr_status IS NULL OR dlr_status NOT IN"
		    "  (1, 2, 16), ?, dlr_status),"
		    " external_id = COALESCE(NULLIF(?, ''), external_id),"
		    " sent_at = COALESCE(sent_at, UTC_TIMESTAMP()),"
		    " claimed_by = IF(status IN ('queued', 'sending'), NULL, claimed_by),"
		    " status = CASE WHEN status = 'cancelled' THEN status"
		    "  WHEN ? = 1 THEN 'delivered'"
		    "  WHEN ? IN (2, 16) AND status <> 'delivered' THEN 'failed'"
		    "  WHEN status IN ('queued', 'sending') THEN 'sent' ELSE status END"
		    " WHERE id = ?", "iisiii", (long long)type, (long long)type,
		    foreign_id ? foreign_id : "", (long long)type, (long long)type, id);
	if (n < 0)
		return -1;
	if (n == 0 && db_int_query(0, "SELECT COUNT(*) FROM outbox WHERE id = ?", "i", id) == 0)
		return 1;
	return 0;
}
