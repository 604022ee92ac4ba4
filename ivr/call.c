/* call.c — calls: one object per call with a caller leg (the trunk side) and an optional
 * agent leg, a small state machine, the built-in IVR (prompt, digits, 0 for an agent), the
 * two-leg bridge, and the CDR and call events written through the database worker.
 *
 *   IVR --digit 0 / ctl bridge--> RINGING --agent answers--> BRIDGED
 *    ^                               |
 *    +------ agent declines ---------+         any hang-up: the other leg gets BYE, CDR
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "ivrd.h"

enum call_state { CS_IVR, CS_RINGING, CS_BRIDGED };

static const char *state_names[] = { "ivr", "ringing", "bridged" };

struct call;

struct leg {
	struct call *call;
	struct sipsess *sess;
	struct media *media;
	struct sdp_session *sdp;
	struct sdp_media *sdpm;
	bool established;
	bool agent;
};

struct call {
	struct le le;
	unsigned id;
	enum call_state state;
	struct leg *caller;
	struct leg *agent;
	struct bridge *bridge;
	char from[33], to[33];
	char *sip_callid;
	char started[32], agent_answered[32];
	uint64_t t_start, t_wait, t_talk;	/* tmr_jiffies() */
	char digits[65];
	char agent_ext[17];
	unsigned long long agent_id;
	char *rec_path;		/* relative to WL_VAR */
	const char *prompt;	/* playing to the caller */
	struct tmr tmr;		/* idle timeout in the IVR; deferred end */
	bool ended;
};

static struct list calls;
static unsigned next_id = 1;
static bool accepting;
static char default_agent[17];

static void call_end(struct call *c, const char *who);

/* A caller number or URI user as shown and stored: printable, no spaces, 32 bytes. */
static void user_copy(char *out, size_t len, const struct pl *pl)
{
	size_t n = 0;

	for (size_t i = 0; pl && pl->p && i < pl->l && n + 1 < len; i++) {
		char ch = pl->p[i];
		out[n++] = (ch > ' ' && ch < 127) ? ch : '?';
	}
	out[n] = '\0';
	if (!n && len > 1)
		snprintf(out, len, "anonymous");
}

static void event(struct call *c, const char *ev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void event(struct call *c, const char *ev, const char *fmt, ...)
{
	char detail[256] = "";
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(detail, sizeof(detail), fmt, ap);
		va_end(ap);
	}
	log_info("call %u: %s%s%s", c->id, ev, detail[0] ? " " : "", detail);
	dbw_call_event(c->id, ev, detail[0] ? detail : NULL);
}

static void prompt_done(void *arg)
{
	struct call *c = arg;

	event(c, "prompt_end", "%s", c->prompt ? c->prompt : "");
	c->prompt = NULL;
}

/* Plays a prompt to the caller; a missing or unusable one is a call event, not an error. */
static void play(struct call *c, const char *name)
{
	if (media_play(c->caller->media, name, prompt_done, c)) {
		event(c, "prompt_missing", "%s", name);
		return;
	}
	c->prompt = name;
	event(c, "prompt", "%s", name);
}

/* ---- legs */

static void leg_destructor(void *arg)
{
	struct leg *l = arg;

	mem_deref(l->sess);	/* sends BYE (or CANCEL) when still up */
	mem_deref(l->media);
	mem_deref(l->sdp);
}

static void dtmf_handler(char digit, enum dtmf_src src, void *arg);

