/* dashboard.c — the start page after login. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "staff.h"

/* Role names of the user, translated, as Dashboard.Roles.N.Name. */
static void dashboard_roles(struct req *r)
{
	char roles[sizeof(r->user.roles)], key[96], name[48];
	char *save = NULL;
	int n = 0;

	snprintf(roles, sizeof(roles), "%s", r->user.roles);
	for (char *t = strtok_r(roles, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		snprintf(key, sizeof(key), "role.%s", t);
		snprintf(name, sizeof(name), "Dashboard.Roles.%d.Name", n++);
		hset(r, name, tr(r, key));
	}
}

int page_dashboard(struct req *r)
{
	struct stmt *st;
	char local[32];

	st = db_query("SELECT d.name, st.prev_login_at, s.expires_at FROM staff st"
		      " JOIN session s ON s.staff_id = st.id AND s.id = ?"
		      " LEFT JOIN department d ON d.id = st.department_id WHERE st.id = ?",
		      "ii", r->user.session_id, r->user.id);
	if (st && db_next(st) == 1) {
		hset(r, "Dashboard.Department", db_text(st, 0) ? db_text(st, 0) : tr(r, "common.none"));
		if (db_text(st, 1))
			hset(r, "Dashboard.LastLogin", time_local(local, sizeof(local),
								  db_text(st, 1), 0));
		hset(r, "Dashboard.SessionExpires", time_local(local, sizeof(local), db_text(st, 2), 0));
	}
	db_done(st);
	dashboard_roles(r);
	hset(r, "Page.Title", tr(r, "dashboard.title"));
	r->template = "staff/dashboard.cs";
	return 0;
}
