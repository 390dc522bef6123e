/* resfri-composer.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The New Meeting window: the form (every change of it updates the draft),
 * the completion popovers of the attendees and the venue, and the live
 * panel that shows the draft's evaluation. The actions and the work on a
 * worker thread are in resfri-composer-actions.c; the choices of the
 * popovers are ResfriComposerChoice.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-composer-private.h"
#include "resfri-person.h"
#include "resfri-verdict-style.h"

#define N_MATCHES 8

G_DEFINE_FINAL_TYPE (ResfriComposer, resfri_composer, ADW_TYPE_WINDOW)

void
_resfri_composer_toast (ResfriComposer *self,
                        const char     *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *t = adw_toast_new (markup);

  adw_toast_set_timeout (t, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* ---- Completion popovers --------------------------------------------------- */

static gboolean
completion_filter_func (gpointer item,
                        gpointer user_data)
{
  Completion *c = user_data;
  ResfriComposerChoice *choice = item;

  return resfri_composer_choice_matches (choice, c->needle);
}

static void
completion_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
completion_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  ResfriComposerChoice *choice = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);

  const char *title_text = resfri_composer_choice_get_title (choice);
  const char *subtitle_text = resfri_composer_choice_get_subtitle (choice);

  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title_text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle_text,
                                  -1);
}

static void
completion_pick (Completion *c,
                 guint       position)
{
  g_autoptr(ResfriComposerChoice) choice = g_list_model_get_item (G_LIST_MODEL (c->matches), position);

  gtk_popover_popdown (c->popover);
  if (choice != NULL)
    c->pick (c->self, choice);
  gtk_widget_grab_focus (GTK_WIDGET (c->entry));
}

static void
on_completion_activate_cb (GtkListView *view,
                           guint        position,
                           gpointer     user_data)
{
  completion_pick (user_data, position);
}

static void
completion_update (Completion *c)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (c->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GtkFilter *filter = gtk_filter_list_model_get_filter (c->filtered);
  guint n;

  g_clear_pointer (&c->needle, g_free);
  if (*stripped != '\0')
    c->needle = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);

  n = c->needle != NULL ? g_list_model_get_n_items (G_LIST_MODEL (c->matches)) : 0;
  if (n > 0)
    {
      /* The entry does not present its popover on allocation: a popover
       * shown again takes the size of its new list. */
      if (n != c->n_shown)
        gtk_popover_popdown (c->popover);
      gtk_widget_set_size_request (GTK_WIDGET (c->popover),
                                   MAX (gtk_widget_get_width (GTK_WIDGET (c->entry)), 240), -1);
      gtk_popover_popup (c->popover);
    }
  else
    gtk_popover_popdown (c->popover);
  c->n_shown = n;
}

static gboolean
on_completion_key_pressed_cb (GtkEventControllerKey *controller,
                              guint                  keyval,
                              guint                  keycode,
                              GdkModifierType        state,
                              gpointer               user_data)
{
  Completion *c = user_data;

  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      gtk_widget_get_visible (GTK_WIDGET (c->popover)))
    {
      gtk_widget_child_focus (GTK_WIDGET (c->view), GTK_DIR_TAB_FORWARD);
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape && gtk_widget_get_visible (GTK_WIDGET (c->popover)))
    {
      gtk_popover_popdown (c->popover);
      return TRUE;
    }

  return FALSE;
}

static gboolean
on_popover_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           gpointer               user_data)
{
  Completion *c = user_data;

  if (keyval == GDK_KEY_Escape)
    {
      gtk_popover_popdown (c->popover);
      gtk_widget_grab_focus (GTK_WIDGET (c->entry));
      return TRUE;
    }

  return FALSE;
}

static gboolean
completion_check_focus_cb (gpointer user_data)
{
  Completion *c = user_data;
  GtkRoot *root;
  GtkWidget *focus;

  c->focus_id = 0;
  if (c->popover == NULL || !gtk_widget_get_visible (GTK_WIDGET (c->popover)))
    return G_SOURCE_REMOVE;

  root = gtk_widget_get_root (GTK_WIDGET (c->entry));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL ||
      (!gtk_widget_is_ancestor (focus, GTK_WIDGET (c->entry)) &&
       !gtk_widget_is_ancestor (focus, GTK_WIDGET (c->popover))))
    gtk_popover_popdown (c->popover);

  return G_SOURCE_REMOVE;
}

