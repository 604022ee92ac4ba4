/* residents.c — the resident list with search and filters, one resident's page, and the
 * list as CSV.
 *
 * The search box takes a phone number or a name: a whole number is found by an exact
 * match on the normalised phone (resident_find_by_phone), four or more digits by the last
 * digits (prefix match on resident_phone.phone_rev), anything else by name prefix.  Each
 * way of searching has its own statement, so each uses its own index. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "db.h"
#include "resident.h"

#define RES_MAX_IDS 10

/* What a list row carries: the resident, labels of its codes, its phones ("m"/"l" before
 * each number), households ("community\x1fbuilding\x1funit\x1froom\x1frelation" joined by
 * \x1e) and tags ("code\x1flabel" joined by \x1e). */
#define RES_COLS "SELECT r.id, r.name, r.level, r.category, r.note, r.updated_at," \
	" li.label AS level_label, ci.label AS category_label," \
	" (SELECT GROUP_CONCAT(CONCAT(LEFT(p.kind, 1), p.phone) ORDER BY p.is_primary DESC, p.id" \
	" SEPARATOR ' ') FROM resident_phone p WHERE p.resident_id = r.id) AS phones," \
	" (SELECT GROUP_CONCAT(CONCAT_WS('\x1f', c.name, b.name, u.name, h.room, rh.relation)" \
	" ORDER BY rh.household_id SEPARATOR '\x1e') FROM resident_household rh" \
	" JOIN household h ON h.id = rh.household_id JOIN unit u ON u.id = h.unit_id" \
	" JOIN building b ON b.id = u.building_id JOIN community c ON c.id = b.community_id" \
	" WHERE rh.resident_id = r.id) AS households," \
	" (SELECT GROUP_CONCAT(CONCAT(t.tag, '\x1f', COALESCE(ti.label, t.tag))" \
	" ORDER BY ti.sort SEPARATOR '\x1e') FROM resident_tag t LEFT JOIN dictionary_item ti" \
	" ON ti.code = t.tag AND ti.dictionary_id = (SELECT id FROM dictionary" \
	" WHERE code = 'customer_tag') WHERE t.resident_id = r.id) AS tags"

/* The page of ids is picked first (inner query, RES_PICK ... RES_JOIN), and only its rows
 * get the columns above: a sort never computes them for rows it then drops. */
#define RES_PICK " FROM (SELECT r.id FROM resident r WHERE "
#define RES_JOIN ") pick JOIN resident r ON r.id = pick.id" \
	" LEFT JOIN dictionary_item li ON li.code = r.level" \
	" AND li.dictionary_id = (SELECT id FROM dictionary WHERE code = 'customer_level')" \
	" LEFT JOIN dictionary_item ci ON ci.code = r.category" \
	" AND ci.dictionary_id = (SELECT id FROM dictionary WHERE code = 'customer_category')"

enum { COL_ID, COL_NAME, COL_LEVEL, COL_CATEGORY, COL_NOTE, COL_UPDATED, COL_LEVEL_LABEL,
       COL_CATEGORY_LABEL, COL_PHONES, COL_HOUSEHOLDS, COL_TAGS };

/* The address of a resident's households, for the driving subquery and the filter. */
#define RES_ADDRESS "SELECT fh.resident_id FROM resident_household fh" \
	" JOIN household h2 ON h2.id = fh.household_id JOIN unit u2 ON u2.id = h2.unit_id" \
	" JOIN building b2 ON b2.id = u2.building_id WHERE (? = 0 OR b2.community_id = ?)" \
	" AND (? = '' OR b2.name = ?) AND (? = '' OR u2.name = ?) AND (? = '' OR h2.room = ?)"

#define RES_FILTERS " AND r.merged_into_id IS NULL" \
	" AND (? = '' OR r.level = ?) AND (? = '' OR r.category = ?)" \
	" AND (? = '' OR EXISTS (SELECT 1 FROM resident_tag ft WHERE ft.resident_id = r.id" \
	" AND ft.tag = ?)) AND (? = '' OR r.name LIKE ? OR r.note LIKE ?)" \
	" AND (? = 0 OR r.id IN (" RES_ADDRESS "))"
