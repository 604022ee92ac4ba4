/* acd.c — the ACD: agent states per staff account (logged_out, ready, ringing, on_call,
 * wrap_up, paused with a reason), queues of waiting callers ordered by priority then arrival,
 * offering a caller to agents by the queue's strategy (longest_idle, round_robin,
 * fewest_calls, ring_all) within member priority tiers, sticky agent, ring timeout and
 * auto-pause, wrap-up, join prompt, music on hold, position announcements, maximum wait and
 * overflow (ivr/FLOWS.md "Queues").  Every agent state change is written to agent_state and
 * agent_state_log through the database worker; queue events are call_events with the queue
 * and the agent set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "call.h"

enum astate { AS_LOGGED_OUT, AS_READY, AS_RINGING, AS_ON_CALL, AS_WRAP_UP, AS_PAUSED };
static const char *const anames[] = { "logged_out", "ready", "ringing", "on_call", "wrap_up",
				      "paused" };

enum { MAX_OFFERS = 16, MAX_TRIED = 32, RETRY_MS = 2000, WAITS_KEPT = 64 };

struct agent {
	struct le le;
	long long staff_id;
	enum astate state;
	char reason[33];
	uint64_t since;		/* tmr_jiffies() of the last change */
	uint64_t idle_since;	/* end of the last call (longest_idle) */
	unsigned missed;	/* unanswered offers in a row */
	unsigned call;		/* serial of the call offered to or talking with */
	char day[11];		/* local day of the counts below */
	struct { long long queue_id; unsigned n; } answered[8];
	struct tmr wrap;
};

struct offer {
	struct leg *leg;
	struct agent *a;
};

struct acd_entry {
	struct le le;
	struct call *c;
	long long queue_id;
	int prio;
	uint64_t arrival;	/* first queue entry: the order, kept across overflow */
	uint64_t entered;	/* this queue */
	uint64_t last_offer;
	struct tmr tmax, tann, tring, tsticky;
	struct offer offers[MAX_OFFERS];
	int noffers;
	long long tried[MAX_TRIED];
	int ntried;
	long long sticky_staff;
	bool sticky_pending;
	int depth;		/* overflows followed */
};

struct qrt {
	struct le le;
	long long id;
	struct list waiting;
	long long last_rr;	/* round_robin: the last staff id offered */
	struct { uint64_t at; unsigned wait_s; } waits[WAITS_KEPT];	/* answered, for estimates */
	unsigned nwaits;
};

static struct list agents, qrts;
static struct tmr dispatch_tmr, retry_tmr;
static bool closing;

static void dispatch_soon(void);
static void dispatch(void *arg);

/* ---- agents */

static struct agent *agent_find(long long staff_id)
{
	for (struct le *le = agents.head; le; le = le->next) {
		struct agent *a = le->data;
		if (a->staff_id == staff_id)
			return a;
	}
	return NULL;
}

static void agent_destructor(void *arg)
{
	struct agent *a = arg;

	tmr_cancel(&a->wrap);
	list_unlink(&a->le);
}

static struct agent *agent_get(long long staff_id)
{
	struct agent *a = agent_find(staff_id);

	if (a)
		return a;
	a = mem_zalloc(sizeof(*a), agent_destructor);
	if (!a)
		return NULL;
	a->staff_id = staff_id;
	a->state = AS_LOGGED_OUT;
	a->since = a->idle_since = tmr_jiffies();
	tmr_init(&a->wrap);
	list_append(&agents, &a->le, a);
	return a;
}

struct state_job {
	long long staff_id;
	char state[16], reason[33], at[32], queue[33], node[64];
	unsigned serial;
};

static void state_run(void *arg)
{
	struct state_job *j = arg;
	unsigned long long dbid = j->serial ? dbw_call_dbid(j->serial) : 0;
	const char *reason = j->reason[0] ? j->reason : NULL;
	const char *queue = j->queue[0] ? j->queue : NULL;

	db_exec("INSERT INTO agent_state (staff_id, state, reason, since, call_id, queue, node) "
		"VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, ?) ON DUPLICATE KEY UPDATE "
		"state = VALUES(state), reason = VALUES(reason), since = VALUES(since), "
		"call_id = VALUES(call_id), queue = VALUES(queue), node = VALUES(node)",
		"isssuss", j->staff_id, j->state, reason, j->at, dbid, queue, j->node);
	db_exec("INSERT INTO agent_state_log (staff_id, state, reason, at, call_id, queue, node) "
		"VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, ?)", "isssuss", j->staff_id, j->state,
		reason, j->at, dbid, queue, j->node);
}

static void state_free(void *arg, bool ran)
{
	(void)ran;
	free(arg);
}

