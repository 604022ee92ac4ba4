/* qa.c — quality inspection pages: the reviews (agents see only their own), one review with
 * its items, and the scoring form beside the call's recording (HTML audio with seek, served
 * by the call log's /calls/#/recording with byte ranges).  Scoring rules: lib/qa.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "db.h"
#include "names.h"
#include "qa.h"
#include "report_pages.h"
#include "util.h"

/* Whether the user sees every agent's scores. */
static int qa_all(const struct req *r)
{
	return req_can(r, "report.all") || req_can(r, "qa.score");
}

int page_qa_list(struct req *r)
{
	long long agent = qa_all(r) ? req_int(r, "agent_id", 0, 0, 4294967295LL) : r->user.id;

	if (agent < 0)
		return req_fail(r, 400, "report.err_filter");
	if (db_query_hdf(r, "Reviews", "SELECT q.id, q.call_id, q.agent_id, s.name AS agent,"
			 " v.name AS reviewer, q.score / 10 AS score, q.comment, q.created_at"
			 " FROM qa_review q JOIN staff s ON s.id = q.agent_id"
			 " JOIN staff v ON v.id = q.reviewer_id WHERE (? = 0 OR q.agent_id = ?)"
			 " ORDER BY q.created_at DESC, q.id DESC LIMIT 200", "ii", agent, agent) < 0 ||
	    db_query_hdf(r, "ByMonth", "SELECT DATE_FORMAT(q.created_at, '%Y-%m') AS month,"
			 " s.name AS agent, COUNT(*) AS n, ROUND(AVG(q.score) / 10, 1) AS mean"
			 " FROM qa_review q JOIN staff s ON s.id = q.agent_id"
			 " WHERE (? = 0 OR q.agent_id = ?) GROUP BY month, q.agent_id"
			 " ORDER BY month DESC, mean DESC LIMIT 120", "ii", agent, agent) < 0)
		return req_fail(r, 500, "err.db");
	hset_int(r, "Perm.score", req_can(r, "qa.score"));
	hset_int(r, "Perm.admin", req_can(r, "qa.admin"));
	hset(r, "Page.Title", tr(r, "qa.title"));
	r->template = "report/qa_list.cs";
	return 0;
}

int page_qa_one(struct req *r)
{
	long long id = r->args[0];
	int n = db_row_hdf(r, "Review", "SELECT q.id, q.call_id, q.agent_id, s.name AS agent,"
			   " v.name AS reviewer, q.score / 10 AS score, q.comment, q.created_at,"
			   " c.name AS card FROM qa_review q JOIN staff s ON s.id = q.agent_id"
			   " JOIN staff v ON v.id = q.reviewer_id JOIN qa_scorecard c ON c.id = q.scorecard_id"
			   " WHERE q.id = ?", "i", id);

	if (n < 0)
		return req_fail(r, 500, "err.db");
	if (!n)
		return req_fail(r, 404, "err.not_found");
	if (!qa_all(r) && hdf_get_int_value(r->hdf, "Review.agent_id", 0) != r->user.id)
		return req_fail(r, 403, "qa.err_not_yours");
	db_query_hdf(r, "Items", "SELECT i.name, i.description, i.weight, i.max_score, ri.score"
		     " FROM qa_review_item ri JOIN qa_item i ON i.id = ri.item_id"
		     " WHERE ri.review_id = ? ORDER BY i.sort, i.id", "i", id);
	hset(r, "Page.Title", tr(r, "qa.review_title"));
	r->template = "report/qa_one.cs";
	return 0;
}

/* The form's data: the call, whether its recording can be played, the scorecard's items. */
static int qa_form_data(struct req *r, long long call_id, long long card)
{
	int n = db_row_hdf(r, "Call", "SELECT id, caller, queue, agent_id, started_at, talk_seconds,"
			   " recording_path IS NOT NULL AS has_recording FROM `call` WHERE id = ?",
			   "i", call_id);
	const char *name;

	if (n < 0)
		return req_fail(r, 500, "err.db");
	if (!n)
		return req_fail(r, 404, "err.not_found");
	if ((name = names_staff(hdf_get_int_value(r->hdf, "Call.agent_id", 0))))
		hset(r, "Call.agent", name);
	hset_int(r, "Call.listen", call_may_listen(&r->user, hdf_get_int_value(r->hdf,
							 "Call.agent_id", 0)));
	if (!card)
		card = db_int_query(0, "SELECT id FROM qa_scorecard WHERE active = 1 ORDER BY id LIMIT 1", "");
	hset_int(r, "Card.id", card);
	db_row_hdf(r, "Card", "SELECT name, description FROM qa_scorecard WHERE id = ?", "i", card);
	db_query_hdf(r, "Cards", "SELECT id, name FROM qa_scorecard WHERE active = 1 ORDER BY id", "");
	db_query_hdf(r, "Items", "SELECT id, name, description, weight, max_score FROM qa_item"
		     " WHERE scorecard_id = ? ORDER BY sort, id", "i", card);
	hset(r, "Page.Title", tr(r, "qa.form_title"));
	r->template = "report/qa_form.cs";
	return 0;
}

