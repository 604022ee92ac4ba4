/* cfg.c — the telephony configuration in memory: the worker polls app_meta
 * ivr_config_version every CFG_POLL_MS, loads every table of ivr/FLOWS.md into a new
 * snapshot when it moved, and the loop swaps it in.  The loop never waits for MariaDB; a
 * failed load keeps the snapshot in use (and says so in the log). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "log.h"
#include "ivrd.h"
#include "cfg.h"

enum { CFG_POLL_MS = 3000 };

struct load {
	long long have;		/* version in use */
	bool force;
	struct cfg *cfg;	/* the new snapshot, or NULL (unchanged or failed) */
};

static struct cfg empty;
static struct cfg *cur = &empty;
static struct tmr poll_tmr;
static bool polling, force_next, closing;

static void cfg_free(struct cfg *c)
{
	if (!c || c == &empty)
		return;
	for (size_t i = 0; i < c->nscheds; i++) {
		free(c->scheds[i].r);
		free(c->scheds[i].d);
	}
	free(c->prompts);
	free(c->nodes);
	free(c->edges);
	free(c->flows);
	free(c->numbers);
	free(c->scheds);
	free(c->black);
	free(c->vms);
	free(c->queues);
	free(c->members);
	free(c->staff);
	free(c->pause);
	free(c);
}

/* ---- the worker's side */

/* Grows *arr (of size elements) to hold one more; returns the new element or NULL. */
static void *grow(void *arr, size_t *n, size_t size)
{
	void **a = arr;
	char *p = realloc(*a, (*n + 1) * size);

	if (!p)
		return NULL;
	*a = p;
	memset(p + *n * size, 0, size);
	return p + (*n)++ * size;
}

static void cpy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

static int intcol(const struct stmt *st, int i)
{
	return db_text(st, i) ? (int)db_int(st, i) : -1;
}

static int minutes(const char *t)
{
	if (t && !strncmp(t, "23:59:59", 8))
		return 1440;
	return ivr_parse_hhmm(t ? t : "");
}

static int load_prompts(struct cfg *c)
{
	struct stmt *st = db_query("SELECT id, name, sha256 FROM ivr_prompt", "");
	int rc;

	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_prompt *p = grow(&c->prompts, &c->nprompts, sizeof(*p));
		const char *sha = db_text(st, 2) ? db_text(st, 2) : "";

		if (!p)
			break;
		p->id = db_int(st, 0);
		cpy(p->name, sizeof(p->name), db_text(st, 1));
		if (strlen(sha) == 64 && strspn(sha, "0123456789abcdef") == 64)
			snprintf(p->media, sizeof(p->media), "%.2s/%s", sha, sha);
	}
	db_done(st);
	return rc < 0 ? -1 : 0;
}

static int load_flows(struct cfg *c)
{
	struct stmt *st;
	int rc;

	st = db_query("SELECT id, IFNULL(entry_node_id, 0), name, active, is_default FROM ivr_flow", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_flow *f = grow(&c->flows, &c->nflows, sizeof(*f));
		if (!f)
			break;
		f->id = db_int(st, 0);
		f->entry = db_int(st, 1);
		cpy(f->name, sizeof(f->name), db_text(st, 2));
		f->active = db_int(st, 3) != 0;
		f->is_default = db_int(st, 4) != 0;
	}
	db_done(st);
	if (rc < 0)
		return -1;
	st = db_query("SELECT number, flow_id FROM ivr_flow_number", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_number *n = grow(&c->numbers, &c->nnumbers, sizeof(*n));
		if (!n)
			break;
		cpy(n->number, sizeof(n->number), db_text(st, 0));
		n->flow_id = db_int(st, 1);
	}
	db_done(st);
	return rc < 0 ? -1 : 0;
}

