/* api — the JSON API (/api/v1/...), authenticated by API keys (Bearer) or a session.
 * Every endpoint here is described in openapi.json beside this file. */
#include "api.h"

static const struct page pages[] = {
	{ "GET", "/api/v1/openapi.json", NULL, api_openapi, PAGE_API | PAGE_PUBLIC },
	{ "GET", "/api/v1/me", NULL, api_me, PAGE_API },
	{ "GET", "/api/v1/departments", "api.read", api_departments, PAGE_API },
	{ "GET", "/api/v1/departments/#", "api.read", api_department, PAGE_API },
	{ "GET", "/api/v1/staff", "api.read", api_staff_list, PAGE_API },
	{ "GET", "/api/v1/staff/#", "api.read", api_staff_one, PAGE_API },
	{ "GET", "/api/v1/residents", "crm.view", api_residents_list, PAGE_API },
	{ "POST", "/api/v1/residents", "crm.edit", api_resident_create, PAGE_API },
	{ "GET", "/api/v1/residents/#", "crm.view", api_resident_one, PAGE_API },
	{ "PATCH", "/api/v1/residents/#", "crm.edit", api_resident_patch, PAGE_API },
	/* ticket.create or crm.view */
	{ "GET", "/api/v1/pop", NULL, api_pop, PAGE_API },
	/* The work-order endpoints check ticket.view, or tech.mobile limited to the
	 * technician's own and team's work orders (ticket_may_view). */
	{ "GET", "/api/v1/tickets", NULL, api_tickets_list, PAGE_API },
	{ "POST", "/api/v1/tickets", "ticket.create", api_ticket_create, PAGE_API },
	{ "GET", "/api/v1/tickets/#", NULL, api_ticket_one, PAGE_API },
	{ "POST", "/api/v1/tickets/#/transitions", NULL, api_ticket_transition, PAGE_API },
	{ "GET", "/api/v1/tickets/#/events", NULL, api_ticket_events, PAGE_API },
	{ "POST", "/api/v1/tickets/#/comments", NULL, api_ticket_comment, PAGE_API },
	{ "POST", "/api/v1/tickets/#/attachments", NULL, api_ticket_attachment_add, PAGE_API },
	{ "GET", "/api/v1/tickets/#/attachments/#", NULL, api_ticket_attachment_get, PAGE_API },
	/* Whose calls: lib/call.c (call_may_view, call_may_listen). */
	{ "GET", "/api/v1/calls", "call.view", api_calls_list, PAGE_API },
	{ "GET", "/api/v1/calls/#", "call.view", api_call_one, PAGE_API },
	{ "GET", "/api/v1/calls/#/recording", "call.view", api_call_recording, PAGE_API },
	{ "GET", "/api/v1/agents", "call.view_all", api_agents, PAGE_API },
	{ "GET", "/api/v1/me/offers", "call.view", api_me_offers, PAGE_API },
	/* messages.c: messages to residents (lib/message.c). */
	{ "GET", "/api/v1/messages", "message.view", api_messages_list, PAGE_API },
	{ "POST", "/api/v1/messages", "message.send", api_message_create, PAGE_API },
	/* meal.c: a staff key with meal.order, or a resident's portal session (checked there). */
	{ "GET", "/api/v1/meal/menu", NULL, api_meal_menu, PAGE_API | PAGE_PUBLIC | PAGE_NOCSRF },
	{ "POST", "/api/v1/meal/orders", NULL, api_meal_order_create,
	  PAGE_API | PAGE_PUBLIC | PAGE_NOCSRF },
	{ "GET", "/api/v1/meal/orders/#", NULL, api_meal_order_one,
	  PAGE_API | PAGE_PUBLIC | PAGE_NOCSRF },
	{ "POST", "/api/v1/meal/orders/#/cancel", NULL, api_meal_order_cancel,
	  PAGE_API | PAGE_PUBLIC | PAGE_NOCSRF },
	{ 0 }
};

static const struct program api = { "api", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &api);
}