int page_qa_form(struct req *r)
{
	long long card = req_int(r, "scorecard", 0, 0, 4294967295LL);

	if (card < 0)
		return req_fail(r, 400, "report.err_filter");
	return qa_form_data(r, r->args[0], card);
}

int page_qa_save(struct req *r)
{
	long long card = atoll(req_field(r, "scorecard")), id;
	struct qa_item_score sc[QA_MAX_ITEMS];
	const char *err = NULL, *comment = req_field(r, "comment");
	int n = 0, st;
	struct stmt *q;

	q = db_query("SELECT id FROM qa_item WHERE scorecard_id = ? ORDER BY sort, id", "i", card);
	if (!q)
		return req_fail(r, 500, "err.db");
	while (db_next(q) == 1 && n < QA_MAX_ITEMS) {
		char field[32], *end;
		const char *v;

		sc[n].item_id = db_int(q, 0);
		snprintf(field, sizeof(field), "item_%lld", sc[n].item_id);
		v = req_field(r, field);
		sc[n].score = strtoll(v, &end, 10);
		if (!*v || *end)
			sc[n].score = -1;
		/* keep what was typed (the field name is ours, the value the user's) */
		char node[48];
		snprintf(node, sizeof(node), "Form.%s", field);
		hset(r, node, v);
		n++;
	}
	db_done(q);
	hset(r, "Form.comment", comment);
	id = qa_review_add(r->args[0], r->user.id, card, sc, n, comment, &err);
	if (id < 0)
		return req_fail(r, 500, "err.db");
	if (!id) {
		if ((st = qa_form_data(r, r->args[0], card)))
			return st;
		hset(r, "Page.Error", tr(r, err));
		r->status = 400;
		return 0;
	}
	req_flash(r, "qa.saved");
	{
		char loc[48];
		snprintf(loc, sizeof(loc), "/reports/qa/%lld", id);
		return req_redirect(r, loc);
	}
}

/* ---- scorecards (qa.admin) ------------------------------------------------------------ */

int page_qa_cards(struct req *r)
{
	struct stmt *st = db_query("SELECT id, name, description, active FROM qa_scorecard"
				   " ORDER BY id", "");
	char node[32], items[48];
	int n = 0;

	if (!st)
		return req_fail(r, 500, "err.db");
	while (db_next(st) == 1) {
		snprintf(node, sizeof(node), "Cards.%d", n++);
		stmt_row_hdf(r, node, st, 0);
	}
	db_done(st);
	for (int i = 0; i < n; i++) {
		snprintf(node, sizeof(node), "Cards.%d.id", i);
		snprintf(items, sizeof(items), "Cards.%d.Items", i);
		db_query_hdf(r, items, "SELECT id, name, description, weight, max_score FROM qa_item"
			     " WHERE scorecard_id = ? ORDER BY sort, id", "i",
			     (long long)hdf_get_int_value(r->hdf, node, 0));
	}
	hset(r, "Page.Title", tr(r, "qa.cards_title"));
	r->template = "report/qa_cards.cs";
	return 0;
}

/* Shows the list again with the refused form's values and the error. */
static int qa_cards_refused(struct req *r, const char *field, const char *key)
{
	if (field)
		form_error(r, field, key);
	else
		hset(r, "Page.Error", tr(r, key));
	r->status = 400;
	return page_qa_cards(r);
}

int page_qa_card_add(struct req *r)
{
	const char *field, *key;
	long long id;

	form_keep(r, "name", "description", NULL);
	id = qa_card_add(req_field(r, "name"), req_field(r, "description"), &field, &key);
	if (id < 0)
		return req_fail(r, 500, "err.db");
	if (!id)
		return qa_cards_refused(r, field, key);
	req_flash(r, "qa.card_saved");
	return req_redirect(r, "/reports/qa/cards");
}

int page_qa_item_add(struct req *r)
{
	const char *field, *key;
	long long id;

	hset_int(r, "Form.card", r->args[0]);
	form_keep(r, "item_name", "item_description", "weight", "max_score", NULL);
	id = qa_item_add(r->args[0], req_field(r, "item_name"), req_field(r, "item_description"),
			 req_field(r, "weight"), req_field(r, "max_score"), &field, &key);
	if (id < 0)
		return req_fail(r, 500, "err.db");
	if (!id) {
		if (field && (!strcmp(field, "name") || !strcmp(field, "description")))
			field = !strcmp(field, "name") ? "item_name" : "item_description";
		return qa_cards_refused(r, field, key);
	}
	req_flash(r, "qa.item_saved");
	return req_redirect(r, "/reports/qa/cards");
}

int page_qa_item_delete(struct req *r)
{
	const char *key;
	long long n = qa_item_delete(r->args[0], r->args[1], &key);

	if (n < 0)
		return req_fail(r, 500, "err.db");
	if (!n)
		return qa_cards_refused(r, NULL, key);
	req_flash(r, "qa.item_deleted");
	return req_redirect(r, "/reports/qa/cards");
}
