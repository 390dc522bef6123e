/* resfri-preferences-window.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Preferences window: who "I" am and the database's counts
 * (ResfriGeneralPage), the travel policy settings of the open database
 * (the targets apart, with Add Target… for a unit's own), and its live
 * calendars (ResfriCalendarsPage).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-calendars-page.h"
#include "resfri-general-page.h"
#include "resfri-number-format.h"
#include "resfri-policy-settings.h"
#include "resfri-preferences-window.h"
#include "resfri-registers.h"
#include "resfri-widget-util.h"

/* The policy settings of the open database (resfri-policy-settings.h), one row
 * each with an entry. A value is stored when the entry is activated or
 * loses the focus; one the policy refuses is marked and explained in a
 * toast, and the stored value stays. */
struct _ResfriPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  ResfriStore          *store;
  GtkWidget            *general_page;
  GtkWidget            *target_group;
  GtkDropDown          *target_unit;
  GtkEntry             *target_share;
  GtkWidget            *calendars_page;
};

G_DEFINE_FINAL_TYPE (ResfriPreferencesWindow, resfri_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
apply_entry (ResfriPreferencesWindow *self,
             GtkEntry                *entry)
{
  const char *key = g_object_get_data (G_OBJECT (entry), "key");
  const char *stored = g_object_get_data (G_OBJECT (entry), "value");
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  /* The policy keeps C-locale numbers; the entry shows the user's. */
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "numeric")))
    text = resfri_parse_decimal_text (shown);
  else
    text = g_strdup (shown);

  if (g_strcmp0 (text, stored) == 0)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return;
    }

  if (!resfri_policy_set (self->store, key, text, &error))
    {
      g_autofree char *markup = NULL;

      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      markup = g_markup_printf_escaped (_("Not saved: %s"), error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (markup));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  g_object_set_data_full (G_OBJECT (entry), "value", g_steal_pointer (&text), g_free);
}

static void
on_entry_activate_cb (GtkEntry                *entry,
                      ResfriPreferencesWindow *self)
{
  apply_entry (self, entry);
}

static void
on_entry_leave_cb (GtkEventControllerFocus *controller,
                   ResfriPreferencesWindow *self)
{
  apply_entry (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static GtkWidget *
create_row (ResfriPreferencesWindow   *self,
            const ResfriPolicySetting *setting)
{
  g_autofree char *title = resfri_policy_dup_setting_title (setting->key);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *value = NULL;
  g_autofree char *default_value = NULL;
  gboolean numeric = setting->kind != RESFRI_POLICY_VALUE_HOSTS;
  GtkEventController *focus;
  GtkWidget *row;
  GtkWidget *entry;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_str_has_prefix (setting->key, "target_share."))
    gtk_widget_set_tooltip_text (row, setting->key + strlen ("target_share."));

  value = numeric ? resfri_format_decimal_text (setting->value) : g_strdup (setting->value);
  default_value = numeric ? resfri_format_decimal_text (setting->default_value)
                          : g_strdup (setting->default_value);
  if (default_value != NULL && default_value[0] != '\0')
    /* Translators: a setting's description, then its default value */
    subtitle = g_strdup_printf (_("%s (default %s)"), setting->description, default_value);
  else
    subtitle = g_strdup (setting->description);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

  entry = gtk_entry_new ();
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (entry, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (entry), value != NULL ? value : "");
  g_object_set_data (G_OBJECT (entry), "numeric", GINT_TO_POINTER (numeric));
  if (setting->kind == RESFRI_POLICY_VALUE_HOSTS)
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 18);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 18);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("none"));
    }
  else
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 7);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 7);
      gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      if (setting->kind == RESFRI_POLICY_VALUE_SHARE)
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("none"));
    }
  /* The row's title names the entry (the row makes it its activatable
   * widget); the description says what it means. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, setting->description,
                                  -1);
  g_object_set_data_full (G_OBJECT (entry), "key", g_strdup (setting->key), g_free);
  g_object_set_data_full (G_OBJECT (entry), "value",
                          g_strdup (setting->value != NULL ? setting->value : ""), g_free);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_entry_activate_cb), self, 0);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_entry_leave_cb), self, 0);
  gtk_widget_add_controller (entry, focus);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);

  return row;
}

/* A row of the targets' group, in place of the one of the same key. */
static void
add_target_row (ResfriPreferencesWindow   *self,
                const ResfriPolicySetting *setting)
{
  GtkWidget *old = g_object_get_data (G_OBJECT (self->target_group), setting->key);
  GtkWidget *row = create_row (self, setting);

  if (old != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->target_group), old);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->target_group), row);
  g_object_set_data (G_OBJECT (self->target_group), setting->key, row);
}

/* Add Target…: the units of the registers, read when the popover opens. */
static void
on_target_popover_show_cb (ResfriPreferencesWindow *self)
{
  g_autoptr(ResfriRegisters) registers = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  if ((registers = resfri_registers_load (self->store, 0, &error)) != NULL)
    paths = resfri_registers_dup_unit_paths (registers);
  for (guint i = 0; paths != NULL && i < paths->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (paths, i));
  gtk_drop_down_set_model (self->target_unit, G_LIST_MODEL (model));
  gtk_widget_grab_focus (GTK_WIDGET (self->target_unit));
}

