/* resfri-export.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export (resfri-export.h): stored meetings written back as iCalendar, each
 * VEVENT from the text kept at import with the rooms, equipment and
 * exemptions Resfri adds, refolded; and the VTIMEZONEs they use.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-bookings.h"
#include "resfri-calendar-private.h"
#include "resfri-email.h"
#include "resfri-error.h"
#include "resfri-exemption.h"
#include "resfri-export.h"
#include "resfri-ical.h"
#include "resfri-timezone.h"

/* RFC 5545 3.1: lines of at most 75 octets, not counting the CRLF. */
#define FOLD_OCTETS 75

typedef struct
{
  gint64      id;             /* -1: an override created by the export */
  char       *recurrence_id;
  char       *ical;           /* stored text (NULL for a created override) */
  char       *online_url;
  gint64      start;          /* a created override's occurrence */
  gint64      end;
  GPtrArray  *extra;          /* char *: property lines to add */
  GHashTable *addresses;      /* normalised ATTENDEE addresses already there */
} Meeting;

typedef struct
{
  char       *line;           /* the ATTENDEE line */
  char       *address;        /* normalised, for the duplicate check */
  GHashTable *rids;           /* recurrence ids booked */
} Resource;

static void
meeting_free (gpointer data)
{
  Meeting *m = data;

  g_free (m->recurrence_id);
  g_free (m->ical);
  g_free (m->online_url);
  g_clear_pointer (&m->extra, g_ptr_array_unref);
  g_clear_pointer (&m->addresses, g_hash_table_unref);
  g_free (m);
}

static void
resource_free (gpointer data)
{
  Resource *r = data;

  g_free (r->line);
  g_free (r->address);
  g_clear_pointer (&r->rids, g_hash_table_unref);
  g_free (r);
}

/* Text lines */

/* The logical (unfolded) lines of @text, whatever its line ends. */
static GPtrArray *
unfold_lines (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GString *current = NULL;
  const char *p = text;

  while (*p != '\0')
    {
      const char *eol = p;

      while (*eol != '\0' && *eol != '\r' && *eol != '\n')
        eol++;

      if ((*p == ' ' || *p == '\t') && current != NULL)
        g_string_append_len (current, p + 1, eol - p - 1);
      else if (eol > p)
        {
          if (current != NULL)
            g_ptr_array_add (lines, g_string_free (current, FALSE));
          current = g_string_new_len (p, eol - p);
        }

      p = eol;
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;
    }

  if (current != NULL)
    g_ptr_array_add (lines, g_string_free (current, FALSE));

  return lines;
}

/* The property name of @line ("DTSTART" of "DTSTART;TZID=x:…"), upper case,
 * white space before the delimiter cut as libical cuts it ("END :X" is an
 * END line). */
static char *
dup_line_name (const char *line)
{
  gsize len = strcspn (line, ";:");

  while (len > 0 && g_ascii_isspace (line[len - 1]))
    len--;

  return g_ascii_strup (line, len);
}

/* Where the value of @line begins: after the first ':' outside quotes. */
static const char *
get_line_value (const char *line)
{
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        return p + 1;
    }

  return NULL;
}

/* The TZID parameter of @line, or NULL. */
static char *
dup_line_tzid (const char *line)
{
  const char *value = get_line_value (line);
  const char *p = line + strcspn (line, ";:");
  gboolean quoted = FALSE;

  if (value == NULL)
    return NULL;

  while (p < value - 1)
    {
      const char *start;
      const char *end;

      if (*p != ';')
        {
          p++;
          continue;
        }
      start = ++p;
      for (end = start; end < value - 1; end++)
        {
          if (*end == '"')
            quoted = !quoted;
          else if ((*end == ';') && !quoted)
            break;
        }
      /* TZID= (empty) too: it names a VTIMEZONE with an empty TZID. */
      if (end - start >= 5 && g_ascii_strncasecmp (start, "TZID=", 5) == 0)
        {
          start += 5;
          if (*start == '"' && end - start >= 2 && end[-1] == '"')
            return g_strndup (start + 1, end - start - 2);
          return g_strndup (start, end - start);
        }
      p = end;
    }

  return NULL;
}