static void agent_set(struct agent *a, enum astate st, const char *reason, const struct call *c)
{
	struct state_job *j;

	if (st != AS_PAUSED)
		reason = NULL;
	a->state = st;
	a->since = tmr_jiffies();
	snprintf(a->reason, sizeof(a->reason), "%s", reason ? reason : "");
	a->call = c ? c->id : 0;
	if (st != AS_WRAP_UP)
		tmr_cancel(&a->wrap);
	log_info("acd: agent %lld %s%s%s%s%s", a->staff_id, anames[st], reason ? " " : "",
		 reason ? reason : "", c ? " call " : "", c && c->queue[0] ? c->queue : "");
	j = calloc(1, sizeof(*j));
	if (!j)
		return;
	j->staff_id = a->staff_id;
	snprintf(j->state, sizeof(j->state), "%s", anames[st]);
	snprintf(j->reason, sizeof(j->reason), "%s", a->reason);
	ivr_utc_now(j->at, sizeof(j->at));
	if (c) {
		j->serial = c->id;
		snprintf(j->queue, sizeof(j->queue), "%s", c->queue);
	}
	snprintf(j->node, sizeof(j->node), "%s", ivr_conf.node);
	dbw_task(state_run, state_free, j);
	if (st == AS_READY)
		dispatch_soon();
}

static void wrap_end(void *arg)
{
	struct agent *a = arg;

	if (a->state == AS_WRAP_UP)
		agent_set(a, AS_READY, NULL, NULL);
}

/* The agent's call ended: wrap-up (or ready) unless they paused or logged out meanwhile. */
static void agent_call_done(struct agent *a, const struct cfg_queue *q)
{
	int wrap = q ? q->wrapup_seconds : 0;

	a->idle_since = tmr_jiffies();
	if (a->state != AS_ON_CALL && a->state != AS_RINGING)
		return;
	if (wrap > 0) {
		agent_set(a, AS_WRAP_UP, NULL, NULL);
		tmr_start(&a->wrap, (uint64_t)wrap * 1000, wrap_end, a);
	} else {
		agent_set(a, AS_READY, NULL, NULL);
	}
}

static const char *agent_ext(const struct agent *a)
{
	const struct cfg_staff *s = cfg_staff(cfg_cur(), a->staff_id);

	return s && s->ext[0] ? s->ext : NULL;
}

static unsigned answered_today(struct agent *a, long long queue_id, bool add)
{
	time_t now = time(NULL);
	struct tm tm;
	char day[11];

	localtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	if (strcmp(day, a->day)) {
		memset(a->answered, 0, sizeof(a->answered));
		snprintf(a->day, sizeof(a->day), "%s", day);
	}
	for (size_t i = 0; i < sizeof(a->answered) / sizeof(a->answered[0]); i++) {
		if (a->answered[i].queue_id == queue_id || (add && !a->answered[i].queue_id)) {
			a->answered[i].queue_id = queue_id;
			if (add)
				a->answered[i].n++;
			return a->answered[i].n;
		}
	}
	return 0;
}

/* ---- queues */

static struct qrt *qrt_get(long long id)
{
	struct qrt *q;

	for (struct le *le = qrts.head; le; le = le->next) {
		q = le->data;
		if (q->id == id)
			return q;
	}
	q = mem_zalloc(sizeof(*q), NULL);
	if (!q)
		return NULL;
	q->id = id;
	list_init(&q->waiting);
	list_append(&qrts, &q->le, q);
	return q;
}

static void entry_destructor(void *arg)
{
	struct acd_entry *e = arg;

	list_unlink(&e->le);
	tmr_cancel(&e->tmax);
	tmr_cancel(&e->tann);
	tmr_cancel(&e->tring);
	tmr_cancel(&e->tsticky);
}

static unsigned position(const struct acd_entry *e)
{
	unsigned n = 1;

	for (struct le *le = e->le.list ? e->le.list->head : NULL; le && le->data != e; le = le->next)
		n++;
	return n;
}

/* Cancels the offers of e; agents that were ringing become ready again (missed: counted as
 * an unanswered offer, with auto-pause). */
static void offers_cancel(struct acd_entry *e, bool missed, const char *why)
{
	const struct cfg_queue *q = cfg_queue(cfg_cur(), e->queue_id);

	tmr_cancel(&e->tring);
	for (int i = 0; i < e->noffers; i++) {
		struct agent *a = e->offers[i].a;

		call_leg_drop(e->offers[i].leg);
		e->offers[i].leg = NULL;
		if (!a || a->state != AS_RINGING || a->call != e->c->id)
			continue;
		if (missed) {
			a->missed++;
			call_qevent(e->c, "noanswer", (unsigned long long)a->staff_id, "%s", why);
			if (q && q->autopause_after > 0 && a->missed >= (unsigned)q->autopause_after) {
				call_qevent(e->c, "autopause", (unsigned long long)a->staff_id,
					    "%u unanswered", a->missed);
				agent_set(a, AS_PAUSED, "auto", NULL);
				continue;
			}
		}
		agent_set(a, AS_READY, NULL, NULL);
	}
	e->noffers = 0;
}

