/* merge.c — merging a duplicate resident into another: find the one that stays (by phone
 * or name), compare both, confirm.  resident_merge moves everything in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "db.h"
#include "resident.h"

#define MERGE_CANDIDATES 20

/* One side of the comparison: resident id as side.*, with its phones, households, tags
 * and how many work orders and calls it has.  Returns 1, 0 (no such resident) or -1. */
static int merge_side(struct req *r, const char *side, long long id)
{
	char phones[32], households[32], tags[32];
	int found = db_row_hdf(r, side, "SELECT r.id, r.name, r.level, r.category, r.note,"
				" r.merged_into_id, r.created_at, (SELECT COUNT(*) FROM ticket t"
				" WHERE t.resident_id = r.id) AS ticket_count, (SELECT COUNT(*)"
				" FROM `call` c WHERE c.resident_id = r.id) AS call_count"
				" FROM resident r WHERE r.id = ?", "i", id);

	if (found <= 0)
		return found;
	snprintf(phones, sizeof(phones), "%s.Phones", side);
	snprintf(households, sizeof(households), "%s.Households", side);
	snprintf(tags, sizeof(tags), "%s.Tags", side);
	if (db_query_hdf(r, phones, "SELECT phone FROM resident_phone WHERE resident_id = ?"
			 " ORDER BY is_primary DESC, id", "i", id) < 0 ||
	    db_query_hdf(r, households, "SELECT CONCAT_WS(' ', c.name, b.name, u.name, h.room)"
			 " AS address, rh.relation FROM resident_household rh JOIN household h"
			 " ON h.id = rh.household_id JOIN unit u ON u.id = h.unit_id JOIN building b"
			 " ON b.id = u.building_id JOIN community c ON c.id = b.community_id"
			 " WHERE rh.resident_id = ? ORDER BY rh.household_id", "i", id) < 0 ||
	    db_query_hdf(r, tags, "SELECT COALESCE(i.label, t.tag) AS label FROM resident_tag t"
			 " LEFT JOIN dictionary_item i ON i.code = t.tag AND i.dictionary_id ="
			 " (SELECT id FROM dictionary WHERE code = 'customer_tag')"
			 " WHERE t.resident_id = ? ORDER BY i.sort", "i", id) < 0)
		return -1;
	return 1;
}

/* The merge page of duplicate id: the search for the survivor, and the comparison when
 * one is chosen. */
static int merge_page(struct req *r, long long id, long long survivor)
{
	const char *q = req_query(r, "q");
	int found = merge_side(r, "Dup", id), n;

	if (found <= 0)
		return req_fail(r, found < 0 ? 500 : 404, found < 0 ? "err.db" : "err.not_found_object");
	if (hdf_get_int_value(r->hdf, "Dup.merged_into_id", 0))
		return req_fail(r, 404, "err.not_found_object");
	if (!q || strlen(q) > 64)
		q = "";
	hset(r, "Filter.q", q);
	n = crm_residents_find(r, "Candidates", q, MERGE_CANDIDATES + 1);
	if (n < 0)
		return req_fail(r, 500, "err.db");
	for (HDF *row = hdf_get_child(r->hdf, "Candidates"); row; row = hdf_obj_next(row))
		if (hdf_get_int_value(row, "id", 0) == id)
			n--;
	if (n > 0)
		hset_int(r, "CandidateCount", n);
	if (survivor && survivor != id) {
		found = merge_side(r, "Surv", survivor);
		if (found < 0)
			return req_fail(r, 500, "err.db");
		if (!found || hdf_get_int_value(r->hdf, "Surv.merged_into_id", 0))
			hdf_remove_tree(r->hdf, "Surv");
	}
	hset(r, "Page.Title", tr(r, "crm.merge.title"));
	r->template = "crm/merge.cs";
	return 0;
}

int page_resident_merge(struct req *r)
{
	long long survivor = req_int(r, "survivor", 0, 1, 1LL << 40);

	return merge_page(r, r->args[0], survivor < 0 ? 0 : survivor);
}

int page_resident_merge_do(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	long long survivor = req_int(r, "survivor", 0, 1, 1LL << 40);
	enum org_result res;
	char *to;
	int status;

	if (survivor <= 0)
		return req_fail(r, 400, "err.bad_request");
	res = resident_merge(&e, &who, r->args[0], survivor);
	if (res) {
		status = crm_org_errors(r, res, &e);
		if (status)
			return status;
		status = r->status;
		merge_page(r, r->args[0], survivor);
		r->status = status;
		return 0;
	}
	req_flash(r, "crm.merge.done");
	to = xasprintf("/crm/residents/%lld", survivor);
	status = req_redirect(r, to);
	free(to);
	return status;
}
