/* ivr_flows.c — IVR flows: the list, and the editor: the flow's settings, a table of nodes
 * with each type's fields and the menu key map, the issues of the graph, and a read-only
 * tree of the flow as a caller walks it.
 *
 * The editor's rows live in HDF as Nodes.N.<field> whether they come from the database or
 * from a submitted form (fields n<N>_<field>), and one parser turns them into the
 * ivr_flow_def that lib/ivrconf.c checks and stores. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "ivr.h"

#define BLANK_ROWS 3

/* Every field of an editor row (the HDF and form names). */
static const char *const node_fields[] = {
	"id", "key", "type", "note", "prompt_id", "invalid_prompt_id", "timeout_prompt_id",
	"extra_prompt_id", "timeout_seconds", "retries", "min_digits", "max_digits", "terminator",
	"purpose", "variable", "schedule_id", "queue_id", "priority", "voicemail_id",
	"transfer_kind", "number", "staff_id", "ticket_type_id", "keys", "go_next", "go_open",
	"go_closed", "go_known", "go_unknown", "go_ok", "go_fail", "go_none", NULL
};

int page_ivr_home(struct req *r)
{
	return req_redirect(r, "/admin/ivr/flows");
}

int page_ivr_flows(struct req *r)
{
	if (db_query_hdf(r, "Flows", "SELECT f.id, f.name, f.description, f.active, f.is_default,"
			 " f.updated_at, (SELECT COUNT(*) FROM ivr_node n WHERE n.flow_id = f.id)"
			 " AS node_count, (SELECT GROUP_CONCAT(x.number ORDER BY x.number"
			 " SEPARATOR ' ') FROM ivr_flow_number x WHERE x.flow_id = f.id) AS numbers,"
			 " e.node_key AS entry FROM ivr_flow f LEFT JOIN ivr_node e"
			 " ON e.id = f.entry_node_id ORDER BY f.name", "") < 0)
		return req_fail(r, 500, "err.db");
	ivr_page(r, "flows", "ivr.flows.title", "admin/ivr_flows.cs");
	return 0;
}

/* ------------------------------------------------------------------ HDF rows */

static void node_set(struct req *r, int n, const char *field, const char *v)
{
	hset_row(r, "Nodes", n, field, v);
}

static const char *node_get(HDF *row, const char *field)
{
	return hdf_get_value(row, field, "");
}

/* Reads the submitted rows into Nodes.N, leaving out blank and deleted rows. */
static void rows_from_form(struct req *r)
{
	long long rows = 0;
	char name[64];
	int out = 0;

	admin_parse_int(&rows, req_field(r, "rows"), 0, 0, IVR_MAX_NODES + BLANK_ROWS);
	for (int i = 0; i < rows; i++) {
		const char *key, *type;

		snprintf(name, sizeof(name), "n%d_key", i);
		key = req_field(r, name);
		snprintf(name, sizeof(name), "n%d_type", i);
		type = req_field(r, name);
		snprintf(name, sizeof(name), "n%d_del", i);
		if ((!*key && !*type) || *req_field(r, name))
			continue;
		for (int f = 0; node_fields[f]; f++) {
			snprintf(name, sizeof(name), "n%d_%s", i, node_fields[f]);
			node_set(r, out, node_fields[f], req_field(r, name));
		}
		out++;
	}
}

/* Loads flow id into Form.* and Nodes.N (with the edges as keys and go_* fields).
 * Returns 1, 0 when there is no such flow, -1 on error. */
