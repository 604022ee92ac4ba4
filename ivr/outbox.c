/* outbox.c — ivrd's sender: drains the outbox (lib/outbox.c) to Kannel and SMTP.
 *
 * Every second (at once while there is more) a database-worker task claims due messages
 * (status sending, claimed by this node).  SMS go to Kannel's sendsms with libre's HTTP
 * client on the loop (never blocking it): UTF-8 text as UCS-2 (coding=2) unless it is
 * plain GSM-7, dlr-mask 31 and a dlr-url naming the message id, so delivery reports reach
 * /hook/kannel/dlr.  E-mail goes through libesmtp in a thread of its own (it blocks).
 * Results are written back in batches by worker tasks, in one transaction each.
 *
 * Once only: a message is claimed by one sender; Kannel's answer "0: Accepted" or
 * "3: Queued" makes it sent (the store file keeps it across a bearerbox restart); a
 * refused connection or 503 queues it again with back-off; no answer (or ivrd stopping
 * mid-request) leaves it for OUTBOX_UNKNOWN_WAIT seconds or the next start's recovery,
 * and a delivery report arriving meanwhile marks it delivered, so it is not sent twice. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libesmtp.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "outbox.h"
#include "util.h"
#include "ivrd.h"

enum { POLL_MS = 1000, BATCH = 200, INFLIGHT_MAX = 64, RECOVER_GRACE_S = 60 };

struct result {
	struct result *next;
	long long id;
	int sent;		/* 1 sent, 0 failed (how) */
	enum outbox_fail how;
	char *error, *ext;
};

struct sms_req {
	struct le le;
	struct http_req *req;
	struct outbox_item *it;
};

struct claim_job {
	struct outbox_item *items;
	int n;
	bool recover;
};

static struct {
	bool running, stopping, claiming, flushing;
	bool more;			/* the last claim was a full batch */
	struct tmr tmr;
	struct dnsc *dnsc;
	struct http_cli *cli;
	struct list reqs;		/* struct sms_req in flight */
	struct outbox_item *waiting;	/* claimed SMS waiting for a free slot */
	struct result *results;		/* to write back (loop only) */
	char *sendsms, *dlr, *key, *from;
	/* the mail thread */
	pthread_t mail_thread;
	bool mail_running, mail_stop;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct outbox_item *mail_head, *mail_tail;
	char smtp_server[160], mail_from[160], mail_from_name[160];
} ob = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };

static void poll_soon(unsigned ms);

/* ---- results, written back by worker tasks */

static void results_free(struct result *r)
{
	while (r) {
		struct result *next = r->next;
		free(r->error);
		free(r->ext);
		free(r);
		r = next;
	}
}

static void results_run(void *arg)
{
	struct result *r = arg;

	/* One transaction for the batch: one log flush instead of one per message. */
	db_begin();
	for (; r; r = r->next) {
		if (r->sent)
			outbox_sent(r->id, r->ext);
		else
			outbox_retry(r->id, r->error, r->how);
	}
	if (db_commit())
		log_err("outbox: cannot record sending results (%s)", db_error());
}

/* For tasks without a done handler (mail thread, shutdown): runs and frees. */
static void results_run_free(void *arg)
{
	results_run(arg);
	results_free(arg);
}

static void results_done(void *arg, bool ran)
{
	(void)ran;
	results_free(arg);
	ob.flushing = false;
	if (ob.results && ob.running) {
		struct result *r = ob.results;
		ob.results = NULL;
		ob.flushing = true;
		dbw_task(results_run, results_done, r);
	}
}

static void result_add(long long id, int sent, enum outbox_fail how, const char *error,
		       const char *ext)
{
	struct result *r = xcalloc(1, sizeof(*r));

	r->id = id;
	r->sent = sent;
	r->how = how;
	r->error = error ? xstrdup(error) : NULL;
	r->ext = ext ? xstrdup(ext) : NULL;
	r->next = ob.results;
	ob.results = r;
	if (!ob.flushing) {
		ob.results = NULL;
		ob.flushing = true;
		dbw_task(results_run, results_done, r);
	}
}

/* ---- SMS through Kannel */

static void url_add(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			buf_add(b, p, 1);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			buf_add(b, e, 3);
		}
	}
}

static void sms_free(struct sms_req *r)
{
	list_unlink(&r->le);
	r->req = mem_deref(r->req);
	outbox_items_free(r->it);
	mem_deref(r);
}

