/* resfri-calendars-page.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Calendars page of Preferences (spec/sync.md): the live calendars'
 * sources, each an expander row (name or address, kind, user, last sync,
 * the last error styled as one) with its calendars: follow or not, and
 * what each is (a person's, a room's, a loan pool's, an item's). Add
 * Account… opens ResfriSourceDialog; Remove… asks first. Sync Now runs the
 * window's win.sync; the sync-interval setting has a row here. Everything
 * that touches the database or the network runs on a worker thread
 * (resfri-sync-async.h) while the spinner turns. */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-application.h"
#include "resfri-calendars-page.h"
#include "resfri-source-dialog.h"
#include "resfri-sync-async.h"

struct _ResfriCalendarsPage
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *sources_group;
  GtkSpinner           *spinner;
  GtkButton            *sync_button;
  GtkButton            *add_button;
  GtkSpinButton        *interval_spin;

  /* The rows of sources_group, to remove at a reload. */
  GPtrArray            *rows;

  /* The last listing of the sources and the register's rooms (for the
   * room a calendar is): the rows are built when both are there. */
  GPtrArray            *listings;     /* ResfriSourceListing */
  GPtrArray            *rooms;        /* ResfriRoomChoice */

  ResfriStore          *store;
  GCancellable         *cancellable;
  guint                 n_busy;
};

G_DEFINE_FINAL_TYPE (ResfriCalendarsPage, resfri_calendars_page, ADW_TYPE_PREFERENCES_PAGE)

/* The roles a calendar can have, in the order of the drop-down, and what
 * names the person, room, pool or item. */
static const char *roles[] = { "person", "room", "pool", "item" };
static const char *placeholders[] = { N_("email"), N_("room code"), N_("SITE/TYPE"), N_("tag") };

static void
add_toast (ResfriCalendarsPage *self,
           const char          *text,
           guint                timeout)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, timeout);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
set_busy (ResfriCalendarsPage *self,
          gboolean             busy)
{
  if (busy)
    self->n_busy++;
  else if (self->n_busy > 0)
    self->n_busy--;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->n_busy > 0);
  gtk_spinner_set_spinning (self->spinner, self->n_busy > 0);
}

static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static char *
describe_calendar (const ResfriSourceCalendar *calendar)
{
  const char *target = calendar->target;

  if (g_strcmp0 (calendar->role, "feed") == 0)
    return g_strdup (_("A published feed, read only"));
  if (g_strcmp0 (calendar->role, "room") == 0)
    /* Translators: %s is a room's code */
    return g_strdup_printf (_("Room %s: its events reserve the room"), target ? target : "?");
  if (g_strcmp0 (calendar->role, "pool") == 0)
    /* Translators: %s is a loan pool, SITE/TYPE */
    return g_strdup_printf (_("Loan pool %s: its events reserve items"), target ? target : "?");
  if (g_strcmp0 (calendar->role, "item") == 0)
    /* Translators: %s is an item's tag */
    return g_strdup_printf (_("Item %s: its events reserve the item"), target ? target : "?");
  if (target != NULL)
    /* Translators: %s is a person's email address */
    return g_strdup_printf (_("A person’s calendar (%s)"), target);
  return g_strdup (_("A person’s calendar"));
}

/* Following, and what a calendar is */

static void
follow_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ResfriCalendarsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!resfri_sync_follow_finish (RESFRI_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      add_toast (self, error->message, 10);
    }
  set_busy (self, FALSE);
  resfri_calendars_page_reload (self);
}

/* @row: a calendar's row, with its source, href, switch, drop-down and
 * entry as data. */
