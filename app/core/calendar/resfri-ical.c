/* resfri-ical.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading an iCalendar document (resfri-ical.h): libical's parse of the
 * text, with the line and the original text of every component, and
 * errors that name the file and line of the first thing libical could not
 * read; the classification of BEGIN and END lines the meeting editor uses.
 * Time zones and times are resfri-timezone.c.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-error.h"
#include "resfri-ical.h"
#include "resfri-timezone.h"

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
  GHashTable *event_errors;   /* VEVENT -> EventError, with KEEP_BAD_EVENTS */
};

/* The first error inside one VEVENT. */
typedef struct
{
  guint  line;
  char  *message;
} EventError;

static void
event_error_free (gpointer data)
{
  EventError *e = data;

  g_free (e->message);
  g_free (e);
}

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
  gsize  offset;   /* of the line's first byte */
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
  const char *semicolon;
  const char *colon;
  const char *delimiter;
  const char *end;
  gsize length = strlen (keyword);

  /* Most lines are neither: the name starts the line (issue #15). */
  if (g_ascii_strncasecmp (line, keyword, length) != 0)
    return FALSE;

  semicolon = next_unquoted (line, ';');
  colon = next_unquoted (line, ':');
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
      ErrorLine error_line = { lineno, start, g_strdup (line->str) };

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
/* The VEVENT that holds @comp (or is it), or NULL. */
static icalcomponent *
get_enclosing_vevent (icalcomponent *comp)
{
  for (; comp != NULL; comp = icalcomponent_get_parent (comp))
    if (icalcomponent_isa (comp) == ICAL_VEVENT_COMPONENT)
      return comp;

  return NULL;
}

/* The innermost VEVENT whose text holds byte @offset, or NULL. */
static icalcomponent *
find_vevent_at (ResfriIcalDocument *self,
                gsize               offset)
{
  GHashTableIter iter;
  gpointer key, value;
  icalcomponent *found = NULL;
  gsize found_start = 0;

  g_hash_table_iter_init (&iter, self->index);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const ComponentSpan *span = &g_array_index (self->spans, ComponentSpan, GPOINTER_TO_UINT (value) - 1);

      if (icalcomponent_isa (key) == ICAL_VEVENT_COMPONENT && span->start <= offset &&
          offset < span->end && (found == NULL || span->start > found_start))
        {
          found = key;
          found_start = span->start;
        }
    }

  return found;
}

/* Keeps the first error of @vevent (KEEP_BAD_EVENTS); TRUE when kept. */
static gboolean
add_event_error (ResfriIcalDocument *self,
                 icalcomponent      *vevent,
                 guint               line,
                 const char         *message)
{
  EventError *e;

  if (self->event_errors == NULL || vevent == NULL)
    return FALSE;

  e = g_hash_table_lookup (self->event_errors, vevent);
  if (e != NULL && e->line <= line)
    return TRUE;
  if (e == NULL)
    {
      e = g_new0 (EventError, 1);
      g_hash_table_insert (self->event_errors, vevent, e);
    }
  e->line = MAX (line, 1);
  g_free (e->message);
  e->message = g_strdup (message);
  /* One line, whatever the message quotes. */
  for (char *p = e->message; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';

  return TRUE;
}

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

          if (add_event_error (self, get_enclosing_vevent (comp), line, text))
            continue;

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

          if (self->event_errors != NULL)
            {
              g_autofree char *message = g_strdup_printf (_("cannot understand the line “%s”"), text);

              if (add_event_error (self, find_vevent_at (self, el->offset), el->line, message))
                continue;
            }
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

static void
for_each_vcalendar (ResfriIcalDocument *self,
                    void              (*func) (icalcomponent *vcalendar))
{
  for (guint i = 0; self->roots != NULL && i < self->roots->len; i++)
    {
      icalcomponent *root = g_ptr_array_index (self->roots, i);

      if (icalcomponent_isa (root) != ICAL_XROOT_COMPONENT)
        func (root);
      else
        for (icalcomponent *child = icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
             child != NULL;
             child = icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT))
          func (child);
    }
}

/* A VTIMEZONE with an empty TZID ("TZID:", which libical drops, so that
 * the calendar does not know the zone), as Exchange writes it for
 * DTSTART;TZID=:…: named "" and handed to its VCALENDAR again, so that
 * resfri_ical_resolve_tzid() finds it for an empty TZID. */