#define RES_FILTER_TYPES "sssssssssiiissssss"
#define RES_PAGE " LIMIT ? OFFSET ?"

#define BY_ID " ORDER BY r.id DESC"
#define BY_NAME " ORDER BY r.name, r.id"

static const char sql_all[] = RES_COLS RES_PICK "1" RES_FILTERS BY_ID RES_PAGE RES_JOIN BY_ID;
static const char sql_ids[] = RES_COLS RES_PICK "r.id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	RES_FILTERS BY_ID RES_PAGE RES_JOIN BY_ID;
static const char sql_suffix[] = RES_COLS RES_PICK "r.id IN (SELECT p.resident_id FROM"
	" resident_phone p WHERE p.phone_rev LIKE ?)" RES_FILTERS BY_ID RES_PAGE RES_JOIN BY_ID;
static const char sql_name[] = RES_COLS RES_PICK "r.name LIKE ?" RES_FILTERS BY_NAME RES_PAGE
	RES_JOIN BY_NAME;
static const char sql_address[] = RES_COLS RES_PICK "r.id IN (" RES_ADDRESS ")" RES_FILTERS
	BY_ID RES_PAGE RES_JOIN BY_ID;

enum res_mode { M_ALL, M_IDS, M_SUFFIX, M_NAME, M_ADDRESS };

struct res_filter {
	enum res_mode mode;
	const char *q, *text, *building, *unit, *room, *tag, *level, *category;
	long long community, page;
	long long has_address;		/* 1 when an address filter is set */
	long long ids[RES_MAX_IDS];	/* M_IDS: residents with the number */
	char like[220];			/* M_SUFFIX: reversed digits%; M_NAME: name% */
	char text_like[220];		/* %text% */
};

/* A query parameter, "" when absent or longer than max bytes. */
static const char *query_text(struct req *r, const char *name, size_t max)
{
	const char *v = req_query(r, name);

	return v && strlen(v) <= max ? v : "";
}

/* Appends v to out with LIKE's wildcards taken literally. */
static size_t like_escape(char *out, size_t n, size_t size, const char *v)
{
	for (; *v && n + 3 < size; v++) {
		if (*v == '%' || *v == '_' || *v == '\\')
			out[n++] = '\\';
		out[n++] = *v;
	}
	out[n] = '\0';
	return n;
}

/* How the search box's q is searched: number, last digits or name. */
static void filter_mode(struct res_filter *f)
{
	char digits[32], phone[PHONE_MAX + 1];
	size_t nd = 0;
	int phoneish = strspn(f->q, "0123456789 +-()") == strlen(f->q);

	for (const char *c = f->q; *c && nd + 1 < sizeof(digits); c++)
		if (*c >= '0' && *c <= '9')
			digits[nd++] = *c;
	digits[nd] = '\0';
	if (*f->q && phoneish && nd >= 4) {
		if (!phone_normalize(phone, f->q, NULL)) {
			int n = resident_find_by_phone(f->ids, RES_MAX_IDS, phone);

			f->mode = M_IDS;
			for (int i = n < 0 ? 0 : n; i < RES_MAX_IDS; i++)
				f->ids[i] = 0;
			return;
		}
		f->mode = M_SUFFIX;
		for (size_t i = 0; i < nd; i++)
			f->like[i] = digits[nd - 1 - i];
		strcpy(f->like + nd, "%");
		return;
	}
	if (*f->q) {
		f->mode = M_NAME;
		strcpy(f->like + like_escape(f->like, 0, sizeof(f->like) - 1, f->q), "%");
		return;
	}
	f->mode = f->has_address ? M_ADDRESS : M_ALL;
}