static void
apply_calendar (ResfriCalendarsPage *self,
                GtkWidget           *row)
{
  GtkSwitch *follow = g_object_get_data (G_OBJECT (row), "switch");
  GtkDropDown *role_drop = g_object_get_data (G_OBJECT (row), "role");
  GtkEntry *target_entry = g_object_get_data (G_OBJECT (row), "target");
  const char *role = NULL;
  const char *target = NULL;

  if (role_drop != NULL)
    {
      guint selected = gtk_drop_down_get_selected (role_drop);

      GtkDropDown *room_drop = g_object_get_data (G_OBJECT (row), "room");

      role = selected < G_N_ELEMENTS (roles) ? roles[selected] : NULL;
      target = gtk_editable_get_text (GTK_EDITABLE (target_entry));
      if (g_strcmp0 (role, "room") == 0 && room_drop != NULL)
        {
          guint room = gtk_drop_down_get_selected (room_drop);

          /* The first entry is "Choose a room…". */
          if (room == 0 || room == GTK_INVALID_LIST_POSITION || room > self->rooms->len)
            return;
          target = ((ResfriRoomChoice *) g_ptr_array_index (self->rooms, room - 1))->code;
        }
      if (target[0] == '\0')
        {
          if (g_strcmp0 (role, "person") != 0)
            {
              gtk_widget_add_css_class (GTK_WIDGET (target_entry), "error");
              gtk_widget_grab_focus (GTK_WIDGET (target_entry));
              return;
            }
          target = NULL;
        }
    }

  set_busy (self, TRUE);
  resfri_sync_follow_async (self->store,
                            *(gint64 *) g_object_get_data (G_OBJECT (row), "source"),
                            g_object_get_data (G_OBJECT (row), "href"), role, target,
                            gtk_switch_get_active (follow), self->cancellable, follow_cb,
                            g_object_ref (self));
}

static gboolean
on_follow_state_set_cb (GtkSwitch           *follow,
                        gboolean             state,
                        ResfriCalendarsPage *self)
{
  gtk_switch_set_state (follow, state);
  apply_calendar (self, g_object_get_data (G_OBJECT (follow), "row"));
  return TRUE;
}

static void
on_role_selected_cb (GtkDropDown         *role_drop,
                     GParamSpec          *pspec,
                     ResfriCalendarsPage *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (role_drop), "row");
  GtkEntry *target_entry = g_object_get_data (G_OBJECT (row), "target");
  guint selected = gtk_drop_down_get_selected (role_drop);

  GtkWidget *room_drop = g_object_get_data (G_OBJECT (row), "room");

  gtk_entry_set_placeholder_text (target_entry,
                                  selected < G_N_ELEMENTS (placeholders) ? _(placeholders[selected]) : NULL);
  if (room_drop != NULL)
    {
      gtk_widget_set_visible (room_drop, selected == 1);
      gtk_widget_set_visible (GTK_WIDGET (target_entry), selected != 1);
    }
  /* A person's calendar keeps its owner; the others need their room,
   * pool or item first. */
  if (selected == 0)
    apply_calendar (self, row);
  else if (selected == 1 && room_drop != NULL)
    apply_calendar (self, row);
  else
    gtk_widget_grab_focus (GTK_WIDGET (target_entry));
}

static void
on_room_selected_cb (GtkDropDown         *room_drop,
                     GParamSpec          *pspec,
                     ResfriCalendarsPage *self)
{
  apply_calendar (self, g_object_get_data (G_OBJECT (room_drop), "row"));
}

/* "Choose a room…", then every room as "Name (CODE)"; @selected: the index
 * of @code's room, or 0. */
static GtkWidget *
create_room_drop (ResfriCalendarsPage *self,
                  const char          *code,
                  guint               *selected)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  *selected = 0;
  g_ptr_array_add (labels, g_strdup (_("Choose a room…")));
  for (guint i = 0; i < self->rooms->len; i++)
    {
      const ResfriRoomChoice *room = g_ptr_array_index (self->rooms, i);

      g_ptr_array_add (labels, g_strdup_printf ("%s (%s)", room->name, room->code));
      if (g_strcmp0 (room->code, code) == 0)
        *selected = i + 1;
    }
  g_ptr_array_add (labels, NULL);
  return gtk_drop_down_new_from_strings ((const char * const *) labels->pdata);
}

static void
on_target_activate_cb (GtkEntry            *entry,
                       ResfriCalendarsPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  apply_calendar (self, g_object_get_data (G_OBJECT (entry), "row"));
}

