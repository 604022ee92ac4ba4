/* auth.c — passwords (argon2id), sessions, API keys, brute-force limits, audit log. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "names.h"
#include "util.h"

static unsigned char server_key[crypto_auth_hmacsha256_KEYBYTES];

void auth_set_key(const unsigned char *key)
{
	memcpy(server_key, key, sizeof(server_key));
}

int auth_init(void)
{
	char *path;
	char hex[160] = "";
	FILE *f;
	size_t n = 0;

	if (sodium_init() < 0)
		return -1;
	path = config_path("WL_VAR", "secret/server.key");
	f = path ? fopen(path, "r") : NULL;
	if (f) {
		if (fgets(hex, sizeof(hex), f))
			hex[strcspn(hex, "\r\n")] = '\0';
		fclose(f);
	}
	if (sodium_hex2bin(server_key, sizeof(server_key), hex, strlen(hex), NULL, &n, NULL) ||
	    n != sizeof(server_key)) {
		log_err("auth: %s must hold %zu bytes as hex", path ? path : "server.key",
			sizeof(server_key));
		free(path);
		return -1;
	}
	sodium_memzero(hex, sizeof(hex));
	free(path);
	return 0;
}

int auth_password_hash(char *out, size_t outlen, const char *password)
{
	if (outlen < crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str(out, password, strlen(password),
				 crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) ? -1 : 0;
}

const char *auth_password_problem(const char *password)
{
	size_t n = strlen(password);

	if (n < 8)
		return "err.password_short";
	if (n > 128)
		return "err.password_long";
	return NULL;
}

int auth_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void auth_token_new(char *token)
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(token, AUTH_TOKEN_LEN + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void auth_token_hash(unsigned char out[32], const char *token)
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

void auth_mac(char *out, const char *purpose, const char *msg)
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_init(&st, server_key, sizeof(server_key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)purpose, strlen(purpose) + 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, strlen(msg));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2base64(out, AUTH_TOKEN_LEN + 1, mac, sizeof(mac),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int auth_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

void audit(long long staff_id, const char *ip, const char *event, const char *object_type,
	   long long object_id, const char *fmt, ...)
{
	char detail[1000] = "";
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(detail, sizeof(detail), fmt, ap);
		va_end(ap);
	}
	db_exec("INSERT INTO audit_log (staff_id, ip, event, object_type, object_id, detail)"
		" VALUES (NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), NULLIF(?, ''))", "isssis",
		staff_id, ip, event, object_type, object_id, detail);
}

int staff_can(const struct staff *s, const char *perm)
{
	char needle[80];

	if (!perm)
		return 1;
	snprintf(needle, sizeof(needle), " %s ", perm);
	return strstr(s->perms, needle) != NULL;
}

int staff_has_role(const struct staff *s, const char *role)
{
	char needle[80];

	snprintf(needle, sizeof(needle), " %s ", role);
	return strstr(s->roles, needle) != NULL;
}

/* Accounts as the web sees them (profile, permissions, roles), cached per process while
 * auth_version is unchanged: triggers bump it on any change to staff, departments,
 * roles or who holds what, and every session lookup reads it.  So a page view costs
 * one small query, and a revoked permission or a disabled account ends at once. */
#define AUTH_VERSION "(SELECT CAST(v AS UNSIGNED) FROM app_meta WHERE k = 'auth_version')"

struct staff_cached {
	long long version;
	int active;
	struct staff s;
};
static struct staff_cached staff_cache[64];
static unsigned staff_next;

/* Reads the permissions and roles of s->id into s as " a b " lists. */
static int staff_fetch_grants(struct staff *s)
{
	struct stmt *st = db_query(
		"SELECT DISTINCT 'p', rp.permission FROM staff_role sr"
		" JOIN role_permission rp ON rp.role_id = sr.role_id WHERE sr.staff_id = ?"
		" UNION ALL SELECT 'r', r.code FROM staff_role sr"
		" JOIN role r ON r.id = sr.role_id WHERE sr.staff_id = ?",
		"ii", s->id, s->id);

	if (!st)
		return -1;
	strcpy(s->perms, " ");
	strcpy(s->roles, " ");
	while (db_next(st) == 1) {
		int perm = db_text(st, 0)[0] == 'p';
		char *dst = perm ? s->perms : s->roles;
		size_t cap = perm ? sizeof(s->perms) : sizeof(s->roles);
		size_t len = strlen(dst);

		if (len + strlen(db_text(st, 1)) + 2 < cap)
			snprintf(dst + len, cap - len, "%s ", db_text(st, 1));
	}
	db_done(st);
	return 0;
}

