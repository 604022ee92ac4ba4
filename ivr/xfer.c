/* xfer.c — the agent's call control on a bridged call: hold and unhold (music on hold for
 * the caller, silence for the agent), blind transfer (to an extension, a queue or an
 * external number), attended transfer (consult, then complete or cancel), a three-way
 * conference, pickup of a queued call, and click-to-dial (originate: the agent's phone
 * first, then the number through WL_SIP_OUTBOUND).  The caller stays leg a of the call's
 * bridge; a third leg (c->third) rings while the caller and agent carry on, and is
 * attached to the bridge when it answers (media.c: bridge_third, bridge_swap_b). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "resident.h"
#include "call.h"

enum { THIRD_RING_MS = 30000 };

static const char *const kind_names[] = { "", "transfer", "consult", "conference" };

/* ---- hold */

static const char *moh_media(const struct call *c)
{
	const struct cfg *cf = cfg_cur();
	const struct cfg_queue *q = c->queue_id ? cfg_queue(cf, c->queue_id) : NULL;
	const char *m = q ? cfg_prompt_media(cf, q->moh_prompt_id) : NULL;

	if (!m)
		m = cfg_prompt_named(cf, "moh");
	return m ? m : "hold";	/* tools/wl always generates hold.wav */
}

static void moh_again(struct call *c)
{
	if (!c->held || c->state != CS_BRIDGED)
		return;
	call_pq_reset(c);
	call_pq_add(c, moh_media(c));
	call_pq_start(c, moh_again, false);
}

static void hold_start(struct call *c)
{
	if (c->held)
		return;
	c->held = true;
	c->t_hold = tmr_jiffies();
	bridge_hold(c->bridge, true);
	moh_again(c);
}

/* Ends a hold; returns its seconds. */
static long hold_end(struct call *c)
{
	long s;

	if (!c->held)
		return 0;
	s = (long)((tmr_jiffies() - c->t_hold + 500) / 1000);
	c->held = false;
	c->hold_s += s;
	call_pq_stop(c);
	bridge_hold(c->bridge, false);
	return s;
}

static struct call *bridged_call(unsigned id, const char **reason)
{
	struct call *c = call_find(id);

	if (!c) {
		*reason = "no such call";
		return NULL;
	}
	if (c->state != CS_BRIDGED || !c->agent || !c->bridge) {
		*reason = "call is not bridged";
		return NULL;
	}
	return c;
}

int call_hold_id(unsigned id, bool hold, const char **reason)
{
	struct call *c = bridged_call(id, reason);
	long s;

	if (!c)
		return EINVAL;
	if (c->third) {
		*reason = c->xkind == X_CONSULT ? "call is in a consultation (complete or cancel)" :
			  "a transfer or conference is under way";
		return EBUSY;
	}
	if (hold == c->held) {
		*reason = hold ? "call is already on hold" : "call is not on hold";
		return EALREADY;
	}
	if (hold) {
		hold_start(c);
		call_qevent(c, "hold", c->agent_id, "%s", c->agent_ext);
		return 0;
	}
	s = hold_end(c);
	call_qevent(c, "unhold", c->agent_id, "%s %ld s total %ld s", c->agent_ext, s, c->hold_s);
	return 0;
}

/* ---- targets */

static bool is_staff_ext(const char *t)
{
	const struct cfg *cf = cfg_cur();

	for (size_t i = 0; i < cf->nstaff; i++)
		if (cf->staff[i].active && !strcmp(cf->staff[i].ext, t))
			return true;
	return false;
}

static const struct cfg_queue *queue_by_code(const char *t)
{
	const struct cfg *cf = cfg_cur();

	for (size_t i = 0; i < cf->nqueues; i++)
		if (!strcmp(cf->queues[i].code, t))
			return &cf->queues[i];
	return NULL;
}

static bool number_ok(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (i == 0 && s[i] == '+')))
			return false;
	return true;
}

static void third_timeout(void *arg)
{
	struct call *c = arg;

	if (c->third && !c->third->established)
		xfer_third_closed(c, "timeout");
}

/* Rings target (a staff extension, which must be registered, or an external number through
 * WL_SIP_OUTBOUND) as the call's third leg of kind k. */
