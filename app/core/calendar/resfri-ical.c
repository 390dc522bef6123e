/* resfri-ical.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-error.h"
#include "resfri-ical.h"
#include "resfri-policy-settings.h"

typedef struct
{
  guint  line;    /* of the BEGIN */
  gsize  start;   /* byte offsets of the BEGIN line and after the END line */
  gsize  end;     /* 0: not closed */
  icalcomponent_kind kind;   /* named by the BEGIN line */
  guint  parent;         /* 1 + index of the enclosing span, 0 at the top */
  guint  first_child;    /* 1 + index, 0 for none */
  guint  last_child;
  guint  next_sibling;
  gboolean matched;
} ComponentSpan;

struct _ResfriIcalDocument
{
  char       *filename;
  char       *data;    /* the text as read */
  gboolean    borrowed;   /* data belongs to the caller */
  GPtrArray  *roots;   /* icalcomponent, owned */
  GArray     *spans;   /* ComponentSpan, in BEGIN order */
  GHashTable *index;   /* icalcomponent -> 1 + its index in spans */
};

/* Zones found by name (not those of a VTIMEZONE, which belong to their
 * calendar). Bounded so that hostile input cannot grow it without end. */
#define ZONE_CACHE_MAX 512

G_LOCK_DEFINE_STATIC (zone_cache);
static GHashTable *zone_cache;   /* tzid -> icaltimezone, or &zone_cache for "unknown" */

/* CLDR windowsZones.xml, territory "001" (the default for each name). */
static const struct
{
  const char *windows;
  const char *olson;
} windows_zones[] = {
  { "AUS Central Standard Time", "Australia/Darwin" },
  { "AUS Eastern Standard Time", "Australia/Sydney" },
  { "Afghanistan Standard Time", "Asia/Kabul" },
  { "Alaskan Standard Time", "America/Anchorage" },
  { "Aleutian Standard Time", "America/Adak" },
  { "Altai Standard Time", "Asia/Barnaul" },
  { "Arab Standard Time", "Asia/Riyadh" },
  { "Arabian Standard Time", "Asia/Dubai" },
  { "Arabic Standard Time", "Asia/Baghdad" },
  { "Argentina Standard Time", "America/Argentina/Buenos_Aires" },
  { "Astrakhan Standard Time", "Europe/Astrakhan" },
  { "Atlantic Standard Time", "America/Halifax" },
  { "Aus Central W. Standard Time", "Australia/Eucla" },
  { "Azerbaijan Standard Time", "Asia/Baku" },
  { "Azores Standard Time", "Atlantic/Azores" },
  { "Bahia Standard Time", "America/Bahia" },
  { "Bangladesh Standard Time", "Asia/Dhaka" },
  { "Belarus Standard Time", "Europe/Minsk" },
  { "Bougainville Standard Time", "Pacific/Bougainville" },
  { "Canada Central Standard Time", "America/Regina" },
  { "Cape Verde Standard Time", "Atlantic/Cape_Verde" },
  { "Caucasus Standard Time", "Asia/Yerevan" },
  { "Cen. Australia Standard Time", "Australia/Adelaide" },
  { "Central America Standard Time", "America/Guatemala" },
  { "Central Asia Standard Time", "Asia/Almaty" },
  { "Central Brazilian Standard Time", "America/Cuiaba" },
  { "Central Europe Standard Time", "Europe/Budapest" },
  { "Central European Standard Time", "Europe/Warsaw" },
  { "Central Pacific Standard Time", "Pacific/Guadalcanal" },
  { "Central Standard Time", "America/Chicago" },
  { "Central Standard Time (Mexico)", "America/Mexico_City" },
  { "Chatham Islands Standard Time", "Pacific/Chatham" },
  { "China Standard Time", "Asia/Shanghai" },
  { "Cuba Standard Time", "America/Havana" },
  { "Dateline Standard Time", "Etc/GMT+12" },
  { "E. Africa Standard Time", "Africa/Nairobi" },
  { "E. Australia Standard Time", "Australia/Brisbane" },
  { "E. Europe Standard Time", "Europe/Chisinau" },
  { "E. South America Standard Time", "America/Sao_Paulo" },
  { "Easter Island Standard Time", "Pacific/Easter" },
  { "Eastern Standard Time", "America/New_York" },
  { "Eastern Standard Time (Mexico)", "America/Cancun" },
  { "Egypt Standard Time", "Africa/Cairo" },
  { "Ekaterinburg Standard Time", "Asia/Yekaterinburg" },
  { "FLE Standard Time", "Europe/Kiev" },
  { "Fiji Standard Time", "Pacific/Fiji" },
  { "GMT Standard Time", "Europe/London" },
  { "GTB Standard Time", "Europe/Bucharest" },
  { "Georgian Standard Time", "Asia/Tbilisi" },
  { "Greenland Standard Time", "America/Godthab" },
  { "Greenwich Standard Time", "Atlantic/Reykjavik" },
  { "Haiti Standard Time", "America/Port-au-Prince" },
  { "Hawaiian Standard Time", "Pacific/Honolulu" },
  { "India Standard Time", "Asia/Kolkata" },
  { "Iran Standard Time", "Asia/Tehran" },
  { "Israel Standard Time", "Asia/Jerusalem" },
  { "Jordan Standard Time", "Asia/Amman" },
  { "Kaliningrad Standard Time", "Europe/Kaliningrad" },
  { "Kamchatka Standard Time", "Asia/Kamchatka" },
  { "Korea Standard Time", "Asia/Seoul" },
  { "Libya Standard Time", "Africa/Tripoli" },
  { "Line Islands Standard Time", "Pacific/Kiritimati" },
  { "Lord Howe Standard Time", "Australia/Lord_Howe" },
  { "Magadan Standard Time", "Asia/Magadan" },
  { "Magallanes Standard Time", "America/Punta_Arenas" },
  { "Marquesas Standard Time", "Pacific/Marquesas" },
  { "Mauritius Standard Time", "Indian/Mauritius" },
  { "Middle East Standard Time", "Asia/Beirut" },
  { "Montevideo Standard Time", "America/Montevideo" },
  { "Morocco Standard Time", "Africa/Casablanca" },
  { "Mountain Standard Time", "America/Denver" },
  { "Mountain Standard Time (Mexico)", "America/Mazatlan" },
  { "Myanmar Standard Time", "Asia/Yangon" },
  { "N. Central Asia Standard Time", "Asia/Novosibirsk" },
  { "Namibia Standard Time", "Africa/Windhoek" },
  { "Nepal Standard Time", "Asia/Kathmandu" },
  { "New Zealand Standard Time", "Pacific/Auckland" },
  { "Newfoundland Standard Time", "America/St_Johns" },
  { "Norfolk Standard Time", "Pacific/Norfolk" },
  { "North Asia East Standard Time", "Asia/Irkutsk" },
  { "North Asia Standard Time", "Asia/Krasnoyarsk" },
  { "North Korea Standard Time", "Asia/Pyongyang" },
  { "Omsk Standard Time", "Asia/Omsk" },
  { "Pacific SA Standard Time", "America/Santiago" },
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "Pacific Standard Time (Mexico)", "America/Tijuana" },
  { "Pakistan Standard Time", "Asia/Karachi" },
  { "Paraguay Standard Time", "America/Asuncion" },
  { "Qyzylorda Standard Time", "Asia/Qyzylorda" },
  { "Romance Standard Time", "Europe/Paris" },
  { "Russia Time Zone 10", "Asia/Srednekolymsk" },
  { "Russia Time Zone 11", "Asia/Kamchatka" },
  { "Russia Time Zone 3", "Europe/Samara" },
  { "Russian Standard Time", "Europe/Moscow" },
  { "SA Eastern Standard Time", "America/Cayenne" },
  { "SA Pacific Standard Time", "America/Bogota" },
  { "SA Western Standard Time", "America/La_Paz" },
  { "SE Asia Standard Time", "Asia/Bangkok" },
  { "Saint Pierre Standard Time", "America/Miquelon" },
  { "Sakhalin Standard Time", "Asia/Sakhalin" },
  { "Samoa Standard Time", "Pacific/Apia" },
  { "Sao Tome Standard Time", "Africa/Sao_Tome" },
  { "Saratov Standard Time", "Europe/Saratov" },
  { "Singapore Standard Time", "Asia/Singapore" },
  { "South Africa Standard Time", "Africa/Johannesburg" },
  { "South Sudan Standard Time", "Africa/Juba" },
  { "Sri Lanka Standard Time", "Asia/Colombo" },
  { "Sudan Standard Time", "Africa/Khartoum" },
  { "Syria Standard Time", "Asia/Damascus" },
  { "Taipei Standard Time", "Asia/Taipei" },
  { "Tasmania Standard Time", "Australia/Hobart" },
  { "Tocantins Standard Time", "America/Araguaina" },
  { "Tokyo Standard Time", "Asia/Tokyo" },
  { "Tomsk Standard Time", "Asia/Tomsk" },
  { "Tonga Standard Time", "Pacific/Tongatapu" },
  { "Transbaikal Standard Time", "Asia/Chita" },
  { "Turkey Standard Time", "Europe/Istanbul" },
  { "Turks And Caicos Standard Time", "America/Grand_Turk" },
  { "US Eastern Standard Time", "America/Indiana/Indianapolis" },
  { "US Mountain Standard Time", "America/Phoenix" },
  { "UTC", "UTC" },
  { "UTC+12", "Etc/GMT-12" },
  { "UTC+13", "Etc/GMT-13" },
  { "UTC-02", "Etc/GMT+2" },
  { "UTC-08", "Etc/GMT+8" },
  { "UTC-09", "Etc/GMT+9" },
  { "UTC-11", "Etc/GMT+11" },
  { "Ulaanbaatar Standard Time", "Asia/Ulaanbaatar" },
  { "Venezuela Standard Time", "America/Caracas" },
  { "Vladivostok Standard Time", "Asia/Vladivostok" },
  { "Volgograd Standard Time", "Europe/Volgograd" },
  { "W. Australia Standard Time", "Australia/Perth" },
  { "W. Central Africa Standard Time", "Africa/Lagos" },
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "W. Mongolia Standard Time", "Asia/Hovd" },
  { "West Asia Standard Time", "Asia/Tashkent" },
  { "West Bank Standard Time", "Asia/Hebron" },
  { "West Pacific Standard Time", "Pacific/Port_Moresby" },
  { "Yakutsk Standard Time", "Asia/Yakutsk" },
  { "Yukon Standard Time", "America/Whitehorse" },
};