/* Reads account id from the database into c.  Returns 0, or -1 if unknown or on error. */
static int staff_fetch(struct staff_cached *c, long long id)
{
	struct stmt *st = db_query(
		"SELECT st.department_id, st.login, st.name, st.lang, st.must_change_password,"
		" d.name, st.prev_login_at, st.active FROM staff st"
		" LEFT JOIN department d ON d.id = st.department_id WHERE st.id = ?", "i", id);
	struct staff *s = &c->s;
	const char *v;
	int found = 0;

	if (!st)
		return -1;
	memset(s, 0, sizeof(*s));
	if (db_next(st) == 1) {
		s->id = id;
		s->department_id = db_int(st, 0);
		snprintf(s->login, sizeof(s->login), "%s", db_text(st, 1));
		snprintf(s->name, sizeof(s->name), "%s", db_text(st, 2));
		snprintf(s->lang, sizeof(s->lang), "%s", (v = db_text(st, 3)) ? v : "");
		s->must_change_password = (int)db_int(st, 4);
		snprintf(s->department, sizeof(s->department), "%s", (v = db_text(st, 5)) ? v : "");
		snprintf(s->prev_login_at, sizeof(s->prev_login_at), "%s",
			 (v = db_text(st, 6)) ? v : "");
		c->active = (int)db_int(st, 7);
		found = 1;
	}
	db_done(st);
	return found && !staff_fetch_grants(s) ? 0 : -1;
}

/* Copies active account id, as of version, into out.  Returns 0, or -1 if the account
 * is unknown or disabled (or the database fails). */
static int staff_get(struct staff *out, long long id, long long version)
{
	size_t n = sizeof(staff_cache) / sizeof(staff_cache[0]);
	struct staff_cached *c = NULL;

	names_version(version);

	for (size_t i = 0; i < n && !c; i++)
		if (staff_cache[i].s.id == id && staff_cache[i].version == version)
			c = &staff_cache[i];
	if (!c) {
		c = &staff_cache[staff_next++ % n];
		if (staff_fetch(c, id)) {
			c->s.id = 0;
			return -1;
		}
		c->version = version;
	}
	if (!c->active)
		return -1;
	*out = c->s;
	return 0;
}

/* Loads account id afresh (after a login, which itself changed the row). */
static int staff_load(struct staff *s, long long id)
{
	return staff_get(s, id, db_int_query(-1, "SELECT " AUTH_VERSION, ""));
}

/* Failed attempts in the window: for the login since its last success, and for the ip. */
static int login_locked(const char *login, const char *ip)
{
	long window = config_int("WL_LOGIN_WINDOW", 900);
	long max = config_int("WL_LOGIN_MAX_FAILS", 5);
	struct stmt *st = db_query(
		"SELECT"
		" (SELECT COUNT(*) FROM login_attempt a WHERE a.login = ? AND a.ok = 0"
		"   AND a.at > UTC_TIMESTAMP() - INTERVAL ? SECOND"
		"   AND a.id > COALESCE((SELECT MAX(b.id) FROM login_attempt b"
		"                        WHERE b.login = ? AND b.ok = 1), 0)),"
		" (SELECT COUNT(*) FROM login_attempt a WHERE a.ip = ? AND a.ok = 0"
		"   AND a.at > UTC_TIMESTAMP() - INTERVAL ? SECOND)",
		"sissi", login, (long long)window, login, ip, (long long)window);
	int locked = 0;

	if (st && db_next(st) == 1)
		locked = db_int(st, 0) >= max || db_int(st, 1) >= max;
	db_done(st);
	return locked;
}

static void login_record(const char *login, const char *ip, int ok)
{
	db_exec("INSERT INTO login_attempt (login, ip, ok) VALUES (?, ?, ?)", "ssi",
		login, ip, (long long)ok);
}

