# giar: PostgreSQL extension for government information disclosure annual
# reports (政府信息公开工作年度报告).
#
#   make && make install      build and install (PGXS)
#   make installcheck         pg_regress suite (sql/, expected/)
#   make prove                pgTAP suite through pg_prove (test/pgtap/)
#   make check-core           C unit tests of the PostgreSQL-free core
#   make check-asan           the core tests and the fuzz corpus under ASan+UBSan
#   make fuzz-smoke           libFuzzer on the core for FUZZ_SECONDS (clang)
#   make giar-parse           command-line parser (core only), for inspection
#   make bench-core           core throughput by layout (bench/run.sh: the SQL benchmark)

EXTENSION = giar
EXTVERSION = 1.2

MODULE_big = giar
CORE_OBJS = src/core/check.o src/core/context.o src/core/dictionary.o src/core/drawing_order.o src/core/fee_table.o src/core/formats.o \
	src/core/html.o src/core/html_tree.o src/core/icu.o src/core/narrative.o src/core/report.o \
	src/core/runs.o src/core/segment.o src/core/structure.o src/core/tables.o src/core/text.o src/core/tokens.o
OBJS = $(CORE_OBJS) src/pg/encoding.o src/pg/giar_pg.o src/pg/report_datum.o src/pg/reads.o src/pg/report_json.o src/pg/rollup.o

DATA = $(wildcard sql/giar--*.sql)
PGFILEDESC = "giar - government information disclosure annual reports"