/* Older Outlook versions write the display name as TZID,
 * "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna". */
static const struct
{
  const char *needle;
  const char *olson;
} display_zones[] = {
  { "Amsterdam, Berlin", "Europe/Berlin" },
  { "Stockholm", "Europe/Stockholm" },
  { "Brussels, Copenhagen", "Europe/Paris" },
  { "Belgrade, Bratislava", "Europe/Budapest" },
  { "Sarajevo, Skopje", "Europe/Warsaw" },
  { "Dublin, Edinburgh", "Europe/London" },
  { "Helsinki, Kyiv", "Europe/Helsinki" },
  { "Helsinki, Kiev", "Europe/Helsinki" },
  { "Athens, Bucharest", "Europe/Bucharest" },
  { "Moscow, St. Petersburg", "Europe/Moscow" },
  { "Coordinated Universal Time", "UTC" },
  { "Eastern Time (US & Canada)", "America/New_York" },
  { "Central Time (US & Canada)", "America/Chicago" },
  { "Mountain Time (US & Canada)", "America/Denver" },
  { "Pacific Time (US & Canada)", "America/Los_Angeles" },
};

/* Properties that carry nothing but the online link, in order of trust. */
static const char * const link_x_properties[] = {
  "X-MICROSOFT-SKYPETEAMSMEETINGURL",
  "X-GOOGLE-CONFERENCE",
  "X-MICROSOFT-ONLINEMEETINGCONFLINK",
};

/* Document */

static void
set_parse_error (GError     **error,
                 const char  *filename,
                 guint        line,
                 const char  *what)
{
  g_autofree char *one_line = g_strdup (what);

  /* libical's messages quote the value, which may hold line breaks (an
   * escaped \n in the file): the error is one line. */
  for (char *p = one_line; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';

  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
               "%s:%u: %s", filename, line, one_line);
}

