// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: am I in a virtual machine? What the guest kernel itself reports
 * about the hypervisor under it (lecture 43): the CPUID hypervisor bit
 * and the hypervisor's signature, the clocksource the kernel chose, the
 * firmware's name for the machine, and the virtio devices, which exist
 * only because a hypervisor emulates them, interrupting the CPU through
 * IDT vectors like any hardware. The demo's own VM is the example.
 * Oracles: CPUID itself (the instruction, run here) against the kernel's
 * "hypervisor" flag in /proc/cpuinfo; the kernel log's "Hypervisor
 * detected" and "Switched to clocksource" lines (root: /dev/kmsg) against
 * the signature and sysfs' current_clocksource; each virtio device's PCI
 * vendor in sysfs; osedu's idt/counts against /proc/interrupts. x86 by
 * nature (CPUID); anyone may run it, root sees the kernel log too.
 */
#include <cpuid.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <osedu/lab.h>

#define IDT_COUNTS	OSEDU_ROOT "/idt/counts"
#define VIRTIO_DEVS	"/sys/bus/virtio/devices"
#define CLOCKSOURCE	"/sys/devices/system/clocksource/clocksource0/"
#define VIRTIO_PCI_VENDOR	0x1af4	/* virtio's PCI vendor id */

static const struct lab lab = {
	.name = "am-i-virtual",
	.explain_en =
"Am I in a virtual machine? (lecture 43)\n"
"A hypervisor runs a guest kernel on a virtual CPU and emulated devices.\n"
"The guest can tell: the hypervisor sets a CPUID bit no real CPU sets and\n"
"answers CPUID leaf 0x40000000 with its name; the kernel then prefers the\n"
"hypervisor's paravirtual clock (kvm-clock) to the TSC; the firmware names\n"
"the machine; and the disks and consoles are virtio devices, an interface\n"
"made for VMs, which still interrupt the CPU through IDT vectors.\n"
"\n"
"What to notice:\n"
"- CPUID.1:ECX bit 31, read here with the instruction, is the kernel's\n"
"  'hypervisor' flag in /proc/cpuinfo.\n"
"- The signature: 'KVMKVMKVM' under KVM (the kernel then logs\n"
"  'Hypervisor detected: KVM'), 'TCGTCGTCGTCG' under QEMU's emulator\n"
"  (TCG, no hardware virtualisation: the kernel knows no such hypervisor).\n"
"- The clocksource the kernel uses now (sysfs), and the last switch the\n"
"  kernel log records.\n"
"- Each virtio device: its type (block, console, net...), its driver, its\n"
"  PCI vendor 0x1af4; and its interrupts in osedu's idt/counts, the same\n"
"  IRQ numbers /proc/interrupts shows, with the IDT vector they use.\n"
"The demo runs in QEMU: this lab is the demo's own VM as lecture 43's\n"
"example.\n",
	.explain_ko =
"나는 가상 머신 안에 있는가? (43강)\n"
"하이퍼바이저는 게스트 커널을 가상 CPU 와 에뮬레이션된 장치 위에서\n"
"실행합니다. 게스트는 이를 알 수 있습니다: 하이퍼바이저는 실제 CPU 가\n"
"켜지 않는 CPUID 비트를 켜고, CPUID leaf 0x40000000 에 자기 이름을\n"
"답합니다. 그러면 커널은 TSC 대신 하이퍼바이저의 반가상화 시계\n"
"(kvm-clock)를 고르고, 펌웨어는 머신 이름을 알려 주며, 디스크와 콘솔은\n"
"VM 을 위해 만든 인터페이스인 virtio 장치입니다. 이 장치들도 IDT 벡터를\n"
"통해 CPU 에 인터럽트를 겁니다.\n"
"\n"
"눈여겨볼 점:\n"
"- 명령어로 직접 읽은 CPUID.1:ECX 비트 31 이 /proc/cpuinfo 의 커널\n"
"  'hypervisor' 플래그와 같습니다.\n"
"- 시그니처: KVM 에서는 'KVMKVMKVM' (커널은 'Hypervisor detected: KVM'\n"
"  을 기록), QEMU 에뮬레이터(TCG, 하드웨어 가상화 없음)에서는\n"
"  'TCGTCGTCGTCG' (커널이 모르는 하이퍼바이저).\n"
"- 커널이 지금 쓰는 clocksource(sysfs)와 커널 로그에 남은 마지막 전환.\n"
"- virtio 장치마다 종류(block, console, net...), 드라이버, PCI vendor\n"
"  0x1af4, 그리고 osedu 의 idt/counts 에 나오는 인터럽트: /proc/interrupts\n"
"  와 같은 IRQ 번호와 그 IRQ 가 쓰는 IDT 벡터.\n"
"데모는 QEMU 에서 실행됩니다: 이 실습은 데모 자신의 VM 을 43강의\n"
"예로 보여 줍니다.\n",
};

