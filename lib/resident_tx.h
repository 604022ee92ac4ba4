/* resident_tx.h — the resident rules for callers that hold their own transaction (the CSV
 * import writes a whole file in one).  Pages and the API use resident.h. */
#ifndef WL_RESIDENT_TX_H
#define WL_RESIDENT_TX_H

#include "resident.h"

#define RESIDENT_NOTE_MAX 2000
#define RESIDENT_EMAIL_MAX 255

/* What resident_check made of an input: phones normalised and without repeats, the
 * defaults filled in. */
struct resident_norm {
	char phones[RESIDENT_MAX_PHONES][PHONE_MAX + 1];
	const char *kinds[RESIDENT_MAX_PHONES];
	size_t nphones;
	const char *relations[RESIDENT_MAX_HOUSEHOLDS];
	const char *tags[RESIDENT_MAX_TAGS];
	size_t ntags;
	const char *gender, *level, *channel;
};

/* Validates in into n, with field errors (language keys) in e: name, phones (each
 * normalised; err.phone_invalid), households and relations, email, note, and, when
 * db_checks is set, that the dictionary codes and the households exist.  Returns ORG_OK,
 * ORG_INVALID or ORG_DB. */
enum org_result resident_check(struct resident_norm *n, struct org_errors *e,
			       const struct resident_input *in, int db_checks);

/* In the caller's transaction, with in already checked into n: the unmerged resident of
 * the same name who has one of n's phones (or, without phones, one of its households)
 * gains n's phones, households and tags and its non-empty category, level and note;
 * when there is none, a new resident is created.  *created says which.  No audit: the
 * caller records the whole import.  Returns ORG_OK or ORG_DB. */
enum org_result resident_upsert_tx(long long *id, int *created, const struct resident_input *in,
				   const struct resident_norm *n);

#endif
