/* ivr_prompts.c — audio prompts: list with players, upload (converted to 8 kHz mono by
 * lib/prompt.c), edit, delete (refused while in use), the WAV for the browser. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "ivr.h"
#include "prompt.h"

/* The list with the upload form (Form.* already set). */
static int prompts_show(struct req *r)
{
	if (db_query_hdf(r, "Prompts", "SELECT p.id, p.name, p.description, p.lang, p.size,"
			 " CONCAT(FLOOR(p.duration_ms / 1000), '.', LPAD(FLOOR(p.duration_ms % 1000"
			 " / 100), 1, '0')) AS seconds, p.source_info, p.updated_at"
			 " FROM ivr_prompt p ORDER BY p.name", "") < 0)
		return req_fail(r, 500, "err.db");
	if (!hdf_get_value(r->hdf, "Form.lang", NULL))
		hset(r, "Form.lang", "zh_CN");
	ivr_page(r, "prompts", "ivr.prompts.title", "admin/ivr_prompts.cs");
	return 0;
}

int page_ivr_prompts(struct req *r)
{
	return prompts_show(r);
}

/* The edit form of prompt id (Form.* already set, or read from the database). */
static int prompt_show(struct req *r, long long id, int load)
{
	int found = db_row_hdf(r, load ? "Form" : "Stored", "SELECT id, name, description, lang,"
			       " version, source_name, source_info, duration_ms, size, sha256,"
			       " updated_at FROM ivr_prompt WHERE id = ?", "i", id);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	if (load)
		db_row_hdf(r, "Stored", "SELECT source_name, source_info, duration_ms, size, updated_at"
			   " FROM ivr_prompt WHERE id = ?", "i", id);
	if (db_query_hdf(r, "UsedBy", "SELECT f.id, f.name, n.node_key FROM ivr_node n"
			 " JOIN ivr_flow f ON f.id = n.flow_id WHERE ? IN (n.prompt_id,"
			 " n.invalid_prompt_id, n.timeout_prompt_id, n.extra_prompt_id)"
			 " ORDER BY f.name, n.node_key LIMIT 50", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	hset_int(r, "Form.id", id);
	ivr_page(r, "prompts", "ivr.prompts.edit", "admin/ivr_prompt.cs");
	return 0;
}

int page_ivr_prompt_edit(struct req *r)
{
	return prompt_show(r, r->args[0], 1);
}

/* Reads the form (and the uploaded file, if any) into p. */
static void prompt_read(struct req *r, struct ivr_prompt_def *p)
{
	const struct param *file = params_find(&r->form, "file");

	form_keep(r, "name", "description", "lang", "version", NULL);
	memset(p, 0, sizeof(*p));
	p->name = req_field(r, "name");
	p->description = req_field(r, "description");
	p->lang = req_field(r, "lang");
	if (file && file->filename && (file->len || *file->filename)) {
		p->audio = file->value;
		p->audio_len = file->len;
		p->filename = file->filename;
	}
}

int page_ivr_prompt_create(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct ivr_prompt_def p;
	enum org_result res;
	long long id = 0;
	int status;

	prompt_read(r, &p);
	res = ivr_prompt_save(&id, &e, &who, 0, &p);
	if (res) {
		status = ivr_errors(r, res, &e);
		return status ? status : prompts_show(r);
	}
	return ivr_redirectf(r, "flash.created", "/admin/ivr/prompts/%lld", id);
}

int page_ivr_prompt_update(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct ivr_prompt_def p;
	enum org_result res = ORG_INVALID;
	long long id = r->args[0], version;
	int status;

	prompt_read(r, &p);
	version = admin_form_int(r, "version", 0, 1, LLONG_MAX);
	if (!form_has_errors(r))
		res = ivr_prompt_save(&id, &e, &who, version, &p);
	if (res) {
		status = ivr_errors(r, res, &e);
		return status ? status : prompt_show(r, id, 0);
	}
	return ivr_redirectf(r, "flash.saved", "/admin/ivr/prompts/%lld", id);
}

int page_ivr_prompt_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ivr_prompt_delete(&e, &who, r->args[0]);
	int status;

	if (res) {
		status = ivr_errors(r, res, &e);
		return status ? status : prompt_show(r, r->args[0], 1);
	}
	return ivr_redirectf(r, "flash.deleted", "/admin/ivr/prompts");
}

int page_ivr_prompt_audio(struct req *r)
{
	char *path, chunk[65536];
	FILE *f;
	size_t n;
	int found = db_row_hdf(r, "File", "SELECT sha256, name FROM ivr_prompt WHERE id = ?", "i",
			       r->args[0]);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	path = prompt_path(hdf_get_value(r->hdf, "File.sha256", ""));
	f = path ? fopen(path, "rb") : NULL;
	free(path);
	if (!f)
		return req_fail(r, 404, "err.not_found_object");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && r->body.len <= PROMPT_MAX_BYTES)
		buf_add(&r->body, chunk, n);
	fclose(f);
	r->raw_type = "audio/wav";
	/* The name is [a-z0-9_.-] (lib/ivrconf.c), safe in a quoted header value. */
	req_header_add(r, "Content-Disposition: inline; filename=\"%s.wav\"",
		       hdf_get_value(r->hdf, "File.name", "prompt"));
	return 0;
}