static GtkWidget *
create_calendar_row (ResfriCalendarsPage        *self,
                     const ResfriSourceCalendar *calendar,
                     const char                 *source_error)
{
  const char *title = calendar->name != NULL && calendar->name[0] != '\0' ? calendar->name
                                                                         : calendar->href;
  g_autofree char *subtitle = describe_calendar (calendar);
  g_autofree char *follow_name = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *target_name = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *follow;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* The calendar's own error (the source's is shown above its calendars);
   * the icon's colour is the theme's, so dark mode reads too. */
  if (calendar->last_error != NULL && g_strcmp0 (calendar->last_error, source_error) != 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      char *with_error = g_strdup_printf ("%s\n%s", subtitle, calendar->last_error);

      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_tooltip_text (icon, calendar->last_error);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("The last sync failed"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      g_free (subtitle);
      subtitle = with_error;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "source", g_memdup2 (&calendar->source_id, sizeof (gint64)),
                          g_free);
  g_object_set_data_full (G_OBJECT (row), "href", g_strdup (calendar->href), g_free);

  if (g_strcmp0 (calendar->role, "feed") != 0)
    {
      const char *names[] = { _("Person"), _("Room"), _("Loan pool"), _("Item"), NULL };
      GtkWidget *role_drop = gtk_drop_down_new_from_strings (names);
      GtkWidget *target = gtk_entry_new ();
      guint selected = 0;

      for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
        if (g_strcmp0 (calendar->role, roles[i]) == 0)
          selected = i;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (role_drop), selected);
      gtk_entry_set_placeholder_text (GTK_ENTRY (target), _(placeholders[selected]));
      gtk_widget_set_valign (role_drop, GTK_ALIGN_CENTER);
      /* Translators: %s is a calendar's name */
      role_name = g_strdup_printf (_("What %s is"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (role_drop),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, role_name, -1);

      gtk_widget_set_valign (target, GTK_ALIGN_CENTER);
      gtk_editable_set_width_chars (GTK_EDITABLE (target), 12);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (target), 16);
      gtk_editable_set_text (GTK_EDITABLE (target), calendar->target ? calendar->target : "");
      gtk_widget_set_tooltip_text (target, _("The room’s code, the pool as SITE/TYPE or the "
                                             "item’s tag; Enter applies it"));
      /* Translators: %s is a calendar's name */
      target_name = g_strdup_printf (_("Whose %s is"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (target),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, target_name, -1);

      g_object_set_data (G_OBJECT (row), "role", role_drop);
      g_object_set_data (G_OBJECT (row), "target", target);
      g_object_set_data (G_OBJECT (role_drop), "row", row);
      g_object_set_data (G_OBJECT (target), "row", row);
      g_signal_connect_object (role_drop, "notify::selected", G_CALLBACK (on_role_selected_cb),
                               self, 0);
      g_signal_connect_object (target, "activate", G_CALLBACK (on_target_activate_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), role_drop);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), target);

      /* A room is picked from the register's rooms. */
      if (self->rooms->len > 0)
        {
          g_autofree char *room_name = NULL;
          guint room_selected = 0;
          GtkWidget *room_drop = create_room_drop (self, calendar->target, &room_selected);

          gtk_drop_down_set_selected (GTK_DROP_DOWN (room_drop), room_selected);
          gtk_widget_set_valign (room_drop, GTK_ALIGN_CENTER);
          /* Translators: %s is a calendar's name */
          room_name = g_strdup_printf (_("The room %s is"), title);
          gtk_accessible_update_property (GTK_ACCESSIBLE (room_drop),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, room_name, -1);
          gtk_widget_set_visible (room_drop, selected == 1);
          gtk_widget_set_visible (target, selected != 1);
          g_object_set_data (G_OBJECT (row), "room", room_drop);
          g_object_set_data (G_OBJECT (room_drop), "row", row);
          g_signal_connect_object (room_drop, "notify::selected", G_CALLBACK (on_room_selected_cb),
                                   self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), room_drop);
        }
    }

  follow = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (follow), calendar->following);
  gtk_widget_set_valign (follow, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (follow, _("Follow this calendar"));
  /* Translators: %s is a calendar's name */
  follow_name = g_strdup_printf (_("Follow %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (follow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, follow_name, -1);
  g_object_set_data (G_OBJECT (row), "switch", follow);
  g_object_set_data (G_OBJECT (follow), "row", row);
  g_signal_connect_object (follow, "state-set", G_CALLBACK (on_follow_state_set_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), follow);

  return row;
}

/* Removing a source */

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ResfriCalendarsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!resfri_sync_remove_source_finish (RESFRI_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      add_toast (self, error->message, 10);
    }
  else
    add_toast (self, _("The account was removed"), 5);
  set_busy (self, FALSE);
  resfri_calendars_page_reload (self);
}

static void
on_remove_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       ResfriCalendarsPage *self)
{
  if (g_strcmp0 (response, "remove") != 0)
    return;

  set_busy (self, TRUE);
  resfri_sync_remove_source_async (self->store,
                                   *(gint64 *) g_object_get_data (G_OBJECT (dialog), "source"),
                                   self->cancellable, remove_cb, g_object_ref (self));
}