static void leave(struct acd_entry *e)
{
	offers_cancel(e, false, "");
	if (e->c)
		e->c->acd = NULL;
	mem_deref(e);
}

/* ---- what the waiting caller hears */

static void moh(struct call *c);

static void moh_cb(struct call *c)
{
	moh(c);
}

static void moh(struct call *c)
{
	const struct cfg_queue *q = cfg_queue(cfg_cur(), c->queue_id);
	const char *m = q ? cfg_prompt_media(cfg_cur(), q->moh_prompt_id) : NULL;

	if (!m)
		m = cfg_prompt_named(cfg_cur(), "moh");
	if (!m || c->state != CS_QUEUED)
		return;	/* silence */
	call_pq_reset(c);
	call_pq_add(c, m);
	call_pq_start(c, moh_cb, false);
}

static unsigned estimate_s(const struct qrt *r, unsigned pos)
{
	uint64_t now = tmr_jiffies(), sum = 0;
	unsigned n = 0;

	for (unsigned i = 0; i < r->nwaits && i < WAITS_KEPT; i++) {
		if (now - r->waits[i].at > 3600 * 1000)
			continue;
		sum += r->waits[i].wait_s;
		n++;
	}
	return n ? (unsigned)(sum / n) * pos : 0;
}

static void add_number(struct call *c, unsigned v)
{
	char buf[16], name[16];

	snprintf(buf, sizeof(buf), "%u", v);
	for (char *p = buf; *p; p++) {
		snprintf(name, sizeof(name), "digit_%c", *p);
		call_pq_add(c, cfg_prompt_named(cfg_cur(), name));
	}
}

static void announce(void *arg)
{
	struct acd_entry *e = arg;
	struct call *c = e->c;
	const struct cfg *cf = cfg_cur();
	const struct cfg_queue *q = cfg_queue(cf, e->queue_id);
	struct qrt *r = qrt_get(e->queue_id);
	unsigned pos = position(e), est = 0;

	if (!q || q->announce_seconds <= 0)
		return;
	if (q->announce_wait && r)
		est = estimate_s(r, pos);
	if (est)
		call_qevent(c, "announce", 0, "position %u wait %u", pos, est);
	else
		call_qevent(c, "announce", 0, "position %u", pos);
	call_pq_reset(c);
	call_pq_add(c, cfg_prompt_named(cf, "queue_position"));
	add_number(c, pos);
	call_pq_add(c, cfg_prompt_named(cf, "queue_callers"));
	if (est && cfg_prompt_named(cf, "queue_wait") && cfg_prompt_named(cf, "queue_minutes")) {
		call_pq_add(c, cfg_prompt_named(cf, "queue_wait"));
		add_number(c, (est + 59) / 60);
		call_pq_add(c, cfg_prompt_named(cf, "queue_minutes"));
	}
	call_pq_start(c, moh_cb, false);
	tmr_start(&e->tann, (uint64_t)q->announce_seconds * 1000, announce, e);
}

/* ---- offering */

static bool tried(const struct acd_entry *e, long long staff)
{
	for (int i = 0; i < e->ntried; i++)
		if (e->tried[i] == staff)
			return true;
	return false;
}

static bool available(const struct agent *a)
{
	const char *ext;

	if (!a || a->state != AS_READY)
		return false;
	ext = agent_ext(a);
	return ext && reg_find(ext);
}

static void ring_timeout(void *arg)
{
	struct acd_entry *e = arg;

	offers_cancel(e, true, "timeout");
	dispatch_soon();
}

static bool offer(struct acd_entry *e, struct agent *a, const struct cfg_queue *q)
{
	struct call *c = e->c;
	const char *ext = agent_ext(a), *reason = "";
	struct reg_binding *b = ext ? reg_find(ext) : NULL;
	struct leg *l;

	if (e->ntried < MAX_TRIED)
		e->tried[e->ntried++] = a->staff_id;
	if (!b || e->noffers >= MAX_OFFERS)
		return false;
	l = call_dial(c, b->contact, ext, LEG_OFFER, &reason);
	if (!l) {
		log_warn("acd: call %u: cannot ring agent %lld (%s): %s", c->id, a->staff_id, ext,
			 reason);
		return false;
	}
	l->staff_id = (unsigned long long)a->staff_id;
	e->offers[e->noffers].leg = l;
	e->offers[e->noffers++].a = a;
	e->last_offer = tmr_jiffies();
	agent_set(a, AS_RINGING, NULL, c);
	/* the screen pop: the web polls call_event for event 'offer' and its agent */
	call_qevent(c, "offer", (unsigned long long)a->staff_id, "%s caller=%s resident=%lld",
		    ext, c->from, c->resident_id);
	if (!tmr_isrunning(&e->tring))
		tmr_start(&e->tring, (uint64_t)(q->ring_seconds > 0 ? q->ring_seconds : 20) * 1000,
			  ring_timeout, e);
	return true;
}