static void
name_blank_vtimezones (icalcomponent *comp)
{
  g_autoptr(GPtrArray) blank = g_ptr_array_new ();
  icalcomponent *child;

  if (icalcomponent_isa (comp) == ICAL_XROOT_COMPONENT)
    {
      for (child = icalcomponent_get_first_component (comp, ICAL_VCALENDAR_COMPONENT);
           child != NULL;
           child = icalcomponent_get_next_component (comp, ICAL_VCALENDAR_COMPONENT))
        name_blank_vtimezones (child);
      return;
    }
  if (icalcomponent_isa (comp) != ICAL_VCALENDAR_COMPONENT)
    return;

  for (child = icalcomponent_get_first_component (comp, ICAL_VTIMEZONE_COMPONENT);
       child != NULL;
       child = icalcomponent_get_next_component (comp, ICAL_VTIMEZONE_COMPONENT))
    {
      icalproperty *prop = icalcomponent_get_first_property (child, ICAL_TZID_PROPERTY);
      const char *tzid = prop != NULL ? icalproperty_get_tzid (prop) : NULL;

      if (tzid == NULL || tzid[0] == '\0')
        g_ptr_array_add (blank, child);
    }

  /* The first one only: one name, one zone. */
  if (blank->len > 0 && icalcomponent_get_timezone (comp, "") == NULL)
    {
      child = g_ptr_array_index (blank, 0);
      icalcomponent_remove_component (comp, child);
      if (icalcomponent_get_first_property (child, ICAL_TZID_PROPERTY) == NULL)
        icalcomponent_add_property (child, icalproperty_new_tzid (""));
      icalcomponent_add_component (comp, child);
    }
}

static ResfriIcalDocument *
parse_document (const char            *data,
                gssize                 length,
                const char            *filename,
                guint                  first_line,
                gboolean               borrow,
                ResfriIcalParseFlags   flags,
                GError               **error)
{
  g_autoptr(ResfriIcalDocument) self = NULL;
  g_autoptr(GString) logical = g_string_new (NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) error_lines = g_array_new (FALSE, FALSE, sizeof (ErrorLine));
  g_autofree char *fatal_message = NULL;
  ParseState state = { 0 };
  const char *p;
  const char *end;
  guint lineno = first_line - 1;
  guint logical_lineno = 0;
  gsize logical_start = 0;
  gsize logical_end = 0;
  icalcomponent *unclosed;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* Also sets libical's errors non-fatal: malformed data is reported. */
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
  if (flags & RESFRI_ICAL_PARSE_KEEP_BAD_EVENTS)
    self->event_errors = g_hash_table_new_full (NULL, NULL, NULL, event_error_free);

  g_array_set_clear_func (error_lines, error_line_clear);
  state.parser = icalparser_new ();
  state.spans = self->spans;
  state.open = open;
  state.error_lines = error_lines;
  state.roots = self->roots;

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

  for (guint i = 0; i < self->roots->len; i++)
    name_blank_vtimezones (g_ptr_array_index (self->roots, i));

  if (self->roots->len == 0)
    {
      set_parse_error (error, filename, 1, _("not an iCalendar file (no BEGIN:VCALENDAR)"));
      return NULL;
    }

  for_each_vcalendar (self, resfri_ical_share_zones);
  return g_steal_pointer (&self);
}

ResfriIcalDocument *
resfri_ical_document_parse (const char  *data,
                            gssize       length,
                            const char  *filename,
                            GError     **error)
{
  return parse_document (data, length, filename, 1, FALSE, RESFRI_ICAL_PARSE_NONE, error);
}

ResfriIcalDocument *
resfri_ical_document_parse_full (const char            *data,
                                 gssize                 length,
                                 const char            *filename,
                                 guint                  first_line,
                                 ResfriIcalParseFlags   flags,
                                 GError               **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (first_line >= 1, NULL);

  return parse_document (data, length, filename, first_line,
                         (flags & RESFRI_ICAL_PARSE_BORROW) != 0, flags, error);
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

  return parse_document (data, length, filename, first_line, TRUE, RESFRI_ICAL_PARSE_NONE, error);
}

void
resfri_ical_document_free (ResfriIcalDocument *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->event_errors, g_hash_table_unref);
  g_clear_pointer (&self->spans, g_array_unref);
  if (!self->borrowed)
    g_free (self->data);
  for_each_vcalendar (self, resfri_ical_unshare_zones);
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

gboolean
resfri_ical_document_get_span (ResfriIcalDocument *self,
                               icalcomponent      *comp,
                               gsize              *start,
                               gsize              *length)
{
  const char *text;

  g_return_val_if_fail (start != NULL, FALSE);

  if (!(text = resfri_ical_document_peek_text (self, comp, length)))
    return FALSE;
  *start = text - self->data;
  return TRUE;
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

const char *
resfri_ical_document_get_event_error (ResfriIcalDocument *self,
                                      icalcomponent      *vevent,
                                      guint              *line)
{
  EventError *e;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->event_errors == NULL || (e = g_hash_table_lookup (self->event_errors, vevent)) == NULL)
    return NULL;

  if (line != NULL)
    *line = e->line;
  return e->message;
}

/* Derived UIDs */

