/* cli-check-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the check command's files share: the state of one output (one
 * part of it, when two threads write it) and the helpers that append to
 * it. cli-check.c writes JSON and CSV, cli-check-text.c the text.
 */

#pragma once

#include <string.h>

#include <glib.h>

#include "resfri-cli.h"

G_BEGIN_DECLS

/* The text of an instant formatted in one column, and that text as a
 * JSON string (made when first asked for). */
typedef struct
{
  gint64   t;
  char    *text;
  GString *json;      /* kept for the next instant of the slot */
  gboolean has_json;
} InstantCache;

/* Instants kept per column, by their quarter of an hour: the occurrences
 * come by start, and the ends of one day's meetings recur. */
#define N_INSTANTS 16

/* An occurrence's uid (its meeting row's) as a JSON string, kept for the
 * row's next occurrences. */
typedef struct
{
  gint64  meeting_id;
  char   *uid;        /* the uid, its NUL, then its JSON string */
  char   *json;       /* in uid's block */
  gsize   json_len;
} UidCache;

#define N_UIDS (1 << 15)

/* The text output's times of the last start and end met, kept between
 * occurrences: they come by start. */
typedef struct
{
  gint64          start_t;
  GDateTime      *start;          /* in the home zone */
  char           *when;
  gint64          end_t;
  GDateTime      *end;
  gboolean        until_same_day;
  char           *until;
  /* The same without GDateTime (civil times of the home zone's offsets),
   * for instants well inside years of four digits. */
  gboolean        has_start_civil;
  gint64          start_civil_t;
  ResfriCivilTime start_civil;
  char           *when_civil;
  gboolean        has_end_civil;
  gint64          end_civil_t;
  ResfriCivilTime end_civil;
  gboolean        until_civil_same_day;
  char           *until_civil;
} TextTimes;

/* The text an occurrence's meeting gives it (spec/cli.md), from its
 * summary on, kept for the meeting's next occurrences; a meeting's first
 * occurrence marks its slot, its second fills it, so that a single
 * event costs no copy (in turns, its first fills it: the two parts share
 * the meeting's occurrences). */
typedef struct
{
  gint64   meeting_id;
  gboolean seen;
  char    *text;
  gsize    len;
  gsize    split;      /* the text output's: its two parts (around a line of
                        * the occurrence's own) */
} Fragment;

#define N_FRAGMENTS (1 << 15)

/* The occurrences checked: how many, of each verdict, and the sums of
 * their figures for the text's summary. */
typedef struct
{
  guint            count;
  guint            verdicts[RESFRI_VERDICT_NON_COMPLIANT + 1];
  double           travel_km;
  double           avoided_km;
  double           travel_co2_kg;
  double           avoided_co2_kg;
} CheckTotals;

typedef struct
{
  ResfriCliFormat  format;
  Fragment        *fragments;     /* N_FRAGMENTS, by meeting id modulo */
  ResfriNames     *names;
  InstantCache     instants[2][N_INSTANTS];   /* start, end */
  UidCache        *uids;          /* N_UIDS, by meeting id modulo */
  TextTimes        text_times;
  GHashTable      *figures[2];    /* Figures → text: travel, travel avoided */
  GTimeZone       *zone;
  GString         *out;
  CheckTotals      totals;
  gboolean         write_failed;
  /* A check in turns on two threads (cli-check.c): each part's output
   * is written at the end of each of its turns, once the turns before are
   * (or sooner, when they are); its totals since then are added to the
   * shared ones then, the figures of those occurrences (four each) in
   * order. */
  struct _CheckTurns *turns;     /* shared by both parts, or NULL */
  guint            turn;          /* the turn under way: 0, 2, 4… or 1, 3, 5… */
  GArray          *turn_figures;  /* double: travel, avoided, their CO2 */
} Check;

/* @n bytes after @out's end, without g_string_append_len()'s checks
 * (GLib 2.74 has no inline one). */
static inline void
append_bytes (GString    *out,
              const char *bytes,
              gsize       n)
{
  if (G_UNLIKELY (out->len + n >= out->allocated_len))
    {
      g_string_append_len (out, bytes, n);
      return;
    }
  memcpy (out->str + out->len, bytes, n);
  out->len += n;
  out->str[out->len] = '\0';
}

/* A string literal's bytes. */
#define append_literal(out, literal) append_bytes ((out), "" literal, sizeof (literal) - 1)
/* A string's bytes, without its NUL. */
#define append_string(out, string) append_bytes ((out), (string), strlen (string))

/* 1000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
#define FOUR_DIGITS_FIRST G_GINT64_CONSTANT (-30610224000)
#define FOUR_DIGITS_END   G_GINT64_CONSTANT (253402300800)

/* @message, translated, looked up once: the text output asks for the same
 * few messages for every occurrence. */
#define ONCE(message) \
  (__extension__ ({ \
    static const char *once_; \
    const char *text_ = g_atomic_pointer_get (&once_); \
    if (G_UNLIKELY (text_ == NULL)) \
      g_atomic_pointer_set (&once_, (text_ = (message))); \
    text_; \
  }))

/* The slot of @o's meeting, or NULL: an occurrence with an exemption
 * has its own verdict. */
Fragment *_resfri_cli_check_fragment_slot (Check                          *check,
                                           const ResfriResolvedOccurrence *o);

/* @o's meeting's text, the output's bytes from @at on but those from
 * @own to @own_end (an occurrence's own line, when @own is not 0), kept if
 * this is its second occurrence (in turns, its first), else its slot
 * marked for it. */
void      _resfri_cli_check_keep_fragment (Check                          *check,
                                           Fragment                       *slot,
                                           const ResfriResolvedOccurrence *o,
                                           gsize                           at,
                                           gsize                           own,
                                           gsize                           own_end);

/* @o as the text output's lines (spec/cli.md). */
void      _resfri_cli_check_append_text   (Check                          *check,
                                           const ResfriResolvedOccurrence *o);

/* The text output's closing lines: the count of each verdict, the totals. */
void      _resfri_cli_check_append_summary (Check                         *check);

G_END_DECLS
