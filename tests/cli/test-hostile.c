/* test-hostile.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hostile and broken input, through resfri-cli ($RESFRI_CLI) and the core:
 * every value is stored as it was given, or the file is refused with
 * "FILE:LINE: what" and the database is as before (every table dumped
 * before and after). Files larger than the input limit, damaged, foreign,
 * newer and read-only databases, and a full disk: a clear message, no
 * crash, nothing changed.
 */

#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <locale.h>
#include <string.h>

#include <sqlite3.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

#include "cli-db.h"

/* The CLI runs on the database; the fixture's own connection is closed. */
typedef ResfriTestFixture Fixture;

typedef struct
{
  int   status;   /* the exit status, or 128 + the signal */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static struct rlimit child_fsize;
static gboolean child_limit_fsize;

static void
child_setup (gpointer user_data)
{
  if (child_limit_fsize)
    {
      /* A full disk: writes past the limit fail with EFBIG. */
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &child_fsize);
    }
}

/* Runs resfri-cli with @argv (NULL-terminated, without the program) and
 * @input on its standard input; @env_extra is "NAME=VALUE" or NULL. With
 * @user, as that user (setpriv, when the tests run as root). */
static void
run_cli_full (Run         *run,
              const char  *user,
              const char  *env_extra,
              const char  *input,
              gsize        input_length,
              const char * const *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *in_path = NULL;
  int in_fd = -1;
  int out_fd = -1, err_fd = -1;
  GPid pid;
  int wait_status = 0;
  g_autoptr(GIOChannel) out_channel = NULL;
  g_autoptr(GIOChannel) err_channel = NULL;
  gsize n;

  if (user != NULL)
    {
      struct passwd *pw = getpwnam (user);

      g_assert_nonnull (pw);
      g_ptr_array_add (args, g_strdup ("setpriv"));
      g_ptr_array_add (args, g_strdup_printf ("--reuid=%u", (guint) pw->pw_uid));
      g_ptr_array_add (args, g_strdup_printf ("--regid=%u", (guint) pw->pw_gid));
      g_ptr_array_add (args, g_strdup ("--clear-groups"));
    }
  g_ptr_array_add (args, g_strdup (g_getenv ("RESFRI_CLI")));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (argv[i]));
  g_ptr_array_add (args, NULL);

  if (env_extra != NULL)
    {
      g_auto(GStrv) kv = g_strsplit (env_extra, "=", 2);
      env = g_environ_setenv (env, kv[0], kv[1], TRUE);
    }

  /* Standard input from a file: no pipe to keep fed while it runs. */
  if (input != NULL)
    {
      in_fd = g_file_open_tmp ("resfri-hostile-in-XXXXXX", &in_path, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (in_path, input, input_length, NULL));
      close (in_fd);
    }

  {
    g_autofree char *command = NULL;
    g_autoptr(GPtrArray) sh = g_ptr_array_new ();

    /* Redirect standard input through the shell when there is some. */
    if (in_path != NULL)
      {
        g_autoptr(GString) line = g_string_new ("exec");
        for (guint i = 0; i < args->len - 1; i++)
          {
            g_autofree char *quoted = g_shell_quote (g_ptr_array_index (args, i));
            g_string_append_printf (line, " %s", quoted);
          }
        {
          g_autofree char *quoted = g_shell_quote (in_path);
          g_string_append_printf (line, " < %s", quoted);
        }
        command = g_string_free (g_steal_pointer (&line), FALSE);
        g_ptr_array_add (sh, (char *) "/bin/sh");
        g_ptr_array_add (sh, (char *) "-c");
        g_ptr_array_add (sh, command);
        g_ptr_array_add (sh, NULL);
      }

    g_assert_true (g_spawn_async_with_pipes (NULL,
                                             in_path ? (char **) sh->pdata : (char **) args->pdata,
                                             env,
                                             G_SPAWN_DO_NOT_REAP_CHILD |
                                             (in_path ? 0 : G_SPAWN_STDIN_FROM_DEV_NULL) |
                                             (user != NULL ? G_SPAWN_SEARCH_PATH : 0),
                                             child_setup, NULL, &pid, NULL, &out_fd, &err_fd,
                                             &error));
    g_assert_no_error (error);
  }

  out_channel = g_io_channel_unix_new (out_fd);
  err_channel = g_io_channel_unix_new (err_fd);
  g_io_channel_set_encoding (out_channel, NULL, NULL);
  g_io_channel_set_encoding (err_channel, NULL, NULL);
  g_io_channel_set_close_on_unref (out_channel, TRUE);
  g_io_channel_set_close_on_unref (err_channel, TRUE);
  /* Its output is small: read stderr after stdout without deadlock. */
  g_io_channel_read_to_end (out_channel, &run->out, &n, NULL);
  g_io_channel_read_to_end (err_channel, &run->err, &n, NULL);
  if (run->out == NULL)
    run->out = g_strdup ("");
  if (run->err == NULL)
    run->err = g_strdup ("");

  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : 128 + WTERMSIG (wait_status);

  if (in_path != NULL)
    g_remove (in_path);
}

