/* resident.c — residents: validation, phones, households and tags, optimistic locking,
 * merging duplicates, audit.  (Phone normalisation and lookup live in phone.c.) */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "resident_tx.h"
#include "util.h"

static const char *const channels[] = { "phone", "sms", "wechat", "email", NULL };
static const char *const relations[] = { "owner", "tenant", "family", NULL };

static void err_add(struct org_errors *e, const char *field, const char *key)
{
	if (e->n >= ORG_MAX_ERRORS)
		return;
	e->v[e->n].field = field;
	e->v[e->n].key = key;
	e->n++;
}

/* The entry of list equal to v ("" picks def), or NULL when v is not in the list. */
static const char *one_of(const char *const *list, const char *v, const char *def)
{
	if (!v || !*v)
		return def;
	for (; *list; list++)
		if (!strcmp(*list, v))
			return *list;
	return NULL;
}

/* Adds an error unless v is at most max characters without control characters (line
 * breaks and tabs allowed when multiline), and present when required. */
static void check_text(struct org_errors *e, const char *field, const char *v, size_t max,
		       int required, int multiline)
{
	if (!v || !*v) {
		if (required)
			err_add(e, field, "err.required");
		return;
	}
	if (org_strlen(v) > max) {
		err_add(e, field, "err.too_long_field");
		return;
	}
	for (const unsigned char *c = (const unsigned char *)v; *c; c++) {
		if ((*c < 0x20 && !(multiline && strchr("\r\n\t", *c))) || *c == 0x7f) {
			err_add(e, field, "err.invalid");
			return;
		}
	}
}

/* A simple shape check: one '@' with something before it and a dotted domain after it. */
static int email_ok(const char *s)
{
	const char *at = strchr(s, '@'), *dot;

	if (!at || at == s || strchr(at + 1, '@') || strlen(s) > RESIDENT_EMAIL_MAX)
		return 0;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c <= ' ' || *c == 0x7f || strchr("<>()[],;:\\\"", *c))
			return 0;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && at[1] != '.';
}

/* Normalises the phones into n without repeats; an invalid one is a "phones" error. */
static void check_phones(struct resident_norm *n, struct org_errors *e,
			 const struct resident_input *in)
{
	int bad = 0;

	n->nphones = 0;
	for (size_t i = 0; i < in->nphones && i < RESIDENT_MAX_PHONES; i++) {
		char *out = n->phones[n->nphones];
		int dup = 0;

		if (!in->phones[i] || !*in->phones[i])
			continue;
		if (phone_normalize(out, in->phones[i], &n->kinds[n->nphones])) {
			bad = 1;
			continue;
		}
		for (size_t j = 0; j < n->nphones && !dup; j++)
			dup = !strcmp(n->phones[j], out);
		if (!dup)
			n->nphones++;
	}
	if (bad || in->nphones > RESIDENT_MAX_PHONES)
		err_add(e, "phones", bad ? "err.phone_invalid" : "err.too_long_field");
}

static void check_households(struct resident_norm *n, struct org_errors *e,
			     const struct resident_input *in)
{
	if (in->nhouseholds > RESIDENT_MAX_HOUSEHOLDS) {
		err_add(e, "households", "err.too_long_field");
		return;
	}
	for (size_t i = 0; i < in->nhouseholds; i++) {
		n->relations[i] = one_of(relations, in->relations[i], "owner");
		if (in->household_ids[i] <= 0 || !n->relations[i]) {
			err_add(e, "households", "err.invalid");
			return;
		}
		for (size_t j = 0; j < i; j++) {
			if (in->household_ids[j] == in->household_ids[i]) {
				err_add(e, "households", "crm.resident.err_household_twice");
				return;
			}
		}
	}
}