static int load_nodes(struct cfg *c)
{
	struct stmt *st;
	int rc;

	st = db_query("SELECT id, flow_id, node_key, type, IFNULL(prompt_id, 0), "
		      "IFNULL(invalid_prompt_id, 0), IFNULL(timeout_prompt_id, 0), "
		      "IFNULL(extra_prompt_id, 0), timeout_seconds, retries, min_digits, "
		      "max_digits, terminator, purpose, variable, IFNULL(schedule_id, 0), "
		      "IFNULL(queue_id, 0), priority, IFNULL(voicemail_id, 0), transfer_kind, "
		      "number, IFNULL(staff_id, 0), IFNULL(ticket_type_id, 0) FROM ivr_node", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_node *n = grow(&c->nodes, &c->nnodes, sizeof(*n));
		const char *term = db_text(st, 12);

		if (!n)
			break;
		n->id = db_int(st, 0);
		n->flow_id = db_int(st, 1);
		cpy(n->key, sizeof(n->key), db_text(st, 2));
		cpy(n->type, sizeof(n->type), db_text(st, 3));
		n->prompt_id = db_int(st, 4);
		n->invalid_prompt_id = db_int(st, 5);
		n->timeout_prompt_id = db_int(st, 6);
		n->extra_prompt_id = db_int(st, 7);
		n->timeout_seconds = intcol(st, 8);
		n->retries = intcol(st, 9);
		n->min_digits = intcol(st, 10);
		n->max_digits = intcol(st, 11);
		n->terminator = term && (term[0] == '#' || term[0] == '*') ? term[0] : 0;
		cpy(n->purpose, sizeof(n->purpose), db_text(st, 13));
		cpy(n->variable, sizeof(n->variable), db_text(st, 14));
		n->schedule_id = db_int(st, 15);
		n->queue_id = db_int(st, 16);
		n->priority = intcol(st, 17);
		n->voicemail_id = db_int(st, 18);
		cpy(n->transfer_kind, sizeof(n->transfer_kind), db_text(st, 19));
		cpy(n->number, sizeof(n->number), db_text(st, 20));
		n->staff_id = db_int(st, 21);
		n->ticket_type_id = db_int(st, 22);
	}
	db_done(st);
	if (rc < 0)
		return -1;
	st = db_query("SELECT node_id, outcome, target_id FROM ivr_edge", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_edge *e = grow(&c->edges, &c->nedges, sizeof(*e));
		if (!e)
			break;
		e->node_id = db_int(st, 0);
		cpy(e->outcome, sizeof(e->outcome), db_text(st, 1));
		e->target_id = db_int(st, 2);
	}
	db_done(st);
	return rc < 0 ? -1 : 0;
}

static struct cfg_sched *sched_of(struct cfg *c, long long id)
{
	for (size_t i = 0; i < c->nscheds; i++)
		if (c->scheds[i].id == id)
			return &c->scheds[i];
	return NULL;
}

static int load_schedules(struct cfg *c)
{
	struct stmt *st;
	int rc;

	st = db_query("SELECT id, IFNULL(duty_staff_id, 0), duty_number FROM ivr_schedule", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_sched *s = grow(&c->scheds, &c->nscheds, sizeof(*s));
		if (!s)
			break;
		s->id = db_int(st, 0);
		s->duty_staff_id = db_int(st, 1);
		cpy(s->duty_number, sizeof(s->duty_number), db_text(st, 2));
	}
	db_done(st);
	if (rc < 0)
		return -1;
	st = db_query("SELECT schedule_id, weekday, open_time, close_time FROM ivr_schedule_hours", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_sched *s = sched_of(c, db_int(st, 0));
		struct ivr_range *r = s ? grow(&s->r, &s->nr, sizeof(*r)) : NULL;
		if (!r)
			continue;
		r->weekday = (int)db_int(st, 1);
		r->open = minutes(db_text(st, 2));
		r->close = minutes(db_text(st, 3));
	}
	db_done(st);
	if (rc < 0)
		return -1;
	st = db_query("SELECT schedule_id, day, kind, open_time, close_time, "
		      "IFNULL(as_weekday, 0) FROM ivr_holiday "
		      "WHERE day >= UTC_DATE() - INTERVAL 2 DAY", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_sched *s = sched_of(c, db_int(st, 0));
		struct ivr_day *d = s ? grow(&s->d, &s->nd, sizeof(*d)) : NULL;
		const char *kind = db_text(st, 2) ? db_text(st, 2) : "closed";
		if (!d)
			continue;
		cpy(d->day, sizeof(d->day), db_text(st, 1));
		d->kind = kind[0] == 's' ? 's' : kind[0] == 'w' ? 'w' : 'c';
		d->open = minutes(db_text(st, 3));
		d->close = minutes(db_text(st, 4));
		d->as_weekday = (int)db_int(st, 5);
	}
	db_done(st);
	return rc < 0 ? -1 : 0;
}

