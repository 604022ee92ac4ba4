/* tech — the technicians' mobile pages: my work orders, one work order, its actions and
 * photos.  Every page checks ticket_may_view: another team's work order is a 404. */
#include "tech.h"

static const struct page pages[] = {
	{ "GET", "/m", "tech.mobile", page_tech_list, 0 },
	{ "GET", "/m/tickets/#", "tech.mobile", page_tech_ticket, 0 },
	{ "POST", "/m/tickets/#/action", "tech.mobile", page_tech_action, 0 },
	{ "GET", "/m/tickets/#/attachments/#", "tech.mobile", page_tech_attachment, 0 },
	{ 0 }
};

static const struct program tech = { "tech", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &tech);
}
