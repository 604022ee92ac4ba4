/* config.c — KEY=VALUE configuration with file layering and environment overrides. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "util.h"

struct entry {
	char *key;
	char *value;
};

static struct entry *entries;
static size_t nentries;
static char *root;

static struct entry *entry_find(const char *key)
{
	for (size_t i = 0; i < nentries; i++)
		if (!strcmp(entries[i].key, key))
			return &entries[i];
	return NULL;
}

static int entry_set(const char *key, const char *value)
{
	struct entry *e = entry_find(key);

	if (!e) {
		struct entry *n = realloc(entries, (nentries + 1) * sizeof(*n));
		if (!n)
			return ENOMEM;
		entries = n;
		e = &entries[nentries++];
		memset(e, 0, sizeof(*e));
		e->key = xstrdup(key);
	}
	free(e->value);
	e->value = xstrdup(value);
	return 0;
}

static int config_read_file(const char *path)
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f)
		return errno;
	while (fgets(line, sizeof(line), f)) {
		char *eq, *end;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || !(eq = strchr(line, '=')))
			continue;
		*eq = '\0';
		for (end = eq + 1 + strlen(eq + 1); end > eq + 1 && end[-1] == ' '; end--)
			end[-1] = '\0';
		entry_set(line, eq + 1);
	}
	fclose(f);
	return 0;
}

int config_load(void)
{
	extern char **environ;
	const char *extra;
	char *path;
	int err;

	config_free();
	root = getenv("WL_ROOT") ? xstrdup(getenv("WL_ROOT")) : getcwd(NULL, 0);
	if (!root)
		return errno;
	path = xasprintf("%s/conf/warmline.conf", root);
	err = config_read_file(path);
	free(path);
	if (err)
		return err;
	extra = getenv("WL_CONF_EXTRA");
	if (extra && *extra) {
		path = extra[0] == '/' ? xstrdup(extra) : xasprintf("%s/%s", root, extra);
		err = config_read_file(path);
		free(path);
		if (err)
			return err;
	}
	for (char **e = environ; *e; e++) {
		const char *eq = strchr(*e, '=');
		if (strncmp(*e, "WL_", 3) || !eq)
			continue;
		char *key = xstrndup(*e, eq - *e);
		entry_set(key, eq + 1);
		free(key);
	}
	return 0;
}

void config_free(void)
{
	for (size_t i = 0; i < nentries; i++) {
		free(entries[i].key);
		free(entries[i].value);
	}
	free(entries);
	entries = NULL;
	nentries = 0;
	free(root);
	root = NULL;
}

const char *config_get(const char *key, const char *def)
{
	const struct entry *e = entry_find(key);

	return e ? e->value : def;
}

long config_int(const char *key, long def)
{
	const char *v = config_get(key, NULL);
	char *end;
	long n;

	if (!v || !*v)
		return def;
	n = strtol(v, &end, 10);
	return *end ? def : n;
}

char *config_path(const char *key, const char *sub)
{
	const char *v = strcmp(key, "WL_ROOT") ? config_get(key, NULL) : root;

	if (!v)
		return NULL;
	return xasprintf("%s%s%s%s%s", v[0] == '/' ? "" : root, v[0] == '/' ? "" : "/", v,
			 sub ? "/" : "", sub ? sub : "");
}