static void
on_add_target_cb (GtkWidget               *widget,
                  ResfriPreferencesWindow *self)
{
  GtkStringObject *unit = gtk_drop_down_get_selected_item (self->target_unit);
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GPtrArray) settings = NULL;
  g_autoptr(GError) error = NULL;

  if (unit == NULL)
    return;

  key = g_strconcat ("target_share.", gtk_string_object_get_string (unit), NULL);
  value = resfri_parse_decimal_text (gtk_editable_get_text (GTK_EDITABLE (self->target_share)));
  if (!resfri_policy_set (self->store, key, value, &error) ||
      !(settings = resfri_policy_list_settings (self->store, &error)))
    {
      g_autofree char *markup = g_markup_printf_escaped (_("Not saved: %s"), error->message);

      gtk_widget_add_css_class (GTK_WIDGET (self->target_share), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (markup));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->target_share), "error");
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER)));
  /* The unit's row: a new one, or the one it had, with its new value. */
  for (guint i = 0; i < settings->len; i++)
    {
      const ResfriPolicySetting *setting = g_ptr_array_index (settings, i);

      if (g_strcmp0 (setting->key, key) == 0)
        add_target_row (self, setting);
    }
}

/* The group of the targets, with Add Target… in its header. */
static GtkWidget *
target_group_new (ResfriPreferencesWindow *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));
  GtkWidget *label;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Targets"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The travel-free share to reach in a year: the "
                                           "organisation's, and a unit's own where it differs. "
                                           "Empty a unit's value to remove its target."));

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Add Target…"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  label = gtk_label_new (_("A unit's own target share"));
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  self->target_unit = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_drop_down_set_enable_search (self->target_unit, TRUE);
  gtk_drop_down_set_expression (self->target_unit,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->target_unit),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Unit"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->target_unit));

  self->target_share = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_input_purpose (self->target_share, GTK_INPUT_PURPOSE_NUMBER);
  /* Translators: the placeholder of a share, written the user's way */
  gtk_entry_set_placeholder_text (self->target_share, _("Share, 0 to 1"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->target_share),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Target share"), -1);
  g_signal_connect_object (self->target_share, "activate", G_CALLBACK (on_add_target_cb), self, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->target_share));

  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect_object (add, "clicked", G_CALLBACK (on_add_target_cb), self, 0);
  gtk_box_append (GTK_BOX (box), add);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_target_popover_show_cb), self,
                           G_CONNECT_SWAPPED);

  return group;
}

static void
build_pages (ResfriPreferencesWindow *self)
{
  g_autoptr(GPtrArray) settings = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  GtkWidget *policy_group;
  GtkWidget *price_group;

  self->general_page = resfri_general_page_new (self->store);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->general_page));

  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Policy"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "emblem-system-symbolic");

  policy_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (policy_group), _("Travel Policy"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (policy_group),
                                         _("Stored in the database; resfri-cli and every "
                                           "window on it use the same values."));
  price_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (price_group), _("Unit Prices"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (price_group),
                                         _("What one item of each equipment type costs, "
                                           "for the order list."));

  if (!(settings = resfri_policy_list_settings (self->store, &error)))
    {
      g_autofree char *markup = NULL;

      markup = g_markup_printf_escaped (_("Cannot read the policy: %s"), error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (markup));
    }

  self->target_group = target_group_new (self);
  for (guint i = 0; settings != NULL && i < settings->len; i++)
    {
      const ResfriPolicySetting *setting = g_ptr_array_index (settings, i);
      GtkWidget *group = policy_group;

      if (g_str_has_prefix (setting->key, "target_share"))
        {
          add_target_row (self, setting);
          continue;
        }
      if (setting->kind == RESFRI_POLICY_VALUE_PRICE)
        group = price_group;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_row (self, setting));
    }

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (policy_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->target_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (price_group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));

  self->calendars_page = resfri_calendars_page_new (self->store);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->calendars_page));
}

/* A sync of the window changed the sources' last sync and errors. */
static void
on_sync_finished_cb (ResfriPreferencesWindow *self)
{
  resfri_calendars_page_reload (RESFRI_CALENDARS_PAGE (self->calendars_page));
}

static void
resfri_preferences_window_constructed (GObject *object)
{
  ResfriPreferencesWindow *self = (ResfriPreferencesWindow *)object;

  G_OBJECT_CLASS (resfri_preferences_window_parent_class)->constructed (object);

  build_pages (self);
}

static void
resfri_preferences_window_finalize (GObject *object)
{
  ResfriPreferencesWindow *self = (ResfriPreferencesWindow *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (resfri_preferences_window_parent_class)->finalize (object);
}

static void
resfri_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  ResfriPreferencesWindow *self = RESFRI_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resfri_preferences_window_class_init (ResfriPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = resfri_preferences_window_constructed;
  object_class->finalize = resfri_preferences_window_finalize;
  object_class->set_property = resfri_preferences_window_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RESFRI_TYPE_STORE,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resfri_preferences_window_init (ResfriPreferencesWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 640);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
}

ResfriPreferencesWindow *
resfri_preferences_window_new (GtkWindow   *parent,
                               ResfriStore *store)
{
  ResfriPreferencesWindow *self;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  self = g_object_new (RESFRI_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "store", store,
                       NULL);
  /* The main window's sync (resfri-window-sync.c) says when it is done. */
  if (parent != NULL && g_signal_lookup ("sync-finished", G_OBJECT_TYPE (parent)) != 0)
    g_signal_connect_object (parent, "sync-finished", G_CALLBACK (on_sync_finished_cb), self,
                             G_CONNECT_SWAPPED);
  return self;
}

/**
 * resfri_preferences_window_show_email:
 *
 * Shows the General page with the focus in the e-mail address that says
 * who "I" am (the Overview's own meetings).
 */
void
resfri_preferences_window_show_email (ResfriPreferencesWindow *self)
{
  g_return_if_fail (RESFRI_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                           ADW_PREFERENCES_PAGE (self->general_page));
  resfri_general_page_focus_email (RESFRI_GENERAL_PAGE (self->general_page));
}