/* "mailto:Anna@Example.se" -> "anna@example.se"; other URIs lower-cased;
 * "" when nothing remains. */
static char *
normalize_address (const char *value)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return NULL;
  if ((trimmed = resfri_email_strip_mailto (value)) == NULL)
    return g_strdup ("");

  return g_utf8_strdown (trimmed, -1);
}

/* Appends @line folded at 75 octets, never inside a UTF-8 sequence. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize len = strlen (line);
  gsize pos = 0;
  gsize limit = FOLD_OCTETS;

  while (len - pos > limit)
    {
      gsize cut = pos + limit;

      while (cut > pos + 1 && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + pos, cut - pos);
      g_string_append (out, "\r\n ");
      pos = cut;
      limit = FOLD_OCTETS - 1;
    }
  g_string_append_len (out, line + pos, len - pos);
  g_string_append (out, "\r\n");
}

/* A parameter value: control characters out, quotes and line breaks in
 * RFC 6868 form, always quoted. */
static void
append_param_value (GString    *out,
                    const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append (out, "^'");
      else if (*p == '^')
        g_string_append (out, "^^");
      else if (*p == '\n')
        g_string_append (out, "^n");
      else if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A property value: no line breaks. */
static void
append_value (GString    *out,
              const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    g_string_append_c (out, ((guchar) *p < 0x20 || *p == 0x7f) ? ' ' : *p);
}

/* Times */

static void
append_wall_time (GString             *out,
                  struct icaltimetype  t)
{
  if (t.is_date)
    g_string_append_printf (out, "%04d%02d%02d", t.year, t.month, t.day);
  else
    g_string_append_printf (out, "%04d%02d%02dT%02d%02d%02d",
                            t.year, t.month, t.day, t.hour, t.minute, t.second);
}

/* How the master writes its DTSTART, for an override created from it. */
typedef struct
{
  gboolean      is_date;
  gboolean      is_utc;
  char         *tzid;     /* NULL for UTC, floating and dates */
  icaltimezone *zone;     /* the zone of @tzid */
  gboolean      has_dtend;
} StartForm;

/* A property line for the instant @t (unix seconds) in @form. */
static char *
format_time_line (const char      *name,
                  const StartForm *form,
                  gint64           t)
{
  GString *line = g_string_new (name);
  icaltimezone *home = resfri_ical_get_home_zone ();

  if (form->is_date)
    {
      g_string_append (line, ";VALUE=DATE:");
      append_wall_time (line, icaltime_from_timet_with_zone ((time_t) t, 1, home));
    }
  else if (form->is_utc)
    {
      char buf[20];

      resfri_ical_format_unix_utc (t, buf);
      g_string_append_c (line, ':');
      g_string_append (line, buf);
    }
  else if (form->tzid != NULL)
    {
      g_string_append (line, ";TZID=");
      if (strpbrk (form->tzid, ":;,") != NULL)
        append_param_value (line, form->tzid);
      else
        append_value (line, form->tzid);
      g_string_append_c (line, ':');
      append_wall_time (line, icaltime_from_timet_with_zone ((time_t) t, 0, form->zone));
    }
  else
    {
      /* Floating: stored in the home zone. */
      g_string_append_c (line, ':');
      append_wall_time (line, icaltime_from_timet_with_zone ((time_t) t, 0, home));
    }

  return g_string_free (line, FALSE);
}

static gboolean
read_start_form (const char *ical,
                 StartForm  *form)
{
  g_autoptr(icalcomponent) master = NULL;
  icalproperty *dtstart;
  icalparameter *param;
  struct icaltimetype t;

  memset (form, 0, sizeof *form);
  master = icalcomponent_new_from_string (ical);
  if (master == NULL || icalcomponent_isa (master) != ICAL_VEVENT_COMPONENT)
    return FALSE;

  dtstart = icalcomponent_get_first_property (master, ICAL_DTSTART_PROPERTY);
  if (dtstart == NULL)
    return FALSE;

  t = resfri_ical_property_get_time (dtstart, master);
  if (icaltime_is_null_time (t))
    return FALSE;

  form->is_date = t.is_date;
  form->is_utc = !t.is_date && icaltime_is_utc (t);
  param = icalproperty_get_first_parameter (dtstart, ICAL_TZID_PARAMETER);
  if (!form->is_date && !form->is_utc && param != NULL && t.zone != NULL)
    {
      form->tzid = g_strdup (icalparameter_get_tzid (param));
      form->zone = (icaltimezone *) t.zone;
    }
  form->has_dtend = icalcomponent_get_first_property (master, ICAL_DTEND_PROPERTY) != NULL;

  return TRUE;
}

/* The instant of a recurrence id in the spec/cli.md form. */
static gint64
recurrence_id_to_unix (const char *rid)
{
  struct icaltimetype t = icaltime_from_string (rid);

  return resfri_ical_time_to_unix (t);
}

/* Writing VEVENTs */

/* Properties of the master an override created from it leaves out or
 * writes anew. */
static gboolean
is_master_only (const char *name)
{
  static const char * const names[] = {
    "RRULE", "RDATE", "EXDATE", "EXRULE", "DTSTART", "DTEND", "RECURRENCE-ID", NULL
  };

  return g_strv_contains (names, name);
}

/* Writes @lines (a stored VEVENT, unfolded) with @extra added before the
 * first sub-component, collecting the TZIDs used in @tzids. */
static void
write_vevent (GString    *out,
              GPtrArray  *lines,
              gboolean    created,
              GPtrArray  *extra,
              GHashTable *tzids,
              GPtrArray  *tzid_order)
{
  int depth = 0;
  gboolean added = FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      g_autofree char *name = dup_line_name (line);
      gboolean is_begin = strcmp (name, "BEGIN") == 0;
      gboolean is_end = strcmp (name, "END") == 0;
      g_autofree char *tzid = NULL;

      if (depth == 1 && !added && (is_begin || is_end))
        {
          for (guint j = 0; j < extra->len; j++)
            {
              const char *add = g_ptr_array_index (extra, j);
              g_autofree char *add_tzid = dup_line_tzid (add);

              if (add_tzid != NULL && !g_hash_table_contains (tzids, add_tzid))
                {
                  g_hash_table_add (tzids, g_strdup (add_tzid));
                  g_ptr_array_add (tzid_order, g_steal_pointer (&add_tzid));
                }
              append_folded (out, add);
            }
          added = TRUE;
        }

      if (depth == 1 && !is_begin && !is_end)
        {
          if (strcmp (name, "X-RESFRI-EXEMPTION") == 0)
            continue;
          if (created && is_master_only (name))
            continue;
        }

      if (!is_begin && !is_end && (tzid = dup_line_tzid (line)) != NULL &&
          !g_hash_table_contains (tzids, tzid))
        {
          g_hash_table_add (tzids, g_strdup (tzid));
          g_ptr_array_add (tzid_order, g_steal_pointer (&tzid));
        }

      append_folded (out, line);

      if (is_begin)
        depth++;
      else if (is_end)
        depth--;
    }
}

