/* staff.h — the staff program's pages. */
#ifndef WL_STAFF_H
#define WL_STAFF_H

#include "kit.h"

int page_home(struct req *r);
int page_login_form(struct req *r);
int page_login(struct req *r);
int page_logout(struct req *r);
int page_dashboard(struct req *r);
int page_account(struct req *r);
int page_account_password(struct req *r);
int page_account_lang(struct req *r);

#endif
