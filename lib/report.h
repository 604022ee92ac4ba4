/* report.h — the KPI reports of docs/KPI.md: summary tables rolled up from the calls and
 * work orders, and the reports read from them (completed days) plus the base tables (today).
 * Each report is one JSON document (jansson) that the report pages render, export as CSV
 * and serve under /api/v1/reports/. */
#ifndef WL_REPORT_H
#define WL_REPORT_H

#include <jansson.h>

struct report_filter {
	char from[11], to[11];		/* local days "YYYY-MM-DD", both inclusive */
	char queue[33];			/* "" any */
	char group[16];			/* the rows: see report_groups_* */
	long long department_id;	/* 0 any */
	long long agent_id;		/* calls: answering agent; work orders: assignee */
	long long community_id;
	long long type_id;
};

/* The groupings each report accepts, NULL-terminated; the first is the default. */
extern const char *const report_groups_calls[];
extern const char *const report_groups_tickets[];
extern const char *const report_groups_satisfaction[];

/* Thresholds (seconds): service level and short abandon. */
int report_setting(const char *code);
/* Sets a threshold (1..600) and empties the summaries.  0 or -1. */
int report_setting_set(const char *code, int value);

/* Brings the summaries up to date (docs/KPI.md): REPORT_ROLLUP_CHANGED (before each report)
 * recomputes the completed days with new calls or changed work orders and the days
 * completed since the last rollup; REPORT_ROLLUP_RECENT (wlctl, periodically) also the two
 * days before today (late ratings, calls across midnight); REPORT_ROLLUP_FULL rebuilds
 * everything.  Returns the number of days recomputed (1 for a full rebuild), or -1 on
 * error.  Skips (returns 0) when another process holds the rollup. */
enum { REPORT_ROLLUP_CHANGED, REPORT_ROLLUP_RECENT, REPORT_ROLLUP_FULL };
int report_rollup(int mode);

/* Today's local date into out (11 bytes); the local day days after day into out. */
void report_today(char *out);
int report_day_add(char *out, const char *day, int days);

/* The reports; NULL on a database error.  The documents carry "rows" (one object per group
 * with "key" and "label") and "total". */
json_t *report_calls(const struct report_filter *f);
json_t *report_tickets(const struct report_filter *f);
json_t *report_satisfaction(const struct report_filter *f);
json_t *report_agents(const struct report_filter *f);
/* Meal sales ranking (docs/KPI.md): portions and revenue (fen) per dish or set meal of the
 * orders for the period's days, cancelled ones left out; community_id: the household's. */
json_t *report_meals(const struct report_filter *f);
/* Work orders by the resident's category and level (docs/KPI.md); community_id: the
 * work order's. */
json_t *report_residents(const struct report_filter *f);

/* Tenths, rounded half up, of num/den (×100 for a percentage when pct); null when den is 0. */
json_t *report_ratio(long long num, long long den, int pct);

#endif