#define run_cli(run, ...) \
  run_cli_full (run, NULL, NULL, NULL, 0, (const char * const []) { __VA_ARGS__, NULL })

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_auto(Run) run = { 0 };

  resfri_test_fixture_set_up (fixture, NULL);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  run_cli (&run, "--db", fixture->path, "demo", "--employees", "20");
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  chmod (fixture->dir, 0700);
  resfri_test_fixture_tear_down (fixture);
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
assert_integrity (const char *path)
{
  g_autofree char *ok = query_text (path, "PRAGMA integrity_check", NULL);

  g_assert_cmpstr (ok, ==, "ok");
}

/* The error names the file and a line: "NAME:LINE: what", on one line. */
static void
assert_file_line_error (const char *err,
                        const char *name)
{
  g_autofree char *escaped = g_regex_escape_string (name, -1);
  g_autofree char *pattern = g_strdup_printf ("^%s:[0-9]+: [^\n]+\n$", escaped);

  if (!g_regex_match_simple (pattern, err, 0, 0))
    g_error ("not a “%s:LINE: what” error: “%s”", name, err);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *data,
            gssize      length)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

/* Hostile values: each is either stored exactly or refused. */
static const struct
{
  const char *label;
  const char *value;
  gboolean    refused_in_csv;   /* control characters, NUL, bad UTF-8 */
  gboolean    refused_in_ics;
} values[] = {
  { "sql", "'); DROP TABLE people;--", FALSE, FALSE },
  { "sql2", "x\" OR 1=1; DELETE FROM meetings WHERE '1'='1", FALSE, FALSE },
  { "quotes", "Bo \"Bosse\" O'Brien; Jr, `whoami` $(id)", FALSE, FALSE },
  { "percent", "%s%s%n%x %1$s", FALSE, FALSE },
  { "markup", "<b>fet</b> &amp; <span foreground='red'>röd</span>", FALSE, FALSE },
  { "unicode", "\xc3\x85sa \xc3\x96" "berg \xe2\x80\xae" "evil\xe2\x81\xa6 \xf0\x9f\x98\x80 \xe2\x80\x8b", FALSE, FALSE },
  { "tab", "Tab\there", TRUE, FALSE },
  { "escape", "Bell\x07 and \x1b[31mred\x1b[0m", TRUE, TRUE },
  { "newline", "Two\nlines", TRUE, TRUE },
  { "bad-utf8", "Bad \xff\xfe bytes", TRUE, TRUE },
  { "overlong", "Over\xc0\xaflong", TRUE, TRUE },
  { "surrogate", "Half \xed\xa0\x80 pair", TRUE, TRUE },
};

