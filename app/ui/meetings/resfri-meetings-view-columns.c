/* resfri-meetings-view-columns.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The columns of the Meetings view's list: meeting, time, verdict badge,
 * mode, organiser and location, each a GtkSignalListItemFactory with a
 * sorter (clicking a header sorts within each day). A day's header row
 * (ResfriDayHeader) shows the day in the meeting column and nothing in
 * the others. The verdict and mode cells are kept in bound_items so that
 * a new policy check can update them in place. */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-meetings-day-rows.h"
#include "resfri-meetings-utils.h"
#include "resfri-meetings-view-private.h"

typedef enum
{
  COLUMN_TIME,
  COLUMN_SUMMARY,
  COLUMN_ORGANIZER,
  COLUMN_LOCATION,
  COLUMN_VERDICT,
  COLUMN_MODE,
} Column;

/* A cell's text, also as its accessible name: AT-SPI reads no text of a
 * GtkInscription in GTK 4.8, and screen readers (and the UI tests) would
 * find the rows empty. */
static void
set_inscription_text (GtkInscription *inscription,
                      const char     *text)
{
  gtk_inscription_set_text (inscription, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (inscription),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

/* The cells that show the policy are kept in self->bound_items (the
 * cell's widget, holding its occurrence) until their widget goes. */
void
_resfri_meetings_view_update_policy_cell (ResfriMeetingsView *self,
                                          GtkWidget          *child)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "column"));
  ResfriOccurrence *occurrence = g_object_get_data (G_OBJECT (child), "occurrence");
  const ResfriResolvedOccurrence *info;

  if (occurrence == NULL)
    return;
  info = _resfri_meetings_view_lookup_policy (self, occurrence);

  if (column == COLUMN_VERDICT)
    resfri_meetings_set_badge (GTK_LABEL (child), info);
  else if (column == COLUMN_MODE)
    set_inscription_text (GTK_INSCRIPTION (child),
                          info != NULL ? resfri_meetings_get_mode_label (info->mode) : "");
}

/* The meeting column's inscription and header label. */
static GtkWidget *
summary_part (GtkWidget *box,
              gboolean   header)
{
  GtkWidget *first = gtk_widget_get_first_child (box);

  return header ? gtk_widget_get_next_sibling (first) : first;
}

static void
policy_cell_gone_cb (gpointer  data,
                     GObject  *where_the_object_was)
{
  ResfriMeetingsView *self = data;

  if (self->bound_items != NULL)
    g_hash_table_remove (self->bound_items, where_the_object_was);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ResfriMeetingsView       *self)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (child != NULL && GTK_IS_BOX (child))
    child = summary_part (child, FALSE);
  if (child != NULL)
    g_object_set_data (G_OBJECT (child), "occurrence", NULL);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *inscription;

  g_object_set_data (G_OBJECT (list_item), "column", GINT_TO_POINTER (column));

  if (column == COLUMN_VERDICT)
    {
      GtkWidget *badge = gtk_label_new (NULL);

      gtk_widget_set_halign (badge, GTK_ALIGN_START);
      gtk_widget_add_css_class (badge, "verdict");
      gtk_list_item_set_child (list_item, badge);
      return;
    }

  inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (column == COLUMN_TIME)
    gtk_widget_add_css_class (inscription, "numeric");

  if (column == COLUMN_SUMMARY)
    {
      /* The meeting column also holds a day's header: a label, which
       * screen readers read (an inscription is not read in GTK 4.8). */
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *header = gtk_label_new (NULL);

      /* Never cut: the column is at least as wide as a day's name. */
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_set_hexpand (inscription, TRUE);
      gtk_box_append (GTK_BOX (box), inscription);
      gtk_box_append (GTK_BOX (box), header);
      gtk_list_item_set_child (list_item, box);
      return;
    }

  gtk_list_item_set_child (list_item, inscription);
}


/* The Location column: the LOCATION text, but a link written there (as
 * web meetings often do) is shown as its service, "Online (meet.jit.si)",
 * and a meeting with only a link as "Online". */