static void
on_remove_clicked_cb (GtkButton           *button,
                      ResfriCalendarsPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Remove the Account?"), NULL);
  /* Translators: %s is an account's name or address */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Resfri stops following %s. The meetings only its calendars "
                                    "held are removed from this database, with their "
                                    "reservations; the calendars on the server are not touched."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "source",
                          g_memdup2 (g_object_get_data (G_OBJECT (button), "source"), sizeof (gint64)),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The sources */

static GtkWidget *
create_source_row (ResfriCalendarsPage       *self,
                   const ResfriSourceListing *listing)
{
  const ResfriSource *source = listing->source;
  const char *title = source->name != NULL ? source->name : source->url;
  g_autofree char *last = source->last_sync ? format_time (source->last_sync) : NULL;
  g_autofree char *sync_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_name = NULL;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *remove;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Translators: when the source was last synchronised, "2026-12-04 16:00" */
  sync_text = last ? g_strdup_printf (_("last sync %s"), last) : g_strdup (_("never synced"));
  if (g_strcmp0 (source->kind, "caldav") == 0)
    /* Translators: "CalDAV · USER · last sync …" */
    subtitle = g_strdup_printf (_("CalDAV · %s · %s"), source->user ? source->user : "", sync_text);
  else
    /* Translators: "Published feed · last sync …" */
    subtitle = g_strdup_printf (_("Published feed · %s"), sync_text);
  if (source->name != NULL)
    {
      char *with_url = g_strdup_printf ("%s\n%s", source->url, subtitle);

      g_free (subtitle);
      subtitle = with_url;
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  if (source->last_error != NULL)
    {
      GtkWidget *error_row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_tooltip_text (icon, source->last_error);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("The last sync failed"), -1);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (error_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), _("The last sync failed"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (error_row), source->last_error);
      gtk_widget_add_css_class (error_row, "error");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), error_row);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }

  for (guint i = 0; i < listing->calendars->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              create_calendar_row (self, g_ptr_array_index (listing->calendars, i),
                                                   source->last_error));
  /* A few calendars are shown at once; a people template's hundreds are
   * not. */
  if (listing->calendars->len <= 5)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove…"));
  /* Translators: %s is an account's name or address */
  remove_name = g_strdup_printf (_("Remove %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  g_object_set_data_full (G_OBJECT (remove), "source", g_memdup2 (&source->id, sizeof (gint64)),
                          g_free);
  g_object_set_data_full (G_OBJECT (remove), "name", g_strdup (title), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);

  return row;
}

static void
clear_rows (ResfriCalendarsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->sources_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (ResfriCalendarsPage *self,
         GtkWidget           *row)
{
  adw_preferences_group_add (self->sources_group, row);
  g_ptr_array_add (self->rows, row);
}

static void
rebuild (ResfriCalendarsPage *self)
{
  GPtrArray *listings = self->listings;

  if (listings == NULL || self->rooms == NULL)
    return;

  clear_rows (self);
  if (listings->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No accounts yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add a CalDAV account (Nextcloud, SOGo, Radicale, Google, "
                                     "Exchange through DavMail) or a published feed."));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, row);
    }
  for (guint i = 0; i < listings->len; i++)
    add_row (self, create_source_row (self, g_ptr_array_index (listings, i)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), listings->len > 0);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ResfriCalendarsPage) self = user_data;
  g_autoptr(GPtrArray) listings = NULL;
  g_autoptr(GError) error = NULL;

  listings = resfri_sources_list_all_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);

  if (listings == NULL)
    {
      add_toast (self, error->message, 10);
      return;
    }
  g_clear_pointer (&self->listings, g_ptr_array_unref);
  self->listings = g_steal_pointer (&listings);
  rebuild (self);
}