static void
test_hostile_csv (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *long_name = g_strnfill (1024 * 1024, 'L');

  for (guint i = 0; i <= G_N_ELEMENTS (values); i++)
    {
      const char *label = i < G_N_ELEMENTS (values) ? values[i].label : "long";
      const char *value = i < G_N_ELEMENTS (values) ? values[i].value : long_name;
      gboolean refused = i < G_N_ELEMENTS (values) && values[i].refused_in_csv;
      g_autofree char *email = g_strdup_printf ("hostile-%s@example.se", label);
      g_autofree char *quoted = NULL;
      g_autofree char *csv = NULL;
      g_autofree char *name = g_strdup_printf ("people-%s.csv", label);
      g_autofree char *path = NULL;
      g_autofree char *before = dump_tables (fixture->path);
      g_autofree char *after = NULL;
      g_autofree char *stored = NULL;
      g_auto(GStrv) parts = g_strsplit (value, "\"", -1);
      g_auto(Run) run = { 0 };

      quoted = g_strjoinv ("\"\"", parts);
      csv = g_strdup_printf ("name,email,phone,site,unit,role\r\n"
                             "\"%s\",%s,,VBG,Kommunstyrelsen,employee\r\n", quoted, email);
      path = write_file (fixture, name, csv, -1);

      run_cli (&run, "--db", fixture->path, "people", "import", path);
      after = dump_tables (fixture->path);
      stored = query_text (fixture->path, "SELECT name FROM people WHERE email = ?1", email);
      g_test_message ("csv %s: exit %d %s", label, run.status, run.err);

      if (refused)
        {
          g_assert_cmpint (run.status, ==, 1);
          assert_file_line_error (run.err, path);
          g_assert_cmpstr (before, ==, after);
          g_assert_null (stored);
        }
      else
        {
          g_assert_cmpint (run.status, ==, 0);
          g_assert_cmpstr (stored, ==, value);
        }
      assert_integrity (fixture->path);
    }

  /* The people are all still there: nothing ran as SQL. */
  {
    g_autofree char *n = query_text (fixture->path, "SELECT count(*) >= 20 FROM people", NULL);
    g_assert_cmpstr (n, ==, "1");
  }
}

