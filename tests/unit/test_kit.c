/* test_kit.c — unit tests of the kit and core helpers: configuration layering, time
 * display, buffers, password hashing, tokens and CSRF MACs, template escaping. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"
#include "config.h"
#include "kit_private.h"
#include "util.h"

static char tmpdir[64];

/* A throwaway WL_ROOT with conf/warmline.conf, conf/extra.conf and templates/. */
static void root_setup(void)
{
	char path[128];
	FILE *f;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/wl-unit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(path, sizeof(path), "%s/conf", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/templates", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/conf/warmline.conf", tmpdir);
	f = fopen(path, "w");
	fputs("# comment\nWL_HTTP_PORT=8080\nWL_VAR=var\nWL_TZ=Asia/Shanghai\n"
	      "WL_COMPANY=暖线物业  \nWL_DB_PORT=8306\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/conf/extra.conf", tmpdir);
	f = fopen(path, "w");
	fputs("WL_HTTP_PORT=18080\nWL_DB_PORT=18306\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/templates/t.cs", tmpdir);
	f = fopen(path, "w");
	fputs("[<?cs var:Name ?>][<?cs escape:\"url\" ?><?cs var:Name ?><?cs /escape ?>]"
	      "[<?cs escape:\"js\" ?><?cs var:Name ?><?cs /escape ?>]", f);
	fclose(f);
	setenv("WL_ROOT", tmpdir, 1);
	unsetenv("WL_CONF_EXTRA");
	unsetenv("WL_HTTP_PORT");
	unsetenv("WL_DB_PORT");
	unsetenv("WL_VAR");
}

