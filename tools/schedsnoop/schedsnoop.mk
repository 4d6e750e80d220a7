# SPDX-License-Identifier: GPL-2.0
#
# schedsnoop, included by tools/Makefile: a libbpf CO-RE tool. The BPF
# object is compiled against vmlinux.h, generated here from the target
# kernel's BTF; bpftool embeds it in a skeleton header; the loader links
# libbpf (and libelf, zlib, zstd under it) statically for the busybox guest.

KREL ?= $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' \
	  $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
SS_SERIES := $(or $(KVER),$(if $(filter 6.1.%,$(KREL)),6.1,$(if \
	       $(filter %-rt-amd64,$(KREL)),6.12-rt,$(if \
	       $(filter 6.12.%,$(KREL)),6.12,$(if $(filter 7.3.%,$(KREL)),7.3)))))
SS_OUT := $(OUTPUT)/schedsnoop
# -fms-extensions: since 6.19 the kernel embeds tagged structs as unnamed
# members ("struct ns_tree;" inside another struct, built with gcc's
# -fms-extensions), and bpftool writes them so into vmlinux.h.
SS_BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -Werror \
		 -fms-extensions -Wno-microsoft-anon-tag -I$(SS_OUT) -Ischedsnoop

# It needs the target kernel (KDIR, as the top-level "make tools" passes),
# and that kernel's BTF: a kernel built without CONFIG_DEBUG_INFO_BTF (the
# sanitizer kernel of "make check-debug") cannot run it, and its selftest
# skips there.
SS_BTF := $(shell grep -qs '^CONFIG_DEBUG_INFO_BTF=y' $(KDIR)/.config && echo y)
ifeq ($(KREL),)
$(info schedsnoop: not built without KDIR; use the top-level "make tools")
else ifeq ($(OSEDU_ARCH),arm64)
# It would need libbpf, libelf, zlib and zstd as static arm64 libraries
# and vmlinux.h from the arm64 kernel's BTF, which its Image (not an ELF
# file) does not carry as a section: not done yet (issue 17).
$(info schedsnoop: not built for arm64 (no static arm64 libbpf, no BTF from the Image))
else ifneq ($(SS_BTF),y)
$(info schedsnoop: not built: $(KREL) has no BTF (CONFIG_DEBUG_INFO_BTF))
else
all: $(OUTPUT)/bin/schedsnoop
endif

$(SS_OUT)/vmlinux.h:
	@test -n "$(KREL)" || { echo "schedsnoop: no kernel release (KDIR)"; exit 1; }
	@mkdir -p $(SS_OUT)
	schedsnoop/vmlinux-h "$(KREL)" "$(SS_SERIES)" $@

$(SS_OUT)/schedsnoop.bpf.o: schedsnoop/schedsnoop.bpf.c \
		schedsnoop/schedsnoop.h $(SS_OUT)/vmlinux.h
	clang $(SS_BPF_CFLAGS) -c $< -o $@

$(SS_OUT)/schedsnoop.skel.h: $(SS_OUT)/schedsnoop.bpf.o
	bpftool gen skeleton $< name schedsnoop_bpf >$@.tmp
	@mv $@.tmp $@

$(OUTPUT)/bin/schedsnoop: schedsnoop/schedsnoop.c schedsnoop/schedsnoop.h \
		$(SS_OUT)/schedsnoop.skel.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -I$(SS_OUT) -o $@ $< $(LDFLAGS) -lbpf -lelf -lz -lzstd

clean: clean-schedsnoop
clean-schedsnoop:
	rm -rf $(SS_OUT)

.PHONY: clean-schedsnoop