/* The agents to offer e to now (strategy within the best member tier), offered. */
static void offer_next(struct acd_entry *e, const struct cfg_queue *q, struct qrt *r)
{
	const struct cfg *cf = cfg_cur();
	struct agent *pick = NULL;
	int tier = 10;
	bool again = false, ring_all = !strcmp(q->strategy, "ring_all");
	uint64_t now = tmr_jiffies();

	/* sticky agent first, while the caller has waited less than sticky_seconds */
	if (q->sticky_agent && now - e->entered < (uint64_t)q->sticky_seconds * 1000) {
		struct agent *s = e->sticky_staff ? agent_find(e->sticky_staff) : NULL;

		if (e->sticky_pending)
			return;
		if (s && cfg_member(cf, q->id, s->staff_id) && s->state != AS_LOGGED_OUT &&
		    !tried(e, s->staff_id)) {
			if (available(s)) {
				call_qevent(e->c, "sticky", (unsigned long long)s->staff_id, "%s",
					    agent_ext(s));
				offer(e, s, q);
			}
			return;	/* wait for them (tsticky re-dispatches at the limit) */
		}
	}
	for (int pass = 0; pass < 2 && !pick; pass++) {
		tier = 10;
		for (size_t i = 0; i < cf->nmembers; i++) {
			const struct cfg_member *m = &cf->members[i];
			struct agent *a;

			if (m->queue_id != q->id || !available(a = agent_find(m->staff_id)))
				continue;
			if (tried(e, a->staff_id)) {
				again = true;
				continue;
			}
			if (m->priority < tier)
				tier = m->priority;
		}
		if (tier == 10) {
			/* everyone ready was tried: start over, but not in a tight loop */
			if (!again || pass)
				return;
			if (now - e->last_offer < RETRY_MS) {
				tmr_start(&retry_tmr, RETRY_MS, dispatch, NULL);
				return;
			}
			e->ntried = 0;
			continue;
		}
		for (size_t i = 0; i < cf->nmembers; i++) {
			const struct cfg_member *m = &cf->members[i];
			struct agent *a;

			if (m->queue_id != q->id || m->priority != tier ||
			    !available(a = agent_find(m->staff_id)) || tried(e, a->staff_id))
				continue;
			if (ring_all) {
				offer(e, a, q);
				continue;
			}
			if (!pick) {
				pick = a;
			} else if (!strcmp(q->strategy, "round_robin")) {
				/* the next staff id after the last one offered, wrapping */
				bool pa = pick->staff_id > r->last_rr, aa = a->staff_id > r->last_rr;
				if ((aa && !pa) || (aa == pa && a->staff_id < pick->staff_id))
					pick = a;
			} else if (!strcmp(q->strategy, "fewest_calls")) {
				if (answered_today(a, q->id, false) <
				    answered_today(pick, q->id, false))
					pick = a;
			} else if (a->idle_since < pick->idle_since) {
				pick = a;	/* longest_idle */
			}
		}
		if (ring_all)
			return;
	}
	if (pick) {
		r->last_rr = pick->staff_id;
		offer(e, pick, q);
	}
}

static void dispatch(void *arg)
{
	(void)arg;
	if (closing)
		return;
	for (struct le *qle = qrts.head; qle; qle = qle->next) {
		struct qrt *r = qle->data;
		const struct cfg_queue *q = cfg_queue(cfg_cur(), r->id);

		if (!q)
			continue;
		for (struct le *le = r->waiting.head; le; le = le->next) {
			struct acd_entry *e = le->data;

			if (!e->noffers)
				offer_next(e, q, r);
		}
	}
}

static void dispatch_soon(void)
{
	if (!closing)
		tmr_start(&dispatch_tmr, 0, dispatch, NULL);
}

/* ---- entering and leaving */

static void sticky_expired(void *arg)
{
	(void)arg;
	dispatch_soon();
}

struct sticky_job {
	unsigned serial;
	char caller[40];
	long long staff;
};

static void sticky_run(void *arg)
{
	struct sticky_job *j = arg;

	j->staff = db_int_query(0, "SELECT agent_id FROM `call` WHERE caller = ? AND "
				"agent_id IS NOT NULL AND answered_at IS NOT NULL "
				"ORDER BY started_at DESC LIMIT 1", "s", j->caller);
}

