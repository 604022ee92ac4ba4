/* attach.c — attachments stored by content hash, typed by their content. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <magic.h>
#include <sodium.h>

#include "attach.h"
#include "config.h"
#include "log.h"
#include "util.h"

/* What a work order may carry: photos, short videos, PDFs. */
static const char *const allowed[] = {
	"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif",
	"video/mp4", "video/quicktime", "video/3gpp", "video/webm", "application/pdf", NULL
};

static magic_t cookie;

static const char *attach_sniff(const void *data, size_t len)
{
	if (!cookie) {
		cookie = magic_open(MAGIC_MIME_TYPE);
		if (!cookie || magic_load(cookie, NULL)) {
			log_err("attach: libmagic: %s", cookie ? magic_error(cookie) : "open failed");
			if (cookie)
				magic_close(cookie);
			cookie = NULL;
			return NULL;
		}
	}
	return magic_buffer(cookie, data, len);
}

char *attach_path(const char *sha256)
{
	char sub[80];

	if (!sha256 || strlen(sha256) != 64 || strspn(sha256, "0123456789abcdef") != 64)
		return NULL;
	snprintf(sub, sizeof(sub), "files/%.2s/%s", sha256, sha256);
	return config_path("WL_VAR", sub);
}

/* Writes data to path through a temporary file, so a reader never sees half a file. */
static int attach_write(const char *path, const void *data, size_t len)
{
	char *tmp = xasprintf("%s.%d.tmp", path, (int)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640), err = -1;
	const char *p = data;

	if (fd < 0)
		goto out;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto out;
		p += n;
		len -= n;
	}
	if (fsync(fd) == 0 && close(fd) == 0) {
		fd = -1;
		err = rename(tmp, path);
	}
out:
	if (err)
		log_err("attach: cannot store %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}

/* What the IVR attaches: its own recordings (a fault report by phone). */
static const char *const audio[] = { "audio/x-wav", "audio/wav", "audio/vnd.wave", NULL };

static const char *store(char *sha256, char *mime, const void *data, size_t len,
			 const char *const *types);

const char *attach_store(char *sha256, char *mime, const void *data, size_t len)
{
	return store(sha256, mime, data, len, allowed);
}

const char *attach_store_audio(char *sha256, char *mime, const void *data, size_t len)
{
	return store(sha256, mime, data, len, audio);
}

static const char *store(char *sha256, char *mime, const void *data, size_t len,
			 const char *const *types)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	const char *type;
	char *path, *dir;
	struct stat st;
	int ok = 0;

	if (!len)
		return "attach.err_empty";
	if (len > ATTACH_MAX_BYTES)
		return "attach.err_size";
	if (!(type = attach_sniff(data, len)))
		return "err.server";
	for (size_t i = 0; types[i] && !ok; i++)
		ok = !strcmp(type, types[i]);
	if (!ok)
		return "attach.err_type";
	snprintf(mime, 64, "%s", type);
	crypto_hash_sha256(hash, data, len);
	sodium_bin2hex(sha256, 65, hash, sizeof(hash));
	path = attach_path(sha256);
	if (!stat(path, &st) && (size_t)st.st_size == len) {
		free(path);	/* the same content is stored once */
		return NULL;
	}
	dir = xstrndup(path, strrchr(path, '/') - path);
	mkdir(dir, 0750);
	free(dir);
	ok = attach_write(path, data, len) == 0;
	free(path);
	return ok ? NULL : "err.server";
}
