/* resfri-meetings-day-rows.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rows of the Meetings list: the (filtered, sorted) occurrences with a
 * ResfriDayHeader before the first occurrence of each day. GTK 4.8 has no
 * section headers in its list widgets, so the headers are items of their
 * own. The model under it keeps each day's occurrences together (its
 * sorter sorts by day first); every change of it is turned into one
 * items-changed over the rows between the unchanged head and tail, so the
 * column view keeps its widgets and the selection its item. */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-meetings-day-rows.h"
#include "resfri-occurrence.h"

struct _ResfriDayHeader
{
  GObject  parent_instance;
  char    *label;
};

G_DEFINE_FINAL_TYPE (ResfriDayHeader, resfri_day_header, G_TYPE_OBJECT)

static void
resfri_day_header_finalize (GObject *object)
{
  g_free (RESFRI_DAY_HEADER (object)->label);

  G_OBJECT_CLASS (resfri_day_header_parent_class)->finalize (object);
}

static void
resfri_day_header_class_init (ResfriDayHeaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = resfri_day_header_finalize;
}

static void
resfri_day_header_init (ResfriDayHeader *self)
{
}

const char *
resfri_day_header_get_label (ResfriDayHeader *self)
{
  g_return_val_if_fail (RESFRI_IS_DAY_HEADER (self), NULL);

  return self->label;
}

struct _ResfriMeetingsDayRows
{
  GObject     parent_instance;

  GListModel *occurrences;
  GTimeZone  *tz;
  GPtrArray  *rows;       /* ResfriOccurrence and ResfriDayHeader, owned */
  GHashTable *headers;    /* day (yyyymmdd) -> ResfriDayHeader, reused */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResfriMeetingsDayRows, resfri_meetings_day_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
get_n_items (GListModel *model)
{
  return RESFRI_MEETINGS_DAY_ROWS (model)->rows->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ResfriMeetingsDayRows *self = RESFRI_MEETINGS_DAY_ROWS (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static ResfriDayHeader *
lookup_header (ResfriMeetingsDayRows *self,
               GDateTime             *start)
{
  guint day = g_date_time_get_year (start) * 10000 + g_date_time_get_month (start) * 100 +
              g_date_time_get_day_of_month (start);
  ResfriDayHeader *header = g_hash_table_lookup (self->headers, GUINT_TO_POINTER (day));

  if (header == NULL)
    {
      header = g_object_new (RESFRI_TYPE_DAY_HEADER, NULL);
      /* Translators: the header of one day's meetings in the Meetings
       * list, as in "Monday 16 March" (the week above names the year); a
       * g_date_time_format() string */
      header->label = g_date_time_format (start, _("%A %-d %B"));
      g_hash_table_insert (self->headers, GUINT_TO_POINTER (day), header);
    }
  return header;
}

static GPtrArray *
build_rows (ResfriMeetingsDayRows *self)
{
  guint n = g_list_model_get_n_items (self->occurrences);
  GPtrArray *rows = g_ptr_array_new_full (n + 8, g_object_unref);
  ResfriDayHeader *previous = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResfriOccurrence) occurrence = g_list_model_get_item (self->occurrences, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (resfri_occurrence_get_start (occurrence));
      g_autoptr(GDateTime) start = g_date_time_to_timezone (utc, self->tz);
      ResfriDayHeader *header = lookup_header (self, start);

      if (header != previous)
        g_ptr_array_add (rows, g_object_ref (header));
      previous = header;
      g_ptr_array_add (rows, g_steal_pointer (&occurrence));
    }
  return rows;
}

static void
on_occurrences_changed_cb (ResfriMeetingsDayRows *self)
{
  g_autoptr(GPtrArray) old = self->rows;
  guint head = 0;
  guint tail = 0;

  self->rows = build_rows (self);

  while (head < old->len && head < self->rows->len &&
         g_ptr_array_index (old, head) == g_ptr_array_index (self->rows, head))
    head++;
  while (tail < old->len - head && tail < self->rows->len - head &&
         g_ptr_array_index (old, old->len - 1 - tail) ==
         g_ptr_array_index (self->rows, self->rows->len - 1 - tail))
    tail++;

  if (head == old->len && head == self->rows->len)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), head,
                              old->len - head - tail, self->rows->len - head - tail);
}

static void
resfri_meetings_day_rows_finalize (GObject *object)
{
  ResfriMeetingsDayRows *self = RESFRI_MEETINGS_DAY_ROWS (object);

  g_signal_handlers_disconnect_by_data (self->occurrences, self);
  g_clear_object (&self->occurrences);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->headers, g_hash_table_unref);

  G_OBJECT_CLASS (resfri_meetings_day_rows_parent_class)->finalize (object);
}

static void
resfri_meetings_day_rows_class_init (ResfriMeetingsDayRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = resfri_meetings_day_rows_finalize;
}

static void
resfri_meetings_day_rows_init (ResfriMeetingsDayRows *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->headers = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

/**
 * resfri_meetings_day_rows_new:
 * @occurrences: (transfer full): ResfriOccurrences, each day's together
 * @tz: the zone the days are in
 *
 * Returns: (transfer full): the rows
 */
ResfriMeetingsDayRows *
resfri_meetings_day_rows_new (GListModel *occurrences,
                              GTimeZone  *tz)
{
  ResfriMeetingsDayRows *self = g_object_new (RESFRI_TYPE_MEETINGS_DAY_ROWS, NULL);

  self->occurrences = occurrences;
  self->tz = g_time_zone_ref (tz);
  g_signal_connect_swapped (occurrences, "items-changed",
                            G_CALLBACK (on_occurrences_changed_cb), self);
  g_ptr_array_unref (self->rows);
  self->rows = build_rows (self);

  return self;
}

/* The row of @item, or GTK_INVALID_LIST_POSITION (G_MAXUINT). */
guint
resfri_meetings_day_rows_find (ResfriMeetingsDayRows *self,
                               gpointer               item)
{
  guint position;

  g_return_val_if_fail (RESFRI_IS_MEETINGS_DAY_ROWS (self), G_MAXUINT);

  if (g_ptr_array_find (self->rows, item, &position))
    return position;
  return G_MAXUINT;
}