static void sticky_done(void *arg, bool ran)
{
	struct sticky_job *j = arg;
	struct call *c = ran ? call_find(j->serial) : NULL;

	if (c && c->acd) {
		c->acd->sticky_pending = false;
		c->acd->sticky_staff = j->staff;
		if (j->staff)
			log_info("acd: call %u: sticky agent %lld", c->id, j->staff);
		dispatch_soon();
	}
	free(j);
}

static void max_wait(void *arg);

static void insert_sorted(struct qrt *r, struct acd_entry *e)
{
	struct le *le;

	for (le = r->waiting.head; le; le = le->next) {
		struct acd_entry *o = le->data;

		if (e->prio > o->prio || (e->prio == o->prio && e->arrival < o->arrival))
			break;
	}
	if (le)
		list_insert_before(&r->waiting, le, &e->le, e);
	else
		list_append(&r->waiting, &e->le, e);
}

static void join_cb(struct call *c)
{
	moh(c);
}

static bool anyone_logged_in(const struct cfg *cf, long long qid)
{
	for (size_t i = 0; i < cf->nmembers; i++) {
		struct agent *a;

		if (cf->members[i].queue_id == qid && (a = agent_find(cf->members[i].staff_id)) &&
		    a->state != AS_LOGGED_OUT)
			return true;
	}
	return false;
}

static int enter(struct call *c, long long queue_id, int prio, int depth)
{
	const struct cfg *cf = cfg_cur();
	const struct cfg_queue *q = cfg_queue(cf, queue_id);
	struct qrt *r = qrt_get(queue_id);
	struct acd_entry *e;

	if (!q || !r || !q->active || !anyone_logged_in(cf, queue_id)) {
		call_event(c, "queue_fail", "%lld %s", queue_id,
			   !q ? "no such queue" : !q->active ? "inactive" : "nobody logged in");
		return -1;
	}
	e = mem_zalloc(sizeof(*e), entry_destructor);
	if (!e)
		return -1;
	tmr_init(&e->tmax);
	tmr_init(&e->tann);
	tmr_init(&e->tring);
	tmr_init(&e->tsticky);
	c->asked_agent = true;
	if (!c->t_queue)
		c->t_queue = tmr_jiffies();
	c->state = CS_QUEUED;
	c->acd = e;
	c->queue_id = queue_id;
	snprintf(c->queue, sizeof(c->queue), "%s", q->code);
	c->record = q->record_calls;
	c->rate = true;
	e->c = c;
	e->queue_id = queue_id;
	e->prio = prio;
	e->arrival = c->t_queue;
	e->entered = tmr_jiffies();
	e->depth = depth;
	insert_sorted(r, e);
	call_qevent(c, "enter", 0, "priority %d position %u", prio, position(e));
	if (q->max_wait_seconds > 0)
		tmr_start(&e->tmax, (uint64_t)q->max_wait_seconds * 1000, max_wait, e);
	if (q->announce_seconds > 0)
		tmr_start(&e->tann, (uint64_t)q->announce_seconds * 1000, announce, e);
	if (q->sticky_agent) {
		struct sticky_job *j = calloc(1, sizeof(*j));

		if (j) {
			j->serial = c->id;
			snprintf(j->caller, sizeof(j->caller), "%s", c->from);
			e->sticky_pending = true;
			dbw_task(sticky_run, sticky_done, j);
		}
		tmr_start(&e->tsticky, (uint64_t)q->sticky_seconds * 1000 + 50, sticky_expired, NULL);
	}
	call_pq_reset(c);
	call_pq_add(c, cfg_prompt_media(cf, q->join_prompt_id));
	call_pq_start(c, join_cb, false);
	dispatch_soon();
	return 0;
}

int acd_enter(struct call *c, long long queue_id, int prio)
{
	return enter(c, queue_id, prio, 0);
}

static void goodbye_end(struct call *c)
{
	call_end(c, "queue");
}

/* The queue's overflow for a call that is not (or no longer) in it. */
static void overflow(struct call *c, const struct cfg_queue *q, int prio, int depth)
{
	if (q && !strcmp(q->overflow, "queue") && q->overflow_queue_id && depth < 8) {
		const struct cfg_queue *oq = cfg_queue(cfg_cur(), q->overflow_queue_id);

		call_event(c, "overflow", "queue %s", oq ? oq->code : "?");
		if (!enter(c, q->overflow_queue_id, prio, depth + 1))
			return;
		overflow(c, oq, prio, depth + 1);
		return;
	}
	if (q && !strcmp(q->overflow, "voicemail") && q->overflow_voicemail_id) {
		call_event(c, "overflow", "voicemail %lld", q->overflow_voicemail_id);
		c->state = CS_IVR;
		flow_voicemail(c, q->overflow_voicemail_id);
		return;
	}
	call_event(c, "overflow", "none: hang up");
	c->state = CS_IVR;
	call_pq_reset(c);
	call_pq_add(c, cfg_prompt_named(cfg_cur(), "goodbye"));
	call_pq_start(c, goodbye_end, false);
}