static int load_misc(struct cfg *c)
{
	struct stmt *st;
	time_t now = time(NULL);
	int rc;

	st = db_query("SELECT id, number, action, IFNULL(prompt_id, 0), "
		      "IFNULL(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), expires_at), -1), "
		      "expires_at IS NULL FROM ivr_blacklist "
		      "WHERE expires_at IS NULL OR expires_at > UTC_TIMESTAMP()", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_black *b = grow(&c->black, &c->nblack, sizeof(*b));
		if (!b)
			break;
		b->id = db_int(st, 0);
		cpy(b->number, sizeof(b->number), db_text(st, 1));
		b->decline = db_text(st, 2) && !strcmp(db_text(st, 2), "decline");
		b->prompt_id = db_int(st, 3);
		b->expires = db_int(st, 5) ? 0 : now + (time_t)db_int(st, 4);
	}
	db_done(st);
	if (rc < 0)
		return -1;
	st = db_query("SELECT id, IFNULL(greeting_prompt_id, 0), max_seconds, "
		      "IFNULL(department_id, 0) FROM ivr_voicemail_box", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_vm *v = grow(&c->vms, &c->nvms, sizeof(*v));
		if (!v)
			break;
		v->id = db_int(st, 0);
		v->greeting_prompt_id = db_int(st, 1);
		v->max_seconds = (int)db_int(st, 2);
		v->department_id = db_int(st, 3);
	}
	db_done(st);
	if (rc < 0)
		return -1;
	st = db_query("SELECT id, IFNULL(sip_extension, ''), active FROM staff", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_staff *s = grow(&c->staff, &c->nstaff, sizeof(*s));
		if (!s)
			break;
		s->id = db_int(st, 0);
		cpy(s->ext, sizeof(s->ext), db_text(st, 1));
		s->active = db_int(st, 2) != 0;
	}
	db_done(st);
	if (rc < 0)
		return -1;
	st = db_query("SELECT i.code FROM dictionary_item i JOIN dictionary d "
		      "ON d.id = i.dictionary_id WHERE d.code = 'pause_reason'", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		char (*p)[33] = grow(&c->pause, &c->npause, sizeof(*p));
		if (!p)
			break;
		cpy(*p, sizeof(*p), db_text(st, 0));
	}
	db_done(st);
	return rc < 0 ? -1 : 0;
}

