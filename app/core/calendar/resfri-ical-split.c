/* resfri-ical-split.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fast split of a large iCalendar file (resfri-ical-split.h): one pass
 * over its lines, BEGIN and END lines classified as libical would read
 * them, and nothing parsed. The importer parses each VEVENT on its own,
 * through the part reader at the end of this file.
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "resfri-ical-split.h"

#define MAX_SPLIT_DEPTH 32

/* "BEGIN:NAME" or "END:NAME" (any case) with a plain NAME: 1 for BEGIN,
 * -1 for END, 0 for another line; @name/@name_len set. */
static int
classify_line (const char  *p,
               gsize        len,
               const char **name,
               gsize       *name_len)
{
  gsize skip;
  int kind;

  if (len > 6 && g_ascii_strncasecmp (p, "BEGIN", 5) == 0 && (p[5] == ':' || p[5] == ';'))
    kind = 1, skip = 6;
  else if (len > 4 && g_ascii_strncasecmp (p, "END", 3) == 0 && (p[3] == ':' || p[3] == ';'))
    kind = -1, skip = 4;
  else if ((len >= 5 && g_ascii_strncasecmp (p, "BEGIN", 5) == 0 &&
            (len == 5 || (!g_ascii_isalnum (p[5]) && p[5] != '-'))) ||
           (len >= 3 && g_ascii_strncasecmp (p, "END", 3) == 0 &&
            (len == 3 || (!g_ascii_isalnum (p[3]) && p[3] != '-'))))
    return 2;   /* "END :X" is an END line to libical: not for the fast path */
  else
    return 0;

  *name = p + skip;
  *name_len = len - skip;
  /* A parameter, or an odd name: not for the fast path. */
  if (p[skip - 1] != ':')
    return 2;
  for (gsize i = 0; i < *name_len; i++)
    if (!g_ascii_isalnum ((*name)[i]) && (*name)[i] != '-')
      return 2;

  return kind;
}

static gboolean
name_is (const char *name,
         gsize       len,
         const char *what)
{
  return len == strlen (what) && g_ascii_strncasecmp (name, what, len) == 0;
}

/* The first CR or LF at or after @p, or @end: two memchr() passes cost
 * less than a loop over the bytes (a large file's split comes before its
 * parse can start; issue #15). */
static inline const char *
find_eol (const char *p,
          const char *end)
{
  const char *lf = memchr (p, '\n', end - p);
  const char *cr;

  if (lf == NULL)
    lf = end;
  cr = memchr (p, '\r', lf - p);

  return cr != NULL ? cr : lf;
}

gboolean
resfri_ical_split_calendars (const char *data,
                             gsize       length,
                             GArray     *parts,
                             GString    *skeleton,
                             guint      *n_calendars)
{
  const char *p = data;
  const char *end = data + length;
  const char *stack[MAX_SPLIT_DEPTH];
  gsize stack_len[MAX_SPLIT_DEPTH];
  ResfriIcalPart part = { 0 };
  gsize copied = 0;
  guint lineno = 0;
  guint calendars = 0;
  int depth = 0;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  if (memchr (data, '\0', length) != NULL)
    return FALSE;

  while (p < end)
    {
      const char *eol = p;
      const char *next;
      const char *name = NULL;
      gsize name_len = 0;
      int kind;

      eol = find_eol (p, end);
      next = eol;
      if (next < end && *next == '\r')
        next++;
      if (next < end && *next == '\n')
        next++;
      lineno++;

      kind = classify_line (p, eol - p, &name, &name_len);
      if (kind == 2)
        return FALSE;
      if (kind != 0 && next < end && (*next == ' ' || *next == '\t'))
        return FALSE;   /* a folded BEGIN or END */

      if (kind == 1)
        {
          if (depth == MAX_SPLIT_DEPTH)
            return FALSE;
          if ((depth == 0) != name_is (name, name_len, "VCALENDAR"))
            return FALSE;
          if (depth == 0)
            calendars++;
          if (depth == 1 && name_is (name, name_len, "VEVENT"))
            {
              part.start = p - data;
              part.line = lineno;
              part.calendar = calendars - 1;
            }
          stack[depth] = name;
          stack_len[depth] = name_len;
          depth++;
        }
      else if (kind == -1)
        {
          if (depth == 0 || stack_len[depth - 1] != name_len ||
              g_ascii_strncasecmp (stack[depth - 1], name, name_len) != 0)
            return FALSE;
          depth--;
          if (depth == 1 && name_is (name, name_len, "VEVENT"))
            {
              part.end = next - data;
              g_array_append_val (parts, part);
              g_string_append_len (skeleton, data + copied, part.start - copied);
              copied = part.end;
            }
        }
      else if (depth == 0 && eol > p)
        return FALSE;   /* text outside the calendars */

      p = next;
    }

  if (depth != 0 || calendars == 0)
    return FALSE;

  g_string_append_len (skeleton, data + copied, length - copied);
  *n_calendars = calendars;
  return TRUE;
}

