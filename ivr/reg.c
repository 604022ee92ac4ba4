/* reg.c — the registrar for agent desk phones: digest authentication (RFC 2617, MD5,
 * qop=auth) against the staff account's extension, bindings in memory (what calls use)
 * and in sip_registration (what the web shows).
 *
 * staff.sip_ha1 holds MD5(extension ":" realm ":" password), the only secret digest
 * needs: the password itself is never stored, never logged.  The credential lookup runs
 * on the database worker; the REGISTER is answered when its result comes back.  Nonces
 * are stateless: hex time + MD5(secret, time), valid for NONCE_TTL seconds. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "ivrd.h"

enum {
	NONCE_TTL = 300,
	EXPIRES_MIN = 60,
	EXPIRES_MAX = 3600,
	EXPIRES_DEFAULT = 600,
	SWEEP_MS = 5000,
	MAX_PENDING = 256,
};

/* A REGISTER waiting for its credential lookup. */
struct pending {
	struct le le;
	struct sip_msg *msg;	/* referenced: the digest fields point into it */
	struct httpauth_digest_resp resp;
	char ext[17];
	char src[64];
};

static struct list bindings;
static struct list pendings;
static uint8_t secret[16];
static struct tmr sweep_tmr;
static bool open_;

const struct list *reg_list(void)
{
	return &bindings;
}

struct reg_binding *reg_find(const char *ext)
{
	for (struct le *le = bindings.head; le; le = le->next) {
		struct reg_binding *b = le->data;
		if (!strcmp(b->ext, ext))
			return b;
	}
	return NULL;
}

static void binding_destructor(void *arg)
{
	struct reg_binding *b = arg;

	list_unlink(&b->le);
	mem_deref(b->contact);
	mem_deref(b->ua);
}

static void pending_destructor(void *arg)
{
	struct pending *p = arg;

	list_unlink(&p->le);
	mem_deref(p->msg);
}

static void nonce_make(char *out, size_t len, uint64_t t)
{
	uint8_t md[MD5_SIZE];

	md5_printf(md, "%w:%llx", secret, sizeof(secret), (unsigned long long)t);
	re_snprintf(out, len, "%08llx%w", (unsigned long long)t, md, (size_t)8);
}

/* 0 when the nonce is ours and fresh, ETIMEDOUT when ours but stale, else EINVAL. */
static int nonce_check(const struct pl *nonce)
{
	char want[64];
	uint64_t t;

	if (nonce->l != 24)
		return EINVAL;
	t = pl_x64(&(struct pl){ nonce->p, 8 });
	nonce_make(want, sizeof(want), t);
	if (pl_strcmp(nonce, want))
		return EINVAL;
	return (uint64_t)time(NULL) > t + NONCE_TTL ? ETIMEDOUT : 0;
}

static void challenge(const struct sip_msg *msg, bool stale)
{
	char nonce[64];

	nonce_make(nonce, sizeof(nonce), (uint64_t)time(NULL));
	(void)sip_treplyf(NULL, NULL, sip_stack(), msg, false, 401, "Unauthorized",
			  "WWW-Authenticate: Digest realm=\"%s\", nonce=\"%s\", qop=\"auth\", "
			  "algorithm=MD5%s\r\nContent-Length: 0\r\n\r\n",
			  ivr_conf.realm, nonce, stale ? ", stale=true" : "");
}

static void src_str(char *out, size_t len, const struct sip_msg *msg)
{
	re_snprintf(out, len, "%J/%s", &msg->src, sip_transp_name(msg->tp));
}

/* Extensions are 2 to 16 digits. */
static bool ext_valid(const struct pl *user)
{
	if (user->l < 2 || user->l > 16)
		return false;
	for (size_t i = 0; i < user->l; i++)
		if (user->p[i] < '0' || user->p[i] > '9')
			return false;
	return true;
}

