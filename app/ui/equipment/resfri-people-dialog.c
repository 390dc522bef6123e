/* resfri-people-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Equipment view's People dialog (spec/privacy.md): the people
 * register, searched by name or address, and for the selected person
 * "Export Personal Data…" (the JSON of `person show --format json`,
 * saved through the file chooser) and "Erase Person…" (a confirmation
 * that says how many items go back to the pool, bookings are released
 * and meetings take a pseudonym; then the erasure, the list read again
 * and a toast). Emits "person-erased" so the view reads its items again.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-erasure.h"
#include "resfri-person-data.h"
#include "resfri-person.h"
#include "resfri-people-dialog.h"

struct _ResfriPeopleDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkButton          *export_button;
  GtkButton          *erase_button;

  ResfriStore        *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;
  char               *search_folded;
  char               *busy_email;    /* the person being exported or erased */
  char               *busy_name;
  GFile              *export_file;
};

G_DEFINE_FINAL_TYPE (ResfriPeopleDialog, resfri_people_dialog, ADW_TYPE_WINDOW)

enum {
  PERSON_ERASED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (ResfriPeopleDialog *self,
       const char         *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static ResfriPerson *
get_selected (ResfriPeopleDialog *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_buttons (ResfriPeopleDialog *self)
{
  gboolean can = get_selected (self) != NULL && self->busy_email == NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->erase_button), can);
}

static gboolean
filter_person (gpointer item,
               gpointer user_data)
{
  ResfriPeopleDialog *self = user_data;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;

  if (self->search_folded == NULL || self->search_folded[0] == '\0')
    return TRUE;
  name = g_utf8_casefold (resfri_person_get_name (item), -1);
  email = g_utf8_casefold (resfri_person_get_email (item), -1);

  return strstr (name, self->search_folded) != NULL || strstr (email, self->search_folded) != NULL;
}

static void
on_search_changed_cb (ResfriPeopleDialog *self)
{
  g_free (self->search_folded);
  self->search_folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                         -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  ResfriPerson *person = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  /* Translators: a person in the People dialog: name <address> · unit */
  text = g_strdup_printf (_("%s <%s> · %s"), resfri_person_get_name (person),
                          resfri_person_get_email (person), resfri_person_get_unit (person));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
people_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ResfriPeopleDialog) self = user_data;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!(people = resfri_person_list_finish (RESFRI_STORE (object), result, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Cannot read the people register: %s"), error->message);
      toast (self, message);
      return;
    }
  gtk_filter_list_model_set_model (self->filter_model, people);
  update_buttons (self);
}

static void
load_people (ResfriPeopleDialog *self)
{
  resfri_person_list_async (self->store, self->cancellable, people_loaded_cb, g_object_ref (self));
}

static void
set_busy (ResfriPeopleDialog *self,
          ResfriPerson       *person)
{
  g_clear_pointer (&self->busy_email, g_free);
  g_clear_pointer (&self->busy_name, g_free);
  if (person != NULL)
    {
      self->busy_email = g_strdup (resfri_person_get_email (person));
      self->busy_name = g_strdup (resfri_person_get_name (person));
    }
  update_buttons (self);
}

/* Export Personal Data… */

static void
export_collected_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ResfriPeopleDialog) self = user_data;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GFile) file = g_steal_pointer (&self->export_file);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  gsize length = 0;

  data = resfri_person_data_collect_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (data != NULL)
    {
      json_generator_set_root (generator, data);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, &length);
    }
  if (data == NULL ||
      !g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL,
                                NULL, &error))
    message = g_strdup_printf (_("Cannot export the personal data: %s"), error->message);
  else
    /* Translators: %s is a person's name */
    message = g_strdup_printf (_("Personal data of %s exported"), self->busy_name);
  toast (self, message);
  set_busy (self, NULL);
}

static void
export_to (ResfriPeopleDialog *self,
           GFile              *file)
{
  g_set_object (&self->export_file, file);
  resfri_person_data_collect_async (self->store, self->busy_email, self->cancellable,
                                    export_collected_cb, g_object_ref (self));
}