/* The kernel's names for the signatures it knows (arch/x86 hypervisor.c). */
static const struct {
	const char *sig, *kernel;
} known[] = {
	{ "KVMKVMKVM", "KVM" },
	{ "Microsoft Hv", "Microsoft Hyper-V" },
	{ "VMwareVMware", "VMware" },
	{ "XenVMMXenVMM", "Xen HVM" },
	{ "ACRNACRNACRN", "ACRN" },
};

static const char *virtio_type(unsigned int id)
{
	switch (id) {
	case 1: return "net";
	case 2: return "block";
	case 3: return "console";
	case 4: return "entropy (rng)";
	case 5: return "balloon";
	case 8: return "scsi";
	case 9: return "9p";
	case 16: return "gpu";
	case 18: return "input";
	case 19: return "vsock";
	case 26: return "fs";
	default: return "other";
	}
}

/* A one-line sysfs or procfs file, newline cut; "" if unreadable. */
static void read_line(const char *path, char *out, size_t len)
{
	out[0] = '\0';
	if (osedu_read_file(path, out, len) < 0)
		out[0] = '\0';
	out[strcspn(out, "\n")] = '\0';
}

/*
 * The kernel log (root: dmesg_restrict), read once without waiting: the
 * text after the last "Hypervisor detected: " and "Switched to
 * clocksource ". False if the log cannot be read.
 */
static bool kernel_log(char *hv, size_t hvlen, char *cs, size_t cslen)
{
	char rec[2048], *p;
	ssize_t n;
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	hv[0] = cs[0] = '\0';
	if (fd < 0)
		return false;
	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten while read: go on */
		if (n <= 0)
			break;
		rec[n] = '\0';
		p = strchr(rec, ';');
		if (!p)
			continue;
		p++;
		p[strcspn(p, "\n")] = '\0';
		if (strstr(p, "Hypervisor detected: "))
			snprintf(hv, hvlen, "%s",
				 strstr(p, "Hypervisor detected: ") + 21);
		if (strstr(p, "Switched to clocksource "))
			snprintf(cs, cslen, "%s",
				 strstr(p, "Switched to clocksource ") + 24);
	}
	close(fd);
	return true;
}