/* Components whose content Resfri reads: an error anywhere else (a VALARM,
 * a VTODO, an unknown component) cannot change a meeting and is let be. */
static gboolean
is_read_component (icalcomponent *comp)
{
  switch (icalcomponent_isa (comp))
    {
    case ICAL_XROOT_COMPONENT:
    case ICAL_VCALENDAR_COMPONENT:
    case ICAL_VEVENT_COMPONENT:
    case ICAL_VTIMEZONE_COMPONENT:
    case ICAL_XSTANDARD_COMPONENT:
    case ICAL_XDAYLIGHT_COMPONENT:
      return TRUE;

    default:
      return FALSE;
    }
}

/* Pre-order, the order of the BEGIN lines. */
static void
collect_components (icalcomponent *comp,
                    GPtrArray     *out)
{
  icalcomponent *child;

  g_ptr_array_add (out, comp);
  for (child = icalcomponent_get_first_component (comp, ICAL_ANY_COMPONENT);
       child != NULL;
       child = icalcomponent_get_next_component (comp, ICAL_ANY_COMPONENT))
    collect_components (child, out);
}

static gboolean
is_within_read_components (icalcomponent *comp)
{
  for (; comp != NULL; comp = icalcomponent_get_parent (comp))
    if (!is_read_component (comp))
      return FALSE;

  return TRUE;
}

/* libical writes "what: the rest of the line"; the rest, or NULL. */
static const char *
get_error_detail (const char *text)
{
  const char *detail = text != NULL ? strstr (text, ": ") : NULL;

  if (detail == NULL || detail[2] == '\0')
    return NULL;

  return detail + 2;
}

/* libical 3.0 drops a property with an empty value ("LOCATION:") and calls
 * it an error, but RFC 5545 allows empty text: not an error for us. */
static gboolean
is_empty_value_error (const char *text)
{
  return text != NULL && g_str_has_prefix (text, "No value for ");
}

/* Whether the line's value (after the first ':' outside quotes) is empty. */
static gboolean
has_empty_value (const char *line)
{
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        {
          for (p++; *p != '\0'; p++)
            if (!g_ascii_isspace (*p))
              return FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

static char *
shorten (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (g_utf8_strlen (valid, -1) <= 60)
    return g_steal_pointer (&valid);

  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (valid, 60) - valid), valid);
}

typedef struct
{
  guint  line;
  char  *text;
} ErrorLine;

static void
error_line_clear (gpointer data)
{
  g_free (((ErrorLine *) data)->text);
}

/* At most this many lines that libical flagged are kept for the report. */
#define MAX_ERROR_LINES 256

typedef struct
{
  icalparser *parser;
  GArray     *spans;         /* ComponentSpan */
  GArray     *open;          /* guint: indices in spans of the open BEGINs */
  GArray     *error_lines;   /* ErrorLine */
  GPtrArray  *roots;
  guint       last_root;     /* 1 + index of the last top-level span */
  int         depth;
  guint       fatal_line;
  char       *fatal_message;
} ParseState;

/* libical's parser_get_next_char(): the first @c in @line outside double
 * quotes, not escaped by a backslash, and not the first character. */
static const char *
next_unquoted (const char *line,
               char        c)
{
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"' && p > line && p[-1] != '\\')
        {
          quoted = !quoted;
          continue;
        }
      if (!quoted && *p == c && p > line && p[-1] != '\\')
        return p;
    }

  return NULL;
}

/* Whether @line is a BEGIN or END line (@keyword) as libical reads it: the
 * name before the first unquoted ';' or ':', trailing white space cut
 * ("END :X" is an END line to libical, and must be one here too, or the
 * text kept for a component runs past its end; found by fuzz-ical-import).
 * @value is set to the text after that delimiter. */
static gboolean
is_keyword_line (const char  *line,
                 const char  *keyword,
                 const char **value)
{
  const char *semicolon = next_unquoted (line, ';');
  const char *colon = next_unquoted (line, ':');
  const char *delimiter;
  const char *end;
  gsize length = strlen (keyword);

  if (semicolon == NULL && colon == NULL)
    return FALSE;
  delimiter = semicolon == NULL ? colon : colon == NULL ? semicolon : MIN (semicolon, colon);
  for (end = delimiter; end > line && g_ascii_isspace (end[-1]); end--)
    ;
  if ((gsize) (end - line) != length || g_ascii_strncasecmp (line, keyword, length) != 0)
    return FALSE;

  *value = delimiter + 1;
  return TRUE;
}

/**
 * resfri_ical_line_is:
 * @line: an unfolded content line
 * @keyword: "BEGIN" or "END"
 *
 * Whether @line opens or closes a component as libical reads it (white
 * space before the colon allowed). Everything that walks stored text line
 * by line uses this, so that it nests as the import did.
 */
gboolean
resfri_ical_line_is (const char *line,
                     const char *keyword)
{
  const char *value;

  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (keyword != NULL, FALSE);

  return is_keyword_line (line, keyword, &value);
}

