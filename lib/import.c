/* import.c — CSV import: the header's columns, every row checked, one transaction, a report. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "csv.h"
#include "db.h"
#include "import.h"
#include "property.h"
#include "resident_tx.h"
#include "util.h"

enum col {
	C_COMMUNITY, C_BUILDING, C_UNIT, C_ROOM, C_FLOOR, C_AREA, C_HEATING,
	C_NAME, C_MOBILE, C_PHONES, C_RELATION, C_CATEGORY, C_LEVEL, C_TAGS, C_NOTE,
	C_COUNT
};

#define K_PROP (1u << IMPORT_PROPERTIES)
#define K_RES (1u << IMPORT_RESIDENTS)

/* The titles a header may give each column (the first is the one exports use), which
 * imports have it and which require it. */
static const struct {
	const char *names;
	unsigned kinds, required;
} columns[C_COUNT] = {
	[C_COMMUNITY] = { "|小区|小区名称|community|", K_PROP | K_RES, K_PROP },
	[C_BUILDING] = { "|楼栋|楼号|楼栋号|building|", K_PROP | K_RES, K_PROP },
	[C_UNIT] = { "|单元|单元号|unit|", K_PROP | K_RES, K_PROP },
	[C_ROOM] = { "|房号|房间号|门牌号|户号|room|", K_PROP | K_RES, K_PROP },
	[C_FLOOR] = { "|楼层|floor|", K_PROP, 0 },
	[C_AREA] = { "|面积|建筑面积|面积(㎡)|面积（㎡）|area|area_m2|", K_PROP, 0 },
	[C_HEATING] = { "|供暖状态|供暖|heating|heating_status|", K_PROP, 0 },
	[C_NAME] = { "|姓名|name|", K_RES, K_RES },
	[C_MOBILE] = { "|手机|手机号|手机号码|mobile|", K_RES, 0 },
	[C_PHONES] = { "|其他电话|其它电话|电话|other phones|phones|", K_RES, 0 },
	[C_RELATION] = { "|关系|relation|", K_RES, 0 },
	[C_CATEGORY] = { "|类别|客户类别|category|", K_RES, 0 },
	[C_LEVEL] = { "|等级|客户等级|level|", K_RES, 0 },
	[C_TAGS] = { "|标签|服务标签|tags|", K_RES, 0 },
	[C_NOTE] = { "|备注|note|", K_RES, 0 },
};

#define DICT_MAX 512

struct dict_item {
	char dict[20];
	char code[65];
	char label[404];
};

/* A level of the tree remembered from the previous row: files come sorted by address. */
struct memo {
	long long parent;
	char name[404];
	long long id;
};

struct ctx {
	struct import_report *rep;
	enum import_kind kind;
	int pos[C_COUNT];		/* cell of each column, -1 when the file has none */
	char titles[C_COUNT][64];	/* as the file's header names them */
	const char *v[C_COUNT];		/* the current row's values, trimmed ("" when absent) */
	long row;
	struct memo community, building, unit;
	struct dict_item *dict;
	size_t ndict;
};

/* ------------------------------------------------------------------ report */

/* Copies at most outlen - 1 bytes of s without cutting a UTF-8 character. */
static void copy_utf8(char *out, size_t outlen, const char *s)
{
	size_t n = strlen(s);

	if (n >= outlen) {
		n = outlen - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, s, n);
	out[n] = '\0';
}

static void report_error(struct import_report *rep, long row, const char *column,
			 const char *key, const char *value)
{
	struct import_error *er;

	rep->nerrors++;
	if (rep->nlisted >= IMPORT_MAX_LISTED)
		return;
	er = &rep->errors[rep->nlisted++];
	er->row = row;
	er->key = key;
	copy_utf8(er->column, sizeof(er->column), column ? column : "");
	copy_utf8(er->value, sizeof(er->value), value ? value : "");
}

/* A problem with column col of the current row. */
static void row_error(struct ctx *c, enum col col, const char *key, const char *value)
{
	report_error(c->rep, c->row, c->titles[col], key, value);
}

/* ------------------------------------------------------------------ header */

