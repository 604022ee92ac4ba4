/* resident.h — residents (住户) and their phones, households and tags: the CRM's rules.
 *
 * Results and errors follow org.h (org_result, org_errors with language keys per field,
 * org_actor for the audit log).  Reads for pages are plain SELECTs in the callers; the
 * phone lookups are here because every channel (screen pop, SMS, IVR, portal) needs them. */
#ifndef WL_RESIDENT_H
#define WL_RESIDENT_H

#include <stddef.h>

#include "org.h"

#define PHONE_MAX 20

/* Normalises a phone number as typed or as a caller ID: drops spaces, dashes, dots,
 * parentheses, a leading +86 / 0086 / 86 before a mobile, a trunk prefix 0 before a mobile
 * (01381234567).  Mobiles become 11 digits starting with 1; landlines keep their area
 * code (01062345678, 02227651830).  Writes the digits to out (PHONE_MAX + 1 bytes) and
 * the kind ("mobile" or "landline") to *kind when kind is not NULL.  Returns 0, or -1
 * when it is not a plausible Chinese number. */
int phone_normalize(char *out, const char *in, const char **kind);

#define RESIDENT_MAX_PHONES 8
#define RESIDENT_MAX_HOUSEHOLDS 8
#define RESIDENT_MAX_TAGS 16

struct resident_input {
	const char *name;		/* required, up to 100 characters */
	const char *gender;		/* "", "M" or "F" */
	const char *category;		/* dictionary customer_category item code, or "" */
	const char *level;		/* dictionary customer_level item code, or "" (normal) */
	const char *preferred_channel;	/* phone, sms, wechat, email ("" = phone) */
	const char *email;
	const char *note;
	const char *phones[RESIDENT_MAX_PHONES];	/* as typed; normalised here */
	size_t nphones;
	long long household_ids[RESIDENT_MAX_HOUSEHOLDS];
	const char *relations[RESIDENT_MAX_HOUSEHOLDS];	/* owner, tenant, family */
	size_t nhouseholds;
	const char *tags[RESIDENT_MAX_TAGS];	/* dictionary customer_tag item codes */
	size_t ntags;
};

/* Creates a resident with phones, households and tags; the id goes to *id. */
enum org_result resident_create(long long *id, struct org_errors *e, const struct org_actor *who,
				const struct resident_input *in);
/* Replaces resident id's fields, phones, households and tags; version is the one the
 * editor saw (ORG_CONFLICT when it changed meanwhile; 0 skips the check). */
enum org_result resident_update(struct org_errors *e, const struct org_actor *who, long long id,
				long long version, const struct resident_input *in);
/* Merges duplicate into survivor: phones, households, tags, work orders and calls move to
 * the survivor, the duplicate keeps merged_into_id and disappears from searches. */
enum org_result resident_merge(struct org_errors *e, const struct org_actor *who,
			       long long duplicate, long long survivor);

/* Ids of the (unmerged) residents with exactly this normalised number, most recently
 * served first; returns how many were written to ids (at most max), or -1. */
int resident_find_by_phone(long long *ids, int max, const char *phone);

#endif
