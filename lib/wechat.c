/* wechat.c — residents through the WeChat official account (wechat.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "attach.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "org.h"
#include "outbox.h"
#include "resident.h"
#include "smsin.h"
#include "ticket.h"
#include "wechat.h"

enum {
	CODE_TTL = 300,		/* seconds a code is valid */
	CODE_TRIES = 5,		/* wrong codes before it is void */
	CODE_GAP = 60,		/* seconds between two codes for one WeChat user */
	CODE_HOURLY = 5,	/* codes an hour for one WeChat user */
	CODE_PER_PHONE = 3,	/* WeChat users an hour asking for one number */
};

/* What handling one message did, for wechat_inbound. */
struct outcome {
	const char *action;
	long long resident_id, ticket_id;
	char *out;
	size_t outlen;
};

static const char *company(void)
{
	return config_get("WL_COMPANY", "暖线");
}

static void say(struct outcome *o, const char *action, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(struct outcome *o, const char *action, const char *fmt, ...)
{
	va_list ap;

	o->action = action;
	va_start(ap, fmt);
	vsnprintf(o->out, o->outlen, fmt, ap);
	va_end(ap);
}

/* "139****5678" */
static void mask_phone(char *out, size_t len, const char *phone)
{
	size_t n = strlen(phone);

	if (n < 8)
		snprintf(out, len, "%s", phone);
	else
		snprintf(out, len, "%.3s****%s", phone, phone + n - 4);
}

static void code_mac(char *out, const char *openid, const char *phone, const char *code)
{
	char msg[160];

	snprintf(msg, sizeof(msg), "%s\n%s\n%s", openid, phone, code);
	auth_mac(out, "wechat-code", msg);
}

/* The argument of a binding request ("绑定 139...", "BD 139...") or NULL. */
static const char *bind_request(const char *text)
{
	static const char *const words[] = { "绑定", "BD", "bd", "Bd", NULL };

	while (*text == ' ')
		text++;
	for (int i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);

		if (strncmp(text, words[i], n))
			continue;
		text += n;
		while (*text == ' ' || *text == ':' || !strncmp(text, "\xEF\xBC\x9A", 3))
			text += *text == ' ' || *text == ':' ? 1 : 3;	/* also ： */
		return text;
	}
	return NULL;
}

static int is_code(const char *text)
{
	while (*text == ' ')
		text++;
	for (int i = 0; i < 6; i++)
		if (text[i] < '0' || text[i] > '9')
			return 0;
	return text[6] == '\0' || text[6] == ' ' || text[6] == '\n';
}

/* "绑定 <number>": a code by SMS when the number is a resident's; the same answer when not. */
static int do_bind_request(struct outcome *o, const char *openid, const char *arg)
{
	char phone[PHONE_MAX + 1], masked[24], code[8], mac[AUTH_TOKEN_LEN + 1], body[300],
		key[100];
	const char *kind = NULL;
	long long ids[1], recent, asked;
	int n;

	if (phone_normalize(phone, arg, &kind) || strcmp(kind, "mobile")) {
		say(o, "bind_failed", "请发送“绑定+手机号”，例如：绑定 13912345678（请使用在物业登记的手机号）。");
		return 0;
	}
	recent = db_int_query(-1, "SELECT IFNULL(code_sent_at > UTC_TIMESTAMP() - INTERVAL ?"
			      " SECOND, 0) FROM wechat_user WHERE openid = ?", "is", (long long)CODE_GAP,
			      openid);
	asked = db_int_query(-1, "SELECT COUNT(*) FROM wechat_inbound WHERE openid = ? AND"
			     " action = 'bind_request' AND created_at > UTC_TIMESTAMP() -"
			     " INTERVAL 1 HOUR", "s", openid);
	if (recent < 0 || asked < 0)
		return -1;
	if (recent == 1 || asked >= CODE_HOURLY) {
		say(o, "bind_failed", "验证码发送过于频繁，请%s后再试。", recent == 1 ? "1分钟" : "1小时");
		return 0;
	}
	asked = db_int_query(-1, "SELECT COUNT(*) FROM wechat_user WHERE code_phone = ? AND"
			     " openid <> ? AND code_sent_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR",
			     "ss", phone, openid);
	if (asked < 0)
		return -1;
	if (asked >= CODE_PER_PHONE) {
		say(o, "bind_failed", "这个号码的验证码请求过多，请1小时后再试。");
		return 0;
	}
	n = resident_find_by_phone(ids, 1, phone);
	if (n < 0)
		return -1;
	snprintf(code, sizeof(code), "%06u", (unsigned)randombytes_uniform(1000000));
	code_mac(mac, openid, phone, code);
	/* An unknown number gets no SMS and no code that could ever match. */
	if (db_exec("UPDATE wechat_user SET code_hash = ?, code_phone = ?, code_expires_at ="
		    " UTC_TIMESTAMP() + INTERVAL ? SECOND, code_tries = 0, code_sent_at ="
		    " UTC_TIMESTAMP() WHERE openid = ?", "ssis", n > 0 ? mac : "", phone,
		    (long long)CODE_TTL, openid) < 0)
		return -1;
	if (n > 0) {
		struct outbox_msg m = { .channel = "sms", .recipient = phone, .body = body,
					.event = "reply", .resident_id = ids[0], .essential = 1 };

		snprintf(body, sizeof(body), "【%s】您的微信绑定验证码是%s，%d分钟内有效。如非本人操作，"
			 "请忽略本短信。", company(), code, CODE_TTL / 60);
		snprintf(key, sizeof(key), "wx:code:%s:%lld", phone, (long long)time(NULL));
		m.key = key;
		if (outbox_enqueue(NULL, &m) < 0)
			return -1;
	}
	mask_phone(masked, sizeof(masked), phone);
	say(o, "bind_request", "验证码已发送到%s（如果这个号码已在物业登记），请在%d分钟内直接回复6位验证码。",
	    masked, CODE_TTL / 60);
	return 0;
}