static int leg_alloc(struct leg **lp, struct call *c, bool agent)
{
	struct sa laddr = ivr_conf.rtp_laddr;
	struct leg *l;
	int err;

	l = mem_zalloc(sizeof(*l), leg_destructor);
	if (!l)
		return ENOMEM;
	l->call = c;
	l->agent = agent;
	err = media_alloc(&l->media, dtmf_handler, l);
	if (err)
		goto out;
	sa_set_port(&laddr, media_lport(l->media));
	err = sdp_session_alloc(&l->sdp, &laddr);
	if (err)
		goto out;
	err = sdp_media_add(&l->sdpm, l->sdp, sdp_media_audio, sa_port(&laddr), sdp_proto_rtpavp);
	err |= sdp_format_add(NULL, l->sdpm, false, "0", "PCMU", MEDIA_SRATE, 1, NULL, NULL,
			      NULL, false, NULL);
	err |= sdp_format_add(NULL, l->sdpm, false, "8", "PCMA", MEDIA_SRATE, 1, NULL, NULL,
			      NULL, false, NULL);
	err |= sdp_format_add(NULL, l->sdpm, false, "101", telev_rtpfmt, MEDIA_SRATE, 1, NULL,
			      NULL, NULL, false, "0-15");
	err |= sdp_media_set_lattr(l->sdpm, true, sdp_attr_ptime, "%u", MEDIA_PTIME);
out:
	if (err)
		mem_deref(l);
	else
		*lp = l;
	return err;
}

/* After an offer or answer was decoded: the first G.711 format the peer listed, its
 * telephone-event payload type, and where to send. */
static int leg_media_update(struct leg *l)
{
	const struct list *rl = sdp_media_format_lst(l->sdpm, false);
	int pt = -1, tev = -1;

	for (struct le *le = rl ? rl->head : NULL; le; le = le->next) {
		const struct sdp_format *f = le->data;

		if (pt < 0 && (f->pt == 0 || f->pt == 8))
			pt = f->pt;
		if (tev < 0 && f->name && !str_casecmp(f->name, telev_rtpfmt) &&
		    f->srate == MEDIA_SRATE)
			tev = f->pt;
	}
	if (pt < 0 || !sdp_media_rport(l->sdpm))
		return EPROTO;
	media_set_remote(l->media, sdp_media_raddr(l->sdpm), pt, tev);
	return 0;
}

static int offer_handler(struct mbuf **descp, const struct sip_msg *msg, void *arg)
{
	struct leg *l = arg;
	int err;

	err = sdp_decode(l->sdp, msg->mb, true);
	if (!err)
		err = leg_media_update(l);
	if (err)
		return err;
	return sdp_encode(descp, l->sdp, false);
}

static int answer_handler(const struct sip_msg *msg, void *arg)
{
	struct leg *l = arg;
	int err;

	err = sdp_decode(l->sdp, msg->mb, false);
	if (!err)
		err = leg_media_update(l);
	if (err)
		log_warn("call %u: %s sent an SDP answer without G.711", l->call->id,
			 l->agent ? "agent" : "caller");
	return err;
}

static void bridge_start(struct call *c);

static void estab_handler(const struct sip_msg *msg, void *arg)
{
	struct leg *l = arg;
	struct call *c = l->call;

	(void)msg;
	l->established = true;
	if (l->agent && c->state == CS_RINGING)
		bridge_start(c);
}

/* SIP INFO with application/dtmf-relay ("Signal=5"): a third way phones send digits. */
static void info_handler(struct sip *sip, const struct sip_msg *msg, void *arg)
{
	struct leg *l = arg;
	struct pl sig;

	if (msg_ctype_cmp(&msg->ctyp, "application", "dtmf-relay") &&
	    !re_regex((const char *)mbuf_buf(msg->mb), mbuf_get_left(msg->mb),
		      "Signal[ ]*=[ ]*[0-9*#A-D]1", NULL, NULL, &sig)) {
		(void)sip_reply(sip, msg, 200, "OK");
		dtmf_handler(sig.p[0], DTMF_RFC4733, l);
		return;
	}
	(void)sip_reply(sip, msg, 488, "Not Acceptable Here");
}

static void close_handler(int err, const struct sip_msg *msg, void *arg)
{
	struct leg *l = arg;
	struct call *c = l->call;
	char why[64];

	if (msg)
		snprintf(why, sizeof(why), "%u %.*s", msg->scode, (int)msg->reason.l,
			 msg->reason.p);
	else
		snprintf(why, sizeof(why), "%s", err == ECONNRESET ? "BYE" : strerror(err));
	if (l->agent && c->state == CS_RINGING) {
		event(c, "agent_failed", "%s %s", c->agent_ext, why);
		c->agent = mem_deref(c->agent);
		c->state = CS_IVR;
		c->t_wait = 0;
		play(c, "welcome");
		return;
	}
	l->sess = mem_deref(l->sess);	/* already closed: no BYE */
	call_end(c, l->agent ? "agent" : (msg ? why : "caller"));
}

