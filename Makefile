# giar: PostgreSQL extension for government information disclosure annual
# reports (政府信息公开工作年度报告).
#
#   make && make install      build and install (PGXS)
#   make installcheck         pg_regress suite (sql/, expected/)
#   make prove                pgTAP suite through pg_prove (test/pgtap/)
#   make check-core           C unit tests of the PostgreSQL-free core
#   make giar-parse           command-line parser (core only), for inspection

EXTENSION = giar
EXTVERSION = 1.0

MODULE_big = giar
CORE_OBJS = src/core/context.o src/core/dictionary.o src/core/formats.o \
	src/core/html.o src/core/icu.o src/core/narrative.o src/core/report.o \
	src/core/structure.o src/core/tables.o src/core/text.o src/core/tokens.o
OBJS = $(CORE_OBJS) src/pg/giar_pg.o src/pg/report_datum.o

DATA = $(wildcard sql/giar--*.sql)
PGFILEDESC = "giar - government information disclosure annual reports"

REGRESS = $(patsubst sql/%.sql,%,$(filter-out sql/giar--%,$(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=. --load-extension=giar

PG_CPPFLAGS = -Isrc/core $(shell pkg-config --cflags libxml-2.0 2>/dev/null)
SHLIB_LINK = $(ICU_LIBS) -lxml2
EXTRA_CLEAN = giar-parse test/c/*.o test/c/test_core results regression.diffs \
	regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# ---- the core outside PostgreSQL -------------------------------------------
CORE_CC ?= cc
CORE_CFLAGS ?= -O2 -g -Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes \
	-std=gnu11
CORE_CPPFLAGS = -Isrc/core -Itest/c $(shell pkg-config --cflags icu-uc icu-i18n libxml-2.0)
CORE_LIBS = $(shell pkg-config --libs icu-uc icu-i18n libxml-2.0)
CORE_SRCS = $(CORE_OBJS:.o=.c)
STANDALONE_SRCS = test/c/standalone.c

giar-parse: $(CORE_SRCS) $(STANDALONE_SRCS) test/c/giar_cli.c src/core/*.h
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_CPPFLAGS) -o $@ $(CORE_SRCS) \
		$(STANDALONE_SRCS) test/c/giar_cli.c $(CORE_LIBS)

test/c/test_core: $(CORE_SRCS) $(STANDALONE_SRCS) test/c/render.c test/c/test_core.c test/c/*.h src/core/*.h
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_CPPFLAGS) -o $@ $(CORE_SRCS) \
		$(STANDALONE_SRCS) test/c/render.c test/c/test_core.c $(CORE_LIBS)

check-core: test/c/test_core
	test/c/test_core test/fixtures

PG_PROVE ?= pg_prove
prove:
	$(PG_PROVE) --ext .sql test/pgtap/

.PHONY: check-core prove
