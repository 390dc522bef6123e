/* resfri-expand-document.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A whole calendar's occurrences (resfri_expand_document(), `resfri-cli
 * expand`): its VEVENTs gathered into series by UID (a second master of a
 * UID a revision or another event, overrides in their instance's place,
 * also when they name it another way), each series expanded by
 * resfri-expand.c, cancelled ones left out.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-error.h"
#include "resfri-expand.h"
#include "resfri-timezone.h"

/* Overrides that name their instance another way */

/* The wall-clock fields of @key (YYYYMMDD or YYYYMMDDTHHMMSS[Z]). */
static struct icaltimetype
time_of_key (const char *key)
{
  return icaltime_from_string (key);
}

gboolean
resfri_expand_same_form (icalproperty *a,
                         icalproperty *b)
{
  struct icaltimetype ta = icalvalue_get_datetime (icalproperty_get_value (a));
  struct icaltimetype tb = icalvalue_get_datetime (icalproperty_get_value (b));
  icalparameter *za = icalproperty_get_first_parameter (a, ICAL_TZID_PARAMETER);
  icalparameter *zb = icalproperty_get_first_parameter (b, ICAL_TZID_PARAMETER);

  if (ta.is_date != tb.is_date)
    return FALSE;
  if (ta.is_date)
    return TRUE;
  if (icaltime_is_utc (ta) != icaltime_is_utc (tb))
    return FALSE;
  if ((za == NULL) != (zb == NULL))
    return FALSE;

  return za == NULL || g_strcmp0 (icalparameter_get_tzid (za), icalparameter_get_tzid (zb)) == 0;
}

gboolean
resfri_expand_match_override (icalcomponent *master,
                              icalcomponent *override,
                              char          *rid)
{
  g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (ResfriOccurrence));
  icalproperty *prop = icalcomponent_get_first_property (override, ICAL_RECURRENCEID_PROPERTY);
  icalproperty *start_prop = icalcomponent_get_first_property (master, ICAL_DTSTART_PROPERTY);
  struct icaltimetype written, start;
  char key[20];
  guint matches = 0;

  g_return_val_if_fail (master != NULL && override != NULL && rid != NULL, FALSE);

  resfri_expand_get_recurrence_id (override, key);
  if (prop == NULL || start_prop == NULL || key[0] == '\0')
    return FALSE;

  /* As written: the fields before any zone is applied. */
  written = icalproperty_get_recurrenceid (prop);
  start = resfri_ical_property_get_time (start_prop, master);
  if (icaltime_is_null_time (written) || icaltime_is_null_time (start))
    return FALSE;

  /* Written the way DTSTART is (the usual case): it names its instance
   * exactly or none, and the series need not be expanded. */
  if (resfri_expand_same_form (start_prop, prop))
    return FALSE;

  if (!resfri_expand_vevent_full (master, G_MININT64,
                                  resfri_ical_time_to_unix (resfri_ical_property_get_time (prop, override)) + 3 * 86400,
                                  RESFRI_EXPAND_NONE, NULL, occurrences, NULL))
    return FALSE;

  for (guint i = 0; i < occurrences->len; i++)
    {
      const ResfriOccurrence *occ = &g_array_index (occurrences, ResfriOccurrence, i);
      struct icaltimetype wall;

      if (strcmp (occ->recurrence_id, key) == 0)
        return FALSE;   /* it names one as it is */

      if (occ->all_day || occ->floating || start.zone == NULL)
        wall = time_of_key (occ->recurrence_id);
      else
        wall = icaltime_from_timet_with_zone ((time_t) occ->start, 0, (icaltimezone *) start.zone);

      if (wall.year != written.year || wall.month != written.month || wall.day != written.day)
        continue;
      if (!written.is_date && !occ->all_day &&
          (wall.hour != written.hour || wall.minute != written.minute || wall.second != written.second))
        continue;

      if (matches++ == 0)
        memcpy (rid, occ->recurrence_id, sizeof occ->recurrence_id);
    }

  return matches == 1;
}

void
resfri_expand_set_recurrence_id (icalcomponent *override,
                                 const char    *rid)
{
  icalproperty *prop = icalcomponent_get_first_property (override, ICAL_RECURRENCEID_PROPERTY);
  icalparameter *range = prop != NULL ? icalproperty_get_first_parameter (prop, ICAL_RANGE_PARAMETER) : NULL;
  icalproperty *replacement = icalproperty_new_recurrenceid (time_of_key (rid));

  if (range != NULL)
    icalproperty_add_parameter (replacement, icalparameter_new_clone (range));
  if (prop != NULL)
    {
      icalcomponent_remove_property (override, prop);
      icalproperty_free (prop);
    }
  icalcomponent_add_property (override, replacement);
}

