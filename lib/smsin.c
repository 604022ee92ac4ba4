/* smsin.c — inbound SMS: keywords, work orders by SMS, status replies, opt-out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "outbox.h"
#include "resident.h"
#include "smsin.h"
#include "ticket.h"
#include "util.h"

/* Separators residents type after a keyword: space, colon, comma, full-width ones. */
static size_t separator(const char *s)
{
	static const char *const wide[] = { "\xEF\xBC\x9A", "\xEF\xBC\x8C", "\xE3\x80\x80",
					    "\xE3\x80\x81", NULL };	/* ： ， 全角空格 、 */

	if (*s == ' ' || *s == ':' || *s == ',' || *s == '\t' || *s == '+' || *s == '-')
		return 1;
	for (int i = 0; wide[i]; i++)
		if (!strncmp(s, wide[i], strlen(wide[i])))
			return strlen(wide[i]);
	return 0;
}

const char *smsin_keyword(const char *text, const char **rest)
{
	static const char *const words[] = { "BX", "CX", "TD", NULL };
	const char *p = text ? text : "";
	size_t n;

	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	for (int i = 0; words[i]; i++) {
		if ((p[0] & ~0x20) != words[i][0] || (p[1] & ~0x20) != words[i][1])
			continue;
		if (p[2] && !separator(p + 2) && (p[2] & 0x80) == 0)
			continue;	/* "BXY", "TDK": not a keyword */
		p += 2;
		while ((n = separator(p)))
			p += n;
		if (rest)
			*rest = p;
		return words[i];
	}
	if (rest)
		*rest = p;
	return "";
}

/* Where an answer goes: an SMS to phone through the outbox (out NULL), or back to the
 * caller in out (WeChat answers in its reply to the request). */
struct answer {
	const char *kid;	/* the inbound message's id (the SMS reply's key) */
	const char *phone;
	const char *channel;	/* of a work order reported: "sms", "wechat" */
	char *out;
	size_t outlen;
};

static int reply(const struct answer *a, const char *key_suffix, long long resident_id,
		 long long ticket_id, const char *body)
{
	struct outbox_msg m = { .channel = "sms", .recipient = a->phone, .body = body,
				.event = "reply", .resident_id = resident_id,
				.ticket_id = ticket_id, .essential = 1 };
	char key[100];

	if (a->out) {
		snprintf(a->out, a->outlen, "%s", body);
		return 0;
	}
	snprintf(key, sizeof(key), "%s%s", key_suffix ? "" : "mo:",
		 key_suffix ? key_suffix : a->kid);
	m.key = key;
	return outbox_enqueue(NULL, &m) < 0 ? -1 : 0;
}

static const char *company(void)
{
	return config_get("WL_COMPANY", "暖线");
}

/* BX: a work order of the configured type on the resident's household. */
static int do_report(struct smsin_result *res, const struct answer *a, long long resident_id,
		     const char *text)
{
	struct org_actor who = { 0, a->channel };
	struct org_errors e = { 0 };
	struct ticket_new t = { 0 };
	char number[TICKET_NUMBER_MAX + 1], body[400];
	long long household = db_int_query(0, "SELECT household_id FROM resident_household"
					   " WHERE resident_id = ? ORDER BY relation = 'owner'"
					   " DESC, household_id LIMIT 1", "i", resident_id);
	enum org_result r;

	t.type_id = db_int_query(0, "SELECT id FROM ticket_type WHERE code = ? AND parent_id IS"
				 " NULL AND active = 1", "s",
				 config_get("WL_SMS_REPORT_TYPE", "heating"));
	t.description = *text ? text : "（短信报修，未写明问题）";
	t.channel = a->channel;
	t.resident_id = resident_id;
	t.household_id = household;
	t.contact_phone = a->phone;
	r = t.type_id ? ticket_create(&res->ticket_id, number, &e, &who, &t) : ORG_INVALID;
	if (r == ORG_OK) {
		res->action = "report";
		if (!a->out)
			return 0;	/* the "created" rule texts the resident the number */
		snprintf(body, sizeof(body), "【%s】您的报修已受理，工单号%s。我们会尽快安排师傅，"
			 "进度会通知您，回复“CX”可随时查询。", company(), number);
		return reply(a, NULL, resident_id, res->ticket_id, body);
	}
	if (r == ORG_DB)
		return -1;
	res->action = "agent";
	snprintf(body, sizeof(body), "【%s】您的报修已收到，但暂时无法自动登记（未找到您登记的房屋）。"
		 "客服人员会尽快与您联系。", company());
	return reply(a, NULL, resident_id, 0, body);
}

/* CX: the status of the resident's latest work order. */
static int do_status(struct smsin_result *res, const struct answer *a, long long resident_id)
{
	struct stmt *st = db_query("SELECT id, number, title, status FROM ticket WHERE"
				   " resident_id = ? AND merged_into_id IS NULL"
				   " ORDER BY created_at DESC, id DESC LIMIT 1", "i", resident_id);
	char body[600];

	res->action = "status";
	if (!st)
		return -1;
	if (db_next(st) == 1) {
		res->ticket_id = db_int(st, 0);
		snprintf(body, sizeof(body), "【%s】您最近的工单%s（%s）当前状态：%s。", company(),
			 db_text(st, 1), db_text(st, 2), outbox_status_text(db_text(st, 3)));
	} else {
		snprintf(body, sizeof(body), "【%s】您目前没有工单。报修请回复“BX+问题描述”，"
			 "例如：BX 暖气不热。", company());
	}
	db_done(st);
	return reply(a, NULL, resident_id, res->ticket_id, body);
}

