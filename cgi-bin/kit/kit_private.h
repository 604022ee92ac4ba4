/* kit_private.h — what the kit's own files share and programs need not see. */
#ifndef WL_KIT_PRIVATE_H
#define WL_KIT_PRIVATE_H

#include "kit.h"

/* pool.c */
int pool_run(const struct program *prog, const char *sock, int nworkers, const char *pidfile);

/* kit.c: serves requests on fd until SIGTERM; returns 0 on an orderly stop. */
int kit_worker(int fd, const struct program *prog);

/* render.c */
int render_init(void);
void render_close(void);
HDF *render_lang(const char *lang);
void render_request_init(struct req *r);
/* Writes the response for r (page, error page, JSON or raw) to the FastCGI stream. */
void render_response(struct req *r, int head_only);
/* Fills Nav.* for the user. */
void render_nav(struct req *r);

#endif