/* Properties that change with every export or edit of the same event. */
static gboolean
is_volatile_line (const char *line,
                  gsize       length)
{
  static const char * const names[] = { "DTSTAMP", "LAST-MODIFIED", "CREATED", "SEQUENCE" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize n = strlen (names[i]);

      if (length > n && g_ascii_strncasecmp (line, names[i], n) == 0 &&
          (line[n] == ':' || line[n] == ';'))
        return TRUE;
    }

  return FALSE;
}

/* Unfolded, one "\n" after each line, without trailing white space, empty
 * lines or the volatile properties. */
static void
append_normalised (GString    *out,
                   const char *text,
                   gsize       length)
{
  g_autoptr(GString) logical = g_string_new (NULL);
  const char *p = text;
  const char *end = text + length;

  while (p <= end)
    {
      const char *eol = p;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;

      if (p < end && eol > p && (*p == ' ' || *p == '\t') && logical->len > 0)
        g_string_append_len (logical, p + 1, eol - p - 1);
      else
        {
          while (logical->len > 0 && g_ascii_isspace (logical->str[logical->len - 1]))
            g_string_truncate (logical, logical->len - 1);
          if (logical->len > 0 && !is_volatile_line (logical->str, logical->len))
            {
              g_string_append_len (out, logical->str, logical->len);
              g_string_append_c (out, '\n');
            }
          g_string_truncate (logical, 0);
          if (p < end)
            g_string_append_len (logical, p, eol - p);
        }

      if (eol >= end)
        break;
      p = eol + 1;
      if (eol[0] == '\r' && p < end && *p == '\n')
        p++;
    }
}

static void
append_property (GString           *out,
                 icalcomponent     *vevent,
                 icalproperty_kind  kind)
{
  icalproperty *prop = icalcomponent_get_first_property (vevent, kind);
  const char *value = prop != NULL ? icalproperty_get_value_as_string (prop) : NULL;

  if (value != NULL)
    g_string_append (out, value);
  g_string_append_c (out, '\n');
}

char *
resfri_ical_dup_derived_uid (icalcomponent *vevent,
                             const char    *text,
                             gsize          length)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *digest = NULL;
  char *rendered = NULL;

  g_return_val_if_fail (vevent != NULL, NULL);

  append_property (input, vevent, ICAL_DTSTART_PROPERTY);
  append_property (input, vevent, ICAL_SUMMARY_PROPERTY);
  append_property (input, vevent, ICAL_ORGANIZER_PROPERTY);

  if (text == NULL && (rendered = icalcomponent_as_ical_string_r (vevent)) != NULL)
    {
      text = rendered;
      length = strlen (rendered);
    }
  if (text != NULL)
    append_normalised (input, text, length);
  if (rendered != NULL)
    icalmemory_free_buffer (rendered);

  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) input->str, input->len);

  return g_strdup_printf ("resfri-derived-%.32s", digest);
}

/* Copies of one UID */

void
resfri_ical_copy_init (ResfriIcalCopy *copy,
                       icalcomponent  *vevent,
                       const char     *text,
                       gsize           length)
{
  icalproperty *stamp = icalcomponent_get_first_property (vevent, ICAL_DTSTAMP_PROPERTY);
  struct icaltimetype t = stamp != NULL ? icalproperty_get_dtstamp (stamp) : icaltime_null_time ();

  copy->sequence = icalcomponent_get_sequence (vevent);
  copy->dtstamp = icaltime_is_null_time (t) || !icaltime_is_valid_time (t)
                  ? 0 : (gint64) icaltime_as_timet_with_zone (t, icaltimezone_get_utc_timezone ());
  copy->text = text;
  copy->length = length;
}

void
resfri_ical_copy_clear (ResfriIcalCopy *copy)
{
  copy->text = NULL;
  copy->length = 0;
}

static gboolean
same_text (const ResfriIcalCopy *a,
           const ResfriIcalCopy *b)
{
  g_autoptr(GString) na = g_string_new (NULL);
  g_autoptr(GString) nb = g_string_new (NULL);

  if (a->text == NULL || b->text == NULL)
    return FALSE;

  append_normalised (na, a->text, a->length);
  append_normalised (nb, b->text, b->length);
  return g_string_equal (na, nb);
}

ResfriIcalCopyVerdict
resfri_ical_copy_compare (const ResfriIcalCopy *first,
                          const ResfriIcalCopy *later)
{
  if (later->sequence != first->sequence)
    return later->sequence > first->sequence ? RESFRI_ICAL_COPY_NEWER : RESFRI_ICAL_COPY_OLDER;
  if (later->dtstamp != first->dtstamp)
    return later->dtstamp > first->dtstamp ? RESFRI_ICAL_COPY_NEWER : RESFRI_ICAL_COPY_OLDER;
  if (same_text (first, later))
    return RESFRI_ICAL_COPY_SAME;

  return RESFRI_ICAL_COPY_OTHER;
}