/* The column a header title names for this kind of import, or -1. */
static int column_find(const char *title, enum import_kind kind)
{
	char needle[80];

	if (!*title || strchr(title, '|') || strlen(title) > 60)
		return -1;
	snprintf(needle, sizeof(needle), "|%s|", title);
	for (int i = 0; i < C_COUNT; i++)
		if ((columns[i].kinds & (1u << kind)) && strcasestr(columns[i].names, needle))
			return i;
	return -1;
}

/* The first title of column col (what exports and templates use). */
static void column_title(char *out, size_t outlen, int col)
{
	const char *s = columns[col].names + 1;

	snprintf(out, outlen, "%.*s", (int)strcspn(s, "|"), s);
}

/* Trims ASCII and ideographic spaces around s in place; returns s.  Writes nothing when
 * there is nothing to cut (s may be a read-only ""). */
static char *trim(char *s)
{
	char *e;

	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (!strncmp(s, "\xE3\x80\x80", 3))
			s += 3;
		else
			break;
	}
	e = s + strlen(s);
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		else if (e - s >= 3 && !strncmp(e - 3, "\xE3\x80\x80", 3))
			e -= 3;
		else
			break;
	}
	if (*e)
		*e = '\0';
	return s;
}

static void header_read(struct ctx *c, struct csv_reader *cr)
{
	for (int i = 0; i < C_COUNT; i++) {
		c->pos[i] = -1;
		column_title(c->titles[i], sizeof(c->titles[i]), i);
	}
	for (size_t i = 0; i < cr->nf; i++) {
		char *title = trim((char *)csv_get(cr, i));
		int col = column_find(title, c->kind);

		if (!*title)
			continue;
		if (col < 0 || c->pos[col] >= 0) {
			report_error(c->rep, cr->row, title, col < 0 ? "crm.import.err_header_unknown"
							      : "crm.import.err_header_twice", NULL);
			continue;
		}
		c->pos[col] = (int)i;
		copy_utf8(c->titles[col], sizeof(c->titles[col]), title);
	}
	for (int i = 0; i < C_COUNT; i++)
		if ((columns[i].required & (1u << c->kind)) && c->pos[i] < 0)
			report_error(c->rep, cr->row, c->titles[i], "crm.import.err_header_missing",
				     NULL);
}

/* Points c->v at the current row's values, trimmed, without the apostrophe an export
 * puts before formula characters. */
static void row_values(struct ctx *c, struct csv_reader *cr)
{
	c->row = cr->row;
	for (int i = 0; i < C_COUNT; i++)
		c->v[i] = c->pos[i] < 0 ? "" : csv_unguard(trim((char *)csv_get(cr, c->pos[i])));
}

/* Adds an error unless column col is one line of at most max characters, and present
 * when required.  Returns 0 when it is fine. */
