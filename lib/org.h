/* org.h — the organisation's rules: departments, roles, staff accounts, dictionaries, API keys.
 *
 * Every change is validated here (shape and business rules), made in one transaction when
 * it touches several rows, and written to the audit log, so the admin pages, the JSON API
 * and the tools behave the same.  Reads are plain SELECTs through db.h in the callers.
 *
 * Each function returns an org_result; on ORG_INVALID and ORG_REFUSED the org_errors say
 * why, as language keys, each for a form field (or for the whole object when field is NULL). */
#ifndef WL_ORG_H
#define WL_ORG_H

#include <stddef.h>

enum org_result {
	ORG_OK = 0,
	ORG_INVALID,		/* bad input: see the field errors */
	ORG_REFUSED,		/* a rule forbids it (in use, built in, own account): see errors */
	ORG_NOT_FOUND,		/* no such object */
	ORG_DB,			/* database trouble (already logged) */
	ORG_CONFLICT,		/* someone else changed the object since it was read */
};

#define ORG_MAX_ERRORS 12

struct org_errors {
	int n;
	struct {
		const char *field;	/* form field name, or NULL */
		const char *key;	/* language key, e.g. "err.duplicate" */
	} v[ORG_MAX_ERRORS];
};

/* Who makes a change: for the rules about one's own account and for the audit log. */
struct org_actor {
	long long staff_id;
	const char *ip;
};

/* Length limits of the columns (in characters). */
#define ORG_NAME_MAX 100
#define ORG_CODE_MAX 32
#define ORG_DICT_CODE_MAX 64

struct org_department {
	const char *name;
	const char *code;	/* "" or NULL: none; else [a-z0-9_]{1,32}, unique */
	long long parent_id;	/* 0: top level */
	long long sort;
};

/* Creates a department; its id goes to *id. */
enum org_result org_department_create(long long *id, struct org_errors *e,
				      const struct org_actor *who, const struct org_department *d);
/* Updates department id; refuses to make it its own ancestor. */
enum org_result org_department_update(struct org_errors *e, const struct org_actor *who,
				      long long id, const struct org_department *d);
/* Deletes department id; refused while it has child departments or staff. */
enum org_result org_department_delete(struct org_errors *e, const struct org_actor *who,
				      long long id);

struct org_role {
	const char *code;	/* create only: [a-z0-9_]{2,32}, fixed afterwards */
	const char *name;	/* ignored for built-in roles (their names are translated) */
	const char *const *perms;	/* permission codes (from the permission table) */
	size_t nperms;
};

/* Creates a custom role with its permissions; its id goes to *id. */
enum org_result org_role_create(long long *id, struct org_errors *e, const struct org_actor *who,
				const struct org_role *role);
/* Replaces role id's name and permissions; refuses a change that would take away the
 * actor's own admin.roles permission. */
enum org_result org_role_update(struct org_errors *e, const struct org_actor *who, long long id,
				const struct org_role *role);
/* Deletes a custom role that no one holds; built-in roles are refused. */
enum org_result org_role_delete(struct org_errors *e, const struct org_actor *who, long long id);

struct org_staff {
	const char *login;	/* create only: [A-Za-z0-9._-]{3,64}, unique */
	const char *name;	/* required, up to 100 characters */
	long long department_id;	/* 0: none */
	const long long *role_ids;	/* at least one */
	size_t nroles;
	const char *phone;	/* "" or NULL: none */
	const char *email;	/* "" or NULL: none */
	const char *lang;	/* "", "zh_CN" or "en" */
	int active;		/* update only */
	const char *password;	/* create only: the initial password, to change at first login */
};

/* Creates a staff account (must change the password at first login); id goes to *id. */
enum org_result org_staff_create(long long *id, struct org_errors *e, const struct org_actor *who,
				 const struct org_staff *s);
/* Updates account id.  Deactivating it ends its sessions.  The actor cannot deactivate
 * their own account or take away their own admin role. */
enum org_result org_staff_update(struct org_errors *e, const struct org_actor *who, long long id,
				 const struct org_staff *s);
/* Sets a new password for account id, to be changed at next login; ends its sessions. */
enum org_result org_staff_password_reset(struct org_errors *e, const struct org_actor *who,
					 long long id, const char *password);

/* Creates a custom dictionary (code [a-z0-9_]{2,64}, unique; name); id goes to *id. */
enum org_result org_dictionary_create(long long *id, struct org_errors *e,
				      const struct org_actor *who, const char *code,
				      const char *name);
/* Deletes a custom dictionary and its items; built-in dictionaries are refused. */
enum org_result org_dictionary_delete(struct org_errors *e, const struct org_actor *who,
				      long long id);

struct org_dict_item {
	const char *code;	/* create only: [A-Za-z0-9_.-]{1,64}, unique in the dictionary */
	const char *label;
	long long sort;
	int active;		/* update only */
};

/* Adds an item to dictionary dict_id; its id goes to *id. */
enum org_result org_dict_item_create(long long *id, struct org_errors *e,
				     const struct org_actor *who, long long dict_id,
				     const struct org_dict_item *item);
/* Updates the label, sort and active flag of item id of dictionary dict_id. */
enum org_result org_dict_item_update(struct org_errors *e, const struct org_actor *who,
				     long long dict_id, long long id,
				     const struct org_dict_item *item);
/* Deletes item id of dictionary dict_id. */
enum org_result org_dict_item_delete(struct org_errors *e, const struct org_actor *who,
				     long long dict_id, long long id);

/* Creates an API key acting as the active account staff_id; writes the key, shown once,
 * to key (at least 64 bytes) and its id to *id. */
enum org_result org_apikey_create(long long *id, char *key, size_t keylen, struct org_errors *e,
				  const struct org_actor *who, long long staff_id,
				  const char *name);
/* Revokes API key id; refused when it is already revoked. */
enum org_result org_apikey_revoke(struct org_errors *e, const struct org_actor *who, long long id);

/* Number of characters of a UTF-8 string. */
size_t org_strlen(const char *s);

/* For the other areas' rules (notify.c, ...): adds an error (field NULL: the whole object)
 * and ends a transaction, committing when res is ORG_OK, else rolling back; returns res
 * (ORG_DB when the commit fails). */
void org_error(struct org_errors *e, const char *field, const char *key);
enum org_result org_tx_end(enum org_result res);

#endif
