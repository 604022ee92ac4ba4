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

#endif
