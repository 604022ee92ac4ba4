/* auth.h — staff accounts, passwords, sessions, API keys, login throttling, audit log. */
#ifndef WL_AUTH_H
#define WL_AUTH_H

#include <stddef.h>

#define AUTH_TOKEN_LEN 43	/* 32 random bytes, base64url without padding */

struct staff {
	long long id;
	long long department_id;
	long long session_id;	/* 0 for API keys */
	char login[65];
	char name[101];
	char lang[9];		/* "" means the instance default */
	char department[101];	/* department name, "" when none */
	char prev_login_at[20];	/* UTC, the login before this one; "" when none */
	char session_expires_at[20];	/* UTC absolute timeout of the session */
	int must_change_password;
	char perms[1024];	/* " code code ... " for staff_can */
	char roles[256];	/* " agent admin " */
};

enum auth_result {
	AUTH_OK = 0,
	AUTH_BAD,		/* wrong login or password */
	AUTH_LOCKED,		/* too many failures for the account or the address */
	AUTH_ERROR,		/* database trouble */
};

/* Initialises libsodium and reads the server key (WL_VAR/secret/server.key, hex).
 * Returns 0 or -1. */
int auth_init(void);
/* Sets the 32-byte server key directly (tests). */
void auth_set_key(const unsigned char *key);

/* argon2id hash of password into out (crypto_pwhash_STRBYTES).  Returns 0 or -1. */
int auth_password_hash(char *out, size_t outlen, const char *password);
/* 1 when password matches the argon2id hash. */
int auth_password_verify(const char *hash, const char *password);
/* A language key when the password is not acceptable (too short/long), else NULL. */
const char *auth_password_problem(const char *password);

/* Checks the password, applies the brute-force limits, records the attempt and the
 * audit event, and on success opens a session whose token is written to token
 * (AUTH_TOKEN_LEN + 1 bytes). */
enum auth_result auth_login(struct staff *out, char *token, const char *login,
			    const char *password, const char *ip, const char *user_agent);
/* Loads the staff behind a session token if the session is alive (idle and absolute
 * timeouts), touching it at most once a minute.  Returns 0 or -1. */
int auth_session(struct staff *out, const char *token);
/* Ends the session of token (logout). */
void auth_logout(const struct staff *s, const char *token, const char *ip);
/* Loads the staff behind an API key; returns 0 or -1. */
int auth_apikey(struct staff *out, const char *key);

/* Changes s's own password after checking the old one; ends the other sessions.
 * Returns NULL or a language key describing the problem. */
const char *auth_password_change(const struct staff *s, const char *old_pw,
				 const char *new_pw, const char *ip);
/* Admin reset: sets a new password, forces a change at next login, ends all of the
 * account's sessions.  Returns NULL or a language key. */
const char *auth_password_reset(long long admin_id, long long staff_id,
				const char *new_pw, const char *ip);

/* Creates an API key for staff_id; writes the key (shown once) to key (64 bytes).
 * Returns the key's id or -1. */
long long auth_apikey_create(char *key, size_t keylen, long long staff_id, const char *name,
			     long long created_by, const char *ip);
int auth_apikey_revoke(long long id, long long admin_id, const char *ip);

/* 1 when s holds the permission (NULL: any logged-in user). */
int staff_can(const struct staff *s, const char *perm);
int staff_has_role(const struct staff *s, const char *role);

/* The 32-byte SHA-256 of a token, for lookups. */
void auth_token_hash(unsigned char out[32], const char *token);
/* A fresh random token (AUTH_TOKEN_LEN + 1 bytes). */
void auth_token_new(char *token);
/* HMAC-SHA256 of msg with the instance's server key, base64url (AUTH_TOKEN_LEN + 1). */
void auth_mac(char *out, const char *purpose, const char *msg);
/* Constant-time string comparison; 1 when equal. */
int auth_equal(const char *a, const char *b);

/* Appends an audit record; detail is printf-formatted (may be NULL). */
void audit(long long staff_id, const char *ip, const char *event, const char *object_type,
	   long long object_id, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