static char *
format_location (ResfriOccurrence *occurrence)
{
  const char *location = resfri_occurrence_get_location (occurrence);
  const char *url = location;

  if (location == NULL || *location == '\0')
    {
      url = resfri_occurrence_get_online_url (occurrence);
      if (url == NULL)
        return NULL;
    }
  if (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"))
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

      if (uri != NULL && g_uri_get_host (uri) != NULL)
        /* Translators: the Location column of a web meeting: its service's host */
        return g_strdup_printf (_("Online (%s)"), g_uri_get_host (uri));
      return g_strdup (_("Online"));
    }
  if (url != location)
    return g_strdup (_("Online"));
  return g_strdup (location);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ResfriMeetingsView       *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  gpointer item = gtk_list_item_get_item (list_item);
  ResfriOccurrence *occurrence = RESFRI_IS_OCCURRENCE (item) ? item : NULL;
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkInscription *inscription;
  g_autofree char *owned = NULL;
  const char *text = NULL;

  /* Header rows are not meetings: only the day, in the meeting column. */
  if (column == COLUMN_SUMMARY)
    {
      GtkWidget *header = summary_part (child, TRUE);

      gtk_widget_set_visible (header, occurrence == NULL);
      gtk_widget_set_visible (summary_part (child, FALSE), occurrence != NULL);
      if (occurrence == NULL)
        {
          gtk_label_set_text (GTK_LABEL (header), resfri_day_header_get_label (item));
          return;
        }
      child = summary_part (child, FALSE);
    }
  else
    gtk_widget_set_visible (child, occurrence != NULL);
  if (occurrence == NULL)
    {
      g_object_set_data (G_OBJECT (child), "occurrence", NULL);
      return;
    }

  if (column == COLUMN_VERDICT || column == COLUMN_MODE)
    {
      g_object_set_data (G_OBJECT (child), "column", GINT_TO_POINTER (column));
      g_object_set_data_full (G_OBJECT (child), "occurrence",
                              g_object_ref (occurrence), g_object_unref);
      if (!g_hash_table_contains (self->bound_items, child))
        {
          g_hash_table_add (self->bound_items, child);
          g_object_weak_ref (G_OBJECT (child), policy_cell_gone_cb, self);
        }
      _resfri_meetings_view_update_policy_cell (self, child);
      return;
    }

  inscription = GTK_INSCRIPTION (child);

  switch (column)
    {
    case COLUMN_TIME:
      owned = resfri_meetings_format_time_range (self->tz, occurrence, FALSE);
      break;

    case COLUMN_SUMMARY:
      text = resfri_occurrence_get_summary (occurrence);
      break;

    case COLUMN_ORGANIZER:
      text = resfri_occurrence_get_organizer_name (occurrence);
      if (text == NULL)
        text = resfri_occurrence_get_organizer (occurrence);
      break;

    case COLUMN_LOCATION:
      owned = format_location (occurrence);
      break;

    default:
      g_assert_not_reached ();
    }

  set_inscription_text (inscription, owned != NULL ? owned : (text != NULL ? text : ""));
}

/*
 * Sorting
 */

static int
compare_text (const char *a,
              const char *b)
{
  return g_utf8_collate (a != NULL ? a : "", b != NULL ? b : "");
}

static const char *
get_organizer (ResfriOccurrence *occurrence)
{
  const char *name = resfri_occurrence_get_organizer_name (occurrence);

  return name != NULL ? name : resfri_occurrence_get_organizer (occurrence);
}

/* The policy columns sort by what they show, in the order of the
 * filters; an occurrence not checked yet comes last. */
static int
policy_rank (ResfriMeetingsView *self,
             ResfriOccurrence   *occurrence,
             Column              column)
{
  const ResfriResolvedOccurrence *info = _resfri_meetings_view_lookup_policy (self, occurrence);

  if (info == NULL)
    return G_MAXINT;
  return column == COLUMN_VERDICT ? (int) info->verdict : (int) info->mode;
}

/* What a column's sorter compares. */
typedef struct
{
  ResfriMeetingsView *self;
  Column              column;
} SortData;