static int do_unsubscribe(struct smsin_result *res, const struct answer *a,
			  long long resident_id)
{
	char body[300];

	res->action = "unsubscribe";
	if (db_exec("INSERT IGNORE INTO resident_optout (resident_id, via) VALUES (?, ?)",
		    "is", resident_id, a->channel) < 0)
		return -1;
	snprintf(body, sizeof(body), "【%s】已为您退订通知类短信。报修受理、派工等工单进度短信仍会照常发送。",
		 company());
	return reply(a, NULL, resident_id, 0, body);
}

/* A known resident's message: BX, CX, TD, or anything else for an agent (acknowledged at
 * most once an hour by SMS). */
static int keyword_action(struct smsin_result *res, const struct answer *a,
			  long long resident_id, const char *text)
{
	const char *rest = "", *kw = smsin_keyword(text, &rest);
	char body[400], hour[32], key[100];
	time_t now = time(NULL);
	struct tm tm;

	if (!strcmp(kw, "BX"))
		return do_report(res, a, resident_id, rest);
	if (!strcmp(kw, "CX"))
		return do_status(res, a, resident_id);
	if (!strcmp(kw, "TD"))
		return do_unsubscribe(res, a, resident_id);
	res->action = "agent";
	localtime_r(&now, &tm);
	strftime(hour, sizeof(hour), "%Y%m%d%H", &tm);
	snprintf(key, sizeof(key), "ack:%s:%s", a->phone, hour);
	snprintf(body, sizeof(body), "【%s】已收到您的消息，客服人员会尽快回复。报修请回复"
		 "“BX+问题描述”，查询工单进度请回复“CX”。", company());
	return reply(a, key, resident_id, 0, body);
}

int smsin_answer(struct smsin_result *res, char *out, size_t outlen, long long resident_id,
		 const char *phone, const char *channel, const char *text)
{
	struct answer a = { "", phone, channel, out, outlen };

	memset(res, 0, sizeof(*res));
	*out = '\0';
	return keyword_action(res, &a, resident_id, text ? text : "");
}

int smsin_handle(struct smsin_result *res, const char **bad, const char *kannel_id,
		 const char *from, const char *to, const char *text)
{
	char phone[PHONE_MAX + 1], body[400], hour[32], key[100];
	const char *kind = NULL;
	struct answer a = { kannel_id, phone, "sms", NULL, 0 };
	long long ids[2];
	time_t now = time(NULL);
	struct tm tm;
	int n, err = 0;

	memset(res, 0, sizeof(*res));
	*bad = NULL;
	if (!kannel_id || !*kannel_id || strlen(kannel_id) > 64 ||
	    strspn(kannel_id, "0123456789abcdefABCDEF-") != strlen(kannel_id))
		*bad = "hook.err_id";
	else if (!from || phone_normalize(phone, from, &kind) || strcmp(kind, "mobile"))
		*bad = "hook.err_from";
	else if (!text || strlen(text) > SMSIN_TEXT_MAX * 4)
		*bad = "hook.err_text";
	if (*bad)
		return 0;
	if (db_begin())
		return -1;
	if (db_exec("INSERT INTO sms_inbound (kannel_id, sender, receiver, body, action) VALUES"
		    " (?, ?, NULLIF(?, ''), LEFT(?, 1000), 'agent')", "ssss", kannel_id, phone,
		    to ? to : "", text) < 0) {
		db_rollback();
		if (db_errno() == DB_ER_DUP_ENTRY) {
			res->duplicate = 1;
			res->action = "";
			return 0;
		}
		return -1;
	}
	res->inbound_id = (long long)db_insert_id();
	n = resident_find_by_phone(ids, 2, phone);
	if (n < 0) {
		err = -1;
	} else if (n == 0) {
		/* One explanation a day per number: an auto-responder must not start a loop. */
		res->action = "unknown";
		localtime_r(&now, &tm);
		strftime(hour, sizeof(hour), "%Y%m%d", &tm);
		snprintf(key, sizeof(key), "unknown:%s:%s", phone, hour);
		snprintf(body, sizeof(body), "【%s】您好，未查到与本手机号关联的住户信息。报修或咨询请致电"
			 "客服热线，或到物业服务中心登记手机号后回复“BX+问题描述”报修。", company());
		err = reply(&a, key, 0, 0, body);
	} else {
		err = keyword_action(res, &a, ids[0], text);
	}
	if (!err && db_exec("UPDATE sms_inbound SET action = ?, resident_id = NULLIF(?, 0),"
			    " ticket_id = NULLIF(?, 0) WHERE id = ?", "siii", res->action,
			    n > 0 ? ids[0] : 0, res->ticket_id, res->inbound_id) < 0)
		err = -1;
	if (err || db_commit()) {
		db_rollback();
		return -1;
	}
	return 0;
}