void acd_overflow_now(struct call *c, long long queue_id)
{
	overflow(c, cfg_queue(cfg_cur(), queue_id), 0, 0);
}

static void max_wait(void *arg)
{
	struct acd_entry *e = arg;
	struct call *c = e->c;
	const struct cfg_queue *q = cfg_queue(cfg_cur(), e->queue_id);
	int prio = e->prio, depth = e->depth;

	if (!q || !strcmp(q->overflow, "none"))
		return;	/* keep waiting */
	call_qevent(c, "leave", 0, "max wait %d s", q->max_wait_seconds);
	leave(e);
	overflow(c, q, prio, depth);
}

void acd_leg_answered(struct call *c, struct leg *l)
{
	struct acd_entry *e = c->acd;
	const struct cfg_queue *q = e ? cfg_queue(cfg_cur(), e->queue_id) : NULL;
	struct qrt *r = e ? qrt_get(e->queue_id) : NULL;
	struct agent *a = NULL;
	unsigned wait_s;

	if (!e) {
		call_leg_drop(l);
		return;
	}
	for (int i = 0; i < e->noffers; i++) {
		if (e->offers[i].leg == l) {
			a = e->offers[i].a;
			e->offers[i] = e->offers[--e->noffers];	/* keep it out of the cancel */
			break;
		}
	}
	wait_s = (unsigned)((tmr_jiffies() - c->t_queue + 500) / 1000);
	if (r) {
		r->waits[r->nwaits % WAITS_KEPT].at = tmr_jiffies();
		r->waits[r->nwaits % WAITS_KEPT].wait_s = wait_s;
		r->nwaits++;
	}
	leave(e);	/* other ring_all offers are cancelled, their agents ready again */
	if (a) {
		a->missed = 0;
		answered_today(a, q ? q->id : 0, true);
		agent_set(a, AS_ON_CALL, NULL, c);
	}
	call_qevent(c, "answer", l->staff_id, "%s wait %u", l->ext, wait_s);
	call_bridge_leg(c, l);
}

void acd_leg_failed(struct call *c, struct leg *l, const char *why)
{
	struct acd_entry *e = c->acd;
	const struct cfg_queue *q;

	if (!e) {
		mem_deref(l);
		return;
	}
	q = cfg_queue(cfg_cur(), e->queue_id);
	for (int i = 0; i < e->noffers; i++) {
		struct agent *a = e->offers[i].a;

		if (e->offers[i].leg != l)
			continue;
		e->offers[i] = e->offers[--e->noffers];
		if (a && a->state == AS_RINGING && a->call == c->id) {
			a->missed++;
			call_qevent(c, "noanswer", (unsigned long long)a->staff_id, "%s", why);
			if (q && q->autopause_after > 0 && a->missed >= (unsigned)q->autopause_after) {
				call_qevent(c, "autopause", (unsigned long long)a->staff_id,
					    "%u unanswered", a->missed);
				agent_set(a, AS_PAUSED, "auto", NULL);
			} else {
				agent_set(a, AS_READY, NULL, NULL);
			}
		}
		break;
	}
	mem_deref(l);
	if (!e->noffers) {
		tmr_cancel(&e->tring);
		dispatch_soon();
	}
}

void acd_agent_hungup(struct call *c)
{
	struct agent *a = c->queue[0] && c->agent_id ? agent_find((long long)c->agent_id) : NULL;

	if (a && a->call == c->id)
		agent_call_done(a, cfg_queue(cfg_cur(), c->queue_id));
	if (!c->queue[0])
		c->rate = false;
}

void acd_call_ending(struct call *c)
{
	if (c->acd) {
		call_qevent(c, "abandon", 0, "wait %llu",
			    (unsigned long long)((tmr_jiffies() - c->t_queue + 500) / 1000));
		leave(c->acd);
		dispatch_soon();
		return;
	}
	if (c->state == CS_BRIDGED && c->queue[0])
		acd_agent_hungup(c);
}

void acd_agent_busy(struct call *c, unsigned long long staff, bool busy)
{
	struct agent *a = staff ? agent_find((long long)staff) : NULL;

	if (!a)
		return;
	if (busy && a->state == AS_READY)
		agent_set(a, AS_ON_CALL, NULL, c);
	else if (!busy && a->state == AS_ON_CALL && a->call == c->id)
		agent_call_done(a, NULL);
}