static void cpu_part(bool root_log, const char *log_hv)
{
	unsigned int a, b, c, d, sig[3];
	char *cpuinfo, name[13] = "";
	bool bit, flag = false;
	const char *p, *kname = NULL;
	size_t i;

	__cpuid(1, a, b, c, d);
	bit = c & (1u << 31);
	cpuinfo = lab_must_read("/proc/cpuinfo");
	p = strstr(cpuinfo, "\nflags");
	if (p) {
		size_t n = strcspn(p + 1, "\n");
		char *line = strndup(p + 1, n);

		flag = line && strstr(line, " hypervisor") != NULL;
		free(line);
	}
	free(cpuinfo);
	printf("  CPUID.1:ECX bit 31 (hypervisor present): %d; /proc/cpuinfo flag 'hypervisor': %s\n",
	       bit, flag ? "yes" : "no");
	lab_check(bit == flag,
		  "the CPUID bit read here is the kernel's hypervisor flag");
	if (!bit) {
		printf("  no hypervisor bit: bare metal, or a hypervisor that hides itself\n");
		return;
	}
	__cpuid(0x40000000, a, sig[0], sig[1], sig[2]);
	memcpy(name, sig, 12);
	name[12] = '\0';
	printf("  CPUID 0x40000000: signature '%s', highest hypervisor leaf 0x%x\n",
	       name, a);
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(name, known[i].sig))
			kname = known[i].kernel;
	if (!strcmp(name, "TCGTCGTCGTCG"))
		printf("  TCG: QEMU emulates every instruction (no KVM here)\n");
	if (!root_log) {
		printf("  (the kernel log needs root: its 'Hypervisor detected' line is not checked)\n");
		return;
	}
	printf("  kernel log: Hypervisor detected: %s\n",
	       *log_hv ? log_hv : "(no such line)");
	if (kname)
		lab_check(!strcmp(log_hv, kname),
			  "the kernel recognised the signature as %s", kname);
	else
		lab_check(!*log_hv,
			  "a signature the kernel does not know: it logged no hypervisor");
}

static void clock_part(bool root_log, const char *log_cs)
{
	char cur[64], avail[256];

	read_line(CLOCKSOURCE "current_clocksource", cur, sizeof(cur));
	read_line(CLOCKSOURCE "available_clocksource", avail, sizeof(avail));
	printf("  clocksource: %s (available: %s)\n", cur, avail);
	if (!strcmp(cur, "kvm-clock"))
		printf("  kvm-clock: a clock page the hypervisor keeps up to date for the guest\n");
	lab_check(*cur && strstr(avail, cur),
		  "the current clocksource is one of the available ones");
	if (root_log && *log_cs) {
		printf("  kernel log: Switched to clocksource %s\n", log_cs);
		lab_check(!strcmp(cur, log_cs),
			  "it is the last one the kernel log says it switched to");
	}
}

/* Every IRQ row of idt/counts NAMED name-prefix: irq, vector, name. */
static int osedu_irqs(const char *counts, const char *dev, int *irqs,
		      char vecs[][16], int max)
{
	const char *p;
	bool table = false;
	char vec[16], name[64];
	int n = 0, irq;

	for (p = counts; p && *p; p = osedu_next_line(p)) {
		if (!strncmp(p, "irq vector ", 11)) {
			table = true;
			continue;
		}
		if (!table || sscanf(p, "%d %15s", &irq, vec) != 2)
			continue;
		/* The name is the last column. */
		{
			size_t len = strcspn(p, "\n");
			const char *e = p + len, *s = e;

			while (s > p && s[-1] != ' ')
				s--;
			snprintf(name, sizeof(name), "%.*s", (int)(e - s), s);
		}
		if (strncmp(name, dev, strlen(dev)) ||
		    (name[strlen(dev)] && name[strlen(dev)] != '-'))
			continue;
		if (n < max) {
			irqs[n] = irq;
			snprintf(vecs[n], sizeof(vecs[n]), "%s", vec);
			n++;
		}
	}
	return n;
}

/* Does /proc/interrupts have IRQ with a name starting with DEV? */
static bool proc_irq(const char *interrupts, int irq, const char *dev)
{
	const char *p;
	int i;

	for (p = interrupts; p && *p; p = osedu_next_line(p)) {
		if (sscanf(p, " %d:", &i) != 1 || i != irq)
			continue;
		size_t len = strcspn(p, "\n");
		char *line = strndup(p, len);
		bool ok = line && strstr(line, dev);

		free(line);
		return ok;
	}
	return false;
}