bool reg_handle(const struct sip_msg *msg)
{
	const struct sip_hdr *auth;
	struct pending *p;
	char src[64];
	int err;

	src_str(src, sizeof(src), msg);
	if (!open_) {
		(void)sip_treply(NULL, sip_stack(), msg, 503, "Service Unavailable");
		return true;
	}
	if (!ext_valid(&msg->to.uri.user)) {
		log_warn("reg: REGISTER from %s for '%.*s' refused: not an extension", src,
			 (int)(msg->to.uri.user.l > 32 ? 32 : msg->to.uri.user.l),
			 msg->to.uri.user.p ? msg->to.uri.user.p : "");
		(void)sip_treply(NULL, sip_stack(), msg, 404, "Not Found");
		return true;
	}
	auth = sip_msg_hdr(msg, SIP_HDR_AUTHORIZATION);
	if (!auth) {
		challenge(msg, false);
		return true;
	}
	if (list_count(&pendings) >= MAX_PENDING) {
		(void)sip_treply(NULL, sip_stack(), msg, 503, "Service Unavailable");
		return true;
	}
	p = mem_zalloc(sizeof(*p), pending_destructor);
	if (!p)
		return true;
	p->msg = mem_ref((void *)msg);
	err = httpauth_digest_response_decode(&p->resp, &auth->val);
	if (err || pl_strcmp(&p->resp.realm, ivr_conf.realm) ||
	    pl_cmp(&p->resp.username, &msg->to.uri.user)) {
		log_warn("reg: REGISTER from %s for %.*s refused: malformed digest, other realm "
			 "or user", src, (int)msg->to.uri.user.l, msg->to.uri.user.p);
		(void)sip_treply(NULL, sip_stack(), msg, 403, "Forbidden");
		mem_deref(p);
		return true;
	}
	err = nonce_check(&p->resp.nonce);
	if (err) {
		challenge(msg, err == ETIMEDOUT);
		mem_deref(p);
		return true;
	}
	pl_strcpy(&msg->to.uri.user, p->ext, sizeof(p->ext));
	snprintf(p->src, sizeof(p->src), "%s", src);
	list_append(&pendings, &p->le, p);
	dbw_auth_lookup(p->ext, p);
	return true;
}

static bool digest_ok(const struct pending *p, const char *ha1)
{
	const struct httpauth_digest_resp *r = &p->resp;
	uint8_t ha2[MD5_SIZE], d[MD5_SIZE];
	char hex[MD5_STR_SIZE];

	if (md5_printf(ha2, "%r:%r", &p->msg->met, &r->uri))
		return false;
	if (pl_isset(&r->qop)) {
		if (md5_printf(d, "%s:%r:%r:%r:%r:%w", ha1, &r->nonce, &r->nc, &r->cnonce,
			       &r->qop, ha2, sizeof(ha2)))
			return false;
	} else if (md5_printf(d, "%s:%r:%w", ha1, &r->nonce, ha2, sizeof(ha2))) {
		return false;
	}
	re_snprintf(hex, sizeof(hex), "%w", d, sizeof(d));
	return pl_strcasecmp(&r->response, hex) == 0;
}

/* The first Contact's URI and its expires parameter (or the Expires header). */
static int contact_get(const struct sip_msg *msg, struct pl *uri, uint32_t *expires,
		       bool *star)
{
	const struct sip_hdr *h = sip_msg_hdr(msg, SIP_HDR_CONTACT);
	struct sip_addr addr;
	struct pl ev;

	*expires = pl_isset(&msg->expires) ? pl_u32(&msg->expires) : EXPIRES_DEFAULT;
	*star = false;
	if (!h)
		return ENOENT;
	if (!pl_strcmp(&h->val, "*")) {
		*star = true;
		return 0;
	}
	if (sip_addr_decode(&addr, &h->val))
		return EBADMSG;
	if (!msg_param_decode(&addr.params, "expires", &ev))
		*expires = pl_u32(&ev);
	*uri = addr.auri;
	return 0;
}

static void binding_set(struct pending *p, unsigned long long staff_id, const struct pl *uri,
			uint32_t expires)
{
	const struct sip_msg *msg = p->msg;
	const struct sip_hdr *ua = sip_msg_hdr(msg, SIP_HDR_USER_AGENT);
	struct reg_binding *b = reg_find(p->ext);
	bool is_new = !b;

	if (!b) {
		b = mem_zalloc(sizeof(*b), binding_destructor);
		if (!b)
			return;
		snprintf(b->ext, sizeof(b->ext), "%s", p->ext);
		list_append(&bindings, &b->le, b);
	}
	b->contact = mem_deref(b->contact);
	b->ua = mem_deref(b->ua);
	pl_strdup(&b->contact, uri);
	if (ua)
		pl_strdup(&b->ua, &ua->val);
	b->staff_id = staff_id;
	b->src = msg->src;
	b->tp = msg->tp;
	b->expires = tmr_jiffies() + (uint64_t)expires * 1000;
	if (is_new)
		log_info("reg: extension %s registered from %s (staff %llu, %u s)", b->ext,
			 p->src, staff_id, expires);
	dbw_reg_upsert(b->ext, staff_id, b->contact, p->src, b->ua, expires);
	acd_phone_registered();	/* a ready agent's phone may take a waiting caller now */
}

