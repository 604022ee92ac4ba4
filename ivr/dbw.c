/* dbw.c — ivrd's database worker: one thread with its own MariaDB connection (lib/db.c)
 * takes jobs from a FIFO queue, so the event loop never waits for the database.
 *
 * lib/db.c keeps one connection and its statement cache in process globals, without
 * locks: it is safe as long as exactly one thread uses it, and in ivrd that thread is
 * this worker (the loop never calls db_*).  Jobs run in the order they were queued, so a
 * call's events always follow its INSERT; the worker keeps the map from ivrd's call serial
 * to the row id.  Results the loop needs (credential lookups) are put on a locked list and
 * the loop is woken through libre's mqueue. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "ivrd.h"

enum job_type { JOB_REG_CLEAR, JOB_AUTH, JOB_REG_UPSERT, JOB_REG_DELETE, JOB_CALL_START,
		JOB_CALL_EVENT, JOB_CALL_END, JOB_TASK };

struct job {
	struct job *next;
	enum job_type type;
	unsigned serial;
	unsigned long long id;	/* staff id, agent id */
	long n1, n2, n3;	/* expires; wait, talk, hold */
	unsigned long long resident_id, ticket_id;	/* JOB_CALL_END */
	char *s[8];
	void *req;		/* JOB_AUTH: the loop's request, handed back */
	dbw_run_h *run;		/* JOB_TASK */
	dbw_done_h *done;
	void *arg;
};

struct auth_result {
	struct auth_result *next;
	void *req;
	unsigned long long staff_id;
	char ha1[40], realm[64];
	bool active;
};

struct call_map {
	unsigned serial;
	unsigned long long dbid;
};

static pthread_t thread;
static bool running;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static struct job *head, *tail;
static bool stop;
static struct auth_result *results;
static struct job *done_head, *done_tail;	/* finished JOB_TASKs for the loop */
static struct mqueue *mq;
static struct call_map *map;	/* guarded by lock */
static size_t nmap, capmap;

static char *sdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void job_free(struct job *j)
{
	for (size_t i = 0; i < sizeof(j->s) / sizeof(j->s[0]); i++)
		free(j->s[i]);
	free(j);
}

static struct job *job_new(enum job_type type)
{
	struct job *j = calloc(1, sizeof(*j));

	if (j)
		j->type = type;
	else
		log_err("dbw: out of memory, database job dropped");
	return j;
}

static void job_push(struct job *j)
{
	if (!j)
		return;
	pthread_mutex_lock(&lock);
	if (!running) {
		pthread_mutex_unlock(&lock);
		job_free(j);
		return;
	}
	if (tail)
		tail->next = j;
	else
		head = j;
	tail = j;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
}

/* ---- the worker's side */

static unsigned long long map_get(unsigned serial)
{
	unsigned long long id = 0;

	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < nmap; i++)
		if (map[i].serial == serial)
			id = map[i].dbid;
	pthread_mutex_unlock(&lock);
	return id;
}

static void map_set(unsigned serial, unsigned long long dbid)
{
	pthread_mutex_lock(&lock);
	if (nmap == capmap) {
		size_t cap = capmap ? capmap * 2 : 64;
		struct call_map *m = realloc(map, cap * sizeof(*m));
		if (!m) {
			pthread_mutex_unlock(&lock);
			return;
		}
		map = m;
		capmap = cap;
	}
	map[nmap].serial = serial;
	map[nmap++].dbid = dbid;
	pthread_mutex_unlock(&lock);
}

static void map_del(unsigned serial)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < nmap; i++) {
		if (map[i].serial == serial) {
			map[i] = map[--nmap];
			break;
		}
	}
	pthread_mutex_unlock(&lock);
}

static void run_auth(struct job *j)
{
	struct auth_result *r = calloc(1, sizeof(*r));
	struct stmt *st;

	if (!r)
		return;
	r->req = j->req;
	st = db_query("SELECT id, sip_ha1, sip_ha1_realm, active FROM staff "
		      "WHERE sip_extension = ?", "s", j->s[0]);
	if (st && db_next(st) == 1) {
		r->staff_id = (unsigned long long)db_int(st, 0);
		snprintf(r->ha1, sizeof(r->ha1), "%s", db_text(st, 1) ? db_text(st, 1) : "");
		snprintf(r->realm, sizeof(r->realm), "%s", db_text(st, 2) ? db_text(st, 2) : "");
		r->active = db_int(st, 3) != 0;
	}
	db_done(st);
	pthread_mutex_lock(&lock);
	r->next = results;
	results = r;
	pthread_mutex_unlock(&lock);
	mqueue_push(mq, 0, NULL);
}