/* ---- the built-in IVR */

static void idle_timeout(void *arg)
{
	struct call *c = arg;

	event(c, "timeout", "no input for %u s", ivr_conf.idle_timeout);
	call_end(c, "timeout");
}

static void idle_restart(struct call *c)
{
	if (ivr_conf.idle_timeout && c->state == CS_IVR)
		tmr_start(&c->tmr, (uint64_t)ivr_conf.idle_timeout * 1000, idle_timeout, c);
	else
		tmr_cancel(&c->tmr);
}

static int call_bridge(struct call *c, const char *ext, const char **reason);

static void dtmf_handler(char digit, enum dtmf_src src, void *arg)
{
	struct leg *l = arg;
	struct call *c = l->call;
	size_t n = strlen(c->digits);
	const char *reason;
	const char *target;

	event(c, "dtmf", "%c %s %s", digit, src == DTMF_INBAND ? "inband" : "rfc4733",
	      l->agent ? "agent" : "caller");
	if (l->agent)
		return;
	if (n + 1 < sizeof(c->digits)) {
		c->digits[n] = digit;
		c->digits[n + 1] = '\0';
	}
	idle_restart(c);
	if (c->state != CS_IVR)
		return;
	if (digit == '*') {
		play(c, "welcome");
	} else if (digit == '0') {
		target = default_agent[0] ? default_agent : ivr_conf.agent;
		if (!target[0]) {
			event(c, "agent_unavailable", "no agent extension configured");
			play(c, "noagent");
		} else if (call_bridge(c, target, &reason)) {
			event(c, "agent_unavailable", "%s %s", target, reason);
			play(c, "noagent");
		}
	}
}

static void recording_path(struct call *c, char *abs, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;
	char name[64];

	gmtime_r(&now, &tm);
	strftime(name, sizeof(name), "%Y%m%d-%H%M%S", &tm);
	mem_deref(c->rec_path);
	c->rec_path = NULL;
	re_sdprintf(&c->rec_path, "recordings/%s-%u.wav", name, c->id);
	snprintf(abs, len, "%s/%s", ivr_conf.var, c->rec_path ? c->rec_path : "");
}

static void bridge_start(struct call *c)
{
	char path[512];
	int err;

	c->state = CS_BRIDGED;
	c->prompt = NULL;
	c->t_talk = tmr_jiffies();
	ivr_utc_now(c->agent_answered, sizeof(c->agent_answered));
	tmr_cancel(&c->tmr);
	if (ivr_conf.record)
		recording_path(c, path, sizeof(path));
	err = bridge_alloc(&c->bridge, c->caller->media, c->agent->media,
			   ivr_conf.record ? path : NULL);
	if (err) {
		log_err("call %u: cannot bridge: %s", c->id, strerror(err));
		c->rec_path = mem_deref(c->rec_path);
		if (ivr_conf.record)
			err = bridge_alloc(&c->bridge, c->caller->media, c->agent->media, NULL);
	}
	event(c, "bridged", "%s%s%s", c->agent_ext, c->rec_path ? " " : "",
	      c->rec_path ? c->rec_path : "");
}