/* Six digits typed back. */
static int do_bind(struct outcome *o, const char *openid, const char *text)
{
	struct stmt *st = db_query("SELECT code_hash, code_phone, code_tries,"
				   " code_expires_at > UTC_TIMESTAMP() FROM wechat_user"
				   " WHERE openid = ? FOR UPDATE", "s", openid);
	char hash[AUTH_TOKEN_LEN + 1] = "", phone[PHONE_MAX + 1] = "", code[7], mac[AUTH_TOKEN_LEN + 1];
	long long tries = 0, live = 0, ids[1];
	int n;

	if (!st)
		return -1;
	if (db_next(st) == 1 && db_text(st, 1)) {
		snprintf(hash, sizeof(hash), "%s", db_text(st, 0) ? db_text(st, 0) : "");
		snprintf(phone, sizeof(phone), "%s", db_text(st, 1));
		tries = db_int(st, 2);
		live = db_int(st, 3);
	}
	db_done(st);
	while (*text == ' ')
		text++;
	snprintf(code, sizeof(code), "%.6s", text);
	if (!*phone || !live) {
		say(o, "bind_failed", "验证码已过期或不存在，请重新发送“绑定+手机号”获取验证码。");
		return 0;
	}
	if (tries >= CODE_TRIES) {
		say(o, "bind_failed", "验证码错误次数过多，请重新发送“绑定+手机号”获取新的验证码。");
		return 0;
	}
	code_mac(mac, openid, phone, code);
	if (!*hash || !auth_equal(hash, mac)) {
		if (db_exec("UPDATE wechat_user SET code_tries = code_tries + 1 WHERE openid = ?",
			    "s", openid) < 0)
			return -1;
		say(o, "bind_failed", "验证码不正确，还可以再试%lld次。", CODE_TRIES - tries - 1);
		return 0;
	}
	n = resident_find_by_phone(ids, 1, phone);
	if (n < 0)
		return -1;
	if (n == 0) {	/* the number left the resident since the code was sent */
		say(o, "bind_failed", "未查到与这个手机号关联的住户，请联系物业服务中心。");
		return 0;
	}
	if (db_exec("UPDATE wechat_user SET resident_id = ?, phone = ?, bound_at = UTC_TIMESTAMP(),"
		    " code_hash = NULL, code_phone = NULL, code_expires_at = NULL, code_tries = 0"
		    " WHERE openid = ?", "iss", ids[0], phone, openid) < 0)
		return -1;
	o->resident_id = ids[0];
	say(o, "bind", "绑定成功！以后可以直接在这里报修和查询：回复“BX+问题描述”报修，回复“CX”查询"
	    "最近工单的进度，发送照片会添加到您最近的报修单。回复“解绑”可解除绑定。");
	return 0;
}

/* A picture from a bound resident: onto their latest open work order. */
static int do_photo(struct outcome *o, long long resident_id, const struct wechat_msg *m)
{
	struct stmt *st = db_query("SELECT id, number FROM ticket WHERE resident_id = ? AND"
				   " merged_into_id IS NULL AND status IN " TICKET_OPEN_SQL
				   " ORDER BY created_at DESC, id DESC LIMIT 1", "i", resident_id);
	char number[TICKET_NUMBER_MAX + 1] = "", sha[65], mime[64];
	struct org_actor who = { 0, "wechat" };
	struct org_errors e = { 0 };
	long long id = 0, att = 0;
	const char *bad;

	if (!st)
		return -1;
	if (db_next(st) == 1) {
		id = db_int(st, 0);
		snprintf(number, sizeof(number), "%s", db_text(st, 1));
	}
	db_done(st);
	if (!id) {
		say(o, "photo_failed", "您目前没有进行中的报修单。请先回复“BX+问题描述”报修，再发送照片。");
		return 0;
	}
	o->ticket_id = id;
	if (!m->image) {
		say(o, "photo_failed", "照片没有收到，请稍后重新发送。");
		return 0;
	}
	bad = attach_store(sha, mime, m->image, m->image_len);
	if (bad) {
		say(o, "photo_failed", "%s", !strcmp(bad, "attach.err_size") ?
		    "照片太大了，请压缩后重新发送。" : "这个文件不是可以识别的照片，请重新发送。");
		return 0;
	}
	switch (ticket_attach(&att, &e, &who, id, sha, (long long)m->image_len, mime,
			      "wechat.jpg")) {
	case ORG_OK:
		say(o, "photo", "照片已添加到工单%s，维修师傅出发前会看到。", number);
		return 0;
	case ORG_DB:
		return -1;
	default:
		say(o, "photo_failed", "照片没能添加到工单%s，请稍后重试或致电客服。", number);
		return 0;
	}
}