/* The tags without repeats; empty ones are skipped. */
static void check_tags(struct resident_norm *n, struct org_errors *e,
		       const struct resident_input *in)
{
	n->ntags = 0;
	if (in->ntags > RESIDENT_MAX_TAGS) {
		err_add(e, "tags", "err.too_long_field");
		return;
	}
	for (size_t i = 0; i < in->ntags; i++) {
		int dup = 0;

		if (!in->tags[i] || !*in->tags[i])
			continue;
		for (size_t j = 0; j < n->ntags && !dup; j++)
			dup = !strcmp(n->tags[j], in->tags[i]);
		if (!dup)
			n->tags[n->ntags++] = in->tags[i];
	}
}

/* 1 when dictionary dict has an item code, 0 when not, -1 on error. */
static int dict_has(const char *dict, const char *code)
{
	long long n = db_int_query(-1, "SELECT COUNT(*) FROM dictionary_item i"
				   " JOIN dictionary d ON d.id = i.dictionary_id"
				   " WHERE d.code = ? AND i.code = ?", "ss", dict, code);

	return n < 0 ? -1 : n > 0;
}

/* The checks that need the database: dictionary codes and households exist. */
static enum org_result check_db(const struct resident_norm *n, struct org_errors *e,
				const struct resident_input *in)
{
	int ok;

	if (in->category && *in->category) {
		if ((ok = dict_has("customer_category", in->category)) < 0)
			return ORG_DB;
		if (!ok)
			err_add(e, "category", "err.invalid");
	}
	if ((ok = dict_has("customer_level", n->level)) < 0)
		return ORG_DB;
	if (!ok)
		err_add(e, "level", "err.invalid");
	for (size_t i = 0; i < n->ntags; i++) {
		if ((ok = dict_has("customer_tag", n->tags[i])) < 0)
			return ORG_DB;
		if (!ok) {
			err_add(e, "tags", "err.invalid");
			break;
		}
	}
	for (size_t i = 0; i < in->nhouseholds; i++) {
		long long c = db_int_query(-1, "SELECT COUNT(*) FROM household WHERE id = ?", "i",
					   in->household_ids[i]);
		if (c < 0)
			return ORG_DB;
		if (!c) {
			err_add(e, "households", "err.not_found_object");
			break;
		}
	}
	return e->n ? ORG_INVALID : ORG_OK;
}

enum org_result resident_check(struct resident_norm *n, struct org_errors *e,
			       const struct resident_input *in, int db_checks)
{
	memset(n, 0, sizeof(*n));
	check_text(e, "name", in->name, ORG_NAME_MAX, 1, 0);
	n->gender = one_of((const char *const[]){ "M", "F", NULL }, in->gender, "");
	if (!n->gender)
		err_add(e, "gender", "err.invalid");
	n->channel = one_of(channels, in->preferred_channel, "phone");
	if (!n->channel)
		err_add(e, "preferred_channel", "err.invalid");
	n->level = in->level && *in->level ? in->level : "normal";
	check_text(e, "category", in->category, ORG_DICT_CODE_MAX, 0, 0);
	check_text(e, "level", n->level, ORG_DICT_CODE_MAX, 0, 0);
	if (in->email && *in->email && !email_ok(in->email))
		err_add(e, "email", "err.invalid");
	check_text(e, "note", in->note, RESIDENT_NOTE_MAX, 0, 1);
	check_phones(n, e, in);
	check_households(n, e, in);
	check_tags(n, e, in);
	if (!e->n && !n->nphones && !in->nhouseholds)
		err_add(e, "phones", "crm.resident.err_contact");
	if (e->n)
		return ORG_INVALID;
	return db_checks ? check_db(n, e, in) : ORG_OK;
}

/* Writes the phones, households and tags of resident id.  replace: they become exactly
 * these; otherwise they are added to what the resident has.  0 or -1. */