static void
add_logical_line (ParseState *state,
                  GString    *line,
                  guint       lineno,
                  gsize       start,
                  gsize       end)
{
  icalcomponent *comp;
  const char *value = NULL;

  if (line->len == 0 || state->fatal_line != 0)
    {
      g_string_truncate (line, 0);
      return;
    }

  if (is_keyword_line (line->str, "BEGIN", &value))
    {
      ComponentSpan span = { lineno, start, 0 };
      guint index = state->spans->len;
      g_autofree char *name = g_strndup (value, strcspn (value, ";:"));

      span.kind = icalcomponent_string_to_kind (g_strstrip (name));
      if (state->open->len > 0)
        {
          guint parent = g_array_index (state->open, guint, state->open->len - 1);
          ComponentSpan *p = &g_array_index (state->spans, ComponentSpan, parent);

          span.parent = parent + 1;
          if (p->last_child != 0)
            g_array_index (state->spans, ComponentSpan, p->last_child - 1).next_sibling = index + 1;
          else
            p->first_child = index + 1;
          p->last_child = index + 1;
        }
      else if (state->last_root != 0)
        g_array_index (state->spans, ComponentSpan, state->last_root - 1).next_sibling = index + 1;
      if (span.parent == 0)
        state->last_root = index + 1;

      g_array_append_val (state->spans, span);
      g_array_append_val (state->open, index);
      state->depth++;
    }
  else if (is_keyword_line (line->str, "END", &value))
    {
      /* libical would print a warning on stderr and lose track. */
      if (state->depth == 0)
        {
          state->fatal_line = lineno;
          state->fatal_message = g_strdup (_("END line without a BEGIN"));
          g_string_truncate (line, 0);
          return;
        }
      state->depth--;
      if (state->open->len > 0)
        {
          guint index = g_array_index (state->open, guint, state->open->len - 1);

          g_array_index (state->spans, ComponentSpan, index).end = end;
          g_array_set_size (state->open, state->open->len - 1);
        }
    }

  /* libical cuts at a NUL; so do we, so that the text we keep for the
   * error message is what it saw. */
  comp = icalparser_add_line (state->parser, line->str);
  if (icalparser_get_state (state->parser) == ICALPARSER_ERROR &&
      state->error_lines->len < MAX_ERROR_LINES)
    {
      ErrorLine error_line = { lineno, g_strdup (line->str) };

      g_array_append_val (state->error_lines, error_line);
    }

  if (comp != NULL)
    g_ptr_array_add (state->roots, comp);

  g_string_truncate (line, 0);
}

/* Whether the first TZID line of a VTIMEZONE span names @tzid (libical
 * keeps its VTIMEZONEs in an order of its own). */
static gboolean
span_has_tzid (ResfriIcalDocument  *self,
               const ComponentSpan *span,
               const char          *tzid)
{
  const char *p = self->data + span->start;
  const char *end = self->data + (span->end > span->start ? span->end : span->start);

  if (tzid == NULL)
    return TRUE;

  while (p < end)
    {
      const char *eol = p;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      if (eol - p > 5 && g_ascii_strncasecmp (p, "TZID", 4) == 0 && (p[4] == ':' || p[4] == ';'))
        {
          const char *value = memchr (p, ':', eol - p);
          g_autofree char *copy = NULL;

          if (value == NULL)
            return TRUE;
          copy = g_strstrip (g_strndup (value + 1, eol - value - 1));
          return strcmp (copy, tzid) == 0;
        }
      p = eol;
      while (p < end && (*p == '\n' || *p == '\r'))
        p++;
    }

  return TRUE;
}

/* Pairs libical's components with the spans of their BEGIN lines. libical
 * does not keep the file's order of children of different kinds (a
 * VCALENDAR's VTIMEZONEs come out before its VEVENTs), so a child takes the
 * first span of its kind among its parent's not yet taken (a VTIMEZONE: of
 * its kind and TZID); one of a kind the file did not name takes the first
 * span not yet taken. */
static void
match_spans (ResfriIcalDocument *self,
             icalcomponent      *comp,
             guint               first_sibling)
{
  ComponentSpan *spans = (ComponentSpan *) (gpointer) self->spans->data;
  guint cursor = first_sibling;   /* the first span not yet taken */
  /* Where the last child of each kind was found: the next one of that kind
   * is after it (spans are numbered in file order), so that many siblings
   * of several kinds are paired in linear time. */
  guint kind_from[48] = { 0 };

  for (; comp != NULL; comp = icalcomponent_get_parent (comp) != NULL
                                ? icalcomponent_get_next_component (icalcomponent_get_parent (comp),
                                                                    ICAL_ANY_COMPONENT)
                                : NULL)
    {
      icalcomponent_kind kind = icalcomponent_isa (comp);
      const char *tzid = NULL;
      guint found = 0;

      if (kind == ICAL_VTIMEZONE_COMPONENT)
        {
          icalproperty *prop = icalcomponent_get_first_property (comp, ICAL_TZID_PROPERTY);

          tzid = prop != NULL ? icalproperty_get_tzid (prop) : NULL;
          for (guint s = cursor; s != 0 && found == 0; s = spans[s - 1].next_sibling)
            if (!spans[s - 1].matched && spans[s - 1].kind == kind && span_has_tzid (self, &spans[s - 1], tzid))
              found = s;
        }

      while (cursor != 0 && spans[cursor - 1].matched)
        cursor = spans[cursor - 1].next_sibling;
      if (cursor == 0)
        return;

      if (found == 0)
        {
          guint from = cursor;

          if ((guint) kind < G_N_ELEMENTS (kind_from) && kind_from[kind] > from)
            from = kind_from[kind];
          for (guint s = from; s != 0 && found == 0; s = spans[s - 1].next_sibling)
            if (!spans[s - 1].matched && spans[s - 1].kind == kind)
              found = s;
          if (found != 0 && (guint) kind < G_N_ELEMENTS (kind_from))
            kind_from[kind] = found;
        }
      if (found == 0)
        found = cursor;

      spans[found - 1].matched = TRUE;
      g_hash_table_insert (self->index, comp, GUINT_TO_POINTER (found));
      if (spans[found - 1].first_child != 0)
        match_spans (self, icalcomponent_get_first_component (comp, ICAL_ANY_COMPONENT),
                     spans[found - 1].first_child);

      if (icalcomponent_get_parent (comp) == NULL)
        return;
    }
}

/* The first error of the document: the earliest line among libical's
 * X-LIC-ERRORs in the components we read and the flagged lines that no
 * X-LIC-ERROR explains (text outside any component). */