static void sms_dispatch(void);

static void sms_resp(int err, const struct http_msg *msg, void *arg)
{
	struct sms_req *r = arg;
	char body[160] = "", why[200];
	long long id = r->it->id;

	r->req = NULL;	/* libre frees it */
	if (msg) {
		size_t n = mbuf_get_left(msg->mb);
		if (n >= sizeof(body))
			n = sizeof(body) - 1;
		memcpy(body, mbuf_buf(msg->mb), n);
		body[n] = '\0';
		body[strcspn(body, "\r\n")] = '\0';
	}
	if (err) {
		snprintf(why, sizeof(why), "Kannel: %s", strerror(err));
		/* Refused: it never got there.  Anything else may have reached Kannel. */
		if (err == ECONNREFUSED)
			result_add(id, 0, OUTBOX_TEMPORARY, why, NULL);
		else if (!ob.stopping)
			result_add(id, 0, OUTBOX_UNKNOWN, why, NULL);
	} else if (msg->scode / 100 == 2 && (!strncmp(body, "0:", 2) || !strncmp(body, "3:", 2))) {
		result_add(id, 1, 0, NULL, NULL);
	} else {
		snprintf(why, sizeof(why), "Kannel %u: %s", msg->scode, body);
		/* 503: smsbox cannot take it now; 401/403: credentials (configuration) */
		result_add(id, 0, msg->scode >= 500 || msg->scode == 401 || msg->scode == 403 ?
			   OUTBOX_TEMPORARY : OUTBOX_PERMANENT, why, NULL);
	}
	sms_free(r);
	sms_dispatch();
}

static int sms_send(struct outbox_item *it)
{
	struct sms_size sz;
	struct sms_req *r;
	struct buf uri, dlr;
	int err;

	sms_measure(&sz, it->body);
	buf_init(&uri);
	buf_init(&dlr);
	buf_printf(&dlr, "%s?k=%s&id=%lld&type=%%d&fid=%%F", ob.dlr, ob.key, it->id);
	buf_printf(&uri, "%s?username=warmline&password=", ob.sendsms);
	url_add(&uri, ob.key);
	buf_puts(&uri, "&to=");
	url_add(&uri, it->recipient);
	buf_puts(&uri, "&from=");
	url_add(&uri, ob.from);
	buf_printf(&uri, "&charset=UTF-8&coding=%d&dlr-mask=31&dlr-url=", sz.ucs2 ? 2 : 0);
	url_add(&uri, dlr.data);
	buf_puts(&uri, "&text=");
	url_add(&uri, it->body);
	r = mem_zalloc(sizeof(*r), NULL);
	if (!r) {
		err = ENOMEM;
		goto out;
	}
	r->it = it;
	list_append(&ob.reqs, &r->le, r);
	err = http_request(&r->req, ob.cli, "GET", uri.data, sms_resp, NULL, r, NULL);
	if (err) {
		r->it = NULL;
		list_unlink(&r->le);
		mem_deref(r);
	}
out:
	buf_free(&uri);
	buf_free(&dlr);
	return err;
}

/* Sends waiting SMS while fewer than INFLIGHT_MAX requests are open. */
static void sms_dispatch(void)
{
	while (ob.waiting && list_count(&ob.reqs) < INFLIGHT_MAX && !ob.stopping) {
		struct outbox_item *it = ob.waiting;
		int err;

		ob.waiting = it->next;
		it->next = NULL;
		err = sms_send(it);
		if (err) {
			result_add(it->id, 0, OUTBOX_TEMPORARY, strerror(err), NULL);
			outbox_items_free(it);
		}
	}
	/* A full batch went out: there may be more at once. */
	if (ob.more && !ob.waiting && !ob.claiming && list_isempty(&ob.reqs)) {
		ob.more = false;
		poll_soon(0);
	}
}

/* ---- e-mail through libesmtp, in its own thread */

