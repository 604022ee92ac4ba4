/* admin — the administration program: departments, roles, staff accounts, dictionaries,
 * the audit log and API keys.  The rules behind every change live in lib/org.c. */
#include "admin.h"

static const struct page pages[] = {
	{ "GET", "/admin", NULL, page_admin_home, 0 },

	{ "GET", "/admin/departments", "admin.departments", page_departments, 0 },
	{ "GET", "/admin/departments/new", "admin.departments", page_department_new, 0 },
	{ "POST", "/admin/departments", "admin.departments", page_department_create, 0 },
	{ "GET", "/admin/departments/#", "admin.departments", page_department_edit, 0 },
	{ "POST", "/admin/departments/#", "admin.departments", page_department_update, 0 },
	{ "POST", "/admin/departments/#/delete", "admin.departments", page_department_delete, 0 },

	{ "GET", "/admin/roles", "admin.roles", page_roles, 0 },
	{ "GET", "/admin/roles/new", "admin.roles", page_role_new, 0 },
	{ "POST", "/admin/roles", "admin.roles", page_role_create, 0 },
	{ "GET", "/admin/roles/#", "admin.roles", page_role_edit, 0 },
	{ "POST", "/admin/roles/#", "admin.roles", page_role_update, 0 },
	{ "POST", "/admin/roles/#/delete", "admin.roles", page_role_delete, 0 },

	{ "GET", "/admin/staff", "admin.staff", page_staff_list, 0 },
	{ "GET", "/admin/staff/new", "admin.staff", page_staff_new, 0 },
	{ "POST", "/admin/staff", "admin.staff", page_staff_create, 0 },
	{ "GET", "/admin/staff/#", "admin.staff", page_staff_edit, 0 },
	{ "POST", "/admin/staff/#", "admin.staff", page_staff_update, 0 },
	{ "POST", "/admin/staff/#/password", "admin.staff", page_staff_password, 0 },

	{ "GET", "/admin/dictionaries", "admin.dictionaries", page_dictionaries, 0 },
	{ "POST", "/admin/dictionaries", "admin.dictionaries", page_dictionary_create, 0 },
	{ "GET", "/admin/dictionaries/#", "admin.dictionaries", page_dictionary, 0 },
	{ "POST", "/admin/dictionaries/#/delete", "admin.dictionaries", page_dictionary_delete, 0 },
	{ "POST", "/admin/dictionaries/#/items", "admin.dictionaries", page_dict_item_create, 0 },
	{ "POST", "/admin/dictionaries/#/items/#", "admin.dictionaries", page_dict_item_update, 0 },
	{ "POST", "/admin/dictionaries/#/items/#/delete", "admin.dictionaries",
	  page_dict_item_delete, 0 },

	{ "GET", "/admin/audit", "admin.audit", page_audit, 0 },

	{ "GET", "/admin/apikeys", "admin.apikeys", page_apikeys, 0 },
	{ "POST", "/admin/apikeys", "admin.apikeys", page_apikey_create, 0 },
	{ "POST", "/admin/apikeys/#/revoke", "admin.apikeys", page_apikey_revoke, 0 },
	{ 0 }
};

static const struct program admin = { "admin", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &admin);
}
