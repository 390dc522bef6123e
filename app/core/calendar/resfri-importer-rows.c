/* resfri-importer-rows.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer's storing side, for the many rows of one meeting: its
 * attendees and its occurrences, written several rows to a statement
 * (a statement's start and end in sqlite cost more than one row of
 * these tables; issue #15). The rows and their order are what one
 * statement per row wrote.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-email.h"
#include "resfri-expand.h"
#include "resfri-importer-private.h"
#include "resfri-online-link.h"
#include "resfri-store-private.h"

/* Rows to a statement, at most: a meeting has a handful of attendees and
 * a weekly series of a term ten to fifteen occurrences. */
#define ROWS_MAX 16

#define ATTENDEE_COLUMNS 6
#define OCCURRENCE_COLUMNS 8

/* The INSERT of @n rows (1..ROWS_MAX) of @columns placeholders each: @head,
 * the rows, @tail. Interned, so each is built once and keys the store's
 * prepared statement. */
static const char *
rows_sql (const char *head,
          guint       columns,
          guint       n,
          const char *tail)
{
  g_autoptr(GString) sql = g_string_new (head);

  for (guint row = 0; row < n; row++)
    {
      g_string_append (sql, row == 0 ? " (" : ", (");
      for (guint c = 0; c < columns; c++)
        g_string_append_printf (sql, c == 0 ? "?%u" : ", ?%u", row * columns + c + 1);
      g_string_append_c (sql, ')');
    }
  g_string_append (sql, tail);

  return g_intern_string (sql->str);
}

/* The enumeration of a CUTYPE, ROLE or PARTSTAT parameter, or 0. */
static int
enum_value (icalparameter *param)
{
  switch (icalparameter_isa (param))
    {
    case ICAL_CUTYPE_PARAMETER:
      return icalparameter_get_cutype (param);
    case ICAL_ROLE_PARAMETER:
      return icalparameter_get_role (param);
    case ICAL_PARTSTAT_PARAMETER:
      return icalparameter_get_partstat (param);
    default:
      return 0;
    }
}

/* A parameter's value as icalproperty_get_parameter_as_string() gives it
 * (its text after "NAME=", without the quotes), without looking the
 * parameter up by name again. */
static char *
dup_parameter_value (icalparameter *param)
{
  g_autofree char *text = NULL;
  const char *value;
  const char *quote;
  const char *end;

  if (param == NULL)
    return NULL;

  /* Without printing it, when the print is the value itself: a known
   * enumeration (PARTSTAT=ACCEPTED), or a text of only the characters
   * libical prints as they are (no control character, DQUOTE or "^",
   * which it encodes; quotes around it are dropped below anyway). */
  if ((value = icalparameter_get_xvalue (param)) != NULL)
    {
      const guchar *p = (const guchar *) value;

      while (*p != '\0' && ((*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '^') ||
                            (*p >= 0x80 && *p <= 0xf8)))
        p++;
      if (*p == '\0' && p != (const guchar *) value)
        return g_strdup (value);
    }
  else if (icalparameter_isa (param) != ICAL_CN_PARAMETER &&
           (value = icalparameter_enum_to_string (enum_value (param))) != NULL)
    return g_strdup (value);

  if ((text = icalparameter_as_ical_string_r (param)) == NULL)
    return NULL;
  if ((value = strchr (text, '=')) == NULL)
    return NULL;
  value++;

  if ((quote = strchr (value, '"')) == NULL)
    return g_strdup (value);
  end = strrchr (quote + 1, '"');

  return end != NULL ? g_strndup (quote + 1, end - quote - 1) : g_strdup (quote + 1);
}

/* One attendee's columns, owned. */
typedef struct
{
  char *email;
  char *params[4];   /* name, cutype, role, partstat; NULL for none */
} AttendeeRow;

static void
attendee_rows_clear (AttendeeRow *rows,
                     guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      g_free (rows[i].email);
      for (guint k = 0; k < G_N_ELEMENTS (rows[i].params); k++)
        g_free (rows[i].params[k]);
    }
}