static void binding_remove(const char *ext, const char *why)
{
	struct reg_binding *b = reg_find(ext);

	if (!b)
		return;
	log_info("reg: extension %s unregistered (%s)", ext, why);
	dbw_reg_delete(ext);
	mem_deref(b);
}

static void registered(struct pending *p, unsigned long long staff_id)
{
	const struct sip_msg *msg = p->msg;
	struct pl uri = PL_INIT;
	uint32_t expires;
	bool star;
	struct reg_binding *b;
	int err = contact_get(msg, &uri, &expires, &star);

	if (err == EBADMSG) {
		(void)sip_treply(NULL, sip_stack(), msg, 400, "Bad Contact");
		return;
	}
	if (!err && (star || expires == 0)) {
		binding_remove(p->ext, "by the phone");
		(void)sip_treplyf(NULL, NULL, sip_stack(), msg, false, 200, "OK",
				  "Content-Length: 0\r\n\r\n");
		return;
	}
	if (!err) {
		if (expires < EXPIRES_MIN) {
			(void)sip_treplyf(NULL, NULL, sip_stack(), msg, false, 423,
					  "Interval Too Brief", "Min-Expires: %u\r\n"
					  "Content-Length: 0\r\n\r\n", (unsigned)EXPIRES_MIN);
			return;
		}
		if (expires > EXPIRES_MAX)
			expires = EXPIRES_MAX;
		binding_set(p, staff_id, &uri, expires);
	}
	b = reg_find(p->ext);
	if (b) {
		uint64_t now = tmr_jiffies();
		unsigned left = b->expires > now ? (unsigned)((b->expires - now) / 1000) : 0;
		(void)sip_treplyf(NULL, NULL, sip_stack(), msg, false, 200, "OK",
				  "Contact: <%s>;expires=%u\r\nContent-Length: 0\r\n\r\n",
				  b->contact, left);
	} else {
		(void)sip_treplyf(NULL, NULL, sip_stack(), msg, false, 200, "OK",
				  "Content-Length: 0\r\n\r\n");
	}
}

void reg_auth_result(void *req, unsigned long long staff_id, const char *ha1,
		     const char *realm, bool active)
{
	struct pending *p = NULL;

	for (struct le *le = pendings.head; le; le = le->next)
		if (le->data == req)
			p = le->data;
	if (!p)
		return;	/* dropped meanwhile (shutdown) */
	if (!staff_id || !active || strlen(ha1) != 32) {
		log_warn("reg: REGISTER from %s for extension %s refused: %s", p->src, p->ext,
			 !staff_id ? "no such extension" : !active ? "account disabled"
								: "no SIP password set");
		(void)sip_treply(NULL, sip_stack(), p->msg, 403, "Forbidden");
	} else if (strcmp(realm, ivr_conf.realm)) {
		log_warn("reg: REGISTER from %s for extension %s refused: its SIP password was "
			 "set for realm '%s', ivrd uses '%s' (set the password again)", p->src,
			 p->ext, realm, ivr_conf.realm);
		(void)sip_treply(NULL, sip_stack(), p->msg, 403, "Forbidden");
	} else if (!digest_ok(p, ha1)) {
		log_warn("reg: REGISTER from %s for extension %s refused: wrong password", p->src,
			 p->ext);
		(void)sip_treply(NULL, sip_stack(), p->msg, 403, "Forbidden");
	} else {
		registered(p, staff_id);
	}
	mem_deref(p);
}

static void sweep(void *arg)
{
	uint64_t now = tmr_jiffies();
	struct le *le = bindings.head;

	(void)arg;
	while (le) {
		struct reg_binding *b = le->data;

		le = le->next;
		if (b->expires <= now)
			binding_remove(b->ext, "expired");
	}
	tmr_start(&sweep_tmr, SWEEP_MS, sweep, NULL);
}

int reg_init(void)
{
	list_init(&bindings);
	list_init(&pendings);
	rand_bytes(secret, sizeof(secret));
	tmr_init(&sweep_tmr);
	tmr_start(&sweep_tmr, SWEEP_MS, sweep, NULL);
	dbw_reg_clear();
	open_ = true;
	return 0;
}

/* Forgets every binding (the table rows go too: phones register again after a restart). */
void reg_close(void)
{
	if (!open_)
		return;
	open_ = false;
	tmr_cancel(&sweep_tmr);
	list_flush(&pendings);
	list_flush(&bindings);
	dbw_reg_clear();
}
