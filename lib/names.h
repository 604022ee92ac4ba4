/* names.h — display names from the small reference tables (staff, departments, work-order
 * types, dictionary items), cached per process.
 *
 * Lists and the screen pop read ids from the big tables and take the names from here
 * instead of joining five small tables in every statement (MariaDB plans every execution
 * of a prepared statement again, and each joined table costs as much as a row lookup).
 * The cache follows app_meta.auth_version, which triggers bump on any change to these
 * tables and which every session or API-key lookup reads (auth.c calls names_version):
 * a renamed technician shows under the new name from the next request on. */
#ifndef WL_NAMES_H
#define WL_NAMES_H

/* Sets the current version; the caches reload lazily when it differs from theirs.
 * names_current() returns it, for other caches that follow the same tables. */
void names_version(long long version);
long long names_current(void);

/* The name of staff account, department or work-order type id, or NULL when unknown
 * (or id is 0). */
const char *names_staff(long long id);
const char *names_department(long long id);
const char *names_type(long long id);

/* The label of item code in dictionary dict (e.g. "customer_tag", "elderly_alone") and its
 * sort key; NULL (sort 0) when the dictionary has no such item. */
const char *names_label(const char *dict, const char *code, int *sort);

/* The items of dictionary dict in their order (sort, then code): up to max codes and
 * labels (valid until the next names_ call).  Returns how many. */
int names_items(const char *dict, const char **codes, const char **texts, int max);

/* Frees the caches (for leak checkers at exit). */
void names_free(void);

#endif