static int session_open(struct staff *s, char *token, const char *ip, const char *ua)
{
	unsigned char hash[32];
	char ua_short[256];

	auth_token_new(token);
	auth_token_hash(hash, token);
	snprintf(ua_short, sizeof(ua_short), "%s", ua ? ua : "");
	if (db_exec("INSERT INTO session (token_hash, staff_id, ip, user_agent, expires_at)"
		    " VALUES (?, ?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? SECOND)", "bissi",
		    hash, sizeof(hash), s->id, ip, ua_short,
		    (long long)config_int("WL_SESSION_ABSOLUTE", 43200)) < 0)
		return -1;
	s->session_id = (long long)db_insert_id();
	return 0;
}

enum auth_result auth_login(struct staff *out, char *token, const char *login,
			    const char *password, const char *ip, const char *user_agent)
{
	struct stmt *st;
	char hash[crypto_pwhash_STRBYTES] = "";
	int found = 0, ok;

	if (login_locked(login, ip)) {
		audit(0, ip, "login.locked", "staff", 0, "login=%s", login);
		return AUTH_LOCKED;
	}
	st = db_query("SELECT password_hash, id FROM staff WHERE login = ? AND active = 1",
		      "s", login);
	if (!st)
		return AUTH_ERROR;
	memset(out, 0, sizeof(*out));
	if (db_next(st) == 1) {
		snprintf(hash, sizeof(hash), "%s", db_text(st, 0));
		out->id = db_int(st, 1);
		found = 1;
	}
	db_done(st);
	/* Verify against a dummy hash for unknown logins: the same work either way. */
	if (!found) {
		static char dummy[crypto_pwhash_STRBYTES];
		if (!dummy[0])
			auth_password_hash(dummy, sizeof(dummy), "not-a-password");
		auth_password_verify(dummy, password);
	}
	ok = found && auth_password_verify(hash, password);
	login_record(login, ip, ok);
	if (!ok) {
		audit(found ? out->id : 0, ip, "login.fail", "staff", found ? out->id : 0,
		      "login=%s", login);
		memset(out, 0, sizeof(*out));
		return AUTH_BAD;
	}
	if (staff_load(out, out->id) || session_open(out, token, ip, user_agent))
		return AUTH_ERROR;
	db_exec("UPDATE staff SET prev_login_at = last_login_at,"
		" last_login_at = UTC_TIMESTAMP() WHERE id = ?", "i", out->id);
	audit(out->id, ip, "login.ok", "staff", out->id, NULL);
	return AUTH_OK;
}

int auth_session(struct staff *out, const char *token)
{
	unsigned char hash[32];
	struct stmt *st;
	long long idle = -1, session_id = 0, staff_id = 0, version = 0;
	char expires[20] = "";

	if (strlen(token) != AUTH_TOKEN_LEN)
		return -1;
	auth_token_hash(hash, token);
	st = db_query("SELECT s.id, s.staff_id, TIMESTAMPDIFF(SECOND, s.last_seen_at,"
		      " UTC_TIMESTAMP()), s.expires_at, " AUTH_VERSION " FROM session s"
		      " WHERE s.token_hash = ? AND s.ended_at IS NULL"
		      " AND s.expires_at > UTC_TIMESTAMP()"
		      " AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? SECOND",
		      "bi", hash, sizeof(hash), (long long)config_int("WL_SESSION_IDLE", 1800));
	if (!st)
		return -1;
	if (db_next(st) == 1) {
		session_id = db_int(st, 0);
		staff_id = db_int(st, 1);
		idle = db_int(st, 2);
		snprintf(expires, sizeof(expires), "%s", db_text(st, 3));
		version = db_int(st, 4);
	}
	db_done(st);
	if (idle < 0 || staff_get(out, staff_id, version))
		return -1;
	out->session_id = session_id;
	snprintf(out->session_expires_at, sizeof(out->session_expires_at), "%s", expires);
	if (idle < 0)
		return -1;
	/* Touching the session on every request would make every page a write. */
	if (idle >= 60)
		db_exec("UPDATE session SET last_seen_at = UTC_TIMESTAMP() WHERE id = ?", "i",
			out->session_id);
	return 0;
}

void auth_logout(const struct staff *s, const char *token, const char *ip)
{
	unsigned char hash[32];

	auth_token_hash(hash, token);
	db_exec("UPDATE session SET ended_at = UTC_TIMESTAMP() WHERE token_hash = ?"
		" AND ended_at IS NULL", "b", hash, sizeof(hash));
	audit(s->id, ip, "logout", "staff", s->id, NULL);
}

