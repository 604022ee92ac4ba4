/* resident_form.c — creating and editing a resident: several phones, households chosen
 * from community → building → unit → room (or found by room number), relation, tags,
 * category, level; the version seen, so a concurrent change is a conflict.
 *
 * The household chooser works without JavaScript: the "find" button posts the form with
 * op=pick, and the page comes back with the next level's choices and the posted values. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "db.h"
#include "resident.h"

#define FORM_BLANK_PHONES 2

/* The posted form as lib/resident.c takes it; the strings belong to the request. */
struct res_form {
	struct resident_input in;
	long long version;
	int pick;		/* op=pick: show the chooser's next choices, save nothing */
	char tags[RESIDENT_MAX_TAGS * 66 + 2];	/* " a b " list of the ticked tags */
};

/* The integer in v, or 0 when it is not a positive number. */
static long long id_of(const char *v)
{
	char *end;
	long long n = v && *v ? strtoll(v, &end, 10) : 0;

	return n > 0 && !*end ? n : 0;
}

/* Adds household id (relation rel) to the form, unless it is there already; shows it as
 * Form.Households.N with its address. */
static void form_household_add(struct req *r, struct res_form *f, long long id, const char *rel)
{
	struct resident_input *in = &f->in;
	int n = (int)in->nhouseholds;
	char text[24];

	for (size_t i = 0; i < in->nhouseholds; i++)
		if (in->household_ids[i] == id)
			return;
	if (in->nhouseholds >= RESIDENT_MAX_HOUSEHOLDS) {
		form_error(r, "households", "err.too_long_field");
		return;
	}
	in->household_ids[n] = id;
	in->relations[n] = rel;
	in->nhouseholds++;
	snprintf(text, sizeof(text), "%lld", id);
	hset_row(r, "Form.Households", n, "id", text);
	hset_row(r, "Form.Households", n, "relation", rel);
}

/* Form.Households.N.address for every household shown. */
static void form_household_addresses(struct req *r)
{
	for (HDF *row = hdf_get_child(r->hdf, "Form.Households"); row; row = hdf_obj_next(row)) {
		struct stmt *st = db_query("SELECT CONCAT_WS(' ', c.name, b.name, u.name, h.room)"
					   " FROM household h JOIN unit u ON u.id = h.unit_id"
					   " JOIN building b ON b.id = u.building_id JOIN community c"
					   " ON c.id = b.community_id WHERE h.id = ?", "i",
					   id_of(hdf_get_value(row, "id", "")));

		if (st && db_next(st) == 1)
			hset_row(r, "Form.Households", atoi(hdf_obj_name(row)), "address",
				     db_text(st, 0));
		if (st)
			db_done(st);
	}
}

/* 1 when v is one of the n values. */
static int among(const char *v, const char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v, list[i]))
			return 1;
	return 0;
}

/* The households of the form: the listed ones not ticked for removal, and the one the
 * chooser selected. */
static void form_households(struct req *r, struct res_form *f)
{
	const char *ids[RESIDENT_MAX_HOUSEHOLDS * 2], *rels[RESIDENT_MAX_HOUSEHOLDS * 2];
	const char *drops[RESIDENT_MAX_HOUSEHOLDS * 2];
	size_t n = form_all(r, "hh", ids, RESIDENT_MAX_HOUSEHOLDS * 2);
	size_t nr = form_all(r, "hh_rel", rels, RESIDENT_MAX_HOUSEHOLDS * 2);
	size_t nd = form_all(r, "hh_drop", drops, RESIDENT_MAX_HOUSEHOLDS * 2);
	long long add = id_of(req_field(r, "add_household"));

	for (size_t i = 0; i < n; i++)
		if (id_of(ids[i]) && !among(ids[i], drops, nd))
			form_household_add(r, f, id_of(ids[i]), i < nr ? rels[i] : "owner");
	if (!add)
		add = id_of(req_field(r, "add_found"));
	if (add) {
		form_household_add(r, f, add, req_field(r, "add_rel"));
		hset(r, "Form.add_household", "");
		hset(r, "Form.add_q", "");
	}
}

/* The phones typed (empty boxes skipped), shown back as Form.Phones.N.value. */
static void form_phones(struct req *r, struct res_form *f)
{
	const char *v[RESIDENT_MAX_PHONES * 2];
	size_t n = form_all(r, "phone", v, RESIDENT_MAX_PHONES * 2);

	for (size_t i = 0; i < n; i++) {
		if (!v[i][strspn(v[i], " \t")])
			continue;
		if (f->in.nphones >= RESIDENT_MAX_PHONES) {
			form_error(r, "phones", "err.too_long_field");
			break;
		}
		hset_row(r, "Form.Phones", (int)f->in.nphones, "value", v[i]);
		f->in.phones[f->in.nphones++] = v[i];
	}
}

