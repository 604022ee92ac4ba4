/* report — KPI reports (/reports/...), their JSON (/api/v1/reports/...) and quality
 * inspection (/reports/qa/...).  The formulas: docs/KPI.md; the figures: lib/report.c.
 * report.view opens the reports; without report.all a user sees only their own figures
 * (reports.c forces the agent filter), and the work-order reports need report.all. */
#include "report_pages.h"

static const struct page pages[] = {
	{ "GET", "/reports", "report.view", page_index, 0 },
	{ "GET", "/reports/calls", "report.view", page_calls, 0 },
	{ "GET", "/reports/tickets", "report.all", page_tickets, 0 },
	{ "GET", "/reports/satisfaction", "report.all", page_satisfaction, 0 },
	{ "GET", "/reports/agents", "report.view", page_agents, 0 },
	{ "GET", "/reports/meals", "report.all", page_meals, 0 },
	{ "GET", "/reports/residents", "report.all", page_residents, 0 },
	{ "GET", "/reports/daily", "report.view", page_daily, 0 },
	{ "GET", "/reports/settings", "report.all", page_settings, 0 },
	{ "POST", "/reports/settings", "report.all", page_settings_save, 0 },
	{ "GET", "/reports/qa", "report.view", page_qa_list, 0 },
	{ "GET", "/reports/qa/#", "report.view", page_qa_one, 0 },
	{ "GET", "/reports/qa/cards", "qa.admin", page_qa_cards, 0 },
	{ "POST", "/reports/qa/cards", "qa.admin", page_qa_card_add, 0 },
	{ "POST", "/reports/qa/cards/#/items", "qa.admin", page_qa_item_add, 0 },
	{ "POST", "/reports/qa/cards/#/items/#/delete", "qa.admin", page_qa_item_delete, 0 },
	{ "GET", "/reports/qa/call/#", "qa.score", page_qa_form, 0 },
	{ "POST", "/reports/qa/call/#", "qa.score", page_qa_save, 0 },
	/* The same reports as JSON, with the same filters and the same permissions. */
	{ "GET", "/api/v1/reports/calls", "report.view", api_report, PAGE_API },
	{ "GET", "/api/v1/reports/tickets", "report.all", api_report, PAGE_API },
	{ "GET", "/api/v1/reports/satisfaction", "report.all", api_report, PAGE_API },
	{ "GET", "/api/v1/reports/agents", "report.view", api_report, PAGE_API },
	{ "GET", "/api/v1/reports/meals", "report.all", api_report, PAGE_API },
	{ "GET", "/api/v1/reports/residents", "report.all", api_report, PAGE_API },
	{ 0 }
};

static const struct program report = { "report", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &report);
}
