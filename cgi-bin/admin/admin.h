/* admin.h — the admin program's pages and the helpers its areas share. */
#ifndef WL_ADMIN_H
#define WL_ADMIN_H

#include "kit.h"
#include "org.h"

/* Rows a list page shows at once. */
#define ADMIN_PER_PAGE 50

/* admin.c */
int page_admin_home(struct req *r);

/* The acting user, for lib/org.c. */
static inline struct org_actor admin_actor(const struct req *r)
{
	return (struct org_actor){ r->user.id, r->ip };
}

/* Shows why a change failed.  For invalid or refused changes, puts the errors on the form
 * (Form.Error.*, Page.Error), sets r->status (422 or 409) and returns 0: the caller then
 * re-renders its form.  Otherwise returns the failure status (404, 500) to return. */
int admin_org_errors(struct req *r, enum org_result res, const struct org_errors *e);
/* Parses v as an integer in [min, max] into *out (def when v is empty); 0 or -1. */
int admin_parse_int(long long *out, const char *v, long long def, long long min, long long max);
/* The integer in form field name, or def when it is empty; a field error when it is not a
 * number in [min, max]. */
long long admin_form_int(struct req *r, const char *name, long long def, long long min,
			 long long max);
/* The words as one malloc'd " a b c " string (for strstr(list, " b ")). */
char *admin_words(const char *const *v, size_t n);
/* The first column of a query's rows as a malloc'd " a b c " string, or NULL on error. */
char *admin_query_words(const char *sql, const char *types, ...);
/* 1 when word is in a " a b c " list. */
int admin_has_word(const char *list, const char *word);
/* The translation of key, or fallback when the language file has none. */
const char *admin_tr_or(const struct req *r, const char *key, const char *fallback);
/* For each row prefix.N, sets prefix.N.<dst> to the translation of "<key_prefix>.<value of
 * src>", or to the value itself when there is none. */
void admin_tr_rows(struct req *r, const char *prefix, const char *src, const char *key_prefix,
		   const char *dst);

/* For each row prefix.N with columns code, name and builtin, sets prefix.N.label: for
 * built-in rows the translation of "<key_prefix>.<code>" (the name when there is none),
 * for the others the stored name. */
void admin_label_rows(struct req *r, const char *prefix, const char *key_prefix);

/* Paging: the page number asked for (?page=, from 1). */
long long admin_page(const struct req *r);
/* Sets Pager.Page, Pager.PrevHref and Pager.NextHref (url: the list's URL with its
 * filters) and, when total >= 0, Pager.Total and Pager.Pages. */
void admin_pager(struct req *r, const struct buf *url, long long page, int has_next,
		 long long total);

/* notify.c */
int page_notify_rules(struct req *r);
int page_notify_rule_create(struct req *r);
int page_notify_rule_edit(struct req *r);
int page_notify_rule_update(struct req *r);
int page_notify_rule_delete(struct req *r);

/* departments.c */
int page_departments(struct req *r);
int page_department_new(struct req *r);
int page_department_create(struct req *r);
int page_department_edit(struct req *r);
int page_department_update(struct req *r);
int page_department_delete(struct req *r);
/* Every department in tree order as prefix.N.{id,parent_id,name,code,sort,staff_count,
 * level,indent}, leaving out the subtree of skip (0: none).  Returns the count or -1. */
int admin_departments_tree(struct req *r, const char *prefix, long long skip);

/* roles.c */
int page_roles(struct req *r);
int page_role_new(struct req *r);
int page_role_create(struct req *r);
int page_role_edit(struct req *r);
int page_role_update(struct req *r);
int page_role_delete(struct req *r);
/* Every role as prefix.N.{id,code,label,builtin,checked}; checked is a " 1 2 " list of the
 * ids to tick (NULL: none).  Returns the count or -1. */
int admin_roles_hdf(struct req *r, const char *prefix, const char *checked);

/* staff.c */
int page_staff_list(struct req *r);
int page_staff_new(struct req *r);
int page_staff_create(struct req *r);
int page_staff_edit(struct req *r);
int page_staff_update(struct req *r);
int page_staff_password(struct req *r);

/* dictionaries.c */
int page_dictionaries(struct req *r);
int page_dictionary_create(struct req *r);
int page_dictionary(struct req *r);
int page_dictionary_delete(struct req *r);
int page_dict_item_create(struct req *r);
int page_dict_item_update(struct req *r);
int page_dict_item_delete(struct req *r);

/* audit.c */
int page_audit(struct req *r);

/* apikeys.c */
int page_apikeys(struct req *r);
int page_apikey_create(struct req *r);
int page_apikey_revoke(struct req *r);

#endif