/* Focus left the entry: close the list unless it went into the list. */
static void
on_completion_focus_leave_cb (GtkEventControllerFocus *controller,
                              gpointer                 user_data)
{
  Completion *c = user_data;

  if (c->focus_id == 0)
    c->focus_id = g_idle_add (completion_check_focus_cb, c);
}

static void
completion_init (Completion  *c,
                 ResfriComposer *self,
                 GtkEntry    *entry,
                 const char  *list_name,
                 void       (*pick) (ResfriComposer *, ResfriComposerChoice *))
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkCustomFilter *filter;
  GtkNoSelection *selection;
  GtkEventController *keys;
  GtkWidget *scrolled;

  c->self = self;
  c->entry = entry;
  c->pick = pick;

  filter = gtk_custom_filter_new (completion_filter_func, c, NULL);
  c->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  c->matches = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (c->filtered)), 0, N_MATCHES);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (c->matches)));

  g_signal_connect (factory, "setup", G_CALLBACK (completion_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (completion_bind_cb), NULL);
  c->view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory));
  gtk_list_view_set_single_click_activate (c->view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, list_name,
                                  -1);
  g_signal_connect (c->view, "activate", G_CALLBACK (on_completion_activate_cb), c);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (c->view));

  c->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (c->popover, FALSE);
  gtk_popover_set_has_arrow (c->popover, FALSE);
  gtk_popover_set_position (c->popover, GTK_POS_BOTTOM);
  gtk_popover_set_child (c->popover, scrolled);
  gtk_widget_add_css_class (GTK_WIDGET (c->popover), "menu");
  gtk_widget_set_parent (GTK_WIDGET (c->popover), GTK_WIDGET (entry));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_completion_key_pressed_cb), c);
  gtk_widget_add_controller (GTK_WIDGET (entry), keys);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_popover_key_pressed_cb), c);
  gtk_widget_add_controller (GTK_WIDGET (c->popover), keys);

  keys = gtk_event_controller_focus_new ();
  g_signal_connect (keys, "leave", G_CALLBACK (on_completion_focus_leave_cb), c);
  gtk_widget_add_controller (GTK_WIDGET (entry), keys);
  keys = gtk_event_controller_focus_new ();
  g_signal_connect (keys, "leave", G_CALLBACK (on_completion_focus_leave_cb), c);
  gtk_widget_add_controller (GTK_WIDGET (c->popover), keys);
}

static void
completion_clear (Completion *c)
{
  g_clear_handle_id (&c->focus_id, g_source_remove);
  if (c->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (c->popover));
  c->popover = NULL;
  g_clear_object (&c->matches);
  g_clear_object (&c->filtered);
  g_clear_pointer (&c->needle, g_free);
}

/* ---- The draft from the form ------------------------------------------- */

static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  guint h = 0;
  guint m = 0;
  char sep = 0;
  int n;

  if (*s == '\0')
    return FALSE;
  n = sscanf (s, "%u%c%u", &h, &sep, &m);
  if (n == 1)
    {
      /* "10" or "1030" */
      if (strlen (s) > 2)
        {
          m = h % 100;
          h /= 100;
        }
    }
  else if (n != 3 || (sep != ':' && sep != '.'))
    return FALSE;
  if (h > 23 || m > 59)
    return FALSE;
  *hour = (int) h;
  *minute = (int) m;

  return TRUE;
}

static GDateTime *
parse_date (const char *text)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Stockholm");
  g_autofree char *s = g_strstrip (g_strdup (text));
  guint y;
  guint mo;
  guint d;
  char tail;

  if (zone == NULL)
    zone = g_time_zone_new_local ();
  if (sscanf (s, "%4u-%2u-%2u%c", &y, &mo, &d, &tail) != 3 || !g_date_valid_dmy (d, mo, y))
    return NULL;

  return g_date_time_new (zone, (int) y, (int) mo, (int) d, 0, 0, 0);
}