static void virtio_part(void)
{
	char path[512], link[512], buf[64], *counts = NULL, *intr;
	int ndev = 0, irqs[16], n, i, with_irq = 0, irq_ok = 0, pci_ok = 0;
	int pci = 0;
	char vecs[16][16];
	struct dirent *d;
	unsigned int id;
	DIR *dir;
	ssize_t l;

	if (!access(IDT_COUNTS, R_OK))
		counts = osedu_read_all(IDT_COUNTS, OSEDU_DOC_MAX, NULL);
	intr = osedu_read_all("/proc/interrupts", 1 << 20, NULL);
	dir = opendir(VIRTIO_DEVS);
	printf("  virtio devices (%s):\n", VIRTIO_DEVS);
	while (dir && (d = readdir(dir))) {
		if (strncmp(d->d_name, "virtio", 6))
			continue;
		ndev++;
		snprintf(path, sizeof(path), VIRTIO_DEVS "/%s/device",
			 d->d_name);
		read_line(path, buf, sizeof(buf));
		id = (unsigned int)strtoul(buf, NULL, 0);
		snprintf(path, sizeof(path), VIRTIO_DEVS "/%s/driver",
			 d->d_name);
		l = readlink(path, link, sizeof(link) - 1);
		link[l > 0 ? l : 0] = '\0';
		printf("    %-9s type %2u %-14s driver %-14s", d->d_name, id,
		       virtio_type(id),
		       l > 0 ? strrchr(link, '/') + 1 : "(none)");
		/* Its parent is the transport: a PCI function, or MMIO. */
		snprintf(path, sizeof(path), VIRTIO_DEVS "/%s/../vendor",
			 d->d_name);
		read_line(path, buf, sizeof(buf));
		if (*buf) {
			pci++;
			printf(" PCI vendor %s", buf);
			if (strtoul(buf, NULL, 0) == VIRTIO_PCI_VENDOR)
				pci_ok++;
		}
		n = counts ? osedu_irqs(counts, d->d_name, irqs, vecs, 16) : 0;
		for (i = 0; i < n; i++) {
			printf("%s irq %d vector %s", i ? "," : "", irqs[i],
			       vecs[i]);
		}
		if (n) {
			with_irq++;
			for (i = 0; i < n; i++)
				if (!intr || !proc_irq(intr, irqs[i], d->d_name))
					break;
			if (i == n)
				irq_ok++;
		}
		putchar('\n');
	}
	if (dir)
		closedir(dir);
	if (!ndev) {
		printf("    none: this machine has no virtio device (in the VM, vm/run -d attaches virtio disks)\n");
	} else {
		if (pci)
			lab_check(pci_ok == pci,
				  "every virtio device on PCI has vendor 0x%04x (virtio's, not a hardware maker's)",
				  VIRTIO_PCI_VENDOR);
		if (!counts)
			printf("  (osedu_idt_dump is not loaded: no IRQ vectors shown)\n");
		else if (with_irq)
			lab_check(irq_ok == with_irq,
				  "osedu's idt/counts names %d virtio device(s)' IRQs exactly as /proc/interrupts does",
				  with_irq);
	}
	free(counts);
	free(intr);
}

int main(int argc, char **argv)
{
	char hv[128], cs[64], vendor[128], product[128];
	bool root_log;

	lab_start(&lab, argc, argv);
	root_log = kernel_log(hv, sizeof(hv), cs, sizeof(cs));
	cpu_part(root_log, hv);
	clock_part(root_log, cs);
	read_line("/sys/class/dmi/id/sys_vendor", vendor, sizeof(vendor));
	read_line("/sys/class/dmi/id/product_name", product, sizeof(product));
	printf("  firmware (DMI): vendor '%s', product '%s'\n",
	       *vendor ? vendor : "?", *product ? product : "?");
	virtio_part();
	return lab_finish("the guest kernel sees its hypervisor: CPUID, the clock, virtio devices");
}
