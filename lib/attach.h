/* attach.h — files attached to work orders: type detected from the content (libmagic),
 * stored once under WL_VAR/files/ab/<sha256> by SHA-256. */
#ifndef WL_ATTACH_H
#define WL_ATTACH_H

#include <stddef.h>

#define ATTACH_MAX_BYTES (20 * 1024 * 1024)

/* Detects the content's MIME type and refuses what is not an image (JPEG, PNG, GIF, WebP,
 * HEIC), a video (MP4, QuickTime, 3GP, WebM) or a PDF, whatever its name says; stores it.
 * Writes the hex SHA-256 (65 bytes) and the MIME type (64 bytes).  Returns NULL, or a
 * language key: "attach.err_type", "attach.err_size", "attach.err_empty", "err.server". */
const char *attach_store(char *sha256, char *mime, const void *data, size_t len);
/* The same for WAV audio only (the IVR's recordings attached to work orders). */
const char *attach_store_audio(char *sha256, char *mime, const void *data, size_t len);
/* The stored file's path (malloc'd) for a hex SHA-256, or NULL when malformed. */
char *attach_path(const char *sha256);

#endif
