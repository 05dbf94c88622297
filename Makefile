# hersh - one non-recursive Makefile.  Local overrides go in config.mak
# (CC, CFLAGS, PREFIX, DEVELOPER=1 for -Werror, SANITIZE=address,undefined).
-include config.mak

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config

WARNINGS = -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter -Wvla
ifdef DEVELOPER
WARNINGS += -Werror
endif
ALL_CFLAGS = -std=c11 $(WARNINGS) $(CFLAGS) -MMD -MP
ALL_CPPFLAGS = -D_GNU_SOURCE -Iinclude -Ishell $(CPPFLAGS)
ALL_LDFLAGS = $(LDFLAGS)
ifdef SANITIZE
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all \
	-DHERSH_SANITIZED
ALL_LDFLAGS += -fsanitize=$(SANITIZE)
endif
HARDEN = -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE
HARDEN_LD = -pie -Wl,-z,relro,-z,now

# readline and tinfo are linked statically when their archives exist: a
# non-interactive hersh (-c, scripts: most runs) then maps no extra shared
# objects, which halves start-up time (docs/static-readline.md).
READLINE_A := $(shell $(CC) -print-file-name=libreadline.a)
TINFO_A := $(shell $(CC) -print-file-name=libtinfo.a)
ifneq ($(READLINE_A),libreadline.a)
ifneq ($(TINFO_A),libtinfo.a)
READLINE_LIBS ?= $(READLINE_A) $(TINFO_A)
endif
endif
READLINE_LIBS ?= $(shell $(PKG_CONFIG) --libs readline 2>/dev/null || echo -lreadline)
SECCOMP_LIBS := $(shell $(PKG_CONFIG) --libs libseccomp 2>/dev/null || echo -lseccomp)
SQLITE_LIBS := $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)

ifeq ($(V),1)
Q =
quiet = @:
else
Q = @
quiet = @printf '  %-7s %s\n'
endif

# Code both programs link: depends on libc only (see docs/architecture.md).
LIB_SRCS = shell/buf.c shell/xalloc.c shell/io.c \
	$(wildcard shell/proto.c shell/paths.c)
SHELL_SRCS = $(filter-out $(LIB_SRCS),$(sort $(wildcard shell/*.c shell/builtin/*.c)))
DAEMON_SRCS = $(sort $(wildcard daemon/*.c))

# Objects of a sanitizer build live apart, and build/flavor (rewritten
# only when it changes) relinks the programs when the flavor changes.
FLAVOR = $(if $(SANITIZE),san-$(subst $(comma),-,$(SANITIZE)),default)
comma = ,
O = build/$(FLAVOR)
LIB_OBJS = $(LIB_SRCS:%.c=$(O)/%.o)
SHELL_OBJS = $(SHELL_SRCS:%.c=$(O)/%.o)
DAEMON_OBJS = $(DAEMON_SRCS:%.c=$(O)/%.o)

UNIT_SRCS = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=build/tests/%)

PROGRAMS = hersh $(if $(DAEMON_SRCS),hershd)

all: build/.deps-ok $(PROGRAMS)

build/.deps-ok: scripts/deps.sh
	$(Q)sh scripts/deps.sh build
	$(Q)mkdir -p build && touch $@

build/flavor: FORCE
	$(Q)mkdir -p build
	$(Q)[ "$$(cat $@ 2>/dev/null)" = "$(FLAVOR)" ] || echo "$(FLAVOR)" > $@

$(O)/%.o: %.c
	$(quiet) CC $<
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/daemon/%.o: daemon/%.c
	$(quiet) CC $<
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CPPFLAGS) -Idaemon $(ALL_CFLAGS) $(HARDEN) -c -o $@ $<

$(O)/libhersh.a: $(LIB_OBJS) Makefile
	$(quiet) AR $@
	$(Q)rm -f $@ && ar rcs $@ $(LIB_OBJS)

hersh: $(SHELL_OBJS) $(O)/libhersh.a build/flavor
	$(quiet) LINK $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(SHELL_OBJS) $(O)/libhersh.a $(READLINE_LIBS)

hershd: $(DAEMON_OBJS) $(O)/libhersh.a build/flavor
	$(quiet) LINK $@
	$(Q)$(CC) $(ALL_LDFLAGS) $(HARDEN_LD) -o $@ $(DAEMON_OBJS) $(O)/libhersh.a $(SQLITE_LIBS) $(SECCOMP_LIBS) -lz -lm

# Unit tests: tests/unit/test_<module>.c links the module's objects (all
# objects of both programs except the mains) and the shared library.
SHELL_LIBOBJS = $(filter-out $(O)/shell/main.o,$(SHELL_OBJS))
DAEMON_LIBOBJS = $(filter-out $(O)/daemon/main.o,$(DAEMON_OBJS))
build/tests/test_%: tests/unit/test_%.c tests/unit/test.h $(SHELL_LIBOBJS) $(DAEMON_LIBOBJS) $(O)/libhersh.a build/flavor
	$(quiet) CC $<
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CPPFLAGS) -Idaemon -Itests/unit $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
		-Wl,--start-group $(SHELL_LIBOBJS) $(DAEMON_LIBOBJS) $(O)/libhersh.a -Wl,--end-group \
		$(READLINE_LIBS) $(SQLITE_LIBS) $(SECCOMP_LIBS) -lz -lm

units: $(UNIT_BINS)

build/.test-deps-ok: scripts/deps.sh
	$(Q)sh scripts/deps.sh test
	$(Q)mkdir -p build && touch $@

test: build/.test-deps-ok all units
	$(Q)sh scripts/run-tests.sh

run: all
	./hersh -l

bench: all
	$(Q)sh scripts/bench.sh

valgrind: all
	$(Q)sh scripts/valgrind.sh

FUZZ_TARGETS = $(patsubst tests/fuzz/fuzz_%.c,build/fuzz/fuzz_%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -D_GNU_SOURCE -DHERSH_FUZZ -Iinclude -Ishell -Idaemon
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(SHELL_SRCS) $(LIB_SRCS) $(DAEMON_SRCS)
	$(quiet) FUZZ $@
	$(Q)mkdir -p $(dir $@)
	$(Q)clang $(FUZZ_CFLAGS) -o $@ $< $(filter-out shell/main.c,$(SHELL_SRCS)) $(LIB_SRCS) \
		$(filter-out daemon/main.c,$(DAEMON_SRCS)) $(READLINE_LIBS) $(SQLITE_LIBS) $(SECCOMP_LIBS) -lz -lm
fuzz: $(FUZZ_TARGETS)
	$(Q)sh scripts/fuzz.sh $(FUZZ_TARGETS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/
	for m in docs/*.1; do [ -f "$$m" ] && install -m 644 "$$m" $(DESTDIR)$(MANDIR)/man1/; done; true
	[ -n "$(DESTDIR)" ] || sh scripts/add-shell.sh $(BINDIR)/hersh

clean:
	rm -rf build hersh hershd

.PHONY: all test units run bench valgrind fuzz install clean FORCE
.DELETE_ON_ERROR:

-include $(shell find build -name '*.d' 2>/dev/null)
