/* test-ical.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading an iCalendar document (resfri-ical.c): the components with their
 * lines and original text, errors as "FILE:LINE: what", the classification
 * of BEGIN and END lines, and the importer's fast split of a file into its
 * VEVENTs (resfri-ical-split.c).
 */

#include "config.h"

#include <string.h>

#include "resfri-core.h"
#include "resfri-ical-split.h"
#include "resfri-timezone.h"

#define CAL_BEGIN "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//Test//EN\r\n"
#define CAL_END "END:VCALENDAR\r\n"

/* Reader errors */

typedef struct
{
  const char *name;
  const char *ics;
  const char *prefix;   /* expected start of the message */
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "empty", "", "bad.ics:1: " },
  { "garbage", "hello\r\nworld\r\n", "bad.ics:1: " },
  {
    "bad-dtend-value",
    CAL_BEGIN "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260115T090000Z\r\nDTEND:abc\r\nEND:VEVENT\r\n" CAL_END,
    "bad.ics:7: Can't parse as DATE-TIME"
  },
  {
    "bad-rrule-folded",
    CAL_BEGIN "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260115T090000Z\r\nRRULE:FREQ=\r\n FOO\r\nEND:VEVENT\r\n" CAL_END,
    "bad.ics:7: Can't parse as RECUR"
  },
  {
    "missing-end",
    CAL_BEGIN "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260115T090000Z\r\n",
    "bad.ics:6: "
  },
  {
    "no-dtstart",
    CAL_BEGIN "BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:x\r\nEND:VEVENT\r\n" CAL_END,
    "bad.ics:4: "
  },
  {
    /* A VEVENT without a UID gets a derived one, but needs a DTSTART. */
    "no-uid-no-dtstart",
    CAL_BEGIN "BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n" CAL_END,
    "bad.ics:4: "
  },
};

/* The error of reading @c's document as "bad.ics" and expanding it. */
static GError *
read_case (const ErrorCase *c)
{
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GArray) occurrences = NULL;
  GError *error = NULL;

  doc = resfri_ical_document_parse (c->ics, -1, "bad.ics", &error);
  if (doc != NULL)
    occurrences = resfri_expand_document (doc, 0, G_MAXINT64 / 2, &error);

  return error;
}

static void
test_error_case (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(GError) error = read_case (c);

  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, c->prefix));
}


/* The document */

#define TWO_EVENTS \
  CAL_BEGIN \
  "BEGIN:VEVENT\r\nUID:one\r\nDTSTART:20260115T090000Z\r\nEND:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:two\r\nSUMMARY:Tv\r\n å\r\nDTSTART:20260116T090000Z\r\nEND:VEVENT\r\n" \
  CAL_END

static void
test_document_lines_and_text (void)
{
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  icalcomponent *cal;
  icalcomponent *one;
  icalcomponent *two;
  const char *peek;
  gsize length = 0;

  doc = resfri_ical_document_parse (TWO_EVENTS, -1, "two.ics", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resfri_ical_document_get_filename (doc), ==, "two.ics");
  g_assert_cmpuint (resfri_ical_document_get_roots (doc)->len, ==, 1);

  cal = g_ptr_array_index (resfri_ical_document_get_roots (doc), 0);
  g_assert_cmpint (icalcomponent_isa (cal), ==, ICAL_VCALENDAR_COMPONENT);
  one = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT);
  two = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT);
  g_assert_cmpstr (icalcomponent_get_uid (one), ==, "one");
  g_assert_cmpstr (icalcomponent_get_uid (two), ==, "two");

  /* Lines of the BEGINs, as the file numbers them. */
  g_assert_cmpuint (resfri_ical_document_get_line (doc, cal), ==, 1);
  g_assert_cmpuint (resfri_ical_document_get_line (doc, one), ==, 4);
  g_assert_cmpuint (resfri_ical_document_get_line (doc, two), ==, 8);

  /* The text as the file had it, folding and line ends included. */
  text = resfri_ical_document_dup_text (doc, two);
  g_assert_cmpstr (text, ==,
                   "BEGIN:VEVENT\r\nUID:two\r\nSUMMARY:Tv\r\n å\r\nDTSTART:20260116T090000Z\r\nEND:VEVENT\r\n");
  peek = resfri_ical_document_peek_text (doc, two, &length);
  g_assert_nonnull (peek);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_true (memcmp (peek, text, length) == 0);

  /* A component the document does not hold. */
  {
    g_autoptr(icalcomponent) other = icalcomponent_new_vevent ();

    g_assert_cmpuint (resfri_ical_document_get_line (doc, other), ==, 0);
    g_assert_null (resfri_ical_document_dup_text (doc, other));
  }
}

