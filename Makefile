# SPDX-License-Identifier: GPL-2.0
#
# osedu: user entry points. "make help" lists them.
#
# Kernel selection:
#   make                  build for the running kernel (/lib/modules/$(uname -r)/build)
#   make KVER=6.1|6.12|6.12-rt   build for Debian 12's 6.1, 6.12 or 6.12
#                         PREEMPT_RT kernel (headers from apt)
#   make KVER=7.3         build for Debian's newest kernel (trixie-backports:
#                         a build tree prepared once from its source package,
#                         vm/ktree; docs/kernels.md)
#   make KDIR=/path       build for any kernel with a prepared build tree
#   make KVER=6.1|6.12 ARCH=arm64   cross-build for Debian 12's arm64 6.1 or
#                         6.12 (headers fetched by vm/kernel, gcc-aarch64-
#                         linux-gnu); the same as KVER=6.1-arm64|6.12-arm64
#
# Everything built goes to build/<kernel release>/, so several kernels can be
# built side by side from one checkout.

SHELL := /bin/bash
ROOT := $(CURDIR)
# The series the vm/ scripts know (vm/common.sh): x86-64 and arm64.
X86_SERIES := $(shell . $(ROOT)/vm/common.sh && echo $$OSEDU_SERIES)
ARM64_SERIES := $(shell . $(ROOT)/vm/common.sh && echo $$OSEDU_ARM64_SERIES)
# make check runs all of them; make check-x86 the x86-64 kernels, make
# check-arm64 the arm64 ones (emulated, they take about as long again as
# all x86-64 kernels together).
SERIES := $(X86_SERIES) $(ARM64_SERIES)

# arm64: "KVER=6.12 ARCH=arm64" names the series 6.12-arm64, and a
# -arm64 series cross-builds (kbuild reads ARCH and CROSS_COMPILE; the
# user-space tests and tools are built with the cross compiler, static).
ifeq ($(ARCH),arm64)
ifneq ($(KVER),)
ifeq ($(filter %-arm64,$(KVER)),)
override KVER := $(KVER)-arm64
endif
endif
endif
ifneq ($(filter %-arm64,$(KVER)),)
override ARCH := arm64
CROSS_COMPILE ?= aarch64-linux-gnu-
export ARCH CROSS_COMPILE
USER_CC := CC=$(CROSS_COMPILE)gcc
endif
# visualize's golden fixtures are recorded on these (make fixtures).
FIXTURE_SERIES := 6.1 6.12 6.12-4level 6.1-arm64 6.12-arm64
DEMO_SERIES := 6.12
# Kernels fetched and built for the VM: per user, shared by every clone
# (vm/common.sh says the same).
OSEDU_CACHE ?= $(if $(XDG_CACHE_HOME),$(XDG_CACHE_HOME)/osedu,$(if \
	$(HOME),$(HOME)/.cache/osedu,$(ROOT)/build/cache))
export OSEDU_CACHE

ifneq ($(KVER),)
KDIR ?= $(shell $(ROOT)/vm/kernel headers $(KVER))
endif
KDIR ?= /lib/modules/$(shell uname -r)/build
KREL = $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' \
	 $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
BUILD = $(ROOT)/build/$(KREL)
W ?= 1