static gboolean
check_errors (ResfriIcalDocument  *self,
              GPtrArray           *all,
              GArray              *error_lines,
              GError             **error)
{
  guint best_line = G_MAXUINT;
  g_autofree char *best_message = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      icalcomponent *comp = g_ptr_array_index (all, i);
      gboolean read = is_within_read_components (comp);
      icalproperty *prop;

      for (prop = icalcomponent_get_first_property (comp, ICAL_XLICERROR_PROPERTY);
           prop != NULL;
           prop = icalcomponent_get_next_property (comp, ICAL_XLICERROR_PROPERTY))
        {
          const char *text = icalproperty_get_xlicerror (prop);
          const char *detail = get_error_detail (text);
          guint line = resfri_ical_document_get_line (self, comp);

          if (!read || text == NULL || is_empty_value_error (text))
            continue;

          for (guint j = 0; detail != NULL && j < error_lines->len; j++)
            {
              ErrorLine *el = &g_array_index (error_lines, ErrorLine, j);

              if (strstr (el->text, detail) != NULL)
                {
                  line = el->line;
                  break;
                }
            }

          if (line < best_line)
            {
              best_line = MAX (line, 1);
              g_free (best_message);
              best_message = g_strdup (text);
            }
        }
    }

  for (guint j = 0; j < error_lines->len; j++)
    {
      ErrorLine *el = &g_array_index (error_lines, ErrorLine, j);
      gboolean explained = FALSE;

      if (el->line >= best_line)
        break;
      if (has_empty_value (el->text))
        continue;

      for (guint i = 0; i < all->len && !explained; i++)
        {
          icalcomponent *comp = g_ptr_array_index (all, i);
          icalproperty *prop;

          for (prop = icalcomponent_get_first_property (comp, ICAL_XLICERROR_PROPERTY);
               prop != NULL && !explained;
               prop = icalcomponent_get_next_property (comp, ICAL_XLICERROR_PROPERTY))
            {
              const char *detail = get_error_detail (icalproperty_get_xlicerror (prop));

              explained = detail != NULL && strstr (el->text, detail) != NULL;
            }
        }

      if (!explained)
        {
          g_autofree char *text = shorten (el->text);

          best_line = el->line;
          g_free (best_message);
          best_message = g_strdup_printf (_("cannot understand the line “%s”"), text);
          break;
        }
    }

  if (best_message != NULL)
    {
      set_parse_error (error, self->filename, best_line, best_message);
      return FALSE;
    }

  return TRUE;
}

static ResfriIcalDocument *
parse_document (const char  *data,
                gssize       length,
                const char  *filename,
                guint        first_line,
                gboolean     borrow,
                GError     **error)
{
  g_autoptr(ResfriIcalDocument) self = NULL;
  g_autoptr(GString) logical = g_string_new (NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) error_lines = g_array_new (FALSE, FALSE, sizeof (ErrorLine));
  g_autofree char *fatal_message = NULL;
  ParseState state = { 0 };
  icalerrorstate saved_state;
  const char *p;
  const char *end;
  guint lineno = first_line - 1;
  guint logical_lineno = 0;
  gsize logical_start = 0;
  gsize logical_end = 0;
  icalcomponent *unclosed;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  resfri_ical_get_home_zone ();

  if (length < 0)
    length = strlen (data);
  if (filename == NULL)
    filename = "-";

  self = g_new0 (ResfriIcalDocument, 1);
  self->filename = g_strdup (filename);
  self->roots = g_ptr_array_new_with_free_func ((GDestroyNotify) icalcomponent_free);
  self->spans = g_array_new (FALSE, FALSE, sizeof (ComponentSpan));
  self->index = g_hash_table_new (NULL, NULL);

  g_array_set_clear_func (error_lines, error_line_clear);
  state.parser = icalparser_new ();
  state.spans = self->spans;
  state.open = open;
  state.error_lines = error_lines;
  state.roots = self->roots;

  saved_state = icalerror_get_error_state (ICAL_MALFORMEDDATA_ERROR);
  icalerror_set_error_state (ICAL_MALFORMEDDATA_ERROR, ICAL_ERROR_NONFATAL);

  /* Kept for the original text of each component. */
  if (borrow)
    {
      self->data = (char *) data;
      self->borrowed = TRUE;
    }
  else
    {
      self->data = g_malloc (length + 1);
      memcpy (self->data, data, length);
      self->data[length] = '\0';
    }
  p = data;
  end = data + length;
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end && state.fatal_line == 0)
    {
      const char *eol = p;
      const char *next;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      next = eol;
      if (next < end && *next == '\r')
        next++;
      if (next < end && *next == '\n')
        next++;
      lineno++;

      if (eol > p && (*p == ' ' || *p == '\t') && logical->len > 0)
        {
          /* A folded line continues the previous one. */
          g_string_append_len (logical, p + 1, eol - p - 1);
        }
      else
        {
          add_logical_line (&state, logical, logical_lineno, logical_start, logical_end);
          g_string_append_len (logical, p, eol - p);
          logical_lineno = lineno;
          logical_start = p - data;
        }
      logical_end = next - data;

      p = next;
    }
  add_logical_line (&state, logical, logical_lineno, logical_start, logical_end);

  unclosed = icalparser_clean (state.parser);
  icalerror_set_error_state (ICAL_MALFORMEDDATA_ERROR, saved_state);
  /* The parser frees what it could not close. */
  icalparser_free (state.parser);
  fatal_message = state.fatal_message;

  if (state.fatal_line != 0)
    {
      set_parse_error (error, filename, state.fatal_line, fatal_message);
      return NULL;
    }

  if (unclosed != NULL || state.depth != 0)
    {
      set_parse_error (error, filename, MAX (lineno, 1),
                       _("the file ends inside a component (missing END line)"));
      return NULL;
    }

  /* Components in the order of their BEGIN lines. */
  all = g_ptr_array_new ();
  for (guint i = 0; i < self->roots->len; i++)
    collect_components (g_ptr_array_index (self->roots, i), all);
  {
    guint first_root = self->spans->len > 0 ? 1 : 0;

    for (guint i = 0; i < self->roots->len && first_root != 0; i++)
      {
        ComponentSpan *spans = (ComponentSpan *) (gpointer) self->spans->data;

        while (first_root != 0 && spans[first_root - 1].matched)
          first_root = spans[first_root - 1].next_sibling;
        if (first_root != 0)
          match_spans (self, g_ptr_array_index (self->roots, i), first_root);
      }
  }

  if (!check_errors (self, all, error_lines, error))
    return NULL;

  if (self->roots->len == 0)
    {
      set_parse_error (error, filename, 1, _("not an iCalendar file (no BEGIN:VCALENDAR)"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

ResfriIcalDocument *
resfri_ical_document_parse (const char  *data,
                            gssize       length,
                            const char  *filename,
                            GError     **error)
{
  return parse_document (data, length, filename, 1, FALSE, error);
}

ResfriIcalDocument *
resfri_ical_document_parse_part (const char  *data,
                                 gsize        length,
                                 const char  *filename,
                                 guint        first_line,
                                 GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (first_line >= 1, NULL);

  return parse_document (data, length, filename, first_line, TRUE, error);
}

void
resfri_ical_document_free (ResfriIcalDocument *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->spans, g_array_unref);
  if (!self->borrowed)
    g_free (self->data);
  g_clear_pointer (&self->roots, g_ptr_array_unref);
  g_free (self->filename);
  g_free (self);
}

GPtrArray *
resfri_ical_document_get_roots (ResfriIcalDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->roots;
}

guint
resfri_ical_document_get_line (ResfriIcalDocument *self,
                               icalcomponent      *comp)
{
  g_return_val_if_fail (self != NULL, 0);

  guint index;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, comp));
  if (index == 0)
    return 0;

  return g_array_index (self->spans, ComponentSpan, index - 1).line;
}