static int third_dial(struct call *c, const char *target, enum third_kind k, const char **reason)
{
	unsigned long long staff = 0;
	char uri[256];

	if (is_staff_ext(target)) {
		struct reg_binding *b = reg_find(target);

		if (!b) {
			*reason = "extension not registered";
			return ENOENT;
		}
		if (!strcmp(target, c->agent_ext)) {
			*reason = "target is the call's own agent";
			return EINVAL;
		}
		snprintf(uri, sizeof(uri), "%s", b->contact);
		staff = b->staff_id;
	} else if (!number_ok(target)) {
		*reason = k == X_BLIND ? "no such extension, queue or number" :
			  "no such extension or number";
		return EINVAL;
	} else if (!ivr_conf.outbound[0]) {
		*reason = "no outbound trunk (WL_SIP_OUTBOUND)";
		return ENOENT;
	} else {
		snprintf(uri, sizeof(uri), "sip:%s@%s", target, ivr_conf.outbound);
	}
	c->third = call_dial(c, uri, target, LEG_THIRD, reason);
	if (!c->third)
		return EIO;
	c->third->staff_id = staff;
	c->xkind = k;
	snprintf(c->xtarget, sizeof(c->xtarget), "%s", target);
	tmr_start(&c->xtmr, THIRD_RING_MS, third_timeout, c);
	return 0;
}

/* ---- blind transfer, consult, conference */

/* The agent leaves the call: BYE to their phone, their ACD state after the call. */
static void agent_leaves(struct call *c, const char *why)
{
	call_qevent(c, "agent_hangup", c->agent_id, "%s %s", c->agent_ext, why);
	acd_agent_hungup(c);
	acd_agent_busy(c, c->agent_id, false);
	c->agent = mem_deref(c->agent);	/* BYE */
}

/* The answered third leg becomes the call's agent (a transfer completed). */
static void third_takes_over(struct call *c)
{
	struct leg *l = c->third;
	const char *from = c->agent_ext[0] ? c->agent_ext : "-";

	tmr_cancel(&c->xtmr);
	bridge_third(c->bridge, NULL, BRIDGE_CONSULT);
	call_qevent(c, "transfer_complete", l->staff_id, "%s -> %s", from, l->ext);
	if (c->agent)
		agent_leaves(c, "transferred");
	c->third = NULL;
	c->xkind = X_NONE;
	hold_end(c);
	if (bridge_swap_b(c->bridge, l->media))
		log_warn("call %u: cannot move the bridge to %s", c->id, l->ext);
	l->role = LEG_AGENT;
	c->agent = l;
	snprintf(c->agent_ext, sizeof(c->agent_ext), "%s", l->ext);
	c->agent_id = l->staff_id;
	acd_agent_busy(c, l->staff_id, true);
	call_qevent(c, "bridged", c->agent_id, "%s", c->agent_ext);
}

void xfer_third_answered(struct call *c, struct leg *l)
{
	if (l != c->third || c->state != CS_BRIDGED) {
		if (l == c->third) {
			tmr_cancel(&c->xtmr);
			c->third = NULL;
			c->xkind = X_NONE;
		}
		call_leg_drop(l);
		return;
	}
	tmr_cancel(&c->xtmr);
	call_qevent(c, c->xkind == X_BLIND ? "transfer_answered" : c->xkind == X_CONSULT ?
		    "consult_answered" : "conference_answered", l->staff_id, "%s", l->ext);
	if (c->xkind == X_BLIND || !c->agent) {
		third_takes_over(c);
		return;
	}
	acd_agent_busy(c, l->staff_id, true);
	bridge_third(c->bridge, l->media, c->xkind == X_CONSULT ? BRIDGE_CONSULT : BRIDGE_CONF);
}

static void requeue_end(struct call *c)
{
	call_end(c, "transfer failed");
}

/* Nobody took the transferred caller and their agent has gone: back into the call's queue,
 * else a notice and hang-up. */
static void caller_orphaned(struct call *c)
{
	hold_end(c);
	call_monitor_drop(c, "agent left");
	c->bridge = mem_deref(c->bridge);
	c->talk_s = c->t_talk ? (long)((tmr_jiffies() - c->t_talk + 500) / 1000) : -1;
	if (c->queue_id && !acd_transfer_in(c, c->queue_id, 0)) {
		call_event(c, "requeue", "%s", c->queue);
		return;
	}
	c->state = CS_IVR;
	call_pq_reset(c);
	call_pq_add(c, "noagent");
	call_pq_start(c, requeue_end, false);
}

void xfer_third_closed(struct call *c, const char *why)
{
	struct leg *l = c->third;
	enum third_kind k = c->xkind;
	bool answered = l && l->established;

	if (!l)
		return;
	tmr_cancel(&c->xtmr);
	bridge_third(c->bridge, NULL, BRIDGE_CONSULT);
	c->third = NULL;
	c->xkind = X_NONE;
	acd_agent_busy(c, l->staff_id, false);
	call_qevent(c, answered ? (k == X_CONF ? "conference_end" : "consult_end") :
		    k == X_BLIND ? "transfer_failed" : k == X_CONSULT ? "consult_failed" :
		    "conference_failed", l->staff_id, "%s %s", l->ext, why);
	mem_deref(l);	/* CANCEL or BYE when still up */
	if (c->state != CS_BRIDGED)
		return;
	if (!c->agent) {
		caller_orphaned(c);
		return;
	}
	if (k != X_CONF) {
		long s = hold_end(c);

		call_qevent(c, "unhold", c->agent_id, "%s %ld s total %ld s", c->agent_ext, s,
			    c->hold_s);
	}
}