/* Rings the agent's registered phone; the caller is bridged to it when it answers. */
static int call_bridge(struct call *c, const char *ext, const char **reason)
{
	struct reg_binding *b = reg_find(ext);
	struct mbuf *desc = NULL;
	char from[128];
	struct leg *l = NULL;
	int err;

	if (c->state != CS_IVR || c->agent) {
		*reason = "call is not in the IVR";
		return EBUSY;
	}
	if (!c->caller->established && !c->caller->sess) {
		*reason = "call is not answered";
		return EINVAL;
	}
	if (!b) {
		*reason = "extension not registered";
		return ENOENT;
	}
	err = leg_alloc(&l, c, true);
	if (!err)
		err = sdp_encode(&desc, l->sdp, true);
	if (err) {
		*reason = "no media resources";
		goto out;
	}
	re_snprintf(from, sizeof(from), "sip:%s@%J", c->from, &ivr_conf.sip_laddr);
	err = sipsess_connect(&l->sess, sip_sess_sock(), b->contact, c->from, from,
			      sip_contact_user(), NULL, 0, "application/sdp", desc, NULL, NULL,
			      false, offer_handler, answer_handler, NULL, estab_handler,
			      info_handler, NULL, close_handler, l, "X-WarmLine-Call: %u\r\n",
			      c->id);
	if (err) {
		*reason = "cannot send INVITE";
		goto out;
	}
	snprintf(c->agent_ext, sizeof(c->agent_ext), "%s", ext);
	c->agent_id = b->staff_id;
	c->agent = l;
	l = NULL;
	c->state = CS_RINGING;
	c->t_wait = tmr_jiffies();
	tmr_cancel(&c->tmr);
	event(c, "agent_ringing", "%s", ext);
	play(c, "hold");
out:
	mem_deref(desc);
	mem_deref(l);
	return err;
}

/* ---- call objects */

static void call_destructor(void *arg)
{
	struct call *c = arg;

	list_unlink(&c->le);
	tmr_cancel(&c->tmr);
	mem_deref(c->bridge);	/* flushes the recording */
	mem_deref(c->agent);
	mem_deref(c->caller);
	mem_deref(c->sip_callid);
	mem_deref(c->rec_path);
}

static long secs_since(uint64_t t, uint64_t now)
{
	return t ? (long)((now - t + 500) / 1000) : -1;
}

/* Writes the CDR, hangs up the other leg (BYE) and frees the call. */
static void call_end(struct call *c, const char *who)
{
	uint64_t now = tmr_jiffies();
	struct cdr cdr = { .wait_s = -1, .talk_s = -1 };
	char ended[32];

	if (c->ended)
		return;
	c->ended = true;
	ivr_utc_now(ended, sizeof(ended));
	switch (c->state) {
	case CS_IVR:
		cdr.disposition = c->agent_answered[0] ? "answered" : "ivr";
		break;
	case CS_RINGING:
		cdr.disposition = "abandoned";
		cdr.wait_s = secs_since(c->t_wait, now);
		break;
	case CS_BRIDGED:
		cdr.disposition = "answered";
		cdr.wait_s = (long)((c->t_talk - c->t_wait + 500) / 1000);
		cdr.talk_s = secs_since(c->t_talk, now);
		cdr.answered_at = c->agent_answered;
		cdr.agent_id = c->agent_id;
		cdr.agent_ext = c->agent_ext;
		cdr.recording = c->rec_path;
		break;
	}
	if (c->state == CS_RINGING) {
		cdr.agent_ext = c->agent_ext;
		cdr.agent_id = c->agent_id;
	}
	cdr.ended_at = ended;
	event(c, "hangup", "%s %s", who, cdr.disposition);
	dbw_call_end(c->id, &cdr);
	mem_deref(c);
}