static int children_write(long long id, const struct resident_input *in,
			  const struct resident_norm *n, int replace)
{
	if (replace && (db_exec("DELETE FROM resident_phone WHERE resident_id = ?", "i", id) < 0 ||
			db_exec("DELETE FROM resident_household WHERE resident_id = ?", "i", id) < 0 ||
			db_exec("DELETE FROM resident_tag WHERE resident_id = ?", "i", id) < 0))
		return -1;
	for (size_t i = 0; i < n->nphones; i++)
		if (db_exec("INSERT INTO resident_phone (resident_id, phone, kind, is_primary)"
			    " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE kind = VALUES(kind)",
			    "issi", id, n->phones[i], n->kinds[i], (long long)(replace && !i)) < 0)
			return -1;
	for (size_t i = 0; i < in->nhouseholds; i++)
		if (db_exec("INSERT INTO resident_household (resident_id, household_id, relation)"
			    " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE relation = VALUES(relation)",
			    "iis", id, in->household_ids[i], n->relations[i]) < 0)
			return -1;
	for (size_t i = 0; i < n->ntags; i++)
		if (db_exec("INSERT IGNORE INTO resident_tag (resident_id, tag) VALUES (?, ?)", "is",
			    id, n->tags[i]) < 0)
			return -1;
	return 0;
}

/* Inserts the resident row and its children; the new id goes to *id.  0 or -1. */
static int resident_insert(long long *id, const struct resident_input *in,
			   const struct resident_norm *n)
{
	if (db_exec("INSERT INTO resident (name, gender, category, level, preferred_channel, email,"
		    " note) VALUES (?, NULLIF(?, ''), NULLIF(?, ''), ?, ?, NULLIF(?, ''),"
		    " NULLIF(?, ''))", "sssssss", in->name, n->gender, in->category ? in->category : "",
		    n->level, n->channel, in->email ? in->email : "", in->note ? in->note : "") < 0)
		return -1;
	*id = (long long)db_insert_id();
	return children_write(*id, in, n, 0);
}

/* The phones as one space-separated string, for the audit log. */
static void phones_list(char *out, size_t outlen, const struct resident_norm *n)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n->nphones && len < outlen; i++)
		len += (size_t)snprintf(out + len, outlen - len, "%s%s", i ? " " : "", n->phones[i]);
}

/* Ends a transaction: commits when res is ORG_OK, else rolls back.  Returns the result. */
static enum org_result tx_end(enum org_result res)
{
	if (res == ORG_OK && db_commit())
		res = ORG_DB;
	if (res != ORG_OK)
		db_rollback();
	return res;
}

enum org_result resident_create(long long *id, struct org_errors *e, const struct org_actor *who,
				const struct resident_input *in)
{
	struct resident_norm n;
	char phones[200];
	enum org_result res = resident_check(&n, e, in, 1);

	if (res)
		return res;
	if (db_begin())
		return ORG_DB;
	if (resident_insert(id, in, &n))
		return tx_end(ORG_DB);
	phones_list(phones, sizeof(phones), &n);
	audit(who->staff_id, who->ip, "resident.create", "resident", *id,
	      "name=%s phones=%s households=%zu", in->name, phones, in->nhouseholds);
	return tx_end(ORG_OK);
}

/* Why an update touched no row: the resident is gone or merged (ORG_NOT_FOUND), or its
 * version moved on (ORG_CONFLICT). */
static enum org_result update_missed(struct org_errors *e, long long id)
{
	long long n = db_int_query(-1, "SELECT COUNT(*) FROM resident WHERE id = ?"
				   " AND merged_into_id IS NULL", "i", id);

	if (n < 0)
		return ORG_DB;
	if (!n)
		return ORG_NOT_FOUND;
	err_add(e, NULL, "crm.resident.err_conflict");
	return ORG_CONFLICT;
}

enum org_result resident_update(struct org_errors *e, const struct org_actor *who, long long id,
				long long version, const struct resident_input *in)
{
	struct resident_norm n;
	char phones[200];
	enum org_result res = resident_check(&n, e, in, 1);
	long long rows;

	if (res)
		return res;
	if (db_begin())
		return ORG_DB;
	rows = db_exec("UPDATE resident SET name = ?, gender = NULLIF(?, ''), category = NULLIF(?, ''),"
		       " level = ?, preferred_channel = ?, email = NULLIF(?, ''), note = NULLIF(?, ''),"
		       " version = version + 1 WHERE id = ? AND merged_into_id IS NULL"
		       " AND (? = 0 OR version = ?)", "sssssssiii", in->name, n.gender,
		       in->category ? in->category : "", n.level, n.channel,
		       in->email ? in->email : "", in->note ? in->note : "", id, version, version);
	if (rows < 0)
		return tx_end(ORG_DB);
	if (rows == 0)
		return tx_end(update_missed(e, id));
	if (children_write(id, in, &n, 1))
		return tx_end(ORG_DB);
	phones_list(phones, sizeof(phones), &n);
	audit(who->staff_id, who->ip, "resident.update", "resident", id,
	      "name=%s phones=%s households=%zu version=%lld", in->name, phones, in->nhouseholds,
	      version + 1);
	return tx_end(ORG_OK);
}