static int load_queues(struct cfg *c)
{
	struct stmt *st;
	int rc;

	st = db_query("SELECT id, code, name, strategy, vip_priority, emergency_priority, "
		      "announce_seconds, announce_wait, IFNULL(moh_prompt_id, 0), "
		      "IFNULL(join_prompt_id, 0), max_wait_seconds, overflow, "
		      "IFNULL(overflow_queue_id, 0), IFNULL(overflow_voicemail_id, 0), "
		      "wrapup_seconds, ring_seconds, autopause_after, record_calls, sticky_agent, "
		      "sticky_seconds, sla_seconds, active FROM acd_queue", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_queue *q = grow(&c->queues, &c->nqueues, sizeof(*q));
		if (!q)
			break;
		q->id = db_int(st, 0);
		cpy(q->code, sizeof(q->code), db_text(st, 1));
		cpy(q->name, sizeof(q->name), db_text(st, 2));
		cpy(q->strategy, sizeof(q->strategy), db_text(st, 3));
		q->vip_priority = (int)db_int(st, 4);
		q->emergency_priority = (int)db_int(st, 5);
		q->announce_seconds = (int)db_int(st, 6);
		q->announce_wait = db_int(st, 7) != 0;
		q->moh_prompt_id = db_int(st, 8);
		q->join_prompt_id = db_int(st, 9);
		q->max_wait_seconds = (int)db_int(st, 10);
		cpy(q->overflow, sizeof(q->overflow), db_text(st, 11));
		q->overflow_queue_id = db_int(st, 12);
		q->overflow_voicemail_id = db_int(st, 13);
		q->wrapup_seconds = (int)db_int(st, 14);
		q->ring_seconds = (int)db_int(st, 15);
		q->autopause_after = (int)db_int(st, 16);
		q->record_calls = db_int(st, 17) != 0;
		q->sticky_agent = db_int(st, 18) != 0;
		q->sticky_seconds = (int)db_int(st, 19);
		q->sla_seconds = (int)db_int(st, 20);
		q->active = db_int(st, 21) != 0;
	}
	db_done(st);
	if (rc < 0)
		return -1;
	st = db_query("SELECT queue_id, staff_id, priority FROM acd_queue_member", "");
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		struct cfg_member *m = grow(&c->members, &c->nmembers, sizeof(*m));
		if (!m)
			break;
		m->queue_id = db_int(st, 0);
		m->staff_id = db_int(st, 1);
		m->priority = (int)db_int(st, 2);
	}
	db_done(st);
	return rc < 0 ? -1 : 0;
}

static void load_run(void *arg)
{
	struct load *l = arg;
	long long v = db_int_query(-1, "SELECT v FROM app_meta WHERE k = 'ivr_config_version'", "");
	struct cfg *c;

	if (v < 0 || (v == l->have && !l->force))
		return;
	c = calloc(1, sizeof(*c));
	if (!c)
		return;
	c->version = v;
	if (load_prompts(c) || load_flows(c) || load_nodes(c) || load_schedules(c) ||
	    load_misc(c) || load_queues(c)) {
		log_err("cfg: cannot load the IVR configuration version %lld: %s; keeping "
			"version %lld", v, db_error(), l->have);
		cfg_free(c);
		return;
	}
	l->cfg = c;
}

/* ---- the loop's side */

static void poll_start(void);

static void load_done(void *arg, bool ran)
{
	struct load *l = arg;

	polling = false;
	if (ran && l->cfg && !closing) {
		struct cfg *old = cur;

		cur = l->cfg;
		l->cfg = NULL;
		log_info("cfg: IVR configuration version %lld loaded: %zu flows, %zu nodes, "
			 "%zu prompts, %zu queues, %zu blacklisted numbers", cur->version,
			 cur->nflows, cur->nnodes, cur->nprompts, cur->nqueues, cur->nblack);
		cfg_free(old);
		acd_config_changed();
	}
	cfg_free(l->cfg);
	free(l);
	if (ran && !closing)
		poll_start();
}

static void poll_now(void *arg)
{
	struct load *l;

	(void)arg;
	if (polling || closing)
		return;
	l = calloc(1, sizeof(*l));
	if (!l) {
		poll_start();
		return;
	}
	l->have = cur->version;
	l->force = force_next;
	force_next = false;
	polling = true;
	dbw_task(load_run, load_done, l);
}

static void poll_start(void)
{
	tmr_start(&poll_tmr, CFG_POLL_MS, poll_now, NULL);
}

void cfg_reload(void)
{
	force_next = true;
	if (!polling)
		tmr_start(&poll_tmr, 0, poll_now, NULL);
}

int cfg_init(void)
{
	tmr_init(&poll_tmr);
	closing = false;
	poll_now(NULL);
	return 0;
}

void cfg_close(void)
{
	closing = true;
	tmr_cancel(&poll_tmr);
	cfg_free(cur);
	cur = &empty;
}