/* The ATTENDEE and CONFERENCE values @lines already has. */
static void
collect_existing (GPtrArray   *lines,
                  GHashTable  *addresses,
                  GHashTable  *conferences)
{
  int depth = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      g_autofree char *name = dup_line_name (line);
      const char *value = get_line_value (line);

      if (strcmp (name, "BEGIN") == 0)
        depth++;
      else if (strcmp (name, "END") == 0)
        depth--;
      else if (depth == 1 && value != NULL && strcmp (name, "ATTENDEE") == 0)
        g_hash_table_add (addresses, normalize_address (value));
      else if (depth == 1 && value != NULL && strcmp (name, "CONFERENCE") == 0 && conferences != NULL)
        g_hash_table_add (conferences, g_strstrip (g_strdup (value)));
    }
}

static void
meeting_add_line (Meeting    *m,
                  const char *address,
                  const char *line)
{
  if (address != NULL)
    {
      if (g_hash_table_contains (m->addresses, address))
        return;
      g_hash_table_add (m->addresses, g_strdup (address));
    }
  g_ptr_array_add (m->extra, g_strdup (line));
}

/* Reading the store */

typedef struct
{
  GPtrArray  *resources;
  GHashTable *by_id[2];       /* gint64 * id → Resource *; items, rooms */
} ResourceLoad;

