/* resfri-meetings-view-columns.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The columns of the Meetings view's list: date, time, verdict badge,
 * meeting, mode, organiser and location, each a GtkSignalListItemFactory.
 * The verdict and mode cells are kept in bound_items so that a new policy
 * check can update them in place. */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-meetings-utils.h"
#include "resfri-meetings-view-private.h"

typedef enum
{
  COLUMN_DATE,
  COLUMN_TIME,
  COLUMN_SUMMARY,
  COLUMN_ORGANIZER,
  COLUMN_LOCATION,
  COLUMN_VERDICT,
  COLUMN_MODE,
} Column;

/* The cells that show the policy are kept in self->bound_items (the
 * cell's widget, holding its occurrence) until their widget goes. */
void
_resfri_meetings_view_update_policy_cell (ResfriMeetingsView *self,
                                          GtkWidget          *child)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "column"));
  ResfriOccurrence *occurrence = g_object_get_data (G_OBJECT (child), "occurrence");
  const ResfriResolvedOccurrence *info = _resfri_meetings_view_lookup_policy (self, occurrence);

  if (column == COLUMN_VERDICT)
    resfri_meetings_set_badge (GTK_LABEL (child), info);
  else if (column == COLUMN_MODE)
    gtk_inscription_set_text (GTK_INSCRIPTION (child),
                              info != NULL ? resfri_meetings_get_mode_label (info->mode) : "");
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
  if (column == COLUMN_DATE || column == COLUMN_TIME)
    gtk_widget_add_css_class (inscription, "numeric");

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
  ResfriOccurrence *occurrence = gtk_list_item_get_item (list_item);
  GtkInscription *inscription;
  g_autofree char *owned = NULL;
  const char *text = NULL;

  if (column == COLUMN_VERDICT || column == COLUMN_MODE)
    {
      GtkWidget *child = gtk_list_item_get_child (list_item);

      g_object_set_data (G_OBJECT (child), "column", GINT_TO_POINTER (column));
      g_object_set_data_full (G_OBJECT (child), "occurrence",
                              g_object_ref (gtk_list_item_get_item (list_item)), g_object_unref);
      if (!g_hash_table_contains (self->bound_items, child))
        {
          g_hash_table_add (self->bound_items, child);
          g_object_weak_ref (G_OBJECT (child), policy_cell_gone_cb, self);
        }
      _resfri_meetings_view_update_policy_cell (self, child);
      return;
    }

  inscription = GTK_INSCRIPTION (gtk_list_item_get_child (list_item));

  switch (column)
    {
    case COLUMN_DATE:
      {
        g_autoptr(GDateTime) start = NULL;

        start = _resfri_meetings_view_local_time (self, resfri_occurrence_get_start (occurrence));

        /* Translators: a short weekday and an ISO date, as in "Mon 2026-03-16" */
        owned = g_date_time_format (start, _("%a %Y-%m-%d"));
      }
      break;

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

  gtk_inscription_set_text (inscription, owned != NULL ? owned : (text != NULL ? text : ""));
}

static void
add_column (ResfriMeetingsView *self,
            Column              column,
            const char         *title,
            int                 fixed_width,
            gboolean            expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell_cb), self, 0);

  view_column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
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

/* The seven columns. The meeting's title gets what the fixed columns
 * leave; the attendees are in the detail pane. */
void
_resfri_meetings_view_add_columns (ResfriMeetingsView *self)
{
  add_column (self, COLUMN_DATE, _("Date"), 120, FALSE);
  add_column (self, COLUMN_TIME, _("Time"), 95, FALSE);
  add_column (self, COLUMN_VERDICT, _("Verdict"), verdict_column_width (self), FALSE);
  add_column (self, COLUMN_SUMMARY, _("Meeting"), -1, TRUE);
  add_column (self, COLUMN_MODE, _("Mode"), 85, FALSE);
  add_column (self, COLUMN_ORGANIZER, _("Organiser"), 130, FALSE);
  add_column (self, COLUMN_LOCATION, _("Location"), 130, FALSE);
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