static int
compare_sort_data_cb (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  SortData *data = user_data;
  ResfriMeetingsView *self = data->self;
  ResfriOccurrence *x = RESFRI_OCCURRENCE ((gpointer) a);
  ResfriOccurrence *y = RESFRI_OCCURRENCE ((gpointer) b);
  int result = 0;

  switch (data->column)
    {
    case COLUMN_TIME:
      result = (resfri_occurrence_get_start (x) > resfri_occurrence_get_start (y)) -
               (resfri_occurrence_get_start (x) < resfri_occurrence_get_start (y));
      if (result == 0)
        result = (resfri_occurrence_get_end (x) > resfri_occurrence_get_end (y)) -
                 (resfri_occurrence_get_end (x) < resfri_occurrence_get_end (y));
      break;

    case COLUMN_SUMMARY:
      result = compare_text (resfri_occurrence_get_summary (x), resfri_occurrence_get_summary (y));
      break;

    case COLUMN_ORGANIZER:
      result = compare_text (get_organizer (x), get_organizer (y));
      break;

    case COLUMN_LOCATION:
      {
        g_autofree char *location_x = format_location (x);
        g_autofree char *location_y = format_location (y);

        result = compare_text (location_x, location_y);
      }
      break;

    case COLUMN_VERDICT:
    case COLUMN_MODE:
      {
        int rank_x = policy_rank (self, x, data->column);
        int rank_y = policy_rank (self, y, data->column);

        result = (rank_x > rank_y) - (rank_x < rank_y);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_column (ResfriMeetingsView *self,
            Column              column,
            const char         *title,
            int                 fixed_width,
            gboolean            expand)
{
  g_autoptr(GtkCustomSorter) sorter = NULL;
  SortData *sort_data = g_new (SortData, 1);

  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell_cb), self, 0);

  view_column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  sort_data->self = self;
  sort_data->column = column;
  sorter = gtk_custom_sorter_new (compare_sort_data_cb, sort_data, g_free);
  gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
  if (column == COLUMN_VERDICT || column == COLUMN_MODE)
    g_ptr_array_add (self->policy_sorters, g_object_ref (sorter));
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_append_column (self->column_view, view_column);
}

/* Wide enough for the longest verdict badge in the current language
 * ("Följer inte policyn"): the badge's smaller bold text, its padding and
 * the cell's margins. */
static int
verdict_column_width (ResfriMeetingsView *self)
{
  static const ResfriVerdict verdicts[] = {
    RESFRI_VERDICT_TRAVEL_FREE, RESFRI_VERDICT_LOCAL, RESFRI_VERDICT_EXEMPT,
    RESFRI_VERDICT_NON_COMPLIANT, RESFRI_VERDICT_UNKNOWN,
  };
  PangoAttrList *attributes = pango_attr_list_new ();
  int widest = 0;

  pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attributes, pango_attr_scale_new (PANGO_SCALE_SMALL));
  for (guint i = 0; i < G_N_ELEMENTS (verdicts); i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                     resfri_verdict_get_label (verdicts[i]));
      int width;

      pango_layout_set_attributes (layout, attributes);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  pango_attr_list_unref (attributes);

  return MAX (120, widest + 16 + 24);
}

/* The six columns. The meeting's title comes first, under its day's
 * header, and gets what the fixed columns leave; the day is the header's;
 * the attendees are in the detail pane. */
void
_resfri_meetings_view_add_columns (ResfriMeetingsView *self)
{
  add_column (self, COLUMN_SUMMARY, _("Meeting"), -1, TRUE);
  add_column (self, COLUMN_TIME, _("Time"), 95, FALSE);
  add_column (self, COLUMN_VERDICT, _("Verdict"), verdict_column_width (self), FALSE);
  add_column (self, COLUMN_MODE, _("Mode"), 85, FALSE);
  add_column (self, COLUMN_ORGANIZER, _("Organiser"), 130, FALSE);
  add_column (self, COLUMN_LOCATION, _("Location"), 130, FALSE);
}

/* A new policy check: the verdict and mode columns sort anew. */
void
_resfri_meetings_view_policy_sorters_changed (ResfriMeetingsView *self)
{
  for (guint i = 0; i < self->policy_sorters->len; i++)
    gtk_sorter_changed (g_ptr_array_index (self->policy_sorters, i), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Lets go of the cells that show the policy (in dispose). */
void
_resfri_meetings_view_forget_cells (ResfriMeetingsView *self)
{
  GHashTableIter iter;
  gpointer child;

  if (self->bound_items == NULL)
    return;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &child, NULL))
    g_object_weak_unref (child, policy_cell_gone_cb, self);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);
}