static int rows_from_db(struct req *r, long long id)
{
	struct stmt *st;
	int found, rc;

	found = db_row_hdf(r, "Form", "SELECT f.id, f.name, f.description, f.active, f.is_default,"
			   " f.version, e.node_key AS entry, (SELECT GROUP_CONCAT(x.number ORDER BY"
			   " x.number SEPARATOR ' ') FROM ivr_flow_number x WHERE x.flow_id = f.id)"
			   " AS numbers FROM ivr_flow f LEFT JOIN ivr_node e ON e.id = f.entry_node_id"
			   " WHERE f.id = ?", "i", id);
	if (found <= 0)
		return found;
	if (db_query_hdf(r, "Nodes", "SELECT id, node_key AS `key`, type, note, prompt_id,"
			 " invalid_prompt_id, timeout_prompt_id, extra_prompt_id, timeout_seconds,"
			 " retries, min_digits, max_digits, terminator, purpose, variable, schedule_id,"
			 " queue_id, priority, voicemail_id, transfer_kind, number, staff_id,"
			 " ticket_type_id FROM ivr_node WHERE flow_id = ? ORDER BY sort, id", "i", id) < 0)
		return -1;
	st = db_query("SELECT e.node_id, e.outcome, t.node_key FROM ivr_edge e"
		      " JOIN ivr_node n ON n.id = e.node_id JOIN ivr_node t ON t.id = e.target_id"
		      " WHERE n.flow_id = ? ORDER BY e.node_id, e.outcome = '0', e.outcome", "i", id);
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		const char *outcome = db_text(st, 1), *target = db_text(st, 2);
		char field[32];

		for (HDF *row = hdf_get_child(r->hdf, "Nodes"); row; row = hdf_obj_next(row)) {
			int n = atoi(hdf_obj_name(row));

			if (hdf_get_int_value(row, "id", 0) != db_int(st, 0))
				continue;
			if (outcome[0] && !outcome[1] && strchr("0123456789*#", outcome[0])) {
				struct buf b;

				buf_init(&b);
				buf_printf(&b, "%s%s%s=%s", node_get(row, "keys"),
					   *node_get(row, "keys") ? " " : "", outcome, target);
				node_set(r, n, "keys", b.data);
				buf_free(&b);
			} else if (ivr_outcome_allowed(node_get(row, "type"), outcome)) {
				snprintf(field, sizeof(field), "go_%s", outcome);
				node_set(r, n, field, target);
			}
		}
	}
	db_done(st);
	return rc < 0 ? -1 : 1;
}

/* ------------------------------------------------------------------ rows -> definition */

struct flow_form {
	struct ivr_flow_def f;
	struct ivr_node_def nodes[IVR_MAX_NODES];
	char *numbers;		/* the numbers' text, split in place */
	struct ivr_issues bad;	/* what could not even be parsed */
	long long version;
};

static void bad_add(struct ivr_issues *is, int node, const char *field, const char *key,
		    const char *arg)
{
	struct ivr_issue *i;

	is->errors++;
	if (is->n >= IVR_MAX_ISSUES)
		return;
	i = &is->v[is->n++];
	i->node = node;
	i->field = field;
	i->key = key;
	snprintf(i->arg, sizeof(i->arg), "%s", arg ? arg : "");
	i->warning = 0;
}

/* An integer field of row n: unset when empty; an issue when not a number. */
static long long row_int(struct flow_form *ff, HDF *row, int n, const char *field, long long unset)
{
	long long v;

	if (admin_parse_int(&v, node_get(row, field), unset, INT_MIN, INT_MAX)) {
		bad_add(&ff->bad, n, field, "err.invalid", NULL);
		return unset;
	}
	return v;
}

static void edge_add(struct ivr_node_def *d, const char *outcome, const char *target)
{
	if (d->nedges >= IVR_MAX_EDGES)
		return;
	snprintf(d->edges[d->nedges].outcome, sizeof(d->edges[0].outcome), "%s", outcome);
	d->edges[d->nedges++].target = xstrdup(target);
}