/* The part reader */

/* How many parsed parts the thread keeps ready at most. */
#define READ_AHEAD 256

/* How many parsed parts wake a caller that waits for one. */
#define WAKE_BATCH 16

typedef struct
{
  ResfriIcalDocument *doc;
  GError             *error;
  gpointer            prepared;        /* the prepare function's, or NULL */
  GDestroyNotify      prepared_free;
} ParsedPart;

struct _ResfriIcalPartReader
{
  const char           *data;
  GArray               *parts;
  const char           *filename;
  ResfriIcalParseFlags  flags;
  guint                 next;      /* without a thread: the next part to parse */

  GThread              *thread;
  GMutex                lock;
  GCond                 cond;
  GQueue                ready;     /* ParsedPart, in file order */
  GPtrArray            *spent;     /* documents the caller is done with */
  gboolean              stop;
  gboolean              waiting;   /* the caller waits for a part */
  double                cpu;       /* the thread's CPU seconds, once it ended */

  ResfriIcalPartPrepare prepare;   /* on the thread, for each part parsed */
  GDestroyNotify        prepared_free;
  gpointer              prepare_data;
};

static void
parsed_part_free (gpointer data)
{
  ParsedPart *parsed = data;

  g_clear_pointer (&parsed->doc, resfri_ical_document_free);
  g_clear_error (&parsed->error);
  if (parsed->prepared != NULL)
    parsed->prepared_free (parsed->prepared);
  g_free (parsed);
}

static ResfriIcalDocument *
parse_part (ResfriIcalPartReader  *self,
            guint                  index,
            GError               **error)
{
  const ResfriIcalPart *part = &g_array_index (self->parts, ResfriIcalPart, index);

  return resfri_ical_document_parse_full (self->data + part->start, part->end - part->start,
                                          self->filename, part->line, self->flags, error);
}

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Parses every part in order, up to READ_AHEAD ahead of the caller, until
 * the last, a parse error (handed over as that part) or a stop. */
static gpointer
read_parts (gpointer data)
{
  ResfriIcalPartReader *self = data;
  double start = thread_cpu_seconds ();

  g_autoptr(GPtrArray) spent = g_ptr_array_new_with_free_func (parsed_part_free);

  for (guint i = 0; i < self->parts->len; i++)
    {
      ParsedPart *parsed = g_new0 (ParsedPart, 1);
      gboolean failed;

      /* Full: wait until the caller has taken most of them, not for each
       * one (a wake-up per part costs more than the parse). */
      g_mutex_lock (&self->lock);
      if (self->ready.length >= READ_AHEAD)
        while (self->ready.length > READ_AHEAD / 4 && !self->stop)
          g_cond_wait (&self->cond, &self->lock);
      if (self->stop)
        {
          g_mutex_unlock (&self->lock);
          g_free (parsed);
          break;
        }
      /* Freed here too: the caller's thread has enough to do. */
      if (self->spent->len > 0)
        {
          GPtrArray *swap = self->spent;

          self->spent = spent;
          spent = swap;
        }
      g_mutex_unlock (&self->lock);
      g_ptr_array_set_size (spent, 0);

      parsed->doc = parse_part (self, i, &parsed->error);
      failed = parsed->doc == NULL;
      if (!failed && self->prepare != NULL)
        {
          parsed->prepared = self->prepare (parsed->doc, self->prepare_data);
          parsed->prepared_free = self->prepared_free;
        }

      /* A caller that waits is woken for a few parts at once, not for
       * each: once the storing is faster than the parse it waits often. */
      g_mutex_lock (&self->lock);
      g_queue_push_tail (&self->ready, parsed);
      if (self->waiting && (self->ready.length >= WAKE_BATCH || failed || i + 1 == self->parts->len))
        g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      if (failed)
        break;
    }

  self->cpu = thread_cpu_seconds () - start;
  return NULL;
}

