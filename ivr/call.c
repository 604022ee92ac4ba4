/* call.c — calls: one object per call with a caller leg (the trunk side), legs toward agents
 * and transfer targets, the state machine of call.h, the prompt queue, the two-leg bridge,
 * the blacklist check, the built-in IVR (only when no flow answers: prompt, digits, 0 for an
 * agent), and the CDR and call events written through the database worker.  The IVR flows
 * are walked by flow.c, queues and agents are acd.c's. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "resident.h"
#include "call.h"

static const char *state_names[] = { "ivr", "queued", "ringing", "bridged", "rating" };

static struct list calls;
static unsigned next_id = 1;
static bool accepting;
static char default_agent[17];

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

static void vevent(struct call *c, const char *ev, unsigned long long agent, const char *fmt,
		   va_list ap)
{
	char detail[256] = "";

	if (fmt)
		vsnprintf(detail, sizeof(detail), fmt, ap);
	log_info("call %u: %s%s%s%s%s", c->id, ev, c->queue[0] && agent ? " queue=" : "",
		 c->queue[0] && agent ? c->queue : "", detail[0] ? " " : "", detail);
	dbw_call_qevent(c->id, ev, detail[0] ? detail : NULL, c->queue, agent);
}

void call_event(struct call *c, const char *ev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vevent(c, ev, 0, fmt, ap);
	va_end(ap);
}

void call_qevent(struct call *c, const char *ev, unsigned long long agent, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vevent(c, ev, agent, fmt, ap);
	va_end(ap);
}

#define event call_event

/* ---- the prompt queue */

static void pq_next(struct call *c);

static void prompt_done(void *arg)
{
	struct call *c = arg;

	event(c, "prompt_end", "%s", c->prompt ? c->prompt : "");
	c->prompt = NULL;
	pq_next(c);
}

/* Plays a prompt to the caller; a missing or unusable one is a call event, not an error. */
static int play(struct call *c, const char *name)
{
	if (media_play(c->caller->media, name, prompt_done, c)) {
		event(c, "prompt_missing", "%s", name);
		return -1;
	}
	c->prompt = name;
	event(c, "prompt", "%s", name);
	return 0;
}

void call_pq_reset(struct call *c)
{
	c->pq_n = c->pq_i = 0;
	c->pq_done = NULL;
}

void call_pq_add(struct call *c, const char *media)
{
	if (media && media[0] && c->pq_n < PQ_MAX)
		snprintf(c->pq[c->pq_n++], CFG_MEDIA_MAX, "%s", media);
}

/* Plays the next prompt of the queue (skipping missing ones), or calls pq_done at the end.
 * pq_done may free the call. */
static void pq_next(struct call *c)
{
	while (c->pq_i < c->pq_n) {
		if (!play(c, c->pq[c->pq_i++]))
			return;
	}
	if (c->pq_done) {
		call_pq_h *done = c->pq_done;

		c->pq_done = NULL;
		done(c);
	}
}

void call_pq_start(struct call *c, call_pq_h *done, bool bargein)
{
	c->pq_i = 0;
	c->pq_done = done;
	c->pq_bargein = bargein;
	media_stop(c->caller->media);
	c->prompt = NULL;
	pq_next(c);
}

void call_pq_stop(struct call *c)
{
	media_stop(c->caller->media);
	c->prompt = NULL;
	c->pq_n = c->pq_i = 0;
	c->pq_done = NULL;
}

/* ---- variables */

const char *call_var(const struct call *c, const char *k)
{
	for (int i = 0; i < c->nvars; i++)
		if (!strcmp(c->vars[i].k, k))
			return c->vars[i].v;
	return NULL;
}