static int text_check(struct ctx *c, enum col col, size_t max, int required)
{
	const char *v = c->v[col];

	if (!*v) {
		if (required)
			row_error(c, col, "crm.import.err_required", NULL);
		return required ? -1 : 0;
	}
	if (org_strlen(v) > max) {
		row_error(c, col, "crm.import.err_too_long", v);
		return -1;
	}
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			row_error(c, col, "crm.import.err_control", NULL);
			return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ the tree */

/* The number a name starts with ("3号楼" → 3), to sort 2号楼 before 10号楼. */
static long long name_sort(const char *name)
{
	long long n = 0;

	for (; isdigit((unsigned char)*name) && n < 100000000; name++)
		n = n * 10 + (*name - '0');
	return n;
}

/* The id of the child called name under parent, found with find_sql or, when create is
 * set, made with make_sql (and counted in *made).  0 when absent (or on error). */
static long long level_get(struct memo *m, long long parent, const char *name, int create,
			   const char *find_sql, const char *make_sql, long *made)
{
	if (m->id && m->parent == parent && !strcmp(m->name, name))
		return m->id;
	m->id = db_int_query(0, find_sql, "is", parent, name);
	if (!m->id && create && db_exec(make_sql, "isi", parent, name, name_sort(name)) > 0) {
		m->id = (long long)db_insert_id();
		(*made)++;
	}
	m->parent = parent;
	copy_utf8(m->name, sizeof(m->name), name);
	return m->id;
}

/* A community created by an import gets the code c<id> (or keeps a generated one). */
static long long community_make(struct ctx *c, const char *name)
{
	long long id;

	if (db_exec("INSERT INTO community (code, name) VALUES (CONCAT('imp_', UUID_SHORT()), ?)",
		    "s", name) < 0)
		return 0;
	id = (long long)db_insert_id();
	db_exec("UPDATE community SET code = CONCAT('c', id) WHERE id = ?", "i", id);
	c->rep->communities++;
	return id;
}

/* The unit the row's address names (creating what is missing when create is set), or 0. */
static long long unit_get(struct ctx *c, int create)
{
	struct memo *m = &c->community;
	long long id;

	if (!m->id || strcmp(m->name, c->v[C_COMMUNITY])) {
		m->id = db_int_query(0, "SELECT id FROM community WHERE name = ? ORDER BY id LIMIT 1",
				     "s", c->v[C_COMMUNITY]);
		if (!m->id && create)
			m->id = community_make(c, c->v[C_COMMUNITY]);
		copy_utf8(m->name, sizeof(m->name), c->v[C_COMMUNITY]);
	}
	if (!m->id)
		return 0;
	id = level_get(&c->building, m->id, c->v[C_BUILDING], create,
		       "SELECT id FROM building WHERE community_id = ? AND name = ?",
		       "INSERT INTO building (community_id, name, sort) VALUES (?, ?, ?)",
		       &c->rep->buildings);
	if (!id)
		return 0;
	return level_get(&c->unit, id, c->v[C_UNIT], create,
			 "SELECT id FROM unit WHERE building_id = ? AND name = ?",
			 "INSERT INTO unit (building_id, name, sort) VALUES (?, ?, ?)",
			 &c->rep->units);
}

/* ------------------------------------------------------------------ property rows */

static void property_row_check(struct ctx *c)
{
	const char *key;

	text_check(c, C_COMMUNITY, ORG_NAME_MAX, 1);
	text_check(c, C_BUILDING, PROPERTY_NAME_MAX, 1);
	text_check(c, C_UNIT, PROPERTY_NAME_MAX, 1);
	text_check(c, C_ROOM, PROPERTY_ROOM_MAX, 1);
	if ((key = property_check_floor(c->v[C_FLOOR])))
		row_error(c, C_FLOOR, key, c->v[C_FLOOR]);
	if ((key = property_check_area(c->v[C_AREA])))
		row_error(c, C_AREA, key, c->v[C_AREA]);
	if (!property_heating(c->v[C_HEATING]))
		row_error(c, C_HEATING, "crm.import.err_heating", c->v[C_HEATING]);
}

/* Creates or updates the row's household (and what is missing above it). */
static enum org_result property_row_apply(struct ctx *c)
{
	long long unit = unit_get(c, 1), n;

	if (!unit)
		return ORG_DB;
	/* Empty cells keep what a household already has. */
	n = db_exec("INSERT INTO household (unit_id, room, floor, area_m2, heating_status)"
		    " VALUES (?, ?, NULLIF(?, ''), NULLIF(?, ''), ?) ON DUPLICATE KEY UPDATE"
		    " floor = COALESCE(VALUES(floor), floor),"
		    " area_m2 = COALESCE(VALUES(area_m2), area_m2),"
		    " heating_status = IF(? = '', heating_status, VALUES(heating_status))",
		    "isssss", unit, c->v[C_ROOM], c->v[C_FLOOR], c->v[C_AREA],
		    property_heating(c->v[C_HEATING]), c->v[C_HEATING]);
	if (n < 0)
		return ORG_DB;
	if (n == 1)
		c->rep->created++;
	else if (n == 2)
		c->rep->updated++;
	else
		c->rep->unchanged++;
	return ORG_OK;
}

/* ------------------------------------------------------------------ resident rows */

static int dict_load(struct ctx *c)
{
	struct stmt *st = db_query("SELECT d.code, i.code, i.label FROM dictionary_item i"
				   " JOIN dictionary d ON d.id = i.dictionary_id WHERE d.code IN"
				   " ('customer_category', 'customer_level', 'customer_tag')", "");

	if (!st)
		return -1;
	c->dict = xcalloc(DICT_MAX, sizeof(*c->dict));
	while (c->ndict < DICT_MAX && db_next(st) == 1) {
		struct dict_item *d = &c->dict[c->ndict++];

		copy_utf8(d->dict, sizeof(d->dict), db_text(st, 0));
		copy_utf8(d->code, sizeof(d->code), db_text(st, 1));
		copy_utf8(d->label, sizeof(d->label), db_text(st, 2));
	}
	db_done(st);
	return 0;
}

/* The code of the item of dictionary dict whose code or label is v, or NULL. */
static const char *dict_find(const struct ctx *c, const char *dict, const char *v)
{
	for (size_t i = 0; i < c->ndict; i++)
		if (!strcmp(c->dict[i].dict, dict) && !strcmp(c->dict[i].code, v))
			return c->dict[i].code;
	for (size_t i = 0; i < c->ndict; i++)
		if (!strcmp(c->dict[i].dict, dict) && !strcasecmp(c->dict[i].label, v))
			return c->dict[i].code;
	return NULL;
}

/* Splits s in place at the separators (ASCII bytes, and the full-width ，；、 when wide
 * is set); writes up to max non-empty pieces to out.  Returns how many there were. */
static size_t split(char *s, const char *seps, int wide, const char **out, size_t max)
{
	size_t n = 0;
	char *start = s;

	if (!*s)
		return 0;	/* an absent column is a read-only "" */
	for (char *p = s;; p++) {
		size_t w = *p && strchr(seps, *p) ? 1 : 0;
		int end = !*p;

		if (!w && wide && (!strncmp(p, "，", 3) || !strncmp(p, "；", 3) || !strncmp(p, "、", 3)))
			w = 3;
		if (!end && !w)
			continue;
		*p = '\0';
		start = trim(start);
		if (*start) {
			if (n < max)
				out[n] = start;
			n++;
		}
		if (end)
			break;
		p += w - 1;
		start = p + 1;
	}
	return n;
}

/* The row's phones into in: the mobile column and the others, each checked. */
static void resident_row_phones(struct ctx *c, struct resident_input *in)
{
	char norm[PHONE_MAX + 1];
	const char *more[RESIDENT_MAX_PHONES];
	size_t n;

	if (*c->v[C_MOBILE]) {
		if (phone_normalize(norm, c->v[C_MOBILE], NULL))
			row_error(c, C_MOBILE, "crm.import.err_mobile", c->v[C_MOBILE]);
		else
			in->phones[in->nphones++] = c->v[C_MOBILE];
	}
	n = split((char *)c->v[C_PHONES], ",;/|", 1, more, RESIDENT_MAX_PHONES - 1);
	if (n > RESIDENT_MAX_PHONES - 1) {
		row_error(c, C_PHONES, "crm.import.err_too_many", NULL);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (phone_normalize(norm, more[i], NULL))
			row_error(c, C_PHONES, "crm.import.err_phone", more[i]);
		else
			in->phones[in->nphones++] = more[i];
	}
}

/* The row's household (and relation) into in, when its address is given. */
static void resident_row_household(struct ctx *c, struct resident_input *in)
{
	static const char *const rel[][2] = {
		{ "业主", "owner" }, { "房主", "owner" }, { "产权人", "owner" }, { "owner", "owner" },
		{ "租户", "tenant" }, { "租客", "tenant" }, { "tenant", "tenant" },
		{ "家属", "family" }, { "家人", "family" }, { "亲属", "family" },
		{ "family", "family" },
	};
	int given = *c->v[C_COMMUNITY] || *c->v[C_BUILDING] || *c->v[C_UNIT] || *c->v[C_ROOM];
	long long unit, id;

	in->relations[0] = *c->v[C_RELATION] ? NULL : "owner";
	for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]) && !in->relations[0]; i++)
		if (!strcasecmp(c->v[C_RELATION], rel[i][0]))
			in->relations[0] = rel[i][1];
	if (!in->relations[0])
		row_error(c, C_RELATION, "crm.import.err_relation", c->v[C_RELATION]);
	if (!given)
		return;
	if (!*c->v[C_COMMUNITY] || !*c->v[C_BUILDING] || !*c->v[C_UNIT] || !*c->v[C_ROOM]) {
		row_error(c, !*c->v[C_COMMUNITY] ? C_COMMUNITY : !*c->v[C_BUILDING] ? C_BUILDING :
			  !*c->v[C_UNIT] ? C_UNIT : C_ROOM, "crm.import.err_address_partial", NULL);
		return;
	}
	unit = unit_get(c, 0);
	id = unit ? db_int_query(0, "SELECT id FROM household WHERE unit_id = ? AND room = ?", "is",
				 unit, c->v[C_ROOM]) : 0;
	if (!id) {
		char addr[200];

		snprintf(addr, sizeof(addr), "%s %s %s %s", c->v[C_COMMUNITY], c->v[C_BUILDING],
			 c->v[C_UNIT], c->v[C_ROOM]);
		row_error(c, C_ROOM, "crm.import.err_household", addr);
		return;
	}
	in->household_ids[0] = id;
	in->nhouseholds = 1;
}

