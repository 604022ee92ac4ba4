/* wechat.c — the WeChat official account's server callback (/hook/wechat), plaintext mode.
 *
 * WeChat signs every call: signature = hex SHA-1 of the sorted concatenation of the
 * account's token (WL_WECHAT_TOKEN), timestamp and nonce.  GET is the URL check (answer
 * echostr); POST carries one message as XML (text, image with PicUrl, event), answered
 * within WeChat's 5 seconds by a passive text reply, or "success" for none.  What the
 * messages mean for residents is lib/wechat.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <expat.h>
#include <nettle/sha1.h>

#include "attach.h"
#include "auth.h"
#include "config.h"
#include "hook.h"
#include "log.h"
#include "util.h"
#include "wechat.h"

enum { CLOCK_SKEW = 300, FIELD_MAX = 2048, FETCH_SECONDS = 3 };

static void plain(struct req *r, int status, const char *text)
{
	r->status = status;
	r->raw_type = "text/plain; charset=utf-8";
	buf_reset(&r->body);
	buf_puts(&r->body, text);
}

/* 1 when the query's signature is WeChat's for this account's token. */
static int signed_by_wechat(struct req *r, const char *token)
{
	const char *sig = req_query(r, "signature"), *ts = req_query(r, "timestamp");
	const char *nonce = req_query(r, "nonce"), *v[3] = { token, ts, nonce };
	struct sha1_ctx ctx;
	uint8_t digest[SHA1_DIGEST_SIZE];
	char hex[2 * SHA1_DIGEST_SIZE + 1];
	long long when;

	if (!sig || !ts || !nonce || strlen(ts) > 12 || strlen(nonce) > 64)
		return 0;
	when = strtoll(ts, NULL, 10);
	if (llabs(when - (long long)time(NULL)) > CLOCK_SKEW)
		return 0;	/* an old call played again */
	for (int i = 0; i < 3; i++)	/* sort the three strings */
		for (int j = i + 1; j < 3; j++)
			if (strcmp(v[j], v[i]) < 0) {
				const char *t = v[i];
				v[i] = v[j];
				v[j] = t;
			}
	sha1_init(&ctx);
	for (int i = 0; i < 3; i++)
		sha1_update(&ctx, strlen(v[i]), (const uint8_t *)v[i]);
	sha1_digest(&ctx, sizeof(digest), digest);
	for (int i = 0; i < SHA1_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return auth_equal(sig, hex);
}

/* The token, or NULL after answering: WeChat is not configured, or the call is not
 * WeChat's. */
static const char *wechat_or_fail(struct req *r)
{
	const char *token = config_get("WL_WECHAT_TOKEN", "");

	if (!*token) {
		plain(r, 404, "WeChat is not configured (WL_WECHAT_TOKEN)\n");
		return NULL;
	}
	if (!signed_by_wechat(r, token)) {
		log_warn("hook: WeChat call from %s with a wrong or stale signature",
			 r->ip ? r->ip : "?");
		plain(r, 403, "invalid signature\n");
		return NULL;
	}
	return token;
}

/* GET /hook/wechat?signature=&timestamp=&nonce=&echostr= */
int hook_wechat_check(struct req *r)
{
	const char *echo = req_query(r, "echostr");

	if (!wechat_or_fail(r))
		return 0;
	plain(r, 200, echo ? echo : "");
	return 0;
}

/* The message's fields: the children of <xml>, text only. */
enum { F_TO, F_FROM, F_TIME, F_TYPE, F_CONTENT, F_MSGID, F_PICURL, F_EVENT, F_N };
static const char *const field_names[F_N] = { "ToUserName", "FromUserName", "CreateTime",
					       "MsgType", "Content", "MsgId", "PicUrl", "Event" };
struct parse {
	int depth, field;	/* field: index being read at depth 2, or -1 */
	int bad;
	struct buf v[F_N];
};

static void XMLCALL on_start(void *arg, const XML_Char *name, const XML_Char **attrs)
{
	struct parse *p = arg;

	p->depth++;
	p->field = -1;
	if (p->depth == 1 && strcmp(name, "xml"))
		p->bad = 1;
	if (p->depth != 2)
		return;
	for (int i = 0; i < F_N; i++)
		if (!strcmp(name, field_names[i]))
			p->field = i;
}

static void XMLCALL on_end(void *arg, const XML_Char *name)
{
	struct parse *p = arg;

	p->depth--;
	p->field = -1;
}

static void XMLCALL on_text(void *arg, const XML_Char *s, int len)
{
	struct parse *p = arg;

	if (p->field < 0 || p->depth != 2)
		return;
	if (p->v[p->field].len + (size_t)len > FIELD_MAX)
		p->bad = 1;
	else
		buf_add(&p->v[p->field], s, (size_t)len);
}

static const char *field(const struct parse *p, int i)
{
	return p->v[i].len ? p->v[i].data : "";
}

/* Appends s as CDATA ("]]>" cannot be inside one section). */
static void cdata(struct buf *b, const char *s)
{
	const char *end;

	buf_puts(b, "<![CDATA[");
	while ((end = strstr(s, "]]>"))) {
		buf_add(b, s, (size_t)(end - s) + 2);
		buf_puts(b, "]]><![CDATA[");
		s = end + 2;
	}
	buf_puts(b, s);
	buf_puts(b, "]]>");
}

static size_t on_data(char *data, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;

	if (b->len + size * n > ATTACH_MAX_BYTES)
		return 0;	/* too large: curl stops with an error */
	buf_add(b, data, size * n);
	return size * n;
}

/* Fetches the picture at url (http or https) into b within WeChat's time.  0 or -1. */
static int fetch_picture(struct buf *b, const char *url)
{
	CURL *c;
	CURLcode rc;
	long status = 0;

	if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8))
		return -1;
	c = curl_easy_init();
	if (!c)
		return -1;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)FETCH_SECONDS);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK || status != 200) {
		log_warn("hook: WeChat picture %s: %s (HTTP %ld)", url, curl_easy_strerror(rc),
			 status);
		return -1;
	}
	return 0;
}