static void
export_response_cb (GtkNativeDialog    *chooser,
                    int                 response,
                    ResfriPeopleDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    export_to (self, file);
  else
    set_busy (self, NULL);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_export_clicked_cb (ResfriPeopleDialog *self)
{
  ResfriPerson *person = get_selected (self);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  const char *test_dir;

  if (person == NULL || self->busy_email != NULL)
    return;
  set_busy (self, person);

  /* The UI tests cannot drive a file chooser under Xvfb reliably: they name
   * a folder to export to without asking. */
  test_dir = g_getenv ("RESFRI_TEST_EXPORT_DIR");
  if (test_dir != NULL && *test_dir != '\0')
    {
      g_autofree char *path = g_build_filename (test_dir, "personal-data.json", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      export_to (self, file);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Personal Data"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "personal-data.json");
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Erase Person… */

static void
erased_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ResfriPeopleDialog) self = user_data;
  g_autoptr(ResfriErasure) erasure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  erasure = resfri_erasure_run_finish (RESFRI_STORE (object), result, &error);
  if (erasure != NULL)
    g_signal_emit (self, signals[PERSON_ERASED], 0);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->toast_overlay == NULL)
    return;
  if (erasure == NULL)
    message = g_strdup_printf (_("Nothing was erased: %s"), error->message);
  else
    /* Translators: %s is the erased person's name */
    message = g_strdup_printf (_("%s was erased"), self->busy_name);
  toast (self, message);
  set_busy (self, NULL);
  if (erasure != NULL)
    load_people (self);
}

static void
on_confirm_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        ResfriPeopleDialog *self)
{
  if (g_strcmp0 (response, "erase") != 0)
    {
      set_busy (self, NULL);
      return;
    }
  resfri_erasure_run_async (self->store, self->busy_email, RESFRI_ERASURE_NONE, NULL, erased_cb,
                            g_object_ref (self));
}

static void
erase_collected_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ResfriPeopleDialog) self = user_data;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *body = NULL;
  g_autofree char *items_text = NULL;
  g_autofree char *bookings_text = NULL;
  g_autofree char *meetings_text = NULL;
  JsonObject *object_data;
  JsonArray *items;
  guint owned = 0, bookings, meetings;
  GtkWidget *dialog;

  if (!(data = resfri_person_data_collect_finish (RESFRI_STORE (object), result, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Nothing was erased: %s"), error->message);
      toast (self, message);
      set_busy (self, NULL);
      return;
    }

  object_data = json_node_get_object (data);
  items = json_object_get_array_member (object_data, "equipment");
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (json_object_get_boolean_member (json_array_get_object_element (items, i), "owned"))
      owned++;
  bookings = json_array_get_length (json_object_get_array_member (object_data, "bookings"));
  meetings = json_array_get_length (json_object_get_array_member (object_data, "meetings"));

  items_text = g_strdup_printf (ngettext ("%u item goes back to its site’s loan pool",
                                          "%u items go back to their site’s loan pool", owned),
                                owned);
  bookings_text = g_strdup_printf (ngettext ("%u booking is released",
                                             "%u bookings are released", bookings), bookings);
  meetings_text = g_strdup_printf (ngettext ("%u meeting will name them by a pseudonym instead",
                                             "%u meetings will name them by a pseudonym instead",
                                             meetings), meetings);
  /* Translators: the three parts above, in order */
  body = g_strdup_printf (_("%s, %s and %s, with their verdicts and the follow-up unchanged. Their "
                            "address and name leave the database for good; this cannot be "
                            "undone."), items_text, bookings_text, meetings_text);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, body);
  /* Translators: %s is a person's name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Erase %s?"), self->busy_name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_erase_clicked_cb (ResfriPeopleDialog *self)
{
  ResfriPerson *person = get_selected (self);

  if (person == NULL || self->busy_email != NULL)
    return;
  set_busy (self, person);
  resfri_person_data_collect_async (self->store, self->busy_email, self->cancellable,
                                    erase_collected_cb, g_object_ref (self));
}

static void
resfri_people_dialog_dispose (GObject *object)
{
  ResfriPeopleDialog *self = (ResfriPeopleDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_PEOPLE_DIALOG);

  G_OBJECT_CLASS (resfri_people_dialog_parent_class)->dispose (object);
}

static void
resfri_people_dialog_finalize (GObject *object)
{
  ResfriPeopleDialog *self = (ResfriPeopleDialog *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->export_file);
  g_free (self->search_folded);
  g_free (self->busy_email);
  g_free (self->busy_name);

  G_OBJECT_CLASS (resfri_people_dialog_parent_class)->finalize (object);
}

static void
resfri_people_dialog_class_init (ResfriPeopleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_people_dialog_dispose;
  object_class->finalize = resfri_people_dialog_finalize;

  signals[PERSON_ERASED] = g_signal_new ("person-erased", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-people-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriPeopleDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ResfriPeopleDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriPeopleDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, ResfriPeopleDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriPeopleDialog, erase_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_erase_clicked_cb);
}

static void
resfri_people_dialog_init (ResfriPeopleDialog *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->filter = gtk_custom_filter_new (filter_person, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filter_model));
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (update_buttons), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_buttons (self);
}

GtkWidget *
resfri_people_dialog_new (GtkWindow   *parent,
                          ResfriStore *store)
{
  ResfriPeopleDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  self = g_object_new (RESFRI_TYPE_PEOPLE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  load_people (self);

  return GTK_WIDGET (self);
}