const struct cfg *cfg_cur(void)
{
	return cur;
}

/* ---- lookups */

const struct cfg_node *cfg_node(const struct cfg *c, long long id)
{
	for (size_t i = 0; id && i < c->nnodes; i++)
		if (c->nodes[i].id == id)
			return &c->nodes[i];
	return NULL;
}

long long cfg_edge(const struct cfg *c, long long node_id, const char *outcome)
{
	for (size_t i = 0; i < c->nedges; i++)
		if (c->edges[i].node_id == node_id && !strcmp(c->edges[i].outcome, outcome))
			return c->edges[i].target_id;
	return 0;
}

const char *cfg_prompt_media(const struct cfg *c, long long id)
{
	for (size_t i = 0; id && i < c->nprompts; i++)
		if (c->prompts[i].id == id)
			return c->prompts[i].media[0] ? c->prompts[i].media : NULL;
	return NULL;
}

const char *cfg_prompt_named(const struct cfg *c, const char *name)
{
	for (size_t i = 0; i < c->nprompts; i++)
		if (!strcmp(c->prompts[i].name, name))
			return c->prompts[i].media[0] ? c->prompts[i].media : NULL;
	return NULL;
}

const struct cfg_flow *cfg_flow(const struct cfg *c, long long id)
{
	for (size_t i = 0; id && i < c->nflows; i++)
		if (c->flows[i].id == id)
			return &c->flows[i];
	return NULL;
}

const struct cfg_flow *cfg_flow_for(const struct cfg *c, const char *called)
{
	for (size_t i = 0; called && called[0] && i < c->nnumbers; i++) {
		const struct cfg_flow *f;

		if (strcmp(c->numbers[i].number, called))
			continue;
		f = cfg_flow(c, c->numbers[i].flow_id);
		if (f && f->active)
			return f;
	}
	for (size_t i = 0; i < c->nflows; i++)
		if (c->flows[i].is_default && c->flows[i].active)
			return &c->flows[i];
	return NULL;
}

const struct cfg_black *cfg_blacklisted(const struct cfg *c, const char *number)
{
	time_t now = time(NULL);

	for (size_t i = 0; number && number[0] && i < c->nblack; i++)
		if (!strcmp(c->black[i].number, number) &&
		    (!c->black[i].expires || c->black[i].expires > now))
			return &c->black[i];
	return NULL;
}

const struct cfg_sched *cfg_schedule(const struct cfg *c, long long id)
{
	for (size_t i = 0; id && i < c->nscheds; i++)
		if (c->scheds[i].id == id)
			return &c->scheds[i];
	return NULL;
}

int cfg_schedule_open(const struct cfg_sched *s)
{
	time_t now = time(NULL);
	struct tm tm;
	char day[16];

	localtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	return ivr_schedule_open(s->r, s->nr, s->d, s->nd, day, tm.tm_wday ? tm.tm_wday : 7,
				 tm.tm_hour * 60 + tm.tm_min);
}

const struct cfg_vm *cfg_vm(const struct cfg *c, long long id)
{
	for (size_t i = 0; id && i < c->nvms; i++)
		if (c->vms[i].id == id)
			return &c->vms[i];
	return NULL;
}

const struct cfg_queue *cfg_queue(const struct cfg *c, long long id)
{
	for (size_t i = 0; id && i < c->nqueues; i++)
		if (c->queues[i].id == id)
			return &c->queues[i];
	return NULL;
}

const struct cfg_staff *cfg_staff(const struct cfg *c, long long id)
{
	for (size_t i = 0; id && i < c->nstaff; i++)
		if (c->staff[i].id == id)
			return &c->staff[i];
	return NULL;
}

const struct cfg_member *cfg_member(const struct cfg *c, long long queue_id, long long staff_id)
{
	for (size_t i = 0; i < c->nmembers; i++)
		if (c->members[i].queue_id == queue_id && c->members[i].staff_id == staff_id)
			return &c->members[i];
	return NULL;
}
