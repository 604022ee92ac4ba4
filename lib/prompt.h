/* prompt.h — audio prompts: any WAV (every rate, channel count and sample format), MP3,
 * FLAC or Ogg upload converted to what ivrd plays (8 kHz mono 16-bit PCM WAV) and stored
 * once under WL_VAR/prompts/ab/<sha256>.wav by the hash of the converted file. */
#ifndef WL_PROMPT_H
#define WL_PROMPT_H

#include <stddef.h>

#include "util.h"

#define PROMPT_RATE 8000
#define PROMPT_MAX_BYTES (20 * 1024 * 1024)
#define PROMPT_MAX_SECONDS 600

/* Decodes data (the type is recognised by its content, never by a name), mixes it down to
 * one channel, resamples it to 8 kHz and encodes 16-bit PCM WAV into out.  Writes the
 * length to *duration_ms and a description of the source ("WAV 44100 Hz 2 ch") to info.
 * Returns NULL, or a language key: "ivr.prompt.err_not_audio", "ivr.prompt.err_empty",
 * "ivr.prompt.err_too_long", "ivr.prompt.err_size", "err.server". */
const char *prompt_convert(struct buf *out, long long *duration_ms, char *info, size_t infolen,
			   const void *data, size_t len);

/* Stores a converted file by content; writes its hex SHA-256 (65 bytes).  NULL or
 * "err.server". */
const char *prompt_store(char *sha256, const void *wav, size_t len);

/* The stored file's path (malloc'd) for a hex SHA-256, or NULL when malformed. */
char *prompt_path(const char *sha256);

#endif