static void
rooms_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ResfriCalendarsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *rooms;

  rooms = resfri_sources_list_rooms_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);

  /* Without the rooms, a room is typed as its code. */
  self->rooms = rooms != NULL ? rooms : g_ptr_array_new ();
  rebuild (self);
}

void
resfri_calendars_page_reload (ResfriCalendarsPage *self)
{
  g_return_if_fail (RESFRI_IS_CALENDARS_PAGE (self));

  set_busy (self, TRUE);
  resfri_sources_list_all_async (self->store, self->cancellable, list_cb, g_object_ref (self));
}

static void
load_rooms (ResfriCalendarsPage *self)
{
  set_busy (self, TRUE);
  resfri_sources_list_rooms_async (self->store, self->cancellable, rooms_cb, g_object_ref (self));
}

/* Buttons */

static void
on_added_cb (ResfriSourceDialog  *dialog,
             gint64               id,
             gboolean             in_file,
             guint                n_missing,
             ResfriCalendarsPage *self)
{
  g_autofree char *text = NULL;

  if (in_file)
    {
      g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "resfri", "passwords",
                                                  NULL);

      text = g_strdup_printf (_("Added. There is no keyring in this session: the password is "
                                "kept in a file only you can read (%s)"), folder);
    }
  else if (n_missing > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Added; %u person has no readable calendar",
                                         "Added; %u people have no readable calendar",
                                         n_missing), n_missing);
  else
    text = g_strdup (_("Added. Sync Now fetches its meetings"));
  add_toast (self, text, in_file ? 10 : 5);
  resfri_calendars_page_reload (self);
}

static void
on_add_clicked_cb (ResfriCalendarsPage *self)
{
  GtkWidget *dialog = resfri_source_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                self->store);

  g_signal_connect_object (dialog, "added", G_CALLBACK (on_added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The sync is the main window's (progress, Cancel, the views reloaded). */
static void
on_sync_clicked_cb (ResfriCalendarsPage *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.sync", NULL);
}

static void
resfri_calendars_page_dispose (GObject *object)
{
  ResfriCalendarsPage *self = (ResfriCalendarsPage *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_CALENDARS_PAGE);

  G_OBJECT_CLASS (resfri_calendars_page_parent_class)->dispose (object);
}

static void
resfri_calendars_page_finalize (GObject *object)
{
  ResfriCalendarsPage *self = (ResfriCalendarsPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->listings, g_ptr_array_unref);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);

  G_OBJECT_CLASS (resfri_calendars_page_parent_class)->finalize (object);
}

static void
resfri_calendars_page_class_init (ResfriCalendarsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_calendars_page_dispose;
  object_class->finalize = resfri_calendars_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-calendars-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriCalendarsPage, sources_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriCalendarsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriCalendarsPage, sync_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriCalendarsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriCalendarsPage, interval_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_clicked_cb);
}

static void
resfri_calendars_page_init (ResfriCalendarsPage *self)
{
  GApplication *app = g_application_get_default ();
  GSettings *settings = RESFRI_IS_APPLICATION (app) ?
                        resfri_application_get_settings (RESFRI_APPLICATION (app)) : NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GTK 4.8 names a button with a mnemonic after both its raw label and
   * the label inside it; keep the second. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->sync_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema != NULL && g_settings_schema_has_key (schema, "sync-interval"))
    g_settings_bind (settings, "sync-interval", self->interval_spin, "value", G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->interval_spin), FALSE);
}

GtkWidget *
resfri_calendars_page_new (ResfriStore *store)
{
  ResfriCalendarsPage *self;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  self = g_object_new (RESFRI_TYPE_CALENDARS_PAGE, NULL);
  self->store = g_object_ref (store);
  load_rooms (self);
  resfri_calendars_page_reload (self);
  return GTK_WIDGET (self);
}