static void
test_hostile_csv_nul (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char csv[] = "name,email,phone,site,unit,role\r\n"
                            "Nul\0byte,nul@example.se,,VBG,Kommunstyrelsen,employee\r\n";
  g_autofree char *path = write_file (fixture, "nul.csv", csv, sizeof csv - 1);
  g_autofree char *before = dump_tables (fixture->path);
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", fixture->path, "people", "import", path);
  g_assert_cmpint (run.status, ==, 1);
  assert_file_line_error (run.err, path);
  after = dump_tables (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static char *
vevent_calendar (const char *uid,
                 const char *summary)
{
  g_autoptr(GString) ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                         "PRODID:-//Resfri//hostile test//EN\r\n");

  g_string_append_printf (ics, "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20260101T080000Z\r\n"
                          "DTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z\r\n", uid);
  /* TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma. */
  g_string_append (ics, "SUMMARY:");
  for (const char *p = summary; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == ';' || *p == ',')
        g_string_append_c (ics, '\\');
      g_string_append_c (ics, *p);
    }
  g_string_append (ics, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  return g_string_free (g_steal_pointer (&ics), FALSE);
}

static void
test_hostile_ics (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *long_summary = g_strnfill (1024 * 1024, 'M');

  for (guint i = 0; i <= G_N_ELEMENTS (values) + 1; i++)
    {
      const char *label;
      const char *value;
      const char *uid_text;
      gboolean refused;
      g_autofree char *uid = NULL;
      g_autofree char *ics = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *before = dump_tables (fixture->path);
      g_autofree char *after = NULL;
      g_autofree char *stored = NULL;
      g_auto(Run) run = { 0 };

      if (i < G_N_ELEMENTS (values))
        {
          label = values[i].label;
          value = values[i].value;
          refused = values[i].refused_in_ics;
          uid = g_strdup_printf ("hostile-%s@example.se", label);
        }
      else if (i == G_N_ELEMENTS (values))
        {
          /* One line of a megabyte. */
          label = "long";
          value = long_summary;
          refused = FALSE;
          uid = g_strdup ("hostile-long@example.se");
        }
      else
        {
          /* SQL in the key every table is looked up by. */
          label = "uid";
          value = "Plain";
          refused = FALSE;
          uid = g_strdup ("x'); DELETE FROM meetings;--");
        }
      uid_text = uid;

      ics = vevent_calendar (uid_text, value);
      name = g_strdup_printf ("hostile-%s.ics", label);
      path = write_file (fixture, name, ics, -1);

      run_cli (&run, "--db", fixture->path, "import", path);
      after = dump_tables (fixture->path);
      stored = query_text (fixture->path, "SELECT summary FROM meetings WHERE uid = ?1", uid_text);
      g_test_message ("ics %s: exit %d %s", label, run.status, run.err);

      if (refused)
        {
          g_assert_cmpint (run.status, ==, 1);
          assert_file_line_error (run.err, path);
          g_assert_cmpstr (before, ==, after);
          g_assert_null (stored);
        }
      else
        {
          g_assert_cmpint (run.status, ==, 0);
          g_assert_cmpstr (stored, ==, value);
        }
      assert_integrity (fixture->path);
    }

  {
    g_autofree char *n = query_text (fixture->path, "SELECT count(*) > 10 FROM meetings", NULL);
    g_assert_cmpstr (n, ==, "1");
  }
}

/* A NUL in a calendar cut the line short in libical: now refused. */
static void
test_hostile_ics_nul (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char ics[] = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
                            "UID:nul@example.se\r\nDTSTART:20260302T090000Z\r\n"
                            "SUMMARY:Nul\0byte\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  g_autofree char *path = write_file (fixture, "nul.ics", ics, sizeof ics - 1);
  g_autofree char *before = dump_tables (fixture->path);
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", fixture->path, "import", path);
  g_assert_cmpint (run.status, ==, 1);
  assert_file_line_error (run.err, path);
  g_assert_nonnull (strstr (run.err, ":7: "));
  after = dump_tables (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* The core API binds what it is given: values with SQL in them are data. */
static void
test_hostile_core (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = resfri_store_open (fixture->path, &error);
  g_autoptr(ResfriItem) item = NULL;
  g_autofree char *people_before = NULL;
  g_autofree char *long_model = g_strnfill (1024 * 1024, 'x');

  g_assert_no_error (error);
  people_before = query_text (fixture->path, "SELECT count(*) FROM people", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *key = g_strdup_printf ("hostile-%s'; DROP TABLE meta;--", values[i].label);
      g_autofree char *back = NULL;

      g_assert_true (resfri_store_set_meta (store, key, values[i].value, &error));
      g_assert_no_error (error);
      back = resfri_store_dup_meta (store, key);
      g_assert_cmpstr (back, ==, values[i].value);
    }

  item = resfri_inventory_add (store, "EVIL'); DROP TABLE equipment;--", "headset", "VBG", NULL,
                               long_model, 100.0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  {
    g_autofree char *model = query_text (fixture->path, "SELECT model FROM equipment WHERE tag = ?1",
                                         "EVIL'); DROP TABLE equipment;--");
    g_assert_cmpstr (model, ==, long_model);
  }

  /* A register import in the core: a bad row refuses the whole file. */
  {
    static const char csv[] = "name,email,phone,site,unit,role\r\n"
                              "Ok,ok-core@example.se,,VBG,Kommunstyrelsen,employee\r\n"
                              "\"Bad \xff\",bad-core@example.se,,VBG,Kommunstyrelsen,employee\r\n";
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_clear_object (&store);
    before = dump_tables (fixture->path);
    store = resfri_store_open (fixture->path, &error);
    g_assert_no_error (error);
    g_assert_false (resfri_register_import_data (store, RESFRI_REGISTER_PEOPLE, "core.csv", csv,
                                                 sizeof csv - 1, NULL, &error));
    g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
    g_assert_true (g_str_has_prefix (error->message, "core.csv:3: "));
    g_clear_error (&error);
    after = dump_tables (fixture->path);
    g_assert_cmpstr (before, ==, after);
  }

  {
    g_autofree char *people_after = query_text (fixture->path, "SELECT count(*) FROM people", NULL);
    g_assert_cmpstr (people_before, ==, people_after);
  }
  assert_integrity (fixture->path);
}

/* A sparse file: a gigabyte that takes no room on the disk. */
static char *
make_sparse (Fixture    *fixture,
             const char *name,
             goffset     size)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (ftruncate (fd, size));
  close (fd);
  return path;
}

static void
test_hostile_huge_files (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *ics = make_sparse (fixture, "huge.ics", G_GINT64_CONSTANT (1) << 30);
  g_autofree char *csv = make_sparse (fixture, "huge.csv", G_GINT64_CONSTANT (1) << 30);
  g_autofree char *limit = g_format_size_full (RESFRI_INPUT_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *small = vevent_calendar ("small@example.se", "Liten");
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  /* Refused before anything is read: at once, with the limit named. */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--db", fixture->path, "import", ics);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, ics));
    g_assert_nonnull (strstr (run.err, limit));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--db", fixture->path, "people", "import", csv);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, csv));
    g_assert_nonnull (strstr (run.err, limit));
  }
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);

  /* The application's path (a GFile) too. */
  {
    g_autoptr(ResfriStore) store = resfri_store_open (fixture->path, &error);
    g_autoptr(GFile) file = g_file_new_for_path (ics);

    g_assert_no_error (error);
    g_assert_false (resfri_store_import_ical_file (store, file, NULL, NULL, &error));
    g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
    g_assert_nonnull (strstr (error->message, limit));
    g_clear_error (&error);
  }

  /* Standard input has no size to look at: it is cut off at the limit
   * (made small here through RESFRI_MAX_INPUT_BYTES). */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *env = g_strdup_printf ("RESFRI_MAX_INPUT_BYTES=%zu", strlen (small) - 1);

    run_cli_full (&run, NULL, env, small, strlen (small),
                  (const char * const []) { "--db", fixture->path, "import", "-", NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, "-: "));
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *env = g_strdup_printf ("RESFRI_MAX_INPUT_BYTES=%zu", strlen (small));

    run_cli_full (&run, NULL, env, small, strlen (small),
                  (const char * const []) { "--db", fixture->path, "import", "-", NULL });
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    /* An endless file. */
    g_auto(Run) run = { 0 };

    run_cli_full (&run, NULL, "RESFRI_MAX_INPUT_BYTES=1000000", NULL, 0,
                  (const char * const []) { "--db", fixture->path, "import", "/dev/zero", NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_autofree char *small_limit = g_format_size_full (1000000, G_FORMAT_SIZE_IEC_UNITS);

    g_assert_nonnull (strstr (run.err, small_limit));
  }

  g_assert_true (g_remove (ics) == 0 && g_remove (csv) == 0);
  {
    g_autofree char *n = query_text (fixture->path, "SELECT count(*) FROM meetings WHERE uid = ?1",
                                     "small@example.se");
    g_assert_cmpstr (n, ==, "1");
  }
}

/* Damaged copies of a real database: a clear message, the file unchanged. */
static void
test_hostile_damaged (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *contents = NULL;
  g_autofree char *calendar = vevent_calendar ("one@example.se", "En");
  g_autofree char *ics = write_file (fixture, "one.ics", calendar, -1);
  gsize length = 0;
  struct {
    const char *label;
    gsize       offset;   /* bytes overwritten, or the size it is cut to */
    gsize       count;
    gboolean    truncate;
    const char *message;  /* what the error says, or NULL for any */
  } damages[] = {
    { "header", 16, 84, FALSE, "not a Resfri database" },
    { "schema", 100, 3000, FALSE, "damaged" },
    { "truncated", 0, 0, TRUE, "damaged" },
    { "zeroed", 0, 0, FALSE, "not a Resfri database" },
    { "pages", 0, 0, FALSE, NULL },
  };

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100000);
  damages[2].offset = length / 3;
  damages[3].count = length;
  damages[4].offset = length / 2;
  damages[4].count = 8 * 4096;

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree char *name = g_strdup_printf ("damaged-%s.db", damages[i].label);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *copy = g_memdup2 (contents, length);
      gsize copy_length = damages[i].truncate ? damages[i].offset : length;
      g_autofree char *before = NULL;
      g_autoptr(GRand) rand = g_rand_new_with_seed (i);
      const char *commands[][4] = {
        { "sites", "list", NULL },
        { "report", "--period", "2026", NULL },
        { "import", ics, NULL },
        { "inventory", "add", "--tag", "D-1" },
      };

      if (!damages[i].truncate)
        for (gsize k = damages[i].offset; k < damages[i].offset + damages[i].count; k++)
          copy[k] = i == 3 ? 0 : (char) g_rand_int_range (rand, 0, 256);
      g_assert_true (g_file_set_contents (path, copy, copy_length, NULL));
      before = file_digest (path);

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_auto(Run) run = { 0 };
          g_autofree char *after = NULL;
          const char *args[16] = { "--db", path };
          guint n = 2;

          for (guint a = 0; a < 4 && commands[c][a] != NULL; a++)
            args[n++] = commands[c][a];
          if (c == 3)
            {
              args[n++] = "--type";
              args[n++] = "headset";
              args[n++] = "--site";
              args[n++] = "VBG";
            }
          args[n] = NULL;

          run_cli_full (&run, NULL, NULL, NULL, 0, args);
          g_test_message ("%s, %s: exit %d %s", damages[i].label, commands[c][0], run.status,
                          run.err);
          /* Never a crash; refused with one line, or (a page nothing
           * read) done. */
          g_assert_cmpint (run.status, <=, 1);
          if (damages[i].message != NULL)
            {
              g_assert_cmpint (run.status, ==, 1);
              g_assert_nonnull (strstr (run.err, damages[i].message));
              g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);
            }
          if (run.status == 1)
            {
              after = file_digest (path);
              g_assert_cmpstr (before, ==, after);
            }
        }
    }

  /* The core says which: RESFRI_ERROR_DAMAGED. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (fixture->dir, "damaged-truncated.db", NULL);
    g_autoptr(ResfriStore) store = resfri_store_open (path, &error);

    g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_DAMAGED);
    g_assert_null (store);
  }
}

/* Another program's database and one from a newer Resfri, through the
 * CLI: refused, the file unchanged. */