bool xfer_agent_gone(struct call *c)
{
	if (!c->third) {
		hold_end(c);
		return false;
	}
	/* with a third party on the line or ringing, the agent leaving hands the caller over */
	call_qevent(c, "agent_hangup", c->agent_id, "%s during %s", c->agent_ext,
		    kind_names[c->xkind]);
	acd_agent_hungup(c);
	acd_agent_busy(c, c->agent_id, false);
	c->agent = mem_deref(c->agent);
	if (c->third->established) {
		third_takes_over(c);
		return true;
	}
	c->xkind = X_BLIND;
	hold_start(c);
	return true;
}

void xfer_call_ending(struct call *c)
{
	hold_end(c);
	tmr_cancel(&c->xtmr);
	if (c->third) {
		acd_agent_busy(c, c->third->staff_id, false);
		call_qevent(c, c->xkind == X_CONF ? "conference_end" : c->xkind == X_CONSULT ?
			    "consult_end" : "transfer_failed", c->third->staff_id, "%s call ended",
			    c->third->ext);
		c->third = mem_deref(c->third);
	}
	/* a queue call's agent goes to wrap-up through acd_call_ending; any other agent this
	 * module made busy (originate, a transfer target) is ready again */
	if (!c->queue[0])
		acd_agent_busy(c, c->agent_id, false);
}

/* transfer <id> <target>: an extension or number rings as the third leg while the caller
 * is on hold (the agent stays until it answers); a queue code puts the caller back in. */
int call_transfer_id(unsigned id, const char *target, const char **reason)
{
	struct call *c = bridged_call(id, reason);
	const struct cfg_queue *q;
	int err;

	if (!c)
		return EINVAL;
	if (c->third) {
		*reason = "a transfer, consult or conference is under way";
		return EBUSY;
	}
	q = is_staff_ext(target) ? NULL : queue_by_code(target);
	if (q) {
		unsigned long long old = c->agent_id;
		bool held = c->held;

		hold_end(c);
		if (acd_transfer_in(c, q->id, old)) {
			if (held)
				hold_start(c);
			*reason = "queue is inactive or nobody is logged in";
			return EAGAIN;
		}
		/* the caller is queued (and hears the queue); the agent's leg goes */
		call_qevent(c, "transfer", old, "queue %s", q->code);
		call_monitor_drop(c, "transferred to a queue");
		c->bridge = mem_deref(c->bridge);
		c->talk_s = c->t_talk ? (long)((tmr_jiffies() - c->t_talk + 500) / 1000) : -1;
		c->agent_id = old;
		agent_leaves(c, "transferred");
		return 0;
	}
	err = third_dial(c, target, X_BLIND, reason);
	if (err)
		return err;
	call_qevent(c, "transfer", c->agent_id, "blind %s", target);
	hold_start(c);
	return 0;
}

int call_consult_id(unsigned id, const char *target, const char **reason)
{
	struct call *c = bridged_call(id, reason);
	int err;

	if (!c)
		return EINVAL;
	if (c->third) {
		*reason = "a transfer, consult or conference is under way";
		return EBUSY;
	}
	err = third_dial(c, target, X_CONSULT, reason);
	if (err)
		return err;
	call_qevent(c, "consult", c->agent_id, "%s", target);
	if (!c->held)
		call_qevent(c, "hold", c->agent_id, "%s", c->agent_ext);
	hold_start(c);
	return 0;
}

int call_complete_id(unsigned id, const char **reason)
{
	struct call *c = bridged_call(id, reason);

	if (!c)
		return EINVAL;
	if (!c->third || c->xkind != X_CONSULT) {
		*reason = "no consultation under way";
		return ENOENT;
	}
	if (!c->third->established) {
		*reason = "consulted party has not answered";
		return EAGAIN;
	}
	third_takes_over(c);
	return 0;
}

int call_cancel_id(unsigned id, const char **reason)
{
	struct call *c = bridged_call(id, reason);

	if (!c)
		return EINVAL;
	if (!c->third || c->xkind != X_CONSULT) {
		*reason = "no consultation under way";
		return ENOENT;
	}
	xfer_third_closed(c, "cancelled");
	return 0;
}

