/* notify.c — the rules behind the admin's notification-rule pages (notify.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "notify.h"
#include "outbox.h"

const char *const notify_placeholders[] = { "number", "title", "type", "status", "technician",
					    "window", "link", "company", NULL };
const char *const notify_events[] = { "created", "assigned", "en_route", "completed", NULL };
/* WeChat has no sender yet: its rules would never send. */
const char *const notify_channels[] = { "sms", "email", NULL };

static int in_list(const char *const *list, const char *v)
{
	for (int i = 0; v && list[i]; i++)
		if (!strcmp(list[i], v))
			return 1;
	return 0;
}

/* 1 when every {name} in s is a known placeholder ("{" not followed by a name and "}" is
 * plain text). */
static int placeholders_ok(const char *s)
{
	for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
		size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_");
		char name[32];

		if (!n || p[1 + n] != '}')
			continue;
		if (n >= sizeof(name))
			return 0;
		snprintf(name, sizeof(name), "%.*s", (int)n, p + 1);
		if (!in_list(notify_placeholders, name))
			return 0;
	}
	return 1;
}

static void text_check(struct org_errors *e, const char *field, const char *v, size_t max)
{
	if (!v || !*v)
		org_error(e, field, "err.required");
	else if (org_strlen(v) > max)
		org_error(e, field, "err.too_long_field");
	else if (!placeholders_ok(v))
		org_error(e, field, "notify.err_placeholder");
}

enum org_result notify_rule_save(long long *id, struct org_errors *e, const struct org_actor *who,
				 long long version, const struct notify_rule_def *d)
{
	int email = d->channel && !strcmp(d->channel, "email");
	long long v;

	if (!in_list(notify_events, d->event))
		org_error(e, "event", "err.invalid");
	if (!in_list(notify_channels, d->channel))
		org_error(e, "channel", "err.invalid");
	if (email)
		text_check(e, "subject", d->subject, 200);
	text_check(e, "template", d->tpl, 1000);
	if (db_begin())
		return ORG_DB;
	if (d->type_id) {
		v = db_int_query(-1, "SELECT COUNT(*) FROM ticket_type WHERE id = ? AND"
				 " parent_id IS NULL", "i", d->type_id);
		if (v < 0)
			return org_tx_end(ORG_DB);
		if (!v)
			org_error(e, "type_id", "notify.err_type");
	}
	if (e->n)
		return org_tx_end(ORG_INVALID);
	if (*id) {
		v = db_int_query(-1, "SELECT COALESCE(MAX(version), 0) FROM notify_rule WHERE id = ?"
				 " FOR UPDATE", "i", *id);
		if (v <= 0)
			return org_tx_end(v < 0 ? ORG_DB : ORG_NOT_FOUND);
		if (version && v != version) {
			org_error(e, NULL, "notify.err_conflict");
			return org_tx_end(ORG_CONFLICT);
		}
		v = db_exec("UPDATE notify_rule SET type_id = ?, event = ?, channel = ?, enabled = ?,"
			    " essential = ?, subject = NULLIF(?, ''), template = ?, version = version + 1"
			    " WHERE id = ?", "issiissi", d->type_id, d->event, d->channel,
			    (long long)!!d->enabled, (long long)!!d->essential,
			    email ? d->subject : "", d->tpl, *id);
	} else {
		v = db_exec("INSERT INTO notify_rule (type_id, event, channel, enabled, essential,"
			    " subject, template) VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), ?)", "issiiss",
			    d->type_id, d->event, d->channel, (long long)!!d->enabled,
			    (long long)!!d->essential, email ? d->subject : "", d->tpl);
		if (v > 0)
			*id = (long long)db_insert_id();
	}
	if (v < 0) {
		if (db_errno() != DB_ER_DUP_ENTRY)
			return org_tx_end(ORG_DB);
		org_error(e, "event", "notify.err_duplicate");
		return org_tx_end(ORG_INVALID);
	}
	audit(who->staff_id, who->ip, version ? "notify.update" : "notify.create", "notify_rule",
	      *id, "type=%lld event=%s channel=%s enabled=%d", d->type_id, d->event, d->channel,
	      !!d->enabled);
	return org_tx_end(ORG_OK);
}

enum org_result notify_rule_delete(struct org_errors *e, const struct org_actor *who, long long id)
{
	long long type;

	if (db_begin())
		return ORG_DB;
	type = db_int_query(-2, "SELECT type_id FROM notify_rule WHERE id = ? FOR UPDATE", "i", id);
	if (type == -2)
		return org_tx_end(db_errno() ? ORG_DB : ORG_NOT_FOUND);
	if (type == 0) {
		org_error(e, NULL, "notify.err_default");
		return org_tx_end(ORG_REFUSED);
	}
	if (db_exec("DELETE FROM notify_rule WHERE id = ?", "i", id) < 0)
		return org_tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "notify.delete", "notify_rule", id, NULL);
	return org_tx_end(ORG_OK);
}

char *notify_preview(const char *tpl)
{
	char link[200];
	const char *vars[] = { "number", "20261121-0042", "title", "暖气不热", "type", "供暖报修",
			       "status", "已派工", "technician", "王", "window",
			       "预计今天14:00–16:00上门", "link", link, "company",
			       config_get("WL_COMPANY", "暖线"), NULL };

	snprintf(link, sizeof(link), "%s/t/3f9c1a7b2e5d4c8a9b0e1f2a",
		 config_get("WL_PUBLIC_URL", "http://127.0.0.1:8080"));
	return outbox_render(tpl ? tpl : "", vars);
}