static void
set_entry_error (GtkEntry *entry,
                 gboolean  error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
update_times (ResfriComposer *self)
{
  g_autoptr(GDateTime) day = parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  int sh = 0;
  int sm = 0;
  int eh = 0;
  int em = 0;
  gboolean start_ok = parse_time (gtk_editable_get_text (GTK_EDITABLE (self->start_entry)), &sh, &sm);
  gboolean end_ok = parse_time (gtk_editable_get_text (GTK_EDITABLE (self->end_entry)), &eh, &em);

  if (day != NULL && start_ok)
    start = g_date_time_new (g_date_time_get_timezone (day), g_date_time_get_year (day),
                             g_date_time_get_month (day), g_date_time_get_day_of_month (day),
                             sh, sm, 0);
  if (day != NULL && end_ok)
    end = g_date_time_new (g_date_time_get_timezone (day), g_date_time_get_year (day),
                           g_date_time_get_month (day), g_date_time_get_day_of_month (day),
                           eh, em, 0);
  if (start != NULL && end != NULL && g_date_time_compare (end, start) <= 0)
    end_ok = FALSE;

  set_entry_error (self->date_entry, day == NULL);
  set_entry_error (self->start_entry, !start_ok);
  set_entry_error (self->end_entry, start_ok && !end_ok);

  self->times_valid = day != NULL && start_ok && end_ok;
  if (self->times_valid)
    resfri_draft_set_times (self->draft, start, end);
  else
    resfri_draft_set_times (self->draft, NULL, NULL);
}

void
_resfri_composer_update_actions (ResfriComposer *self)
{
  gboolean complete = self->times_valid && self->draft->organizer != NULL;
  ResfriMode mode = resfri_draft_get_mode (self->draft);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.save", complete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.save-and-book", complete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.export", complete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.make-travel-free",
                                 complete && mode != RESFRI_MODE_ONLINE && mode != RESFRI_MODE_HYBRID);
}

char *
_resfri_composer_dup_state (ResfriComposer *self)
{
  GtkEntry *entries[] = {
    self->title_entry, self->date_entry, self->start_entry, self->end_entry,
    self->attendee_entry, self->venue_entry, self->link_entry,
  };
  GString *state = g_string_new (NULL);

  /* What is typed, also where the draft does not take it yet (an attendee
   * not added, a time that does not parse), and what was picked. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_string_append_printf (state, "%s\x1f", gtk_editable_get_text (GTK_EDITABLE (entries[i])));
  for (guint i = 0; i < self->draft->attendees->len; i++)
    g_string_append_printf (state, "%s\x1e", (const char *) g_ptr_array_index (self->draft->attendees, i));
  g_string_append_printf (state, "\x1f%s\x1f%s",
                          self->draft->room != NULL ? self->draft->room : "",
                          self->draft->site != NULL ? self->draft->site : "");

  return g_string_free (state, FALSE);
}

void
_resfri_composer_changed (ResfriComposer *self)
{
  self->unsaved = TRUE;
  _resfri_composer_update_actions (self);
  _resfri_composer_schedule_evaluation (self);
}

static void
on_title_changed_cb (ResfriComposer *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));

  g_free (self->draft->summary);
  self->draft->summary = *text != '\0' ? g_strdup (text) : NULL;
  self->unsaved = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), *text != '\0' ? text : _("New Meeting"));
  _resfri_composer_update_actions (self);
}

static void
on_time_changed_cb (ResfriComposer *self)
{
  update_times (self);
  _resfri_composer_changed (self);
}

static void
on_calendar_day_selected_cb (ResfriComposer *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), text);
  gtk_menu_button_popdown (self->calendar_button);
}

static void
on_link_changed_cb (ResfriComposer *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->link_entry))));

  if (self->syncing)
    return;
  g_free (self->draft->online_url);
  self->draft->online_url = *text != '\0' ? g_steal_pointer (&text) : NULL;
  _resfri_composer_changed (self);
}

/* ---- Attendees -------------------------------------------------------------- */

static void rebuild_attendees (ResfriComposer *self);

static void
on_remove_attendee_cb (GtkButton      *button,
                       ResfriComposer *self)
{
  const char *email = g_object_get_data (G_OBJECT (button), "email");

  resfri_draft_remove_attendee (self->draft, email);
  rebuild_attendees (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->attendee_entry));
  _resfri_composer_changed (self);
}