const char *
resfri_ical_document_peek_text (ResfriIcalDocument *self,
                                icalcomponent      *comp,
                                gsize              *length)
{
  const ComponentSpan *span;
  guint index;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, comp));
  if (index == 0)
    return NULL;

  span = &g_array_index (self->spans, ComponentSpan, index - 1);
  if (span->end <= span->start)
    return NULL;

  *length = span->end - span->start;
  return self->data + span->start;
}

char *
resfri_ical_document_dup_text (ResfriIcalDocument *self,
                               icalcomponent      *comp)
{
  const ComponentSpan *span;
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, comp));
  if (index == 0)
    return NULL;

  span = &g_array_index (self->spans, ComponentSpan, index - 1);
  if (span->end <= span->start)
    return NULL;

  return g_strndup (self->data + span->start, span->end - span->start);
}

const char *
resfri_ical_document_get_filename (ResfriIcalDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->filename;
}

/* Zones */

icaltimezone *
resfri_ical_get_home_zone (void)
{
  static icaltimezone *home;

  if (g_once_init_enter (&home))
    {
      icaltimezone *zone;

      /* Malformed input must give errors, never abort(). */
      icalerror_set_errors_are_fatal (0);

      zone = icaltimezone_get_builtin_timezone (RESFRI_ICAL_HOME_ZONE);
      if (zone == NULL)
        {
          g_warning ("libical has no zone %s; is tzdata installed?", RESFRI_ICAL_HOME_ZONE);
          zone = icaltimezone_get_utc_timezone ();
        }
      g_once_init_leave (&home, zone);
    }

  return home;
}

const char *
resfri_ical_windows_zone_to_olson (const char *windows_name)
{
  if (windows_name == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (windows_zones); i++)
    if (g_ascii_strcasecmp (windows_zones[i].windows, windows_name) == 0)
      return windows_zones[i].olson;

  return NULL;
}

static icaltimezone *
get_builtin (const char *name)
{
  /* libical reads zone files by name: keep it inside the zone folder. */
  if (name[0] == '\0' || name[0] == '/' || strstr (name, "..") != NULL)
    return NULL;

  return icaltimezone_get_builtin_timezone (name);
}

static icaltimezone *
lookup_named_zone (const char *tzid)
{
  icaltimezone *zone;
  const char *olson;

  if ((zone = get_builtin (tzid)) != NULL)
    return zone;

  /* "/mozilla.org/20050126_1/Europe/Stockholm",
   * "/freeassociation.sourceforge.net/Tzfile/Europe/Stockholm". */
  for (const char *slash = strchr (tzid, '/'); slash != NULL; slash = strchr (slash + 1, '/'))
    if ((zone = get_builtin (slash + 1)) != NULL)
      return zone;

  if ((olson = resfri_ical_windows_zone_to_olson (tzid)) != NULL &&
      (zone = get_builtin (olson)) != NULL)
    return zone;

  for (gsize i = 0; i < G_N_ELEMENTS (display_zones); i++)
    if (strstr (tzid, display_zones[i].needle) != NULL)
      return get_builtin (display_zones[i].olson);

  return NULL;
}

icaltimezone *
resfri_ical_resolve_tzid (icalcomponent *comp,
                          const char    *tzid)
{
  icaltimezone *zone = NULL;
  gpointer cached;

  if (tzid == NULL || tzid[0] == '\0')
    return NULL;

  resfri_ical_get_home_zone ();

  for (icalcomponent *p = comp; p != NULL; p = icalcomponent_get_parent (p))
    {
      if (icalcomponent_isa (p) == ICAL_VCALENDAR_COMPONENT)
        {
          if ((zone = icalcomponent_get_timezone (p, tzid)) != NULL)
            return zone;
          break;
        }
    }

  G_LOCK (zone_cache);
  if (zone_cache == NULL)
    zone_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_lookup_extended (zone_cache, tzid, NULL, &cached))
    {
      G_UNLOCK (zone_cache);
      return cached == (gpointer) &zone_cache ? NULL : cached;
    }

  zone = lookup_named_zone (tzid);
  if (g_hash_table_size (zone_cache) < ZONE_CACHE_MAX)
    g_hash_table_insert (zone_cache, g_strdup (tzid), zone != NULL ? (gpointer) zone : (gpointer) &zone_cache);
  G_UNLOCK (zone_cache);

  return zone;
}

