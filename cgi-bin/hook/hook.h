/* hook.h — the hook program's pages beside main.c's Kannel ones. */
#ifndef WL_HOOK_H
#define WL_HOOK_H

#include "kit.h"

/* wechat.c: the WeChat official account's callback. */
int hook_wechat_check(struct req *r);
int hook_wechat_message(struct req *r);

#endif
