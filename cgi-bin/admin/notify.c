/* notify.c — the notification rules (lib/notify.c): per work-order type, which events
 * text or e-mail the resident, with which template; a preview with example values and the
 * SMS's length and parts. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "db.h"
#include "notify.h"
#include "outbox.h"

#define RULE_COLS "n.id, n.type_id, IFNULL(t.name, '') AS type_name, n.event, n.channel," \
	" n.enabled, n.essential, IFNULL(n.subject, '') AS subject, n.template, n.version" \
	" FROM notify_rule n LEFT JOIN ticket_type t ON t.id = n.type_id"

/* The choices of the forms and the placeholder list. */
static int rule_options(struct req *r)
{
	if (db_query_hdf(r, "Opt.Types", "SELECT id, name FROM ticket_type WHERE parent_id IS NULL"
			 " ORDER BY sort, id", "") < 0)
		return req_fail(r, 500, "err.db");
	for (int i = 0; notify_events[i]; i++)
		hset_row(r, "Opt.Events", i, "code", notify_events[i]);
	for (int i = 0; notify_channels[i]; i++)
		hset_row(r, "Opt.Channels", i, "code", notify_channels[i]);
	for (int i = 0; notify_placeholders[i]; i++)
		hset_row(r, "Opt.Placeholders", i, "code", notify_placeholders[i]);
	return 0;
}

/* Form.preview and, for SMS, its length and parts, from Form.template and Form.subject. */
static void rule_preview(struct req *r)
{
	const char *tpl = hdf_get_value(r->hdf, "Form.template", "");
	const char *subject = hdf_get_value(r->hdf, "Form.subject", "");
	char *text;
	struct sms_size sz;

	if (!*tpl)
		return;
	text = notify_preview(tpl);
	hset(r, "Form.preview", text);
	sms_measure(&sz, text);
	hset_int(r, "Form.preview_chars", sz.units);
	hset_int(r, "Form.preview_parts", sz.segments);
	free(text);
	if (*subject) {
		text = notify_preview(subject);
		hset(r, "Form.preview_subject", text);
		free(text);
	}
}

static int rules_show(struct req *r)
{
	int status = rule_options(r);

	if (status)
		return status;
	if (db_query_hdf(r, "Rules", "SELECT " RULE_COLS " ORDER BY n.type_id <> 0, t.sort,"
			 " n.type_id, FIELD(n.event, 'created', 'assigned', 'en_route', 'completed'),"
			 " n.channel", "") < 0)
		return req_fail(r, 500, "err.db");
	if (!hdf_get_value(r->hdf, "Form.event", NULL)) {
		hset(r, "Form.event", "created");
		hset(r, "Form.channel", "sms");
		hset(r, "Form.enabled", "1");
		hset(r, "Form.essential", "1");
	}
	hset(r, "Page.Title", tr(r, "notify.title"));
	r->template = "admin/notify.cs";
	return 0;
}

int page_notify_rules(struct req *r)
{
	return rules_show(r);
}

static int rule_show(struct req *r, long long id)
{
	int status = rule_options(r);

	if (status)
		return status;
	hset_int(r, "Form.id", id);
	rule_preview(r);
	hset(r, "Page.Title", tr(r, "notify.edit"));
	r->template = "admin/notify_form.cs";
	return 0;
}

int page_notify_rule_edit(struct req *r)
{
	int found = db_row_hdf(r, "Form", "SELECT " RULE_COLS " WHERE n.id = ?", "i", r->args[0]);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	return rule_show(r, r->args[0]);
}

/* Reads the posted form into d (checkboxes: absent is 0). */
static void rule_read(struct req *r, struct notify_rule_def *d)
{
	form_keep(r, "type_id", "event", "channel", "subject", "template", "version", NULL);
	d->type_id = admin_form_int(r, "type_id", 0, 0, LLONG_MAX);
	d->event = req_field(r, "event");
	d->channel = req_field(r, "channel");
	d->subject = req_field(r, "subject");
	d->tpl = req_field(r, "template");
	d->enabled = *req_field(r, "enabled") != '\0';
	d->essential = *req_field(r, "essential") != '\0';
	hset_int(r, "Form.enabled", d->enabled);
	hset_int(r, "Form.essential", d->essential);
}

/* A failed save: the form again with the reasons (a conflict as 409 with its message). */
static int rule_errors(struct req *r, enum org_result res, const struct org_errors *e)
{
	int status = admin_org_errors(r, res == ORG_CONFLICT ? ORG_REFUSED : res, e);

	if (!status && res == ORG_CONFLICT)
		r->status = 409;
	return status;
}

int page_notify_rule_create(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct notify_rule_def d = { 0 };
	enum org_result res = ORG_INVALID;
	long long id = 0;
	int status;

	rule_read(r, &d);
	if (!form_has_errors(r))
		res = notify_rule_save(&id, &e, &who, 0, &d);
	if (res) {
		status = rule_errors(r, res, &e);
		return status ? status : rules_show(r);
	}
	req_flash(r, "flash.created");
	return req_redirect(r, "/admin/notify");
}

/* Saves, or with "preview" shows the form again with the example text, saving nothing. */
int page_notify_rule_update(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct notify_rule_def d = { 0 };
	enum org_result res = ORG_INVALID;
	long long id = r->args[0], version;
	int status;

	rule_read(r, &d);
	version = admin_form_int(r, "version", 0, 1, LLONG_MAX);
	if (*req_field(r, "preview")) {
		if (db_row_hdf(r, "Stored", "SELECT id FROM notify_rule WHERE id = ?", "i", id) <= 0)
			return req_fail(r, 404, "err.not_found_object");
		return rule_show(r, id);
	}
	if (!form_has_errors(r))
		res = notify_rule_save(&id, &e, &who, version, &d);
	if (res) {
		status = rule_errors(r, res, &e);
		return status ? status : rule_show(r, id);
	}
	req_flash(r, "flash.saved");
	return req_redirect(r, "/admin/notify");
}

int page_notify_rule_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = notify_rule_delete(&e, &who, r->args[0]);

	if (res == ORG_REFUSED) {
		hset(r, "Page.Error", tr(r, "notify.err_default"));
		r->status = 409;
		return rules_show(r);
	}
	if (res)
		return admin_org_errors(r, res, &e);
	req_flash(r, "flash.deleted");
	return req_redirect(r, "/admin/notify");
}