/* The document */

typedef struct
{
  icalcomponent  *master;
  ResfriIcalCopy  master_copy;
  GHashTable     *overrides;   /* recurrence id (owned) -> icalcomponent */
  GPtrArray      *futures;     /* the THISANDFUTURE ones among them */
} Series;

static void
series_free (gpointer data)
{
  Series *series = data;

  resfri_ical_copy_clear (&series->master_copy);
  g_clear_pointer (&series->overrides, g_hash_table_unref);
  g_clear_pointer (&series->futures, g_ptr_array_unref);
  g_free (series);
}

/* Whether @candidate replaces @current: a higher or equal SEQUENCE does
 * (the later copy wins, as on import). */
static gboolean
replaces (icalcomponent *candidate,
          icalcomponent *current)
{
  return current == NULL ||
         icalcomponent_get_sequence (candidate) >= icalcomponent_get_sequence (current);
}

static void
collect_vevents (icalcomponent *comp,
                 GPtrArray     *out)
{
  icalcomponent *child;

  if (icalcomponent_isa (comp) == ICAL_VEVENT_COMPONENT)
    {
      g_ptr_array_add (out, comp);
      return;
    }

  for (child = icalcomponent_get_first_component (comp, ICAL_ANY_COMPONENT);
       child != NULL;
       child = icalcomponent_get_next_component (comp, ICAL_ANY_COMPONENT))
    collect_vevents (child, out);
}

static int
compare_occurrence_output (gconstpointer a,
                           gconstpointer b)
{
  const ResfriOccurrence *oa = a;
  const ResfriOccurrence *ob = b;
  int cmp;

  if (oa->start != ob->start)
    return oa->start < ob->start ? -1 : 1;
  if ((cmp = strcmp (oa->uid, ob->uid)) != 0)
    return cmp;

  return strcmp (oa->recurrence_id, ob->recurrence_id);
}

static gboolean
in_window (const ResfriOccurrence *occ,
           gint64                  from,
           gint64                  to)
{
  if (occ->start >= to)
    return FALSE;
  if (occ->end > from)
    return TRUE;

  return occ->start == occ->end && occ->start >= from;
}

static gboolean
prefix_error (GError             **error,
              GError              *local,
              ResfriIcalDocument  *doc,
              icalcomponent       *comp)
{
  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL, "%s:%u: %s",
               resfri_ical_document_get_filename (doc),
               MAX (resfri_ical_document_get_line (doc, comp), 1),
               local->message);
  g_error_free (local);
  return FALSE;
}

