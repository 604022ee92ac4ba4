/* config.h — one instance's configuration: conf/warmline.conf, WL_CONF_EXTRA, environment. */
#ifndef WL_CONFIG_H
#define WL_CONFIG_H

/* Loads conf/warmline.conf under WL_ROOT (the environment's, else the current directory),
 * then the file named by WL_CONF_EXTRA, then WL_* environment variables.  Returns 0 or an
 * errno value; a missing base file is an error, everything else has a default. */
int config_load(void);
void config_free(void);

/* The value of key, or def when unset. */
const char *config_get(const char *key, const char *def);
/* The value of key as an integer, or def when unset or not a number. */
long config_int(const char *key, long def);
/* key's value as an absolute path (relative values are taken from WL_ROOT; the key
 * "WL_ROOT" itself is the root), with "/sub" appended when sub is not NULL.  Returns a
 * malloc'd string the caller frees, or NULL when the key is unset. */
char *config_path(const char *key, const char *sub);

#endif