static gboolean
flush_attendees (ResfriStore  *self,
                 gint64        meeting_id,
                 AttendeeRow  *rows,
                 guint         n,
                 GError      **error)
{
  static const char *sql[ROWS_MAX + 1];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (n == 0)
    return TRUE;
  if (g_once_init_enter (&sql[n]))
    g_once_init_leave (&sql[n], rows_sql ("INSERT OR IGNORE INTO attendees"
                                          " (meeting_id, email, name, cutype, role, partstat) VALUES",
                                          ATTENDEE_COLUMNS, n, ""));

  if (!(stmt = _resfri_store_prepare (self, sql[n], error)))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      int base = i * ATTENDEE_COLUMNS;

      sqlite3_bind_int64 (stmt, base + 1, meeting_id);
      sqlite3_bind_text (stmt, base + 2, rows[i].email, -1, SQLITE_STATIC);
      for (guint k = 0; k < G_N_ELEMENTS (rows[i].params); k++)
        if (rows[i].params[k] != NULL)
          sqlite3_bind_text (stmt, base + 3 + k, rows[i].params[k], -1, SQLITE_STATIC);
        else
          sqlite3_bind_null (stmt, base + 3 + k);
    }

  ok = _resfri_store_step_done (self, stmt, _("Cannot store an attendee"), error);
  /* The bound texts are freed below: no statement may keep them. */
  sqlite3_clear_bindings (stmt);

  return ok;
}

/* The attendees' columns of one meeting, worked out (on a parse thread
 * of a large import) before the meeting is stored; with @has_links also
 * its organizer's email and its online link. */
struct _ResfriImporterAttendees
{
  gboolean    has_links;
  char       *organizer;    /* normalised, or NULL */
  char       *online_url;   /* or NULL */
  guint       n;
  AttendeeRow rows[];
};

ResfriImporterAttendees *
_resfri_importer_attendees_new (icalcomponent *vevent)
{
  static const icalparameter_kind kinds[] = {
    ICAL_CN_PARAMETER, ICAL_CUTYPE_PARAMETER, ICAL_ROLE_PARAMETER, ICAL_PARTSTAT_PARAMETER,
  };
  ResfriImporterAttendees *self;
  guint n = 0;

  for (icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_ATTENDEE_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (vevent, ICAL_ATTENDEE_PROPERTY))
    n++;

  self = g_malloc (sizeof (ResfriImporterAttendees) + n * sizeof (AttendeeRow));
  self->has_links = FALSE;
  self->organizer = NULL;
  self->online_url = NULL;
  self->n = 0;
  for (icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_ATTENDEE_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (vevent, ICAL_ATTENDEE_PROPERTY))
    {
      icalparameter *found[G_N_ELEMENTS (kinds)] = { NULL };
      char *email = resfri_email_normalize (icalproperty_get_attendee (prop));
      AttendeeRow *row;

      if (email == NULL)
        continue;

      row = &self->rows[self->n++];
      row->email = email;
      /* One pass over the parameters; the first of each kind counts. */
      for (icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_ANY_PARAMETER);
           param != NULL;
           param = icalproperty_get_next_parameter (prop, ICAL_ANY_PARAMETER))
        for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
          if (found[k] == NULL && icalparameter_isa (param) == kinds[k])
            found[k] = param;

      for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          char *value = dup_parameter_value (found[k]);

          if (value != NULL && !g_utf8_validate (value, -1, NULL))
            g_clear_pointer (&value, g_free);
          row->params[k] = value;
        }
    }

  return self;
}

ResfriImporterAttendees *
_resfri_importer_attendees_new_full (icalcomponent       *vevent,
                                     const char * const  *extra_hosts)
{
  ResfriImporterAttendees *self = _resfri_importer_attendees_new (vevent);
  icalproperty *organizer = icalcomponent_get_first_property (vevent, ICAL_ORGANIZER_PROPERTY);

  self->has_links = TRUE;
  if (organizer != NULL)
    self->organizer = resfri_email_normalize (icalproperty_get_organizer (organizer));
  self->online_url = resfri_online_link_dup_url (vevent, extra_hosts);

  return self;
}

gboolean
_resfri_importer_attendees_peek_links (const ResfriImporterAttendees  *self,
                                       const char                    **organizer,
                                       const char                    **online_url)
{
  if (self == NULL || !self->has_links)
    return FALSE;
  *organizer = self->organizer;
  *online_url = self->online_url;
  return TRUE;
}

void
_resfri_importer_attendees_free (ResfriImporterAttendees *self)
{
  if (self == NULL)
    return;
  attendee_rows_clear (self->rows, self->n);
  g_free (self->organizer);
  g_free (self->online_url);
  g_free (self);
}