/* Reads the posted form into f and shows it back as Form.*. */
static void form_read(struct req *r, struct res_form *f)
{
	struct resident_input *in = &f->in;
	size_t len = 1;

	memset(f, 0, sizeof(*f));
	form_keep(r, "name", "gender", "category", "level", "preferred_channel", "email",
		      "note", "add_community", "add_building", "add_unit", "add_q", "add_rel", NULL);
	in->name = req_field(r, "name");
	in->gender = req_field(r, "gender");
	in->category = req_field(r, "category");
	in->level = req_field(r, "level");
	in->preferred_channel = req_field(r, "preferred_channel");
	in->email = req_field(r, "email");
	in->note = req_field(r, "note");
	form_phones(r, f);
	form_households(r, f);
	in->ntags = form_all(r, "tag", in->tags, RESIDENT_MAX_TAGS);
	f->tags[0] = ' ';
	for (size_t i = 0; i < in->ntags && len + strlen(in->tags[i]) + 2 < sizeof(f->tags); i++)
		len += (size_t)snprintf(f->tags + len, sizeof(f->tags) - len, "%s ", in->tags[i]);
	f->tags[len] = '\0';
	f->version = crm_form_int(r, "version", 0, 0, LLONG_MAX);
	hset_int(r, "Form.version", f->version);
	f->pick = !strcmp(req_field(r, "op"), "pick");
}

/* The chooser's choices: communities, then the chosen one's buildings, units, rooms, and
 * the households whose room starts with add_q. */
static int form_choices(struct req *r)
{
	long long c = id_of(hdf_get_value(r->hdf, "Form.add_community", ""));
	long long b = id_of(hdf_get_value(r->hdf, "Form.add_building", ""));
	long long u = id_of(hdf_get_value(r->hdf, "Form.add_unit", ""));
	const char *q = hdf_get_value(r->hdf, "Form.add_q", "");
	char like[80];

	snprintf(like, sizeof(like), "%.60s%%", q);
	if (db_query_hdf(r, "Pick.Communities", "SELECT id, name FROM community ORDER BY name", "") < 0 ||
	    (c && db_query_hdf(r, "Pick.Buildings", "SELECT id, name FROM building"
			       " WHERE community_id = ? ORDER BY sort, name", "i", c) < 0) ||
	    (b && db_query_hdf(r, "Pick.Units", "SELECT id, name FROM unit WHERE building_id = ?"
			       " AND (SELECT community_id FROM building WHERE id = ?) = ?"
			       " ORDER BY sort, name", "iii", b, b, c) < 0) ||
	    (u && db_query_hdf(r, "Pick.Households", "SELECT h.id, h.room FROM household h"
			       " JOIN unit u ON u.id = h.unit_id WHERE h.unit_id = ? AND u.building_id = ?"
			       " ORDER BY h.floor, LENGTH(h.room), h.room", "ii", u, b) < 0) ||
	    (*q && db_query_hdf(r, "Pick.Found", "SELECT h.id, CONCAT_WS(' ', c.name, b.name,"
				" u.name, h.room) AS address FROM household h JOIN unit u"
				" ON u.id = h.unit_id JOIN building b ON b.id = u.building_id"
				" JOIN community c ON c.id = b.community_id WHERE h.room LIKE ?"
				" AND (? = 0 OR c.id = ?) AND (? = 0 OR b.id = ?)"
				" ORDER BY c.name, b.sort, u.sort, h.room LIMIT 30", "siiii",
				like, c, c, b, b) < 0))
		return -1;
	return 0;
}

/* Renders the form for resident id (0: new) from the Form.* already set; tags is the
 * " a b " list of the ticked tags. */
static int form_render(struct req *r, long long id, const char *tags)
{
	int phones = 0;

	for (HDF *p = hdf_get_child(r->hdf, "Form.Phones"); p; p = hdf_obj_next(p))
		phones++;
	for (int i = 0; i < FORM_BLANK_PHONES && phones < RESIDENT_MAX_PHONES; i++)
		hset_row(r, "Form.Phones", phones++, "value", "");
	form_household_addresses(r);
	if (crm_dict_hdf(r, "TagList", "customer_tag", tags) < 0 ||
	    crm_dict_hdf(r, "Levels", "customer_level",
			 hdf_get_value(r->hdf, "Form.level_words", " normal ")) < 0 ||
	    crm_dict_hdf(r, "Categories", "customer_category",
			 hdf_get_value(r->hdf, "Form.category_words", "")) < 0 || form_choices(r))
		return req_fail(r, 500, "err.db");
	if (id)
		hset_int(r, "Form.id", id);
	hset(r, "Page.Title", tr(r, id ? "crm.res.edit" : "crm.res.new"));
	r->template = "crm/resident_form.cs";
	return 0;
}

