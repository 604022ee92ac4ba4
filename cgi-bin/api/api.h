/* api.h — the JSON API's endpoints and the helpers they share (api.c). */
#ifndef WL_API_H
#define WL_API_H

#include "kit.h"
#include "org.h"

int api_openapi(struct req *r);
int api_me(struct req *r);
int api_departments(struct req *r);
int api_department(struct req *r);
int api_staff_list(struct req *r);
int api_staff_one(struct req *r);

/* Each endpoint fills r->json (or r->body for a download) and returns 0 or a status;
 * openapi.json describes them.  residents.c: search (phone, q), create, read, PATCH. */
int api_residents_list(struct req *r);
int api_resident_create(struct req *r);
int api_resident_one(struct req *r);
int api_resident_patch(struct req *r);

/* pop.c: the screen pop for ?phone=. */
int api_pop(struct req *r);

/* tickets.c: list, create, read, transitions, timeline, comments. */
/* 0 when the user may see work order id; otherwise the status of the 403 (neither
 * ticket.view nor tech.mobile) or 404 (not theirs, or no such work order) answered. */
int api_ticket_visible_or_fail(struct req *r, long long id);
int api_tickets_list(struct req *r);
int api_ticket_create(struct req *r);
int api_ticket_one(struct req *r);
int api_ticket_transition(struct req *r);
int api_ticket_events(struct req *r);
int api_ticket_comment(struct req *r);

/* attachments.c: upload (multipart or raw body), download. */
int api_ticket_attachment_add(struct req *r);
int api_ticket_attachment_get(struct req *r);

/* calls.c: call records (list, one with its events, recording) and desk phones. */
int api_calls_list(struct req *r);
int api_call_one(struct req *r);
int api_call_recording(struct req *r);
int api_agents(struct req *r);
int api_me_offers(struct req *r);

/* messages.c: the message log and one SMS to a resident. */
int api_messages_list(struct req *r);
int api_message_create(struct req *r);

/* meal.c: meal ordering (a staff key with meal.order, or a resident's portal session):
 * the menu of a day, place, read and cancel an order. */
int api_meal_menu(struct req *r);
int api_meal_order_create(struct req *r);
int api_meal_order_one(struct req *r);
int api_meal_order_cancel(struct req *r);

/* api.c — shared helpers */

/* The acting account, for the core's audit trail. */
struct org_actor api_actor(const struct req *r);
/* The request body as a JSON object (a new reference), or NULL after answering 400;
 * then *status holds the status to return. */
json_t *api_body_or_fail(struct req *r, int *status);
/* Members of a body object: absent and null give "" / 0; a value of the wrong type adds
 * an "err.invalid" error for the member (key is a constant, used as the field name). */
const char *api_str(json_t *o, const char *key, struct org_errors *e);
long long api_int(json_t *o, const char *key, struct org_errors *e);
int api_bool(json_t *o, const char *key, struct org_errors *e);
/* A time member as the core wants it (local "YYYY-MM-DD HH:MM:SS"): ISO 8601 UTC
 * ("...Z") is converted, a time without a zone is taken as local.  "" when absent. */
const char *api_time(json_t *o, const char *key, char *out, size_t outlen,
		     struct org_errors *e);
/* Adds an error for field. */
void api_error_add(struct org_errors *e, const char *field, const char *key);

/* 422 with the first error's message and "errors": [{field, message}]. */
int api_fail_invalid(struct req *r, const struct org_errors *e);
/* The response for a core result other than ORG_OK; conflict_key explains a 409. */
int api_fail_org(struct req *r, enum org_result res, const struct org_errors *e,
		 const char *conflict_key);
/* Sets r->json to the single row of items (taking it over) or answers 404/500. */
int api_item_or_fail(struct req *r, json_t *items);
/* The single object of a one-row query result (a new reference), or NULL. */
json_t *api_first(json_t *items);
/* Turns the listed string members (NULL-terminated) of o into integers. */
void api_ints(json_t *o, const char *const *keys);
/* api_ints over every object of an array. */
void api_ints_all(json_t *arr, const char *const *keys);
/* A space-separated list as a JSON array of strings. */
json_t *api_words(const char *list);
/* The version a client names in the If-Match header ("3", W/"3"), or 0. */
long long api_if_match(const struct req *r);
/* Writes s as a LIKE prefix pattern (wildcards escaped) into out. */
void api_like_prefix(char *out, size_t outlen, const char *s);

#endif
