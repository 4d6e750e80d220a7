# SPDX-License-Identifier: GPL-2.0
#
# libosedu (tools/lib/osedu/osedu.h): included by tools/Makefile, bench/
# and selftests/lib.mk. Set OSEDU_LIB_OUT to where libosedu.a goes; link
# $(OSEDU_LIB) and add $(OSEDU_LIB_CFLAGS). The selftests make one of
# their own, beside the collections (selftests/lib.mk).

OSEDU_LIB_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
OSEDU_TOP := $(abspath $(OSEDU_LIB_DIR)/../../..)
OSEDU_LIB_SRCS := $(wildcard $(OSEDU_LIB_DIR)/*.c)
OSEDU_LIB_HDRS := $(wildcard $(OSEDU_LIB_DIR)/*.h) \
		  $(OSEDU_TOP)/include/uapi/osedu/format.h
OSEDU_LIB_CFLAGS := -I$(OSEDU_TOP)/tools/lib -I$(OSEDU_TOP)/include/uapi

ifneq ($(OSEDU_LIB_OUT),)
OSEDU_LIB := $(OSEDU_LIB_OUT)/libosedu.a
OSEDU_LIB_OBJS := $(patsubst $(OSEDU_LIB_DIR)/%.c,$(OSEDU_LIB_OUT)/%.o,\
		  $(OSEDU_LIB_SRCS))

$(OSEDU_LIB_OUT)/%.o: $(OSEDU_LIB_DIR)/%.c $(OSEDU_LIB_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(OSEDU_LIB): $(OSEDU_LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^
endif
