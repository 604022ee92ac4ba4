/* report.h — the report program's pages (reports.c: KPI reports, CSV, JSON; qa.c: quality
 * inspection) and what they share. */
#ifndef WL_REPORT_PAGES_H
#define WL_REPORT_PAGES_H

#include "kit.h"
#include "report.h"

int page_index(struct req *r);
int page_calls(struct req *r);
int page_tickets(struct req *r);
int page_satisfaction(struct req *r);
int page_agents(struct req *r);
int page_daily(struct req *r);
int page_meals(struct req *r);
int page_residents(struct req *r);
int page_settings(struct req *r);
int page_settings_save(struct req *r);
int api_report(struct req *r);

int page_qa_list(struct req *r);
int page_qa_one(struct req *r);
int page_qa_form(struct req *r);
int page_qa_save(struct req *r);
int page_qa_cards(struct req *r);
int page_qa_card_add(struct req *r);
int page_qa_item_add(struct req *r);
int page_qa_item_delete(struct req *r);

/* Copies a JSON value into the HDF tree under prefix (objects by key, arrays by index;
 * null left out).  Keys come from the code's own documents, never from users. */
void report_json_hdf(struct req *r, const char *prefix, json_t *v);

#endif
