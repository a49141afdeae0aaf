# Atelier build. `make run` to build and open the app, `make test` to check it.
# See README.md.

# Go installed from go.dev/dl lives in /usr/local/go; use it when go is not on
# PATH already.
ifeq ($(shell command -v go 2>/dev/null),)
ifneq ($(wildcard /usr/local/go/bin/go),)
export PATH := /usr/local/go/bin:$(PATH)
endif
endif

BIN        := atelier
ARGS       ?=
# Extra Debian packages for `make deps` to check and install (CI adds xvfb).
EXTRA_DEPS ?=
# FyneApp.toml opts into Fyne's thread migration ([Migrations] fyneDo); the
# fyne tool turns that into this build tag, and so does `make build`.
# no_emoji leaves out Fyne's bundled 4 MB colour emoji font, which Fyne
# parses again for every text style it draws (some 30 MB resident for the
# window's five styles); an emoji in a name is drawn from the system's
# fonts instead. scripts/package.sh passes it to the fyne tool.
GOTAGS     ?= migrated_fynedo no_emoji
# Packages for vet, staticcheck, test and bench.
PKGS       ?= ./...

STATICCHECK_VERSION := v0.8.2
FYNE_TOOLS_VERSION  := v1.7.4
LOCALBIN            := $(CURDIR)/.bin
STATICCHECK         := $(LOCALBIN)/staticcheck-$(STATICCHECK_VERSION)
FYNE                := $(LOCALBIN)/fyne-$(FYNE_TOOLS_VERSION)
# What `make package` needs beyond the build: the MinGW-w64 cross compiler
# for the Windows .exe, and xz for the Linux tarball.
PACKAGE_DEPS        := gcc-mingw-w64-x86-64 xz-utils

.DEFAULT_GOAL := build
.PHONY: deps build run test smoke package bench fuzz lint fmt-check vet staticcheck icon clean

## deps: check for Go and the C toolchain and headers Fyne needs; install missing Debian packages
deps:
	@bash scripts/deps.sh $(EXTRA_DEPS)

## build: build ./atelier
build: deps
	go build -tags '$(GOTAGS)' -o $(BIN) .

## run: build and open the app; pass flags with ARGS="--db demo.db"
run: build
	./$(BIN) $(ARGS)

## test: lint, every test with the race detector, then the real-window smoke test
# The GUI package's race tests take 4-10 minutes on two cores, near go
# test's default limit of 10 per package: the limit is raised so that a
# slow machine fails on a real hang only.
test: deps lint
	go test -race -count=1 -timeout=30m $(PKGS)
	@$(MAKE) --no-print-directory smoke

## smoke: start ./atelier on a demo database under Xvfb, check its window and a clean close (skipped without Xvfb)
smoke: build
	bash scripts/smoke.sh ./$(BIN)

## package: the Linux tarball and the Windows .exe in dist/
package: $(FYNE)
	@bash scripts/deps.sh $(EXTRA_DEPS) $(PACKAGE_DEPS)
	bash scripts/package.sh $(FYNE)

## bench: every benchmark, with allocation figures
bench: deps
	go test -run='^$$' -bench=. -benchmem $(PKGS)

## fuzz: the fuzz tests of the import (text and workbooks, within their limits), validation, search folding, PDF cutting, right-to-left text, file names and terminal-safe output, each for a fixed number of runs
# A count of runs (about ten seconds each here), not a -fuzztime duration: when
# a duration runs out, Go 1.26's fuzz coordinator can fail a clean run with
# "context deadline exceeded" (go.dev/issue/75804, fixed in Go 1.27; it failed
# CI once). A count never sets that deadline; -timeout still stops a hang.
FUZZ := go test -run='^$$' -timeout=5m
fuzz:
	$(FUZZ) -fuzz=FuzzReadCSV -fuzztime=60000x ./data/importer
	$(FUZZ) -fuzz=FuzzReadXLSX -fuzztime=8000x ./data/importer
	$(FUZZ) -fuzz=FuzzParticipantValidation -fuzztime=60000x ./data
	$(FUZZ) -fuzz=FuzzFold -fuzztime=100000x ./data
	$(FUZZ) -fuzz=FuzzSplitPDF -fuzztime=40000x ./reports/pdfsplit
	$(FUZZ) -fuzz=FuzzVisual -fuzztime=30000x ./reports
	$(FUZZ) -fuzz=FuzzFileNames -fuzztime=100000x ./reports
	$(FUZZ) -fuzz=FuzzTerminalSafe -fuzztime=20000x ./cli

## lint: gofmt, go vet and staticcheck
lint: fmt-check vet staticcheck

fmt-check:
	@unformatted="$$(gofmt -l .)"; \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt: these files are not formatted (run gofmt -w on them):"; \
		echo "$$unformatted" | sed 's/^/    /'; \
		exit 1; \
	fi

vet:
	go vet $(PKGS)

staticcheck: $(STATICCHECK)
	$(STATICCHECK) $(PKGS)

$(STATICCHECK):
	@mkdir -p $(LOCALBIN)
	GOBIN=$(LOCALBIN) go install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	@mv $(LOCALBIN)/staticcheck $@

$(FYNE):
	@mkdir -p $(LOCALBIN)
	GOBIN=$(LOCALBIN) go install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION)
	@mv $(LOCALBIN)/fyne $@

## icon: regenerate assets/icon.png from scripts/icongen
icon:
	go run ./scripts/icongen -o assets/icon.png

## clean: remove the binary, dist/ and the locally installed tools
clean:
	rm -rf $(BIN) dist/ $(LOCALBIN)