/* The organiser is the first attendee: this one moves to the top. */
static void
on_make_organizer_cb (GtkButton      *button,
                      ResfriComposer *self)
{
  const char *email = g_object_get_data (G_OBJECT (button), "email");
  GPtrArray *emails = self->draft->attendees;

  for (guint i = 1; i < emails->len; i++)
    if (g_strcmp0 (g_ptr_array_index (emails, i), email) == 0)
      {
        gpointer moved = g_ptr_array_steal_index (emails, i);

        g_ptr_array_insert (emails, 0, moved);
        break;
      }
  rebuild_attendees (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->attendee_entry));
  _resfri_composer_changed (self);
}

/* A flat icon button at the end of an attendee's row, named @label, that
 * calls @callback with the attendee's @email in its "email" data. */
static void
add_attendee_button (ResfriComposer *self,
                     AdwActionRow   *row,
                     const char     *icon,
                     const char     *label,
                     const char     *email,
                     GCallback       callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "email", g_strdup (email), g_free);
  g_signal_connect (button, "clicked", callback, self);
  adw_action_row_add_suffix (row, button);
}

static void
rebuild_attendees (ResfriComposer *self)
{
  GtkWidget *child;
  GPtrArray *emails = self->draft->attendees;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attendee_list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->attendee_list, child);

  g_clear_pointer (&self->draft->organizer, g_free);
  if (emails->len > 0)
    self->draft->organizer = g_strdup (g_ptr_array_index (emails, 0));

  for (guint i = 0; i < emails->len; i++)
    {
      const char *email = g_ptr_array_index (emails, i);
      g_autofree char *key = g_utf8_strdown (email, -1);
      ResfriComposerChoice *person = g_hash_table_lookup (self->people, key);
      const char *room = person == NULL ? g_hash_table_lookup (self->room_emails, key) : NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *remove_label = NULL;
      GtkWidget *row = adw_action_row_new ();
      const char *name = person != NULL ? resfri_composer_choice_get_title (person) : email;

      if (person != NULL)
        subtitle = g_strdup (resfri_composer_choice_get_subtitle (person));
      else if (room != NULL)
        /* Translators: the address of a room in the rooms register, typed
         * as an attendee, and the room, as in
         * "sal1@example.se · Room: Sal 1, Rådhuset" */
        subtitle = g_strdup_printf (_("%s · Room: %s"), email, room);
      else
        subtitle = g_strdup_printf (_("%s · not in the people register"), email);
      if (i == 0)
        {
          /* Translators: a person's address and site, then their role. */
          g_autofree char *with_role = g_strdup_printf (_("%s · organiser"), subtitle);

          g_free (subtitle);
          subtitle = g_steal_pointer (&with_role);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

      /* A filled star marks the organiser; the others' empty star makes
       * them the organiser. */
      if (i == 0)
        {
          GtkWidget *star = gtk_image_new_from_icon_name ("starred-symbolic");

          gtk_widget_set_tooltip_text (star, _("Organiser"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (star),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Organiser"),
                                          -1);
          gtk_widget_set_margin_start (star, 10);
          gtk_widget_set_margin_end (star, 10);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), star);
        }
      else
        {
          g_autofree char *organizer_label = NULL;

          /* Translators: %s is a person's name; a button on their row */
          organizer_label = g_strdup_printf (_("Make %s the Organiser"), name);
          add_attendee_button (self, ADW_ACTION_ROW (row), "non-starred-symbolic",
                               organizer_label, email, G_CALLBACK (on_make_organizer_cb));
        }

      remove_label = g_strdup_printf (_("Remove %s"), name);
      add_attendee_button (self, ADW_ACTION_ROW (row), "list-remove-symbolic", remove_label,
                           email, G_CALLBACK (on_remove_attendee_cb));


      gtk_list_box_append (self->attendee_list, row);
    }
}

