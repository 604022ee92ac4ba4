/* api.h — the JSON API's endpoints. */
#ifndef WL_API_H
#define WL_API_H

#include "kit.h"

int api_openapi(struct req *r);
int api_me(struct req *r);
int api_departments(struct req *r);
int api_department(struct req *r);
int api_staff_list(struct req *r);
int api_staff_one(struct req *r);

#endif