static int dispatch(struct outcome *o, const struct wechat_msg *m)
{
	struct stmt *st;
	char phone[PHONE_MAX + 1] = "";
	const char *arg, *text = m->text ? m->text : "";
	long long resident = 0;

	if (db_exec("INSERT IGNORE INTO wechat_user (openid) VALUES (?)", "s", m->openid) < 0)
		return -1;
	st = db_query("SELECT u.resident_id, u.phone FROM wechat_user u JOIN resident r ON"
		      " r.id = u.resident_id AND r.merged_into_id IS NULL WHERE u.openid = ?",
		      "s", m->openid);
	if (!st)
		return -1;
	if (db_next(st) == 1) {
		resident = db_int(st, 0);
		snprintf(phone, sizeof(phone), "%s", db_text(st, 1) ? db_text(st, 1) : "");
	}
	db_done(st);
	o->resident_id = resident;

	if (!strcmp(m->type, "event")) {
		if (strcmp(text, "subscribe")) {
			o->action = "event";
			return 0;	/* unsubscribe, menu clicks...: nothing to say */
		}
		if (resident)
			say(o, "subscribe", "欢迎回来！回复“BX+问题描述”报修，回复“CX”查询工单进度。");
		else
			say(o, "subscribe", "欢迎关注%s！请先绑定您在物业登记的手机号：回复“绑定+手机号”，"
			    "例如：绑定 13912345678。", company());
		return 0;
	}
	if (!strcmp(m->type, "text") && (arg = bind_request(text)))
		return do_bind_request(o, m->openid, arg);
	if (!strcmp(m->type, "text") && is_code(text) && !resident)
		return do_bind(o, m->openid, text);
	if (!resident) {
		say(o, "unbound", "请先绑定您在物业登记的手机号：回复“绑定+手机号”，例如：绑定 13912345678。"
		    "绑定后即可报修、查询进度和发送照片。");
		return 0;
	}
	if (!strcmp(m->type, "image"))
		return do_photo(o, resident, m);
	if (strcmp(m->type, "text")) {
		say(o, "unsupported", "暂时只能处理文字和照片消息。报修请回复“BX+问题描述”。");
		return 0;
	}
	if (!strcmp(text, "解绑")) {
		if (db_exec("UPDATE wechat_user SET resident_id = NULL, phone = NULL, bound_at = NULL"
			    " WHERE openid = ?", "s", m->openid) < 0)
			return -1;
		say(o, "unbind", "已解除绑定。需要时可回复“绑定+手机号”重新绑定。");
		return 0;
	}
	{
		struct smsin_result res;

		if (smsin_answer(&res, o->out, o->outlen, resident, phone, "wechat", text))
			return -1;
		o->action = res.action;
		o->ticket_id = res.ticket_id;
	}
	return 0;
}

int wechat_handle(char *out, size_t outlen, const struct wechat_msg *m)
{
	struct outcome o = { "agent", 0, 0, out, outlen };
	long long id;

	const char *text = m->text ? m->text : "";

	*out = '\0';
	if (db_begin())
		return -1;
	/* A binding code typed back is never kept in clear. */
	if (!strcmp(m->type, "text") && is_code(text))
		text = "（验证码）";
	if (db_exec("INSERT INTO wechat_inbound (msg_id, openid, msg_type, body) VALUES"
		    " (?, ?, ?, LEFT(?, 1000))", "ssss", m->msg_id, m->openid, m->type, text) < 0) {
		struct stmt *st;

		db_rollback();
		if (db_errno() != DB_ER_DUP_ENTRY)
			return -1;
		/* WeChat's retry of a message handled already: the same answer again. */
		st = db_query("SELECT reply FROM wechat_inbound WHERE msg_id = ?", "s", m->msg_id);
		if (!st)
			return -1;
		if (db_next(st) == 1)
			snprintf(out, outlen, "%s", db_text(st, 0));
		db_done(st);
		return 0;
	}
	id = (long long)db_insert_id();
	if (dispatch(&o, m) || db_exec("UPDATE wechat_inbound SET action = ?, resident_id ="
				       " NULLIF(?, 0), ticket_id = NULLIF(?, 0), reply = LEFT(?, 1000)"
				       " WHERE id = ?", "siisi", o.action, o.resident_id,
				       o.ticket_id, out, id) < 0 || db_commit()) {
		db_rollback();
		*out = '\0';
		return -1;
	}
	return 0;
}
