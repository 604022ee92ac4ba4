/* crm.h — the CRM program's pages and the helpers its areas share. */
#ifndef WL_CRM_H
#define WL_CRM_H

#include "kit.h"
#include "org.h"

/* Rows a list page shows at once. */
#define CRM_PER_PAGE 50

/* The acting user, for lib/. */
static inline struct org_actor crm_actor(const struct req *r)
{
	return (struct org_actor){ r->user.id, r->ip };
}

/* crm.c */
int page_crm_home(struct req *r);
/* Shows why a change failed.  For invalid, refused or conflicting changes, puts the
 * errors on the form (Form.Error.*, Page.Error), sets r->status (422, 409) and returns 0:
 * the caller then re-renders its form.  Otherwise returns the status to return (404, 500). */
int crm_org_errors(struct req *r, enum org_result res, const struct org_errors *e);
/* The translation of key with each "{name}" replaced by its value; the arguments are
 * name, value pairs ending with NULL.  Returns a malloc'd string. */
char *crm_tr_fill(const struct req *r, const char *key, ...) __attribute__((sentinel));
/* The integer in form field name, or def when it is empty; a field error when it is not a
 * number in [min, max]. */
long long crm_form_int(struct req *r, const char *name, long long def, long long min,
		       long long max);
/* Sets Can.edit, Can.import, Can.properties, Can.tickets for the templates' links. */
void crm_can_hdf(struct req *r);
/* The items of dictionary code (active ones, plus the codes in keep, a " a b " list) as
 * prefix.N.{code,label,checked} where checked marks the codes in keep.  Count or -1. */
int crm_dict_hdf(struct req *r, const char *prefix, const char *dict, const char *keep);
/* For each row prefix.N, splits its column src ("code\x1flabel\x1e...") into
 * prefix.N.<dst>.M.{code,label,class}; class is the badge colour of a service tag. */
void crm_split_tags(struct req *r, const char *prefix, const char *src, const char *dst);
/* The badge class for a service tag code (elderly living alone, disabled, ...). */
const char *crm_tag_class(const char *code);

/* Drops row prefix.<n> (the one fetched only to know that a next page exists). */
void crm_drop_row(struct req *r, const char *prefix, int n);

/* Paging: the page number asked for (?page=, from 1). */
long long crm_page(const struct req *r);
/* Sets Pager.Page, Pager.PrevHref and Pager.NextHref (url: the list's URL with its
 * filters). */
void crm_pager(struct req *r, const struct buf *url, long long page, int has_next);

/* properties.c — the property tree */
int page_properties(struct req *r);
int page_community_new(struct req *r);
int page_community_create(struct req *r);
int page_community(struct req *r);
int page_community_edit(struct req *r);
int page_community_update(struct req *r);
int page_community_delete(struct req *r);
int page_building_create(struct req *r);
int page_building(struct req *r);
int page_building_update(struct req *r);
int page_building_delete(struct req *r);
int page_unit_create(struct req *r);
int page_unit(struct req *r);
int page_unit_update(struct req *r);
int page_unit_delete(struct req *r);
int page_household_create(struct req *r);
int page_household(struct req *r);
int page_household_update(struct req *r);
int page_household_delete(struct req *r);
int page_properties_csv(struct req *r);
/* Starts a CSV download called <base>-<local date>.csv in r->body: UTF-8 with a BOM, so
 * spreadsheet software reads the Chinese right. */
void crm_csv_start(struct req *r, const char *base);
/* Appends one CSV record of n fields (escaped by csv_field). */
void crm_csv_row(struct buf *b, const char *const *fields, size_t n);

/* residents.c — list, search, detail, export */
int page_residents(struct req *r);
int page_resident(struct req *r);
int page_residents_csv(struct req *r);
/* Up to limit unmerged residents that the search box's q finds (a number, its last
 * digits or a name prefix) as list.N.{id,name,level_label,address,Phones,Tags,...}.
 * Returns the count (0 for an empty q) or -1. */
int crm_residents_find(struct req *r, const char *list, const char *q, int limit);

/* resident_form.c — create and edit */
int page_resident_new(struct req *r);
int page_resident_create(struct req *r);
int page_resident_edit(struct req *r);
int page_resident_update(struct req *r);

/* merge.c */
int page_resident_merge(struct req *r);
int page_resident_merge_do(struct req *r);

/* import.c */
int page_import(struct req *r);
int page_import_upload(struct req *r);
int page_import_result(struct req *r);
int page_import_template(struct req *r);

#endif
