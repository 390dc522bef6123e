/* test-convert.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Converting a series (spec/planning.md "Acting on it"), on the registers
 * of followup-fixture.h and one series worked out by hand:
 *   s1 weekly on Tuesdays 2026-09-01, -08, -15, -22 at 09:00Z, in person at
 *   Vänersborg, anna organises, bo attends: bo travels 2 × 29.5524 km from
 *   Uddevalla → non_compliant, four times.
 * Converted whole: four travel-free (online). Converted from 2026-09-15:
 * the first two stay non_compliant, the last two are travel-free. The
 * written calendar (export) imported into a new database gives the same
 * verdicts.
 */

#include "config.h"

#include <string.h>

#include "resfri-core.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

#include "followup-fixture.h"


static gboolean
collect (const ResfriResolvedOccurrence *occurrence,
         gpointer                        user_data)
{
  GString *out = user_data;

  if (strcmp (occurrence->uid, "s1") == 0)
    g_string_append_printf (out, "%s %s %s\n", occurrence->recurrence_id,
                            resfri_mode_to_string (occurrence->mode),
                            resfri_verdict_to_string (occurrence->verdict));

  return TRUE;
}

/* "RECURRENCE-ID MODE VERDICT" of each occurrence of s1. */
static char *
verdicts (ResfriStore *store)
{
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  g_assert_true (resfri_policy_check_occurrences (store, NULL, 0, 0, collect, out, NULL, &error));
  g_assert_no_error (error);

  return g_string_free (out, FALSE);
}

/* The export of s1 imported into a new database with the same registers
 * gives the same verdicts. */
static void
assert_round_trip (Fixture    *fixture,
                   const char *expected)
{
  const struct { ResfriRegister kind; const char *csv; } registers[] = {
    { RESFRI_REGISTER_SITES, sites_csv },
    { RESFRI_REGISTER_PEOPLE, people_csv },
    { RESFRI_REGISTER_INVENTORY, inventory_csv },
  };
  g_autoptr(ResfriStore) other = resfri_test_fixture_open_other (fixture, "other.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  gsize length = 0;

  text = resfri_store_export_meeting_ical (fixture->store, "s1", "PUBLISH", &length, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (registers); i++)
    g_assert_true (resfri_register_import_data (other, registers[i].kind, "fixture.csv",
                                                registers[i].csv, strlen (registers[i].csv),
                                                NULL, &error));
  g_assert_true (resfri_store_import_ical (other, text, length, "export.ics", NULL, &error));
  g_assert_no_error (error);

  again = verdicts (other);
  g_assert_cmpstr (again, ==, expected);
}

static void
test_whole (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ResfriConvertResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = verdicts (fixture->store);
  g_autofree char *after = NULL;

  g_assert_cmpstr (before, ==,
                   "20260901T090000Z in_person non_compliant\n"
                   "20260908T090000Z in_person non_compliant\n"
                   "20260915T090000Z in_person non_compliant\n"
                   "20260922T090000Z in_person non_compliant\n");

  result = resfri_convert_series (fixture->store, "s1", NULL, "https://meet.example.se/s1", FALSE,
                                  0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_null (result->from);
  g_assert_cmpuint (result->occurrences, ==, 4);
  g_assert_cmpuint (result->non_compliant_before, ==, 4);
  g_assert_cmpuint (result->non_compliant_after, ==, 0);
  g_assert_cmpint (result->written, ==, RESFRI_MEETING_WRITE_NONE);
  /* Online, anna (equipped) needs nothing, bo (his camera broken) a
   * camera from the UDD pool, which has none: listed, not booked. */
  g_assert_cmpuint (result->booked, ==, 0);
  g_assert_cmpuint (result->unserved->len, ==, 4);
  for (guint i = 0; i < result->unserved->len; i++)
    {
      const ResfriConvertNeed *need = g_ptr_array_index (result->unserved, i);

      g_assert_cmpstr (need->person, ==, "bo@vbg.example");
      g_assert_cmpstr (need->type, ==, "camera");
      g_assert_cmpstr (need->site, ==, "UDD");
    }

  after = verdicts (fixture->store);
  g_assert_cmpstr (after, ==,
                   "20260901T090000Z online travel_free\n"
                   "20260908T090000Z online travel_free\n"
                   "20260915T090000Z online travel_free\n"
                   "20260922T090000Z online travel_free\n");
  assert_round_trip (fixture, after);

  /* Undo puts it back. */
  g_assert_true (resfri_meeting_restore (fixture->store, result->versions, &error));
  g_assert_no_error (error);
  g_free (after);
  after = verdicts (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_this_and_future (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ResfriConvertResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = verdicts (fixture->store);
  gsize length;

  result = resfri_convert_series (fixture->store, "s1", "20260915T090000Z",
                                  "https://meet.example.se/s1", TRUE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->from, ==, "20260915T090000Z");
  g_assert_true (result->hybrid);
  g_assert_cmpuint (result->occurrences, ==, 2);
  g_assert_cmpuint (result->non_compliant_before, ==, 2);
  g_assert_cmpuint (result->non_compliant_after, ==, 0);

  after = verdicts (fixture->store);
  g_assert_cmpstr (after, ==,
                   "20260901T090000Z in_person non_compliant\n"
                   "20260908T090000Z in_person non_compliant\n"
                   "20260915T090000Z hybrid travel_free\n"
                   "20260922T090000Z hybrid travel_free\n");

  /* The written calendar holds a THISANDFUTURE override with the link,
   * and reads back the same. */
  text = resfri_store_export_meeting_ical (fixture->store, "s1", "PUBLISH", &length, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "RECURRENCE-ID;RANGE=THISANDFUTURE:20260915T090000Z"));
  g_assert_nonnull (strstr (text, "CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://meet.example.se/s1"));
  g_assert_nonnull (strstr (text, "LOCATION:Vänersborg"));
  assert_round_trip (fixture, after);

  /* Undo removes the override: all four non-compliant again. */
  g_assert_true (resfri_meeting_restore (fixture->store, result->versions, &error));
  g_assert_no_error (error);
  g_free (after);
  after = verdicts (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

/* A camera in the UDD pool: bo's four needs are booked from it, once the
 * occurrences ahead of "now" (the second on) only. */
static void
test_books (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ResfriConvertResult) result = NULL;
  g_autoptr(ResfriItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = resfri_inventory_add (fixture->store, "C8", "camera", "UDD", NULL, NULL, 1100, &error);
  g_assert_no_error (error);

  /* now = 2026-09-05: the first occurrence is over. */
  result = resfri_convert_series (fixture->store, "s1", NULL, "https://meet.example.se/s1", FALSE,
                                  1788566400, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->occurrences, ==, 4);
  g_assert_cmpuint (result->booked, ==, 3);
  g_assert_cmpuint (result->unserved->len, ==, 0);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = verdicts (fixture->store);
  g_autofree char *after = NULL;

  g_assert_null (resfri_convert_series (fixture->store, "nope", NULL, "https://meet.example.se/",
                                        FALSE, 0, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (resfri_convert_series (fixture->store, "s1", "20260916T090000Z",
                                        "https://meet.example.se/", FALSE, 0, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (resfri_convert_series (fixture->store, "s1", NULL, "meet.example.se", FALSE, 0,
                                        NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);

  after = verdicts (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/convert/" path, Fixture, NULL, series_fixture_set_up, func, fixture_tear_down)

  ADD ("whole", test_whole);
  ADD ("this-and-future", test_this_and_future);
  ADD ("books", test_books);
  ADD ("refusals", test_refusals);

#undef ADD

  return g_test_run ();
}
