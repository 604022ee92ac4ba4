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
/* Sets what every page's HDF needs before rendering: escaping, the template path. */
void render_hdf_init(HDF *hdf, const char *template_dir);
/* Renders a template file (relative to the template path) into out; 0 or -1. */
int render_file(HDF *hdf, const char *file, struct buf *out);
/* Fills Nav.* for the user. */
void render_nav(struct req *r);

#endif
