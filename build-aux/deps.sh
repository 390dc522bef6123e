# build-aux/deps.sh: sourced by build-aux/run and build-aux/test.
#
# Installs the Debian 12 packages Resfri needs that are missing, with apt-get
# (as root, or through sudo). Keep this list and the Flatpak manifest in step.

# Build: compiler, meson, and the libraries of the core, report, CLI and UI
# (libsoup 3, libxml2 and libsecret: live calendars, app/core/sync; GLPK: the
# what-if's integer programme, app/core/planning; libepoxy: OpenGL's name of
# its renderer, app/ui/resfri-renderer.c, which GTK 4 itself links and the
# GNOME runtime has).
RESFRI_BUILD_DEPS="
  gcc
  pkg-config
  meson
  ninja-build
  gettext
  libglib2.0-dev
  libglib2.0-bin
  libjson-glib-dev
  libical-dev
  libsqlite3-dev
  libcairo2-dev
  libpango1.0-dev
  libxlsxwriter-dev
  libgtk-4-dev
  libadwaita-1-dev
  libepoxy-dev
  libsoup-3.0-dev
  libxml2-dev
  libsecret-1-dev
  libglpk-dev
  libxml2-utils
  desktop-file-utils
  appstream
"

# Tests: a display and a session bus for the UI tests, AT-SPI and dogtail to
# drive the window, gdb for the backtrace of a window that crashes, sqlite3
# for looking at databases in tests, openpyxl and poppler-utils (pdfinfo,
# pdftotext) to read the reports back, and python3-icalendar and khal, which
# must accept what `resfri-cli export` writes; radicale, the real CalDAV
# server the sync suite (tests/sync) starts, and openssl for its TLS test's
# certificates; gnome-keyring, a real Secret Service for the keyring path
# (tests/sync/test-secret-keyring.c and tests/ui/test-sources.py start one
# of their own, unlocked, on their own bus; it is never activated), and
# libsecret-tools (secret-tool), with which test-sources.py reads the
# keyring when python3-gi has no Secret typelib.
RESFRI_TEST_DEPS="
  xvfb
  xauth
  dbus
  dbus-x11
  at-spi2-core
  python3
  python3-gi
  python3-dogtail
  gir1.2-atspi-2.0
  gdb
  sqlite3
  locales
  python3-openpyxl
  poppler-utils
  python3-icalendar
  khal
  radicale
  openssl
  gnome-keyring
  libsecret-tools
"

# The checks build-aux/test runs besides the suite (README, "Tests"): gcc's
# ASan/UBSan runtimes come with gcc; valgrind; clang 14 with its libFuzzer
# runtime, and llvm-14 for llvm-symbolizer (readable fuzzer crash stacks).
RESFRI_CHECK_DEPS="
  valgrind
  clang
  libclang-rt-14-dev
  llvm-14
"

resfri_install_deps ()
{
  local missing=()
  local pkg

  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done

  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi

  echo "build-aux: installing ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      echo "build-aux: these packages are missing and I am not root (no sudo): ${missing[*]}" >&2
      return 1
    fi
  fi

  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || return 1
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" || return 1
}

# Configures (or reconfigures) and builds into $RESFRI_BUILD_DIR.
resfri_build ()
{
  local dir="$RESFRI_BUILD_DIR"

  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$RESFRI_SOURCE_DIR" "$@" || return 1
  elif [ $# -gt 0 ]; then
    meson configure "$dir" "$@" || return 1
  fi

  ninja -C "$dir"
}
