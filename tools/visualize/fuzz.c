// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target (make fuzz): the parsers and renderers of every view on
 * arbitrary bytes. The first byte chooses the view (bits 0-2), the format
 * (bits 3-4), the language (bit 5), explanations (bit 6) and colour
 * (bit 7); the rest is handed to the view's fuzz callback, which reads it
 * as its documents separated by NUL bytes. The same bytes then go to
 * libosedu's parsers directly: the document reader, the key: value
 * lookups, the table splitter and the sched trace parser, line by line
 * and as a whole, and the vectors parsers on the document. Output goes
 * to /dev/null: only crashes, sanitizer reports and leaks count.
 */
#include <stdlib.h>
#include <string.h>

#include "viz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static void fuzz_lib(const uint8_t *data, size_t len)
{
	static const char *const keys[] = { "pid", "format", "state", "" };
	struct osedu_trace t = { 0 };
	struct osedu_cols c;
	struct osedu_doc d;
	struct osedu_ev e;
	char *text = malloc(len + 1), *p, *end, why[256], out[64];
	size_t i, n;

	if (!text)
		return;
	memcpy(text, data, len);
	text[len] = '\0';
	/* Line by line, bounded by length (a line may hold NUL bytes). */
	for (p = text, end = text + len; p < end; p += n + 1) {
		char *nl = memchr(p, '\n', end - p);

		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		osedu_ev_parse(p, n, &e);
	}
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		osedu_kv(text, keys[i], out, sizeof(out));
		osedu_kv_ull(text, keys[i]);
	}
	if (osedu_split(&c, text) >= 0)
		osedu_cols_free(&c);
	osedu_is_header(text, "sched-trace");
	osedu_trace_add(&t, text, len, NULL);
	osedu_trace_sort(&t);
	osedu_trace_free(&t);
	/* The reader takes the buffer (and may cut it into lines). */
	memcpy(text, data, len);
	if (!osedu_doc_parse(&d, text, len, why, sizeof(why))) {
		struct osedu_vectors vt;
		struct osedu_vec_counts vc;
		struct osedu_vec_svc vs;

		for (i = 0; i < ARRAY_SIZE(keys); i++)
			osedu_doc_get(&d, keys[i]);
		/* Each refuses a document of another view, frees on error. */
		if (!osedu_vectors_parse(&vt, &d, why, sizeof(why)))
			osedu_vectors_free(&vt);
		if (!osedu_vec_counts_parse(&vc, &d, why, sizeof(why)))
			osedu_vec_counts_free(&vc);
		if (!osedu_vec_svc_parse(&vs, &d, why, sizeof(why)))
			osedu_vec_svc_free(&vs);
	}
	osedu_doc_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static FILE *null;
	const struct viz_view *const *w;
	struct viz v = { .root = "/nonexistent", .id_prefix = "" };
	size_t nviews = 0;
	uint8_t sel;

	if (!len)
		return 0;
	viz_quiet = true;
	if (!null)
		null = fopen("/dev/null", "w");
	if (!null)
		abort();
	for (w = viz_views; *w; w++)
		nviews++;
	if (!nviews)
		return 0;
	sel = data[0];
	w = &viz_views[(sel & 7) % nviews];
	v.format = (enum viz_format)(((sel >> 3) & 3) % 3);
	v.lang = sel & 0x20 ? VIZ_KO : VIZ_EN;
	v.explain = !(sel & 0x40);
	v.color = sel & 0x80;
	v.out = null;
	if ((*w)->fuzz)
		(*w)->fuzz(&v, data + 1, len - 1);
	fuzz_lib(data + 1, len - 1);
	return 0;
}