/* Category, level and tags, by code or label, into in. */
static void resident_row_dicts(struct ctx *c, struct resident_input *in)
{
	const char *tags[RESIDENT_MAX_TAGS];
	size_t n;

	if (*c->v[C_CATEGORY] && !(in->category = dict_find(c, "customer_category", c->v[C_CATEGORY])))
		row_error(c, C_CATEGORY, "crm.import.err_category", c->v[C_CATEGORY]);
	if (*c->v[C_LEVEL] && !(in->level = dict_find(c, "customer_level", c->v[C_LEVEL])))
		row_error(c, C_LEVEL, "crm.import.err_level", c->v[C_LEVEL]);
	n = split((char *)c->v[C_TAGS], ",;/| ", 1, tags, RESIDENT_MAX_TAGS);
	if (n > RESIDENT_MAX_TAGS)
		row_error(c, C_TAGS, "crm.import.err_too_many", NULL);
	for (size_t i = 0; i < n && i < RESIDENT_MAX_TAGS; i++) {
		if (!(in->tags[in->ntags] = dict_find(c, "customer_tag", tags[i])))
			row_error(c, C_TAGS, "crm.import.err_tag", tags[i]);
		else
			in->ntags++;
	}
}

/* The column a resident_check error belongs to. */
static enum col check_column(const char *field)
{
	if (field && !strcmp(field, "name"))
		return C_NAME;
	if (field && !strcmp(field, "note"))
		return C_NOTE;
	if (field && !strcmp(field, "households"))
		return C_ROOM;
	return C_MOBILE;
}

