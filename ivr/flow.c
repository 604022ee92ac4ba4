/* flow.c — the IVR flow interpreter of ivr/FLOWS.md: walks a call through the nodes of its
 * flow (play, menu, collect, time, lookup, status, report, pin, queue, voicemail, transfer,
 * hangup), the blacklist message, voicemail recording and the post-call rating.  Work that
 * needs the database (caller lookup, work-order status, PIN, creating the work order, storing
 * a voicemail) is a task of the database worker; its result comes back to the loop and finds
 * the call by its serial (it may have hung up meanwhile). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db.h"
#include "log.h"
#include "attach.h"
#include "resident.h"
#include "ticket.h"
#include "call.h"

enum { LOOP_GUARD = 50, QUIET_END_MS = 5000, REPORT_MIN_MS = 2000, XFER_RING_S = 30,
       RATE_WAIT_S = 10 };
enum phase { PH_NONE, PH_PROMPT, PH_WAIT, PH_FEEDBACK, PH_BUSY, PH_RECORD };

static const struct cfg_node *cur_node(const struct call *c)
{
	return cfg_node(cfg_cur(), c->node_id);
}

static const char *pm(long long id)
{
	return cfg_prompt_media(cfg_cur(), id);
}

/* A prompt by name from ivr_prompt, else the built-in of that name (may be missing). */
static const char *pn(const char *name, const char *builtin)
{
	const char *m = cfg_prompt_named(cfg_cur(), name);

	return m ? m : builtin;
}

static int nz(int v, int def)
{
	return v < 0 ? def : v;
}

static void end_cb(struct call *c)
{
	call_end(c, "flow");
}

/* Plays goodbye (if there is one) and hangs up. */
static void flow_finish(struct call *c, const char *why)
{
	tmr_cancel(&c->ftmr);
	call_event(c, "flow_end", "%s", why);
	call_pq_reset(c);
	call_pq_add(c, pn("goodbye", NULL));
	call_pq_start(c, end_cb, false);
}

static void run_node(struct call *c, const struct cfg_node *n);

static void flow_goto(struct call *c, long long id)
{
	const struct cfg_node *n = cfg_node(cfg_cur(), id);

	tmr_cancel(&c->ftmr);
	call_pq_stop(c);
	if (!n) {
		flow_finish(c, "no such node");
		return;
	}
	if (++c->hops > LOOP_GUARD) {
		call_event(c, "loop_guard", "%u nodes without input", LOOP_GUARD);
		call_end(c, "loop");
		return;
	}
	c->node_id = id;
	c->attempts = 0;
	c->input[0] = '\0';
	c->phase = PH_NONE;
	call_var_set(c, "_purpose", !strcmp(n->type, "pin") ? "pin" :
		     !strcmp(n->type, "collect") ? n->purpose : "");
	call_event(c, "node", "%s %s", n->key, n->type);
	run_node(c, n);
}

/* The node the call is at vanished (a reload): continue at the flow's entry. */
static void flow_lost(struct call *c)
{
	const struct cfg_flow *f = cfg_flow(cfg_cur(), c->flow_id);

	call_event(c, "node_gone", "%lld", c->node_id);
	if (f && f->entry && f->entry != c->node_id)
		flow_goto(c, f->entry);
	else
		flow_finish(c, "flow gone");
}

static void outcome(struct call *c, const char *o)
{
	const struct cfg_node *n = cur_node(c);
	long long t;

	if (!n) {
		flow_lost(c);
		return;
	}
	t = cfg_edge(cfg_cur(), n->id, o);
	if (!t && !strcmp(n->type, "status") && !strcmp(o, "none"))
		t = cfg_edge(cfg_cur(), n->id, "next");
	call_event(c, "outcome", "%s %s", n->key, o);
	if (!t) {
		if (!strcmp(n->type, "queue") && !strcmp(o, "fail")) {
			acd_overflow_now(c, n->queue_id);
			return;
		}
		flow_finish(c, "no edge");
		return;
	}
	flow_goto(c, t);
}

static void next_cb(struct call *c)
{
	outcome(c, "next");
}

/* ---- database tasks */