ResfriIcalPartReader *
resfri_ical_part_reader_new (const char            *data,
                             GArray                *parts,
                             const char            *filename,
                             ResfriIcalParseFlags   flags,
                             gboolean               threaded)
{
  return resfri_ical_part_reader_new_full (data, parts, filename, flags, threaded, NULL, NULL, NULL);
}

ResfriIcalPartReader *
resfri_ical_part_reader_new_full (const char            *data,
                                  GArray                *parts,
                                  const char            *filename,
                                  ResfriIcalParseFlags   flags,
                                  gboolean               threaded,
                                  ResfriIcalPartPrepare  prepare,
                                  GDestroyNotify         prepared_free,
                                  gpointer               prepare_data)
{
  ResfriIcalPartReader *self = g_new0 (ResfriIcalPartReader, 1);

  self->prepare = prepare;
  self->prepared_free = prepared_free;
  self->prepare_data = prepare_data;

  self->data = data;
  self->parts = parts;
  self->filename = filename;
  self->flags = flags;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->ready);
  self->spent = g_ptr_array_new_with_free_func (parsed_part_free);
  if (threaded && parts->len > 0)
    self->thread = g_thread_new ("resfri-ical-parts", read_parts, self);

  return self;
}

ResfriIcalDocument *
resfri_ical_part_reader_next (ResfriIcalPartReader  *self,
                              GError               **error)
{
  return resfri_ical_part_reader_next_prepared (self, NULL, error);
}

ResfriIcalDocument *
resfri_ical_part_reader_next_prepared (ResfriIcalPartReader  *self,
                                       gpointer              *prepared,
                                       GError               **error)
{
  ParsedPart *parsed;
  ResfriIcalDocument *doc;

  if (prepared != NULL)
    *prepared = NULL;
  if (self->thread == NULL)
    {
      g_return_val_if_fail (self->next < self->parts->len, NULL);
      return parse_part (self, self->next++, error);
    }

  /* The thread hands over every part in order, or stops at an error that
   * the caller has then been given: never asked for one it will not make. */
  g_mutex_lock (&self->lock);
  self->waiting = TRUE;
  while (g_queue_is_empty (&self->ready))
    g_cond_wait (&self->cond, &self->lock);
  self->waiting = FALSE;
  parsed = g_queue_pop_head (&self->ready);
  if (self->ready.length == READ_AHEAD / 4)
    g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  doc = parsed->doc;
  if (doc == NULL)
    g_propagate_error (error, parsed->error);
  if (prepared != NULL)
    *prepared = parsed->prepared;
  else if (parsed->prepared != NULL)
    parsed->prepared_free (parsed->prepared);
  g_free (parsed);
  return doc;
}

void
resfri_ical_part_reader_recycle (ResfriIcalPartReader *self,
                                 ResfriIcalDocument   *doc)
{
  resfri_ical_part_reader_recycle_prepared (self, doc, NULL);
}

void
resfri_ical_part_reader_recycle_prepared (ResfriIcalPartReader *self,
                                          ResfriIcalDocument   *doc,
                                          gpointer              prepared)
{
  ParsedPart *spent;

  if (doc == NULL && prepared == NULL)
    return;
  spent = g_new0 (ParsedPart, 1);
  spent->doc = doc;
  spent->prepared = prepared;
  spent->prepared_free = self->prepared_free;
  if (self->thread == NULL)
    {
      parsed_part_free (spent);
      return;
    }

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->spent, spent);
  g_mutex_unlock (&self->lock);
}

double
resfri_ical_part_reader_free (ResfriIcalPartReader *self)
{
  double cpu = 0;

  if (self == NULL)
    return 0;

  if (self->thread != NULL)
    {
      g_mutex_lock (&self->lock);
      self->stop = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      g_thread_join (self->thread);
      cpu = self->cpu;
    }
  g_queue_clear_full (&self->ready, parsed_part_free);
  g_ptr_array_unref (self->spent);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);

  return cpu;
}