# Kernel-side sources mirrored (as symlinks) into $(BUILD) for kbuild.
KSRCS = Kbuild $(shell find include modules selftests/*/module -type f \
	   2>/dev/null)

.PHONY: all help modules tools selftests benches load unload demo vm check check-x86 check-arm64 \
	bench lint lint-user clean deps kdir-check fixtures golden viz-test lib-test \
	fuzz print-series stress check-debug

all: modules tools selftests

help:
	@echo "make [KVER=$(subst $(eval) ,|,$(SERIES))|KDIR=DIR] [all|modules|tools|selftests]  build"
	@echo "sudo make load | unload    insert or remove the modules (running kernel)"
	@echo "make demo      run every lab and view in the VM; the report: out/report/index.html"
	@echo "make vm        an interactive root shell in the VM"
	@echo "make check     every kselftest in the VM on $(SERIES)"
	@echo "make check-x86    the same on $(X86_SERIES) only"
	@echo "make check-arm64  the same on $(ARM64_SERIES) only (cross-built, emulated)"
	@echo "make check SERIES=6.12-arm64   the same on one kernel (any of them)"
	@echo "make KVER=6.12 ARCH=arm64 all  cross-build for Debian's arm64 6.12 (or 6.1); vm/run -k 6.12-arm64 boots it"
	@echo "make lint      checkpatch --strict and sparse on $(SERIES), cppcheck on user space"
	@echo "make check-debug  every kselftest on a KASAN/lockdep/kmemleak 6.12 (built once, cached)"
	@echo "make bench     benchmarks in the VM"
	@echo "make stress    the stress collection at full counts, every kernel"
	@echo "make fixtures  record /proc/osedu in the VM for visualize's golden tests"
	@echo "make golden    rewrite visualize's expected outputs from the fixtures"
	@echo "make viz-test  libosedu's tests and visualize's golden tests (host only; part of make check)"
	@echo "make fuzz      fuzz visualize's and libosedu's parsers for 60 s (clang libFuzzer)"
	@echo "make clean     remove build output (keeps the kernel cache)"

kdir-check:
	@test -f "$(KDIR)/Makefile" || { \
	  echo "No kernel build tree at $(KDIR)."; \
	  echo "Install the headers of your kernel (Debian: apt-get install linux-headers-$$(uname -r))"; \
	  echo "or pick a supported kernel: make KVER=SERIES, one of: $(SERIES)."; exit 1; }

modules: kdir-check
	@mkdir -p $(BUILD)
	@for f in $(KSRCS); do \
	  mkdir -p "$(BUILD)/$$(dirname $$f)"; \
	  ln -sfn "$(ROOT)/$$f" "$(BUILD)/$$f"; done
	@find $(BUILD) -xtype l -delete
	$(MAKE) -C $(KDIR) M=$(BUILD) W=$(W) modules

tools: kdir-check
	@if [ -f tools/Makefile ]; then \
	  $(MAKE) -C tools OUTPUT=$(BUILD)/tools KDIR=$(KDIR) KVER=$(KVER) \
		KREL=$(KREL) $(USER_CC); fi

# The kselftest harness comes from the Debian source package of the kernel
# series being built (vm/ksrc); for another kernel, the nearest we have.
KSFT_SERIES = $(or $(KVER:-arm64=),$(if $(filter 6.1.%,$(KREL)),6.1,$(if \
	$(filter 7.%,$(KREL)),7.3,6.12)))

selftests: kdir-check
	$(MAKE) -C selftests KSRC=$$($(ROOT)/vm/ksrc $(KSFT_SERIES)) \
		OUTPUT=$(BUILD)/kselftest $(USER_CC)

benches: kdir-check
	$(MAKE) -C bench OUTPUT=$(BUILD)/bench $(USER_CC)

# vm/guest/osedu-modules is also what the VM's init runs at boot, so the
# commands these run are tested on every run (and by vm/tests/packaging).
load:
	@test -f $(BUILD)/modules/core/osedu_core.ko || { \
	  echo "Build first: make"; exit 1; }
	$(ROOT)/vm/guest/osedu-modules load $(BUILD)/modules

# Whatever osedu modules are loaded, users of core first.
unload:
	$(ROOT)/vm/guest/osedu-modules unload

deps:
	@$(ROOT)/vm/deps

# The x86-64 kernel series make check runs (for scripts such as .ci/run,
# whose DKMS test builds with the host's own compiler).
print-series:
	@echo $(filter-out %-arm64,$(SERIES))

# The VM targets build for each Debian kernel they boot. The demo runs
# every lab and view in the VM (vm/guest/demo), brings back what it wrote
# under /mnt/out to out/demo/ (an arm64 series: out/demo-arm64/), and
# builds out/report/ from it even when something failed (the report says
# what); its exit status is the guest's. When both out/demo/ and
# out/demo-arm64/ hold a run, the report shows both, x86-64 first, their
# figures side by side (make demo; make demo DEMO_SERIES=6.12-arm64).
DEMO_OUT = $(ROOT)/out/demo$(if $(filter %-arm64,$(DEMO_SERIES)),-arm64)
# arm64 is emulated instruction by instruction on an x86-64 host (TCG),
# a few times slower than x86-64 under TCG.
DEMO_TIMEOUT = $(if $(filter %-arm64,$(DEMO_SERIES)),3600,1200)
demo: deps
	$(MAKE) KVER=$(DEMO_SERIES) all
	@rm -rf $(DEMO_OUT); mkdir -p $(DEMO_OUT)
	@rc=0; $(ROOT)/vm/run -k $(DEMO_SERIES) -d -t $(DEMO_TIMEOUT) \
	  -o $(DEMO_OUT) -- /opt/osedu/demo || rc=$$?; \
	  runs=; for d in $(ROOT)/out/demo $(ROOT)/out/demo-arm64; do \
	    if [ "$$d" = $(DEMO_OUT) ] || [ -s "$$d/summary" ]; then \
	      runs="$$runs $$d"; fi; done; \
	  [ "$$runs" = " $(DEMO_OUT)" ] || \
	    echo "The report shows the runs in:$$runs (remove one to leave it out)"; \
	  $(ROOT)/tools/report/gen $$runs $(ROOT)/out/report || rc=1; \
	  echo "The report: $(ROOT)/out/report/index.html (Korean: index.ko.html)"; \
	  exit $$rc

vm: deps
	$(MAKE) KVER=$(DEMO_SERIES) all
	$(ROOT)/vm/run -k $(DEMO_SERIES) -d --shell

check: deps
	@$(ROOT)/vm/check $(SERIES)

check-x86: deps
	@$(ROOT)/vm/check $(X86_SERIES)

check-arm64: deps
	@$(ROOT)/vm/check $(ARM64_SERIES)

# The stress collection, and core_test with its 50 load and unload cycles,
# at the full counts (make check runs them at reduced counts): about half
# an hour a kernel under TCG.
stress: deps
	@for s in $(SERIES); do $(MAKE) -s KVER=$$s all || exit 1; \
	  $(ROOT)/vm/run -k $$s -t 7200 -- \
	    /opt/osedu/selftests/run_kselftest.sh -c stress \
	    -t core:core_test || exit 1; done

# The sanitizer kernel (vm/debug-kernel; cached in ~/.cache/osedu) and the
# whole suite on it, with fault injection and kmemleak scans.
check-debug: deps
	@$(ROOT)/vm/check-debug

# Benchmarks boot without the memory checks (they slow every allocation).
# bench/sched alone runs 200,000-round-trip ping-pongs 12 times under TCG.
# -d: bench/vfs maps a file on the VM's ext4 disk.
bench: deps
	$(MAKE) KVER=$(DEMO_SERIES) all benches
	OSEDU_KDEBUG=0 $(ROOT)/vm/run -k $(DEMO_SERIES) -t 3600 -d -- /opt/osedu/bench/run

# visualize's golden tests (tools/visualize/tests/README.md): fixtures are
# /proc/osedu copied out of the VM on each FIXTURE_SERIES; expected outputs are
# what visualize renders from them. Any kernel's build of the tool will do.
VIZ_TESTS := $(ROOT)/tools/visualize/tests
VIZ_BIN = $(ROOT)/build/$$($(ROOT)/vm/kernel release $(DEMO_SERIES))/tools/bin/visualize
VIZ_FIX = $(ROOT)/build/viz-fixtures

# FIXTURES names the series to record (default all of FIXTURE_SERIES):
# "make fixtures FIXTURES=6.12-arm64" records that one and leaves the
# other series' fixtures as they are. 6.12-4level is 6.12 booted with
# no5lvl (QEMU's CPU has 5-level paging); the arm64 guests get viz-target
# cross-built, and are several minutes each under TCG.
FIXTURES ?= $(FIXTURE_SERIES)

fixtures: deps
	@for s in $(FIXTURES); do $(MAKE) KVER=$${s%-4level} modules tools || exit 1; done
	@for s in $(FIXTURES); do \
	  case $$s in *-arm64) cc=aarch64-linux-gnu-gcc a=arm64 ;; \
	  *) cc="$(CC)" a=amd64 ;; esac; \
	  append=; [ $$s = 6.12-4level ] && append=no5lvl; \
	  mkdir -p $(VIZ_FIX)/$$a; \
	  $$cc -std=gnu11 -Wall -Wextra -Werror -O2 -static \
	    -o $(VIZ_FIX)/$$a/viz-target $(VIZ_TESTS)/target.c || exit 1; \
	  rm -rf $(VIZ_FIX)/$$s; \
	  OSEDU_APPEND=$$append $(ROOT)/vm/run -k $${s%-4level} -d -t 900 \
	    -a $(VIZ_TESTS)/record -a $(VIZ_TESTS)/record.d \
	    -a $(VIZ_FIX)/$$a/viz-target \
	    -o $(VIZ_FIX)/$$s -- sh /mnt/extra/record || exit 1; \
	  rm -rf $(VIZ_TESTS)/fixtures/$$s; \
	  mv $(VIZ_FIX)/$$s $(VIZ_TESTS)/fixtures/$$s; done
	@echo "fixtures recorded; now: make golden, and review git diff"

golden:
	$(MAKE) KVER=$(DEMO_SERIES) tools
	$(VIZ_TESTS)/run-golden --update $(VIZ_BIN)

viz-test: lib-test
	$(MAKE) -s KVER=$(DEMO_SERIES) tools
	$(VIZ_TESTS)/run-golden $(VIZ_BIN)

# libosedu's parsers on hand-written lines (tools/lib/osedu/tests/),
# under AddressSanitizer and UBSan.
lib-test:
	@mkdir -p build/lib-test
	$(CC) -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE -g \
	  -fsanitize=address,undefined -fno-sanitize-recover=all \
	  -Itools/lib -Iinclude/uapi -o build/lib-test/lib_test \
	  tools/lib/osedu/tests/lib_test.c $(wildcard tools/lib/osedu/*.c)
	build/lib-test/lib_test

# libFuzzer on every view's parser and renderers and on libosedu's
# parsers, seeded with the fixtures and the malformed inputs; any crash,
# sanitizer report or leak fails.
FUZZ_SRCS = $(filter-out %/main.c %/fuzz.c,$(wildcard tools/visualize/*.c)) \
	    $(wildcard tools/lib/osedu/*.c)

fuzz: deps
	@mkdir -p build/fuzz
	clang -std=gnu11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	  -Itools/lib -Iinclude/uapi -o build/fuzz/visualize-fuzz tools/visualize/fuzz.c $(FUZZ_SRCS)
	$(VIZ_TESTS)/fuzz-seeds build/fuzz/seeds
	@mkdir -p build/fuzz/corpus
	build/fuzz/visualize-fuzz -max_total_time=60 -timeout=10 \
	  -artifact_prefix=build/fuzz/ build/fuzz/corpus build/fuzz/seeds

# checkpatch from the kernel source package, and sparse on every module,
# for every kernel series; cppcheck on the user-space C (tools/lint/README.md).
# 7.x's kbuild refuses Debian's sparse 0.6.4 (it cannot parse
# __typeof_unqual__): there sparse is not run, which lint says; the
# compiler's W=1 warnings are still checked.
KERNEL_SRCS = $(filter %.c %.h,$(KSRCS))
USER_SRCS = $(shell find tools/lib tools/visualize tools/labs bench \
	      -name '*.c' -o -name '*.h') tools/schedsnoop/schedsnoop.c \
	    $(wildcard selftests/*/*.c selftests/lib/*.h)
CPPCHECK_FLAGS = -q --std=c11 --enable=warning,portability,performance \
	--inline-suppr --suppressions-list=tools/lint/cppcheck.supp \
	--error-exitcode=1 -D_GNU_SOURCE -Itools/lib -Iinclude/uapi \
	-Iselftests/lib

lint-user: deps
	@# Tests include "../kselftest_harness.h": resolve it from a subdir.
	cppcheck $(CPPCHECK_FLAGS) \
	  -I$$($(ROOT)/vm/ksrc 6.12)/tools/testing/selftests/kselftest \
	  $(USER_SRCS) && echo "cppcheck: clean"

lint: deps lint-user
	$(ROOT)/vm/ksrc 6.12 >/dev/null
	perl $(OSEDU_CACHE)/ksrc/6.12/scripts/checkpatch.pl --strict --no-tree \
	  --quiet --show-types \
	  -f $(KERNEL_SRCS) && echo "checkpatch: clean"
	@# Sparse from vm/sparse (sid's source; Debian 12's cannot check 7.x).
	@# build/ first: on a fresh clone tee could not write the first
	@# series' log, and the greps below then found nothing to fail on.
	@sparse=$$($(ROOT)/vm/sparse) || exit 1; mkdir -p build; \
	for s in $(SERIES); do \
	  $(MAKE) KVER=$$s modules C=2 CHECK=$$sparse W=$(W) 2>&1 | \
	    tee build/lint-$$s.log; \
	  test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	  test -s build/lint-$$s.log || { echo "no log of $$s"; exit 1; }; \
	  if grep -E '(warning|error):' build/lint-$$s.log; then \
	    echo "sparse/compiler warnings for $$s"; exit 1; fi; \
	  if grep -q 'is not available or not up to date' build/lint-$$s.log; \
	  then echo "sparse did not run on $$s"; exit 1; fi; \
	done; echo "sparse: clean on $(SERIES)"

clean:
	rm -rf $(ROOT)/build/[0-9]* $(ROOT)/out