static void
add_attendee (ResfriComposer *self,
              const char     *email)
{
  if (!resfri_draft_add_attendee (self->draft, email))
    {
      _resfri_composer_toast (self, _("Already invited"));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->attendee_entry), "");
  rebuild_attendees (self);
  _resfri_composer_changed (self);
}

static void
pick_person (ResfriComposer       *self,
             ResfriComposerChoice *choice)
{
  add_attendee (self, resfri_composer_choice_get_key (choice));
}

static void
on_attendee_changed_cb (ResfriComposer *self)
{
  completion_update (&self->attendees);
}

static void
on_attendee_activate_cb (ResfriComposer *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->attendee_entry))));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->attendees.matches)) > 0 &&
      self->attendees.needle != NULL)
    completion_pick (&self->attendees, 0);
  else if (strchr (text, '@') != NULL && strchr (text, ' ') == NULL)
    {
      gtk_popover_popdown (self->attendees.popover);
      add_attendee (self, text);   /* an external guest */
    }
  else if (*text != '\0')
    _resfri_composer_toast (self, _("Nobody in the people register matches; "
                                    "type an email address to invite a guest"));
}

/* ---- Venue -------------------------------------------------------------------- */

void
_resfri_composer_show_venue (ResfriComposer       *self,
                             ResfriComposerChoice *choice)
{
  if (choice == NULL)
    {
      gtk_label_set_text (self->venue_label, _("No venue: the meeting is held where the link says."));
      return;
    }
  gtk_label_set_text (self->venue_label, resfri_composer_choice_get_subtitle (choice));
}

static void
pick_venue (ResfriComposer       *self,
            ResfriComposerChoice *choice)
{
  g_autofree char *text = NULL;

  if (*resfri_composer_choice_get_key (choice) != '\0')
    resfri_draft_set_venue (self->draft, resfri_composer_choice_get_key (choice), NULL);
  else
    resfri_draft_set_venue (self->draft, NULL, resfri_composer_choice_get_site (choice));

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->venue_entry), resfri_composer_choice_get_title (choice));
  gtk_editable_set_position (GTK_EDITABLE (self->venue_entry), -1);
  self->syncing = FALSE;
  gtk_popover_popdown (self->venues.popover);
  _resfri_composer_show_venue (self, choice);
  _resfri_composer_changed (self);
}

static void
on_venue_changed_cb (ResfriComposer *self)
{
  if (self->syncing)
    return;

  /* Typing replaces the chosen venue. */
  if (self->draft->room != NULL || self->draft->site != NULL)
    {
      resfri_draft_set_venue (self->draft, NULL, NULL);
      _resfri_composer_show_venue (self, NULL);
      _resfri_composer_changed (self);
    }
  completion_update (&self->venues);
}

static void
on_venue_activate_cb (ResfriComposer *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->venues.matches)) > 0 &&
      self->venues.needle != NULL)
    completion_pick (&self->venues, 0);
}

static void
on_venue_icon_press_cb (ResfriComposer       *self,
                        GtkEntryIconPosition  position)
{
  if (position != GTK_ENTRY_ICON_SECONDARY)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->venue_entry), "");
  resfri_draft_set_venue (self->draft, NULL, NULL);
  _resfri_composer_show_venue (self, NULL);
  _resfri_composer_changed (self);
}

/* ---- The live panel ------------------------------------------------------- */

static void
set_verdict (ResfriComposer *self,
             const char     *text,
             ResfriVerdict   verdict)
{
  g_autofree char *name = g_strdup_printf (_("Verdict: %s"), text);

  resfri_verdict_style_apply (GTK_WIDGET (self->verdict_badge), verdict);
  gtk_label_set_text (self->verdict_badge, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_badge),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, name,
                                  -1);
}

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_grid_remove (GTK_GRID (container), child);
    }
}