static void
test_hostile_foreign_newer (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *foreign = g_build_filename (fixture->dir, "foreign.db", NULL);
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.db", NULL);
  g_autofree char *calendar = vevent_calendar ("one@example.se", "En");
  g_autofree char *ics = write_file (fixture, "one.ics", calendar, -1);
  sqlite3 *db = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE people (x); INSERT INTO people VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (newer, contents, length, NULL));
  g_free (contents);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? foreign : newer;
      g_autofree char *before = file_digest (path);
      g_autofree char *after = NULL;
      g_auto(Run) run = { 0 };

      run_cli (&run, "--db", path, "import", ics);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, i == 0 ? "another program" : "newer Resfri"));
      g_assert_nonnull (strstr (run.err, "not changed"));
      after = file_digest (path);
      g_assert_cmpstr (before, ==, after);
    }
}

/* Who can be kept out by file modes: as root (the tests' container), the
 * user nobody through setpriv. */
static const char *
unprivileged_user (void)
{
  g_autofree char *setpriv = NULL;

  if (geteuid () != 0)
    return NULL;
  setpriv = g_find_program_in_path ("setpriv");
  if (getpwnam ("nobody") == NULL || setpriv == NULL)
    return "";
  return "nobody";
}

static void
test_hostile_read_only (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *user = unprivileged_user ();
  g_autofree char *calendar = vevent_calendar ("one@example.se", "En");
  g_autofree char *ics = write_file (fixture, "one.ics", calendar, -1);
  g_autofree char *before = NULL;

  if (user != NULL && *user == '\0')
    {
      g_test_skip ("running as root without setpriv or the user nobody");
      return;
    }

  /* nobody must reach the program and the files. */
  if (user != NULL)
    {
      g_auto(Run) probe = { 0 };

      chmod (fixture->dir, 0755);
      chmod (ics, 0644);
      run_cli_full (&probe, user, NULL, NULL, 0, (const char * const []) { "--version", NULL });
      if (probe.status != 0)
        {
          g_test_skip ("the user nobody cannot run resfri-cli here");
          return;
        }
    }

  g_assert_no_errno (chmod (fixture->path, 0444));
  before = file_digest (fixture->path);

  /* A read-only file: reading works, writing says why not. */
  {
    g_auto(Run) run = { 0 };

    chmod (fixture->dir, 0777);
    run_cli_full (&run, user, NULL, NULL, 0,
                  (const char * const []) { "--db", fixture->path, "sites", "list", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "VBG"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *after = NULL;

    run_cli_full (&run, user, NULL, NULL, 0,
                  (const char * const []) { "--db", fixture->path, "import", ics, NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "read-only"));
    after = file_digest (fixture->path);
    g_assert_cmpstr (before, ==, after);
  }

  /* A read-only folder as well: the -shm file cannot be made. */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *after = NULL;
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    chmod (fixture->dir, 0555);
    run_cli_full (&run, user, NULL, NULL, 0,
                  (const char * const []) { "--db", fixture->path, "sites", "list", NULL });
    chmod (fixture->dir, 0700);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "read-only"));
    g_assert_null (strstr (run.err, "not a Resfri database"));
    after = file_digest (fixture->path);
    g_assert_cmpstr (before, ==, after);
  }
}

