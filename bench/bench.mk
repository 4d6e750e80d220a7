# SPDX-License-Identifier: GPL-2.0
# One benchmark: bench/$(BENCH)/$(BENCH)_bench.c as a static binary, run
# inside the VM. Each bench/<name>/Makefile sets BENCH and includes this;
# bench/Makefile builds libosedu first and passes OSEDU_LIB.
OUTPUT ?= $(CURDIR)/out
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE
OSEDU_LIB ?= $(error OSEDU_LIB must name libosedu.a; use the top-level "make benches")
include $(dir $(lastword $(MAKEFILE_LIST)))../tools/lib/osedu/osedu.mk
CFLAGS += $(OSEDU_LIB_CFLAGS)

all: $(OUTPUT)/$(BENCH)_bench

$(OUTPUT)/$(BENCH)_bench: $(BENCH)_bench.c $(OSEDU_LIB)
	@mkdir -p $(OUTPUT)
	$(CC) $(CFLAGS) -o $@ $< $(OSEDU_LIB) -static

.PHONY: all