static void mail_send(struct outbox_item *it)
{
	char *msg = outbox_mail_compose(it->id, ob.mail_from_name, ob.mail_from, it->recipient,
					it->subject, it->body, time(NULL));
	smtp_session_t s = smtp_create_session();
	smtp_message_t m = s ? smtp_add_message(s) : NULL;
	char why[256] = "", ext[160];
	int ok = 0, permanent = 0;

	if (!m) {
		snprintf(why, sizeof(why), "libesmtp: cannot create a session");
	} else {
		smtp_set_server(s, ob.smtp_server);
		smtp_set_reverse_path(m, ob.mail_from);
		smtp_add_recipient(m, it->recipient);
		smtp_set_message_str(m, msg);
		if (!smtp_start_session(s)) {
			char e[128];
			snprintf(why, sizeof(why), "SMTP %s: %s", ob.smtp_server,
				 smtp_strerror(smtp_errno(), e, sizeof(e)));
		} else {
			const smtp_status_t *st = smtp_message_transfer_status(m);
			ok = st && st->code / 100 == 2;
			permanent = st && st->code / 100 == 5;
			if (!ok)
				snprintf(why, sizeof(why), "SMTP %d %s", st ? st->code : 0,
					 st && st->text ? st->text : "");
		}
	}
	if (s)
		smtp_destroy_session(s);
	free(msg);
	snprintf(ext, sizeof(ext), "<outbox-%lld@%s>", it->id,
		 strchr(ob.mail_from, '@') ? strchr(ob.mail_from, '@') + 1 : "localhost");
	/* dbw_task is thread-safe; the write-back runs on the worker like the SMS results. */
	{
		struct result *r = xcalloc(1, sizeof(*r));
		r->id = it->id;
		r->sent = ok;
		r->how = permanent ? OUTBOX_PERMANENT : OUTBOX_TEMPORARY;
		r->error = ok ? NULL : xstrdup(why);
		r->ext = ok ? xstrdup(ext) : NULL;
		dbw_task(results_run_free, NULL, r);
	}
}

/* A worker task without a done handler must free its argument itself: the mail results. */
static void *mail_main(void *arg)
{
	(void)arg;
	for (;;) {
		struct outbox_item *it;

		pthread_mutex_lock(&ob.lock);
		while (!ob.mail_head && !ob.mail_stop)
			pthread_cond_wait(&ob.cond, &ob.lock);
		it = ob.mail_stop ? NULL : ob.mail_head;
		if (it) {
			ob.mail_head = it->next;
			if (!ob.mail_head)
				ob.mail_tail = NULL;
			it->next = NULL;
		}
		pthread_mutex_unlock(&ob.lock);
		if (!it)
			break;
		mail_send(it);
		outbox_items_free(it);
	}
	return NULL;
}

static void mail_queue(struct outbox_item *it)
{
	pthread_mutex_lock(&ob.lock);
	if (ob.mail_tail)
		ob.mail_tail->next = it;
	else
		ob.mail_head = it;
	ob.mail_tail = it;
	pthread_cond_signal(&ob.cond);
	pthread_mutex_unlock(&ob.lock);
}

/* ---- claiming */

static void claim_run(void *arg)
{
	struct claim_job *j = arg;
	int n;

	if (j->recover) {
		n = outbox_recover(ivr_conf.node, RECOVER_GRACE_S);
		if (n > 0)
			log_warn("outbox: %d messages were being sent when ivrd stopped; they are sent"
				 " again in %d s unless a delivery report arrives", n, RECOVER_GRACE_S);
	}
	j->n = outbox_claim(&j->items, ivr_conf.node, BATCH);
}

static void claim_done(void *arg, bool ran)
{
	struct claim_job *j = arg;
	struct outbox_item *it = j->items, *sms = NULL, **tail = &sms, **w;

	ob.claiming = false;
	if (!ran || ob.stopping) {
		/* Claimed but not sent: the next start's recovery queues them again. */
		outbox_items_free(j->items);
		free(j);
		return;
	}
	while (it) {
		struct outbox_item *next = it->next;

		it->next = NULL;
		if (!strcmp(it->channel, "sms") && ob.cli) {
			*tail = it;
			tail = &it->next;
		} else if (!strcmp(it->channel, "email") && ob.mail_running) {
			mail_queue(it);
		} else {
			result_add(it->id, 0, OUTBOX_PERMANENT, "no sender for this channel", NULL);
			outbox_items_free(it);
		}
		it = next;
	}
	for (w = &ob.waiting; *w; w = &(*w)->next)
		;
	*w = sms;
	ob.more = j->n >= BATCH;
	if (!ob.more)
		poll_soon(POLL_MS);
	free(j);
	sms_dispatch();
}

static void poll_handler(void *arg)
{
	struct claim_job *j;

	(void)arg;
	if (ob.claiming || ob.stopping)
		return;
	if (ob.waiting) {	/* a backlog still going out */
		poll_soon(POLL_MS);
		return;
	}
	j = xcalloc(1, sizeof(*j));
	j->recover = false;
	ob.claiming = true;
	dbw_task(claim_run, claim_done, j);
}