void call_var_set(struct call *c, const char *k, const char *v)
{
	int i;

	if (!k || !k[0])
		return;
	for (i = 0; i < c->nvars && strcmp(c->vars[i].k, k); i++)
		;
	if (i == VARS_MAX)
		return;
	if (i == c->nvars)
		c->nvars++;
	snprintf(c->vars[i].k, sizeof(c->vars[i].k), "%s", k);
	snprintf(c->vars[i].v, sizeof(c->vars[i].v), "%s", v ? v : "");
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

static int leg_alloc(struct leg **lp, struct call *c, enum leg_role role)
{
	struct sa laddr = ivr_conf.rtp_laddr;
	struct leg *l;
	int err;

	l = mem_zalloc(sizeof(*l), leg_destructor);
	if (!l)
		return ENOMEM;
	l->call = c;
	l->role = role;
	l->agent = role != LEG_CALLER;
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

static const char *const mon_names[] = { "", "listen", "whisper", "barge" };

static void monitor_gone(void *arg)
{
	struct call *c = arg;

	c->mon = mem_deref(c->mon);
}

static void monitor_start(struct call *c, struct leg *l)
{
	if (c->state != CS_BRIDGED || !c->bridge ||
	    bridge_monitor(c->bridge, l->media, c->mon_mode)) {
		call_event(c, "monitor_failed", "%s not bridged", l->ext);
		tmr_start(&c->mon_tmr, 0, monitor_gone, c);
		return;
	}
	call_qevent(c, "monitor", l->staff_id, "%s %s", mon_names[c->mon_mode], l->ext);
}

/* The supervisor's leg ends (they hung up, or the call is over). */
void call_monitor_drop(struct call *c, const char *why)
{
	if (!c->mon)
		return;
	if (c->bridge)
		bridge_monitor(c->bridge, NULL, MON_LISTEN);
	call_qevent(c, "monitor_end", c->mon->staff_id, "%s %s", c->mon->ext, why);
	c->mon = mem_deref(c->mon);
}

int call_monitor_id(unsigned id, const char *ext, const char *mode, const char **reason)
{
	struct call *c = call_find(id);
	struct reg_binding *b;
	enum bridge_mon m = !strcmp(mode, "listen") ? MON_LISTEN :
			    !strcmp(mode, "whisper") ? MON_WHISPER : MON_BARGE;

	if (!c) {
		*reason = "no such call";
		return ENOENT;
	}
	if (c->state != CS_BRIDGED || !c->bridge) {
		*reason = "call is not bridged";
		return EINVAL;
	}
	if (c->mon) {
		if (strcmp(c->mon->ext, ext)) {
			*reason = "call is monitored by another extension";
			return EBUSY;
		}
		c->mon_mode = m;	/* same supervisor: a new mode */
		if (c->mon->established && bridge_monitor(c->bridge, c->mon->media, m) == 0)
			call_qevent(c, "monitor", c->mon->staff_id, "%s %s", mode, ext);
		return 0;
	}
	b = reg_find(ext);
	if (!b) {
		*reason = "extension not registered";
		return ENOENT;
	}
	c->mon = call_dial(c, b->contact, ext, LEG_MONITOR, reason);
	if (!c->mon)
		return EIO;
	c->mon->staff_id = b->staff_id;
	c->mon_mode = m;
	call_qevent(c, "monitor_ringing", b->staff_id, "%s %s", mode, ext);
	return 0;
}

static void estab_handler(const struct sip_msg *msg, void *arg)
{
	struct leg *l = arg;
	struct call *c = l->call;

	(void)msg;
	l->established = true;
	if (l->role == LEG_MONITOR)
		monitor_start(c, l);
	else if (l->role == LEG_THIRD)
		xfer_third_answered(c, l);
	else if (l->role == LEG_ORIGIN && c->state == CS_RINGING)
		xfer_origin_agent_answered(c, l);
	else if (l->role == LEG_CALLER && c->outbound && c->state == CS_RINGING)
		xfer_origin_answered(c);
	else if (l->role == LEG_OFFER && c->state == CS_QUEUED)
		acd_leg_answered(c, l);
	else if (l->role == LEG_XFER && c->state == CS_RINGING && l == c->agent)
		call_bridge_leg(c, l);
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

static void builtin_resume(struct call *c);

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
	l->sess = mem_deref(l->sess);	/* already closed: no BYE */
	if (l->role == LEG_MONITOR) {
		call_monitor_drop(c, why);
		return;
	}
	if (l->role == LEG_OFFER) {
		acd_leg_failed(c, l, why);
		return;
	}
	if (l->role == LEG_THIRD) {
		xfer_third_closed(c, why);
		return;
	}
	if (l->role == LEG_XFER && c->state == CS_RINGING) {
		event(c, "agent_failed", "%s %s", l->ext, why);
		c->agent = mem_deref(c->agent);
		c->state = CS_IVR;
		c->t_wait = 0;
		if (c->builtin)
			builtin_resume(c);
		else
			flow_xfer_failed(c, why);
		return;
	}
	if (l->agent && c->state == CS_BRIDGED) {
		/* the agent hung up: a transfer target may take over, or the caller may rate */
		if (xfer_agent_gone(c))
			return;
		call_monitor_drop(c, "agent hung up");
		c->bridge = mem_deref(c->bridge);
		c->talk_s = c->t_talk ? (long)((tmr_jiffies() - c->t_talk + 500) / 1000) : -1;
		event(c, "agent_hangup", "%s", c->agent_ext);
		c->agent = mem_deref(c->agent);
		acd_agent_hungup(c);
		if (c->rate) {
			flow_rating_start(c);
			return;
		}
		call_end(c, "agent");
		return;
	}
	call_end(c, l->agent ? "agent" : (msg ? why : "caller"));
}

void call_leg_drop(struct leg *l)
{
	if (l && l->call && l->call->agent == l)
		l->call->agent = NULL;
	mem_deref(l);
}

struct leg *call_dial(struct call *c, const char *uri, const char *ext, enum leg_role role,
		      const char **reason)
{
	struct mbuf *desc = NULL;
	char from[128];
	struct leg *l = NULL;
	int err;

	err = leg_alloc(&l, c, role);
	if (!err)
		err = sdp_encode(&desc, l->sdp, true);
	if (err) {
		*reason = "no media resources";
		goto out;
	}
	snprintf(l->ext, sizeof(l->ext), "%s", ext);
	re_snprintf(from, sizeof(from), "sip:%s@%J", c->from, &ivr_conf.sip_laddr);
	err = sipsess_connect(&l->sess, sip_sess_sock(), uri, c->from, from,
			      sip_contact_user(), NULL, 0, "application/sdp", desc, NULL, NULL,
			      false, offer_handler, answer_handler, NULL, estab_handler,
			      info_handler, NULL, close_handler, l, "X-WarmLine-Call: %u\r\n",
			      c->id);
	if (err)
		*reason = "cannot send INVITE";
out:
	mem_deref(desc);
	if (err)
		l = mem_deref(l);
	return l;
}

/* ---- bridging */

char *call_rec_path(struct call *c, const char *kind, char *abs, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;
	char name[64];
	char *rel = NULL;

	gmtime_r(&now, &tm);
	strftime(name, sizeof(name), "%Y%m%d-%H%M%S", &tm);
	re_sdprintf(&rel, "recordings/%s%s%s-%u.wav", kind, kind[0] ? "-" : "", name, c->id);
	snprintf(abs, len, "%s/%s", ivr_conf.var, rel ? rel : "");
	return rel;
}

void call_bridge_leg(struct call *c, struct leg *l)
{
	char path[512];
	bool record = c->queue[0] ? c->record : ivr_conf.record;
	int err;

	call_pq_stop(c);
	tmr_cancel(&c->ftmr);
	tmr_cancel(&c->tmr);
	c->agent = l;
	l->role = LEG_AGENT;
	c->state = CS_BRIDGED;
	c->t_talk = tmr_jiffies();
	ivr_utc_now(c->agent_answered, sizeof(c->agent_answered));
	snprintf(c->agent_ext, sizeof(c->agent_ext), "%s", l->ext);
	c->agent_id = l->staff_id;
	c->rec_path = mem_deref(c->rec_path);
	if (record)
		c->rec_path = call_rec_path(c, "", path, sizeof(path));
	err = bridge_alloc(&c->bridge, c->caller->media, l->media, c->rec_path ? path : NULL);
	if (err) {
		log_err("call %u: cannot bridge: %s", c->id, strerror(err));
		c->rec_path = mem_deref(c->rec_path);
		if (record)
			err = bridge_alloc(&c->bridge, c->caller->media, l->media, NULL);
	}
	call_qevent(c, "bridged", c->agent_id, "%s%s%s", c->agent_ext, c->rec_path ? " " : "",
		    c->rec_path ? c->rec_path : "");
}

int call_transfer(struct call *c, const char *ext, const char *number, const char **reason)
{
	char uri[160];
	struct leg *l;
	unsigned long long staff = 0;

	if (c->state != CS_IVR || c->agent) {
		*reason = "call is not in the IVR";
		return EBUSY;
	}
	if (ext) {
		struct reg_binding *b = reg_find(ext);

		if (!b) {
			*reason = "extension not registered";
			return ENOENT;
		}
		snprintf(uri, sizeof(uri), "%s", b->contact);
		staff = b->staff_id;
	} else {
		if (!ivr_conf.outbound[0]) {
			*reason = "no outbound trunk (WL_SIP_OUTBOUND)";
			return ENOENT;
		}
		snprintf(uri, sizeof(uri), "sip:%s@%s", number, ivr_conf.outbound);
	}
	l = call_dial(c, uri, ext ? ext : number, LEG_XFER, reason);
	if (!l)
		return EIO;
	l->staff_id = staff;
	c->agent = l;
	c->state = CS_RINGING;
	c->t_wait = tmr_jiffies();
	tmr_cancel(&c->tmr);
	call_qevent(c, ext ? "agent_ringing" : "transfer_ringing", staff, "%s", l->ext);
	call_pq_reset(c);
	call_pq_add(c, "hold");
	call_pq_start(c, NULL, false);
	return 0;
}

/* ---- the built-in IVR (no flow configured) */

static void idle_timeout(void *arg)
{
	struct call *c = arg;

	event(c, "timeout", "no input for %u s", ivr_conf.idle_timeout);
	call_end(c, "timeout");
}

static void idle_restart(struct call *c)
{
	if (ivr_conf.idle_timeout && c->state == CS_IVR && c->builtin)
		tmr_start(&c->tmr, (uint64_t)ivr_conf.idle_timeout * 1000, idle_timeout, c);
	else
		tmr_cancel(&c->tmr);
}

static void builtin_play(struct call *c, const char *name)
{
	call_pq_reset(c);
	call_pq_add(c, name);
	call_pq_start(c, NULL, false);
}

static void builtin_resume(struct call *c)
{
	builtin_play(c, "welcome");
	idle_restart(c);
}

static void builtin_dtmf(struct call *c, char digit)
{
	const char *reason;
	const char *target;

	idle_restart(c);
	if (c->state != CS_IVR)
		return;
	if (digit == '*') {
		builtin_play(c, "welcome");
	} else if (digit == '0') {
		target = default_agent[0] ? default_agent : ivr_conf.agent;
		c->asked_agent = true;
		if (!target[0]) {
			event(c, "agent_unavailable", "no agent extension configured");
			builtin_play(c, "noagent");
		} else if (call_transfer(c, target, NULL, &reason)) {
			event(c, "agent_unavailable", "%s %s", target, reason);
			builtin_play(c, "noagent");
		}
	}
}

static void dtmf_handler(char digit, enum dtmf_src src, void *arg)
{
	struct leg *l = arg;
	struct call *c = l->call;
	size_t n = strlen(c->digits);
	bool secret = !l->agent && c->state == CS_IVR && !c->builtin &&
		      !strcmp(call_var(c, "_purpose") ? call_var(c, "_purpose") : "", "pin");

	event(c, "dtmf", "%c %s %s", secret ? 'x' : digit, src == DTMF_INBAND ? "inband" : "rfc4733",
	      l->agent ? "agent" : "caller");
	if (l->agent)
		return;
	if (n + 1 < sizeof(c->digits)) {
		c->digits[n] = secret ? 'x' : digit;
		c->digits[n + 1] = '\0';
	}
	if (c->builtin) {
		builtin_dtmf(c, digit);
		return;
	}
	if (c->state == CS_IVR) {
		if (c->pq_bargein && c->prompt) {
			call_pq_stop(c);
		}
		flow_dtmf(c, digit);
	} else if (c->state == CS_RATING) {
		flow_rating_dtmf(c, digit);
	}
}

/* ---- call objects */

static void call_destructor(void *arg)
{
	struct call *c = arg;

	list_unlink(&c->le);
	tmr_cancel(&c->tmr);
	tmr_cancel(&c->ftmr);
	tmr_cancel(&c->mon_tmr);
	tmr_cancel(&c->xtmr);
	mem_deref(c->bridge);	/* flushes the recording */
	mem_deref(c->third);
	mem_deref(c->mon);
	mem_deref(c->agent);
	mem_deref(c->caller);
	mem_deref(c->sip_callid);
	mem_deref(c->rec_path);
	mem_deref(c->msg_path);
}

static long secs_since(uint64_t t, uint64_t now)
{
	return t ? (long)((now - t + 500) / 1000) : -1;
}

/* Writes the CDR, hangs up the other legs (BYE/CANCEL) and frees the call. */
void call_end(struct call *c, const char *who)
{
	uint64_t now = tmr_jiffies();
	struct cdr cdr = { .wait_s = -1, .talk_s = -1 };
	char ended[32];

	if (c->ended)
		return;
	c->ended = true;
	ivr_utc_now(ended, sizeof(ended));
	if (c->state == CS_BRIDGED)
		c->talk_s = secs_since(c->t_talk, now);
	call_monitor_drop(c, "call ended");
	xfer_call_ending(c);
	flow_call_ending(c);
	acd_call_ending(c);
	if (c->disp)
		cdr.disposition = c->disp;
	else if (c->agent_answered[0])
		cdr.disposition = "answered";
	else if (c->outbound)
		cdr.disposition = "noanswer";
	else if (c->asked_agent)
		cdr.disposition = "abandoned";
	else
		cdr.disposition = "ivr";
	if (c->agent_answered[0]) {
		uint64_t from = c->t_queue ? c->t_queue : c->t_wait;

		cdr.wait_s = from ? (long)((c->t_talk - from + 500) / 1000) : 0;
		cdr.talk_s = c->talk_s;
		cdr.answered_at = c->agent_answered;
		cdr.agent_id = c->agent_id;
		cdr.agent_ext = c->agent_ext;
		cdr.recording = c->rec_path;
	} else if (c->asked_agent) {
		cdr.wait_s = secs_since(c->t_queue ? c->t_queue : c->t_wait, now);
		if (c->state == CS_RINGING && c->agent) {
			cdr.agent_ext = c->agent->ext;
			cdr.agent_id = c->agent->staff_id;
		}
	}
	if (c->outbound && !c->agent_answered[0]) {
		cdr.agent_id = c->agent_id;
		cdr.agent_ext = c->agent_ext;
	}
	cdr.hold_s = c->hold_s;
	cdr.queue = c->queue;
	cdr.resident_id = (unsigned long long)c->resident_id;
	cdr.ticket_id = c->ticket_id;
	cdr.ended_at = ended;
	event(c, "hangup", "%s %s", who, cdr.disposition);
	dbw_call_end(c->id, &cdr);
	mem_deref(c);
}

static void decline(const struct sip_msg *msg, struct call *c, const struct cfg_black *b)
{
	(void)sip_treply(NULL, sip_stack(), msg, 603, "Decline");
	dbw_call_start(c->id, "in", c->from, c->to, c->sip_callid, c->started);
	flow_blacklist_log(c, b, "decline");
	c->disp = "blacklisted";
	call_end(c, "blacklist");
}

struct call *call_new(void)
{
	struct call *c = mem_zalloc(sizeof(*c), call_destructor);

	if (!c)
		return NULL;
	c->id = next_id++;
	c->state = CS_IVR;
	c->t_start = tmr_jiffies();
	c->talk_s = -1;
	tmr_init(&c->tmr);
	tmr_init(&c->ftmr);
	tmr_init(&c->mon_tmr);
	tmr_init(&c->xtmr);
	ivr_utc_now(c->started, sizeof(c->started));
	list_append(&calls, &c->le, c);
	return c;
}

void call_incoming(const struct sip_msg *msg)
{
	const struct cfg *cf = cfg_cur();
	const struct cfg_black *black;
	const struct cfg_flow *flow;
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
	c = call_new();
	if (!c) {
		(void)sip_treply(NULL, sip_stack(), msg, 500, "Server Error");
		return;
	}
	user_copy(c->from, sizeof(c->from), &msg->from.uri.user);
	user_copy(c->to, sizeof(c->to), &msg->uri.user);
	if (phone_normalize(c->caller_norm, c->from, NULL) || !c->caller_norm[0])
		snprintf(c->caller_norm, sizeof(c->caller_norm), "%s", c->from);
	pl_strdup(&c->sip_callid, &msg->callid);
	black = cfg_blacklisted(cf, c->caller_norm);
	if (black && black->decline) {
		decline(msg, c, black);
		return;
	}
	err = leg_alloc(&c->caller, c, LEG_CALLER);
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
	if (black) {
		flow_blacklisted(c, black);
		return;
	}
	flow = cfg_flow_for(cf, c->to);
	if (flow && flow->entry) {
		flow_start(c, flow);
		return;
	}
	if (flow) {
		log_warn("call %u: flow %lld (%s) has no entry node: service unavailable",
			 c->id, flow->id, flow->name);
		flow_unavailable(c);
		return;
	}
	log_warn("call %u: no IVR flow for %s and no default flow (config version %lld): "
		 "built-in IVR", c->id, c->to, cf->version);
	c->builtin = true;
	builtin_resume(c);
}

struct call *call_find(unsigned id)
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
	if (c->state == CS_IVR) {
		call_pq_stop(c);
		tmr_cancel(&c->ftmr);
	}
	c->asked_agent = true;
	return call_transfer(c, ext, NULL, reason);
}

int call_list_print(struct re_printf *pf, unsigned *n)
{
	uint64_t now = tmr_jiffies();
	int err = 0;

	*n = 0;
	for (struct le *le = calls.head; le; le = le->next) {
		const struct call *c = le->data;
		const struct cfg_node *nd = cfg_node(cfg_cur(), c->node_id);

		/* db= stays last: clients find a call by " db=<id>" at the end of its line */
		err |= re_hprintf(pf, "CALL %u %s %s %s %s %llu agent=%s digits=%s node=%s "
				  "queue=%s db=%llu\r\n",
				  c->id, state_names[c->state], c->outbound ? "out" : "in",
				  c->from, c->to,
				  (unsigned long long)((now - c->t_start) / 1000),
				  c->agent_ext[0] ? c->agent_ext :
				  c->agent ? c->agent->ext : "-",
				  c->digits[0] ? c->digits : "-",
				  c->builtin ? "builtin" : nd ? nd->key : "-",
				  c->queue[0] ? c->queue : "-", dbw_call_dbid(c->id));
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
