/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * What the osedu modules and the user-space tools agree on. Every /proc/osedu
 * file starts with the line "osedu <view> <OSEDU_FORMAT_VERSION>"; a tool
 * refuses a version it does not know.
 */
#ifndef _UAPI_OSEDU_FORMAT_H
#define _UAPI_OSEDU_FORMAT_H

#define OSEDU_SUITE_VERSION	"0.1.0"
#define OSEDU_FORMAT_VERSION	1

#endif /* _UAPI_OSEDU_FORMAT_H */
