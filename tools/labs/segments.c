// SPDX-License-Identifier: GPL-2.0
/*
 * Lab segments: the lecture's segmentation (a segment table of base and
 * limit per logical segment) against what 64-bit x86 keeps of it. The
 * GDT's code and data segments are flat (base 0: long mode ignores base
 * and limit, idt_dump's /proc/osedu/idt/gdt), and only FS and GS keep a
 * base: each thread's FS base points at its own thread-local storage.
 * Evidence: the GDT, and the pagewalk query for the page at each
 * thread's FS base; oracles: arch_prctl(ARCH_GET_FS), the addresses of a
 * __thread variable in each thread, and the self-pointer the C library
 * keeps at FS:0. x86-64 only.
 */
#include <asm/prctl.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <osedu/lab.h>

#define GDT		OSEDU_ROOT "/idt/gdt"
#define NTHREADS	3

static const struct lab lab = {
	.name = "segments",
	.explain_en =
"segments: what 64-bit x86 keeps of segmentation (lecture 38)\n"
"\n"
"The lecture's segmentation splits a program into logical segments\n"
"(code, data, stack), each with a base and a limit in a segment table;\n"
"an address is (segment, offset), and the hardware adds the base and\n"
"checks the limit. x86 still has segment registers and a descriptor\n"
"table (the GDT), but in 64-bit mode the code and data segments are\n"
"flat: base 0, no limit. Protection is done by paging instead. Two\n"
"segment registers keep a base: FS and GS. Linux gives every thread its\n"
"own FS base, pointing at its thread-local storage, so the same variable\n"
"name (__thread int x) is a different address in each thread.\n"
"\n"
"What to notice:\n"
"  - every code and data segment in the GDT has base 0;\n"
"  - each thread's FS base is different (arch_prctl(ARCH_GET_FS)), and\n"
"    its __thread variable sits just below it;\n"
"  - the FS base is an ordinary present page of the process (pagewalk):\n"
"    a 'segment' today is just a base register into paged memory.\n",
	.explain_ko =
"segments: 64비트 x86에 남은 세그멘테이션 (38강)\n"
"\n"
"강의의 세그멘테이션은 프로그램을 논리적인 세그먼트(코드, 데이터, 스택)로\n"
"나누고 세그먼트 테이블에 각각의 base와 limit을 둔다; 주소는 (세그먼트,\n"
"오프셋)이고, 하드웨어가 base를 더하고 limit을 검사한다. x86에는 지금도\n"
"세그먼트 레지스터와 디스크립터 테이블(GDT)이 있지만, 64비트 모드에서 코드와\n"
"데이터 세그먼트는 평평하다(flat): base 0, limit 없음. 보호는 대신 페이징이\n"
"맡는다. base를 유지하는 세그먼트 레지스터는 FS와 GS 둘뿐이다. 리눅스는\n"
"쓰레드마다 자기 FS base를 주어 쓰레드 지역 저장소(TLS)를 가리키게 하므로,\n"
"같은 변수 이름(__thread int x)이 쓰레드마다 다른 주소가 된다.\n"
"\n"
"주목할 점:\n"
"  - GDT의 모든 코드와 데이터 세그먼트는 base가 0이다;\n"
"  - 쓰레드마다 FS base가 다르고(arch_prctl(ARCH_GET_FS)), 그 쓰레드의\n"
"    __thread 변수는 바로 그 아래에 있다;\n"
"  - FS base는 프로세스의 평범한 present 페이지다(pagewalk): 오늘날의\n"
"    '세그먼트'는 페이징된 메모리를 가리키는 base 레지스터일 뿐이다.\n",
};

static __thread long tls_var;

struct thread_seen {
	unsigned long fs;	/* ARCH_GET_FS */
	unsigned long self;	/* the word at FS:0 */
	unsigned long var;	/* &tls_var in that thread */
};

static void *look(void *arg)
{
	struct thread_seen *s = arg;

	if (syscall(SYS_arch_prctl, ARCH_GET_FS, &s->fs))
		s->fs = 0;
	/* The C library keeps a pointer to the TCB itself at FS:0. */
	__asm__ volatile("mov %%fs:0, %0" : "=r"(s->self));
	tls_var = 1;
	s->var = (unsigned long)&tls_var;
	return NULL;
}

/* Code and data rows of idt/gdt: how many, and how many with base 0. */
static void gdt_bases(int *segs, int *flat)
{
	char *buf = lab_must_read(GDT), *line, *next;
	struct osedu_cols c;

	*segs = *flat = 0;
	for (line = buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (osedu_split(&c, line) < 0)
			continue;
		/* index selector name kind base ... */
		if (c.n >= 5 && (!strcmp(c.col[3], "code") ||
				 !strcmp(c.col[3], "data"))) {
			(*segs)++;
			*flat += strtoull(c.col[4], NULL, 16) == 0;
			printf("  GDT %-10s %-4s base %s\n", c.col[2], c.col[3],
			       c.col[4]);
		}
		osedu_cols_free(&c);
	}
	free(buf);
}

int main(int argc, char **argv)
{
	struct thread_seen seen[NTHREADS] = { 0 };
	pthread_t th[NTHREADS];
	int segs, flat, distinct = 0, below = 0, self_ok = 0, present = 0;
	int i, j;

	lab_start(&lab, argc, argv);
	lab_need(GDT, "osedu_idt_dump");
	pw_need_root();
	gdt_bases(&segs, &flat);
	lab_check(segs > 0 && segs == flat,
		  "GDT: %d of %d code and data segments have base 0", flat,
		  segs);

	look(&seen[0]);		/* the main thread */
	for (i = 1; i < NTHREADS; i++)
		if (pthread_create(&th[i], NULL, look, &seen[i]))
			lab_die("pthread_create: %s", strerror(errno));
	for (i = 1; i < NTHREADS; i++)
		pthread_join(th[i], NULL);

	printf("\n  thread  FS base (arch_prctl)  FS:0 (self)         &tls_var            pagewalk at FS base\n");
	for (i = 0; i < NTHREADS; i++) {
		struct pw_page p = { 0 };
		bool unique = true;

		for (j = 0; j < i; j++)
			unique &= seen[j].fs != seen[i].fs;
		distinct += unique;
		below += seen[i].var < seen[i].fs &&
			 seen[i].fs - seen[i].var < 64 * 1024;
		self_ok += seen[i].self == seen[i].fs;
		/* The joined threads' stacks stay mapped (glibc caches them). */
		if (!pw_one(getpid(), seen[i].fs, &p) &&
		    !strcmp(p.state, "present"))
			present++;
		printf("  %6d  0x%016lx    0x%016lx  0x%016lx  %s %s\n", i,
		       seen[i].fs, seen[i].self, seen[i].var,
		       p.state[0] ? p.state : "?", p.flags);
	}
	lab_check(distinct == NTHREADS,
		  "each of %d threads has its own FS base", NTHREADS);
	lab_check(self_ok == NTHREADS,
		  "FS:0 holds the FS base itself in %d of %d threads", self_ok,
		  NTHREADS);
	lab_check(below == NTHREADS,
		  "the __thread variable sits just below the FS base in %d of %d threads",
		  below, NTHREADS);
	lab_check(present == NTHREADS,
		  "pagewalk: the page at each FS base is a present page (%d of %d)",
		  present, NTHREADS);
	return lab_finish("flat code and data segments; FS base = each thread's TLS");
}