/* Reads the filters from the query string and shows them back as Filter.*. */
static void filter_read(struct req *r, struct res_filter *f)
{
	size_t n;

	memset(f, 0, sizeof(*f));
	f->q = query_text(r, "q", 64);
	f->text = query_text(r, "text", 64);
	f->building = query_text(r, "building", 32 * 4);
	f->unit = query_text(r, "unit", 32 * 4);
	f->room = query_text(r, "room", 16 * 4);
	f->tag = query_text(r, "tag", 64);
	f->level = query_text(r, "level", 64);
	f->category = query_text(r, "category", 64);
	f->community = req_int(r, "community", 0, 1, LLONG_MAX);
	if (f->community < 0)
		f->community = 0;
	f->has_address = f->community || *f->building || *f->unit || *f->room;
	f->page = crm_page(r);
	f->text_like[0] = '%';
	n = like_escape(f->text_like, 1, sizeof(f->text_like) - 1, f->text);
	strcpy(f->text_like + n, "%");
	filter_mode(f);
	hset(r, "Filter.q", f->q);
	hset(r, "Filter.text", f->text);
	hset(r, "Filter.building", f->building);
	hset(r, "Filter.unit", f->unit);
	hset(r, "Filter.room", f->room);
	hset(r, "Filter.tag", f->tag);
	hset(r, "Filter.level", f->level);
	hset(r, "Filter.category", f->category);
	if (f->community)
		hset_int(r, "Filter.community", f->community);
}

/* The list's URL with its filters (for paging and the CSV export). */
static void filter_url(struct req *r, struct buf *url, const char *base)
{
	static const char *const names[] = { "q", "text", "community", "building", "unit", "room",
					     "tag", "level", "category" };

	buf_init(url);
	buf_puts(url, base);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char node[32];

		snprintf(node, sizeof(node), "Filter.%s", names[i]);
		url_param(url, names[i], hdf_get_value(r->hdf, node, ""));
	}
}

#define FILTER_ARGS(f) (f)->level, (f)->level, (f)->category, (f)->category, (f)->tag, (f)->tag, \
	(f)->text, (f)->text_like, (f)->text_like, (f)->mode == M_ADDRESS ? 0 : (f)->has_address, \
	(f)->community, (f)->community, (f)->building, (f)->building, (f)->unit, (f)->unit, \
	(f)->room, (f)->room
#define ADDRESS_ARGS(f) (f)->community, (f)->community, (f)->building, (f)->building, \
	(f)->unit, (f)->unit, (f)->room, (f)->room

/* The residents the filters select, limit rows from offset. */
static struct stmt *residents_query(const struct res_filter *f, long long limit, long long offset)
{
	const long long *id = f->ids;

	switch (f->mode) {
	case M_IDS:
		return db_query(sql_ids, "iiiiiiiiii" RES_FILTER_TYPES "ii", id[0], id[1], id[2],
				id[3], id[4], id[5], id[6], id[7], id[8], id[9], FILTER_ARGS(f),
				limit, offset);
	case M_SUFFIX:
		return db_query(sql_suffix, "s" RES_FILTER_TYPES "ii", f->like, FILTER_ARGS(f),
				limit, offset);
	case M_NAME:
		return db_query(sql_name, "s" RES_FILTER_TYPES "ii", f->like, FILTER_ARGS(f),
				limit, offset);
	case M_ADDRESS:
		return db_query(sql_address, "iissssss" RES_FILTER_TYPES "ii", ADDRESS_ARGS(f),
				FILTER_ARGS(f), limit, offset);
	default:
		return db_query(sql_all, RES_FILTER_TYPES "ii", FILTER_ARGS(f), limit, offset);
	}
}

/* ------------------------------------------------------------------ the list */

/* "community building unit room" of a household entry "c\x1fb\x1fu\x1fr\x1frel"; the
 * relation goes to rel (16 bytes). */
static void address_text(struct buf *out, const char *entry, char *rel)
{
	const char *end = entry + strcspn(entry, "\x1e");
	int field = 0;

	rel[0] = '\0';
	for (const char *p = entry; p < end; field++) {
		size_t n = strcspn(p, "\x1f\x1e");

		if (field < 4) {
			if (field)
				buf_puts(out, " ");
			buf_add(out, p, n);
		} else {
			snprintf(rel, 16, "%.*s", (int)n, p);
		}
		p += n;
		if (*p == '\x1f')
			p++;
	}
}