/* A full disk, made with RLIMIT_FSIZE (writes past it fail with EFBIG): the
 * import fails with a clear message and nothing of it is stored. */
static void
test_hostile_full_disk (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GString) ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n");
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };
  GStatBuf st;

  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (ics, "BEGIN:VEVENT\r\nUID:full-%u@example.se\r\n"
                            "DTSTART:202601%02uT100000Z\r\nDTEND:202601%02uT110000Z\r\n"
                            "RRULE:FREQ=WEEKLY;COUNT=20\r\nSUMMARY:Fullt %u\r\nEND:VEVENT\r\n",
                            i, 1 + i % 28, 1 + i % 28, i);
  g_string_append (ics, "END:VCALENDAR\r\n");
  path = write_file (fixture, "full.ics", ics->str, ics->len);

  before = dump_tables (fixture->path);
  g_assert_no_errno (g_stat (fixture->path, &st));
  child_fsize.rlim_cur = child_fsize.rlim_max = st.st_size + 256 * 1024;
  child_limit_fsize = TRUE;
  run_cli (&run, "--db", fixture->path, "import", path);
  child_limit_fsize = FALSE;

  g_test_message ("full disk: exit %d %s", run.status, run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (strstr (run.err, "disk") != NULL);
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);
  assert_integrity (fixture->path);
  after = dump_tables (fixture->path);
  g_assert_cmpstr (before, ==, after);

  /* With room again, the same import works. */
  {
    g_auto(Run) again = { 0 };

    run_cli (&again, "--db", fixture->path, "import", path);
    g_assert_cmpint (again.status, ==, 0);
  }
}