static enum org_result resident_row(struct ctx *c)
{
	struct resident_input in = { .name = c->v[C_NAME], .category = "", .level = "",
				     .note = c->v[C_NOTE] };
	struct org_errors e = { 0 };
	struct resident_norm n;
	long before = c->rep->nerrors;
	long long id;
	int created;

	resident_row_phones(c, &in);
	resident_row_household(c, &in);
	resident_row_dicts(c, &in);
	if (c->rep->nerrors == before && resident_check(&n, &e, &in, 0)) {
		for (int i = 0; i < e.n; i++)
			row_error(c, check_column(e.v[i].field), !strcmp(e.v[i].key, "err.required") ?
				  "crm.import.err_required" : !strcmp(e.v[i].key, "err.too_long_field") ?
				  "crm.import.err_too_long" : !strcmp(e.v[i].key, "crm.resident.err_contact") ?
				  "crm.import.err_contact" : "crm.import.err_control", NULL);
	}
	if (c->rep->nerrors)
		return ORG_OK;
	if (resident_upsert_tx(&id, &created, &in, &n))
		return ORG_DB;
	if (created)
		c->rep->created++;
	else
		c->rep->updated++;
	return ORG_OK;
}

/* ------------------------------------------------------------------ the file */

static enum org_result property_row(struct ctx *c)
{
	property_row_check(c);
	return c->rep->nerrors ? ORG_OK : property_row_apply(c);
}