GArray *
resfri_expand_document (ResfriIcalDocument  *doc,
                        gint64               from,
                        gint64               to,
                        GError             **error)
{
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (ResfriOccurrence));
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (ResfriOccurrence));
  g_autoptr(GPtrArray) vevents = g_ptr_array_new ();
  g_autoptr(GHashTable) series_by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, series_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GPtrArray *roots;

  g_return_val_if_fail (doc != NULL, NULL);

  roots = resfri_ical_document_get_roots (doc);
  for (guint i = 0; i < roots->len; i++)
    collect_vevents (g_ptr_array_index (roots, i), vevents);

  for (guint i = 0; i < vevents->len; i++)
    {
      icalcomponent *vevent = g_ptr_array_index (vevents, i);
      const char *uid = icalcomponent_get_uid (vevent);
      Series *series;
      char rid[20];

      if (uid == NULL || uid[0] == '\0')
        {
          /* The UID the importer gives it (resfri_ical_dup_derived_uid()). */
          gsize length = 0;
          const char *text = resfri_ical_document_peek_text (doc, vevent, &length);
          g_autofree char *derived = resfri_ical_dup_derived_uid (vevent, text, length);

          icalcomponent_set_uid (vevent, derived);
          uid = icalcomponent_get_uid (vevent);
        }

      resfri_expand_get_recurrence_id (vevent, rid);
      if (rid[0] == '\0' && icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY) != NULL)
        {
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL, "%s:%u: %s",
                       resfri_ical_document_get_filename (doc),
                       MAX (resfri_ical_document_get_line (doc, vevent), 1),
                       _("the RECURRENCE-ID cannot be understood"));
          return NULL;
        }

      series = g_hash_table_lookup (series_by_uid, uid);

      /* A second master of the UID: a revision, or another event that
       * reuses the UID and is kept under its derived one (as the importer
       * does, resfri_ical_copy_compare()). */
      if (rid[0] == '\0' && series != NULL && series->master != NULL)
        {
          ResfriIcalCopy copy = { 0 };
          gsize length = 0;
          const char *text = resfri_ical_document_peek_text (doc, vevent, &length);

          resfri_ical_copy_init (&copy, vevent, text, length);
          switch (resfri_ical_copy_compare (&series->master_copy, &copy))
            {
            case RESFRI_ICAL_COPY_NEWER:
            case RESFRI_ICAL_COPY_SAME:
              resfri_ical_copy_clear (&series->master_copy);
              series->master_copy = copy;
              series->master = vevent;
              continue;

            case RESFRI_ICAL_COPY_OLDER:
              resfri_ical_copy_clear (&copy);
              continue;

            case RESFRI_ICAL_COPY_OTHER:
            default:
              {
                g_autofree char *derived = resfri_ical_dup_derived_uid (vevent, text, length);

                icalcomponent_set_uid (vevent, derived);
              }
              uid = icalcomponent_get_uid (vevent);
              resfri_ical_copy_clear (&copy);
              series = g_hash_table_lookup (series_by_uid, uid);
              if (series != NULL && series->master != NULL)
                continue;   /* the same text twice */
              break;
            }
        }

      if (series == NULL)
        {
          series = g_new0 (Series, 1);
          series->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          series->futures = g_ptr_array_new ();
          g_hash_table_insert (series_by_uid, (gpointer) uid, series);
          g_ptr_array_add (order, series);
        }

      if (rid[0] == '\0')
        {
          gsize length = 0;
          const char *text = resfri_ical_document_peek_text (doc, vevent, &length);

          series->master = vevent;
          resfri_ical_copy_init (&series->master_copy, vevent, text, length);
        }
      else if (replaces (vevent, g_hash_table_lookup (series->overrides, rid)))
        g_hash_table_insert (series->overrides, g_strdup (rid), vevent);
    }

  for (guint i = 0; i < order->len; i++)
    {
      Series *series = g_ptr_array_index (order, i);
      GHashTableIter iter;
      gpointer key, value;

      /* An override that names its instance another way (its date, or its
       * wall-clock time in another zone) takes that instance's place
       * instead of being one more. */
      if (series->master != NULL && g_hash_table_size (series->overrides) > 0)
        {
          g_autoptr(GPtrArray) moved = g_ptr_array_new ();

          g_hash_table_iter_init (&iter, series->overrides);
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              char rid[20];

              if (resfri_expand_match_override (series->master, value, rid) &&
                  !g_hash_table_contains (series->overrides, rid))
                {
                  resfri_expand_set_recurrence_id (value, rid);
                  g_ptr_array_add (moved, value);
                  g_hash_table_iter_remove (&iter);
                }
            }
          for (guint j = 0; j < moved->len; j++)
            {
              char rid[20];

              resfri_expand_get_recurrence_id (g_ptr_array_index (moved, j), rid);
              g_hash_table_insert (series->overrides, g_strdup (rid), g_ptr_array_index (moved, j));
            }
        }

      if (series->master != NULL)
        {
          GError *local = NULL;

          g_hash_table_iter_init (&iter, series->overrides);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            if (resfri_expand_is_this_and_future (value))
              g_ptr_array_add (series->futures, value);

          g_array_set_size (scratch, 0);
          if (!resfri_expand_vevent_full (series->master, from, to, RESFRI_EXPAND_TEXT, series->futures,
                                          scratch, &local))
            {
              prefix_error (error, local, doc, series->master);
              return NULL;
            }

          for (guint j = 0; j < scratch->len; j++)
            {
              ResfriOccurrence *occ = &g_array_index (scratch, ResfriOccurrence, j);

              if (occ->cancelled || !in_window (occ, from, to))
                continue;
              if (occ->recurrence_id[0] != '\0' &&
                  g_hash_table_contains (series->overrides, occ->recurrence_id))
                continue;
              g_array_append_val (result, *occ);
            }
        }

      g_hash_table_iter_init (&iter, series->overrides);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          GError *local = NULL;

          g_array_set_size (scratch, 0);
          if (!resfri_expand_vevent (value, to, RESFRI_EXPAND_TEXT, scratch, &local))
            {
              prefix_error (error, local, doc, value);
              return NULL;
            }

          for (guint j = 0; j < scratch->len; j++)
            {
              ResfriOccurrence *occ = &g_array_index (scratch, ResfriOccurrence, j);

              if (!occ->cancelled && in_window (occ, from, to))
                g_array_append_val (result, *occ);
            }
        }
    }

  g_array_sort (result, compare_occurrence_output);
  return g_steal_pointer (&result);
}