gboolean
_resfri_importer_insert_attendees (ResfriStore                    *self,
                                   icalcomponent                  *vevent,
                                   const ResfriImporterAttendees  *prepared,
                                   gint64                          meeting_id,
                                   GError                        **error)
{
  g_autoptr(ResfriImporterAttendees) own = NULL;

  if (prepared == NULL)
    prepared = own = _resfri_importer_attendees_new (vevent);

  for (guint i = 0; i < prepared->n; i += ROWS_MAX)
    if (!flush_attendees (self, meeting_id, (AttendeeRow *) prepared->rows + i,
                          MIN (prepared->n - i, ROWS_MAX), error))
      return FALSE;

  return TRUE;
}

/* @n occurrences from @occs in one statement; how many it stored (a
 * master's instance yields to a stored override), or -1. */
static int
insert_occurrence_rows (ResfriStore             *self,
                        gint64                   meeting_id,
                        const char              *uid,
                        const ResfriOccurrence  *occs,
                        guint                    n,
                        gboolean                 is_override,
                        GError                 **error)
{
  static const char *sql[2][ROWS_MAX + 1];
  const char *head = "INSERT INTO occurrences (meeting_id, uid, recurrence_id, start, end,"
                     "  all_day, floating, cancelled) VALUES";
  sqlite3_stmt *stmt;

  if (g_once_init_enter (&sql[is_override][n]))
    g_once_init_leave (&sql[is_override][n],
                       rows_sql (head, OCCURRENCE_COLUMNS, n,
                                 is_override ? "" : " ON CONFLICT (uid, recurrence_id) DO NOTHING"));
  if (!(stmt = _resfri_store_prepare (self, sql[is_override][n], error)))
    return -1;

  for (guint i = 0; i < n; i++)
    {
      const ResfriOccurrence *occ = &occs[i];
      int base = i * OCCURRENCE_COLUMNS;

      sqlite3_bind_int64 (stmt, base + 1, meeting_id);
      sqlite3_bind_text (stmt, base + 2, uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, base + 3, occ->recurrence_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, base + 4, occ->start);
      sqlite3_bind_int64 (stmt, base + 5, occ->end);
      sqlite3_bind_int (stmt, base + 6, occ->all_day);
      sqlite3_bind_int (stmt, base + 7, occ->floating);
      sqlite3_bind_int (stmt, base + 8, occ->cancelled);
    }

  if (!_resfri_store_step_done (self, stmt, _("Cannot store an occurrence"), error))
    return -1;

  return sqlite3_changes (_resfri_store_get_db (self));
}

gboolean
_resfri_importer_insert_occurrences (ResfriStore         *self,
                                     gint64               meeting_id,
                                     const char          *uid,
                                     gboolean             is_override,
                                     GArray              *occurrences,
                                     ResfriMeetingStats  *stats,
                                     GError             **error)
{
  const ResfriOccurrence *occs = (const ResfriOccurrence *) (gpointer) occurrences->data;
  guint i = 0;

  /* An override takes the place of the master's instance. */
  if (is_override)
    {
      sqlite3_stmt *stmt;

      stmt = _resfri_store_prepare (self,
                                    "DELETE FROM occurrences WHERE uid = ?1 AND recurrence_id = ?2",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, occs[0].recurrence_id, -1, SQLITE_STATIC);
      if (!_resfri_store_step_done (self, stmt, _("Cannot replace an occurrence"), error))
        return FALSE;
    }

  while (i < occurrences->len)
    {
      guint n = MIN (occurrences->len - i, ROWS_MAX);
      gboolean any_cancelled = FALSE;
      int stored;

      for (guint k = 0; k < n; k++)
        any_cancelled |= occs[i + k].cancelled != 0;
      /* Which rows were stored counts for a cancelled one: one at a time. */
      if (any_cancelled && stats != NULL)
        n = 1;

      if ((stored = insert_occurrence_rows (self, meeting_id, uid, occs + i, n, is_override, error)) < 0)
        return FALSE;

      if (stats != NULL)
        {
          stats->occurrences += stored;
          if (n == 1 && stored > 0 && occs[i].cancelled)
            stats->cancelled++;
        }
      i += n;
    }

  return TRUE;
}