static void
add_resource (const ResfriBookedResource *booked,
              gpointer                    user_data)
{
  ResourceLoad *load = user_data;
  GHashTable *by_id = load->by_id[booked->is_room ? 1 : 0];
  Resource *r = g_hash_table_lookup (by_id, &booked->id);

  if (r == NULL)
    {
      const char *name = booked->name;
      const char *detail = booked->detail;
      GString *line = g_string_new (NULL);
      g_autofree char *address = NULL;

      if (booked->is_room)
        {
          if (detail != NULL && detail[0] != '\0')
            address = g_strconcat ("mailto:", detail, NULL);
          else
            {
              g_autofree char *code = g_uri_escape_string (booked->code, NULL, FALSE);
              address = g_strconcat (RESFRI_EXPORT_ROOM_URN_PREFIX, code, NULL);
            }
          g_string_append (line, "ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;CN=");
          append_param_value (line, name != NULL ? name : "");
        }
      else
        {
          g_autofree char *tag = g_uri_escape_string (name != NULL ? name : "", NULL, FALSE);
          g_autofree char *cn = g_strdup_printf ("%s (%s)", name != NULL ? name : "",
                                                 detail != NULL ? detail : "");

          address = g_strconcat (RESFRI_EXPORT_ITEM_URN_PREFIX, tag, NULL);
          g_string_append (line, "ATTENDEE;CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT;CN=");
          append_param_value (line, cn);
        }
      g_string_append_c (line, ':');
      append_value (line, address);

      r = g_new0 (Resource, 1);
      r->line = g_string_free (line, FALSE);
      r->address = normalize_address (address);
      r->rids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_ptr_array_add (load->resources, r);
      g_hash_table_insert (by_id, g_memdup2 (&booked->id, sizeof booked->id), r);
    }

  g_hash_table_add (r->rids, g_strdup (booked->recurrence_id));
}

/* Rooms and items booked for occurrences of @uid. */
static gboolean
load_resources (ResfriStore  *self,
                const char   *uid,
                GPtrArray    *resources,
                GError      **error)
{
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) rooms = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ResourceLoad load = { resources, { items, rooms } };

  return _resfri_bookings_foreach_resource (self, uid, add_resource, &load, error);
}

static Meeting *
find_meeting (GPtrArray  *meetings,
              const char *rid)
{
  for (guint i = 0; i < meetings->len; i++)
    {
      Meeting *m = g_ptr_array_index (meetings, i);

      if (strcmp (m->recurrence_id, rid) == 0)
        return m;
    }

  return NULL;
}

typedef struct
{
  char   *rid;
  gint64  start;
  gint64  end;
} Instance;

static void
instance_clear (gpointer data)
{
  g_free (((Instance *) data)->rid);
}

static Instance *
find_instance (GArray     *instances,
               const char *rid)
{
  for (guint i = 0; i < instances->len; i++)
    {
      Instance *inst = &g_array_index (instances, Instance, i);

      if (strcmp (inst->rid, rid) == 0)
        return inst;
    }

  return NULL;
}

static gboolean
add_instance (const ResfriStoredOccurrence  *occurrence,
              gpointer                       user_data,
              GError                       **error)
{
  Instance inst = { g_strdup (occurrence->recurrence_id), occurrence->start, occurrence->end };

  g_array_append_val ((GArray *) user_data, inst);
  return TRUE;
}

typedef struct
{
  GPtrArray *rids;
  GPtrArray *lines;
} ExemptionLoad;

static void
add_exemption (const char *uid,
               const char *recurrence_id,
               const char *reason,
               const char *note,
               gpointer    user_data)
{
  ExemptionLoad *load = user_data;
  GString *line = g_string_new ("X-RESFRI-EXEMPTION");

  if (note != NULL && note[0] != '\0')
    {
      g_string_append (line, ";" RESFRI_EXEMPTION_NOTE_PARAMETER "=");
      append_param_value (line, note);
    }
  g_string_append_c (line, ':');
  append_value (line, reason);

  g_ptr_array_add (load->rids, g_strdup (recurrence_id));
  g_ptr_array_add (load->lines, g_string_free (line, FALSE));
}

