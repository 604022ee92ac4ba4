/* import.c — the CSV import page: upload, the rows that are wrong (nothing imported), or
 * the summary of a successful import (read back from its audit record). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "db.h"
#include "import.h"

/* The import kind a form or query names ("properties" or "residents"); -1 if neither. */
static int kind_of(const char *v)
{
	if (v && !strcmp(v, "properties"))
		return IMPORT_PROPERTIES;
	if (v && !strcmp(v, "residents"))
		return IMPORT_RESIDENTS;
	return -1;
}

static int import_form(struct req *r)
{
	char mb[24], rows[24], *hint;

	snprintf(mb, sizeof(mb), "%ld", IMPORT_MAX_BYTES / (1024 * 1024));
	snprintf(rows, sizeof(rows), "%d", IMPORT_MAX_ROWS);
	hint = crm_tr_fill(r, "crm.import.file_hint", "mb", mb, "rows", rows, NULL);
	hset(r, "Import.file_hint", hint);
	free(hint);
	hset(r, "Page.Title", tr(r, "crm.import.title"));
	r->template = "crm/import.cs";
	return 0;
}

int page_import(struct req *r)
{
	const char *kind = req_query(r, "kind");

	hset(r, "Form.kind", kind_of(kind) == IMPORT_PROPERTIES ? "properties" : "residents");
	return import_form(r);
}

/* One bad row as the page lists it: "第 7 行，手机：手机号码无效（138123）". */
static char *error_line(const struct req *r, const struct import_error *er)
{
	char row[24];
	const char *key = er->column[0] ? er->value[0] ? "crm.import.line_cv" : "crm.import.line_c"
					 : er->value[0] ? "crm.import.line_v" : "crm.import.line";

	snprintf(row, sizeof(row), "%ld", er->row);
	return crm_tr_fill(r, key, "row", row, "column", er->column, "message", tr(r, er->key),
			   "value", er->value, NULL);
}

/* Why nothing was imported, as Import.{file_error,summary,more,Errors.N.{row,text}}. */
static void import_errors(struct req *r, const struct import_report *rep)
{
	char n[24];
	char *text;

	if (rep->file_key)
		hset(r, "Import.file_error", tr(r, rep->file_key));
	if (rep->nerrors) {
		snprintf(n, sizeof(n), "%ld", rep->nerrors);
		text = crm_tr_fill(r, "crm.import.errors", "n", n, NULL);
		hset(r, "Import.summary", text);
		free(text);
	}
	if (rep->nerrors > (long)rep->nlisted) {
		snprintf(n, sizeof(n), "%ld", rep->nerrors - (long)rep->nlisted);
		text = crm_tr_fill(r, "crm.import.more", "n", n, NULL);
		hset(r, "Import.more", text);
		free(text);
	}
	for (size_t i = 0; i < rep->nlisted; i++) {
		text = error_line(r, &rep->errors[i]);
		hset_row(r, "Import.Errors", (int)i, "text", text);
		free(text);
	}
	hset(r, "Page.Error", tr(r, "crm.import.failed"));
}

int page_import_upload(struct req *r)
{
	const struct param *file = params_find(&r->form, "file");
	struct org_actor who = crm_actor(r);
	struct import_report *rep;
	int kind = kind_of(req_field(r, "kind")), status = 0;
	enum org_result res;
	char *to;

	hset(r, "Form.kind", kind == IMPORT_PROPERTIES ? "properties" : "residents");
	if (kind < 0)
		form_error(r, "kind", "err.required");
	if (!file || !file->filename || !file->len)
		form_error(r, "file", "crm.import.err_no_file");
	if (form_has_errors(r)) {
		r->status = 422;
		return import_form(r);
	}
	rep = xmalloc(sizeof(*rep));
	res = import_csv(rep, &who, kind, file->value, file->len, file->filename);
	if (res == ORG_INVALID) {
		import_errors(r, rep);
		r->status = 422;
		status = import_form(r);
	} else if (res) {
		status = req_fail(r, 500, "err.db");
	} else {
		req_flash(r, "crm.import.done");
		to = xasprintf("/crm/import/%lld", rep->audit_id);
		status = req_redirect(r, to);
		free(to);
	}
	free(rep);
	return status;
}

/* Result.<key> for each "key=value" of an import's audit detail; the file name, last,
 * may hold spaces. */
static void result_fields(struct req *r, const char *detail)
{
	char *copy = xstrdup(detail), *p = copy;

	while (*p) {
		char *eq = strchr(p, '='), *end, name[48];

		if (!eq)
			break;
		*eq = '\0';
		end = strcmp(p, "file") ? eq + 1 + strcspn(eq + 1, " ") : eq + 1 + strlen(eq + 1);
		snprintf(name, sizeof(name), "Result.%.30s", p);
		if (*end)
			*end++ = '\0';
		if (strspn(p, "abcdefghijklmnopqrstuvwxyz") == strlen(p))
			hset(r, name, eq + 1);
		p = end;
	}
	free(copy);
}

int page_import_result(struct req *r)
{
	int found = db_row_hdf(r, "Result", "SELECT event, detail, at AS done_at FROM audit_log"
				" WHERE id = ? AND staff_id = ? AND event IN ('property.import',"
				" 'resident.import')", "ii", r->args[0], r->user.id);

	if (found <= 0)
		return req_fail(r, found < 0 ? 500 : 404, found < 0 ? "err.db" : "err.not_found_object");
	result_fields(r, hdf_get_value(r->hdf, "Result.detail", ""));
	hset(r, "Result.kind", strcmp(hdf_get_value(r->hdf, "Result.event", ""), "property.import")
			       ? "residents" : "properties");
	crm_can_hdf(r);
	hset(r, "Page.Title", tr(r, "crm.import.result_title"));
	r->template = "crm/import_result.cs";
	return 0;
}

int page_import_template(struct req *r)
{
	int kind = kind_of(req_query(r, "kind"));

	if (kind < 0)
		return req_fail(r, 404, "err.not_found");
	crm_csv_start(r, kind == IMPORT_PROPERTIES ? "properties-template" : "residents-template");
	buf_reset(&r->body);
	buf_puts(&r->body, import_template(kind));
	return 0;
}