static void
add_figure (ResfriComposer *self,
            int             row,
            const char     *name,
            char           *value)   /* (transfer full) */
{
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *number = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (number), 1);
  gtk_widget_add_css_class (number, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (number),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, name,
                                  -1);
  gtk_grid_attach (self->figures_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->figures_grid, number, 1, row, 1, 1);
  g_free (value);
}

static char *
format_mode (const ResfriDraftEvaluation *e)
{
  switch (e->mode)
    {
    case RESFRI_MODE_IN_PERSON:
      return g_strdup_printf (_("In person in %s"), e->venue_site_name);
    case RESFRI_MODE_HYBRID:
      return g_strdup_printf (_("Hybrid: in %s and online"), e->venue_site_name);
    case RESFRI_MODE_ONLINE:
      return g_strdup (_("Online"));
    case RESFRI_MODE_UNKNOWN:
    default:
      return g_strdup (_("Choose a venue or give an online link."));
    }
}

static char *
format_equipment (const ResfriDraftAttendee *a)
{
  const char *status;
  g_autofree char *where = NULL;

  if (!a->internal)
    return g_strdup (_("Guest: equipment unknown"));

  if (a->has_headset && a->has_camera)
    status = _("Headset and camera");
  else if (a->has_headset)
    status = _("No camera");
  else if (a->has_camera)
    status = _("No headset");
  else
    status = _("No headset or camera");

  if (a->remote)
    where = g_strdup (_("joins online"));
  else if (a->one_way_km > 0)
    /* Translators: a one-way distance, "travels 30 km"; a no-break space before km */
    where = g_strdup_printf (_("travels %.0f km"), a->one_way_km);
  else
    where = g_strdup (_("in the room"));

  /* Translators: equipment status · where the person takes part. */
  return g_strdup_printf (_("%s · %s"), status, where);
}

void
_resfri_composer_show_evaluation (ResfriComposer              *self,
                                  const ResfriDraftEvaluation *e)
{
  g_autofree char *mode = format_mode (e);
  int row = 0;

  set_verdict (self, resfri_verdict_get_label (e->verdict), e->verdict);
  gtk_label_set_text (self->mode_label, mode);

  clear_container (GTK_WIDGET (self->figures_grid));
  add_figure (self, row++, _("Travel"), g_strdup_printf (_("%.0f km"), e->travel_km));
  add_figure (self, row++, _("CO₂"), g_strdup_printf (_("%.1f kg"), e->travel_co2_kg));
  add_figure (self, row++, _("Cost"), g_strdup_printf (_("SEK %'.0f"), e->travel_cost_sek));
  add_figure (self, row++, _("Travel time"), g_strdup_printf (_("%.1f h"), e->travel_hours));
  if (e->avoided_km > 0)
    {
      add_figure (self, row++, _("Travel avoided"), g_strdup_printf (_("%.0f km"), e->avoided_km));
      add_figure (self, row++, _("CO₂ avoided"), g_strdup_printf (_("%.1f kg"), e->avoided_co2_kg));
      add_figure (self, row++, _("Cost avoided"), g_strdup_printf (_("SEK %'.0f"), e->avoided_cost_sek));
      add_figure (self, row++, _("Time saved"), g_strdup_printf (_("%.1f h"), e->avoided_hours));
    }

  clear_container (GTK_WIDGET (self->equipment_list));
  for (guint i = 0; i < e->attendees->len; i++)
    {
      const ResfriDraftAttendee *a = g_ptr_array_index (e->attendees, i);
      g_autofree char *status = format_equipment (a);
      GtkWidget *r = adw_action_row_new ();
      GtkWidget *icon;
      gboolean ok = !a->internal || (a->has_headset && a->has_camera) || !a->remote;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (r), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r), a->name != NULL ? a->name : a->email);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (r), status);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (r), 3);
      icon = gtk_image_new_from_icon_name (ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, ok ? "success" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ok ? _("Ready") : _("Lacks equipment"),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (r), icon);
      gtk_list_box_append (self->equipment_list, r);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->equipment_list), e->attendees->len > 0);
}

