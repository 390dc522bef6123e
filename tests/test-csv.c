/* test-csv.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "resfri-csv.h"
#include "resfri-error.h"

#define MAX_FIELDS 5
#define MAX_RECORDS 5

typedef struct
{
  guint       line;
  const char *fields[MAX_FIELDS + 1];
} Record;

typedef struct
{
  const char *name;
  const char *input;
  gssize      length;       /* -1: strlen (input) */
  Record      records[MAX_RECORDS + 1];
  guint       error_line;   /* 0: no error expected */
  const char *error_part;   /* a part of the expected message */
} ReadCase;

static const ReadCase read_cases[] = {
  { "lf", "a,b\nc,d\n", -1,
    { { 1, { "a", "b" } }, { 2, { "c", "d" } } } },
  { "crlf", "a,b\r\nc,d\r\n", -1,
    { { 1, { "a", "b" } }, { 2, { "c", "d" } } } },
  { "no-final-newline", "a,b\r\nc,d", -1,
    { { 1, { "a", "b" } }, { 2, { "c", "d" } } } },
  { "lone-cr", "a\rb\r", -1,
    { { 1, { "a" } }, { 2, { "b" } } } },
  { "quoted-comma", "\"Stadshuset, Vänersborg\",58.3807\n", -1,
    { { 1, { "Stadshuset, Vänersborg", "58.3807" } } } },
  { "doubled-quotes", "\"Stora \"\"Bohus\"\" salen\",x\n", -1,
    { { 1, { "Stora \"Bohus\" salen", "x" } } } },
  { "only-a-quote", "\"\"\"\"\n", -1,
    { { 1, { "\"" } } } },
  { "newline-in-quotes", "\"Kungsgatan 1\nUddevalla\",x\ny,z\n", -1,
    { { 1, { "Kungsgatan 1\nUddevalla", "x" } }, { 3, { "y", "z" } } } },
  { "crlf-in-quotes", "\"a\r\nb\r\nc\",x\r\ny,z\r\n", -1,
    { { 1, { "a\r\nb\r\nc", "x" } }, { 4, { "y", "z" } } } },
  { "empty-fields", ",,\n", -1,
    { { 1, { "", "", "" } } } },
  { "trailing-comma-at-end", "a,", -1,
    { { 1, { "a", "" } } } },
  { "empty-quoted", "\"\",x\n\"\"\n", -1,
    { { 1, { "", "x" } }, { 2, { "" } } } },
  { "bom", "\xef\xbb\xbfid,name\nVBG,Vänersborg\n", -1,
    { { 1, { "id", "name" } }, { 2, { "VBG", "Vänersborg" } } } },
  { "bom-only", "\xef\xbb\xbf", -1,
    { { 0 } } },
  { "empty", "", -1,
    { { 0 } } },
  { "blank-lines", "\n\na,b\n\n  \t\r\nc,d\n\n", -1,
    { { 3, { "a", "b" } }, { 6, { "c", "d" } } } },
  { "spaces-kept-unquoted", " a , b \n", -1,
    { { 1, { " a ", " b " } } } },
  { "spaces-around-quotes", "  \"a,1\" ,\t\"b\"\t\n", -1,
    { { 1, { "a,1", "b" } } } },
  { "utf8", "Åmål,Strömstad,Vänersborg\n", -1,
    { { 1, { "Åmål", "Strömstad", "Vänersborg" } } } },
  { "quote-in-unquoted", "ok,1\nab\"c,d\n", -1,
    { { 1, { "ok", "1" } } }, 2, "a quote inside an unquoted field" },
  { "unterminated", "a,b\n\"open,\nmore\n", -1,
    { { 1, { "a", "b" } } }, 2, "never ends" },
  { "text-after-quote", "\"a\"b,c\n", -1,
    { { 0 } }, 1, "after the closing quote" },
  { "error-after-multiline", "\"x\ny\",1\nz\"q\n", -1,
    { { 1, { "x\ny", "1" } } }, 3, "a quote inside" },
  { "invalid-utf8", "ok\nbad\xff\n", -1,
    { { 0 } }, 2, "invalid UTF-8" },
  { "overlong-utf8", "a,\xc0\xaf\n", -1,
    { { 0 } }, 1, "invalid UTF-8" },
  { "truncated-utf8", "a\r\nb\r\n\xc3", -1,
    { { 0 } }, 3, "invalid UTF-8" },
  { "nul-byte", "a\0b\n", 4,
    { { 0 } }, 1, "NUL" },
};

