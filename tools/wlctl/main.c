/* wlctl — command-line administration: staff accounts, API keys, demo accounts.
 * Runs with the instance's configuration (WL_ROOT, WL_CONF_EXTRA) like the web programs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "report.h"
#include "util.h"

/* Reads one line (a password) from stdin into buf; returns 0 or -1. */
static int read_secret(char *buf, size_t len)
{
	if (!fgets(buf, (int)len, stdin))
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

/* Creates (or updates) a staff account with one role; returns its id or -1. */
static long long staff_upsert(const char *login, const char *name, const char *role,
			      const char *dept_code, const char *password, int must_change)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *problem = auth_password_problem(password);
	long long id, role_id;

	if (problem) {
		fprintf(stderr, "wlctl: password not acceptable (%s)\n", problem);
		return -1;
	}
	role_id = db_int_query(0, "SELECT id FROM role WHERE code = ?", "s", role);
	if (!role_id) {
		fprintf(stderr, "wlctl: no role %s\n", role);
		return -1;
	}
	if (auth_password_hash(hash, sizeof(hash), password))
		return -1;
	if (db_exec("INSERT INTO staff (login, name, password_hash, department_id,"
		    " must_change_password, password_changed_at)"
		    " VALUES (?, ?, ?, (SELECT id FROM department WHERE code = ?), ?, UTC_TIMESTAMP())"
		    " ON DUPLICATE KEY UPDATE name = VALUES(name), password_hash = VALUES(password_hash),"
		    " department_id = VALUES(department_id), active = 1,"
		    " must_change_password = VALUES(must_change_password)",
		    "ssssi", login, name, hash, dept_code, (long long)must_change) < 0)
		return -1;
	id = db_int_query(-1, "SELECT id FROM staff WHERE login = ?", "s", login);
	if (id > 0)
		db_exec("INSERT IGNORE INTO staff_role (staff_id, role_id) VALUES (?, ?)", "ii",
			id, role_id);
	return id;
}

