/* qa.c — quality inspection: the weighted score of a review and its recording. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "qa.h"

long long qa_total(const long long *w, const long long *m, const long long *s, int n)
{
	double sum = 0;
	long long wsum = 0;

	for (int i = 0; i < n; i++) {
		sum += (double)(w[i] * s[i]) / (double)(m[i] > 0 ? m[i] : 1);
		wsum += w[i];
	}
	/* tenths of a percent, rounded half up (the epsilon absorbs binary fractions) */
	return wsum ? (long long)floor(sum * 1000.0 / (double)wsum + 0.5 + 1e-9) : 0;
}

long long qa_review_add(long long call_id, long long reviewer, long long card,
			const struct qa_item_score *scores, int n, const char *comment,
			const char **err_key)
{
	long long w[QA_MAX_ITEMS], m[QA_MAX_ITEMS], s[QA_MAX_ITEMS], ids[QA_MAX_ITEMS], agent, id;
	int k = 0;
	struct stmt *st;

	*err_key = NULL;
	agent = db_int_query(0, "SELECT IFNULL(agent_id, 0) FROM `call` WHERE id = ?", "i", call_id);
	if (!agent) {
		*err_key = "qa.err_no_agent";
		return 0;
	}
	if (strlen(comment) > QA_COMMENT_MAX) {
		*err_key = "qa.err_comment";
		return 0;
	}
	st = db_query("SELECT id, weight, max_score FROM qa_item WHERE scorecard_id = ?"
		      " ORDER BY sort, id", "i", card);
	if (!st)
		return -1;
	while (db_next(st) == 1 && k < QA_MAX_ITEMS) {
		long long item = db_int(st, 0);
		int found = 0;

		ids[k] = item;
		s[k] = -1;
		w[k] = db_int(st, 1);
		m[k] = db_int(st, 2);
		for (int i = 0; i < n; i++)
			if (scores[i].item_id == item) {
				s[k] = scores[i].score;
				found = 1;
			}
		if (!found || s[k] < 0 || s[k] > m[k])
			*err_key = "qa.err_score";
		k++;
	}
	db_done(st);
	if (!k)
		*err_key = "qa.err_card";
	if (*err_key)
		return 0;
	if (db_begin())
		return -1;
	if (db_exec("INSERT INTO qa_review (call_id, agent_id, reviewer_id, scorecard_id, score,"
		    " comment) VALUES (?, ?, ?, ?, ?, ?)", "iiiiis", call_id, agent, reviewer, card,
		    qa_total(w, m, s, k), comment) < 0)
		goto fail;
	id = (long long)db_insert_id();
	for (int i = 0; i < k; i++)
		if (db_exec("INSERT INTO qa_review_item (review_id, item_id, score) VALUES (?, ?, ?)",
			    "iii", id, ids[i], s[i]) < 0)
			goto fail;
	if (db_commit())
		return -1;
	return id;
fail:
	db_rollback();
	return -1;
}

/* A whole number in [min, max] from text, or -1. */
static long long qa_number(const char *s, long long min, long long max)
{
	char *end;
	long long v;

	if (!s || !*s)
		return -1;
	v = strtoll(s, &end, 10);
	return *end || v < min || v > max ? -1 : v;
}

long long qa_card_add(const char *name, const char *description, const char **err_field,
		      const char **err_key)
{
	*err_field = *err_key = NULL;
	if (!*name || strlen(name) > 100) {
		*err_field = "name";
		*err_key = "qa.err_name";
		return 0;
	}
	if (strlen(description) > 500) {
		*err_field = "description";
		*err_key = "qa.err_description";
		return 0;
	}
	if (db_exec("INSERT INTO qa_scorecard (name, description) VALUES (?, ?)", "ss", name,
		    description) < 0) {
		if (db_errno() != DB_ER_DUP_ENTRY)
			return -1;
		*err_field = "name";
		*err_key = "qa.err_name_taken";
		return 0;
	}
	return (long long)db_insert_id();
}

long long qa_item_add(long long card, const char *name, const char *description,
		      const char *weight, const char *max_score, const char **err_field,
		      const char **err_key)
{
	long long w = qa_number(weight, 1, 100), m = qa_number(max_score, 1, 100);

	*err_field = *err_key = NULL;
	if (!db_int_query(0, "SELECT COUNT(*) FROM qa_scorecard WHERE id = ?", "i", card))
		*err_key = "qa.err_card";
	else if (!*name || strlen(name) > 100)
		*err_field = "name", *err_key = "qa.err_name";
	else if (strlen(description) > 500)
		*err_field = "description", *err_key = "qa.err_description";
	else if (w < 0)
		*err_field = "weight", *err_key = "qa.err_weight";
	else if (m < 0)
		*err_field = "max_score", *err_key = "qa.err_max";
	else if (db_int_query(0, "SELECT COUNT(*) FROM qa_item WHERE scorecard_id = ?", "i", card)
		 >= QA_MAX_ITEMS)
		*err_key = "qa.err_too_many";
	if (*err_key)
		return 0;
	if (db_exec("INSERT INTO qa_item (scorecard_id, name, description, weight, max_score, sort)"
		    " SELECT ?, ?, ?, ?, ?, IFNULL(MAX(sort), 0) + 10 FROM qa_item WHERE scorecard_id = ?",
		    "issiii", card, name, description, w, m, card) < 0)
		return -1;
	return (long long)db_insert_id();
}

long long qa_item_delete(long long card, long long item, const char **err_key)
{
	long long n;

	*err_key = NULL;
	if (db_int_query(0, "SELECT COUNT(*) FROM qa_review_item WHERE item_id = ?", "i", item)) {
		*err_key = "qa.err_item_used";
		return 0;
	}
	n = db_exec("DELETE FROM qa_item WHERE id = ? AND scorecard_id = ?", "ii", item, card);
	if (n < 0)
		return -1;
	if (!n)
		*err_key = "qa.err_card";
	return n > 0;
}