static void run_call_end(struct job *j)
{
	unsigned long long dbid = map_get(j->serial);
	char agent[24], wait[24], talk[24], hold[24], resid[24];

	if (!dbid)
		return;
	snprintf(resid, sizeof(resid), "%llu", j->resident_id);
	snprintf(agent, sizeof(agent), "%llu", j->id);
	snprintf(wait, sizeof(wait), "%ld", j->n1);
	snprintf(talk, sizeof(talk), "%ld", j->n2);
	snprintf(hold, sizeof(hold), "%ld", j->n3);
	db_exec("UPDATE `call` SET answered_at = ?, ended_at = ?, disposition = ?, agent_id = ?, "
		"agent_extension = ?, wait_seconds = ?, talk_seconds = ?, hold_seconds = ?, "
		"recording_path = ?, queue = ?, resident_id = COALESCE(NULLIF(?, 0), resident_id), "
		"ticket_id = COALESCE(NULLIF(?, 0), ticket_id) WHERE id = ?", "sssssssssssuu",
		j->s[0], j->s[1], j->s[2], j->id ? agent : NULL, j->s[3],
		j->n1 >= 0 ? wait : NULL, j->n2 >= 0 ? talk : NULL, j->n3 > 0 ? hold : NULL,
		j->s[4], j->s[5],
		j->resident_id ? resid : NULL, j->ticket_id, dbid);
	map_del(j->serial);
}

static void job_run(struct job *j)
{
	unsigned long long dbid;

	switch (j->type) {
	case JOB_REG_CLEAR:
		db_exec("DELETE FROM sip_registration WHERE node = ?", "s", j->s[0]);
		break;
	case JOB_AUTH:
		run_auth(j);
		break;
	case JOB_REG_UPSERT:
		db_exec("INSERT INTO sip_registration (extension, staff_id, contact, source, "
			"user_agent, node, registered_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, "
			"UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? SECOND) ON DUPLICATE KEY "
			"UPDATE staff_id = VALUES(staff_id), contact = VALUES(contact), "
			"source = VALUES(source), user_agent = VALUES(user_agent), "
			"node = VALUES(node), expires_at = VALUES(expires_at)", "sussssi",
			j->s[0], j->id, j->s[1], j->s[2], j->s[3], j->s[4], (long long)j->n1);
		break;
	case JOB_REG_DELETE:
		db_exec("DELETE FROM sip_registration WHERE extension = ?", "s", j->s[0]);
		break;
	case JOB_CALL_START:
		if (db_exec("INSERT INTO `call` (direction, caller, callee, started_at, "
			    "sip_call_id, node) VALUES (?, ?, ?, ?, ?, ?)", "ssssss", j->s[0],
			    j->s[1], j->s[2], j->s[3], j->s[4], j->s[5]) == 1)
			map_set(j->serial, db_insert_id());
		break;
	case JOB_CALL_EVENT:
		dbid = map_get(j->serial);
		if (dbid)
			db_exec("INSERT INTO call_event (call_id, at, event, detail, queue, agent_id) "
				"VALUES (?, ?, ?, ?, ?, NULLIF(?, 0))", "ussssu", dbid, j->s[0],
				j->s[1], j->s[2], j->s[3], j->id);
		break;
	case JOB_CALL_END:
		run_call_end(j);
		break;
	case JOB_TASK:
		j->run(j->arg);
		break;
	}
}

static void *worker(void *arg)
{
	(void)arg;
	if (db_connect())
		log_warn("dbw: no database connection yet; every job retries");
	for (;;) {
		struct job *j;

		pthread_mutex_lock(&lock);
		while (!head && !stop)
			pthread_cond_wait(&cond, &lock);
		j = head;
		if (j) {
			head = j->next;
			if (!head)
				tail = NULL;
		}
		pthread_mutex_unlock(&lock);
		if (!j)
			break;	/* stop, and the queue is drained */
		job_run(j);
		if (j->type == JOB_TASK && j->done) {
			pthread_mutex_lock(&lock);
			j->next = NULL;
			if (done_tail)
				done_tail->next = j;
			else
				done_head = j;
			done_tail = j;
			pthread_mutex_unlock(&lock);
			mqueue_push(mq, 0, NULL);
			continue;
		}
		job_free(j);
	}
	db_disconnect();
	return NULL;
}

/* ---- the loop's side */

static void mq_handler(int id, void *data, void *arg)
{
	struct auth_result *r;
	struct job *d;

	(void)id;
	(void)data;
	(void)arg;
	pthread_mutex_lock(&lock);
	r = results;
	results = NULL;
	d = done_head;
	done_head = done_tail = NULL;
	pthread_mutex_unlock(&lock);
	while (d) {
		struct job *next = d->next;

		d->done(d->arg, true);
		job_free(d);
		d = next;
	}
	while (r) {
		struct auth_result *next = r->next;

		reg_auth_result(r->req, r->staff_id, r->ha1, r->realm, r->active);
		free(r);
		r = next;
	}
}

