# SPDX-License-Identifier: GPL-2.0
#
# Included by each selftests/<dir>/Makefile after it sets TEST_GEN_PROGS
# (and optionally TEST_FILES). Builds static binaries, so they run in the
# busybox guest, against the kselftest harness of the kernel series under
# test (KSFT, from Debian's linux-source package; see vm/ksrc).

KSFT ?= $(error KSFT must name the kselftest headers dir; use 'make selftests')
OUTPUT ?= $(CURDIR)/out
# The harness is copied beside, not into, the installed collection.
KSFT_INC ?= $(abspath $(OUTPUT)/../.ksft)
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)

CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE -pthread \
	  -I$(TOP)/selftests/lib
LDFLAGS += -static -pthread

# libosedu is linked into each test from an archive: selftests/Makefile
# names one for all collections, outside what is installed (they are built
# one after another, so the first makes it). Compiled into each test, as
# selftests/mm does with vm_util.c, it was 22 files compiled again for
# each of some 45 tests on each of six kernels.
OSEDU_LIB_OUT ?= $(abspath $(OUTPUT)/.lib)
# Its rules come first: keep "all" the default goal.
.DEFAULT_GOAL := all
include $(TOP)/tools/lib/osedu/osedu.mk
CFLAGS += $(OSEDU_LIB_CFLAGS)

PROGS := $(addprefix $(OUTPUT)/,$(TEST_GEN_PROGS))

all: $(PROGS) $(addprefix $(OUTPUT)/,$(TEST_FILES) settings)

# Tests include "../kselftest_harness.h" as in the kernel tree.
$(KSFT_INC)/x/.stamp: $(KSFT)/kselftest_harness.h
	@mkdir -p $(KSFT_INC)/x
	cp $(KSFT)/kselftest_harness.h $(KSFT)/kselftest.h $(KSFT_INC)/
	@touch $@

$(OUTPUT)/%: %.c $(wildcard *.h) $(wildcard $(TOP)/selftests/lib/*.h) \
		$(OSEDU_LIB) $(OSEDU_LIB_HDRS) $(KSFT_INC)/x/.stamp
	@mkdir -p $(OUTPUT)
	$(CC) $(CFLAGS) -isystem $(KSFT_INC)/x -o $@ $< $(OSEDU_LIB) \
		$(LDFLAGS) $(LDLIBS)

$(OUTPUT)/%: %
	@mkdir -p $(OUTPUT)
	cp $< $@

list:
	@for p in $(TEST_GEN_PROGS); do echo $$p; done

.PHONY: all list