/* The unmerged resident called name with one of n's phones or, without phones, one of
 * the households: its id, or 0 when there is none (a failed lookup is caught by the
 * writes that follow). */
static long long upsert_match(const struct resident_input *in, const struct resident_norm *n)
{
	long long id = 0;

	for (size_t i = 0; i < n->nphones && !id; i++)
		id = db_int_query(0, "SELECT r.id FROM resident_phone p JOIN resident r"
				  " ON r.id = p.resident_id AND r.merged_into_id IS NULL"
				  " WHERE p.phone = ? AND r.name = ? ORDER BY r.id LIMIT 1", "ss",
				  n->phones[i], in->name);
	for (size_t i = 0; !n->nphones && i < in->nhouseholds && !id; i++)
		id = db_int_query(0, "SELECT r.id FROM resident_household h JOIN resident r"
				  " ON r.id = h.resident_id AND r.merged_into_id IS NULL"
				  " WHERE h.household_id = ? AND r.name = ? ORDER BY r.id LIMIT 1", "is",
				  in->household_ids[i], in->name);
	return id;
}

enum org_result resident_upsert_tx(long long *id, int *created, const struct resident_input *in,
				   const struct resident_norm *n)
{
	long long found = upsert_match(in, n);

	*created = 0;
	if (!found) {
		*created = 1;
		return resident_insert(id, in, n) ? ORG_DB : ORG_OK;
	}
	*id = found;
	if (db_exec("UPDATE resident SET category = COALESCE(NULLIF(?, ''), category),"
		    " level = IF(? = '', level, ?), note = COALESCE(NULLIF(?, ''), note),"
		    " version = version + 1 WHERE id = ?", "ssssi",
		    in->category ? in->category : "", in->level ? in->level : "",
		    n->level, in->note ? in->note : "", found) < 0 ||
	    children_write(found, in, n, 0))
		return ORG_DB;
	return ORG_OK;
}

/* Locks both residents (in id order, so two merges cannot deadlock) and checks that they
 * exist and are not merged themselves. */
static enum org_result merge_lock(struct org_errors *e, long long duplicate, long long survivor)
{
	long long lo = duplicate < survivor ? duplicate : survivor;
	long long hi = duplicate < survivor ? survivor : duplicate, n = 0;
	struct stmt *st = db_query("SELECT id FROM resident WHERE id IN (?, ?)"
				   " AND merged_into_id IS NULL ORDER BY id FOR UPDATE", "ii", lo, hi);
	int rc;

	if (!st)
		return ORG_DB;
	while ((rc = db_next(st)) == 1)
		n++;
	db_done(st);
	if (rc < 0)
		return ORG_DB;
	if (n == 2)
		return ORG_OK;
	n = db_int_query(-1, "SELECT COUNT(*) FROM resident WHERE id IN (?, ?)", "ii", lo, hi);
	if (n < 0)
		return ORG_DB;
	if (n < 2)
		return ORG_NOT_FOUND;
	err_add(e, NULL, "crm.merge.err_merged");
	return ORG_REFUSED;
}