static void
test_csv_read (gconstpointer user_data)
{
  const ReadCase *test = user_data;
  gsize length = test->length < 0 ? strlen (test->input) : (gsize) test->length;
  /* An exactly sized copy without a terminating NUL: an over-read shows
   * up under valgrind or a sanitizer. */
  g_autofree char *data = g_memdup2 (test->input, MAX (length, 1));
  g_autoptr(ResfriCsvReader) reader = resfri_csv_reader_new ("test.csv", data, length);
  g_autoptr(GError) error = NULL;
  guint r = 0;

  while (resfri_csv_reader_next (reader, &error))
    {
      const Record *expected = &test->records[r];
      const char * const *fields = resfri_csv_reader_get_fields (reader);
      guint n = 0;

      g_assert_cmpuint (r, <, MAX_RECORDS);
      g_assert_cmpuint (expected->line, !=, 0);
      g_assert_cmpuint (resfri_csv_reader_get_line (reader), ==, expected->line);

      while (expected->fields[n] != NULL)
        n++;
      g_assert_cmpuint (resfri_csv_reader_get_n_fields (reader), ==, n);
      g_assert_cmpstrv (fields, expected->fields);
      for (guint f = 0; f < n; f++)
        g_assert_cmpstr (resfri_csv_reader_get_field (reader, f), ==, expected->fields[f]);
      g_assert_null (resfri_csv_reader_get_field (reader, n));

      r++;
    }

  g_assert_cmpuint (test->records[r].line, ==, 0);

  if (test->error_line == 0)
    g_assert_no_error (error);
  else
    {
      g_autofree char *prefix = g_strdup_printf ("test.csv:%u: ", test->error_line);

      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, test->error_part));
      g_clear_error (&error);
    }

  /* The end (or an error) is sticky and quiet. */
  g_assert_false (resfri_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (resfri_csv_reader_get_n_fields (reader), ==, 0);
}

typedef struct
{
  const char *value;
  const char *written;
} WriteCase;

static void
test_csv_write_field (void)
{
  static const WriteCase cases[] = {
    { NULL, "" },
    { "", "" },
    { "Vänersborg", "Vänersborg" },
    { "Stadshuset, Vänersborg", "\"Stadshuset, Vänersborg\"" },
    { "Stora \"Bohus\" salen", "\"Stora \"\"Bohus\"\" salen\"" },
    { "\"", "\"\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { " leading", "\" leading\"" },
    { "trailing ", "\"trailing \"" },
    { "\ttab", "\"\ttab\"" },
    { "in side", "in side" },
    { "semi;colon", "semi;colon" },
    { "58.3807", "58.3807" },
    /* Found by fuzz-csv: at the start of a file it would read as a BOM. */
    { "\xef\xbb\xbfid", "\"\xef\xbb\xbfid\"" },
    { "id\xef\xbb\xbf", "id\xef\xbb\xbf" },
  };

  g_test_summary ("A field is quoted only when it has a comma, quote, line break or "
                  "leading/trailing space");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      resfri_csv_append_field (out, cases[i].value);
      g_assert_cmpstr (out->str, ==, cases[i].written);
      g_assert_cmpint (resfri_csv_field_needs_quotes (cases[i].value), ==,
                       cases[i].written[0] == '"');
    }
}

