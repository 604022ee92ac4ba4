/* prompt.c — prompt conversion with libsndfile (decode, encode) and libsamplerate
 * (resample), from memory to memory, and the content-addressed prompt store. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <samplerate.h>
#include <sndfile.h>
#include <sodium.h>

#include "config.h"
#include "log.h"
#include "prompt.h"

#define CHUNK 4096

/* A memory file for libsndfile's virtual I/O: reads from data, or writes into out. */
struct vfile {
	const unsigned char *data;
	struct buf *out;
	sf_count_t len, pos;
};

static sf_count_t vf_len(void *user)
{
	return ((struct vfile *)user)->len;
}

static sf_count_t vf_seek(sf_count_t off, int whence, void *user)
{
	struct vfile *f = user;
	sf_count_t to = whence == SEEK_SET ? off : whence == SEEK_CUR ? f->pos + off : f->len + off;

	if (to < 0)
		return -1;
	f->pos = to;
	return to;
}

static sf_count_t vf_read(void *ptr, sf_count_t n, void *user)
{
	struct vfile *f = user;

	if (!f->data || f->pos >= f->len)
		return 0;
	if (n > f->len - f->pos)
		n = f->len - f->pos;
	memcpy(ptr, f->data + f->pos, (size_t)n);
	f->pos += n;
	return n;
}

static sf_count_t vf_write(const void *ptr, sf_count_t n, void *user)
{
	struct vfile *f = user;
	size_t end = (size_t)(f->pos + n);

	if (!f->out)
		return 0;
	if (end > f->out->len) {
		/* buf_add grows the buffer (and keeps it NUL-terminated); zero-fill a gap. */
		size_t grow = end - f->out->len;
		char *zeros = xcalloc(1, grow);

		buf_add(f->out, zeros, grow);
		free(zeros);
	}
	memcpy(f->out->data + f->pos, ptr, (size_t)n);
	f->pos += n;
	if (f->pos > f->len)
		f->len = f->pos;
	return n;
}

static sf_count_t vf_tell(void *user)
{
	return ((struct vfile *)user)->pos;
}

static SF_VIRTUAL_IO vio = { vf_len, vf_seek, vf_read, vf_write, vf_tell };

/* "WAV", "MP3", ... for the source description. */
static const char *format_name(int format)
{
	SF_FORMAT_INFO fi = { .format = format & SF_FORMAT_TYPEMASK };

	if (sf_command(NULL, SFC_GET_FORMAT_INFO, &fi, sizeof(fi)) == 0 && fi.extension)
		return fi.extension;
	return "audio";
}

/* Resamples and writes the frames of in to out; 0 or a language key. */
static const char *convert_stream(SNDFILE *in, const SF_INFO *ii, SNDFILE *out, sf_count_t *frames)
{
	float *raw = xmalloc(sizeof(float) * CHUNK * (size_t)ii->channels);
	double ratio = (double)PROMPT_RATE / ii->samplerate;
	size_t outcap = (size_t)(CHUNK * ratio) + 64;
	float *mono = xmalloc(sizeof(float) * CHUNK), *res = xmalloc(sizeof(float) * outcap);
	short *pcm = xmalloc(sizeof(short) * outcap);
	const char *err = NULL;
	int e = 0, eof = 0;
	SRC_STATE *src = src_new(SRC_SINC_MEDIUM_QUALITY, 1, &e);

	*frames = 0;
	if (!src) {
		log_err("prompt: src_new: %s", src_strerror(e));
		err = "err.server";
	}
	while (!err && !eof) {
		sf_count_t got = sf_readf_float(in, raw, CHUNK);
		SRC_DATA d = { .data_in = mono, .data_out = res, .output_frames = (long)outcap,
			       .src_ratio = ratio };
		long used = 0;

		eof = got < CHUNK;
		for (sf_count_t i = 0; i < got; i++) {
			float s = 0;

			for (int c = 0; c < ii->channels; c++)
				s += raw[i * ii->channels + c];
			mono[i] = s / (float)ii->channels;
		}
		/* Feed the chunk; at the end keep calling until the filter is drained. */
		do {
			d.data_in = mono + used;
			d.input_frames = (long)got - used;
			d.end_of_input = eof;
			if ((e = src_process(src, &d))) {
				log_err("prompt: src_process: %s", src_strerror(e));
				err = "err.server";
				break;
			}
			used += d.input_frames_used;
			if (!eof && !d.input_frames_used && !d.output_frames_gen)
				break;	/* cannot happen with room for the output; never spin */
			src_float_to_short_array(res, pcm, (int)d.output_frames_gen);
			if (d.output_frames_gen && sf_writef_short(out, pcm, d.output_frames_gen) !=
							   d.output_frames_gen) {
				err = "err.server";
				break;
			}
			*frames += d.output_frames_gen;
			if (*frames > (sf_count_t)PROMPT_MAX_SECONDS * PROMPT_RATE)
				err = "ivr.prompt.err_too_long";
		} while (!err && (used < got || (eof && d.output_frames_gen > 0)));
	}
	if (src)
		src_delete(src);
	free(raw);
	free(mono);
	free(res);
	free(pcm);
	return err;
}