int auth_apikey(struct staff *out, const char *key)
{
	unsigned char hash[32];
	struct stmt *st;
	long long key_id = 0, staff_id = 0, version = 0;

	if (strlen(key) < 20 || strlen(key) > 100)
		return -1;
	auth_token_hash(hash, key);
	st = db_query("SELECT k.id, k.staff_id, " AUTH_VERSION " FROM api_key k"
		      " WHERE k.key_hash = ? AND k.revoked_at IS NULL", "b", hash, sizeof(hash));
	if (!st)
		return -1;
	if (db_next(st) == 1) {
		key_id = db_int(st, 0);
		staff_id = db_int(st, 1);
		version = db_int(st, 2);
	}
	db_done(st);
	if (!key_id || staff_get(out, staff_id, version))
		return -1;
	db_exec("UPDATE api_key SET last_used_at = UTC_TIMESTAMP() WHERE id = ?"
		" AND (last_used_at IS NULL OR last_used_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND)",
		"i", key_id);
	return 0;
}

static const char *password_set(long long staff_id, const char *new_pw, int must_change)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *problem = auth_password_problem(new_pw);

	if (problem)
		return problem;
	if (auth_password_hash(hash, sizeof(hash), new_pw))
		return "err.server";
	if (db_exec("UPDATE staff SET password_hash = ?, must_change_password = ?,"
		    " password_changed_at = UTC_TIMESTAMP() WHERE id = ?", "sii",
		    hash, (long long)must_change, staff_id) < 0)
		return "err.db";
	return NULL;
}

const char *auth_password_change(const struct staff *s, const char *old_pw,
				 const char *new_pw, const char *ip)
{
	char hash[crypto_pwhash_STRBYTES] = "";
	struct stmt *st = db_query("SELECT password_hash FROM staff WHERE id = ?", "i", s->id);
	const char *problem;

	if (!st)
		return "err.db";
	if (db_next(st) == 1)
		snprintf(hash, sizeof(hash), "%s", db_text(st, 0));
	db_done(st);
	if (!hash[0] || !auth_password_verify(hash, old_pw))
		return "err.password_old_wrong";
	problem = password_set(s->id, new_pw, 0);
	if (problem)
		return problem;
	/* Other browsers logged in as this account must log in again. */
	db_exec("UPDATE session SET ended_at = UTC_TIMESTAMP() WHERE staff_id = ?"
		" AND id <> ? AND ended_at IS NULL", "ii", s->id, s->session_id);
	audit(s->id, ip, "password.change", "staff", s->id, NULL);
	return NULL;
}

const char *auth_password_reset(long long admin_id, long long staff_id,
				const char *new_pw, const char *ip)
{
	const char *problem = password_set(staff_id, new_pw, 1);

	if (problem)
		return problem;
	db_exec("UPDATE session SET ended_at = UTC_TIMESTAMP() WHERE staff_id = ?"
		" AND ended_at IS NULL", "i", staff_id);
	audit(admin_id, ip, "password.reset", "staff", staff_id, NULL);
	return NULL;
}

long long auth_apikey_create(char *key, size_t keylen, long long staff_id, const char *name,
			     long long created_by, const char *ip)
{
	char token[AUTH_TOKEN_LEN + 1];
	unsigned char hash[32];
	long long id;

	if (keylen < AUTH_TOKEN_LEN + 4)
		return -1;
	auth_token_new(token);
	snprintf(key, keylen, "wl_%s", token);
	auth_token_hash(hash, key);
	if (db_exec("INSERT INTO api_key (staff_id, name, prefix, key_hash, created_by)"
		    " VALUES (?, ?, ?, ?, NULLIF(?, 0))", "issbi", staff_id, name,
		    (char[9]){ key[3], key[4], key[5], key[6], key[7], key[8], key[9], key[10], 0 },
		    hash, sizeof(hash), created_by) < 0)
		return -1;
	id = (long long)db_insert_id();
	audit(created_by, ip, "apikey.create", "api_key", id, "staff=%lld name=%s", staff_id, name);
	return id;
}

int auth_apikey_revoke(long long id, long long admin_id, const char *ip)
{
	long long n = db_exec("UPDATE api_key SET revoked_at = UTC_TIMESTAMP() WHERE id = ?"
			      " AND revoked_at IS NULL", "i", id);

	if (n > 0)
		audit(admin_id, ip, "apikey.revoke", "api_key", id, NULL);
	return n > 0 ? 0 : -1;
}