int acd_transfer_in(struct call *c, long long queue_id, unsigned long long skip)
{
	if (enter(c, queue_id, 0, 0))
		return -1;
	if (skip && c->acd)
		c->acd->tried[c->acd->ntried++] = (long long)skip;
	return 0;
}

int acd_pickup(struct call *c, const char *ext, const char **reason)
{
	struct acd_entry *e = c->acd;
	const struct cfg_queue *q = cfg_queue(cfg_cur(), e->queue_id);
	struct reg_binding *b = reg_find(ext);
	struct agent *a = b ? agent_find((long long)b->staff_id) : NULL;

	if (!b) {
		*reason = "extension not registered";
		return ENOENT;
	}
	if (!a || a->state == AS_LOGGED_OUT) {
		*reason = "agent is not logged in";
		return EPERM;
	}
	if (a->state == AS_ON_CALL || a->state == AS_RINGING) {
		*reason = "agent is busy";
		return EBUSY;
	}
	if (!q) {
		*reason = "call is not waiting in a queue";
		return EINVAL;
	}
	for (int i = 0; i < e->noffers; i++)
		call_qevent(c, "noanswer", (unsigned long long)e->offers[i].a->staff_id,
			    "picked up by %s", ext);
	offers_cancel(e, false, "");
	call_qevent(c, "pickup", b->staff_id, "%s", ext);
	a->missed = 0;
	if (!offer(e, a, q)) {
		*reason = "cannot send INVITE";
		dispatch_soon();
		return EIO;
	}
	return 0;
}

void acd_phone_registered(void)
{
	if (qrts.head)
		dispatch_soon();
}

/* ---- configuration, start, stop */

static void goodbye_end(struct call *c);

/* After a reload: callers waiting in a queue that no longer exists hear goodbye and are hung
 * up (their max-wait timer would never fire); everything else is offered again. */
void acd_config_changed(void)
{
	for (struct le *qle = qrts.head; qle; qle = qle->next) {
		struct qrt *r = qle->data;

		if (cfg_queue(cfg_cur(), r->id))
			continue;
		while (r->waiting.head) {
			struct acd_entry *e = r->waiting.head->data;
			struct call *c = e->c;

			log_warn("acd: call %u: queue %lld was deleted while the caller waited", c->id,
				 r->id);
			call_qevent(c, "leave", 0, "queue deleted");
			leave(e);
			c->state = CS_IVR;
			call_pq_reset(c);
			call_pq_add(c, cfg_prompt_named(cfg_cur(), "goodbye"));
			call_pq_start(c, goodbye_end, false);
		}
	}
	dispatch_soon();
}

struct restore_job {
	int dummy;
};

static void restore_run(void *arg)
{
	(void)arg;
	/* ivrd holds agent states in memory: after a restart everyone logs in again */
	db_exec("INSERT INTO agent_state_log (staff_id, state, reason, at, node) "
		"SELECT staff_id, 'logged_out', 'restart', UTC_TIMESTAMP(3), ? FROM agent_state "
		"WHERE node = ? AND state <> 'logged_out'", "ss", ivr_conf.node, ivr_conf.node);
	db_exec("UPDATE agent_state SET state = 'logged_out', reason = 'restart', "
		"since = UTC_TIMESTAMP(3), call_id = NULL, queue = NULL WHERE node = ? AND "
		"state <> 'logged_out'", "s", ivr_conf.node);
}

int acd_init(void)
{
	list_init(&agents);
	list_init(&qrts);
	tmr_init(&dispatch_tmr);
	tmr_init(&retry_tmr);
	closing = false;
	dbw_task(restore_run, NULL, NULL);
	return 0;
}

void acd_close(void)
{
	if (closing)
		return;
	closing = true;
	tmr_cancel(&dispatch_tmr);
	tmr_cancel(&retry_tmr);
	for (struct le *le = agents.head; le; le = le->next) {
		struct agent *a = le->data;

		if (a->state != AS_LOGGED_OUT)
			agent_set(a, AS_LOGGED_OUT, NULL, NULL);
	}
	list_flush(&agents);
	for (struct le *le = qrts.head; le; le = le->next) {
		struct qrt *r = le->data;

		while (r->waiting.head)
			leave(r->waiting.head->data);
	}
	list_flush(&qrts);
}

/* ---- control socket */

static bool pause_reason_ok(const char *r)
{
	static const char *const builtin[] = { "meal", "rest", "meeting", "training",
					       "paperwork", "callback", "auto", NULL };
	const struct cfg *cf = cfg_cur();

	for (size_t i = 0; i < cf->npause; i++)
		if (!strcmp(cf->pause[i], r))
			return true;
	if (cf->npause)
		return false;
	for (int i = 0; builtin[i]; i++)
		if (!strcmp(builtin[i], r))
			return true;
	return false;
}

