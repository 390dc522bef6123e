/* bench-sync.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Live calendars at a municipality's size: the demo of EMPLOYEES people
 * (600) exported, each meeting put in its organiser's and each attendee's
 * calendar in a real Radicale's storage (written to its folder, as a
 * server full of calendars would be), everyone followed through one
 * service account. Prints the seconds, requests and resfri-cli's own CPU
 * time of adding the source (discovery), the first sync, a sync with no
 * change and a sync after one change.
 * Usage: bench-sync [EMPLOYEES]; exits 77 (skip) without radicale.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libical/ical.h>

#include "radicale-fixture.h"
#include "resfri-core.h"
#include "resfri-person.h"

static double
cpu_of_children (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Runs resfri-cli; its output, and its figures printed under @label. */
static char *
run (const char  *db,
     const char  *label,
     const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  double cpu = cpu_of_children ();
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("RESFRI_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error) || !g_spawn_check_wait_status (status, NULL))
    g_error ("resfri-cli %s: %s%s", args[0], error ? error->message : "", err ? err : "");

  if (label != NULL)
    {
      gint64 requests = -1;

      if (out[0] == '{')
        {
          g_autoptr(JsonNode) root = json_from_string (out, NULL);

          if (root != NULL)
            requests = json_object_get_int_member (json_node_get_object (root), "requests");
        }
      printf ("%-28s %7.2f s wall, %6.2f s CPU of resfri-cli", label,
              (g_get_monotonic_time () - started) / 1e6, cpu_of_children () - cpu);
      if (requests >= 0)
        printf (", %" G_GINT64_FORMAT " requests", requests);
      printf ("\n");
      fflush (stdout);
    }
  return g_steal_pointer (&out);
}

/* Writes the demo's meetings into the storage: a resource per UID in its
 * organiser's and each attendee's calendar. Returns the resources. */
static guint
fill_storage (const char *ics,
              GHashTable *people,
              const char *root)
{
  g_autofree char *text = NULL;
  icalcomponent *calendar;
  g_autoptr(GString) zones = g_string_new (NULL);
  g_autoptr(GHashTable) by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;
  guint resources = 0;

  g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);

  for (icalcomponent *zone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
       zone != NULL; zone = icalcomponent_get_next_component (calendar, ICAL_VTIMEZONE_COMPONENT))
    g_string_append (zones, icalcomponent_as_ical_string (zone));

  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *uid = icalcomponent_get_uid (event);
      GPtrArray *events = g_hash_table_lookup (by_uid, uid);

      if (events == NULL)
        {
          events = g_ptr_array_new ();
          g_hash_table_insert (by_uid, g_strdup (uid), events);
        }
      g_ptr_array_add (events, event);
    }

  g_hash_table_iter_init (&iter, by_uid);
  for (guint n = 0; g_hash_table_iter_next (&iter, &key, &value); n++)
    {
      GPtrArray *events = value;
      g_autoptr(GHashTable) holders = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GString) body = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                              "PRODID:-//Resfri bench//EN\r\n");
      GHashTableIter holder;
      gpointer email;

      g_string_append (body, zones->str);
      for (guint i = 0; i < events->len; i++)
        {
          icalcomponent *event = g_ptr_array_index (events, i);

          g_string_append (body, icalcomponent_as_ical_string (event));
          for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_ANY_PROPERTY);
               p != NULL; p = icalcomponent_get_next_property (event, ICAL_ANY_PROPERTY))
            {
              const char *address;
              char *person;

              if (icalproperty_isa (p) == ICAL_ORGANIZER_PROPERTY)
                address = icalproperty_get_organizer (p);
              else if (icalproperty_isa (p) == ICAL_ATTENDEE_PROPERTY)
                address = icalproperty_get_attendee (p);
              else
                continue;
              if (address != NULL && g_ascii_strncasecmp (address, "mailto:", 7) == 0)
                address += 7;
              if (address != NULL)
                {
                  g_autofree char *lower = g_ascii_strdown (address, -1);

                  if ((person = g_hash_table_lookup (people, lower)) != NULL)
                    g_hash_table_add (holders, person);
                }
            }
        }
      g_string_append (body, "END:VCALENDAR\r\n");

      g_hash_table_iter_init (&holder, holders);
      while (g_hash_table_iter_next (&holder, &email, NULL))
        {
          g_autofree char *name = g_strdup_printf ("m%u.ics", n);
          g_autofree char *path = g_build_filename (root, email, "cal", name, NULL);

          g_assert_true (g_file_set_contents (path, body->str, body->len, NULL));
          resources++;
        }
    }

  icalcomponent_free (calendar);
  return resources;
}

