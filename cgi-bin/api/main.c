/* api — the JSON API (/api/v1/...), authenticated by API keys (Bearer) or a session.
 * Every endpoint here is described in openapi.json beside this file. */
#include "api.h"

static const struct page pages[] = {
	{ "GET", "/api/v1/openapi.json", NULL, api_openapi, PAGE_API | PAGE_PUBLIC },
	{ "GET", "/api/v1/me", NULL, api_me, PAGE_API },
	{ "GET", "/api/v1/departments", "api.read", api_departments, PAGE_API },
	{ "GET", "/api/v1/departments/#", "api.read", api_department, PAGE_API },
	{ "GET", "/api/v1/staff", "api.read", api_staff_list, PAGE_API },
	{ "GET", "/api/v1/staff/#", "api.read", api_staff_one, PAGE_API },
	{ 0 }
};

static const struct program api = { "api", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &api);
}
