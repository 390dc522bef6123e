/* cli-rooms.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rooms, manual bookings and utilisation: rooms free, book room, book item,
 * bookings, bookings cancel, utilisation. (rooms import and list live in
 * cli-csv.c.)
 *
 * Machine output, for spec/cli.md. Instants are RFC 3339 in UTC
 * ("2026-03-02T08:00:00Z"); a recurrence_id is null for a meeting that does
 * not recur; hours are rounded to 2 decimals, shares to 4.
 *
 * `rooms free --format json`: {uid, recurrence_id, site, start, end,
 *   occurrences: [{recurrence_id, start, end}], rooms: [{room, name, site,
 *   capacity, vc, taken: [{recurrence_id, start, end, booking, held_by}]}]}
 *   - one occurrence: uid and recurrence_id name it, start/end are its
 *     interval, occurrences has it alone, rooms lists the free rooms (taken
 *     is empty);
 *   - a series (--uid without --recurrence-id): recurrence_id is null,
 *     start/end span the first occurrence's start to the last one's end,
 *     occurrences lists them all, rooms lists every room meeting the
 *     filters with the occurrences where it is taken (booking = the id of
 *     the booking in the way, or 0 and held_by = the UID of the meeting
 *     whose calendar reservation holds the room; held_by is null
 *     otherwise); a room free for the whole series has an empty taken;
 *   - an interval: uid and recurrence_id are null, occurrences is empty,
 *     rooms lists the free rooms.
 *   site is the --site filter (required for an interval, optional with
 *   --uid), or null when there is none.
 *   Rooms are sorted by site, then capacity (the best fit first), then name.
 *
 * `bookings --format json`: an array by start, then id, of {id, kind
 *   ("room" or "item"), room (code or null), item (asset tag or null), type
 *   (the item's type or null), site, uid, recurrence_id, summary (or null),
 *   person (email or null), start, end, source ("resfri", or "calendar"
 *   for a reservation the calendar holds, whose id is 0), server_href (or
 *   null), attention ("conflict" when another occurrence holds the room
 *   for an overlapping interval, or null)}. With --attention: the bookings
 *   released because their meeting was cancelled, removed, or moved to
 *   where the room or item is taken, as they were (source "resfri"), with
 *   attention the reason ("cancelled", "removed", "taken") and detail the
 *   reason in words.
 *
 * `utilisation --format json`: {period, from, to, working_hours, pools:
 *   [{site, type, items, booked_hours, booked_working_hours, working_hours,
 *   share}], rooms: [{room, name, site, booked_hours, booked_working_hours,
 *   working_hours, share}]}: from/to the period as instants ([from, to));
 *   working_hours the period's (weekdays 08:00–17:00 Europe/Stockholm,
 *   holidays count as working days); for a pool working_hours = items ×
 *   the period's; share = booked_working_hours / working_hours (null when
 *   that is 0); booked_hours counts every booked hour in the period,
 *   booked_working_hours only those within working hours. Pools are the
 *   sites' loan items in state ok, by site and type; rooms are the rooms
 *   with fixed video-conference equipment, by site and name.
 * `utilisation --format csv`: header `kind,site,type,room,name,items,
 *   booked_hours,booked_working_hours,working_hours,share`, kind `pool` or
 *   `room`, empty fields for what does not apply (share empty when null).
 *
 * Periods (--period, spec/policy.md): YYYY, YYYY-Tn, YYYY-Hn, YYYY-Qn,
 * YYYY-MM, YYYY-D (Jan–Aug) and YYYY-MM-DD..YYYY-MM-DD (inclusive), in
 * Europe/Stockholm days, parsed by resfri-period.h (years 1970–2199).
 * --from D --to D is accepted instead of --period.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-cli.h"

#define HOME_ZONE "Europe/Stockholm"

static GTimeZone *
home_zone (void)
{
  static GTimeZone *zone = NULL;

  if (zone == NULL)
    {
      zone = g_time_zone_new_identifier (HOME_ZONE);
      if (zone == NULL)
        zone = g_time_zone_new_utc ();
    }

  return zone;
}

static char *
format_utc (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

/* For people: local time in the home zone. */
static char *
format_local (gint64      t,
              const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_timezone (utc, home_zone ());

  return g_date_time_format (local, format);
}