/* PRAGMA data_version: what the window polls to see other processes'
 * changes; its own changes and reads do not move it. */
static void
test_hostile_data_version (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = resfri_store_open (fixture->path, &error);
  g_autoptr(ResfriStore) reader = NULL;
  gint64 version;
  g_auto(Run) run = { 0 };

  g_assert_no_error (error);
  version = resfri_store_get_data_version (store);
  g_assert_cmpint (version, >=, 0);

  /* Opening another store (as every worker thread does) writes nothing. */
  reader = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&reader);
  g_assert_cmpint (resfri_store_get_data_version (store), ==, version);

  g_assert_true (resfri_store_set_meta (store, "own", "change", &error));
  g_assert_cmpint (resfri_store_get_data_version (store), ==, version);

  run_cli (&run, "--db", fixture->path, "inventory", "add", "--tag", "DV-1", "--type", "headset",
           "--site", "VBG");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (resfri_store_get_data_version (store), !=, version);
}

int
main (int   argc,
      char *argv[])
{
  /* As resfri-cli: sizes are formatted by the locale (C.UTF-8 in the
   * tests: a no-break space before the unit). */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/hostile/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("csv", test_hostile_csv);
  ADD ("csv-nul", test_hostile_csv_nul);
  ADD ("ics", test_hostile_ics);
  ADD ("ics-nul", test_hostile_ics_nul);
  ADD ("core", test_hostile_core);
  ADD ("huge-files", test_hostile_huge_files);
  ADD ("damaged", test_hostile_damaged);
  ADD ("foreign-newer", test_hostile_foreign_newer);
  ADD ("read-only", test_hostile_read_only);
  ADD ("full-disk", test_hostile_full_disk);
  ADD ("data-version", test_hostile_data_version);

  return g_test_run ();
}