static void
test_csv_write_record (void)
{
  const char *fields[] = { "VBG", "Stadshuset, Vänersborg", "", NULL };
  const char *one_empty[] = { "" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(ResfriCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  resfri_csv_append_record (out, fields, 3);
  resfri_csv_append_record (out, one_empty, 1);
  resfri_csv_append_record (out, fields, 1);
  g_assert_cmpstr (out->str, ==, "VBG,\"Stadshuset, Vänersborg\",\r\n\"\"\r\nVBG\r\n");

  /* A record of one empty field survives: it is not read as a blank line. */
  reader = resfri_csv_reader_new ("out.csv", out->str, out->len);
  g_assert_true (resfri_csv_reader_next (reader, &error));
  g_assert_cmpstrv (resfri_csv_reader_get_fields (reader), fields);
  g_assert_true (resfri_csv_reader_next (reader, &error));
  g_assert_cmpuint (resfri_csv_reader_get_n_fields (reader), ==, 1);
  g_assert_cmpstr (resfri_csv_reader_get_field (reader, 0), ==, "");
  g_assert_true (resfri_csv_reader_next (reader, &error));
  g_assert_cmpuint (resfri_csv_reader_get_line (reader), ==, 3);
  g_assert_false (resfri_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
test_csv_round_trip (void)
{
  /* The characters that matter to quoting, and some that do not. */
  static const char * const pieces[] = {
    "a", "Å", "ö", " ", "\t", ",", "\"", "\r", "\n", "\r\n", ";", "x", "1", "\xef\xbb\xbf",
  };

  g_test_summary ("Random records written and read back are the same, line numbers included");

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(ResfriCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      guint n_records = g_test_rand_int_range (1, 8);
      guint line = 1;
      guint r = 0;

      for (guint i = 0; i < n_records; i++)
        {
          guint n_fields = g_test_rand_int_range (1, 5);
          char **fields = g_new0 (char *, n_fields + 1);

          for (guint f = 0; f < n_fields; f++)
            {
              g_autoptr(GString) field = g_string_new (NULL);
              guint n_pieces = g_test_rand_int_range (0, 6);

              for (guint p = 0; p < n_pieces; p++)
                g_string_append (field, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
              fields[f] = g_string_free (g_steal_pointer (&field), FALSE);
            }

          /* A record of blanks only would be a blank line: the writer
           * quotes a leading blank, so only an all-empty record of several
           * fields could be one, and that is written as commas. */
          g_array_append_val (lines, line);
          resfri_csv_append_record (out, (const char * const *) fields, n_fields);
          for (guint f = 0; f < n_fields; f++)
            for (const char *p = fields[f]; *p; p++)
              if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
                line++;
          line++;
          g_ptr_array_add (records, fields);
        }

      reader = resfri_csv_reader_new ("random.csv", out->str, out->len);
      while (resfri_csv_reader_next (reader, &error))
        {
          g_assert_cmpuint (r, <, records->len);
          g_assert_cmpstrv (resfri_csv_reader_get_fields (reader),
                            (const char * const *) records->pdata[r]);
          g_assert_cmpuint (resfri_csv_reader_get_line (reader), ==,
                            g_array_index (lines, guint, r));
          r++;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (r, ==, records->len);
    }
}

static void
test_csv_filename (void)
{
  g_autoptr(ResfriCsvReader) reader = resfri_csv_reader_new (NULL, "a\"", 2);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (resfri_csv_reader_get_filename (reader), ==, "-");
  g_assert_false (resfri_csv_reader_next (reader, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "-:1: "));
}

static void
test_csv_long_input (void)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(ResfriCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_test_summary ("Many records and one long quoted field keep their line numbers");

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (data, "p%u@vanersborg.se,\"Person %u\"\r\n", i, i);
  g_string_append_c (data, '"');
  for (guint i = 0; i < 1000; i++)
    g_string_append (data, "rad\n");
  g_string_append (data, "\",slut");

  reader = resfri_csv_reader_new ("long.csv", data->str, data->len);
  while (resfri_csv_reader_next (reader, &error))
    {
      n++;
      g_assert_cmpuint (resfri_csv_reader_get_line (reader), ==, n);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 10001);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (read_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/read/%s", read_cases[i].name);

      g_test_add_data_func (path, &read_cases[i], test_csv_read);
    }

  g_test_add_func ("/csv/write/field", test_csv_write_field);
  g_test_add_func ("/csv/write/record", test_csv_write_record);
  g_test_add_func ("/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/csv/filename", test_csv_filename);
  g_test_add_func ("/csv/long-input", test_csv_long_input);

  return g_test_run ();
}