static void
test_document_several_roots (void)
{
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *roots;

  doc = resfri_ical_document_parse (CAL_BEGIN CAL_END CAL_BEGIN CAL_END, -1, "two-cals.ics", &error);
  g_assert_no_error (error);
  roots = resfri_ical_document_get_roots (doc);
  g_assert_cmpuint (roots->len, ==, 2);
  g_assert_cmpuint (resfri_ical_document_get_line (doc, g_ptr_array_index (roots, 0)), ==, 1);
  g_assert_cmpuint (resfri_ical_document_get_line (doc, g_ptr_array_index (roots, 1)), ==, 5);
}

/* A part of a file keeps the file's line numbers, in its messages too. */
static void
test_document_part (void)
{
  const char *vevent = "BEGIN:VEVENT\r\nUID:p\r\nDTSTART:20260115T090000Z\r\nEND:VEVENT\r\n";
  const char *broken = "BEGIN:VEVENT\r\nUID:p\r\nDTSTART:20260115T090000Z\r\nDTEND:abc\r\nEND:VEVENT\r\n";
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(ResfriIcalDocument) bad = NULL;
  g_autoptr(GError) error = NULL;

  doc = resfri_ical_document_parse_part (vevent, strlen (vevent), "big.ics", 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resfri_ical_document_get_roots (doc)->len, ==, 1);
  g_assert_cmpuint (resfri_ical_document_get_line (doc, g_ptr_array_index (resfri_ical_document_get_roots (doc), 0)),
                    ==, 1000);

  bad = resfri_ical_document_parse_part (broken, strlen (broken), "big.ics", 1000, &error);
  g_assert_null (bad);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
  g_assert_true (g_str_has_prefix (error->message, "big.ics:1003: "));
}

/* BEGIN and END lines as libical reads them */

typedef struct
{
  const char *line;
  const char *keyword;
  gboolean    expected;
} LineCase;

static const LineCase line_cases[] = {
  { "BEGIN:VEVENT", "BEGIN", TRUE },
  { "begin:vevent", "BEGIN", TRUE },
  { "END:VEVENT", "END", TRUE },
  { "END:VEVENT", "BEGIN", FALSE },
  { "END :X", "END", TRUE },            /* libical cuts the space before ':' */
  { "BEGIN;X-PARAM=1:VEVENT", "BEGIN", TRUE },
  { "BEGINNING:x", "BEGIN", FALSE },
  { "DESCRIPTION:BEGIN:VEVENT", "BEGIN", FALSE },
  { "BEGIN", "BEGIN", FALSE },          /* no delimiter */
  { "X-A;P=\"a:b\":END", "END", FALSE },
};

static void
test_line_is (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (line_cases); i++)
    {
      g_test_message ("%s / %s", line_cases[i].line, line_cases[i].keyword);
      g_assert_cmpint (resfri_ical_line_is (line_cases[i].line, line_cases[i].keyword), ==,
                       line_cases[i].expected);
    }
}

/* The importer's fast split */

typedef struct
{
  const char *name;
  const char *ics;
  gboolean    simple;
  guint       n_calendars;
  const char *parts;      /* "LINE:CALENDAR " per VEVENT */
  const char *skeleton;
} SplitCase;