REGRESS = $(patsubst sql/%.sql,%,$(filter-out sql/giar--%,$(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=. --load-extension=giar

PG_CPPFLAGS = -Isrc/core $(shell pkg-config --cflags libxml-2.0 2>/dev/null) \
	-DGIAR_EXTENSION_VERSION='"$(EXTVERSION)"'
# The server's flags on Debian keep the frame pointer (-fno-omit-frame-pointer,
# for profiling the server); the parser's loops need the register more (the
# core built with the server's flags: one cell per line 8% faster without it,
# bench/core).  Stack protection and the rest stay as the server has them.
PG_CFLAGS = -fomit-frame-pointer
SHLIB_LINK = $(ICU_LIBS) -lxml2
EXTRA_CLEAN = giar giar-parse bench/core test/c/test_core test/c/test_core_asan \
	test/fuzz/fuzz_parse test/fuzz/fuzz_replay results regression.diffs \
	regression.out tmp_check build.log tidy.log

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The core is no interface of the library: its symbols are hidden (as
# PostgreSQL 16 hides an extension's by default), so that they cannot clash
# with another library's in the server and calls between its files do not
# go through the PLT; the adapter's functions, which PostgreSQL looks up,
# keep the default.  (No difference in bench/run.sh's timings.)
# The core's loops are built with -O3 (after the server's -O2, so it wins):
# bench/core 4-10% faster by layout than at -O2, short texts 4%.
$(CORE_OBJS): CFLAGS += -fvisibility=hidden -O3

# PGXS does not track headers: every object depends on all of them.
$(OBJS): $(wildcard src/core/*.h src/pg/*.h)

# ---- the core outside PostgreSQL -------------------------------------------
CORE_CC ?= cc
CORE_CFLAGS ?= -O3 -g -Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes \
	-std=gnu11
CORE_CPPFLAGS = -D_GNU_SOURCE -Isrc/core -Isrc/cli -Itest/c $(shell pkg-config --cflags icu-uc icu-i18n libxml-2.0)
CORE_LIBS = $(shell pkg-config --libs icu-uc icu-i18n libxml-2.0)
CORE_SRCS = $(CORE_OBJS:.o=.c)
STANDALONE_SRCS = src/cli/standalone.c

# The giar command (src/cli): the core, ICU and libpq; installed with the
# extension into PostgreSQL's bindir.
CLI_SRCS = src/cli/giar.c src/cli/input.c src/cli/load.c src/cli/report_json.c
all: giar
giar: $(CORE_SRCS) $(STANDALONE_SRCS) $(CLI_SRCS) src/core/*.h src/cli/*.h
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_CPPFLAGS) -DGIAR_EXTENSION_VERSION='"$(EXTVERSION)"' \
		-I$(shell $(PG_CONFIG) --includedir) \
		-o $@ $(CORE_SRCS) $(STANDALONE_SRCS) $(CLI_SRCS) $(CORE_LIBS) \
		-L$(shell $(PG_CONFIG) --libdir) -lpq -lpthread
install: install-giar-command
install-giar-command: giar
	$(MKDIR_P) '$(DESTDIR)$(bindir)'
	$(INSTALL_PROGRAM) giar '$(DESTDIR)$(bindir)/giar'
uninstall: uninstall-giar-command
uninstall-giar-command:
	rm -f '$(DESTDIR)$(bindir)/giar'

giar-parse: $(CORE_SRCS) $(STANDALONE_SRCS) test/c/giar_cli.c src/core/*.h
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_CPPFLAGS) -o $@ $(CORE_SRCS) \
		$(STANDALONE_SRCS) test/c/giar_cli.c $(CORE_LIBS)

test/c/test_core: $(CORE_SRCS) $(STANDALONE_SRCS) test/c/render.c test/c/test_checks.c test/c/test_core.c test/c/*.h src/core/*.h
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_CPPFLAGS) -o $@ $(CORE_SRCS) \
		$(STANDALONE_SRCS) test/c/render.c test/c/test_checks.c test/c/test_core.c $(CORE_LIBS)

# Throughput of the core by layout against a character-count floor (not a test).
bench/core: $(CORE_SRCS) $(STANDALONE_SRCS) bench/core.c src/core/*.h
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_CPPFLAGS) -o $@ $(CORE_SRCS) \
		$(STANDALONE_SRCS) bench/core.c $(CORE_LIBS)

bench-core: bench/core
	bench/core test/fixtures $(BENCH_ROUNDS)

check-core: test/c/test_core
	test/c/test_core test/fixtures
	sh test/check_parser_version.sh

# Sanitizers: every error is fatal.
SAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all -std=gnu11 -Wall
FUZZ_SRCS = $(CORE_SRCS) $(STANDALONE_SRCS) test/fuzz/fuzz_parse.c

test/c/test_core_asan: $(CORE_SRCS) $(STANDALONE_SRCS) test/c/render.c test/c/test_checks.c test/c/test_core.c test/c/*.h src/core/*.h
	$(CORE_CC) $(SAN_CFLAGS) $(CORE_CPPFLAGS) -o $@ $(CORE_SRCS) \
		$(STANDALONE_SRCS) test/c/render.c test/c/test_checks.c test/c/test_core.c $(CORE_LIBS)

test/fuzz/fuzz_replay: $(FUZZ_SRCS) test/fuzz/fuzz_replay.c src/core/*.h
	$(CORE_CC) $(SAN_CFLAGS) $(CORE_CPPFLAGS) -o $@ $(FUZZ_SRCS) \
		test/fuzz/fuzz_replay.c $(CORE_LIBS)

check-asan: test/c/test_core_asan test/fuzz/fuzz_replay
	ASAN_OPTIONS=detect_leaks=1 test/c/test_core_asan test/fixtures
	ASAN_OPTIONS=detect_leaks=1 test/fuzz/fuzz_replay test/fixtures test/fuzz/corpus

# The core tests under valgrind memcheck (slow: minutes; not in the test run).
check-valgrind: test/c/test_core
	valgrind --quiet --tool=memcheck --error-exitcode=3 --leak-check=full \
		--errors-for-leak-kinds=definite test/c/test_core test/fixtures

# libFuzzer (clang): explores from the fixtures and the corpus with the
# format's labels as a dictionary; new inputs go to a scratch directory.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
test/fuzz/fuzz_parse: $(FUZZ_SRCS) src/core/*.h
	$(FUZZ_CC) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		$(CORE_CPPFLAGS) -o $@ $(FUZZ_SRCS) $(CORE_LIBS)

fuzz-smoke: test/fuzz/fuzz_parse
	rm -rf tmp_check/fuzz && mkdir -p tmp_check/fuzz
	test/fuzz/fuzz_parse -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
		-rss_limit_mb=2048 -max_len=262144 -dict=test/fuzz/giar.dict \
		-artifact_prefix=tmp_check/fuzz/ tmp_check/fuzz test/fuzz/corpus test/fixtures

# Static analysis: cppcheck and clang-tidy must both be clean (one false
# positive is marked NOLINT in context.c, with the reason).
CLANG_TIDY ?= clang-tidy
TIDY_CHECKS = -*,clang-analyzer-*,bugprone-*,-bugprone-easily-swappable-parameters,\
	-bugprone-narrowing-conversions,-bugprone-reserved-identifier,-bugprone-branch-clone,\
	-bugprone-implicit-widening-of-multiplication-result,\
	-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling,\
	-clang-analyzer-optin.performance.Padding
lint:
	cppcheck --quiet --enable=warning,performance,portability --std=c11 --error-exitcode=1 \
		-D_GNU_SOURCE -D__x86_64__ -D__GNUC__=12 -DGIAR_EXTENSION_VERSION='"$(EXTVERSION)"' -Isrc/core -Isrc/pg \
		-I$(shell $(PG_CONFIG) --includedir-server) \
		--suppress=missingIncludeSystem --suppress=missingInclude src/core src/pg src/cli
	@# clang-tidy counts the warnings it suppresses in system headers ("21
	@# warnings generated."): those lines say nothing, the others are kept
	@echo "$(CLANG_TIDY) src/core/*.c src/cli/*.c"
	@$(CLANG_TIDY) --quiet -checks='$(TIDY_CHECKS)' --warnings-as-errors='*' src/core/*.c src/cli/*.c \
		-- $(CORE_CPPFLAGS) -I$(shell $(PG_CONFIG) --includedir) -DGIAR_EXTENSION_VERSION='"$(EXTVERSION)"' -std=gnu11 \
		2>tidy.log; status=$$?; grep -v '^[0-9]* warnings\{0,1\} generated\.$$' tidy.log >&2; rm -f tidy.log; exit $$status

PG_PROVE ?= pg_prove
prove:
	$(PG_PROVE) --ext .sql test/pgtap/

PHONY_CLI = install-giar-command uninstall-giar-command
.PHONY: $(PHONY_CLI) check-core check-asan check-valgrind fuzz-smoke prove lint