int dbw_init(void)
{
	int err = mqueue_alloc(&mq, mq_handler, NULL);

	if (err)
		return err;
	running = true;
	err = pthread_create(&thread, NULL, worker, NULL);
	if (err) {
		running = false;
		log_err("dbw: cannot start the database thread: %s", strerror(err));
	}
	return err;
}

/* Lets the worker finish every queued job (the CDRs of the calls just hung up), joins it
 * and drops results nobody waits for any more. */
void dbw_close(void)
{
	if (running) {
		pthread_mutex_lock(&lock);
		stop = true;
		running = false;
		pthread_cond_signal(&cond);
		pthread_mutex_unlock(&lock);
		pthread_join(thread, NULL);
	}
	while (results) {
		struct auth_result *next = results->next;
		free(results);
		results = next;
	}
	while (done_head) {
		struct job *next = done_head->next;

		done_head->done(done_head->arg, false);
		job_free(done_head);
		done_head = next;
	}
	done_tail = NULL;
	free(map);
	map = NULL;
	nmap = capmap = 0;
	mq = mem_deref(mq);
}

void dbw_reg_clear(void)
{
	struct job *j = job_new(JOB_REG_CLEAR);

	if (j)
		j->s[0] = sdup(ivr_conf.node);
	job_push(j);
}

void dbw_auth_lookup(const char *ext, void *req)
{
	struct job *j = job_new(JOB_AUTH);

	if (j) {
		j->s[0] = sdup(ext);
		j->req = req;
	}
	job_push(j);
}

void dbw_reg_upsert(const char *ext, unsigned long long staff_id, const char *contact,
		    const char *source, const char *ua, unsigned expires)
{
	struct job *j = job_new(JOB_REG_UPSERT);

	if (j) {
		j->s[0] = sdup(ext);
		j->id = staff_id;
		j->s[1] = sdup(contact);
		j->s[2] = sdup(source);
		j->s[3] = sdup(ua);
		j->s[4] = sdup(ivr_conf.node);
		j->n1 = expires;
	}
	job_push(j);
}

void dbw_reg_delete(const char *ext)
{
	struct job *j = job_new(JOB_REG_DELETE);

	if (j)
		j->s[0] = sdup(ext);
	job_push(j);
}

void dbw_call_start(unsigned serial, const char *direction, const char *caller,
		    const char *callee, const char *sip_call_id, const char *at)
{
	struct job *j = job_new(JOB_CALL_START);

	if (j) {
		j->serial = serial;
		j->s[0] = sdup(direction);
		j->s[1] = sdup(caller);
		j->s[2] = sdup(callee);
		j->s[3] = sdup(at);
		j->s[4] = sdup(sip_call_id);
		j->s[5] = sdup(ivr_conf.node);
	}
	job_push(j);
}

void dbw_call_event(unsigned serial, const char *event, const char *detail)
{
	dbw_call_qevent(serial, event, detail, NULL, 0);
}

void dbw_call_qevent(unsigned serial, const char *event, const char *detail, const char *queue,
		     unsigned long long agent_id)
{
	struct job *j = job_new(JOB_CALL_EVENT);
	char now[32];

	if (j) {
		j->serial = serial;
		j->s[0] = sdup(ivr_utc_now(now, sizeof(now)));
		j->s[1] = sdup(event);
		j->s[2] = sdup(detail);
		j->s[3] = sdup(queue && queue[0] ? queue : NULL);
		j->id = agent_id;
	}
	job_push(j);
}

void dbw_task(dbw_run_h *run, dbw_done_h *done, void *arg)
{
	struct job *j = job_new(JOB_TASK);
	bool queued = false;

	if (j) {
		j->run = run;
		j->done = done;
		j->arg = arg;
		pthread_mutex_lock(&lock);
		if (running) {
			if (tail)
				tail->next = j;
			else
				head = j;
			tail = j;
			queued = true;
			pthread_cond_signal(&cond);
		}
		pthread_mutex_unlock(&lock);
	}
	if (!queued) {
		free(j);
		if (done)
			done(arg, false);
	}
}

void dbw_call_end(unsigned serial, const struct cdr *cdr)
{
	struct job *j = job_new(JOB_CALL_END);

	if (j) {
		j->serial = serial;
		j->s[0] = sdup(cdr->answered_at);
		j->s[1] = sdup(cdr->ended_at);
		j->s[2] = sdup(cdr->disposition);
		j->s[3] = sdup(cdr->agent_ext);
		j->s[4] = sdup(cdr->recording);
		j->s[5] = sdup(cdr->queue && cdr->queue[0] ? cdr->queue : NULL);
		j->resident_id = cdr->resident_id;
		j->ticket_id = cdr->ticket_id;
		j->id = cdr->agent_id;
		j->n1 = cdr->wait_s;
		j->n2 = cdr->talk_s;
		j->n3 = cdr->hold_s;
	}
	job_push(j);
}

unsigned long long dbw_call_dbid(unsigned serial)
{
	return map_get(serial);
}