/* POST /hook/wechat?signature=&timestamp=&nonce=&openid= with the message's XML. */
int hook_wechat_message(struct req *r)
{
	struct parse p = { 0, -1, 0, { { 0 } } };
	struct wechat_msg m = { 0 };
	struct buf picture, out;
	char reply[WECHAT_REPLY_MAX + 1], msg_id[96];
	XML_Parser x;
	int ok;

	if (!wechat_or_fail(r))
		return 0;
	for (int i = 0; i < F_N; i++)
		buf_init(&p.v[i]);
	x = XML_ParserCreate("UTF-8");
	XML_SetUserData(x, &p);
	XML_SetElementHandler(x, on_start, on_end);
	XML_SetCharacterDataHandler(x, on_text);
	ok = XML_Parse(x, r->input.data ? r->input.data : "", (int)r->input.len, 1) ==
		XML_STATUS_OK && !p.bad;
	XML_ParserFree(x);
	m.openid = field(&p, F_FROM);
	m.type = field(&p, F_TYPE);
	if (!ok || !*m.openid || strlen(m.openid) > 64 || !*field(&p, F_TO) ||
	    (strcmp(m.type, "event") && !*field(&p, F_MSGID))) {
		plain(r, 400, "malformed WeChat message\n");
		goto done;
	}
	/* Events carry no MsgId: WeChat's own advice is openid + CreateTime. */
	snprintf(msg_id, sizeof(msg_id), "%s", field(&p, F_MSGID));
	if (!*msg_id)
		snprintf(msg_id, sizeof(msg_id), "ev:%.64s:%.12s", m.openid, field(&p, F_TIME));
	m.msg_id = msg_id;
	m.text = !strcmp(m.type, "event") ? field(&p, F_EVENT) : field(&p, F_CONTENT);
	buf_init(&picture);
	if (!strcmp(m.type, "image") && !fetch_picture(&picture, field(&p, F_PICURL))) {
		m.image = picture.data;
		m.image_len = picture.len;
	}
	if (wechat_handle(reply, sizeof(reply), &m)) {
		buf_free(&picture);
		plain(r, 500, "database trouble, please retry\n");	/* WeChat retries */
		goto done;
	}
	buf_free(&picture);
	if (!*reply) {
		plain(r, 200, "success");	/* WeChat's "no answer" */
		goto done;
	}
	buf_init(&out);
	buf_puts(&out, "<xml><ToUserName>");
	cdata(&out, m.openid);
	buf_puts(&out, "</ToUserName><FromUserName>");
	cdata(&out, field(&p, F_TO));
	buf_printf(&out, "</FromUserName><CreateTime>%lld</CreateTime><MsgType>",
		   (long long)time(NULL));
	cdata(&out, "text");
	buf_puts(&out, "</MsgType><Content>");
	cdata(&out, reply);
	buf_puts(&out, "</Content></xml>");
	r->status = 200;
	r->raw_type = "application/xml; charset=utf-8";
	buf_reset(&r->body);
	buf_add(&r->body, out.data, out.len);
	buf_free(&out);
done:
	for (int i = 0; i < F_N; i++)
		buf_free(&p.v[i]);
	return 0;
}
