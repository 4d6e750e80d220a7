// SPDX-License-Identifier: GPL-2.0
/* The markup writer (markup.h). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "markup.h"

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

/*
 * The UTF-8 sequence at S (N bytes left): its length if it is well-formed
 * and XML allows it (RFC 3629; no surrogates, nothing past U+10FFFF, not
 * U+FFFE or U+FFFF), else 0 with *BAD the bytes of its maximal ill-formed
 * part, which one U+FFFD replaces (a comm cut inside a syllable shows one).
 */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	*bad = 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	for (i = 1; i < len && i < n; i++) {
		if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xbf))
			break;
	}
	*bad = i;
	if (i < len)
		return 0;
	if (s[0] == 0xef && s[1] == 0xbf && (s[2] == 0xbe || s[2] == 0xbf)) {
		*bad = 3;
		return 0;
	}
	return len;
}

void mk_textn(FILE *f, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len, bad;

	while (i < n) {
		unsigned char c = u[i];

		if (c >= 0x80) {
			len = utf8_seq(u + i, n - i, &bad);
			if (len)
				fwrite(u + i, 1, len, f);
			else
				fputs(REPLACEMENT, f);
			i += len ? len : bad;
			continue;
		}
		switch (c) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			/* XML 1.0 forbids most control characters. */
			fputc(c < 0x20 && c != '\n' && c != '\t' ? '?' : c, f);
		}
		i++;
	}
}

char *mk_clean(char *dst, size_t n, const char *src)
{
	const unsigned char *u = (const unsigned char *)src;
	size_t i = 0, o = 0, len = strlen(src), k, bad = 1, w;

	if (!n)
		return dst;
	while (i < len) {
		const char *put = (const char *)u + i;

		k = 1;
		if (u[i] >= 0x80) {
			k = utf8_seq(u + i, len - i, &bad);
			if (!k)
				put = REPLACEMENT;
		} else if (u[i] < 0x20 || u[i] == 0x7f) {
			put = "?";
		}
		w = k ? k : 3;	/* bytes written */
		if (o + w >= n)
			break;
		memcpy(dst + o, put, w);
		o += w;
		i += k ? k : bad;
	}
	dst[o] = '\0';
	return dst;
}

void mk_text(FILE *f, const char *s)
{
	if (!s)
		s = "(null)";	/* as printf's %s would, never a crash */
	mk_textn(f, s, strlen(s));
}

/* One conversion of SPEC (NUL-terminated, "%" up to its letter). */
static void one(FILE *f, const char *spec, char conv, int lng, va_list *ap)
{
	char buf[128];

	switch (conv) {
	case 's':
		mk_text(f, va_arg(*ap, const char *));
		return;
	case 'c':
		buf[0] = (char)va_arg(*ap, int);
		mk_textn(f, buf, 1);
		return;
	case 'f':
	case 'g':
		snprintf(buf, sizeof(buf), spec, va_arg(*ap, double));
		break;
	default:	/* d i u x */
		if (lng == 'z')
			snprintf(buf, sizeof(buf), spec, va_arg(*ap, size_t));
		else if (lng == 2)
			snprintf(buf, sizeof(buf), spec,
				 va_arg(*ap, long long));
		else if (lng == 1)
			snprintf(buf, sizeof(buf), spec, va_arg(*ap, long));
		else
			snprintf(buf, sizeof(buf), spec, va_arg(*ap, int));
	}
	mk_text(f, buf);
}

void mk_printf(FILE *f, const char *fmt, ...)
{
	const char *p = fmt, *q;
	char spec[32];
	va_list ap;
	int lng;

	va_start(ap, fmt);
	while (*p) {
		q = strchr(p, '%');
		if (!q) {
			fputs(p, f);
			break;
		}
		fwrite(p, 1, q - p, f);
		if (q[1] == '%') {
			fputc('%', f);
			p = q + 2;
			continue;
		}
		/* Flags, width, precision: digits, '.', '-', '+', ' ', '#'. */
		for (p = q + 1; *p && strchr("0123456789.-+ #", *p); p++)
			;
		for (lng = 0; *p == 'l' || *p == 'z'; p++)
			lng = *p == 'z' ? 'z' : lng + 1;
		if (!*p || (size_t)(p - q + 2) > sizeof(spec))
			break;	/* the compiler checked the format */
		memcpy(spec, q, p - q + 1);
		spec[p - q + 1] = '\0';
		one(f, spec, *p, lng, &ap);
		p++;
	}
	va_end(ap);
}
