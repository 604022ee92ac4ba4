/* pop.h — the screen pop's reads (来电弹屏): who has this number, and for one of them the
 * households, work orders and calls an agent needs while the phone rings.  The agent's
 * page and the API show the same thing from the same statements.
 *
 * MariaDB plans every execution of a statement again, and planning costs about as much
 * per table and per SELECT as reading the rows, so these read one table per SELECT where
 * they can (names come from names.h), join the property tree only for households, never
 * need a temporary table, and send the parts a screen shows together in one UNION ALL.
 *
 * Each function calls fn(arg, kind, st) for every row, kind saying what the row is; the
 * row's columns start at index 1 (column 0 is internal) and are read with db.h's
 * db_text/db_int or copied whole; they are valid only during the call.  Each returns 0,
 * or -1 on a database error (some rows may have been passed already). */
#ifndef WL_POP_H
#define WL_POP_H

struct stmt;
typedef void pop_row_fn(void *arg, const char *kind, const struct stmt *st);

/* Kind "resident": the residents (not merged away) with the number, at most POP_MAX, in
 * no particular order (show the latest edited first); with phone NULL or "", the one
 * resident id.  Columns: id, name, gender, level, category, preferred_channel, note,
 * version, updated_at. */
#define POP_MAX 20
int pop_residents(const char *phone, long long id, pop_row_fn *fn, void *arg);

/* The phones, tags and households of the same residents (same arguments), in no
 * particular order.  Columns: resident_id, then by kind
 *   "phone"      phone, phone_kind (mobile, landline), is_primary
 *   "tag"        code
 *   "household"  household_id, relation, community_id, community, building, unit, room,
 *                heating_status
 * named as listed; columns a kind does not use are NULL. */
int pop_details(const char *phone, long long id, pop_row_fn *fn, void *arg);
/* Column indexes of pop_details rows. */
enum { POP_D_RESIDENT = 1, POP_D_PHONE, POP_D_PHONE_KIND, POP_D_PRIMARY, POP_D_TAG,
       POP_D_HOUSEHOLD };

/* Work orders of resident id, newest first within each kind: "recent" (the latest
 * POP_RECENT_MAX), "open" (at most POP_OPEN_MAX still waiting for work), "scored" (the
 * latest with a satisfaction score, at most one).  A work order can come under several
 * kinds.  Columns: id, number, status, type_id, title, priority, emergency,
 * household_id, department_id, assignee_id, created_by_id, satisfaction, created_at,
 * closed_at, resolve_due_at, open and overdue (0 or 1). */
#define POP_OPEN_MAX 20
#define POP_RECENT_MAX 10
int pop_tickets(long long id, pop_row_fn *fn, void *arg);
enum { POP_T_ID = 1, POP_T_TYPE = 4, POP_T_DEPARTMENT = 9, POP_T_ASSIGNEE,
       POP_T_CREATED_BY };

/* Calls, newest first within each kind: "resident" (the latest POP_CALLS_MAX of resident
 * id), "number" (the latest POP_CALLS_MAX from phone, whoever it was; none when phone is
 * NULL or ""), "rated" (resident id's latest call with a rating, at most one).  The same
 * call can come under several kinds.  Columns: id, direction, caller, callee, queue,
 * started_at, answered_at, ended_at, disposition, rating, ticket_id, agent_id. */
#define POP_CALLS_MAX 10
int pop_calls(long long id, const char *phone, pop_row_fn *fn, void *arg);
enum { POP_C_ID = 1, POP_C_STARTED = 6, POP_C_AGENT = 12 };

#endif