static void node_from_row(struct flow_form *ff, HDF *row, int n)
{
	struct ivr_node_def *d = &ff->nodes[n];
	char field[32];

	memset(d, 0, sizeof(*d));
	d->id = row_int(ff, row, n, "id", 0);
	d->key = node_get(row, "key");
	d->type = node_get(row, "type");
	d->note = node_get(row, "note");
	d->prompt_id = row_int(ff, row, n, "prompt_id", 0);
	d->invalid_prompt_id = row_int(ff, row, n, "invalid_prompt_id", 0);
	d->timeout_prompt_id = row_int(ff, row, n, "timeout_prompt_id", 0);
	d->extra_prompt_id = row_int(ff, row, n, "extra_prompt_id", 0);
	d->timeout_seconds = row_int(ff, row, n, "timeout_seconds", -1);
	d->retries = row_int(ff, row, n, "retries", -1);
	d->min_digits = row_int(ff, row, n, "min_digits", -1);
	d->max_digits = row_int(ff, row, n, "max_digits", -1);
	d->priority = row_int(ff, row, n, "priority", -1);
	d->terminator = node_get(row, "terminator");
	d->purpose = node_get(row, "purpose");
	d->variable = node_get(row, "variable");
	d->schedule_id = row_int(ff, row, n, "schedule_id", 0);
	d->queue_id = row_int(ff, row, n, "queue_id", 0);
	d->voicemail_id = row_int(ff, row, n, "voicemail_id", 0);
	d->staff_id = row_int(ff, row, n, "staff_id", 0);
	d->ticket_type_id = row_int(ff, row, n, "ticket_type_id", 0);
	d->transfer_kind = node_get(row, "transfer_kind");
	d->number = node_get(row, "number");
	if (!strcmp(d->type, "menu")) {
		struct ivr_node_def tmp = { 0 };

		/* Parsed into tmp, then copied, so every target is allocated alike. */
		ivr_menu_parse(&tmp, &ff->bad, n, node_get(row, "keys"));
		for (int k = 0; k < tmp.nedges; k++) {
			edge_add(d, tmp.edges[k].outcome, tmp.edges[k].target);
			free((char *)tmp.edges[k].target);
		}
	}
	for (int o = 0; ivr_outcomes[o]; o++) {
		snprintf(field, sizeof(field), "go_%s", ivr_outcomes[o]);
		if (*node_get(row, field) && ivr_outcome_allowed(d->type, ivr_outcomes[o]))
			edge_add(d, ivr_outcomes[o], node_get(row, field));
	}
}

/* Builds the definition from Form.* and Nodes.N. */
static void flow_from_hdf(struct req *r, struct flow_form *ff)
{
	char *save = NULL;
	int n = 0;

	memset(ff, 0, sizeof(*ff));
	ff->f.name = hdf_get_value(r->hdf, "Form.name", "");
	ff->f.description = hdf_get_value(r->hdf, "Form.description", "");
	ff->f.entry = hdf_get_value(r->hdf, "Form.entry", "");
	ff->f.active = hdf_get_int_value(r->hdf, "Form.active", 0);
	ff->f.is_default = hdf_get_int_value(r->hdf, "Form.is_default", 0);
	ff->version = hdf_get_int_value(r->hdf, "Form.version", 0);
	ff->numbers = xstrdup(hdf_get_value(r->hdf, "Form.numbers", ""));
	for (char *w = strtok_r(ff->numbers, " ,;\t\r\n", &save); w;
	     w = strtok_r(NULL, " ,;\t\r\n", &save)) {
		if (ff->f.nnumbers >= IVR_MAX_NUMBERS) {
			bad_add(&ff->bad, -1, "numbers", "ivr.err.too_many_numbers", NULL);
			break;
		}
		ff->f.numbers[ff->f.nnumbers++] = w;
	}
	for (HDF *row = hdf_get_child(r->hdf, "Nodes"); row && n < IVR_MAX_NODES;
	     row = hdf_obj_next(row), n++)
		node_from_row(ff, row, n);
	ff->f.nodes = ff->nodes;
	ff->f.nnodes = n;
}

static void flow_form_free(struct flow_form *ff)
{
	for (int i = 0; i < ff->f.nnodes; i++)
		for (int k = 0; k < ff->nodes[i].nedges; k++)
			free((char *)ff->nodes[i].edges[k].target);
	free(ff->numbers);
}

/* ------------------------------------------------------------------ showing */

/* The translation of "<prefix>.<code>", or code itself. */
static const char *label_of(struct req *r, const char *prefix, const char *code)
{
	char key[96];

	snprintf(key, sizeof(key), "%s.%s", prefix, code);
	return admin_tr_or(r, key, code);
}

/* How an edge reads in the tree: "按 1", "营业时间", ... */
static void via_label(struct req *r, struct buf *b, const char *outcome)
{
	if (outcome[0] && !outcome[1] && strchr("0123456789*#", outcome[0]))
		buf_printf(b, "%s %s", tr(r, "ivr.flow.press"), outcome);
	else
		buf_puts(b, label_of(r, "ivr.outcome", outcome));
}