void call_incoming(const struct sip_msg *msg)
{
	struct call *c = NULL;
	struct mbuf *desc = NULL;
	char src[64];
	bool offer = mbuf_get_left(msg->mb) > 0;
	int err;

	re_snprintf(src, sizeof(src), "%J/%s", &msg->src, sip_transp_name(msg->tp));
	if (!sip_is_trunk(&msg->src)) {
		log_warn("sip: INVITE from %s refused (403): not a trunk address (WL_SIP_TRUNKS)",
			 src);
		(void)sip_treply(NULL, sip_stack(), msg, 403, "Forbidden");
		return;
	}
	if (!accepting) {
		(void)sip_treply(NULL, sip_stack(), msg, 503, "Service Unavailable");
		return;
	}
	c = mem_zalloc(sizeof(*c), call_destructor);
	if (!c) {
		(void)sip_treply(NULL, sip_stack(), msg, 500, "Server Error");
		return;
	}
	c->id = next_id++;
	c->state = CS_IVR;
	c->t_start = tmr_jiffies();
	tmr_init(&c->tmr);
	ivr_utc_now(c->started, sizeof(c->started));
	user_copy(c->from, sizeof(c->from), &msg->from.uri.user);
	user_copy(c->to, sizeof(c->to), &msg->uri.user);
	pl_strdup(&c->sip_callid, &msg->callid);
	list_append(&calls, &c->le, c);
	err = leg_alloc(&c->caller, c, false);
	if (err) {
		log_err("call %u: no media for the call from %s: %s", c->id, src, strerror(err));
		(void)sip_treply(NULL, sip_stack(), msg, 503, "Service Unavailable");
		mem_deref(c);
		return;
	}
	if (offer) {
		err = sdp_decode(c->caller->sdp, msg->mb, true);
		if (!err)
			err = leg_media_update(c->caller);
		if (err) {
			log_warn("call %u: INVITE from %s refused (488): no G.711 in the offer",
				 c->id, src);
			(void)sip_treply(NULL, sip_stack(), msg, 488, "Not Acceptable Here");
			mem_deref(c);
			return;
		}
	}
	err = sdp_encode(&desc, c->caller->sdp, !offer);
	if (!err)
		err = sipsess_accept(&c->caller->sess, sip_sess_sock(), msg, 200, "OK",
				     sip_contact_user(), "application/sdp", desc, NULL, NULL,
				     false, offer_handler, answer_handler, estab_handler,
				     info_handler, NULL, close_handler, c->caller,
				     "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, INFO\r\n");
	mem_deref(desc);
	if (err) {
		log_err("call %u: cannot answer: %s", c->id, strerror(err));
		(void)sip_treply(NULL, sip_stack(), msg, 500, "Server Error");
		mem_deref(c);
		return;
	}
	dbw_call_start(c->id, "in", c->from, c->to, c->sip_callid, c->started);
	event(c, "answered", "from %s to %s via %s", c->from, c->to, src);
	play(c, "welcome");
	idle_restart(c);
}

static struct call *call_find(unsigned id)
{
	for (struct le *le = calls.head; le; le = le->next) {
		struct call *c = le->data;
		if (c->id == id)
			return c;
	}
	return NULL;
}

int call_hangup_id(unsigned id)
{
	struct call *c = call_find(id);

	if (!c)
		return ENOENT;
	call_end(c, "control");
	return 0;
}

int call_bridge_id(unsigned id, const char *ext, const char **reason)
{
	struct call *c = call_find(id);

	if (!c) {
		*reason = "no such call";
		return ENOENT;
	}
	return call_bridge(c, ext, reason);
}

int call_originate(const char *ext, const char *number, unsigned *idp, const char **reason)
{
	(void)ext;
	(void)number;
	(void)idp;
	*reason = "not implemented yet (needs an outbound trunk)";
	return ENOSYS;
}

int call_list_print(struct re_printf *pf, unsigned *n)
{
	uint64_t now = tmr_jiffies();
	int err = 0;

	*n = 0;
	for (struct le *le = calls.head; le; le = le->next) {
		const struct call *c = le->data;

		err |= re_hprintf(pf, "CALL %u %s in %s %s %llu agent=%s digits=%s db=%llu\r\n",
				  c->id, state_names[c->state], c->from, c->to,
				  (unsigned long long)((now - c->t_start) / 1000),
				  c->agent_ext[0] ? c->agent_ext : "-",
				  c->digits[0] ? c->digits : "-", dbw_call_dbid(c->id));
		(*n)++;
	}
	return err;
}

unsigned call_count(void)
{
	return list_count(&calls);
}

void call_set_default_agent(const char *ext)
{
	snprintf(default_agent, sizeof(default_agent), "%s", ext ? ext : "");
}

int call_init(void)
{
	list_init(&calls);
	accepting = true;
	return 0;
}

/* Hangs up every call (BYE to each leg) and writes their CDRs. */
void call_close(void)
{
	accepting = false;
	while (calls.head)
		call_end(calls.head->data, "shutdown");
}