/* Residents.N.Phones.M.phone from "m138... l010..." (at most three). */
static void row_phones(struct req *r, const char *prefix, const char *phones)
{
	char *list = xstrdup(phones ? phones : ""), *save = NULL, name[96];
	int m = 0;

	snprintf(name, sizeof(name), "%s.Phones", prefix);
	for (char *t = strtok_r(list, " ", &save); t && m < 3; t = strtok_r(NULL, " ", &save))
		hset_row(r, name, m++, "phone", t + 1);
	free(list);
}

/* One list row into list.n. */
static void row_hdf(struct req *r, const char *list, struct stmt *st, int n)
{
	const char *hh = db_text(st, COL_HOUSEHOLDS);
	char prefix[48], node[96], rel[16], local[32];
	struct buf addr;
	int count = 0;

	snprintf(prefix, sizeof(prefix), "%s.%d", list, n);
	hset_row(r, list, n, "id", db_text(st, COL_ID));
	hset_row(r, list, n, "name", db_text(st, COL_NAME));
	hset_row(r, list, n, "level", db_text(st, COL_LEVEL));
	hset_row(r, list, n, "level_label", db_text(st, COL_LEVEL_LABEL));
	hset_row(r, list, n, "category_label", db_text(st, COL_CATEGORY_LABEL));
	hset_row(r, list, n, "tags", db_text(st, COL_TAGS));
	hset_row(r, list, n, "updated_at",
		     time_local(local, sizeof(local), db_text(st, COL_UPDATED), 0));
	row_phones(r, prefix, db_text(st, COL_PHONES));
	buf_init(&addr);
	if (hh) {
		address_text(&addr, hh, rel);
		for (const char *p = hh; p; p = strchr(p + 1, '\x1e'))
			count++;
	}
	hset_row(r, list, n, "address", addr.data);
	snprintf(node, sizeof(node), "%s.more_households", prefix);
	if (count > 1)
		hset_int(r, node, count - 1);
	buf_free(&addr);
}

/* The filters' selects: communities and the three dictionaries. */
static int filter_options(struct req *r)
{
	if (db_query_hdf(r, "Communities", "SELECT id, name FROM community ORDER BY name", "") < 0 ||
	    crm_dict_hdf(r, "Levels", "customer_level", NULL) < 0 ||
	    crm_dict_hdf(r, "Categories", "customer_category", NULL) < 0 ||
	    crm_dict_hdf(r, "TagList", "customer_tag", NULL) < 0)
		return -1;
	return 0;
}

int page_residents(struct req *r)
{
	struct res_filter f;
	struct stmt *st;
	struct buf url;
	int n = 0, rc;

	filter_read(r, &f);
	st = residents_query(&f, CRM_PER_PAGE + 1, (f.page - 1) * CRM_PER_PAGE);
	if (!st)
		return req_fail(r, 500, "err.db");
	while ((rc = db_next(st)) == 1 && n < CRM_PER_PAGE)
		row_hdf(r, "Residents", st, n++);
	db_done(st);
	if (rc < 0 || filter_options(r))
		return req_fail(r, 500, "err.db");
	crm_split_tags(r, "Residents", "tags", "Tags");
	filter_url(r, &url, "/crm/residents");
	crm_pager(r, &url, f.page, rc == 1);
	buf_free(&url);
	filter_url(r, &url, "/crm/residents.csv");
	hset(r, "Export.Href", url.data);
	buf_free(&url);
	if (f.mode == M_IDS || f.mode == M_SUFFIX)
		hset(r, "Filter.by_phone", "1");
	crm_can_hdf(r);
	hset(r, "Page.Title", tr(r, "crm.res.title"));
	r->template = "crm/residents.cs";
	return 0;
}

int crm_residents_find(struct req *r, const char *list, const char *q, int limit)
{
	struct res_filter f;
	struct stmt *st;
	int n = 0, rc;

	memset(&f, 0, sizeof(f));
	f.q = q;
	f.text = f.building = f.unit = f.room = f.tag = f.level = f.category = "";
	strcpy(f.text_like, "%");
	filter_mode(&f);
	if (f.mode == M_ALL)
		return 0;
	st = residents_query(&f, limit, 0);
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1)
		row_hdf(r, list, st, n++);
	db_done(st);
	if (rc < 0)
		return -1;
	crm_split_tags(r, list, "tags", "Tags");
	return n;
}