static const SplitCase split_cases[] = {
  {
    "one-calendar",
    CAL_BEGIN "BEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nEND:VEVENT\r\n" CAL_END,
    TRUE, 1, "4:0 7:0 ", CAL_BEGIN CAL_END
  },
  {
    "two-calendars-and-vtimezone",
    CAL_BEGIN "BEGIN:VTIMEZONE\r\nTZID:X\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\n" CAL_END
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:b\nEND:VEVENT\nEND:VCALENDAR\n",
    TRUE, 2, "7:0 12:1 ",
    CAL_BEGIN "BEGIN:VTIMEZONE\r\nTZID:X\r\nEND:VTIMEZONE\r\n" CAL_END "BEGIN:VCALENDAR\nEND:VCALENDAR\n"
  },
  {
    "byte-order-mark",
    "\xEF\xBB\xBF" CAL_BEGIN "BEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\n" CAL_END,
    TRUE, 1, "4:0 ", "\xEF\xBB\xBF" CAL_BEGIN CAL_END
  },
  {
    /* Line ends of CR alone, LF alone and CRLF mixed; a last line without one. */
    "mixed-line-ends",
    "BEGIN:VCALENDAR\rVERSION:2.0\nBEGIN:VEVENT\rUID:a\r\nEND:VEVENT\rBEGIN:VEVENT\nUID:b\r\r"
    "DESCRIPTION:x\n\nEND:VEVENT\r\nEND:VCALENDAR",
    TRUE, 1, "3:0 6:0 ", "BEGIN:VCALENDAR\rVERSION:2.0\nEND:VCALENDAR"
  },
  { "no-calendar", "", FALSE, 0, NULL, NULL },
  { "bare-vevent", "BEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\n", FALSE, 0, NULL, NULL },
  { "text-outside", CAL_BEGIN CAL_END "hello\r\n", FALSE, 0, NULL, NULL },
  { "unclosed", CAL_BEGIN "BEGIN:VEVENT\r\nUID:a\r\n", FALSE, 0, NULL, NULL },
  { "mismatched-end", CAL_BEGIN "BEGIN:VEVENT\r\nEND:VTODO\r\n" CAL_END, FALSE, 0, NULL, NULL },
  { "folded-begin", CAL_BEGIN "BEGIN:VEV\r\n ENT\r\nEND:VEVENT\r\n" CAL_END, FALSE, 0, NULL, NULL },
  { "parameter-on-begin", CAL_BEGIN "BEGIN;X=1:VEVENT\r\nEND:VEVENT\r\n" CAL_END, FALSE, 0, NULL, NULL },
  { "space-before-colon", CAL_BEGIN "BEGIN:VEVENT\r\nEND :VEVENT\r\n" CAL_END, FALSE, 0, NULL, NULL },
};

static void
test_split_case (gconstpointer data)
{
  const SplitCase *c = data;
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (ResfriIcalPart));
  g_autoptr(GString) skeleton = g_string_new (NULL);
  g_autoptr(GString) found = g_string_new (NULL);
  guint n_calendars = 0;
  gboolean simple;

  simple = resfri_ical_split_calendars (c->ics, strlen (c->ics), parts, skeleton, &n_calendars);
  g_assert_cmpint (simple, ==, c->simple);
  if (!simple)
    return;

  g_assert_cmpuint (n_calendars, ==, c->n_calendars);
  for (guint i = 0; i < parts->len; i++)
    {
      const ResfriIcalPart *part = &g_array_index (parts, ResfriIcalPart, i);

      g_string_append_printf (found, "%u:%u ", part->line, part->calendar);
      /* Each part is its VEVENT, from BEGIN to after the END line. */
      g_assert_true (g_str_has_prefix (c->ics + part->start, "BEGIN:VEVENT"));
      g_assert_true (g_ascii_strncasecmp (c->ics + part->end - strlen ("END:VEVENT\r\n"), "END:VEVENT", 10) == 0 ||
                     g_ascii_strncasecmp (c->ics + part->end - strlen ("END:VEVENT\n"), "END:VEVENT", 10) == 0);
    }
  g_assert_cmpstr (found->str, ==, c->parts);
  g_assert_cmpstr (skeleton->str, ==, c->skeleton);
}

/* A file with a NUL is never split: the whole-document path reports it. */
static void
test_split_nul (void)
{
  static const char data[] = "BEGIN:VCALENDAR\r\n\0END:VCALENDAR\r\n";
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (ResfriIcalPart));
  g_autoptr(GString) skeleton = g_string_new (NULL);
  guint n_calendars = 0;

  g_assert_false (resfri_ical_split_calendars (data, sizeof data - 1, parts, skeleton, &n_calendars));
}

/* Instants of zoned times, remembered per zone (resfri-timezone.c): the
 * same wall time in two zones of the same TZID, and the times of a DST
 * change, come out the same the second time as the first. */

static gint64
dtstart_of (const char *text)
{
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  icalcomponent *vcal, *vevent;

  doc = resfri_ical_document_parse (text, strlen (text), "zone.ics", &error);
  g_assert_no_error (error);
  vcal = g_ptr_array_index (resfri_ical_document_get_roots (doc), 0);
  vevent = icalcomponent_get_first_component (vcal, ICAL_VEVENT_COMPONENT);
  g_assert_nonnull (vevent);

  return resfri_ical_time_to_unix (resfri_ical_property_get_time (
    icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY), vevent));
}