static void
add_meeting (const ResfriStoredMeeting *stored,
             gpointer                   user_data)
{
  Meeting *m = g_new0 (Meeting, 1);

  m->id = stored->id;
  m->recurrence_id = g_strdup (stored->recurrence_id);
  m->ical = g_strdup (stored->ical);
  m->online_url = g_strdup (stored->online_url);
  m->extra = g_ptr_array_new_with_free_func (g_free);
  m->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add ((GPtrArray *) user_data, m);
}

/* Every stored meeting of @uid, with what Resfri adds to each. */
static gboolean
export_uid (ResfriStore        *self,
            const char         *uid,
            GString            *out,
            GHashTable         *tzids,
            GPtrArray          *tzid_order,
            ResfriExportStats  *stats,
            GError            **error)
{
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (meeting_free);
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func (resource_free);
  g_autoptr(GPtrArray) exemption_rids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) exemption_lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) instances = g_array_new (FALSE, FALSE, sizeof (Instance));
  g_autoptr(GPtrArray) master_lines = NULL;
  StartForm form = { 0 };
  gboolean have_form = FALSE;
  ExemptionLoad exemptions = { exemption_rids, exemption_lines };
  Meeting *master;

  g_array_set_clear_func (instances, instance_clear);

  if (!_resfri_calendar_foreach_meeting (self, uid, add_meeting, meetings, error))
    return FALSE;

  master = find_meeting (meetings, "");
  if (master != NULL &&
      !_resfri_calendar_foreach_instance (self, master->id, add_instance, instances, error))
    return FALSE;
  if (!load_resources (self, uid, resources, error) ||
      !_resfri_exemption_foreach (self, uid, add_exemption, &exemptions, error))
    return FALSE;

  if (master != NULL && master->ical != NULL && master->ical[0] != '\0')
    have_form = read_start_form (master->ical, &form);

  /* Overrides to create: occurrences of the master with a booking that
   * is not on the master, or an exemption of their own. */
  for (guint pass = 0; pass < 2; pass++)
    {
      guint n = pass == 0 ? resources->len : exemption_rids->len;

      for (guint i = 0; i < n; i++)
        {
          g_autofree const char **rids = NULL;
          gboolean on_master = FALSE;

          if (pass == 0)
            {
              Resource *r = g_ptr_array_index (resources, i);

              on_master = master != NULL && instances->len > 0;
              for (guint k = 0; on_master && k < instances->len; k++)
                on_master = g_hash_table_contains (r->rids, g_array_index (instances, Instance, k).rid);
              if (on_master)
                continue;
              rids = (const char **) g_hash_table_get_keys_as_array (r->rids, NULL);
            }
          else
            {
              rids = g_new0 (const char *, 2);
              rids[0] = g_ptr_array_index (exemption_rids, i);
            }

          for (guint k = 0; rids[k] != NULL; k++)
            {
              Instance *inst;
              Meeting *m;

              if (rids[k][0] == '\0' || find_meeting (meetings, rids[k]) != NULL ||
                  !have_form || (inst = find_instance (instances, rids[k])) == NULL)
                continue;

              m = g_new0 (Meeting, 1);
              m->id = -1;
              m->recurrence_id = g_strdup (rids[k]);
              m->online_url = g_strdup (master->online_url);
              m->start = inst->start;
              m->end = inst->end;
              m->extra = g_ptr_array_new_with_free_func (g_free);
              m->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_ptr_array_add (meetings, m);
            }
        }
    }

  /* What each meeting gets. */
  for (guint i = 0; i < meetings->len; i++)
    {
      Meeting *m = g_ptr_array_index (meetings, i);
      g_autoptr(GPtrArray) lines = NULL;
      g_autoptr(GHashTable) conferences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (m->id < 0)
        {
          g_autofree char *rid_line = NULL;
          g_autofree char *start_line = format_time_line ("DTSTART", &form, m->start);

          if (master_lines == NULL)
            master_lines = unfold_lines (master->ical);
          lines = g_ptr_array_ref (master_lines);

          if (form.is_date || (form.tzid == NULL && !form.is_utc))
            rid_line = g_strconcat (form.is_date ? "RECURRENCE-ID;VALUE=DATE:" : "RECURRENCE-ID:",
                                    m->recurrence_id, NULL);
          else
            rid_line = format_time_line ("RECURRENCE-ID", &form, recurrence_id_to_unix (m->recurrence_id));
          g_ptr_array_add (m->extra, g_steal_pointer (&rid_line));
          g_ptr_array_add (m->extra, g_steal_pointer (&start_line));
          if (form.has_dtend)
            g_ptr_array_add (m->extra, format_time_line ("DTEND", &form, m->end));
        }
      else
        lines = unfold_lines (m->ical);

      collect_existing (lines, m->addresses, conferences);

      if (m->online_url != NULL && strchr (m->online_url, ':') != NULL &&
          !g_hash_table_contains (conferences, m->online_url))
        {
          GString *line = g_string_new ("CONFERENCE;VALUE=URI;FEATURE=VIDEO:");

          append_value (line, m->online_url);
          g_ptr_array_add (m->extra, g_string_free (line, FALSE));
        }
    }

  for (guint i = 0; i < resources->len; i++)
    {
      Resource *r = g_ptr_array_index (resources, i);
      gboolean on_master = master != NULL && instances->len > 0;

      for (guint k = 0; on_master && k < instances->len; k++)
        on_master = g_hash_table_contains (r->rids, g_array_index (instances, Instance, k).rid);
      if (on_master)
        meeting_add_line (master, r->address, r->line);

      for (guint j = 0; j < meetings->len; j++)
        {
          Meeting *m = g_ptr_array_index (meetings, j);

          if (m == master && on_master)
            continue;
          if (g_hash_table_contains (r->rids, m->recurrence_id))
            meeting_add_line (m, r->address, r->line);
        }
    }

  for (guint i = 0; i < exemption_rids->len; i++)
    {
      Meeting *m = find_meeting (meetings, g_ptr_array_index (exemption_rids, i));

      if (m != NULL)
        meeting_add_line (m, NULL, g_ptr_array_index (exemption_lines, i));
    }

  for (guint i = 0; i < meetings->len; i++)
    {
      Meeting *m = g_ptr_array_index (meetings, i);
      g_autoptr(GPtrArray) lines = NULL;

      if (m->id < 0)
        lines = g_ptr_array_ref (master_lines);
      else
        {
          if (m->ical == NULL || m->ical[0] == '\0')
            continue;
          lines = unfold_lines (m->ical);
        }

      write_vevent (out, lines, m->id < 0, m->extra, tzids, tzid_order);
      if (stats != NULL)
        {
          if (m->id < 0)
            stats->created++;
          else
            stats->meetings++;
        }
    }

  g_free (form.tzid);
  return TRUE;
}