/* ------------------------------------------------------------------ export */

/* The label of a relation code in the export's language (Chinese, like its headers). */
static const char *relation_label(const char *rel)
{
	if (!strcmp(rel, "tenant"))
		return "租户";
	if (!strcmp(rel, "family"))
		return "家属";
	return rel[0] ? "业主" : "";
}

/* Tag labels joined by 、 from "code\x1flabel\x1e...". */
static void tag_labels(struct buf *out, const char *tags)
{
	for (const char *p = tags; p && *p;) {
		const char *label = strchr(p, '\x1f'), *end = p + strcspn(p, "\x1e");

		if (out->len)
			buf_puts(out, "、");
		if (label && label < end)
			buf_add(out, label + 1, (size_t)(end - label - 1));
		else
			buf_add(out, p, (size_t)(end - p));
		p = *end ? end + 1 : NULL;
	}
}

/* The first mobile into mobile (32 bytes) and the other numbers joined by ";" into more. */
static void export_phones(const char *phones, char *mobile, struct buf *more)
{
	char *list = xstrdup(phones ? phones : ""), *save = NULL;

	mobile[0] = '\0';
	for (char *t = strtok_r(list, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		if (t[0] == 'm' && !mobile[0]) {
			snprintf(mobile, 32, "%s", t + 1);
			continue;
		}
		if (more->len)
			buf_puts(more, ";");
		buf_puts(more, t + 1);
	}
	free(list);
}

/* One CSV record per household of the current row (one without address when none). */
static void export_row(struct buf *b, struct stmt *st)
{
	const char *hh = db_text(st, COL_HOUSEHOLDS), *f[12];
	char mobile[32], parts[5][404];
	struct buf more, tags;

	buf_init(&more);
	buf_init(&tags);
	export_phones(db_text(st, COL_PHONES), mobile, &more);
	tag_labels(&tags, db_text(st, COL_TAGS));
	f[0] = db_text(st, COL_NAME);
	f[1] = mobile;
	f[2] = more.data;
	f[8] = db_text(st, COL_CATEGORY_LABEL) ? db_text(st, COL_CATEGORY_LABEL) : "";
	f[9] = db_text(st, COL_LEVEL_LABEL) ? db_text(st, COL_LEVEL_LABEL) : "";
	f[10] = tags.data;
	f[11] = db_text(st, COL_NOTE) ? db_text(st, COL_NOTE) : "";
	do {
		for (int i = 0; i < 5; i++) {
			size_t n = hh ? strcspn(hh, "\x1f\x1e") : 0;

			snprintf(parts[i], sizeof(parts[i]), "%.*s", (int)n, hh ? hh : "");
			if (hh)
				hh = hh[n] == '\x1f' ? hh + n + 1 : hh + n;
			f[3 + i] = i < 4 ? parts[i] : relation_label(parts[i]);
		}
		crm_csv_row(b, f, 12);
		if (hh && *hh == '\x1e')
			hh++;
	} while (hh && *hh);
	buf_free(&more);
	buf_free(&tags);
}

int page_residents_csv(struct req *r)
{
	static const char *const head[] = { "姓名", "手机", "其他电话", "小区", "楼栋", "单元",
					    "房号", "关系", "类别", "等级", "标签", "备注" };
	struct res_filter f;
	struct stmt *st;
	int rc;

	filter_read(r, &f);
	st = residents_query(&f, 1000000, 0);
	if (!st)
		return req_fail(r, 500, "err.db");
	crm_csv_start(r, "residents");
	crm_csv_row(&r->body, head, 12);
	while ((rc = db_next(st)) == 1)
		export_row(&r->body, st);
	db_done(st);
	if (rc < 0) {
		r->raw_type = NULL;
		return req_fail(r, 500, "err.db");
	}
	return 0;
}

/* ------------------------------------------------------------------ one resident */

/* For each row prefix.N, sets prefix.N.status_label to the translated work-order status. */
static void status_labels(struct req *r, const char *prefix)
{
	char key[64];

	for (HDF *row = hdf_get_child(r->hdf, prefix); row; row = hdf_obj_next(row)) {
		snprintf(key, sizeof(key), "ticket.status.%s", hdf_get_value(row, "status", ""));
		hset_row(r, prefix, atoi(hdf_obj_name(row)), "status_label", tr(r, key));
	}
}

/* Phones, households, tags, work orders, calls and merged duplicates of resident id. */
static int resident_parts(struct req *r, long long id)
{
	if (db_query_hdf(r, "Phones", "SELECT phone, kind, is_primary FROM resident_phone"
			 " WHERE resident_id = ? ORDER BY is_primary DESC, id", "i", id) < 0 ||
	    db_query_hdf(r, "Households", "SELECT h.id, c.name AS community, b.name AS building,"
			 " u.name AS unit, h.room, h.area_m2, h.heating_status, rh.relation"
			 " FROM resident_household rh JOIN household h ON h.id = rh.household_id"
			 " JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id"
			 " JOIN community c ON c.id = b.community_id WHERE rh.resident_id = ?"
			 " ORDER BY c.name, b.sort, b.name, u.sort, u.name, h.room", "i", id) < 0 ||
	    db_query_hdf(r, "Tags", "SELECT t.tag AS code, COALESCE(i.label, t.tag) AS label"
			 " FROM resident_tag t LEFT JOIN dictionary_item i ON i.code = t.tag"
			 " AND i.dictionary_id = (SELECT id FROM dictionary WHERE code = 'customer_tag')"
			 " WHERE t.resident_id = ? ORDER BY i.sort", "i", id) < 0 ||
	    db_query_hdf(r, "Tickets", "SELECT id, number, title, status, priority, emergency,"
			 " satisfaction, created_at FROM ticket WHERE resident_id = ?"
			 " ORDER BY created_at DESC LIMIT 20", "i", id) < 0 ||
	    db_query_hdf(r, "Calls", "SELECT c.started_at, c.direction, c.caller, c.disposition,"
			 " c.rating, s.name AS agent, TIMESTAMPDIFF(SECOND, c.answered_at, c.ended_at)"
			 " AS talk_seconds FROM `call` c LEFT JOIN staff s ON s.id = c.agent_id"
			 " WHERE c.resident_id = ? ORDER BY c.started_at DESC LIMIT 20", "i", id) < 0 ||
	    db_query_hdf(r, "Merged", "SELECT id, name FROM resident WHERE merged_into_id = ?"
			 " ORDER BY id", "i", id) < 0)
		return -1;
	for (HDF *row = hdf_get_child(r->hdf, "Tags"); row; row = hdf_obj_next(row))
		hset_row(r, "Tags", atoi(hdf_obj_name(row)), "class",
			     crm_tag_class(hdf_get_value(row, "code", "")));
	status_labels(r, "Tickets");
	return 0;
}

int page_resident(struct req *r)
{
	long long id = r->args[0], into;
	int found = db_row_hdf(r, "Resident", "SELECT r.id, r.name, r.gender, r.category,"
				" r.level, r.preferred_channel, r.email, r.note, r.merged_into_id,"
				" r.version, r.created_at, r.updated_at, li.label AS level_label,"
				" ci.label AS category_label FROM resident r LEFT JOIN dictionary_item li"
				" ON li.code = r.level AND li.dictionary_id = (SELECT id FROM dictionary"
				" WHERE code = 'customer_level') LEFT JOIN dictionary_item ci"
				" ON ci.code = r.category AND ci.dictionary_id = (SELECT id FROM"
				" dictionary WHERE code = 'customer_category') WHERE r.id = ?", "i", id);

	if (found <= 0)
		return req_fail(r, found < 0 ? 500 : 404, found < 0 ? "err.db" : "err.not_found_object");
	into = hdf_get_int_value(r->hdf, "Resident.merged_into_id", 0);
	if (into) {
		char *to = xasprintf("/crm/residents/%lld", into);
		int status;

		req_flash(r, "crm.res.merged_away");
		status = req_redirect(r, to);
		free(to);
		return status;
	}
	if (resident_parts(r, id))
		return req_fail(r, 500, "err.db");
	crm_can_hdf(r);
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Resident.name", ""));
	r->template = "crm/resident.cs";
	return 0;
}
