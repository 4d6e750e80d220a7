// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target (make fuzz): the parsers and renderers of every view on
 * arbitrary bytes. The first byte chooses the view (bits 0-2), the format
 * (bits 3-4), the language (bit 5), explanations (bit 6) and colour
 * (bit 7); the rest is handed to the view's fuzz callback, which reads it
 * as its documents separated by NUL bytes. Output goes to /dev/null: only
 * crashes, sanitizer reports and leaks count.
 */
#include <stdlib.h>

#include "viz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static FILE *null;
	const struct viz_view *const *w;
	struct viz v = { .root = "/nonexistent" };
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
	return 0;
}
