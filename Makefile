# WarmLine — build, run, test.  `make help` lists the targets.
#
# `make` builds the release binaries into build/; `make SAN=1` builds the ASan+UBSan
# variant into build/asan/, which is what `make test` runs.

SAN     ?=
BUILD   ?= build$(if $(SAN),/asan)
CC      ?= cc
PKGS     = libmariadb libsodium jansson sndfile samplerate
CPPFLAGS = -D_GNU_SOURCE -Ilib -Icgi-bin/kit -I/usr/include/ClearSilver \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Wshadow -Wformat=2 -Wno-unused-parameter \
           -fno-strict-aliasing -MMD -MP
ifneq ($(SAN),)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
LIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lfcgi \
           -lneo_cgi -lneo_cs -lneo_utl -lz -lmagic -lm

LIB_SRC  = $(wildcard lib/*.c)
KIT_SRC  = $(wildcard cgi-bin/kit/*.c)
PROGS    = staff admin api crm desk tech hook portal meal report
TOOLS    = wlctl
UNIT_SRC = $(wildcard tests/unit/test_*.c)

# ivrd, the telephony daemon: libre (SIP, SDP, RTP, telev), spandsp, libsndfile.
IVR_PKGS = libre spandsp sndfile
IVR_SRC  = $(wildcard ivr/*.c)
IVR_OBJ  = $(IVR_SRC:%.c=$(BUILD)/%.o)
IVR_CPPFLAGS = -DHAVE_INET6 -DHAVE_STDBOOL_H -DHAVE_INTTYPES_H \
           $(shell pkg-config --cflags $(IVR_PKGS) 2>/dev/null)
# ivrd links the work-order core (lib/ticket.c, lib/attach.c) for fault reports by phone.
IVR_LIBS = $(shell pkg-config --libs $(PKGS) $(IVR_PKGS) 2>/dev/null) -lmagic -lpthread -lm
# The outbox sender (ivr/outbox.c) sends e-mail with libesmtp.
IVR_LIBS += $(shell pkg-config --libs libesmtp-1.0 2>/dev/null)

LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
KIT_OBJ  = $(KIT_SRC:%.c=$(BUILD)/%.o)
BINS     = $(PROGS:%=$(BUILD)/cgi-bin/%.fcgi) $(TOOLS:%=$(BUILD)/bin/%) $(BUILD)/bin/ivrd
UNITS    = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all units help deps run stop restart status migrate demo-data test unit bench bench-data clean lint
all: $(BINS)

help:
	@echo "make deps       install the Debian packages WarmLine needs (idempotent)"
	@echo "make            build everything (release) into build/"
	@echo "make run        set up and start the demo stack on 127.0.0.1:8080, print logins"
	@echo "make stop       stop what 'make run' started"
	@echo "make migrate    apply pending sql/NNN_*.sql migrations to the running demo stack"
	@echo "make demo-data SCALE=N   (re)generate N households of demo data"
	@echo "make test       set up a separate test stack and run every test"
	@echo "make unit       unit tests only (ASan build)"
	@echo "make bench      benchmarks against the running demo stack"
	@echo "make bench-data a separate bench stack with 1M work orders and 2M calls (bench/tickets)"

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libwarmline.a: $(LIB_OBJ)
	$(AR) rcs $@ $^
$(BUILD)/libwlkit.a: $(KIT_OBJ)
	$(AR) rcs $@ $^

# One program per folder of cgi-bin/ (and tools/): its objects plus the two libraries.
define program_rule
$(BUILD)/$(1): $(patsubst %.c,$(BUILD)/%.o,$(wildcard $(2)/*.c)) $(BUILD)/libwlkit.a $(BUILD)/libwarmline.a
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(LIBS)
endef
$(foreach p,$(PROGS),$(eval $(call program_rule,cgi-bin/$(p).fcgi,cgi-bin/$(p))))
# The hook's WeChat callback: SHA-1 signatures (nettle), the XML (expat), pictures (curl).
$(BUILD)/cgi-bin/hook.fcgi: LIBS += $(shell pkg-config --libs nettle expat libcurl 2>/dev/null)
$(foreach t,$(TOOLS),$(eval $(call program_rule,bin/$(t),tools/$(t))))

$(IVR_OBJ): CPPFLAGS += $(IVR_CPPFLAGS)
$(BUILD)/bin/ivrd: $(IVR_OBJ) $(BUILD)/libwarmline.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(IVR_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/libwlkit.a $(BUILD)/libwarmline.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(shell pkg-config --libs check)

deps:
	@tools/wl deps

run: deps
	@$(MAKE) --no-print-directory all
	@tools/wl run

stop:
	@tools/wl stop

restart: stop run

status:
	@tools/wl status

migrate: all
	@tools/wl migrate

demo-data: all
	@tools/wl demo-data $(SCALE)

units: $(UNITS)

unit: deps
	@$(MAKE) --no-print-directory SAN=1 units
	@tools/wl unit build/asan/tests/test_*

test: deps
	@$(MAKE) --no-print-directory SAN=1 all units
	@$(MAKE) --no-print-directory build/bin/ivrd	# release ivrd: tests/ivr/test_valgrind.py
	@tests/run

bench: all
	@bench/run

lint:
	@tools/lint

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)

# The benchmark stack (conf/bench.conf, var/bench, port 38080) with 200,000 residents,
# 1,000,000 work orders and 2,000,000 calls, loaded once and started; `make bench` measures it.
bench-data: all
	@bench/load