static char *
calendar_in (const char *offset,
             const char *tzid,
             const char *start)
{
  return g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
                          "%s%s%s%s%s"
                          "BEGIN:VEVENT\r\nUID:z\r\nDTSTAMP:20260101T000000Z\r\n"
                          "DTSTART;TZID=%s:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                          offset != NULL ? "BEGIN:VTIMEZONE\r\nTZID:X-Resfri/Test\r\nBEGIN:STANDARD\r\n"
                                           "DTSTART:19700101T000000\r\nTZOFFSETFROM:" : "",
                          offset != NULL ? offset : "",
                          offset != NULL ? "\r\nTZOFFSETTO:" : "",
                          offset != NULL ? offset : "",
                          offset != NULL ? "\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n" : "",
                          tzid, start);
}

static void
test_time_to_unix_remembered (void)
{
  g_autofree char *plus1 = calendar_in ("+0100", "X-Resfri/Test", "20260315T090000");
  g_autofree char *plus3 = calendar_in ("+0300", "X-Resfri/Test", "20260315T090000");
  g_autofree char *gap = calendar_in (NULL, "Europe/Stockholm", "20260329T023000");
  g_autofree char *overlap = calendar_in (NULL, "Europe/Stockholm", "20261025T023000");
  g_autofree char *summer = calendar_in (NULL, "Europe/Stockholm", "20260315T090000");

  for (int round = 0; round < 3; round++)
    {
      g_assert_cmpint (dtstart_of (plus1), ==, 1773561600);     /* 2026-03-15 08:00Z */
      g_assert_cmpint (dtstart_of (plus3), ==, 1773554400);     /* 06:00Z */
      g_assert_cmpint (dtstart_of (summer), ==, 1773561600);    /* CET: 08:00Z */
      g_assert_cmpint (dtstart_of (gap), ==, 1774747800);       /* 2026-03-29 01:30Z */
      g_assert_cmpint (dtstart_of (overlap), ==, 1792888200);   /* 2026-10-25 00:30Z, the first */
    }
}

/* Parses the malformed document of error_cases[2] a few hundred times;
 * TRUE when each gave its error. */
static gpointer
parse_bad_many (gpointer data)
{
  const ErrorCase *c = data;

  for (int i = 0; i < 300; i++)
    {
      g_autoptr(GError) error = read_case (c);

      if (error == NULL || !g_str_has_prefix (error->message, c->prefix))
        return GINT_TO_POINTER (FALSE);
    }

  return GINT_TO_POINTER (TRUE);
}

static void
test_error_state_threads (void)
{
  const ErrorCase *c = &error_cases[2];
  GThread *threads[2];

  g_test_summary ("libical's malformed-data errors are made non-fatal once for the process, "
                  "not set and restored around each parse (which two threads parsing at once "
                  "undid for each other): each thread gets the document's error every time");

  g_assert_cmpstr (c->name, ==, "bad-dtend-value");
  resfri_ical_get_home_zone ();
  g_assert_cmpint (icalerror_get_error_state (ICAL_MALFORMEDDATA_ERROR), ==, ICAL_ERROR_NONFATAL);

  for (gsize k = 0; k < G_N_ELEMENTS (threads); k++)
    threads[k] = g_thread_new ("parse", parse_bad_many, (gpointer) c);
  g_assert_true (GPOINTER_TO_INT (parse_bad_many ((gpointer) c)));
  for (gsize k = 0; k < G_N_ELEMENTS (threads); k++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[k])));

  g_assert_cmpint (icalerror_get_error_state (ICAL_MALFORMEDDATA_ERROR), ==, ICAL_ERROR_NONFATAL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ical/document/lines-and-text", test_document_lines_and_text);
  g_test_add_func ("/ical/document/several-roots", test_document_several_roots);
  g_test_add_func ("/ical/document/part", test_document_part);
  for (gsize i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ical/errors/%s", error_cases[i].name);
      g_test_add_data_func (path, &error_cases[i], test_error_case);
    }
  g_test_add_func ("/ical/errors/state-threads", test_error_state_threads);
  g_test_add_func ("/ical/line-is", test_line_is);
  for (gsize i = 0; i < G_N_ELEMENTS (split_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ical/split/%s", split_cases[i].name);
      g_test_add_data_func (path, &split_cases[i], test_split_case);
    }
  g_test_add_func ("/ical/split/nul", test_split_nul);
  g_test_add_func ("/ical/time-to-unix/remembered", test_time_to_unix_remembered);

  return g_test_run ();
}
