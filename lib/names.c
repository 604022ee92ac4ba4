/* names.c — cached display names of the reference tables (names.h).  Each table is read
 * whole, in one statement, the first time a name is wanted after the version moved; the
 * tables are small (hundreds of accounts, tens of types and departments). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "names.h"

struct name {
	char *key;		/* the id as text, or "dict\037code" */
	char *value;
	int sort;
};

struct name_table {
	const char *sql;	/* key, value, sort */
	long long version;	/* of the rows held; 0: never loaded */
	struct name *rows;
	size_t n;
};

static long long current = 1;

static struct name_table staff = {
	"SELECT id, name, 0 FROM staff", 0, NULL, 0 };
static struct name_table departments = {
	"SELECT id, name, sort FROM department", 0, NULL, 0 };
static struct name_table types = {
	"SELECT id, name, sort FROM ticket_type", 0, NULL, 0 };
static struct name_table labels = {
	"SELECT CONCAT(d.code, CHAR(31), i.code), i.label, i.sort FROM dictionary_item i"
	" JOIN dictionary d ON d.id = i.dictionary_id", 0, NULL, 0 };

void names_version(long long version)
{
	current = version;
}

long long names_current(void)
{
	return current;
}

static void table_clear(struct name_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->rows[i].key);
		free(t->rows[i].value);
	}
	free(t->rows);
	t->rows = NULL;
	t->n = 0;
	t->version = 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct name *)a)->key, ((const struct name *)b)->key);
}

/* Reads t afresh.  On failure t is left empty (names show as unknown) and retried on
 * the next lookup. */
static void table_load(struct name_table *t)
{
	struct stmt *st = db_query(t->sql, "");
	size_t cap = 0;

	table_clear(t);
	if (!st)
		return;
	while (db_next(st) == 1) {
		const char *k = db_text(st, 0), *v = db_text(st, 1);

		if (!k || !v)
			continue;
		if (t->n == cap) {
			struct name *more = realloc(t->rows, (cap = cap ? 2 * cap : 64) * sizeof(*more));
			if (!more)
				break;
			t->rows = more;
		}
		t->rows[t->n].key = strdup(k);
		t->rows[t->n].value = strdup(v);
		t->rows[t->n].sort = (int)db_int(st, 2);
		if (!t->rows[t->n].key || !t->rows[t->n].value) {
			free(t->rows[t->n].key);
			free(t->rows[t->n].value);
			break;
		}
		t->n++;
	}
	db_done(st);
	qsort(t->rows, t->n, sizeof(*t->rows), cmp_name);
	t->version = current;
}

static const struct name *table_find(struct name_table *t, const char *key)
{
	struct name probe = { (char *)key, NULL, 0 };

	if (t->version != current)
		table_load(t);
	return t->n ? bsearch(&probe, t->rows, t->n, sizeof(*t->rows), cmp_name) : NULL;
}

static const char *by_id(struct name_table *t, long long id)
{
	char key[24];
	const struct name *n;

	if (id <= 0)
		return NULL;
	snprintf(key, sizeof(key), "%lld", id);
	n = table_find(t, key);
	return n ? n->value : NULL;
}

const char *names_staff(long long id)
{
	return by_id(&staff, id);
}

const char *names_department(long long id)
{
	return by_id(&departments, id);
}

const char *names_type(long long id)
{
	return by_id(&types, id);
}

const char *names_label(const char *dict, const char *code, int *sort)
{
	char key[160];
	const struct name *n;

	snprintf(key, sizeof(key), "%s\037%s", dict, code ? code : "");
	n = table_find(&labels, key);
	if (sort)
		*sort = n ? n->sort : 0;
	return n ? n->value : NULL;
}

static int cmp_sort(const void *a, const void *b)
{
	const struct name *x = *(const struct name *const *)a, *y = *(const struct name *const *)b;

	return x->sort != y->sort ? (x->sort > y->sort) - (x->sort < y->sort) :
				    strcmp(x->key, y->key);
}

int names_items(const char *dict, const char **codes, const char **texts, int max)
{
	char prefix[80];
	const struct name *found[64];
	size_t plen;
	int n = 0;

	snprintf(prefix, sizeof(prefix), "%s\037", dict);
	plen = strlen(prefix);
	if (labels.version != current)
		table_load(&labels);
	for (size_t i = 0; i < labels.n && n < max && n < 64; i++)
		if (!strncmp(labels.rows[i].key, prefix, plen))
			found[n++] = &labels.rows[i];
	qsort(found, (size_t)n, sizeof(found[0]), cmp_sort);
	for (int i = 0; i < n; i++) {
		codes[i] = found[i]->key + plen;
		texts[i] = found[i]->value;
	}
	return n;
}

void names_free(void)
{
	table_clear(&staff);
	table_clear(&departments);
	table_clear(&types);
	table_clear(&labels);
}
