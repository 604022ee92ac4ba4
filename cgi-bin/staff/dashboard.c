/* dashboard.c — the start page after login. */
#include <stdio.h>
#include <string.h>

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
	char local[32];

	/* Everything shown comes with the session: no further query. */
	hset(r, "Dashboard.Department", r->user.department[0] ? r->user.department
							       : tr(r, "common.none"));
	if (r->user.prev_login_at[0])
		hset(r, "Dashboard.LastLogin", time_local(local, sizeof(local),
							  r->user.prev_login_at, 0));
	if (r->user.session_expires_at[0])
		hset(r, "Dashboard.SessionExpires", time_local(local, sizeof(local),
							       r->user.session_expires_at, 0));
	dashboard_roles(r);
	hset(r, "Page.Title", tr(r, "dashboard.title"));
	r->template = "staff/dashboard.cs";
	return 0;
}