static void issues_show(struct req *r, const struct ivr_issues *is, const struct ivr_flow_def *f,
			int *k)
{
	char name[96];

	for (int i = 0; i < is->n; i++) {
		const struct ivr_issue *v = &is->v[i];
		const char *text = tr(r, v->key), *hole = strstr(text, "{}");
		const char *arg = v->arg[0] ? label_of(r, "ivr.outcome", v->arg) : "";
		struct buf msg, whole;

		buf_init(&msg);
		if (hole)
			buf_printf(&msg, "%.*s%s%s", (int)(hole - text), text, arg, hole + 2);
		else
			buf_puts(&msg, text);
		buf_init(&whole);
		if (v->node >= 0 && v->node < f->nnodes) {
			/* "节点 {}：{}" / "Node {}: {}": the node's key, then the message. */
			const char *fmt = tr(r, "ivr.flow.node_msg"), *a = strstr(fmt, "{}");
			const char *b = a ? strstr(a + 2, "{}") : NULL;

			if (a && b)
				buf_printf(&whole, "%.*s%s%.*s%s%s", (int)(a - fmt), fmt,
					   *f->nodes[v->node].key ? f->nodes[v->node].key : "?",
					   (int)(b - a - 2), a + 2, msg.data, b + 2);
			else
				buf_printf(&whole, "%s %s", f->nodes[v->node].key, msg.data);
		} else {
			buf_puts(&whole, msg.data);
		}
		hset_row(r, "Issues", *k, "msg", whole.data);
		hset_row(r, "Issues", *k, "warning", v->warning ? "1" : "0");
		(*k)++;
		if (v->field && v->node >= 0 && !v->warning) {
			snprintf(name, sizeof(name), "Nodes.%d.Err.%s", v->node, v->field);
			hset(r, name, msg.data);
			snprintf(name, sizeof(name), "Nodes.%d.has_error", v->node);
			hset(r, name, "1");
		} else if (v->field && !v->warning) {
			snprintf(name, sizeof(name), "Form.Error.%s", v->field);
			hset(r, name, msg.data);
		}
		buf_free(&msg);
		buf_free(&whole);
	}
}

struct tree {
	struct req *r;
	const struct ivr_flow_def *f;
	char seen[IVR_MAX_NODES];
	int line;
};

static int key_index(const struct ivr_flow_def *f, const char *key)
{
	for (int i = 0; i < f->nnodes; i++)
		if (!strcmp(f->nodes[i].key, key))
			return i;
	return -1;
}

/* One line per visit: a node's first visit shows it and its branches; later visits
 * only point back to it. */
static void tree_walk(struct tree *t, int at, int depth, const char *via)
{
	const struct ivr_node_def *n = &t->f->nodes[at];
	char indent[160] = "";
	size_t len = 0;

	for (int i = 0; i < depth && len + 8 < sizeof(indent); i++)
		len += (size_t)snprintf(indent + len, sizeof(indent) - len, "%s", "\u3000\u3000");
	hset_row(t->r, "Tree", t->line, "indent", indent);
	hset_row(t->r, "Tree", t->line, "via", via);
	hset_row(t->r, "Tree", t->line, "key", n->key);
	hset_row(t->r, "Tree", t->line, "type", label_of(t->r, "ivr.type", n->type));
	hset_row(t->r, "Tree", t->line, "note", n->note);
	hset_row(t->r, "Tree", t->line, "again", t->seen[at] ? "1" : "0");
	t->line++;
	if (t->seen[at] || depth > 20 || t->line > 500)
		return;
	t->seen[at] = 1;
	for (int k = 0; k < n->nedges; k++) {
		int to = key_index(t->f, n->edges[k].target);
		struct buf b;

		if (to < 0)
			continue;
		buf_init(&b);
		via_label(t->r, &b, n->edges[k].outcome);
		tree_walk(t, to, depth + 1, b.data);
		buf_free(&b);
	}
}

/* The editor with Form.* and Nodes.N as they are, the issues, and the tree when the
 * graph is sound. */