/* "2026-03-02 09:00–10:00", or with both dates when they differ. */
static char *
format_interval (gint64 start,
                 gint64 end)
{
  g_autofree char *from = format_local (start, "%Y-%m-%d %H:%M");
  g_autofree char *day_from = format_local (start, "%Y-%m-%d");
  g_autofree char *day_to = format_local (end, "%Y-%m-%d");
  g_autofree char *to = format_local (end, g_strcmp0 (day_from, day_to) == 0 ? "%H:%M"
                                                                             : "%Y-%m-%d %H:%M");

  return g_strdup_printf ("%s–%s", from, to);
}

static void
pad (GString    *out,
     const char *text,
     int         width)
{
  glong length = g_utf8_strlen (text ? text : "", -1);

  g_string_append (out, text ? text : "");
  for (glong i = length; i < width; i++)
    g_string_append_c (out, ' ');
}

static void
add_instant (JsonBuilder *builder,
             const char  *member,
             gint64       t)
{
  g_autofree char *text = format_utc (t);

  resfri_cli_json_add_string (builder, member, text);
}

/* "" (no recurrence) is null in JSON. */
static void
add_recurrence_id (JsonBuilder *builder,
                   const char  *recurrence_id)
{
  resfri_cli_json_add_string (builder, "recurrence_id",
                              recurrence_id != NULL && *recurrence_id != '\0' ? recurrence_id : NULL);
}

static void
add_rounded (JsonBuilder *builder,
             const char  *member,
             double       value,
             double       scale)
{
  json_builder_set_member_name (builder, member);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, round (value * scale) / scale);
}