/* Moves the duplicate's phones, households and tags that the survivor lacks. */
static int merge_children(long long duplicate, long long survivor)
{
	return db_exec("INSERT INTO resident_phone (resident_id, phone, kind, is_primary)"
		       " SELECT ?, d.phone, d.kind, 0 FROM resident_phone d WHERE d.resident_id = ?"
		       " AND d.phone NOT IN (SELECT s.phone FROM resident_phone s"
		       " WHERE s.resident_id = ?)", "iii", survivor, duplicate, survivor) < 0 ||
	       db_exec("DELETE FROM resident_phone WHERE resident_id = ?", "i", duplicate) < 0 ||
	       db_exec("INSERT INTO resident_household (resident_id, household_id, relation)"
		       " SELECT ?, d.household_id, d.relation FROM resident_household d"
		       " WHERE d.resident_id = ? AND d.household_id NOT IN (SELECT s.household_id"
		       " FROM resident_household s WHERE s.resident_id = ?)", "iii",
		       survivor, duplicate, survivor) < 0 ||
	       db_exec("DELETE FROM resident_household WHERE resident_id = ?", "i", duplicate) < 0 ||
	       db_exec("INSERT IGNORE INTO resident_tag (resident_id, tag)"
		       " SELECT ?, tag FROM resident_tag WHERE resident_id = ?", "ii",
		       survivor, duplicate) < 0 ||
	       db_exec("DELETE FROM resident_tag WHERE resident_id = ?", "i", duplicate) < 0 ? -1 : 0;
}

/* The survivor keeps its own fields and takes the duplicate's where it has none; notes
 * are joined.  The duplicate (and anything merged into it before) points at the survivor. */
static int merge_rows(long long duplicate, long long survivor)
{
	return db_exec("UPDATE resident s JOIN resident d ON d.id = ? SET"
		       " s.gender = COALESCE(s.gender, d.gender),"
		       " s.category = COALESCE(s.category, d.category),"
		       " s.level = IF(s.level = 'normal', d.level, s.level),"
		       " s.email = COALESCE(s.email, d.email),"
		       " s.note = CASE WHEN d.note IS NULL OR d.note = s.note THEN s.note"
		       " WHEN s.note IS NULL THEN d.note ELSE CONCAT(s.note, ?, d.note) END,"
		       " s.version = s.version + 1 WHERE s.id = ?", "isi", duplicate, "\n", survivor) < 0 ||
	       db_exec("UPDATE resident SET merged_into_id = ? WHERE merged_into_id = ?", "ii",
		       survivor, duplicate) < 0 ||
	       db_exec("UPDATE resident SET merged_into_id = ?, version = version + 1 WHERE id = ?",
		       "ii", survivor, duplicate) < 0 ? -1 : 0;
}

enum org_result resident_merge(struct org_errors *e, const struct org_actor *who,
			       long long duplicate, long long survivor)
{
	enum org_result res;
	long long tickets, calls;

	if (duplicate == survivor) {
		err_add(e, NULL, "crm.merge.err_self");
		return ORG_INVALID;
	}
	if (db_begin())
		return ORG_DB;
	if ((res = merge_lock(e, duplicate, survivor)))
		return tx_end(res);
	if (merge_children(duplicate, survivor))
		return tx_end(ORG_DB);
	/* The work orders' timelines say who moved them, and open edit forms go stale. */
	if (db_exec("INSERT INTO ticket_event (ticket_id, staff_id, kind, public, body)"
		    " SELECT id, NULLIF(?, 0), 'edit', 0, CONCAT('resident ', ?, ' -> ', ?)"
		    " FROM ticket WHERE resident_id = ?", "iiii", who->staff_id, duplicate,
		    survivor, duplicate) < 0)
		return tx_end(ORG_DB);
	tickets = db_exec("UPDATE ticket SET resident_id = ?, version = version + 1"
			  " WHERE resident_id = ?", "ii", survivor, duplicate);
	calls = db_exec("UPDATE `call` SET resident_id = ? WHERE resident_id = ?", "ii",
			survivor, duplicate);
	if (tickets < 0 || calls < 0 || merge_rows(duplicate, survivor))
		return tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "resident.merge", "resident", survivor,
	      "duplicate=%lld tickets=%lld calls=%lld", duplicate, tickets, calls);
	return tx_end(ORG_OK);
}
