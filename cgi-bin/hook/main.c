/* hook — what Kannel calls through Apache (/hook/kannel/...): delivery reports of the
 * outbox's SMS and inbound SMS from residents.  Only 127.0.0.1 with the instance's hook
 * secret (?k=, tools/wl puts it into Kannel's configuration) gets in; errors are JSON.
 * And the WeChat official account's callback (/hook/wechat, wechat.c), signed by WeChat. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "hook.h"
#include "kit.h"
#include "log.h"
#include "outbox.h"
#include "smsin.h"

/* 0 when the caller is Kannel: the loopback address and the secret; else answers 403. */
static int kannel_or_fail(struct req *r)
{
	char want[AUTH_TOKEN_LEN + 1];
	const char *k = req_query(r, "k");

	auth_mac(want, "kannel-hook", "");
	if (!r->ip || (strcmp(r->ip, "127.0.0.1") && strcmp(r->ip, "::1")) || !k ||
	    !auth_equal(k, want)) {
		log_warn("hook: refused %s from %s (not Kannel)", r->path, r->ip ? r->ip : "?");
		return api_fail(r, 403, "forbidden", "hook.err_forbidden");
	}
	return 0;
}

static void empty_ok(struct req *r)
{
	r->raw_type = "text/plain; charset=utf-8";
	buf_reset(&r->body);
}

/* GET /hook/kannel/dlr?k=&id=<outbox id>&type=<%d>&fid=<%F> */
static int hook_dlr(struct req *r)
{
	long long id = req_int(r, "id", -1, 1, 9223372036854775807LL);
	long long type = req_int(r, "type", -1, 1, 31);
	const char *fid = req_query(r, "fid");
	int status = kannel_or_fail(r), res;

	if (status)
		return status;
	if (id < 1)
		return api_fail(r, 400, "invalid", "hook.err_id");
	if (type < 1)
		return api_fail(r, 400, "invalid", "hook.err_type");
	if (fid && strlen(fid) > 100)
		return api_fail(r, 400, "invalid", "hook.err_fid");
	res = outbox_dlr(id, (int)type, fid);
	if (res < 0)
		return api_fail(r, 500, "database", "err.db");
	if (res == 1)
		return api_fail(r, 404, "not_found", "hook.err_no_message");
	empty_ok(r);
	return 0;
}

/* GET /hook/kannel/mo?k=&from=<%p>&to=<%P>&id=<%I>&text=<%a>: the answer is empty (no
 * reply by Kannel: replies go through the outbox). */
static int hook_mo(struct req *r)
{
	struct smsin_result res;
	const char *bad = NULL;
	int status = kannel_or_fail(r);

	if (status)
		return status;
	if (smsin_handle(&res, &bad, req_query(r, "id"), req_query(r, "from"),
			 req_query(r, "to"), req_query(r, "text")))
		return api_fail(r, 500, "database", "err.db");
	if (bad)
		return api_fail(r, 400, "invalid", bad);
	empty_ok(r);
	return 0;
}

static const struct page pages[] = {
	{ "GET", "/hook/kannel/dlr", NULL, hook_dlr, PAGE_API | PAGE_PUBLIC },
	{ "GET", "/hook/kannel/mo", NULL, hook_mo, PAGE_API | PAGE_PUBLIC },
	{ "GET", "/hook/wechat", NULL, hook_wechat_check, PAGE_PUBLIC },
	{ "POST", "/hook/wechat", NULL, hook_wechat_message, PAGE_PUBLIC | PAGE_NOCSRF },
	{ 0 }
};

static const struct program hook = { "hook", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &hook);
}