enum task_kind { T_LOOKUP, T_STATUS, T_PIN, T_REPORT, T_VOICEMAIL, T_RATING, T_BLACK };

struct task {
	enum task_kind kind;
	unsigned serial;
	long long node_id;
	char number[40], caller[40], path[128], detail[40];
	long long resident_id, household_id, a, b;
	int ok;
	long long out_id, out_household;
	int out_vip, out_emergency, out_open;
	char out_number[TICKET_NUMBER_MAX + 1], out_status[20];
};

static void task_lookup(struct task *t)
{
	long long ids[1];
	struct stmt *st;

	if (resident_find_by_phone(ids, 1, t->caller) < 1)
		return;
	st = db_query("SELECT r.level, (SELECT household_id FROM resident_household h "
		      "WHERE h.resident_id = r.id ORDER BY h.household_id LIMIT 1), "
		      "(SELECT COUNT(*) FROM ticket t WHERE t.resident_id = r.id AND "
		      "t.status IN " TICKET_OPEN_SQL "), "
		      "(SELECT COUNT(*) FROM ticket t WHERE t.resident_id = r.id AND "
		      "t.emergency = 1 AND t.status IN " TICKET_OPEN_SQL ") "
		      "FROM resident r WHERE r.id = ?", "i", ids[0]);
	if (st && db_next(st) == 1) {
		t->ok = 1;
		t->out_id = ids[0];
		t->out_vip = db_text(st, 0) && !strcmp(db_text(st, 0), "vip");
		t->out_household = db_int(st, 1);
		t->out_open = db_int(st, 2) > 0;
		t->out_emergency = db_int(st, 3) > 0;
	}
	db_done(st);
	if (t->ok && dbw_call_dbid(t->serial))
		db_exec("UPDATE `call` SET resident_id = ? WHERE id = ?", "iu", t->out_id,
			dbw_call_dbid(t->serial));
}

static int status_row(struct task *t, struct stmt *st)
{
	if (st && db_next(st) == 1) {
		snprintf(t->out_number, sizeof(t->out_number), "%s", db_text(st, 0));
		snprintf(t->out_status, sizeof(t->out_status), "%s", db_text(st, 1));
		t->ok = 1;
	}
	db_done(st);
	return t->ok;
}

static void task_status(struct task *t)
{
	long long ids[1];
	char dashed[40];

	if (t->number[0]) {
		snprintf(dashed, sizeof(dashed), "%.8s-%s", t->number,
			 strlen(t->number) > 8 ? t->number + 8 : "");
		status_row(t, db_query("SELECT number, status FROM ticket WHERE number IN (?, ?) "
				       "ORDER BY created_at DESC LIMIT 1", "ss", t->number, dashed));
		return;
	}
	if (!t->resident_id && resident_find_by_phone(ids, 1, t->caller) > 0)
		t->resident_id = ids[0];
	if (t->resident_id &&
	    status_row(t, db_query("SELECT number, status FROM ticket WHERE resident_id = ? "
				   "ORDER BY created_at DESC, id DESC LIMIT 1", "i", t->resident_id)))
		return;
	status_row(t, db_query("SELECT number, status FROM ticket WHERE contact_phone = ? "
			       "ORDER BY created_at DESC, id DESC LIMIT 1", "s", t->caller));
}