static void random_password(char *out, size_t len)
{
	static const char set[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	for (size_t i = 0; i + 1 < len; i++)
		out[i] = set[randombytes_uniform(sizeof(set) - 1)];
	out[len - 1] = '\0';
}

/* The demo company's accounts, one per built-in role, printed as shell assignments. */
static int cmd_demo_staff(void)
{
	static const struct {
		const char *login, *name, *role, *dept, *var;
	} demo[] = {
		{ "admin", "系统管理员", "admin", "admin", "ADMIN" },
		{ "agent", "王丽", "agent", "cs1", "AGENT" },
		{ "supervisor", "陈静", "supervisor", "cs", "SUPERVISOR" },
		{ "technician", "李师傅", "technician", "eng_hvac", "TECHNICIAN" },
		{ "manager", "赵经理", "manager", "admin", "MANAGER" },
	};
	char pw[13], key[96];
	long long admin_id = 0;

	for (size_t i = 0; i < sizeof(demo) / sizeof(demo[0]); i++) {
		long long id;

		random_password(pw, sizeof(pw));
		id = staff_upsert(demo[i].login, demo[i].name, demo[i].role, demo[i].dept, pw, 0);
		if (id < 0)
			return 1;
		if (!strcmp(demo[i].role, "admin"))
			admin_id = id;
		printf("WARMLINE_%s_USER=%s\nWARMLINE_%s_PASSWORD=%s\n", demo[i].var,
		       demo[i].login, demo[i].var, pw);
	}
	if (auth_apikey_create(key, sizeof(key), admin_id, "demo", admin_id, "127.0.0.1") < 0)
		return 1;
	printf("WARMLINE_API_KEY=%s\n", key);
	return 0;
}

static int cmd_user_add(int argc, char **argv)
{
	char pw[256];

	if (argc < 4) {
		fprintf(stderr, "usage: wlctl user-add LOGIN NAME ROLE [DEPT_CODE] < password\n");
		return 2;
	}
	if (read_secret(pw, sizeof(pw)))
		return 1;
	return staff_upsert(argv[1], argv[2], argv[3], argc > 4 ? argv[4] : NULL, pw, 0) < 0;
}

static int cmd_passwd(int argc, char **argv)
{
	char pw[256];
	long long id;
	const char *problem;

	if (argc < 2) {
		fprintf(stderr, "usage: wlctl passwd LOGIN < password\n");
		return 2;
	}
	id = db_int_query(0, "SELECT id FROM staff WHERE login = ?", "s", argv[1]);
	if (!id || read_secret(pw, sizeof(pw))) {
		fprintf(stderr, "wlctl: no such account %s\n", argv[1]);
		return 1;
	}
	problem = auth_password_reset(0, id, pw, "127.0.0.1");
	if (problem)
		fprintf(stderr, "wlctl: %s\n", problem);
	return problem != NULL;
}

static int cmd_apikey(int argc, char **argv)
{
	char key[96];
	long long id;

	if (argc < 3) {
		fprintf(stderr, "usage: wlctl apikey LOGIN NAME\n");
		return 2;
	}
	id = db_int_query(0, "SELECT id FROM staff WHERE login = ?", "s", argv[1]);
	if (!id || auth_apikey_create(key, sizeof(key), id, argv[2], 0, "127.0.0.1") < 0) {
		fprintf(stderr, "wlctl: cannot create a key for %s\n", argv[1]);
		return 1;
	}
	printf("%s\n", key);
	return 0;
}

/* Rolls the KPI summaries up (every changed completed day, or everything with --full). */
static int cmd_report_rollup(int argc, char **argv)
{
	int full = argc > 1 && !strcmp(argv[1], "--full");
	int64_t t0 = time_us();
	int n;

	/* Local days as the web programs see them (kit.c does the same). */
	setenv("TZ", config_get("WL_TZ", "Asia/Shanghai"), 1);
	tzset();
	n = report_rollup(full ? REPORT_ROLLUP_FULL : REPORT_ROLLUP_RECENT);

	if (n < 0) {
		fprintf(stderr, "wlctl: the rollup failed (see the log)\n");
		return 1;
	}
	if (full)
		printf("report-rollup: every day rebuilt in %.2f s\n", (double)(time_us() - t0) / 1e6);
	else
		printf("report-rollup: %d day%s recomputed in %.2f s\n", n, n == 1 ? "" : "s",
		       (double)(time_us() - t0) / 1e6);
	return 0;
}

static int usage(void)
{
	fputs("usage: wlctl COMMAND ...\n"
	      "  demo-staff                          create the demo accounts and an API key\n"
	      "  user-add LOGIN NAME ROLE [DEPT]     create/update an account (password on stdin)\n"
	      "  passwd LOGIN                        reset a password (new one on stdin)\n"
	      "  apikey LOGIN NAME                   create an API key and print it\n"
	      "  report-rollup [--full]              bring the KPI summaries up to date (docs/KPI.md)\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	int err;

	log_init("wlctl");
	if (argc < 2)
		return usage();
	if ((err = config_load())) {
		fprintf(stderr, "wlctl: cannot read conf/warmline.conf under WL_ROOT\n");
		return 1;
	}
	if (auth_init() || db_connect())
		return 1;
	if (!strcmp(argv[1], "demo-staff"))
		err = cmd_demo_staff();
	else if (!strcmp(argv[1], "user-add"))
		err = cmd_user_add(argc - 1, argv + 1);
	else if (!strcmp(argv[1], "passwd"))
		err = cmd_passwd(argc - 1, argv + 1);
	else if (!strcmp(argv[1], "apikey"))
		err = cmd_apikey(argc - 1, argv + 1);
	else if (!strcmp(argv[1], "report-rollup"))
		err = cmd_report_rollup(argc - 1, argv + 1);
	else
		err = usage();
	db_disconnect();
	config_free();
	return err;
}