/* A VTIMEZONE for @tzid, under that name: the one an imported file had,
 * else libical's. */
static gboolean
write_vtimezone (ResfriStore  *self,
                 GString      *out,
                 const char   *tzid,
                 gint64        earliest,
                 GError      **error)
{
  icaltimezone *zone;
  g_autoptr(icalcomponent) comp = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *stored = NULL;
  char *text;

  if (!_resfri_calendar_dup_timezone (self, tzid, &stored, error))
    return FALSE;

  if (stored != NULL)
    {
      lines = unfold_lines (stored);
      for (guint i = 0; i < lines->len; i++)
        append_folded (out, g_ptr_array_index (lines, i));
      return TRUE;
    }

  zone = resfri_ical_resolve_tzid (NULL, tzid);

  if (zone == NULL || icaltimezone_get_component (zone) == NULL)
    zone = resfri_ical_get_home_zone ();
  if (icaltimezone_get_component (zone) == NULL)
    return TRUE;

  comp = resfri_ical_dup_vtimezone (zone, tzid, earliest);

  text = icalcomponent_as_ical_string_r (comp);
  if (text == NULL)
    return TRUE;

  /* libical folds its own way; refold like everything else. */
  lines = unfold_lines (text);
  for (guint i = 0; i < lines->len; i++)
    append_folded (out, g_ptr_array_index (lines, i));
  icalmemory_free_buffer (text);

  return TRUE;
}