int call_conference_id(unsigned id, const char *target, const char **reason)
{
	struct call *c = bridged_call(id, reason);
	int err;

	if (!c)
		return EINVAL;
	if (c->third) {
		*reason = "a transfer, consult or conference is under way";
		return EBUSY;
	}
	if (c->held) {
		*reason = "call is on hold";
		return EBUSY;
	}
	err = third_dial(c, target, X_CONF, reason);
	if (!err)
		call_qevent(c, "conference", c->agent_id, "%s", target);
	return err;
}

int call_pickup_id(unsigned id, const char *ext, const char **reason)
{
	struct call *c = call_find(id);

	if (!c) {
		*reason = "no such call";
		return ENOENT;
	}
	if (c->state != CS_QUEUED || !c->acd) {
		*reason = "call is not waiting in a queue";
		return EINVAL;
	}
	return acd_pickup(c, ext, reason);
}

/* ---- originate (click-to-dial) */

struct origin_job {
	unsigned serial;
	char number[40];
	long long resident_id;
};

static void origin_lookup_run(void *arg)
{
	struct origin_job *j = arg;
	long long ids[1];

	if (resident_find_by_phone(ids, 1, j->number) > 0)
		j->resident_id = ids[0];
}

static void origin_lookup_done(void *arg, bool ran)
{
	struct origin_job *j = arg;
	struct call *c = ran ? call_find(j->serial) : NULL;

	if (c && j->resident_id) {
		c->resident_id = j->resident_id;
		call_event(c, "lookup", "known resident=%lld", j->resident_id);
	}
	free(j);
}

static void origin_timeout(void *arg)
{
	struct call *c = arg;

	if (c->state != CS_RINGING)
		return;
	call_event(c, "originate_failed", "%s no answer", c->caller ? c->to : c->agent_ext);
	call_end(c, "timeout");
}

int call_originate(const char *ext, const char *number, unsigned *idp, const char **reason)
{
	struct reg_binding *b;
	struct origin_job *j;
	struct call *c;

	if (!ivr_conf.outbound[0]) {
		*reason = "no outbound trunk (WL_SIP_OUTBOUND is empty)";
		return ENOENT;
	}
	b = reg_find(ext);
	if (!b) {
		*reason = "extension not registered";
		return ENOENT;
	}
	c = call_new();
	if (!c) {
		*reason = "out of memory";
		return ENOMEM;
	}
	c->outbound = true;
	c->state = CS_RINGING;
	snprintf(c->from, sizeof(c->from), "%s", ext);
	snprintf(c->to, sizeof(c->to), "%s", number);
	if (phone_normalize(c->caller_norm, number, NULL) || !c->caller_norm[0])
		snprintf(c->caller_norm, sizeof(c->caller_norm), "%s", number);
	snprintf(c->agent_ext, sizeof(c->agent_ext), "%s", ext);
	c->agent_id = b->staff_id;
	c->agent = call_dial(c, b->contact, ext, LEG_ORIGIN, reason);
	if (!c->agent) {
		mem_deref(c);
		return EIO;
	}
	c->agent->staff_id = b->staff_id;
	c->t_wait = tmr_jiffies();
	tmr_start(&c->xtmr, THIRD_RING_MS, origin_timeout, c);
	dbw_call_start(c->id, "out", ext, number, NULL, c->started);
	call_qevent(c, "originate", b->staff_id, "%s %s", ext, number);
	acd_agent_busy(c, b->staff_id, true);
	j = calloc(1, sizeof(*j));
	if (j) {
		j->serial = c->id;
		snprintf(j->number, sizeof(j->number), "%s", c->caller_norm);
		dbw_task(origin_lookup_run, origin_lookup_done, j);
	}
	*idp = c->id;
	return 0;
}

/* The agent answered: now the number, through the gateway (the agent hears silence). */
void xfer_origin_agent_answered(struct call *c, struct leg *l)
{
	const char *reason = "";
	char uri[256];

	if (c->caller || l != c->agent)
		return;
	snprintf(uri, sizeof(uri), "sip:%s@%s", c->to, ivr_conf.outbound);
	c->caller = call_dial(c, uri, c->to, LEG_CALLER, &reason);
	if (!c->caller) {
		call_event(c, "originate_failed", "%s %s", c->to, reason);
		call_end(c, "originate failed");
		return;
	}
	call_event(c, "originate_dial", "%s via %s", c->to, ivr_conf.outbound);
	tmr_start(&c->xtmr, THIRD_RING_MS, origin_timeout, c);
}

void xfer_origin_answered(struct call *c)
{
	if (!c->agent || !c->agent->established) {
		call_end(c, "agent gone");
		return;
	}
	tmr_cancel(&c->xtmr);
	call_bridge_leg(c, c->agent);
}