static int flow_show(struct req *r, long long id, const struct ivr_issues *extra)
{
	struct flow_form ff;
	struct ivr_issues is;
	struct buf fields;
	int n = 0, k = 0, status;

	if ((status = ivr_options(r)))
		return status;
	for (int i = 0; ivr_node_types[i]; i++) {
		buf_init(&fields);
		ivr_type_fields(&fields, ivr_node_types[i]);
		hset_row(r, "Types", i, "code", ivr_node_types[i]);
		hset_row(r, "Types", i, "label", label_of(r, "ivr.type", ivr_node_types[i]));
		hset_row(r, "Types", i, "fields", fields.data);
		buf_free(&fields);
	}
	flow_from_hdf(r, &ff);
	ivr_flow_check(&is, &ff.f);
	if (extra)
		issues_show(r, extra, &ff.f, &k);
	else
		issues_show(r, &is, &ff.f, &k);
	if (!is.errors && key_index(&ff.f, ff.f.entry) >= 0) {
		struct tree t = { .r = r, .f = &ff.f };

		tree_walk(&t, key_index(&ff.f, ff.f.entry), 0, tr(r, "ivr.flow.call_in"));
	}
	for (HDF *row = hdf_get_child(r->hdf, "Nodes"); row; row = hdf_obj_next(row))
		n++;
	for (int i = 0; i < BLANK_ROWS; i++)
		node_set(r, n + i, "key", "");
	hset_int(r, "Form.rows", n + BLANK_ROWS);
	flow_form_free(&ff);
	if (id)
		hset_int(r, "Form.id", id);
	ivr_page(r, "flows", id ? "ivr.flows.edit" : "ivr.flows.new", "admin/ivr_flow.cs");
	return 0;
}

int page_ivr_flow_new(struct req *r)
{
	hset(r, "Form.active", "1");
	hset(r, "Form.entry", "main");
	node_set(r, 0, "key", "main");
	node_set(r, 0, "type", "menu");
	return flow_show(r, 0, NULL);
}

int page_ivr_flow_edit(struct req *r)
{
	int found = rows_from_db(r, r->args[0]);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	return flow_show(r, r->args[0], NULL);
}

/* ------------------------------------------------------------------ saving */

static int flow_save(struct req *r, long long id)
{
	struct org_actor who = admin_actor(r);
	struct ivr_issues is = { 0 };
	struct flow_form ff;
	enum org_result res = ORG_INVALID;
	long long saved = id;

	form_keep(r, "name", "description", "numbers", "entry", "version", NULL);
	hset(r, "Form.active", *req_field(r, "active") ? "1" : "0");
	hset(r, "Form.is_default", *req_field(r, "is_default") ? "1" : "0");
	rows_from_form(r);
	flow_from_hdf(r, &ff);
	if (id && !ff.version)
		bad_add(&ff.bad, -1, NULL, "err.invalid", NULL);
	if (ff.bad.errors) {
		/* Everything the graph check finds too, then what could not be read. */
		ivr_flow_check(&is, &ff.f);
		for (int i = 0; i < ff.bad.n && is.n < IVR_MAX_ISSUES; i++)
			is.v[is.n++] = ff.bad.v[i];
		is.errors += ff.bad.errors;
	} else
		res = ivr_flow_save(&saved, &is, &who, ff.version, &ff.f);
	flow_form_free(&ff);
	if (res == ORG_NOT_FOUND)
		return req_fail(r, 404, "err.not_found_object");
	if (res == ORG_DB)
		return req_fail(r, 500, "err.db");
	if (res) {
		/* Nothing was stored: the form again, as typed, with every issue. */
		hset(r, "Page.Error", tr(r, res == ORG_CONFLICT ? "ivr.err.conflict" : "err.form"));
		r->status = res == ORG_CONFLICT ? 409 : 422;
		return flow_show(r, id, &is);
	}
	return ivr_redirectf(r, id ? "flash.saved" : "flash.created", "/admin/ivr/flows/%lld", saved);
}

int page_ivr_flow_create(struct req *r)
{
	return flow_save(r, 0);
}

int page_ivr_flow_update(struct req *r)
{
	return flow_save(r, r->args[0]);
}

int page_ivr_flow_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ivr_flow_delete(&e, &who, r->args[0]);

	int status;

	if (res) {
		status = ivr_errors(r, res, &e);
		return status ? status : page_ivr_flows(r);
	}
	return ivr_redirectf(r, "flash.deleted", "/admin/ivr/flows");
}
