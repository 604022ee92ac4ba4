/* qa.h — quality inspection (质检): a supervisor scores a call's recording on a scorecard
 * of weighted items (docs/KPI.md "Quality inspection"). */
#ifndef WL_QA_H
#define WL_QA_H

#define QA_MAX_ITEMS 32
#define QA_COMMENT_MAX 2000

struct qa_item_score {
	long long item_id;
	long long score;	/* 0..max_score of the item */
};

/* The weighted total in tenths of a percent (0..1000) of scores s[i] out of max m[i] with
 * weights w[i], rounded half up. */
long long qa_total(const long long *w, const long long *m, const long long *s, int n);

/* Records a review of call_id by reviewer on scorecard card: every item of the card must be
 * scored within 0..max.  Returns the review id, 0 when invalid (*err_key set: a language key),
 * or -1 on a database error. */
long long qa_review_add(long long call_id, long long reviewer, long long card,
			const struct qa_item_score *scores, int n, const char *comment,
			const char **err_key);

/* Scorecards (qa.admin).  Each returns the new id (or 1 for a delete), 0 when the input is
 * refused (*err_key: a language key; *err_field: the form field), or -1 on a database error.
 * Items of a scorecard already used by a review are kept (their scores are history). */
long long qa_card_add(const char *name, const char *description, const char **err_field,
		      const char **err_key);
long long qa_item_add(long long card, const char *name, const char *description,
		      const char *weight, const char *max_score, const char **err_field,
		      const char **err_key);
long long qa_item_delete(long long card, long long item, const char **err_key);

#endif
