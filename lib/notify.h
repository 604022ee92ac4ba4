/* notify.h — the notification rules admins edit: per work-order type (0: every type), the
 * event that sends (created, assigned, en_route, completed), the channel (sms, email), on
 * or off, essential (sent also to residents who opted out) and the Chinese template with
 * placeholders.  lib/outbox.c applies them when a work order changes. */
#ifndef WL_NOTIFY_H
#define WL_NOTIFY_H

#include "org.h"

/* The placeholders a template may use, NULL-terminated ("number", "title", ...). */
extern const char *const notify_placeholders[];
/* The events and channels rules can name, NULL-terminated. */
extern const char *const notify_events[];
extern const char *const notify_channels[];

struct notify_rule_def {
	long long type_id;	/* a top-level work-order type, 0 for every type */
	const char *event;
	const char *channel;
	int enabled, essential;
	const char *subject;	/* e-mail only (required there, up to 200 characters) */
	const char *tpl;	/* 1–1000 characters; only known {placeholders} */
};

/* Creates (*id 0) or updates rule *id (version: the one the form showed; 0 no check).
 * Errors on fields type_id, event, channel, subject, template; a second rule for the same
 * type, event and channel is refused.  Audited. */
enum org_result notify_rule_save(long long *id, struct org_errors *e, const struct org_actor *who,
				 long long version, const struct notify_rule_def *d);
/* Deletes rule id; the defaults for every type (type 0) are refused (turn them off). */
enum org_result notify_rule_delete(struct org_errors *e, const struct org_actor *who, long long id);

/* tpl with example values for every placeholder (malloc'd), for the admin's preview. */
char *notify_preview(const char *tpl);

#endif
