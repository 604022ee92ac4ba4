/* admin — the administration program: departments, roles, staff accounts, dictionaries,
 * the audit log, API keys, the notification rules (notify.c), and the telephony
 * configuration (IVR flows, prompts, schedules, blacklist, voicemail boxes, ACD queues:
 * ivr*.c, queues.c).  The rules behind every change
 * live in lib/org.c and lib/ivrconf.c. */
#include "admin.h"
#include "ivr.h"

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

	{ "GET", "/admin/notify", "admin.notify", page_notify_rules, 0 },
	{ "POST", "/admin/notify", "admin.notify", page_notify_rule_create, 0 },
	{ "GET", "/admin/notify/#", "admin.notify", page_notify_rule_edit, 0 },
	{ "POST", "/admin/notify/#", "admin.notify", page_notify_rule_update, 0 },
	{ "POST", "/admin/notify/#/delete", "admin.notify", page_notify_rule_delete, 0 },

	{ "GET", "/admin/ivr", "ivr.admin", page_ivr_home, 0 },
	{ "GET", "/admin/ivr/flows", "ivr.admin", page_ivr_flows, 0 },
	{ "GET", "/admin/ivr/flows/new", "ivr.admin", page_ivr_flow_new, 0 },
	{ "POST", "/admin/ivr/flows", "ivr.admin", page_ivr_flow_create, 0 },
	{ "GET", "/admin/ivr/flows/#", "ivr.admin", page_ivr_flow_edit, 0 },
	{ "POST", "/admin/ivr/flows/#", "ivr.admin", page_ivr_flow_update, 0 },
	{ "POST", "/admin/ivr/flows/#/delete", "ivr.admin", page_ivr_flow_delete, 0 },

	{ "GET", "/admin/ivr/prompts", "ivr.admin", page_ivr_prompts, 0 },
	{ "POST", "/admin/ivr/prompts", "ivr.admin", page_ivr_prompt_create, 0 },
	{ "GET", "/admin/ivr/prompts/#", "ivr.admin", page_ivr_prompt_edit, 0 },
	{ "POST", "/admin/ivr/prompts/#", "ivr.admin", page_ivr_prompt_update, 0 },
	{ "POST", "/admin/ivr/prompts/#/delete", "ivr.admin", page_ivr_prompt_delete, 0 },
	{ "GET", "/admin/ivr/prompts/#/audio", "ivr.admin", page_ivr_prompt_audio, 0 },

	{ "GET", "/admin/ivr/schedules", "ivr.admin", page_ivr_schedules, 0 },
	{ "GET", "/admin/ivr/schedules/new", "ivr.admin", page_ivr_schedule_new, 0 },
	{ "POST", "/admin/ivr/schedules", "ivr.admin", page_ivr_schedule_create, 0 },
	{ "GET", "/admin/ivr/schedules/#", "ivr.admin", page_ivr_schedule_edit, 0 },
	{ "POST", "/admin/ivr/schedules/#", "ivr.admin", page_ivr_schedule_update, 0 },
	{ "POST", "/admin/ivr/schedules/#/delete", "ivr.admin", page_ivr_schedule_delete, 0 },
	{ "POST", "/admin/ivr/schedules/#/holidays", "ivr.admin", page_ivr_holiday_create, 0 },
	{ "POST", "/admin/ivr/schedules/#/holidays/#/delete", "ivr.admin",
	  page_ivr_holiday_delete, 0 },

	{ "GET", "/admin/ivr/blacklist", "ivr.admin", page_ivr_blacklist, 0 },
	{ "POST", "/admin/ivr/blacklist", "ivr.admin", page_ivr_block_create, 0 },
	{ "GET", "/admin/ivr/blacklist/#", "ivr.admin", page_ivr_block_edit, 0 },
	{ "POST", "/admin/ivr/blacklist/#", "ivr.admin", page_ivr_block_update, 0 },
	{ "POST", "/admin/ivr/blacklist/#/delete", "ivr.admin", page_ivr_block_delete, 0 },

	{ "GET", "/admin/ivr/voicemail", "ivr.admin", page_ivr_voicemail, 0 },
	{ "POST", "/admin/ivr/voicemail", "ivr.admin", page_ivr_voicemail_create, 0 },
	{ "GET", "/admin/ivr/voicemail/#", "ivr.admin", page_ivr_voicemail_edit, 0 },
	{ "POST", "/admin/ivr/voicemail/#", "ivr.admin", page_ivr_voicemail_update, 0 },
	{ "POST", "/admin/ivr/voicemail/#/delete", "ivr.admin", page_ivr_voicemail_delete, 0 },

	{ "GET", "/admin/ivr/queues", "ivr.admin", page_queues, 0 },
	{ "GET", "/admin/ivr/queues/new", "ivr.admin", page_queue_new, 0 },
	{ "POST", "/admin/ivr/queues", "ivr.admin", page_queue_create, 0 },
	{ "GET", "/admin/ivr/queues/#", "ivr.admin", page_queue_edit, 0 },
	{ "POST", "/admin/ivr/queues/#", "ivr.admin", page_queue_update, 0 },
	{ "POST", "/admin/ivr/queues/#/delete", "ivr.admin", page_queue_delete, 0 },
	{ 0 }
};

static const struct program admin = { "admin", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &admin);
}