const char *prompt_convert(struct buf *out, long long *duration_ms, char *info, size_t infolen,
			   const void *data, size_t len)
{
	struct vfile fin = { .data = data, .len = (sf_count_t)len };
	struct vfile fout = { .out = out };
	SF_INFO ii = { 0 }, oi = { .samplerate = PROMPT_RATE, .channels = 1,
				   .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16 };
	SNDFILE *in = NULL, *outf = NULL;
	const char *err = NULL;
	sf_count_t frames = 0;

	if (!len)
		return "ivr.prompt.err_empty";
	if (len > PROMPT_MAX_BYTES)
		return "ivr.prompt.err_size";
	in = sf_open_virtual(&vio, SFM_READ, &ii, &fin);
	if (!in || ii.channels < 1 || ii.channels > 64 || ii.samplerate < 1000 ||
	    ii.samplerate > 384000) {
		err = "ivr.prompt.err_not_audio";
		goto out;
	}
	if ((ii.frames > 0 && ii.frames / ii.samplerate > PROMPT_MAX_SECONDS)) {
		err = "ivr.prompt.err_too_long";
		goto out;
	}
	snprintf(info, infolen, "%s %d Hz %d ch", format_name(ii.format), ii.samplerate, ii.channels);
	for (char *c = info; *c && *c != ' '; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	buf_reset(out);
	outf = sf_open_virtual(&vio, SFM_WRITE, &oi, &fout);
	if (!outf) {
		log_err("prompt: cannot open the WAV encoder: %s", sf_strerror(NULL));
		err = "err.server";
		goto out;
	}
	err = convert_stream(in, &ii, outf, &frames);
	if (!err && !frames)
		err = "ivr.prompt.err_empty";
	*duration_ms = frames * 1000 / PROMPT_RATE;
out:
	if (outf)
		sf_close(outf);	/* writes the final header sizes */
	if (in)
		sf_close(in);
	if (err)
		buf_reset(out);
	return err;
}

char *prompt_path(const char *sha256)
{
	char sub[96];

	if (!sha256 || strlen(sha256) != 64 || strspn(sha256, "0123456789abcdef") != 64)
		return NULL;
	snprintf(sub, sizeof(sub), "prompts/%.2s/%s.wav", sha256, sha256);
	return config_path("WL_VAR", sub);
}

/* Writes data to path through a temporary file, so ivrd never reads half a prompt. */
static int prompt_write(const char *path, const void *data, size_t len)
{
	char *tmp = xasprintf("%s.%d.tmp", path, (int)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644), err = -1;
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
		len -= (size_t)n;
	}
	if (fsync(fd) == 0 && close(fd) == 0) {
		fd = -1;
		err = rename(tmp, path);
	}
out:
	if (err)
		log_err("prompt: cannot store %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}

const char *prompt_store(char *sha256, const void *wav, size_t len)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	char *path, *dir, *top;
	struct stat st;
	int err;

	crypto_hash_sha256(hash, wav, len);
	sodium_bin2hex(sha256, 65, hash, sizeof(hash));
	path = prompt_path(sha256);
	if (!path)
		return "err.server";
	if (!stat(path, &st) && (size_t)st.st_size == len) {
		free(path);	/* the same audio is stored once */
		return NULL;
	}
	dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
	top = xstrndup(dir, (size_t)(strrchr(dir, '/') - dir));
	mkdir(top, 0755);
	mkdir(dir, 0755);
	free(top);
	free(dir);
	err = prompt_write(path, wav, len);
	free(path);
	return err ? "err.server" : NULL;
}