void
_resfri_composer_show_incomplete (ResfriComposer *self,
                                  const char     *why)
{
  set_verdict (self, _("Not checked yet"), RESFRI_VERDICT_UNKNOWN);
  gtk_label_set_text (self->mode_label, why);
  clear_container (GTK_WIDGET (self->figures_grid));
  clear_container (GTK_WIDGET (self->equipment_list));
  gtk_widget_set_visible (GTK_WIDGET (self->equipment_list), FALSE);
}

/* ---- Loading the registers ----------------------------------------------- */

static void
people_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ResfriComposer) self = user_data;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GListStore) choices = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (!(people = resfri_person_list_finish (RESFRI_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _resfri_composer_toast (self, error->message);
      return;
    }

  choices = g_list_store_new (RESFRI_TYPE_COMPOSER_CHOICE);
  n = g_list_model_get_n_items (people);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResfriPerson) person = g_list_model_get_item (people, i);
      const char *email = resfri_person_get_email (person);
      const char *site = resfri_person_get_site_code (person);
      const char *site_name = g_hash_table_lookup (self->site_names, site);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", email, site_name != NULL ? site_name : site);
      g_autoptr(ResfriComposerChoice) choice = NULL;

      choice = resfri_composer_choice_new (email, site, resfri_person_get_name (person), subtitle);

      g_hash_table_insert (self->people, g_utf8_strdown (email, -1), g_object_ref (choice));
      g_list_store_append (choices, choice);
    }
  gtk_filter_list_model_set_model (self->attendees.filtered, G_LIST_MODEL (choices));
  rebuild_attendees (self);
}

static void
load_venues (ResfriComposer *self)
{
  g_autoptr(GPtrArray) venues = NULL;
  g_autoptr(GListStore) choices = g_list_store_new (RESFRI_TYPE_COMPOSER_CHOICE);
  g_autoptr(GError) error = NULL;

  if (!(venues = resfri_draft_list_venues (self->store, &error)))
    {
      _resfri_composer_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < venues->len; i++)
    {
      const ResfriDraftVenue *v = g_ptr_array_index (venues, i);
      g_autoptr(ResfriComposerChoice) choice = NULL;
      g_autofree char *subtitle = NULL;

      if (v->room != NULL)
        {
          g_autofree char *title = g_strdup_printf ("%s, %s", v->name, v->site_name);

          subtitle = g_strdup_printf (v->vc ? _("Room in %s for %u, with video") : _("Room in %s for %u"),
                                      v->site_name, (guint) v->capacity);
          choice = resfri_composer_choice_new (v->room, v->site, title, subtitle);
          if (v->email != NULL)
            g_hash_table_insert (self->room_emails, g_utf8_strdown (v->email, -1), g_strdup (title));
          g_hash_table_insert (self->room_titles, g_strdup (v->room), g_steal_pointer (&title));
        }
      else
        {
          g_hash_table_insert (self->site_names, g_strdup (v->site), g_strdup (v->site_name));
          subtitle = g_strdup_printf (_("The site %s (no particular room)"), v->site_name);
          choice = resfri_composer_choice_new ("", v->site, v->name, subtitle);
        }
      g_list_store_append (choices, choice);
    }
  gtk_filter_list_model_set_model (self->venues.filtered, G_LIST_MODEL (choices));
}

/* ---- GObject ---------------------------------------------------------------- */

static void
resfri_composer_dispose (GObject *object)
{
  ResfriComposer *self = RESFRI_COMPOSER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->evaluate_id, g_source_remove);
  completion_clear (&self->attendees);
  completion_clear (&self->venues);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_COMPOSER);

  G_OBJECT_CLASS (resfri_composer_parent_class)->dispose (object);
}