int
main (int   argc,
      char *argv[])
{
  guint employees = argc > 1 ? (guint) atoi (argv[1]) : 600;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *root = NULL;
  g_autofree char *template = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *employees_text = g_strdup_printf ("%u", employees);
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree char *out = NULL;
  RadicaleServer server;
  guint resources;

  if (!g_file_test ("/usr/bin/radicale", G_FILE_TEST_IS_EXECUTABLE) || g_getenv ("RESFRI_CLI") == NULL)
    {
      printf ("bench-sync: needs /usr/bin/radicale and $RESFRI_CLI\n");
      return 77;
    }

  dir = g_dir_make_tmp ("resfri-bench-sync-XXXXXX", NULL);
  db = g_build_filename (dir, "resfri.db", NULL);
  ics = g_build_filename (dir, "demo.ics", NULL);
  password_file = g_build_filename (dir, "password", NULL);
  g_assert_true (g_file_set_contents (password_file, RADICALE_PASSWORD "\n", -1, NULL));
  g_chmod (password_file, 0600);

  g_free (run (db, NULL, (const char *[]) { "demo", "--employees", employees_text, "--seed", "1", NULL }));
  g_free (run (db, NULL, (const char *[]) { "export", ics, NULL }));

  /* The demo's people and their calendars, then its meetings, in the
   * storage; the database forgets the meetings (they come by sync). */
  store = resfri_store_open (db, NULL);
  list = resfri_person_list (store, NULL, NULL);
  root = g_build_filename (dir, "radicale", "storage", "collection-root", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ResfriPerson) person = g_list_model_get_item (list, i);
      const char *email = resfri_person_get_email (person);
      g_autofree char *calendar = g_build_filename (root, email, "cal", NULL);
      g_autofree char *props = g_build_filename (calendar, ".Radicale.props", NULL);

      g_assert_cmpint (g_mkdir_with_parents (calendar, 0700), ==, 0);
      g_assert_true (g_file_set_contents (props, "{\"tag\": \"VCALENDAR\"}", -1, NULL));
      g_hash_table_insert (people, g_ascii_strdown (email, -1), g_strdup (email));
    }
  /* Keyed by the lower-case address, to the folder's name. */
  resources = fill_storage (ics, people, root);
  g_clear_object (&list);
  g_clear_object (&store);
  printf ("demo of %u employees: %u meetings' copies in %u calendars\n", employees, resources,
          g_hash_table_size (people));

  /* A fresh database with the registers only. */
  {
    g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
    g_autofree char *people_csv = g_build_filename (dir, "people.csv", NULL);
    g_autofree char *sites_csv = g_build_filename (dir, "sites.csv", NULL);
    g_autofree char *units_out = NULL;

    units_out = run (db, NULL, (const char *[]) { "sites", "list", NULL });
    g_assert_true (g_file_set_contents (sites_csv, units_out, -1, NULL));
    g_free (units_out);
    units_out = run (db, NULL, (const char *[]) { "people", "list", NULL });
    g_assert_true (g_file_set_contents (people_csv, units_out, -1, NULL));
    g_free (run (fresh, NULL, (const char *[]) { "sites", "import", sites_csv, NULL }));
    g_free (run (fresh, NULL, (const char *[]) { "people", "import", people_csv, NULL }));
    g_free (db);
    db = g_steal_pointer (&fresh);
  }

  g_assert_true (radicale_start (&server, dir));
  template = g_strconcat (server.url, "/{email}/", NULL);

  g_free (run (db, "sources add (discovery)", (const char *[]) { "sources", "add", "caldav", server.url,
               "--user", RADICALE_USER, "--password-file", password_file, "--people-template", template,
               NULL }));
  g_free (run (db, "first sync", (const char *[]) { "sync", "--format", "json", NULL }));
  g_free (run (db, "sync, nothing changed", (const char *[]) { "sync", "--format", "json", NULL }));

  /* One change: a meeting moved in one calendar. */
  {
    g_autoptr(ResfriStore) synced = resfri_store_open (db, NULL);
    g_autoptr(GListModel) everyone = resfri_person_list (synced, NULL, NULL);
    g_autoptr(ResfriPerson) first = g_list_model_get_item (everyone, 0);
    g_autofree char *path = g_strdup_printf ("/%s/cal/moved.ics", resfri_person_get_email (first));
    guint status;

    status = radicale_request (&server, "PUT", path, "text/calendar",
                               "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
                               "UID:bench-change@test\r\nDTSTAMP:20260101T000000Z\r\n"
                               "DTSTART:20260310T080000Z\r\nDTEND:20260310T090000Z\r\n"
                               "SUMMARY:Ändrat\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    g_assert_true (status == 201 || status == 204);
  }
  out = run (db, "sync after one change", (const char *[]) { "sync", "--format", "json", NULL });

  radicale_stop (&server);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  }
  return 0;
}