struct icaltimetype
resfri_ical_property_get_time (icalproperty  *prop,
                               icalcomponent *comp)
{
  struct icaltimetype t = icaltime_null_time ();
  icalvalue *value;
  icalparameter *param;

  if (prop == NULL || (value = icalproperty_get_value (prop)) == NULL)
    return t;

  switch (icalvalue_isa (value))
    {
    case ICAL_DATETIME_VALUE:
    case ICAL_DATE_VALUE:
      t = icalvalue_get_datetime (value);
      break;

    case ICAL_DATETIMEPERIOD_VALUE:
      {
        struct icaldatetimeperiodtype dtp = icalvalue_get_datetimeperiod (value);

        t = icaltime_is_null_time (dtp.time) ? dtp.period.start : dtp.time;
      }
      break;

    case ICAL_PERIOD_VALUE:
      t = icalvalue_get_period (value).start;
      break;

    default:
      return t;
    }

  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t))
    return icaltime_null_time ();

  /* libical reads any two digits as a month or a day ("15763595" is day 95
   * of month 35 of 1576) and calls that valid; RFC 5545's grammar has none
   * of it, and such a time lands millions of years away (found by
   * fuzz-ical-import: the export's VTIMEZONE then had no valid DTSTART). */
  if (t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 ||
      !g_date_valid_dmy ((GDateDay) t.day, (GDateMonth) t.month, (GDateYear) t.year) ||
      (!t.is_date && (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 ||
                      t.second < 0 || t.second > 60)))
    return icaltime_null_time ();

  if (t.is_date)
    {
      t.hour = t.minute = t.second = 0;
      t.zone = NULL;
      return t;
    }

  if (icaltime_is_utc (t))
    return t;

  param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  if (param != NULL)
    {
      icaltimezone *zone = resfri_ical_resolve_tzid (comp, icalparameter_get_tzid (param));

      t.zone = zone != NULL ? zone : resfri_ical_get_home_zone ();
    }
  else
    t.zone = NULL;

  return t;
}

static int
offset_at (icaltimezone *zone,
           gint64        instant)
{
  struct icaltimetype utc = icaltime_from_timet_with_zone ((time_t) instant, 0, NULL);
  int is_daylight = 0;

  return icaltimezone_get_utc_offset_of_utc_time (zone, &utc, &is_daylight);
}

/* A wall-clock time in @zone as a unix time, by RFC 5545 3.3.5: a time
 * that occurs twice (autumn) is the first, a time that does not occur
 * (spring) takes the UTC offset from before the gap, so Stockholm
 * 02:30 on 2026-03-29 is 01:30Z (03:30 CEST). libical's conversion takes
 * the offset after the gap; this checks and corrects it. */
static gint64
zoned_to_unix (struct icaltimetype  t,
               icaltimezone        *zone)
{
  struct icaltimetype wall_t = t;
  gint64 wall;
  gint64 u;
  int offset;

  wall_t.zone = NULL;
  wall_t.is_date = 0;
  wall = icaltime_as_timet (wall_t);
  u = icaltime_as_timet_with_zone (t, zone);
  offset = offset_at (zone, u);

  if (u + offset == wall)
    {
      /* In an overlap, the earlier instant with the same wall time. */
      int earlier = offset_at (zone, u - 3 * 3600);

      if (earlier != offset && wall - earlier < u && offset_at (zone, wall - earlier) == earlier)
        return wall - earlier;
      return u;
    }

  /* A gap: the offset in force before it. */
  return wall - offset_at (zone, u - 3 * 3600);
}

gint64
resfri_ical_time_to_unix (struct icaltimetype t)
{
  if (icaltime_is_null_time (t))
    return 0;

  if (t.is_date || t.zone == NULL)
    return icaltime_as_timet_with_zone (t, resfri_ical_get_home_zone ());

  if (icaltime_is_utc (t))
    return icaltime_as_timet_with_zone (t, NULL);

  return zoned_to_unix (t, (icaltimezone *) t.zone);
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era;
  gint64 doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (yoe + era * 400 + (*month <= 2));
}

static inline char *
put_digits (char *p,
            int   value,
            int   width)
{
  for (int i = width - 1; i >= 0; i--)
    {
      p[i] = '0' + (value % 10);
      value /= 10;
    }
  return p + width;
}

void
resfri_ical_format_unix_utc (gint64  t,
                             char   *buf)
{
  gint64 days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  gint64 secs = t - days * 86400;
  int year, month, day;
  char *p = buf;

  civil_from_days (days, &year, &month, &day);
  if (year < 0 || year > 9999)
    year = 0;
  p = put_digits (p, year, 4);
  p = put_digits (p, month, 2);
  p = put_digits (p, day, 2);
  *p++ = 'T';
  p = put_digits (p, (int) (secs / 3600), 2);
  p = put_digits (p, (int) (secs / 60 % 60), 2);
  p = put_digits (p, (int) (secs % 60), 2);
  *p++ = 'Z';
  *p = '\0';
}

void
resfri_ical_format_time (struct icaltimetype  t,
                         char                *buf)
{
  char *p = buf;

  if (!t.is_date && t.zone != NULL)
    {
      resfri_ical_format_unix_utc (resfri_ical_time_to_unix (t), buf);
      return;
    }

  p = put_digits (p, CLAMP (t.year, 0, 9999), 4);
  p = put_digits (p, CLAMP (t.month, 0, 99), 2);
  p = put_digits (p, CLAMP (t.day, 0, 99), 2);
  if (!t.is_date)
    {
      *p++ = 'T';
      p = put_digits (p, CLAMP (t.hour, 0, 99), 2);
      p = put_digits (p, CLAMP (t.minute, 0, 99), 2);
      p = put_digits (p, CLAMP (t.second, 0, 99), 2);
    }
  *p = '\0';
}

gboolean
resfri_ical_parse_date_arg (const char  *text,
                            gint64      *unix_time,
                            GError     **error)
{
  g_autofree char *shown = NULL;
  gsize len;

  g_return_val_if_fail (unix_time != NULL, FALSE);

  len = text != NULL ? strlen (text) : 0;

  if (len == 10 && text[4] == '-' && text[7] == '-')
    {
      struct icaltimetype date = icaltime_null_time ();
      int year, month, day;
      char extra;

      if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) == 3 &&
          g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[8]) &&
          /* ISO 8601 dates are proleptic Gregorian, as GLib's are;
           * libical counts years before 1753 as Julian (0700-02-29 would
           * be a day there and not in GDate; found by fuzz-date-arg). */
          year >= 1 && month >= 1 && month <= 12 && day >= 1 &&
          g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        {
          date.year = year;
          date.month = month;
          date.day = day;
          date.is_date = 1;
          *unix_time = resfri_ical_time_to_unix (date);
          return TRUE;
        }
    }
  else if (len > 10 && text[10] == 'T' &&
           (g_ascii_toupper (text[len - 1]) == 'Z' ||
            (len > 16 && (text[len - 6] == '+' || text[len - 6] == '-') && text[len - 3] == ':')))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

      if (dt != NULL)
        {
          *unix_time = g_date_time_to_unix (dt);
          return TRUE;
        }
    }

  /* The argument may come in any encoding; the message is UTF-8. */
  shown = text != NULL ? g_utf8_make_valid (text, -1) : g_strdup ("");
  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
               _("“%s” is not a date (YYYY-MM-DD) or an RFC 3339 instant"), shown);
  return FALSE;
}

