/* desk — the agent desk: screen pop, work orders and the call log.  The rules behind every change live
 * in lib/ticket.c and lib/resident.c; these pages read, validate the shape of input and
 * show the results. */
#include "desk.h"

static const struct page pages[] = {
	{ "GET", "/pop", "ticket.create", page_pop, 0 },
	{ "POST", "/pop/resident", "crm.edit", page_pop_resident, 0 },

	{ "GET", "/tickets", "ticket.view", page_tickets, 0 },
	{ "GET", "/tickets/new", "ticket.create", page_ticket_new, 0 },
	{ "POST", "/tickets", "ticket.create", page_ticket_create, 0 },
	{ "GET", "/tickets/#", "ticket.view", page_ticket, 0 },
	{ "POST", "/tickets/#", "ticket.edit", page_ticket_update, 0 },
	/* Who may make which step is the core's decision (ticket_may): edit, visit. */
	{ "POST", "/tickets/#/transition", "ticket.view", page_ticket_transition, 0 },
	{ "POST", "/tickets/#/comments", "ticket.edit", page_ticket_comment, 0 },
	{ "POST", "/tickets/#/links", "ticket.edit", page_ticket_link, 0 },
	{ "POST", "/tickets/#/attachments", "ticket.edit", page_ticket_attach, 0 },
	{ "GET", "/tickets/#/attachments/#", "ticket.view", page_ticket_download, 0 },

	/* Whose calls: lib/call.c (call_may_view, call_may_listen). */
	{ "GET", "/calls", "call.view", page_calls, 0 },
	{ "GET", "/calls/#", "call.view", page_call, 0 },
	{ "GET", "/calls/#/recording", "call.view", page_call_recording, 0 },
	/* Whose voicemail: lib/call.c (voicemail_may_view: the department's, or all). */
	{ "GET", "/calls/voicemail", "call.view", page_voicemail, 0 },
	{ "GET", "/calls/voicemail/#/recording", "call.view", page_voicemail_recording, 0 },
	{ "POST", "/calls/voicemail/#/handled", "call.view", page_voicemail_handled, 0 },
	{ "GET", "/wallboard", "call.view_all", page_wallboard, 0 },
	{ "POST", "/wallboard/agents/#/pause", "call.supervise", page_wallboard_agent, 0 },
	{ "POST", "/wallboard/agents/#/logout", "call.supervise", page_wallboard_agent, 0 },
	{ "POST", "/wallboard/calls/#/listen", "call.supervise", page_wallboard_call, 0 },
	{ "POST", "/wallboard/calls/#/whisper", "call.supervise", page_wallboard_call, 0 },
	{ "POST", "/wallboard/calls/#/barge", "call.supervise", page_wallboard_call, 0 },
	{ "POST", "/wallboard/calls/#/hangup", "call.supervise", page_wallboard_call, 0 },
	/* Only the signed-in account's own state (agent.c). */
	{ "POST", "/agent/state", "call.view", page_agent_state, 0 },
	/* Only the call bridged to the signed-in account's own phone; dial from it (agent.c). */
	{ "POST", "/agent/call", "call.view", page_agent_call, 0 },
	{ "POST", "/agent/dial", "call.view", page_agent_dial, 0 },

	/* Messages to residents (messages.c; rules in lib/message.c): bulk drafts are their
	 * author's until sent. */
	{ "GET", "/messages", "message.view", page_messages, 0 },
	{ "GET", "/messages/new", "message.send", page_message_new, 0 },
	{ "POST", "/messages", "message.send", page_message_send, 0 },
	{ "GET", "/messages/bulk", "message.send", page_bulk_new, 0 },
	{ "POST", "/messages/bulk", "message.send", page_bulk_preview, 0 },
	{ "GET", "/messages/bulk/#", "message.view", page_bulk, 0 },
	{ "POST", "/messages/bulk/#/send", "message.send", page_bulk_send, 0 },
	/* Internal messages (inbox.c): every account, each message only for its sender and
	 * recipient. */
	{ "GET", "/inbox", NULL, page_inbox, 0 },
	{ "GET", "/inbox/sent", NULL, page_inbox_sent, 0 },
	{ "GET", "/inbox/new", NULL, page_inbox_new, 0 },
	{ "POST", "/inbox", NULL, page_inbox_send, 0 },
	{ "POST", "/inbox/read", NULL, page_inbox_read_all, 0 },
	{ "GET", "/inbox/#", NULL, page_inbox_one, 0 },

	{ "GET", "/tickets/types", "ticket.admin", page_types, 0 },
	{ "GET", "/tickets/types/new", "ticket.admin", page_type_new, 0 },
	{ "POST", "/tickets/types", "ticket.admin", page_type_create, 0 },
	{ "GET", "/tickets/types/#", "ticket.admin", page_type_edit, 0 },
	{ "POST", "/tickets/types/#", "ticket.admin", page_type_update, 0 },

	{ "GET", "/tickets/canned", "ticket.admin", page_canned, 0 },
	{ "GET", "/tickets/canned/new", "ticket.admin", page_canned_new, 0 },
	{ "POST", "/tickets/canned", "ticket.admin", page_canned_create, 0 },
	{ "GET", "/tickets/canned/#", "ticket.admin", page_canned_edit, 0 },
	{ "POST", "/tickets/canned/#", "ticket.admin", page_canned_update, 0 },
	{ "POST", "/tickets/canned/#/delete", "ticket.admin", page_canned_delete, 0 },
	{ 0 }
};

static const struct program desk = { "desk", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &desk);
}
