/* ivr.h — the admin pages of the telephony configuration: IVR flows, prompts, schedules
 * and holidays, the blacklist, voicemail boxes and ACD queues.  Rules: lib/ivrconf.c. */
#ifndef WL_ADMIN_IVR_H
#define WL_ADMIN_IVR_H

#include "admin.h"
#include "ivrconf.h"

/* Like admin_org_errors, but a conflict is a 409 with its message on the form. */
int ivr_errors(struct req *r, enum org_result res, const struct org_errors *e);
/* The select lists the forms share: Opt.Prompts, Opt.Schedules, Opt.Queues,
 * Opt.Voicemail, Opt.Staff, Opt.TicketTypes, Opt.Departments (each N.{id,label}).
 * Returns 0 or the failure status. */
int ivr_options(struct req *r);
/* Names the area's tab (Ivr.Tab) and the page title from a language key. */
void ivr_page(struct req *r, const char *tab, const char *title_key, const char *tpl);
/* The integer of form field name; def when empty; a field error (Form.Error.name) when it
 * is not a number in [min, max]. */
long long ivr_form_int(struct req *r, const char *name, long long def, long long min,
		       long long max);
/* Redirects to the formatted location with a one-time notice. */
int ivr_redirectf(struct req *r, const char *flash, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ivr_flows.c */
int page_ivr_home(struct req *r);
int page_ivr_flows(struct req *r);
int page_ivr_flow_new(struct req *r);
int page_ivr_flow_create(struct req *r);
int page_ivr_flow_edit(struct req *r);
int page_ivr_flow_update(struct req *r);
int page_ivr_flow_delete(struct req *r);

/* ivr_prompts.c */
int page_ivr_prompts(struct req *r);
int page_ivr_prompt_create(struct req *r);
int page_ivr_prompt_edit(struct req *r);
int page_ivr_prompt_update(struct req *r);
int page_ivr_prompt_delete(struct req *r);
int page_ivr_prompt_audio(struct req *r);

/* ivr_schedules.c */
int page_ivr_schedules(struct req *r);
int page_ivr_schedule_new(struct req *r);
int page_ivr_schedule_create(struct req *r);
int page_ivr_schedule_edit(struct req *r);
int page_ivr_schedule_update(struct req *r);
int page_ivr_schedule_delete(struct req *r);
int page_ivr_holiday_create(struct req *r);
int page_ivr_holiday_delete(struct req *r);

/* ivr_blacklist.c */
int page_ivr_blacklist(struct req *r);
int page_ivr_block_create(struct req *r);
int page_ivr_block_edit(struct req *r);
int page_ivr_block_update(struct req *r);
int page_ivr_block_delete(struct req *r);

/* ivr_voicemail.c */
int page_ivr_voicemail(struct req *r);
int page_ivr_voicemail_create(struct req *r);
int page_ivr_voicemail_edit(struct req *r);
int page_ivr_voicemail_update(struct req *r);
int page_ivr_voicemail_delete(struct req *r);

/* queues.c */
int page_queues(struct req *r);
int page_queue_new(struct req *r);
int page_queue_create(struct req *r);
int page_queue_edit(struct req *r);
int page_queue_update(struct req *r);
int page_queue_delete(struct req *r);

#endif