static long long parse_staff(const char *s)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;

	return s && *s && !*end && v > 0 ? v : 0;
}

static int print_agents(struct re_printf *pf)
{
	uint64_t now = tmr_jiffies();
	unsigned n = 0;
	int err = 0;

	for (struct le *le = agents.head; le; le = le->next) {
		const struct agent *a = le->data;
		const char *ext = agent_ext(a);

		err |= re_hprintf(pf, "AGENT_STATE %lld %s %s %llu ext=%s registered=%d call=%u "
				  "missed=%u\r\n", a->staff_id, anames[a->state],
				  a->reason[0] ? a->reason : "-",
				  (unsigned long long)((now - a->since) / 1000), ext ? ext : "-",
				  ext && reg_find(ext) ? 1 : 0, a->call, a->missed);
		n++;
	}
	return err | re_hprintf(pf, "OK %u agents\r\n", n);
}

static int print_queues(struct re_printf *pf)
{
	const struct cfg *cf = cfg_cur();
	uint64_t now = tmr_jiffies();
	int err = 0;

	for (size_t i = 0; i < cf->nqueues; i++) {
		const struct cfg_queue *q = &cf->queues[i];
		struct qrt *r = qrt_get(q->id);
		unsigned waiting = 0, ready = 0, logged = 0;
		uint64_t longest = 0;

		for (struct le *le = r ? r->waiting.head : NULL; le; le = le->next) {
			const struct acd_entry *e = le->data;

			waiting++;
			if (now - e->arrival > longest)
				longest = now - e->arrival;
		}
		for (size_t m = 0; m < cf->nmembers; m++) {
			struct agent *a;

			if (cf->members[m].queue_id != q->id ||
			    !(a = agent_find(cf->members[m].staff_id)))
				continue;
			logged += a->state != AS_LOGGED_OUT;
			ready += available(a);
		}
		err |= re_hprintf(pf, "QUEUE %s waiting=%u longest=%llu ready=%u logged_in=%u "
				  "strategy=%s active=%d\r\n", q->code, waiting,
				  (unsigned long long)(longest / 1000), ready, logged, q->strategy,
				  q->active);
	}
	return err | re_hprintf(pf, "OK %zu queues\r\n", cf->nqueues);
}

/* agent_login|agent_logout|agent_ready STAFF, agent_pause STAFF REASON, agent_states, queues */
int acd_ctl(struct re_printf *pf, int argc, char **argv, bool *handled)
{
	const char *cmd = argv[0];
	long long staff = argc > 1 ? parse_staff(argv[1]) : 0;
	struct agent *a;

	*handled = true;
	if (!strcmp(cmd, "agent_states") && argc == 1)
		return print_agents(pf);
	if (!strcmp(cmd, "queues") && argc == 1)
		return print_queues(pf);
	if (!((!strcmp(cmd, "agent_login") || !strcmp(cmd, "agent_logout") ||
	       !strcmp(cmd, "agent_ready")) && argc == 2) &&
	    !(!strcmp(cmd, "agent_pause") && argc == 3)) {
		*handled = false;
		return 0;
	}
	if (!staff)
		return re_hprintf(pf, "ERR bad staff id\r\n");
	if (!cfg_staff(cfg_cur(), staff) || !cfg_staff(cfg_cur(), staff)->active)
		return re_hprintf(pf, "ERR no such staff account\r\n");
	a = agent_get(staff);
	if (!a)
		return re_hprintf(pf, "ERR out of memory\r\n");
	if (!strcmp(cmd, "agent_logout")) {
		if (a->state == AS_RINGING)
			a->state = AS_READY;	/* the offer is cancelled by the next dispatch */
		if (a->state != AS_LOGGED_OUT)
			agent_set(a, AS_LOGGED_OUT, NULL, NULL);
		return re_hprintf(pf, "OK %lld logged_out\r\n", staff);
	}
	if (!strcmp(cmd, "agent_pause")) {
		if (!pause_reason_ok(argv[2]))
			return re_hprintf(pf, "ERR unknown pause reason\r\n");
		if (a->state == AS_ON_CALL || a->state == AS_RINGING) {
			/* paused after this call: the state says paused, the call goes on */
		}
		a->missed = 0;
		agent_set(a, AS_PAUSED, argv[2], NULL);
		return re_hprintf(pf, "OK %lld paused %s\r\n", staff, argv[2]);
	}
	/* login and ready: ready unless on a call (then after it) */
	if (a->state == AS_ON_CALL || a->state == AS_RINGING)
		return re_hprintf(pf, "OK %lld %s\r\n", staff, anames[a->state]);
	a->missed = 0;
	agent_set(a, AS_READY, NULL, NULL);
	return re_hprintf(pf, "OK %lld ready\r\n", staff);
}
