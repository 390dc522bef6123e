/* test-planning.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Candidates and the what-if (spec/planning.md) on a hand-worked fixture,
 * the what-if's optimum checked against every subset, a target that
 * cannot be reached, a time-limited run and cancellation.
 */

#include "config.h"

#include <math.h>

#include "planning-fixture.h"

static ResfriCandidates *
compute (Fixture    *fixture,
         const char *unit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026-03", &error);
  ResfriCandidates *candidates;

  g_assert_no_error (error);
  candidates = resfri_candidates_compute (fixture->store, NULL, period, unit, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (candidates);

  return candidates;
}

static const ResfriCandidate *
find (ResfriCandidates *candidates,
      const char       *uid)
{
  for (guint i = 0; i < candidates->candidates->len; i++)
    {
      const ResfriCandidate *c = g_ptr_array_index (candidates->candidates, i);

      if (g_str_equal (c->uid, uid))
        return c;
    }
  g_assert_not_reached ();
}

static void
test_candidates (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(ResfriCandidates) candidates = compute (fixture, NULL);
  static const char * const order[] = { "c2", "c1", "c4", "c3", "c5" };
  const ResfriCandidate *c;
  const ResfriCandidateNeed *need;
  double share;

  g_assert_cmpuint (candidates->counted, ==, 14);
  g_assert_cmpuint (candidates->travel_free, ==, 5);
  g_assert_true (resfri_candidates_get_share (candidates, &share));
  g_assert_cmpfloat_with_epsilon (share, 5.0 / 14, 1e-12);

  /* Most avoided cost first; equal ones by UID. */
  g_assert_cmpuint (candidates->candidates->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (((ResfriCandidate *) g_ptr_array_index (candidates->candidates, i))->uid, ==,
                     order[i]);

  c = find (candidates, "c2");
  g_assert_cmpuint (c->occurrences, ==, 3);
  g_assert_null (c->recurrence_ids);   /* the whole series in March */
  g_assert_cmpfloat_with_epsilon (c->avoided_km, 300, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->avoided_cost_sek, 750, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->avoided_co2_kg, 36, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->avoided_hours, 300 / 70.0, 1e-9);
  g_assert_cmpstr (c->organizer, ==, "b1@x.se");
  g_assert_cmpstr (c->unit, ==, "U2");
  /* One headset at A at a time; alone with today's plans it fits. */
  g_assert_cmpuint (c->needs->len, ==, 1);
  need = g_ptr_array_index (c->needs, 0);
  g_assert_cmpstr (need->site, ==, "A");
  g_assert_cmpstr (need->type, ==, "headset");
  g_assert_cmpuint (need->demand, ==, 1);
  g_assert_cmpuint (need->missing, ==, 0);
  g_assert_true (c->served);

  /* c4 wants two headsets where the pool has one. */
  c = find (candidates, "c4");
  g_assert_cmpfloat_with_epsilon (c->avoided_cost_sek, 500, 1e-9);
  need = g_ptr_array_index (c->needs, 0);
  g_assert_cmpuint (need->demand, ==, 2);
  g_assert_cmpuint (need->missing, ==, 1);
  g_assert_false (c->served);

  /* c3 overlaps today's online meeting, which takes the one headset. */
  c = find (candidates, "c3");
  g_assert_cmpstr (c->unit, ==, "U1");
  need = g_ptr_array_index (c->needs, 0);
  g_assert_cmpuint (need->missing, ==, 1);
  g_assert_false (c->served);

  /* a6 owns a headset: c5 needs nothing. */
  c = find (candidates, "c5");
  g_assert_cmpuint (c->needs->len, ==, 0);
  g_assert_true (c->served);
}

static void
test_candidates_part_of_series (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026-03-03..2026-03-31", &error);
  g_autoptr(ResfriCandidates) candidates = NULL;
  const ResfriCandidate *c;

  /* From the 3rd, c2's two later days are in the period: the whole series
   * there, no list. */
  candidates = resfri_candidates_compute (fixture->store, NULL, period, NULL, NULL, &error);
  g_assert_no_error (error);
  c = find (candidates, "c2");
  g_assert_cmpuint (c->occurrences, ==, 2);
  g_assert_null (c->recurrence_ids);

  /* Exempting one occurrence leaves the others as the candidate: listed. */
  g_assert_true (resfri_store_set_exemption (fixture->store, "c2", "20260303T093000Z",
                                             "confidential", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&candidates, resfri_candidates_unref);
  candidates = resfri_candidates_compute (fixture->store, NULL, period, NULL, NULL, &error);
  g_assert_no_error (error);
  c = find (candidates, "c2");
  g_assert_cmpuint (c->occurrences, ==, 1);
  g_assert_nonnull (c->recurrence_ids);
  g_assert_cmpstrv (c->recurrence_ids, ((const char * const[]) { "20260304T093000Z", NULL }));
}

static void
test_candidates_unit (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(ResfriCandidates) candidates = compute (fixture, "U1");
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026-03", NULL);

  /* Only c3 is organised in U1 (by b2). */
  g_assert_cmpuint (candidates->candidates->len, ==, 1);
  g_assert_cmpstr (find (candidates, "c3")->uid, ==, "c3");
  g_assert_cmpuint (candidates->counted, ==, 1);
  g_assert_cmpuint (candidates->travel_free, ==, 0);
  g_assert_cmpstr (candidates->unit, ==, "U1");

  g_assert_null (resfri_candidates_compute (fixture->store, NULL, period, "Nope", NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
}

/* ---- The what-if against every subset ------------------------------------ */

typedef struct
{
  const char *uid;
  guint       occurrences;
  double      avoided;
} Hand;

static const Hand hand[] = {
  { "c1", 2, 500 }, { "c2", 3, 750 }, { "c3", 1, 250 }, { "c4", 1, 500 }, { "c5", 1, 250 },
};

/* The fixture's cost of a subset (bit i: hand[i]), worked by hand above. */
static double
hand_cost (guint mask)
{
  int x[5];
  int buy;

  for (guint i = 0; i < 5; i++)
    x[i] = (mask >> i) & 1;
  buy = MAX (0, MAX (x[0] + x[1] + 2 * x[3] - 1, x[2]));

  return 900.0 * buy;
}

/* The best subset by spec/planning.md's order: least cost, most avoided,
 * fewest conversions; -1 when none reaches @needed. Sets @unique when no
 * other subset ties on all three. */
static int
brute_force (guint     needed,
             gboolean *unique)
{
  int best = -1;

  *unique = TRUE;
  for (guint mask = 0; mask < 32; mask++)
    {
      guint occ = 0;
      double avoided = 0;
      guint count = 0;
      double best_avoided = 0;
      guint best_count = 0;

      for (guint i = 0; i < 5; i++)
        if ((mask >> i) & 1)
          {
            occ += hand[i].occurrences;
            avoided += hand[i].avoided;
            count++;
          }
      if (occ < needed)
        continue;
      if (best >= 0)
        for (guint i = 0; i < 5; i++)
          if (((guint) best >> i) & 1)
            {
              best_avoided += hand[i].avoided;
              best_count++;
            }
      if (best < 0 || hand_cost (mask) < hand_cost ((guint) best) ||
          (hand_cost (mask) == hand_cost ((guint) best) &&
           (avoided > best_avoided || (avoided == best_avoided && count < best_count))))
        {
          best = (int) mask;
          *unique = TRUE;
        }
      else if (hand_cost (mask) == hand_cost ((guint) best) && avoided == best_avoided &&
               count == best_count)
        *unique = FALSE;
    }

  return best;
}

static guint
mask_of (const ResfriWhatif *whatif)
{
  guint mask = 0;

  for (guint i = 0; i < whatif->conversions->len; i++)
    {
      const ResfriCandidate *c = g_ptr_array_index (whatif->conversions, i);

      for (guint h = 0; h < G_N_ELEMENTS (hand); h++)
        if (g_str_equal (c->uid, hand[h].uid))
          mask |= 1u << h;
    }

  return mask;
}

static void
test_whatif_every_subset (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(ResfriCandidates) candidates = compute (fixture, NULL);

  /* Every target in steps of 1/28 (half an occurrence of 14). */
  for (guint step = 0; step <= 28; step++)
    {
      double target = step / 28.0;
      guint needed = (guint) MAX (0, ceil (target * 14 - 5 - 1e-9));
      g_autoptr(ResfriWhatif) whatif = NULL;
      g_autoptr(GError) error = NULL;
      gboolean unique;
      int best = brute_force (needed, &unique);
      double avoided = 0;

      whatif = resfri_whatif_solve (candidates, target, 30, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("target %.4f: needed %u, best %d, solver %u", target, needed, best,
                      mask_of (whatif));

      if (best < 0)
        {
          /* Every candidate: 8 of them, 13 of 14. */
          g_assert_false (whatif->reachable);
          g_assert_cmpuint (whatif->conversions->len, ==, 5);
          g_assert_cmpfloat_with_epsilon (whatif->share_after, 13.0 / 14, 1e-12);
          g_assert_cmpfloat_with_epsilon (whatif->total_cost, hand_cost (31), 1e-9);
          continue;
        }

      g_assert_true (whatif->reachable);
      g_assert_true (whatif->optimal);
      g_assert_cmpfloat (whatif->gap, ==, 0);
      g_assert_cmpfloat_with_epsilon (whatif->total_cost, hand_cost ((guint) best), 1e-9);
      g_assert_cmpfloat_with_epsilon (whatif->bound, whatif->total_cost, 1e-9);
      for (guint h = 0; h < G_N_ELEMENTS (hand); h++)
        if (((guint) best >> h) & 1)
          avoided += hand[h].avoided;
      g_assert_cmpfloat_with_epsilon (whatif->avoided_cost_sek, avoided, 1e-6);
      if (unique)
        g_assert_cmpuint (mask_of (whatif), ==, (guint) best);
      g_assert_cmpfloat (whatif->share_after, >=, target - 1e-12);
    }
}

static void
test_whatif_figures (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(ResfriCandidates) candidates = compute (fixture, NULL);
  g_autoptr(ResfriWhatif) whatif = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriWhatifOrder *order;

  /* 0.85 of 14 is 11.9: 7 more. Leaving c4 out is the only way to 7 at
   * one headset (c1 + c2 + c3 + c5: buy max (1, 1) = 1). */
  whatif = resfri_whatif_solve (candidates, 0.85, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (whatif->optimal);
  g_assert_cmpuint (mask_of (whatif), ==, 0x17);
  g_assert_cmpfloat_with_epsilon (whatif->share_before, 5.0 / 14, 1e-12);
  g_assert_cmpfloat_with_epsilon (whatif->share_after, 12.0 / 14, 1e-12);
  g_assert_cmpuint (whatif->order->len, ==, 1);
  order = g_ptr_array_index (whatif->order, 0);
  g_assert_cmpstr (order->site, ==, "A");
  g_assert_cmpstr (order->type, ==, "headset");
  g_assert_cmpuint (order->to_order, ==, 1);
  g_assert_cmpfloat (order->unit_cost, ==, 900);
  g_assert_cmpfloat (whatif->total_cost, ==, 900);
  g_assert_cmpfloat_with_epsilon (whatif->avoided_km, 700, 1e-9);
  g_assert_cmpfloat_with_epsilon (whatif->avoided_cost_sek, 1750, 1e-9);
  g_assert_cmpfloat_with_epsilon (whatif->avoided_co2_kg, 84, 1e-9);
  /* March in Stockholm: 31 days less the hour of summer time; 1750 SEK
   * over it is 1750 / (its days / 30.436875 days) a month. */
  g_assert_true (whatif->has_payback);
  g_assert_cmpint (candidates->to - candidates->from, ==, 31 * 86400 - 3600);
  g_assert_cmpfloat_with_epsilon (whatif->payback_months,
                                  900 / (1750 / ((31 - 1 / 24.0) / (365.2425 / 12))), 1e-9);
  /* Most avoided cost first. */
  g_assert_cmpstr (((ResfriCandidate *) g_ptr_array_index (whatif->conversions, 0))->uid, ==, "c2");
}

static void
test_whatif_unreachable (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(ResfriCandidates) candidates = compute (fixture, NULL);
  g_autoptr(ResfriWhatif) whatif = NULL;
  g_autoptr(GError) error = NULL;

  /* The exempt meeting stays: 13 of 14 at most. */
  whatif = resfri_whatif_solve (candidates, 1.0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (whatif->reachable);
  g_assert_cmpfloat_with_epsilon (whatif->share_after, 13.0 / 14, 1e-12);
  g_assert_cmpuint (whatif->conversions->len, ==, 5);
  /* c1 + c2 + 2 c4 - 1 = 3 headsets. */
  g_assert_cmpfloat (whatif->total_cost, ==, 2700);
}

/* Ties: one headset at A. t1 (a1, 09:00-10:00 on two days: 500 SEK)
 * and t2 + t3 (a2 09:00-09:30, a3 09:30-10:00 on the first: 250 + 250)
 * both cost nothing and avoid 500; t1 with either of the others needs a
 * second headset. The fewest conversions win: t1. */
static void
ties_set_up (Fixture       *fixture,
             gconstpointer  user_data)
{
  resfri_test_fixture_set_up (fixture, fixture_sql);
  add_event (fixture, "t1", "0900", "1000", 2, FALSE, NULL, "b1@x.se", "a1@x.se", NULL);
  add_event (fixture, "t2", "0900", "0930", 1, FALSE, NULL, "b1@x.se", "a2@x.se", NULL);
  add_event (fixture, "t3", "0930", "1000", 1, FALSE, NULL, "b1@x.se", "a3@x.se", NULL);
}

static void
test_whatif_ties (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(ResfriCandidates) candidates = compute (fixture, NULL);
  g_autoptr(ResfriWhatif) whatif = NULL;
  g_autoptr(ResfriWhatif) half = NULL;
  g_autoptr(GError) error = NULL;

  whatif = resfri_whatif_solve (candidates, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (whatif->optimal);
  g_assert_cmpfloat (whatif->total_cost, ==, 0);
  g_assert_cmpfloat_with_epsilon (whatif->avoided_cost_sek, 500, 1e-9);
  g_assert_cmpuint (whatif->conversions->len, ==, 1);
  g_assert_cmpstr (((ResfriCandidate *) g_ptr_array_index (whatif->conversions, 0))->uid, ==, "t1");

  /* 3 of 4 needs t1 and one more, so a second headset: with it all three
   * fit (two at a time), and avoiding most they are all converted. */
  half = resfri_whatif_solve (candidates, 0.75, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (half->total_cost, ==, 900);
  g_assert_cmpfloat_with_epsilon (half->avoided_cost_sek, 1000, 1e-9);
  g_assert_cmpuint (half->conversions->len, ==, 3);
}

/* ---- A larger instance: the time limit and cancelling --------------------- */

/* 400 single meetings in B over five days at quarter hours, each with
 * one to three of 30 people of A without a headset; A's pool has one. */
static void
big_set_up (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GString) ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
  g_autoptr(GString) sql = g_string_new (fixture_sql);
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (13);

  for (guint p = 0; p < 30; p++)
    g_string_append_printf (sql, "INSERT INTO people (id, email, name, unit_id, site_id) VALUES"
                            " (%u, 'p%u@x.se', 'P%u', 1, 1);", 100 + p, p, p);
  resfri_test_fixture_set_up (fixture, sql->str);

  for (guint m = 0; m < 400; m++)
    {
      guint day = 2 + g_rand_int_range (rand, 0, 5);
      guint quarter = g_rand_int_range (rand, 28, 64);
      guint length = g_rand_int_range (rand, 2, 9);
      guint n = g_rand_int_range (rand, 1, 4);

      g_string_append_printf (ics, "BEGIN:VEVENT\r\nUID:m%u\r\nDTSTAMP:20260101T000000Z\r\n"
                              "DTSTART:202603%02uT%02u%02u00Z\r\nDURATION:PT%uM\r\n"
                              "SUMMARY:m%u\r\nLOCATION:Bsalen\r\nORGANIZER:mailto:b1@x.se\r\n",
                              m, day, quarter / 4, quarter % 4 * 15, length * 15, m);
      for (guint a = 0; a < n; a++)
        g_string_append_printf (ics, "ATTENDEE:mailto:p%u@x.se\r\n", g_rand_int_range (rand, 0, 30));
      g_string_append (ics, "END:VEVENT\r\n");
    }
  g_string_append (ics, "END:VCALENDAR\r\n");
  g_rand_free (rand);

  g_assert_true (resfri_store_import_ical (fixture->store, ics->str, ics->len, "big.ics", NULL,
                                           &error));
  g_assert_no_error (error);
}

static void
test_whatif_time_limit (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(ResfriCandidates) candidates = compute (fixture, NULL);
  g_autoptr(ResfriWhatif) whatif = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (candidates->candidates->len, >, 300);
  /* A millisecond cannot prove this one: the best found, with a bound. */
  whatif = resfri_whatif_solve (candidates, 0.6, 0.001, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (whatif->optimal);
  g_assert_true (whatif->reachable);
  g_assert_cmpfloat (whatif->gap, >=, 0);
  g_assert_cmpfloat (whatif->gap, <=, 1);
  g_assert_cmpfloat (whatif->bound, <=, whatif->total_cost);
  g_assert_cmpfloat (whatif->share_after, >=, 0.6);
}

/* The CLI's time limit counts from the command's start: when it was spent
 * before the search (here ten seconds ago), the search gets only its least
 * share (a fiftieth of 50 ms: a millisecond) and the answer is the best
 * found, with its bound and gap. */
static void
test_whatif_time_limit_spent (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026-03", NULL);
  g_autoptr(ResfriWhatif) whatif = NULL;
  g_autoptr(GError) error = NULL;

  whatif = resfri_whatif_compute_since (fixture->store, NULL, period, NULL, 0.6, 0.05,
                                        g_get_monotonic_time () - 10 * G_USEC_PER_SEC, NULL,
                                        &error);
  g_assert_no_error (error);
  g_assert_false (whatif->optimal);
  g_assert_true (whatif->reachable);
  g_assert_cmpfloat (whatif->gap, >=, 0);
  g_assert_cmpfloat (whatif->gap, <=, 1);
  g_assert_cmpfloat (whatif->bound, <=, whatif->total_cost);
  g_assert_cmpfloat (whatif->share_after, >=, 0.6);
}

static void
test_whatif_cancel (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(ResfriCandidates) candidates = compute (fixture, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026-03", NULL);

  g_cancellable_cancel (cancellable);
  g_assert_null (resfri_whatif_solve (candidates, 0.6, 60, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (resfri_candidates_compute (fixture->store, NULL, period, NULL, cancellable,
                                            &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GMainLoop    *loop;
  ResfriWhatif *whatif;
  GError       *error;
} Wait;

static void
solved (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Wait *wait = user_data;

  wait->whatif = resfri_whatif_solve_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
test_whatif_async (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(ResfriCandidates) candidates = compute (fixture, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  /* Cancelled while it runs (a minute's limit): it stops and says so. */
  resfri_whatif_solve_async (candidates, 0.7, 60, cancellable, solved, &wait);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (wait.loop);
  g_assert_null (wait.whatif);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);

  /* Not cancelled: the answer of the synchronous call. */
  resfri_whatif_solve_async (candidates, 0.5, 1, NULL, solved, &wait);
  g_main_loop_run (wait.loop);
  g_assert_no_error (wait.error);
  g_assert_nonnull (wait.whatif);
  g_assert_cmpfloat (wait.whatif->share_after, >=, 0.5);
  resfri_whatif_free (wait.whatif);
  g_main_loop_unref (wait.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/planning/candidates", Fixture, NULL, fixture_set_up, test_candidates,
              fixture_tear_down);
  g_test_add ("/planning/candidates/part-of-series", Fixture, NULL, fixture_set_up,
              test_candidates_part_of_series, fixture_tear_down);
  g_test_add ("/planning/candidates/unit", Fixture, NULL, fixture_set_up, test_candidates_unit,
              fixture_tear_down);
  g_test_add ("/planning/whatif/every-subset", Fixture, NULL, fixture_set_up,
              test_whatif_every_subset, fixture_tear_down);
  g_test_add ("/planning/whatif/figures", Fixture, NULL, fixture_set_up, test_whatif_figures,
              fixture_tear_down);
  g_test_add ("/planning/whatif/unreachable", Fixture, NULL, fixture_set_up,
              test_whatif_unreachable, fixture_tear_down);
  g_test_add ("/planning/whatif/ties", Fixture, NULL, ties_set_up, test_whatif_ties,
              fixture_tear_down);
  g_test_add ("/planning/whatif/time-limit", Fixture, NULL, big_set_up, test_whatif_time_limit,
              fixture_tear_down);
  g_test_add ("/planning/whatif/time-limit-spent", Fixture, NULL, big_set_up,
              test_whatif_time_limit_spent, fixture_tear_down);
  g_test_add ("/planning/whatif/cancel", Fixture, NULL, big_set_up, test_whatif_cancel,
              fixture_tear_down);
  g_test_add ("/planning/whatif/async", Fixture, NULL, big_set_up, test_whatif_async,
              fixture_tear_down);

  return g_test_run ();
}