/* Online links */

gboolean
resfri_ical_is_meeting_host (const char         *host,
                             const char * const *extra_hosts)
{
  gsize host_len;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  host_len = strlen (host);

  /* The policy's built-in list is the one list of meeting services. */
  for (const char * const *known = resfri_policy_get_builtin_meeting_hosts (); *known; known++)
    {
      gsize known_len = strlen (*known);

      if (strcmp (host, *known) == 0)
        return TRUE;
      if (host_len > known_len && host[host_len - known_len - 1] == '.' &&
          strcmp (host + host_len - known_len, *known) == 0)
        return TRUE;
    }

  /* Self-hosted Jitsi: a label that starts with "jitsi". */
  for (const char *label = host; label != NULL; label = strchr (label, '.'))
    {
      if (*label == '.')
        label++;
      if (g_str_has_prefix (label, "jitsi"))
        return TRUE;
    }

  for (gsize i = 0; extra_hosts != NULL && extra_hosts[i] != NULL; i++)
    {
      const char *extra = extra_hosts[i];
      gsize extra_len = strlen (extra);

      if (extra_len == 0)
        continue;
      if (g_ascii_strcasecmp (host, extra) == 0)
        return TRUE;
      if (host_len > extra_len && host[host_len - extra_len - 1] == '.' &&
          g_ascii_strcasecmp (host + host_len - extra_len, extra) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_url_end (char c)
{
  return g_ascii_isspace (c) || c == '\0' || c == '<' || c == '>' || c == '"' ||
         c == '\'' || c == '`' || c == '|' || c == '\\' || c == '[' || c == ']' ||
         c == '{' || c == '}';
}

/* The first URL in @text whose host is a meeting service. */
static char *
find_meeting_url (const char         *text,
                  const char * const *extra_hosts)
{
  const char *p = text;

  if (text == NULL)
    return NULL;

  while ((p = strstr (p, "://")) != NULL)
    {
      const char *start = p;
      const char *host = p + 3;
      const char *host_end;
      const char *end;
      g_autofree char *host_lower = NULL;
      const char *at;

      /* Back up over the scheme; only http and https count. */
      while (start > text && g_ascii_isalpha (start[-1]))
        start--;
      p += 3;
      if (!((p - start == 7 + 0 && g_ascii_strncasecmp (start, "http://", 7) == 0) ||
            (p - start == 8 && g_ascii_strncasecmp (start, "https://", 8) == 0)))
        continue;

      end = host;
      while (!is_url_end (*end))
        end++;
      /* Punctuation that ends a sentence is not part of the link. */
      while (end > host && strchr (".,;:!?)", end[-1]) != NULL)
        end--;

      host_end = host;
      while (host_end < end && *host_end != '/' && *host_end != '?' && *host_end != '#')
        host_end++;
      at = memchr (host, '@', host_end - host);
      if (at != NULL)
        host = at + 1;
      host_lower = g_ascii_strdown (host, host_end - host);
      if (strchr (host_lower, ':') != NULL)
        *strchr (host_lower, ':') = '\0';

      if (resfri_ical_is_meeting_host (host_lower, extra_hosts))
        return g_strndup (start, end - start);
    }

  return NULL;
}

static char *
dup_value_text (icalproperty *prop)
{
  const char *text = icalproperty_get_value_as_string (prop);
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    return NULL;

  return g_steal_pointer (&copy);
}

char *
resfri_ical_dup_online_url (icalcomponent      *vevent,
                            const char * const *extra_hosts)
{
  static const icalproperty_kind text_kinds[] = {
    ICAL_URL_PROPERTY,
    ICAL_LOCATION_PROPERTY,
    ICAL_DESCRIPTION_PROPERTY,
  };
  icalproperty *prop;
  char *url;

  g_return_val_if_fail (vevent != NULL, NULL);

  /* RFC 7986 allows several (video, a phone dial-in): a web link first. */
  {
    g_autofree char *first = NULL;

    for (prop = icalcomponent_get_first_property (vevent, ICAL_CONFERENCE_PROPERTY);
         prop != NULL;
         prop = icalcomponent_get_next_property (vevent, ICAL_CONFERENCE_PROPERTY))
      {
        if ((url = dup_value_text (prop)) == NULL)
          continue;
        if (g_ascii_strncasecmp (url, "https://", 8) == 0 || g_ascii_strncasecmp (url, "http://", 7) == 0)
          return url;
        if (first == NULL)
          first = url;
        else
          g_free (url);
      }

    if (first != NULL)
      return g_steal_pointer (&first);
  }

  for (gsize i = 0; i < G_N_ELEMENTS (link_x_properties); i++)
    {
      for (prop = icalcomponent_get_first_property (vevent, ICAL_X_PROPERTY);
           prop != NULL;
           prop = icalcomponent_get_next_property (vevent, ICAL_X_PROPERTY))
        {
          const char *name = icalproperty_get_x_name (prop);

          if (name != NULL && g_ascii_strcasecmp (name, link_x_properties[i]) == 0 &&
              (url = dup_value_text (prop)) != NULL)
            return url;
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (text_kinds); i++)
    {
      for (prop = icalcomponent_get_first_property (vevent, text_kinds[i]);
           prop != NULL;
           prop = icalcomponent_get_next_property (vevent, text_kinds[i]))
        {
          const char *text;

          if (text_kinds[i] == ICAL_URL_PROPERTY)
            text = icalproperty_get_url (prop);
          else
            text = icalvalue_get_text (icalproperty_get_value (prop));

          if ((url = find_meeting_url (text, extra_hosts)) != NULL)
            return url;
        }
    }

  return NULL;
}