/* Reads every row after the header; stops early only on database trouble or too many
 * rows. */
static enum org_result rows_read(struct ctx *c, struct csv_reader *cr)
{
	enum org_result res = ORG_OK;
	int rc;

	while (!res && (rc = csv_read(cr)) == 1) {
		if (csv_blank(cr))
			continue;
		if (++c->rep->rows > IMPORT_MAX_ROWS) {
			c->rep->file_key = "crm.import.err_too_many_rows";
			return ORG_OK;
		}
		row_values(c, cr);
		res = c->kind == IMPORT_PROPERTIES ? property_row(c) : resident_row(c);
	}
	if (!res && rc < 0)
		report_error(c->rep, cr->row, NULL, "crm.import.err_quote", NULL);
	if (!res && !c->rep->rows && !c->rep->nerrors)
		c->rep->file_key = "crm.import.err_no_rows";
	return res;
}

static void import_audit(struct import_report *rep, const struct org_actor *who,
			 enum import_kind kind, const char *filename)
{
	char file[100];

	copy_utf8(file, sizeof(file), filename ? filename : "");
	audit(who->staff_id, who->ip, kind == IMPORT_PROPERTIES ? "property.import" :
	      "resident.import", NULL, 0, "rows=%ld created=%ld updated=%ld unchanged=%ld"
	      " communities=%ld buildings=%ld units=%ld encoding=%s file=%s", rep->rows,
	      rep->created, rep->updated, rep->unchanged, rep->communities, rep->buildings,
	      rep->units, rep->encoding, file);
	rep->audit_id = (long long)db_insert_id();
}

/* Reads the header and the rows inside a transaction; commits only a clean file. */
static enum org_result import_text(struct ctx *c, const struct org_actor *who,
				   struct csv_reader *cr, const char *filename)
{
	enum org_result res;
	int rc = csv_read(cr);

	if (rc <= 0) {
		c->rep->file_key = rc < 0 ? "crm.import.err_quote" : "crm.import.err_empty";
		return ORG_INVALID;
	}
	header_read(c, cr);
	if (c->rep->nerrors)
		return ORG_INVALID;
	if (c->kind == IMPORT_RESIDENTS && dict_load(c))
		return ORG_DB;
	if (db_begin())
		return ORG_DB;
	res = rows_read(c, cr);
	if (!res && (c->rep->nerrors || c->rep->file_key))
		res = ORG_INVALID;
	if (!res)
		import_audit(c->rep, who, c->kind, filename);
	if (!res && db_commit())
		res = ORG_DB;
	if (res)
		db_rollback();
	return res;
}

enum org_result import_csv(struct import_report *rep, const struct org_actor *who,
			   enum import_kind kind, const char *data, size_t len,
			   const char *filename)
{
	struct ctx c = { .rep = rep, .kind = kind };
	struct csv_reader cr;
	struct buf text;
	enum org_result res;

	memset(rep, 0, sizeof(*rep));
	rep->encoding = "UTF-8";
	if (len > IMPORT_MAX_BYTES) {
		rep->file_key = "crm.import.err_too_large";
		return ORG_INVALID;
	}
	buf_init(&text);
	if (csv_to_utf8(&text, data, len, &rep->encoding)) {
		rep->file_key = "crm.import.err_encoding";
		buf_free(&text);
		return ORG_INVALID;
	}
	csv_reader_init(&cr, text.data ? text.data : "", text.len);
	res = import_text(&c, who, &cr, filename);
	csv_reader_free(&cr);
	buf_free(&text);
	free(c.dict);
	return res;
}

const char *import_template(enum import_kind kind)
{
	return kind == IMPORT_PROPERTIES
		? "\xEF\xBB\xBF小区,楼栋,单元,房号,楼层,面积,供暖状态\r\n"
		: "\xEF\xBB\xBF姓名,手机,其他电话,小区,楼栋,单元,房号,关系,类别,等级,标签,备注\r\n";
}