/* Form.level_words and Form.category_words: the stored or posted codes as " code ", so a
 * code no longer active still shows in its select. */
static void form_code_words(struct req *r)
{
	hsetf(r, "Form.level_words", " %s ", hdf_get_value(r->hdf, "Form.level", "normal"));
	hsetf(r, "Form.category_words", " %s ", hdf_get_value(r->hdf, "Form.category", ""));
}

int page_resident_new(struct req *r)
{
	const char *phone = req_query(r, "phone"), *name = req_query(r, "name");

	if (phone && strlen(phone) <= 32)
		hset_row(r, "Form.Phones", 0, "value", phone);
	if (name && strlen(name) <= 400)
		hset(r, "Form.name", name);
	hset(r, "Form.level", "normal");
	hset(r, "Form.add_rel", "owner");
	form_code_words(r);
	return form_render(r, 0, NULL);
}

/* The stored resident id into Form.*; its tags as a " a b " list into tags (malloc'd). */
static int form_load(struct req *r, long long id, char **tags)
{
	struct stmt *st;
	struct buf b;
	int found = db_row_hdf(r, "Form", "SELECT name, gender, category, level,"
				" preferred_channel, email, note, version FROM resident WHERE id = ?"
				" AND merged_into_id IS NULL", "i", id);

	if (found <= 0)
		return found;
	if (db_query_hdf(r, "Form.Phones", "SELECT phone AS value FROM resident_phone"
			 " WHERE resident_id = ? ORDER BY is_primary DESC, id", "i", id) < 0 ||
	    db_query_hdf(r, "Form.Households", "SELECT household_id AS id, relation"
			 " FROM resident_household WHERE resident_id = ? ORDER BY household_id",
			 "i", id) < 0 ||
	    !(st = db_query("SELECT tag FROM resident_tag WHERE resident_id = ?", "i", id)))
		return -1;
	buf_init(&b);
	buf_puts(&b, " ");
	while (db_next(st) == 1)
		buf_printf(&b, "%s ", db_text(st, 0));
	db_done(st);
	*tags = b.data;
	return 1;
}

int page_resident_edit(struct req *r)
{
	char *tags = NULL;
	int status, found = form_load(r, r->args[0], &tags);

	if (found <= 0)
		return req_fail(r, found < 0 ? 500 : 404, found < 0 ? "err.db" : "err.not_found_object");
	hset(r, "Form.add_rel", "owner");
	form_code_words(r);
	status = form_render(r, r->args[0], tags);
	free(tags);
	return status;
}

/* The result of saving: the resident's page, or the form again with the reasons. */
static int form_saved(struct req *r, struct res_form *f, enum org_result res,
		      const struct org_errors *e, long long id, int edit, const char *flash)
{
	char *to;
	int status;

	if (res) {
		status = crm_org_errors(r, res, e);
		if (status)
			return status;
		status = r->status;
		form_code_words(r);
		form_render(r, edit ? id : 0, f->tags);
		r->status = status;
		return 0;
	}
	req_flash(r, flash);
	to = xasprintf("/crm/residents/%lld", id);
	status = req_redirect(r, to);
	free(to);
	return status;
}

int page_resident_create(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	struct res_form f;
	long long id = 0;
	enum org_result res = ORG_INVALID;

	form_read(r, &f);
	if (f.pick) {
		form_code_words(r);
		return form_render(r, 0, f.tags);
	}
	if (!form_has_errors(r))
		res = resident_create(&id, &e, &who, &f.in);
	return form_saved(r, &f, res, &e, id, 0, "flash.created");
}

int page_resident_update(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	struct res_form f;
	enum org_result res = ORG_INVALID;

	form_read(r, &f);
	if (f.pick) {
		form_code_words(r);
		return form_render(r, r->args[0], f.tags);
	}
	if (!f.version)
		form_error(r, "version", "err.invalid");
	if (!form_has_errors(r))
		res = resident_update(&e, &who, r->args[0], f.version, &f.in);
	return form_saved(r, &f, res, &e, r->args[0], 1, "flash.saved");
}