static void
resfri_composer_finalize (GObject *object)
{
  ResfriComposer *self = RESFRI_COMPOSER (object);

  /* Kept until here: a save finishing after the window closed reloads it. */
  if (self->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->parent), (gpointer *) &self->parent);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->draft, resfri_draft_free);
  g_clear_pointer (&self->people, g_hash_table_unref);
  g_clear_pointer (&self->site_names, g_hash_table_unref);
  g_clear_pointer (&self->room_titles, g_hash_table_unref);
  g_clear_pointer (&self->room_emails, g_hash_table_unref);
  g_clear_pointer (&self->clean_state, g_free);
  g_clear_pointer (&self->saving_state, g_free);

  G_OBJECT_CLASS (resfri_composer_parent_class)->finalize (object);
}

static void
resfri_composer_class_init (ResfriComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_composer_dispose;
  object_class->finalize = resfri_composer_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/resfri/Resfri/ui/resfri-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, title_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, date_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, calendar);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, start_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, end_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, attendee_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, attendee_list);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, venue_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, venue_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, link_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, verdict_badge);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, mode_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, equipment_list);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, panel);
  gtk_widget_class_bind_template_child (widget_class, ResfriComposer, travel_free_button);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);

  _resfri_composer_class_actions_init (klass);
}

static void
resfri_composer_init (ResfriComposer *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *day = g_date_time_format (tomorrow, "%Y-%m-%d");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->pending = -1;
  self->draft = resfri_draft_new ();
  self->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->site_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->room_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->room_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->bookings_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->bookings_label, 0);
  gtk_label_set_wrap (self->bookings_label, TRUE);
  gtk_label_set_wrap_mode (self->bookings_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (self->bookings_label, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->bookings_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bookings_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Bookings"),
                                  -1);
  gtk_box_insert_child_after (self->panel, GTK_WIDGET (self->bookings_label),
                              GTK_WIDGET (self->travel_free_button));

  completion_init (&self->attendees, self, self->attendee_entry, _("Matching People"), pick_person);
  completion_init (&self->venues, self, self->venue_entry, _("Matching Venues"), pick_venue);

  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), day);
  gtk_editable_set_text (GTK_EDITABLE (self->start_entry), "10:00");
  gtk_editable_set_text (GTK_EDITABLE (self->end_entry), "11:00");
  update_times (self);
  _resfri_composer_show_venue (self, NULL);

  g_signal_connect_swapped (self->title_entry, "changed", G_CALLBACK (on_title_changed_cb), self);
  g_signal_connect_swapped (self->date_entry, "changed", G_CALLBACK (on_time_changed_cb), self);
  g_signal_connect_swapped (self->start_entry, "changed", G_CALLBACK (on_time_changed_cb), self);
  g_signal_connect_swapped (self->end_entry, "changed", G_CALLBACK (on_time_changed_cb), self);
  g_signal_connect_swapped (self->link_entry, "changed", G_CALLBACK (on_link_changed_cb), self);
  g_signal_connect_swapped (self->attendee_entry, "changed", G_CALLBACK (on_attendee_changed_cb), self);
  g_signal_connect_swapped (self->attendee_entry, "activate", G_CALLBACK (on_attendee_activate_cb), self);
  g_signal_connect_swapped (self->venue_entry, "changed", G_CALLBACK (on_venue_changed_cb), self);
  g_signal_connect_swapped (self->venue_entry, "activate", G_CALLBACK (on_venue_activate_cb), self);
  g_signal_connect_swapped (self->venue_entry, "icon-press", G_CALLBACK (on_venue_icon_press_cb), self);

  _resfri_composer_show_incomplete (self, _("Add the attendees: the first one organises the meeting."));
  _resfri_composer_update_actions (self);

  /* Closing asks first once the form differs from this. */
  self->clean_state = _resfri_composer_dup_state (self);
}

ResfriComposer *
resfri_composer_new (GtkWindow   *parent,
                     ResfriStore *store)
{
  ResfriComposer *self;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  self = g_object_new (RESFRI_TYPE_COMPOSER,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->parent = parent;
  if (parent != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &self->parent);
      /* The application's keys (Ctrl+Q, which asks here first) work here too. */
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  self->store = g_object_ref (store);

  resfri_person_list_async (store, self->cancellable, people_loaded_cb, g_object_ref (self));
  load_venues (self);

  return self;
}