static void root_teardown(void)
{
	char cmd[128];

	config_free();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(config_layers_file_extra_env)
{
	char *p;

	ck_assert_int_eq(config_load(), 0);
	ck_assert_int_eq(config_int("WL_HTTP_PORT", 0), 8080);
	ck_assert_str_eq(config_get("WL_COMPANY", ""), "暖线物业");	/* trailing blanks cut */
	ck_assert_str_eq(config_get("WL_MISSING", "dflt"), "dflt");
	setenv("WL_CONF_EXTRA", "conf/extra.conf", 1);
	ck_assert_int_eq(config_load(), 0);
	ck_assert_int_eq(config_int("WL_HTTP_PORT", 0), 18080);
	ck_assert_int_eq(config_int("WL_DB_PORT", 0), 18306);
	setenv("WL_DB_PORT", "28306", 1);	/* the environment wins over both files */
	ck_assert_int_eq(config_load(), 0);
	ck_assert_int_eq(config_int("WL_DB_PORT", 0), 28306);
	ck_assert_int_eq(config_int("WL_HTTP_PORT", 0), 18080);
	p = config_path("WL_VAR", "run/x.sock");
	ck_assert_str_eq(p + strlen(tmpdir), "/var/run/x.sock");
	ck_assert(!strncmp(p, tmpdir, strlen(tmpdir)));
	free(p);
	setenv("WL_VAR", "/abs/var", 1);
	ck_assert_int_eq(config_load(), 0);
	p = config_path("WL_VAR", NULL);
	ck_assert_str_eq(p, "/abs/var");
	free(p);
	unsetenv("WL_DB_PORT");
	unsetenv("WL_CONF_EXTRA");
	unsetenv("WL_VAR");
}
END_TEST

START_TEST(config_missing_file_is_an_error)
{
	setenv("WL_ROOT", "/nonexistent-warmline", 1);
	ck_assert_int_ne(config_load(), 0);
}
END_TEST

START_TEST(time_local_shanghai)
{
	char out[32];

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	/* 16:30 UTC on Nov 14 is 00:30 on Nov 15 in Beijing: the heating season opens. */
	ck_assert_str_eq(time_local(out, sizeof(out), "2026-11-14 16:30:00", 0), "2026-11-15 00:30");
	ck_assert_str_eq(time_local(out, sizeof(out), "2026-11-14 16:30:05", 1),
			 "2026-11-15 00:30:05");
	ck_assert_str_eq(time_local(out, sizeof(out), "garbage", 0), "garbage");
	ck_assert_str_eq(time_local(out, sizeof(out), NULL, 0), "");
}
END_TEST

START_TEST(buf_grows_and_escapes)
{
	struct buf b;

	buf_init(&b);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	ck_assert_uint_eq(b.len, strlen(b.data));
	ck_assert(!strncmp(b.data + b.len - 4, "999,", 4));
	buf_reset(&b);
	buf_html(&b, "<a href=\"x\">'&'</a>");
	ck_assert_str_eq(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	buf_free(&b);
}
END_TEST

START_TEST(password_hash_roundtrip)
{
	char hash[crypto_pwhash_STRBYTES], hash2[crypto_pwhash_STRBYTES];

	ck_assert_int_eq(sodium_init() >= 0, 1);
	ck_assert_int_eq(auth_password_hash(hash, sizeof(hash), "暖气不热-2026"), 0);
	ck_assert(!strncmp(hash, "$argon2id$", 10));
	ck_assert(auth_password_verify(hash, "暖气不热-2026"));
	ck_assert(!auth_password_verify(hash, "暖气不热-2027"));
	ck_assert(!auth_password_verify(hash, ""));
	/* Salted: the same password never hashes the same twice. */
	ck_assert_int_eq(auth_password_hash(hash2, sizeof(hash2), "暖气不热-2026"), 0);
	ck_assert_str_ne(hash, hash2);
	ck_assert_int_eq(auth_password_hash(hash, 10, "x"), -1);
}
END_TEST

START_TEST(password_policy)
{
	char longpw[200];

	memset(longpw, 'a', sizeof(longpw) - 1);
	longpw[sizeof(longpw) - 1] = '\0';
	ck_assert_str_eq(auth_password_problem("1234567"), "err.password_short");
	ck_assert_ptr_null(auth_password_problem("12345678"));
	ck_assert_str_eq(auth_password_problem(longpw), "err.password_long");
}
END_TEST

START_TEST(tokens_are_random_and_urlsafe)
{
	char a[AUTH_TOKEN_LEN + 1], b[AUTH_TOKEN_LEN + 1];
	unsigned char ha[32], hb[32];

	ck_assert_int_eq(sodium_init() >= 0, 1);
	auth_token_new(a);
	auth_token_new(b);
	ck_assert_uint_eq(strlen(a), AUTH_TOKEN_LEN);
	ck_assert_str_ne(a, b);
	ck_assert_uint_eq(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				    "0123456789-_"), AUTH_TOKEN_LEN);
	auth_token_hash(ha, a);
	auth_token_hash(hb, a);
	ck_assert(!memcmp(ha, hb, 32));
	auth_token_hash(hb, b);
	ck_assert(memcmp(ha, hb, 32));
}
END_TEST

START_TEST(csrf_mac_binds_purpose_session_and_key)
{
	unsigned char key[32] = { 1, 2, 3 };
	char m1[AUTH_TOKEN_LEN + 1], m2[AUTH_TOKEN_LEN + 1], m3[AUTH_TOKEN_LEN + 1];

	ck_assert_int_eq(sodium_init() >= 0, 1);
	auth_set_key(key);
	auth_mac(m1, "csrf", "session-a");
	auth_mac(m2, "csrf", "session-a");
	ck_assert_str_eq(m1, m2);
	ck_assert(auth_equal(m1, m2));
	auth_mac(m2, "csrf", "session-b");
	ck_assert_str_ne(m1, m2);
	ck_assert(!auth_equal(m1, m2));
	auth_mac(m3, "other", "session-a");
	ck_assert_str_ne(m1, m3);
	key[0] = 9;	/* another installation's key gives other tokens */
	auth_set_key(key);
	auth_mac(m3, "csrf", "session-a");
	ck_assert_str_ne(m1, m3);
	ck_assert(!auth_equal(m1, ""));
	ck_assert(!auth_equal(m1, "short"));
}
END_TEST

START_TEST(templates_escape_by_default)
{
	char dir[128];
	struct buf out;
	HDF *hdf;

	snprintf(dir, sizeof(dir), "%s/templates", tmpdir);
	hdf_init(&hdf);
	render_hdf_init(hdf, dir);
	hdf_set_value(hdf, "Name", "<script>alert('x')</script>\"&'; DROP TABLE staff; --");
	buf_init(&out);
	ck_assert_int_eq(render_file(hdf, "t.cs", &out), 0);
	ck_assert_ptr_null(strstr(out.data, "<script>"));
	ck_assert_ptr_nonnull(strstr(out.data, "[&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
					       "&quot;&amp;&#39;; DROP TABLE staff; --]"));
	ck_assert_ptr_nonnull(strstr(out.data, "[%3Cscript%3Ealert"));
	ck_assert_ptr_nonnull(strstr(out.data, "[\\x3Cscript\\x3Ealert(\\x27x\\x27)"));
	/* A template that does not exist is an error, not a crash. */
	buf_reset(&out);
	ck_assert_int_eq(render_file(hdf, "missing.cs", &out), -1);
	buf_free(&out);
	hdf_destroy(&hdf);
}
END_TEST

static Suite *kit_suite(void)
{
	Suite *s = suite_create("kit");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, root_setup, root_teardown);
	tcase_add_test(tc, config_layers_file_extra_env);
	tcase_add_test(tc, config_missing_file_is_an_error);
	tcase_add_test(tc, time_local_shanghai);
	tcase_add_test(tc, buf_grows_and_escapes);
	tcase_add_test(tc, password_hash_roundtrip);
	tcase_add_test(tc, password_policy);
	tcase_add_test(tc, tokens_are_random_and_urlsafe);
	tcase_add_test(tc, csrf_mac_binds_purpose_session_and_key);
	tcase_add_test(tc, templates_escape_by_default);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(kit_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
