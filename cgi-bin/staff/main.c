/* staff — the staff web program: login, logout, dashboard, own account. */
#include "kit.h"
#include "staff.h"

static const struct page pages[] = {
	{ "GET", "/", NULL, page_home, 0 },
	{ "GET", "/login", NULL, page_login_form, PAGE_PUBLIC },
	{ "POST", "/login", NULL, page_login, PAGE_PUBLIC },
	{ "POST", "/logout", NULL, page_logout, 0 },
	{ "GET", "/dashboard", "dashboard.view", page_dashboard, 0 },
	{ "GET", "/account", NULL, page_account, 0 },
	{ "POST", "/account/password", NULL, page_account_password, 0 },
	{ "POST", "/account/lang", NULL, page_account_lang, 0 },
	{ 0 }
};

static const struct program staff = { "staff", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &staff);
}