static void task_pin(struct task *t)
{
	char rid[24];

	snprintf(rid, sizeof(rid), "%lld", t->resident_id);
	t->ok = t->resident_id &&
		db_int_query(0, "SELECT COUNT(*) FROM ivr_resident_pin WHERE resident_id = ? AND "
			     "pin_sha256 = SHA2(CONCAT(?, ':', ?), 256)", "iss", t->resident_id,
			     rid, t->number) == 1;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) > 0 && n <= ATTACH_MAX_BYTES &&
	    !fseek(f, 0, SEEK_SET) && (data = malloc((size_t)n)) &&
	    fread(data, 1, (size_t)n, f) == (size_t)n) {
		*len = (size_t)n;
	} else {
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

/* A fault report: the work order through the core (channel phone), the recording attached. */
static void task_report(struct task *t)
{
	struct org_actor who = { 0, "ivrd" };
	struct org_errors e;
	struct ticket_new tn;
	char title[80], abs[512], sha[65], mime[64];
	const char *err;
	size_t len = 0;
	char *data;
	long long id = 0, att = 0;
	unsigned long long dbid = dbw_call_dbid(t->serial);

	memset(&tn, 0, sizeof(tn));
	snprintf(title, sizeof(title), "电话报修 %s", t->caller);
	tn.type_id = t->a;
	tn.title = title;
	tn.description = "来电录音报修，内容见附件录音";
	tn.channel = "phone";
	tn.resident_id = t->resident_id;
	tn.household_id = t->household_id;
	tn.address = t->household_id ? "" : "电话报修，地址见录音";
	tn.contact_phone = t->caller;
	tn.call_id = (long long)dbid;
	if (ticket_create(&id, t->out_number, &e, &who, &tn) != ORG_OK) {
		log_err("flow: call %u: the work order was refused (%s %s)", t->serial,
			e.n ? e.v[0].field : "-", e.n ? e.v[0].key : "database");
		return;
	}
	t->out_id = id;
	t->ok = 1;
	snprintf(abs, sizeof(abs), "%s/%s", ivr_conf.var, t->path);
	data = read_file(abs, &len);
	err = data ? attach_store_audio(sha, mime, data, len) : "cannot read";
	free(data);
	if (err)
		log_err("flow: call %u: work order %s: the recording %s was not attached: %s",
			t->serial, t->out_number, t->path, err);
	else if (ticket_attach(&att, &e, &who, id, sha, (long long)len, mime, "报修录音.wav"))
		log_err("flow: call %u: work order %s: attaching the recording failed",
			t->serial, t->out_number);
	if (dbid)
		db_exec("UPDATE `call` SET ticket_id = ? WHERE id = ?", "iu", id, dbid);
}

static void task_voicemail(struct task *t)
{
	unsigned long long dbid = dbw_call_dbid(t->serial);

	if (db_exec("INSERT INTO ivr_voicemail_message (box_id, call_id, caller, resident_id, "
		    "recording_path, duration_ms, department_id) VALUES (?, NULLIF(?, 0), ?, "
		    "NULLIF(?, 0), ?, ?, (SELECT department_id FROM ivr_voicemail_box WHERE id = ?))",
		    "iusisii", t->a, dbid, t->caller, t->resident_id, t->path, t->b, t->a) != 1)
		log_err("flow: call %u: voicemail %s not stored: %s", t->serial, t->path, db_error());
}

static void task_run(void *arg)
{
	struct task *t = arg;
	unsigned long long dbid;

	switch (t->kind) {
	case T_LOOKUP:
		task_lookup(t);
		break;
	case T_STATUS:
		task_status(t);
		break;
	case T_PIN:
		task_pin(t);
		break;
	case T_REPORT:
		task_report(t);
		break;
	case T_VOICEMAIL:
		task_voicemail(t);
		break;
	case T_RATING:
		dbid = dbw_call_dbid(t->serial);
		if (dbid)
			db_exec("UPDATE `call` SET rating = ? WHERE id = ?", "iu", t->a, dbid);
		break;
	case T_BLACK:
		dbid = dbw_call_dbid(t->serial);
		db_exec("INSERT INTO ivr_blacklist_attempt (number, action, blacklist_id, call_id) "
			"VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0))", "ssiu", t->caller, t->detail,
			t->a, dbid);
		break;
	}
}

static void lookup_done(struct call *c, struct task *t);
static void status_done(struct call *c, struct task *t);
static void pin_done(struct call *c, struct task *t);
static void report_done(struct call *c, struct task *t);

static void task_done(void *arg, bool ran)
{
	struct task *t = arg;
	struct call *c = ran ? call_find(t->serial) : NULL;

	if (c && !c->ended && c->state == CS_IVR && c->node_id == t->node_id) {
		c->pending = false;
		switch (t->kind) {
		case T_LOOKUP:
			lookup_done(c, t);
			break;
		case T_STATUS:
			status_done(c, t);
			break;
		case T_PIN:
			pin_done(c, t);
			break;
		case T_REPORT:
			report_done(c, t);
			break;
		default:
			break;
		}
	}
	free(t);
}

static struct task *task_new(struct call *c, enum task_kind kind)
{
	struct task *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->kind = kind;
	t->serial = c->id;
	t->node_id = c->node_id;
	t->resident_id = c->resident_id;
	t->household_id = c->household_id;
	snprintf(t->caller, sizeof(t->caller), "%s", c->caller_norm);
	return t;
}

static void task_go(struct call *c, struct task *t, bool wait)
{
	if (!t) {
		log_err("flow: call %u: out of memory", c->id);
		return;
	}
	c->pending = wait;
	dbw_task(task_run, task_done, t);
}

/* Tasks without a result for the call still need freeing in the loop. */
static void task_free(void *arg, bool ran)
{
	(void)ran;
	free(arg);
}

static void task_fire(struct task *t)
{
	if (t)
		dbw_task(task_run, task_free, t);
}

/* ---- play, hangup */

static void node_play(struct call *c, const struct cfg_node *n)
{
	call_pq_reset(c);
	call_pq_add(c, pm(n->prompt_id));
	call_pq_start(c, next_cb, false);
}

static void node_hangup(struct call *c, const struct cfg_node *n)
{
	call_event(c, "flow_end", "hangup node %s", n->key);
	call_pq_reset(c);
	call_pq_add(c, pm(n->prompt_id));
	call_pq_start(c, end_cb, false);
}

/* ---- menu, collect, pin: prompt, wait for digits, feedback and retries */

static void input_prompt(struct call *c);

static bool is_menu(const struct cfg_node *n)
{
	return !strcmp(n->type, "menu");
}

static void input_retry_cb(struct call *c)
{
	input_prompt(c);
}

/* A wrong or missing input: feedback prompt and again, or outcome fail after the retries. */
static void input_wrong(struct call *c, const struct cfg_node *n, bool nothing)
{
	tmr_cancel(&c->ftmr);
	c->attempts++;
	c->input[0] = '\0';
	if (c->attempts > nz(n->retries, 2)) {
		if (!is_menu(n))
			call_var_set(c, n->variable, "");
		outcome(c, "fail");
		return;
	}
	c->phase = PH_FEEDBACK;
	call_pq_reset(c);
	call_pq_add(c, pm(nothing ? n->timeout_prompt_id : n->invalid_prompt_id));
	call_pq_start(c, input_retry_cb, true);	/* a key during it is the next try */
}

static void input_finish(struct call *c);

static void input_timeout(void *arg)
{
	struct call *c = arg;
	const struct cfg_node *n = cur_node(c);

	if (!n) {
		flow_lost(c);
		return;
	}
	if (is_menu(n) || !c->input[0])
		input_wrong(c, n, true);
	else
		input_finish(c);
}

static void input_wait(struct call *c)
{
	const struct cfg_node *n = cur_node(c);

	if (!n) {
		flow_lost(c);
		return;
	}
	c->phase = PH_WAIT;
	tmr_start(&c->ftmr, (uint64_t)nz(n->timeout_seconds, 5) * 1000, input_timeout, c);
}

static void input_prompt_done(struct call *c)
{
	input_wait(c);
}

static void input_prompt(struct call *c)
{
	const struct cfg_node *n = cur_node(c);

	if (!n) {
		flow_lost(c);
		return;
	}
	c->phase = PH_PROMPT;
	c->input[0] = '\0';
	call_pq_reset(c);
	call_pq_add(c, pm(n->prompt_id));
	call_pq_start(c, input_prompt_done, true);
}

static void input_finish(struct call *c)
{
	const struct cfg_node *n = cur_node(c);
	struct task *t;

	tmr_cancel(&c->ftmr);
	if (!n) {
		flow_lost(c);
		return;
	}
	if ((int)strlen(c->input) < nz(n->min_digits, 1)) {
		input_wrong(c, n, !c->input[0]);
		return;
	}
	if (!strcmp(n->type, "pin")) {
		c->phase = PH_BUSY;
		t = task_new(c, T_PIN);
		if (t)
			snprintf(t->number, sizeof(t->number), "%s", c->input);
		task_go(c, t, true);
		return;
	}
	call_var_set(c, n->variable, c->input);
	outcome(c, "ok");
}

static void pin_done(struct call *c, struct task *t)
{
	const struct cfg_node *n = cur_node(c);

	if (!n) {
		flow_lost(c);
		return;
	}
	call_event(c, "pin", "%s", t->ok ? "ok" : "wrong");
	if (t->ok) {
		c->vip = true;
		call_var_set(c, "vip", "1");
		outcome(c, "ok");
		return;
	}
	input_wrong(c, n, false);
}

static void input_digit(struct call *c, const struct cfg_node *n, char d)
{
	size_t len = strlen(c->input);
	int max;

	if (c->phase != PH_PROMPT && c->phase != PH_WAIT && c->phase != PH_FEEDBACK)
		return;	/* a PIN check under way */
	if (is_menu(n)) {
		char key[2] = { d, 0 };

		tmr_cancel(&c->ftmr);
		call_pq_stop(c);
		if (cfg_edge(cfg_cur(), n->id, key))
			outcome(c, key);
		else
			input_wrong(c, n, false);
		return;
	}
	call_pq_stop(c);
	c->phase = PH_WAIT;
	max = !strcmp(n->type, "pin") ? nz(n->max_digits, 6) : nz(n->max_digits, 32);
	if ((n->terminator && d == n->terminator) || (!strcmp(n->type, "pin") && d == '#')) {
		input_finish(c);
		return;
	}
	if (len + 1 < sizeof(c->input)) {
		c->input[len] = d;
		c->input[len + 1] = '\0';
	}
	if ((int)strlen(c->input) >= max) {
		input_finish(c);
		return;
	}
	input_wait(c);
}

/* ---- time, lookup, status */

static void node_time(struct call *c, const struct cfg_node *n)
{
	const struct cfg_sched *s = cfg_schedule(cfg_cur(), n->schedule_id);
	int open;

	if (!s) {
		log_warn("flow: call %u: node %s: schedule %lld not found, taken as open", c->id,
			 n->key, n->schedule_id);
		open = 1;
	} else {
		open = cfg_schedule_open(s);
	}
	outcome(c, open ? "open" : "closed");
}

static void known_cb(struct call *c)
{
	outcome(c, "known");
}

static void none_cb(struct call *c)
{
	outcome(c, "none");
}

static void lookup_done(struct call *c, struct task *t)
{
	const struct cfg_node *n = cur_node(c);

	if (!n) {
		flow_lost(c);
		return;
	}
	if (!t->ok) {
		call_event(c, "lookup", "unknown");
		outcome(c, "unknown");
		return;
	}
	c->resident_id = t->out_id;
	c->household_id = t->out_household;
	c->vip = c->vip || t->out_vip;
	c->emergency = t->out_emergency;
	c->open_ticket = t->out_open;
	{
		char v[24];

		snprintf(v, sizeof(v), "%lld", t->out_id);
		call_var_set(c, "resident_id", v);
	}
	call_event(c, "lookup", "known resident=%lld%s%s%s", t->out_id, t->out_vip ? " vip" : "",
		   t->out_open ? " open_ticket" : "", t->out_emergency ? " emergency" : "");
	c->phase = PH_BUSY;
	call_pq_reset(c);
	call_pq_add(c, pm(n->prompt_id));
	if (t->out_open)
		call_pq_add(c, pm(n->extra_prompt_id));
	call_pq_start(c, known_cb, false);
}

static void node_lookup(struct call *c, const struct cfg_node *n)
{
	(void)n;
	c->phase = PH_BUSY;
	task_go(c, task_new(c, T_LOOKUP), true);
}

static void status_done(struct call *c, struct task *t)
{
	const struct cfg_node *n = cur_node(c);

	if (!n) {
		flow_lost(c);
		return;
	}
	call_pq_reset(c);
	if (!t->ok) {
		call_event(c, "status", "none");
		call_pq_add(c, pm(n->extra_prompt_id));
		call_pq_start(c, none_cb, false);
		return;
	}
	call_event(c, "status", "%s %s", t->out_number, t->out_status);
	call_pq_add(c, pm(n->prompt_id));
	for (const char *p = t->out_number; *p; p++) {
		char name[16];

		if (*p < '0' || *p > '9')
			continue;
		snprintf(name, sizeof(name), "digit_%c", *p);
		call_pq_add(c, pn(name, NULL));
	}
	{
		char name[40];

		snprintf(name, sizeof(name), "status_%s", t->out_status);
		call_pq_add(c, pn(name, NULL));
	}
	call_pq_start(c, next_cb, false);
}

static void node_status(struct call *c, const struct cfg_node *n)
{
	struct task *t = task_new(c, T_STATUS);
	const char *v = n->variable[0] ? call_var(c, n->variable) : NULL;

	c->phase = PH_BUSY;
	if (t && v && v[0] && strspn(v, "0123456789") == strlen(v))
		snprintf(t->number, sizeof(t->number), "%s", v);
	task_go(c, t, true);
}

/* ---- report and voicemail: record what the caller says */

static void record_stop(struct call *c, const char *why);

static void record_tick(void *arg)
{
	struct call *c = arg;
	uint64_t limit_ms = (uint64_t)c->attempts * 1000;	/* the limit, set by record_start */

	if (media_quiet_ms(c->caller->media) >= QUIET_END_MS &&
	    media_recorded_ms(c->caller->media) > QUIET_END_MS) {
		record_stop(c, "silence");
		return;
	}
	if (media_recorded_ms(c->caller->media) >= limit_ms) {
		record_stop(c, "limit");
		return;
	}
	tmr_start(&c->ftmr, 200, record_tick, c);
}

static void record_begin(struct call *c)
{
	char abs[512];

	c->msg_path = mem_deref(c->msg_path);
	c->msg_path = call_rec_path(c, c->msg_box ? "vm" : "report", abs, sizeof(abs));
	if (!c->msg_path || media_record(c->caller->media, abs)) {
		call_event(c, "record_failed", "%s", abs);
		c->msg_path = mem_deref(c->msg_path);
		if (c->msg_box)
			call_end(c, "record failed");
		else
			outcome(c, "fail");
		return;
	}
	c->phase = PH_RECORD;
	call_event(c, "record", "%s", c->msg_path);
	tmr_start(&c->ftmr, 200, record_tick, c);
}

static void record_begin_cb(struct call *c)
{
	record_begin(c);
}

/* Plays the prompts, a beep, and records up to limit_s seconds. */
static void record_start(struct call *c, const char *prompt, int limit_s)
{
	c->attempts = limit_s;
	c->phase = PH_PROMPT;
	call_pq_reset(c);
	call_pq_add(c, prompt);
	call_pq_add(c, "beep");
	call_pq_start(c, record_begin_cb, false);
}

static void report_done(struct call *c, struct task *t)
{
	if (!t->ok) {
		outcome(c, "fail");
		return;
	}
	c->ticket_id = (unsigned long long)t->out_id;
	call_var_set(c, "ticket_number", t->out_number);
	call_event(c, "ticket", "%s id=%lld", t->out_number, t->out_id);
	outcome(c, "ok");
}

/* Ends a recording; a fault report becomes a work order (waiting for it unless the caller
 * is gone), a voicemail a message row. */
static void record_stop(struct call *c, const char *why)
{
	const struct cfg_node *n = cur_node(c);
	unsigned ms;
	struct task *t;

	tmr_cancel(&c->ftmr);
	ms = media_record_stop(c->caller->media);
	c->phase = PH_BUSY;
	call_event(c, "record_end", "%s %u ms", why, ms);
	if (c->msg_box) {
		t = task_new(c, T_VOICEMAIL);
		if (t) {
			t->a = c->msg_box;
			t->b = ms;
			snprintf(t->path, sizeof(t->path), "%s", c->msg_path);
		}
		task_fire(t);
		c->disp = "voicemail";
		c->msg_box = 0;
		c->msg_path = mem_deref(c->msg_path);
		if (!c->ended) {
			call_pq_reset(c);
			call_pq_add(c, pn("goodbye", NULL));
			call_pq_start(c, end_cb, false);
		}
		return;
	}
	if (ms < REPORT_MIN_MS || !n) {
		c->msg_path = mem_deref(c->msg_path);
		if (!c->ended)
			outcome(c, "fail");
		return;
	}
	t = task_new(c, T_REPORT);
	if (t) {
		t->a = n->ticket_type_id;
		snprintf(t->path, sizeof(t->path), "%s", c->msg_path);
	}
	c->msg_path = mem_deref(c->msg_path);
	if (c->ended) {
		task_fire(t);
		return;
	}
	task_go(c, t, true);
}

static void node_report(struct call *c, const struct cfg_node *n)
{
	int limit = nz(n->timeout_seconds, 120);

	c->msg_box = 0;
	record_start(c, pm(n->prompt_id), limit > 600 ? 600 : limit);
}

void flow_voicemail(struct call *c, long long box)
{
	const struct cfg_vm *v = cfg_vm(cfg_cur(), box);
	const char *greet;

	c->state = CS_IVR;
	tmr_cancel(&c->ftmr);
	if (!v) {
		log_warn("flow: call %u: voicemail box %lld not found", c->id, box);
		flow_finish(c, "no voicemail box");
		return;
	}
	greet = pm(v->greeting_prompt_id);
	if (!greet)
		greet = pn("vm_greeting", NULL);
	c->msg_box = box;
	call_event(c, "voicemail", "box %lld", box);
	record_start(c, greet, v->max_seconds > 0 ? v->max_seconds : 120);
}

void flow_call_ending(struct call *c)
{
	tmr_cancel(&c->ftmr);
	if (c->phase == PH_RECORD && c->caller && c->msg_path) {
		c->phase = PH_BUSY;
		record_stop(c, "hangup");
	}
}

/* ---- queue, transfer */

static void node_queue(struct call *c, const struct cfg_node *n)
{
	const struct cfg_queue *q = cfg_queue(cfg_cur(), n->queue_id);
	int prio = nz(n->priority, 0);

	if (q && c->vip && q->vip_priority > prio)
		prio = q->vip_priority;
	if (q && c->emergency && q->emergency_priority > prio)
		prio = q->emergency_priority;
	if (acd_enter(c, n->queue_id, prio))
		outcome(c, "fail");
}

static void xfer_timeout(void *arg)
{
	struct call *c = arg;

	if (c->state != CS_RINGING)
		return;
	call_event(c, "transfer_noanswer", "%s", c->agent ? c->agent->ext : "");
	call_leg_drop(c->agent);
	c->state = CS_IVR;
	flow_xfer_failed(c, "no answer");
}

static void xfer_dial(struct call *c)
{
	const struct cfg_node *n = cur_node(c);
	const struct cfg *cf = cfg_cur();
	const struct cfg_staff *s = NULL;
	const char *number = NULL, *reason = "no target";
	int err = ENOENT;

	if (!n) {
		flow_lost(c);
		return;
	}
	if (!strcmp(n->transfer_kind, "staff")) {
		s = cfg_staff(cf, n->staff_id);
	} else if (!strcmp(n->transfer_kind, "duty")) {
		const struct cfg_sched *sc = cfg_schedule(cf, n->schedule_id);

		s = sc ? cfg_staff(cf, sc->duty_staff_id) : NULL;
		if (s && (!s->ext[0] || !reg_find(s->ext)))
			s = NULL;
		if (!s && sc && sc->duty_number[0])
			number = sc->duty_number;
	} else {
		number = n->number;
	}
	if (s && s->ext[0])
		err = call_transfer(c, s->ext, NULL, &reason);
	else if (number && number[0])
		err = call_transfer(c, NULL, number, &reason);
	if (err) {
		call_event(c, "transfer_failed", "%s %s", n->transfer_kind, reason);
		outcome(c, "fail");
		return;
	}
	tmr_start(&c->ftmr, XFER_RING_S * 1000, xfer_timeout, c);
}

static void xfer_dial_cb(struct call *c)
{
	xfer_dial(c);
}

static void node_transfer(struct call *c, const struct cfg_node *n)
{
	c->asked_agent = true;
	call_pq_reset(c);
	call_pq_add(c, pm(n->prompt_id));
	call_pq_start(c, xfer_dial_cb, false);
}

void flow_xfer_failed(struct call *c, const char *why)
{
	const struct cfg_node *n = cur_node(c);

	tmr_cancel(&c->ftmr);
	if (!n) {
		flow_lost(c);
		return;
	}
	if (!strcmp(n->type, "transfer")) {
		call_event(c, "transfer_failed", "%s", why);
		outcome(c, "fail");
		return;
	}
	run_node(c, n);	/* a control-socket bridge failed: back to where the caller was */
}

/* ---- the walk */

static void run_node(struct call *c, const struct cfg_node *n)
{
	const char *t = n->type;

	if (!strcmp(t, "play"))
		node_play(c, n);
	else if (!strcmp(t, "menu") || !strcmp(t, "collect") || !strcmp(t, "pin"))
		input_prompt(c);
	else if (!strcmp(t, "time"))
		node_time(c, n);
	else if (!strcmp(t, "lookup"))
		node_lookup(c, n);
	else if (!strcmp(t, "status"))
		node_status(c, n);
	else if (!strcmp(t, "report"))
		node_report(c, n);
	else if (!strcmp(t, "queue"))
		node_queue(c, n);
	else if (!strcmp(t, "voicemail"))
		flow_voicemail(c, n->voicemail_id);
	else if (!strcmp(t, "transfer"))
		node_transfer(c, n);
	else if (!strcmp(t, "hangup"))
		node_hangup(c, n);
	else {
		log_warn("flow: call %u: node %s has unknown type '%s'", c->id, n->key, t);
		flow_finish(c, "unknown node type");
	}
}

void flow_start(struct call *c, const struct cfg_flow *f)
{
	c->flow_id = f->id;
	call_event(c, "flow", "%lld %s", f->id, f->name);
	flow_goto(c, f->entry);
}

void flow_dtmf(struct call *c, char digit)
{
	const struct cfg_node *n = cur_node(c);

	c->hops = 0;
	if (!n)
		return;
	if (c->phase == PH_RECORD && digit == '#') {
		record_stop(c, "#");
		return;
	}
	if (!strcmp(n->type, "menu") || !strcmp(n->type, "collect") || !strcmp(n->type, "pin"))
		input_digit(c, n, digit);
}

/* ---- blacklist, unavailable */

void flow_blacklist_log(struct call *c, const struct cfg_black *b, const char *action)
{
	struct task *t = task_new(c, T_BLACK);

	call_event(c, "blacklisted", "%s %s", c->caller_norm, action);
	if (t) {
		t->a = b->id;
		snprintf(t->detail, sizeof(t->detail), "%s", action);
	}
	task_fire(t);
}

void flow_blacklisted(struct call *c, const struct cfg_black *b)
{
	const char *m = pm(b->prompt_id);

	flow_blacklist_log(c, b, "message");
	c->disp = "blacklisted";
	call_pq_reset(c);
	call_pq_add(c, m ? m : pn("blacklist_notice", "noagent"));
	call_pq_start(c, end_cb, false);
}

void flow_unavailable(struct call *c)
{
	call_pq_reset(c);
	call_pq_add(c, "noagent");
	call_pq_start(c, end_cb, false);
}

/* ---- post-call satisfaction */

static void rate_timeout(void *arg)
{
	struct call *c = arg;

	call_event(c, "rating", "none");
	call_end(c, "rating timeout");
}

static void rate_wait(struct call *c)
{
	tmr_start(&c->ftmr, RATE_WAIT_S * 1000, rate_timeout, c);
}

void flow_rating_start(struct call *c)
{
	const char *ask = pn("rate_ask", NULL);

	c->state = CS_RATING;
	c->rating = 0;
	if (!ask) {
		call_end(c, "agent");
		return;
	}
	call_pq_reset(c);
	call_pq_add(c, ask);
	call_pq_start(c, rate_wait, true);
}

void flow_rating_dtmf(struct call *c, char digit)
{
	struct task *t;

	if (c->rating || digit < '1' || digit > '5')
		return;
	tmr_cancel(&c->ftmr);
	call_pq_stop(c);
	c->rating = digit - '0';
	call_qevent(c, "rating", c->agent_id, "%d", c->rating);
	t = task_new(c, T_RATING);
	if (t)
		t->a = c->rating;
	task_fire(t);
	call_pq_reset(c);
	call_pq_add(c, pn("rate_thanks", NULL));
	call_pq_add(c, pn("goodbye", NULL));
	call_pq_start(c, end_cb, false);
}