/* One VCALENDAR with @method: the VTIMEZONEs the meetings of @uids use
 * (from @earliest on), then the meetings. */
static char *
write_calendar (ResfriStore        *self,
                GPtrArray          *uids,
                gint64              earliest,
                const char         *method,
                gsize              *length,
                ResfriExportStats  *stats,
                GError            **error)
{
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GHashTable) tzids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tzid_order = g_ptr_array_new_with_free_func (g_free);
  ResfriExportStats local_stats = { 0 };
  GString *out;

  for (guint i = 0; i < uids->len; i++)
    if (!export_uid (self, g_ptr_array_index (uids, i), events, tzids, tzid_order, &local_stats, error))
      return NULL;

  out = g_string_sized_new (events->len + 4096);
  g_string_append (out,
                   "BEGIN:VCALENDAR\r\n"
                   "PRODID:-//Resfri//Resfri " PACKAGE_VERSION "//EN\r\n"
                   "VERSION:2.0\r\n"
                   "CALSCALE:GREGORIAN\r\n");
  g_string_append_printf (out, "METHOD:%s\r\n", method);
  for (guint i = 0; i < tzid_order->len; i++)
    {
      if (!write_vtimezone (self, out, g_ptr_array_index (tzid_order, i), earliest, error))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      local_stats.zones++;
    }
  g_string_append_len (out, events->str, events->len);
  g_string_append (out, "END:VCALENDAR\r\n");

  if (stats != NULL)
    {
      stats->meetings += local_stats.meetings;
      stats->created += local_stats.created;
      stats->zones += local_stats.zones;
    }
  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

char *
resfri_store_export_ical (ResfriStore        *self,
                          gint64              from,
                          gint64              to,
                          gsize              *length,
                          ResfriExportStats  *stats,
                          GError            **error)
{
  g_autoptr(GPtrArray) uids = NULL;
  gint64 earliest = G_GINT64_CONSTANT (0);

  g_return_val_if_fail (RESFRI_IS_STORE (self), NULL);

  resfri_ical_get_home_zone ();

  if (!(uids = _resfri_calendar_list_uids (self, from, to, error)))
    return NULL;

  /* The first occurrence written, for the VTIMEZONEs. */
  if (uids->len > 0)
    {
      gboolean any = FALSE;
      gint64 first = 0;

      if (!_resfri_calendar_first_start (self, &any, &first, error))
        return NULL;
      if (any)
        earliest = MAX (first, from);
    }

  return write_calendar (self, uids, earliest, "PUBLISH", length, stats, error);
}

/**
 * resfri_store_export_meeting_ical:
 * @uid: a stored meeting's UID
 * @method: the calendar's METHOD: "PUBLISH", or "REQUEST" for an invitation
 *
 * Like resfri_store_export_ical() for one meeting: the series (or single
 * event) @uid with its overrides, bookings and exemptions.
 *
 * Returns: the text, or %NULL with @error (RESFRI_ERROR_NOT_FOUND when no
 *   meeting has that UID)
 */
char *
resfri_store_export_meeting_ical (ResfriStore        *self,
                                  const char         *uid,
                                  const char         *method,
                                  gsize              *length,
                                  ResfriExportStats  *stats,
                                  GError            **error)
{
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  gint64 earliest = G_GINT64_CONSTANT (0);
  gboolean found = FALSE;

  g_return_val_if_fail (RESFRI_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);
  g_return_val_if_fail (method != NULL, NULL);

  resfri_ical_get_home_zone ();

  if (!_resfri_calendar_lookup_uid (self, uid, &found, &earliest, error))
    return NULL;

  if (!found)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("No meeting “%s”"), uid);
      return NULL;
    }

  g_ptr_array_add (uids, g_strdup (uid));
  return write_calendar (self, uids, earliest, method, length, stats, error);
}
