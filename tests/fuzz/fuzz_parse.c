/* fuzz_parse.c — libFuzzer harness for parse.c: the first input line is a Content-Type,
 * the rest a body fed to every parser; checks the output invariants of parse.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

/* Every name is UTF-8, every value NUL-terminated at len, text values UTF-8. */
static void fuzz_check(const struct params *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		const struct param *pa = &p->v[i];

		if (!pa->name || !pa->value || pa->value[pa->len] != '\0' ||
		    !utf8_valid(pa->name, strlen(pa->name)))
			__builtin_trap();
		if (!pa->filename && !utf8_valid(pa->value, pa->len))
			__builtin_trap();
		if (pa->filename && !utf8_valid(pa->filename, strlen(pa->filename)))
			__builtin_trap();
		if (params_find(p, pa->name) == NULL)
			__builtin_trap();
	}
	params_get(p, "a");
}

/* Runs one parser result through the checks and frees it. */
static void fuzz_done(struct params *p, int err)
{
	if (err < PARSE_OK || err > PARSE_NOMEM || !parse_strerror(err))
		__builtin_trap();
	fuzz_check(p);
	params_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct parse_limits small = { 4, 2, 64, 8 };
	const uint8_t *nl = memchr(data, '\n', size);
	size_t ctlen = nl ? (size_t)(nl - data) : 0;
	size_t blen = nl ? size - ctlen - 1 : size;
	const struct parse_limits *lim = size && (data[0] & 1) ? &small : &parse_default_limits;
	char *ct = strndup((const char *)data, ctlen);
	char *body = malloc(blen ? blen : 1);	/* exact size, so ASan sees overreads */
	char *str = malloc(blen + 1);
	struct params p;

	if (!ct || !body || !str)
		goto out;
	memcpy(body, nl ? (const char *)nl + 1 : (const char *)data, blen);
	memcpy(str, body, blen);
	str[blen] = '\0';
	params_init(&p);

	fuzz_done(&p, parse_urlencoded(&p, body, blen, lim));
	fuzz_done(&p, parse_cookies(&p, str, lim));
	fuzz_done(&p, parse_multipart(&p, ct, body, blen, lim));
	/* Also with a fixed boundary, so the fuzzer need not guess a Content-Type. */
	fuzz_done(&p, parse_multipart(&p, "multipart/form-data; boundary=XyZ", body, blen, lim));
	if (parse_path(str) == PARSE_OK && !utf8_valid(str, strlen(str)))
		__builtin_trap();
	utf8_valid(body, blen);
out:
	free(ct);
	free(body);
	free(str);
	return 0;
}