static void poll_soon(unsigned ms)
{
	if (ob.running && !ob.stopping)
		tmr_start(&ob.tmr, ms, poll_handler, NULL);
}

/* ---- start and stop */

static char *read_key(void)
{
	char *path = config_path("WL_VAR", "secret/kannel.key"), line[128] = "";
	FILE *f = path ? fopen(path, "r") : NULL;

	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
	}
	line[strcspn(line, "\r\n")] = '\0';
	free(path);
	return line[0] ? xstrdup(line) : NULL;
}

int outbox_init(void)
{
	struct claim_job *j;
	int err;

	tmr_init(&ob.tmr);
	list_init(&ob.reqs);
	ob.key = read_key();
	ob.sendsms = xasprintf("http://127.0.0.1:%ld/cgi-bin/sendsms",
			       config_int("WL_KANNEL_SENDSMS_PORT", 13013));
	ob.dlr = xasprintf("http://127.0.0.1:%ld/hook/kannel/dlr", config_int("WL_HTTP_PORT", 8080));
	ob.from = xstrdup(config_get("WL_SMS_NUMBER", "10690000"));
	snprintf(ob.smtp_server, sizeof(ob.smtp_server), "%s:%ld",
		 config_get("WL_SMTP_HOST", "127.0.0.1"), config_int("WL_SMTP_PORT", 25));
	snprintf(ob.mail_from, sizeof(ob.mail_from), "%s",
		 config_get("WL_MAIL_FROM", "noreply@warmline.example"));
	snprintf(ob.mail_from_name, sizeof(ob.mail_from_name), "%s",
		 config_get("WL_MAIL_FROM_NAME", config_get("WL_COMPANY", "")));
	if (!ob.key) {
		log_warn("outbox: no $WL_VAR/secret/kannel.key (tools/wl writes it): SMS stay queued");
	} else {
		err = dnsc_alloc(&ob.dnsc, NULL, NULL, 0);
		if (!err)
			err = http_client_alloc(&ob.cli, ob.dnsc);
		if (err) {
			log_err("outbox: cannot create the HTTP client: %s", strerror(err));
			return err;
		}
	}
	err = pthread_create(&ob.mail_thread, NULL, mail_main, NULL);
	if (err) {
		log_err("outbox: cannot start the mail thread: %s", strerror(err));
		return err;
	}
	ob.mail_running = true;
	ob.running = true;
	j = xcalloc(1, sizeof(*j));
	j->recover = true;
	ob.claiming = true;
	dbw_task(claim_run, claim_done, j);
	log_info("outbox: sending SMS to %s, e-mail to %s", ob.key ? ob.sendsms : "(nowhere)",
		 ob.smtp_server);
	return 0;
}

/* SIGTERM: no new claims; requests in flight may still finish in the shutdown grace. */
void outbox_shutdown(void)
{
	ob.stopping = true;
	tmr_cancel(&ob.tmr);
}

/* Aborts what is still in flight (left as sending: recovered at the next start), stops
 * the mail thread after its current message, and queues the last results (before
 * dbw_close, which writes them). */
void outbox_close(void)
{
	struct le *le;

	ob.stopping = true;
	tmr_cancel(&ob.tmr);
	if (ob.mail_running) {
		pthread_mutex_lock(&ob.lock);
		ob.mail_stop = true;
		pthread_cond_signal(&ob.cond);
		pthread_mutex_unlock(&ob.lock);
		pthread_join(ob.mail_thread, NULL);
		ob.mail_running = false;
	}
	outbox_items_free(ob.mail_head);
	ob.mail_head = ob.mail_tail = NULL;
	while ((le = list_head(&ob.reqs)))
		sms_free(le->data);
	outbox_items_free(ob.waiting);
	ob.waiting = NULL;
	ob.cli = mem_deref(ob.cli);
	ob.dnsc = mem_deref(ob.dnsc);
	if (ob.results) {
		struct result *r = ob.results;
		ob.results = NULL;
		dbw_task(results_run_free, NULL, r);
	}
	ob.running = false;
	free(ob.key);
	free(ob.sendsms);
	free(ob.dlr);
	free(ob.from);
	ob.key = ob.sendsms = ob.dlr = ob.from = NULL;
}