static int
print_json (ResfriCli   *cli,
            JsonBuilder *builder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = resfri_cli_json_to_text (builder);

  if (!resfri_cli_write_output (NULL, line, strlen (line), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

static int
print_text (ResfriCli  *cli,
            GString    *text)
{
  g_autoptr(GError) error = NULL;

  if (!resfri_cli_write_output (NULL, text->str, text->len, &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

static gboolean
parse_count (const char *text,
             gint64     *value)
{
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;

  errno = 0;
  *value = g_ascii_strtoll (text, &end, 10);

  return *end == '\0' && errno == 0;
}

/* rooms free */

static void
room_to_json (JsonBuilder                  *builder,
              const ResfriRoomAvailability *room)
{
  json_builder_begin_object (builder);
  resfri_cli_json_add_string (builder, "room", room->room);
  resfri_cli_json_add_string (builder, "name", room->name);
  resfri_cli_json_add_string (builder, "site", room->site);
  json_builder_set_member_name (builder, "capacity");
  json_builder_add_int_value (builder, room->capacity);
  json_builder_set_member_name (builder, "vc");
  json_builder_add_boolean_value (builder, room->vc);
  json_builder_set_member_name (builder, "taken");
  json_builder_begin_array (builder);
  for (guint i = 0; i < room->taken->len; i++)
    {
      const ResfriBookingSlot *slot = g_ptr_array_index (room->taken, i);

      json_builder_begin_object (builder);
      add_recurrence_id (builder, slot->recurrence_id);
      add_instant (builder, "start", slot->start);
      add_instant (builder, "end", slot->end);
      json_builder_set_member_name (builder, "booking");
      json_builder_add_int_value (builder, slot->booking);
      resfri_cli_json_add_string (builder, "held_by", slot->held_by);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static int
print_rooms_json (ResfriCli  *cli,
                  const char *uid,
                  const char *recurrence_id,
                  const char *site,
                  gint64      start,
                  gint64      end,
                  GPtrArray  *occurrences,
                  GPtrArray  *rooms)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  resfri_cli_json_add_string (builder, "uid", uid);
  resfri_cli_json_add_string (builder, "recurrence_id", recurrence_id);
  resfri_cli_json_add_string (builder, "site", site);
  add_instant (builder, "start", start);
  add_instant (builder, "end", end);
  json_builder_set_member_name (builder, "occurrences");
  json_builder_begin_array (builder);
  for (guint i = 0; occurrences != NULL && i < occurrences->len; i++)
    {
      const ResfriBookingSlot *slot = g_ptr_array_index (occurrences, i);

      json_builder_begin_object (builder);
      add_recurrence_id (builder, slot->recurrence_id);
      add_instant (builder, "start", slot->start);
      add_instant (builder, "end", slot->end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rooms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rooms->len; i++)
    room_to_json (builder, g_ptr_array_index (rooms, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return print_json (cli, builder);
}

static void
append_room_line (GString                      *out,
                  const ResfriRoomAvailability *room)
{
  g_autofree char *capacity = g_strdup_printf ("%" G_GINT64_FORMAT, room->capacity);

  g_string_append (out, "  ");
  pad (out, room->site, 8);
  g_string_append_c (out, ' ');
  pad (out, room->room, 12);
  g_string_append_c (out, ' ');
  pad (out, room->name, 28);
  g_string_append_c (out, ' ');
  g_string_append_printf (out, "%5s", capacity);
  if (room->vc)
    g_string_append_printf (out, "  %s", _("video"));
  g_string_append_c (out, '\n');
}

static void
append_rooms_header (GString *out)
{
  g_string_append (out, "  ");
  pad (out, _("Site"), 8);
  g_string_append_c (out, ' ');
  pad (out, _("Room"), 12);
  g_string_append_c (out, ' ');
  pad (out, _("Name"), 28);
  g_string_append_c (out, ' ');
  g_string_append_printf (out, "%5s\n", _("Seats"));
}

static int
run_rooms_free (ResfriCli  *cli,
                int         argc,
                char      **argv)
{
  g_autofree char *uid = NULL;
  g_autofree char *recurrence_id = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *site = NULL;
  g_autofree char *capacity_text = NULL;
  g_autofree char *format_text = NULL;
  gboolean vc = FALSE;
  const GOptionEntry entries[] = {
    { "uid", 0, 0, G_OPTION_ARG_STRING, &uid, N_("The meeting’s UID"), N_("UID") },
    { "recurrence-id", 0, 0, G_OPTION_ARG_STRING, &recurrence_id,
      N_("One occurrence of a series (as expand prints it)"), N_("R") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text, N_("The interval’s start"), N_("T") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_text, N_("The interval’s end"), N_("T") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, N_("Only rooms at this site (code)"),
      N_("S") },
    { "capacity", 0, 0, G_OPTION_ARG_STRING, &capacity_text, N_("At least this many seats"),
      N_("N") },
    { "vc", 0, 0, G_OPTION_ARG_NONE, &vc, N_("Only rooms with video-conference equipment"),
      NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("text or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GString) out = NULL;
  ResfriCliFormat format;
  ResfriStore *store;
  gint64 capacity = 0;
  gint64 start = 0, end = 0;
  gboolean series = FALSE;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(format = resfri_cli_parse_format (cli, format_text,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;
  if (capacity_text != NULL && !parse_count (capacity_text, &capacity))
    return resfri_cli_usage_error (cli, _("--capacity must be a whole number (not “%s”)"),
                                   capacity_text);

  if (uid != NULL)
    {
      if (start_text != NULL || end_text != NULL)
        return resfri_cli_usage_error (cli, _("give either --uid or --start and --end, not both"));
    }
  else
    {
      if (recurrence_id != NULL)
        return resfri_cli_usage_error (cli, _("--recurrence-id needs --uid"));
      if (start_text == NULL || end_text == NULL || site == NULL)
        return resfri_cli_usage_error (cli, _("give --uid, or --start, --end and --site"));
      if (!resfri_ical_parse_date_arg (start_text, &start, &error) ||
          !resfri_ical_parse_date_arg (end_text, &end, &error))
        return resfri_cli_usage_error (cli, "%s", error->message);
      if (end < start)
        return resfri_cli_usage_error (cli, _("--end is before --start"));
    }

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (uid == NULL)
    rooms = resfri_bookings_free_rooms_for_interval (store, site, start, end, capacity, vc,
                                                     &error);
  else if (recurrence_id != NULL)
    {
      rooms = resfri_bookings_free_rooms_for_occurrence (store, uid, recurrence_id, site,
                                                         capacity, vc, &error);
      /* The occurrence's interval, from the meeting's list. */
      if (rooms != NULL && (occurrences = resfri_bookings_get_occurrences (store, uid, NULL)))
        for (guint i = occurrences->len; i-- > 0;)
          {
            ResfriBookingSlot *slot = g_ptr_array_index (occurrences, i);

            if (g_strcmp0 (slot->recurrence_id, recurrence_id) == 0)
              {
                start = slot->start;
                end = slot->end;
              }
            else
              g_ptr_array_remove_index (occurrences, i);
          }
    }
  else
    {
      rooms = resfri_bookings_rooms_for_series (store, uid, site, capacity, vc, &occurrences,
                                                &error);
      if (rooms != NULL)
        {
          const ResfriBookingSlot *first = g_ptr_array_index (occurrences, 0);
          const ResfriBookingSlot *last = g_ptr_array_index (occurrences, occurrences->len - 1);

          start = first->start;
          end = last->end;
          /* A meeting that does not recur is one occurrence: free rooms. */
          series = occurrences->len > 1 || *first->recurrence_id != '\0';
          if (!series)
            for (guint i = rooms->len; i-- > 0;)
              if (((ResfriRoomAvailability *) g_ptr_array_index (rooms, i))->taken->len > 0)
                g_ptr_array_remove_index (rooms, i);
        }
    }

  if (rooms == NULL)
    return resfri_cli_fail (cli, error);

  if (format == RESFRI_CLI_FORMAT_JSON)
    {
      return print_rooms_json (cli, uid,
                               recurrence_id && *recurrence_id ? recurrence_id : NULL,
                               site, start, end, occurrences, rooms);
    }

  out = g_string_new (NULL);
  if (series)
    {
      g_string_append_printf (out, ngettext ("Rooms for the %u occurrence of “%s”:\n",
                                             "Rooms for the %u occurrences of “%s”:\n",
                                             occurrences->len),
                              occurrences->len, uid);
      append_rooms_header (out);
      for (guint i = 0; i < rooms->len; i++)
        {
          const ResfriRoomAvailability *room = g_ptr_array_index (rooms, i);

          append_room_line (out, room);
          if (room->taken->len == 0)
            g_string_append_printf (out, "      %s\n", _("free for every occurrence"));
          else
            {
              g_string_append (out, "      ");
              g_string_append_printf (out, _("taken at %u of %u:"), room->taken->len,
                                      occurrences->len);
              for (guint j = 0; j < room->taken->len; j++)
                {
                  const ResfriBookingSlot *slot = g_ptr_array_index (room->taken, j);
                  g_autofree char *when = format_local (slot->start, "%Y-%m-%d %H:%M");

                  g_string_append_printf (out, "%s %s", j ? "," : "", when);
                }
              g_string_append_c (out, '\n');
            }
        }
    }
  else
    {
      g_autofree char *when = format_interval (start, end);

      if (rooms->len == 0)
        g_string_append_printf (out, _("No room is free %s.\n"), when);
      else
        {
          g_string_append_printf (out, _("Rooms free %s:\n"), when);
          append_rooms_header (out);
          for (guint i = 0; i < rooms->len; i++)
            append_room_line (out, g_ptr_array_index (rooms, i));
        }
    }

  return print_text (cli, out);
}

/* book room, book item */

static int
run_book_room (ResfriCli  *cli,
               int         argc,
               char      **argv)
{
  g_autofree char *uid = NULL;
  g_autofree char *recurrence_id = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "uid", 0, 0, G_OPTION_ARG_STRING, &uid, N_("The meeting’s UID"), N_("UID") },
    { "recurrence-id", 0, 0, G_OPTION_ARG_STRING, &recurrence_id,
      N_("One occurrence (default: every occurrence of the series)"), N_("R") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Book the room even when it seats fewer than the meeting’s people"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc < 2)
    return resfri_cli_usage_error (cli, _("missing the room"));
  if (argc > 2)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[2]);
  if (uid == NULL || *uid == '\0')
    return resfri_cli_usage_error (cli, _("--uid is required"));

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(booked = resfri_bookings_book_room_forced (store, argv[1], uid, recurrence_id, force,
                                                   &skipped, &error)))
    return resfri_cli_fail (cli, error);

  for (guint i = 0; i < booked->len; i++)
    {
      const ResfriBooking *booking = g_ptr_array_index (booked, i);
      g_autofree char *when = format_interval (booking->start, booking->end);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, booking->id);

      /* Translators: booking id, room code, local interval. */
      g_string_append_printf (out, _("Booking %s: room %s, %s\n"), id, booking->resource, when);
    }

  if (skipped != NULL && (skipped->len > 0 || booked->len != 1))
    g_string_append_printf (out, ngettext ("Booked %u occurrence, skipped %u.\n",
                                           "Booked %u occurrences, skipped %u.\n", booked->len),
                            booked->len, skipped->len);
  if (skipped != NULL && skipped->len > 0)
    {
      for (guint i = 0; i < skipped->len; i++)
        {
          const ResfriBookingSlot *slot = g_ptr_array_index (skipped, i);
          g_autofree char *when = format_interval (slot->start, slot->end);

          if (slot->booking > 0)
            {
              g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, slot->booking);

              g_string_append_printf (out, _("  %s %s: taken (booking %s)\n"),
                                      slot->recurrence_id, when, id);
            }
          else if (slot->held_by != NULL)
            /* Translators: RECURRENCE-ID, local interval, a meeting's UID. */
            g_string_append_printf (out, _("  %s %s: reserved in the calendar by meeting “%s”\n"),
                                    slot->recurrence_id, when, slot->held_by);
          else
            g_string_append_printf (out, _("  %s %s: no duration\n"), slot->recurrence_id, when);
        }
    }

  return print_text (cli, out);
}

static int
run_book_item (ResfriCli  *cli,
               int         argc,
               char      **argv)
{
  g_autofree char *uid = NULL;
  g_autofree char *recurrence_id = NULL;
  g_autofree char *person = NULL;
  const GOptionEntry entries[] = {
    { "uid", 0, 0, G_OPTION_ARG_STRING, &uid, N_("The meeting’s UID"), N_("UID") },
    { "recurrence-id", 0, 0, G_OPTION_ARG_STRING, &recurrence_id,
      N_("The occurrence (as expand prints it; omit for a meeting that does not recur)"),
      N_("R") },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, N_("The borrower’s email"), N_("EMAIL") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriBooking) booking = NULL;
  g_autofree char *when = NULL;
  g_autofree char *id = NULL;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc < 2)
    return resfri_cli_usage_error (cli, _("missing the asset tag"));
  if (argc > 2)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[2]);
  if (uid == NULL || *uid == '\0')
    return resfri_cli_usage_error (cli, _("--uid is required"));
  if (person == NULL || *person == '\0')
    return resfri_cli_usage_error (cli, _("--person is required"));

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(booking = resfri_bookings_book_item (store, argv[1], uid, recurrence_id, person,
                                             &error)))
    return resfri_cli_fail (cli, error);

  when = format_interval (booking->start, booking->end);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, booking->id);
  /* Translators: booking id, asset tag, item type, email, local interval. */
  printf (_("Booking %s: %s (%s) lent to %s, %s\n"), id, booking->resource, booking->type,
          booking->person, when);

  return RESFRI_CLI_EXIT_OK;
}

/* bookings, bookings cancel */

static int
run_bookings (ResfriCli  *cli,
              int         argc,
              char      **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format_text = NULL;
  gboolean attention = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The window’s start"), N_("D") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The window’s end (exclusive)"), N_("D") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("text or json"), N_("FORMAT") },
    { "attention", 0, 0, G_OPTION_ARG_NONE, &attention,
      N_("The bookings released because their meeting was cancelled, removed or moved to a "
         "taken time, with the reason"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  ResfriCliFormat format;
  ResfriStore *store;
  gint64 from = G_MININT64, to = G_MAXINT64;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(format = resfri_cli_parse_format (cli, format_text,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;
  if ((from_text != NULL && !resfri_ical_parse_date_arg (from_text, &from, &error)) ||
      (to_text != NULL && !resfri_ical_parse_date_arg (to_text, &to, &error)))
    return resfri_cli_usage_error (cli, "%s", error->message);
  if (to < from)
    return resfri_cli_usage_error (cli, _("--to is before --from"));

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(bookings = attention ? resfri_bookings_list_attention (store, from, to, &error)
                             : resfri_bookings_list (store, from, to, &error)) ||
      (!attention && !resfri_sources_fill_server_hrefs (store, bookings, &error)))
    return resfri_cli_fail (cli, error);

  if (format == RESFRI_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < bookings->len; i++)
        {
          const ResfriBooking *b = g_ptr_array_index (bookings, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, b->id);
          resfri_cli_json_add_string (builder, "kind", resfri_booking_kind_to_string (b->kind));
          resfri_cli_json_add_string (builder, "room", b->kind == RESFRI_BOOKING_ROOM ? b->resource : NULL);
          resfri_cli_json_add_string (builder, "item", b->kind == RESFRI_BOOKING_ITEM ? b->resource : NULL);
          resfri_cli_json_add_string (builder, "type", b->type);
          resfri_cli_json_add_string (builder, "site", b->site);
          resfri_cli_json_add_string (builder, "uid", b->uid);
          add_recurrence_id (builder, b->recurrence_id);
          resfri_cli_json_add_string (builder, "summary", b->summary);
          resfri_cli_json_add_string (builder, "person", b->person);
          add_instant (builder, "start", b->start);
          add_instant (builder, "end", b->end);
          resfri_cli_json_add_string (builder, "source", resfri_booking_source_to_string (b->source));
          resfri_cli_json_add_string (builder, "server_href", b->server_href);
          resfri_cli_json_add_string (builder, "attention", b->attention);
          if (attention)
            resfri_cli_json_add_string (builder, "detail", b->detail);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      return print_json (cli, builder);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      if (bookings->len == 0)
        g_string_append_printf (out, "%s\n", attention ? _("No booking needs attention.")
                                                        : _("No bookings."));
      else
        {
          g_string_append_printf (out, "%6s  ", _("ID"));
          pad (out, _("When"), 29);
          g_string_append (out, "  ");
          pad (out, _("What"), 24);
          g_string_append (out, "  ");
          pad (out, _("Site"), 6);
          g_string_append (out, "  ");
          pad (out, _("Borrower"), 28);
          g_string_append (out, "  ");
          pad (out, _("Source"), 8);
          g_string_append (out, "  ");
          g_string_append_printf (out, "%s\n", _("Meeting"));
        }
      for (guint i = 0; i < bookings->len; i++)
        {
          const ResfriBooking *b = g_ptr_array_index (bookings, i);
          g_autofree char *id = b->id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, b->id)
                                           : g_strdup ("-");
          g_autofree char *when = format_interval (b->start, b->end);
          g_autofree char *what = NULL;

          if (b->kind == RESFRI_BOOKING_ROOM)
            what = g_strdup_printf (_("room %s"), b->resource);
          else if (resfri_booking_is_pool_reservation (b))
            /* Translators: an equipment type, one item of the site's loan
             * pool, whichever, as in "headset from the loan pool" */
            what = g_strdup_printf (_("%s from the loan pool"), b->type);
          else
            what = g_strdup_printf ("%s (%s)", b->resource, b->type);

          g_string_append_printf (out, "%6s  ", id);
          pad (out, when, 29);
          g_string_append (out, "  ");
          pad (out, what, 24);
          g_string_append (out, "  ");
          pad (out, b->site, 6);
          g_string_append (out, "  ");
          pad (out, b->person ? b->person : "", 28);
          g_string_append (out, "  ");
          pad (out, b->source == RESFRI_BOOKING_SOURCE_CALENDAR ? _("calendar") : "Resfri", 8);
          g_string_append (out, "  ");
          g_string_append (out, b->summary ? b->summary : b->uid);
          if (attention)
            /* Translators: a released booking's meeting, then why. */
            g_string_append_printf (out, _(" — released: %s"),
                                    resfri_booking_release_describe (b));
          else if (b->attention != NULL)
            /* Translators: after a booking's meeting when another occurrence
             * holds the same room at an overlapping time. */
            g_string_append (out, _(" (conflict)"));
          g_string_append_c (out, '\n');
        }

      return print_text (cli, out);
    }
}

static int
run_bookings_cancel (ResfriCli  *cli,
                     int         argc,
                     char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriBooking) booking = NULL;
  g_autofree char *when = NULL;
  ResfriStore *store;
  gint64 id;

  if (!resfri_cli_parse_options (cli, NULL, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc < 2)
    return resfri_cli_usage_error (cli, _("missing the booking’s id"));
  if (argc > 2)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[2]);
  if (!parse_count (argv[1], &id))
    return resfri_cli_usage_error (cli, _("the booking’s id must be a whole number (not “%s”)"),
                                   argv[1]);

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(booking = resfri_bookings_cancel (store, id, &error)))
    return resfri_cli_fail (cli, error);

  when = format_interval (booking->start, booking->end);
  printf (_("Cancelled booking %s: %s, %s\n"), argv[1], booking->resource, when);

  return RESFRI_CLI_EXIT_OK;
}

/* utilisation */

static void
append_number (GString *out,
               double   value,
               int      decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return;
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, decimals == 2 ? "%.2f" : "%.4f",
                                         value));
}

static char *
utilisation_csv (GPtrArray *rows)
{
  static const char * const header[] = {
    "kind", "site", "type", "room", "name", "items", "booked_hours", "booked_working_hours",
    "working_hours", "share",
  };
  GString *out = g_string_new (NULL);

  resfri_csv_append_record (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < rows->len; i++)
    {
      const ResfriUtilisation *row = g_ptr_array_index (rows, i);
      g_autoptr(GString) booked = g_string_new (NULL);
      g_autoptr(GString) working_booked = g_string_new (NULL);
      g_autoptr(GString) working = g_string_new (NULL);
      g_autoptr(GString) share = g_string_new (NULL);
      g_autofree char *items = g_strdup_printf ("%" G_GINT64_FORMAT, row->items);
      const char *values[10];

      append_number (booked, row->booked_hours, 2);
      append_number (working_booked, row->booked_working_hours, 2);
      append_number (working, row->working_hours, 2);
      append_number (share, row->share, 4);
      values[0] = row->kind == RESFRI_BOOKING_ITEM ? "pool" : "room";
      values[1] = row->site;
      values[2] = row->type ? row->type : "";
      values[3] = row->room ? row->room : "";
      values[4] = row->name ? row->name : "";
      values[5] = items;
      values[6] = booked->str;
      values[7] = working_booked->str;
      values[8] = working->str;
      values[9] = share->str;
      resfri_csv_append_record (out, values, G_N_ELEMENTS (values));
    }

  return g_string_free (out, FALSE);
}

static int
utilisation_json (ResfriCli  *cli,
                  const char *period,
                  gint64      from,
                  gint64      to,
                  GPtrArray  *rows)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  resfri_cli_json_add_string (builder, "period", period);
  add_instant (builder, "from", from);
  add_instant (builder, "to", to);
  add_rounded (builder, "working_hours", resfri_bookings_working_hours (from, to), 100);
  for (int pass = 0; pass < 2; pass++)
    {
      ResfriBookingKind kind = pass == 0 ? RESFRI_BOOKING_ITEM : RESFRI_BOOKING_ROOM;

      json_builder_set_member_name (builder, pass == 0 ? "pools" : "rooms");
      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          const ResfriUtilisation *row = g_ptr_array_index (rows, i);

          if (row->kind != kind)
            continue;
          json_builder_begin_object (builder);
          if (kind == RESFRI_BOOKING_ITEM)
            {
              resfri_cli_json_add_string (builder, "site", row->site);
              resfri_cli_json_add_string (builder, "type", row->type);
              json_builder_set_member_name (builder, "items");
              json_builder_add_int_value (builder, row->items);
            }
          else
            {
              resfri_cli_json_add_string (builder, "room", row->room);
              resfri_cli_json_add_string (builder, "name", row->name);
              resfri_cli_json_add_string (builder, "site", row->site);
            }
          add_rounded (builder, "booked_hours", row->booked_hours, 100);
          add_rounded (builder, "booked_working_hours", row->booked_working_hours, 100);
          add_rounded (builder, "working_hours", row->working_hours, 100);
          add_rounded (builder, "share", row->share, 10000);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return print_json (cli, builder);
}

static void
append_share (GString *out,
              double   share)
{
  if (isnan (share))
    g_string_append_printf (out, "%8s", "–");
  else
    g_string_append_printf (out, "%7.1f%%", share * 100);
}

static int
run_utilisation (ResfriCli  *cli,
                 int         argc,
                 char      **argv)
{
  g_autofree char *period = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format_text = NULL;
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("The period (2026, 2026-T1, 2026-H2, 2026-Q3, 2026-03, 2026-D, "
         "2026-01-01..2026-03-31)"), N_("P") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The period’s start, instead of --period"),
      N_("D") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The period’s end (exclusive)"), N_("D") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("text, json or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *label = NULL;
  ResfriCliFormat format;
  ResfriStore *store;
  gint64 from = 0, to = 0;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(format = resfri_cli_parse_format (cli, format_text,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON |
                                          RESFRI_CLI_FORMAT_CSV,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;

  if (period != NULL)
    {
      g_autoptr(ResfriPeriod) parsed = NULL;

      if (from_text != NULL || to_text != NULL)
        return resfri_cli_usage_error (cli, _("give either --period or --from and --to"));
      if (!(parsed = resfri_period_parse (period, NULL)))
        return resfri_cli_usage_error (cli, _("unknown period “%s”"), period);
      from = resfri_period_get_from (parsed);
      to = resfri_period_get_to (parsed);
      label = g_strdup (resfri_period_get_label (parsed));
    }
  else
    {
      if (from_text == NULL || to_text == NULL)
        return resfri_cli_usage_error (cli, _("--period is required (or --from and --to)"));
      if (!resfri_ical_parse_date_arg (from_text, &from, &error) ||
          !resfri_ical_parse_date_arg (to_text, &to, &error))
        return resfri_cli_usage_error (cli, "%s", error->message);
      if (to < from)
        return resfri_cli_usage_error (cli, _("--to is before --from"));
      label = g_strdup_printf ("%s..%s", from_text, to_text);
    }

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(rows = resfri_bookings_get_utilisation (store, from, to, &error)))
    return resfri_cli_fail (cli, error);

  if (format == RESFRI_CLI_FORMAT_JSON)
    return utilisation_json (cli, label, from, to, rows);

  if (format == RESFRI_CLI_FORMAT_CSV)
    {
      g_autofree char *csv = utilisation_csv (rows);

      if (!resfri_cli_write_output (NULL, csv, strlen (csv), &error))
        return resfri_cli_fail (cli, error);
      return RESFRI_CLI_EXIT_OK;
    }

  {
    g_autoptr(GString) out = g_string_new (NULL);
    g_autofree char *first = format_local (from, "%Y-%m-%d");
    g_autofree char *last = format_local (to - 1, "%Y-%m-%d");
    double hours = resfri_bookings_working_hours (from, to);

    g_string_append_printf (out, _("Utilisation %s (%s – %s): %.0f working hours "
                                   "(weekdays 08:00–17:00; holidays count as working days)\n"),
                            label, first, last, hours);
    for (int pass = 0; pass < 2; pass++)
      {
        ResfriBookingKind kind = pass == 0 ? RESFRI_BOOKING_ITEM : RESFRI_BOOKING_ROOM;
        gboolean any = FALSE;

        g_string_append_printf (out, "\n%s\n", pass == 0 ? _("Loan pools") : _("Video rooms"));
        g_string_append (out, "  ");
        pad (out, _("Site"), 8);
        g_string_append_c (out, ' ');
        pad (out, pass == 0 ? _("Type") : _("Room"), 28);
        g_string_append_printf (out, " %6s %10s %12s %10s %8s\n", pass == 0 ? _("Items") : "",
                                _("Booked h"), _("Work-time h"), _("Capacity h"), _("Share"));
        for (guint i = 0; i < rows->len; i++)
          {
            const ResfriUtilisation *row = g_ptr_array_index (rows, i);
            g_autofree char *what = NULL;
            g_autofree char *items = NULL;

            if (row->kind != kind)
              continue;
            any = TRUE;
            what = kind == RESFRI_BOOKING_ITEM ? g_strdup (row->type)
                                               : g_strdup_printf ("%s %s", row->room, row->name);
            items = kind == RESFRI_BOOKING_ITEM
                    ? g_strdup_printf ("%" G_GINT64_FORMAT, row->items) : g_strdup ("");
            g_string_append (out, "  ");
            pad (out, row->site, 8);
            g_string_append_c (out, ' ');
            pad (out, what, 28);
            g_string_append_printf (out, " %6s %10.1f %12.1f %10.0f ", items, row->booked_hours,
                                    row->booked_working_hours, row->working_hours);
            append_share (out, row->share);
            g_string_append_c (out, '\n');
          }
        if (!any)
          g_string_append_printf (out, "  %s\n", _("none"));
      }

    return print_text (cli, out);
  }
}

const ResfriCliCommand resfri_cli_rooms_commands[] = {
  { "rooms", "free",
    "(--uid UID [--recurrence-id R] | --start T --end T --site S) [--capacity N] [--vc] "
    "[--format text|json]",
    N_("Rooms free for an occurrence, every occurrence of a series, or an interval"),
    run_rooms_free },
  { "book", "room", "ROOM --uid UID [--recurrence-id R] [--force]",
    N_("Book a room for an occurrence, or for a series where it is free"), run_book_room },
  { "book", "item", "TAG --uid UID --recurrence-id R --person EMAIL",
    N_("Lend a loan item to a person for an occurrence"), run_book_item },
  /* Before the one-word "bookings": the dispatcher takes the first match. */
  { "bookings", "cancel", "ID", N_("Cancel a booking"), run_bookings_cancel },
  { "bookings", NULL, "[--from D] [--to D] [--attention] [--format text|json]",
    N_("List the bookings of rooms and items"), run_bookings },
  { "utilisation", NULL, "--period P [--format text|json|csv]",
    N_("Booked hours and share of working hours per loan pool and video room"),
    run_utilisation },
  { NULL }
};
