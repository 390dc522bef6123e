/* cli-check.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * check: the policy verdict of every occurrence (spec/policy.md), as text,
 * JSON or CSV (spec/cli.md); exempt: record an exemption.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include "resfri-cli.h"
#include "resfri-json-stream.h"

/* The fields of `check --format csv`, in the order of spec/cli.md. */
static const char * const csv_columns[] = {
  "uid", "recurrence_id", "start", "end", "summary", "organizer", "unit", "mode",
  "venue_site", "verdict", "exemption", "travel_km", "co2_kg", "cost_sek", "hours",
  "avoided_km", "avoided_co2_kg", "missing_equipment",
};

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
 * event costs no copy. */
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
  guint            count;
  guint            verdicts[RESFRI_VERDICT_NON_COMPLIANT + 1];
  double           travel_km;
  double           avoided_km;
  double           travel_co2_kg;
  double           avoided_co2_kg;
  gboolean         write_failed;
} Check;

static void
check_clear (Check *check)
{
  for (guint i = 0; i < G_N_ELEMENTS (check->instants); i++)
    for (guint j = 0; j < N_INSTANTS; j++)
      {
        g_free (check->instants[i][j].text);
        if (check->instants[i][j].json != NULL)
          g_string_free (check->instants[i][j].json, TRUE);
      }
  if (check->uids != NULL)
    for (guint i = 0; i < N_UIDS; i++)
      g_free (check->uids[i].uid);
  g_clear_pointer (&check->uids, g_free);
  g_clear_pointer (&check->text_times.start, g_date_time_unref);
  g_free (check->text_times.when);
  g_clear_pointer (&check->text_times.end, g_date_time_unref);
  g_free (check->text_times.until);
  g_free (check->text_times.when_civil);
  g_free (check->text_times.until_civil);
  for (guint i = 0; i < G_N_ELEMENTS (check->figures); i++)
    g_clear_pointer (&check->figures[i], g_hash_table_unref);
  if (check->fragments != NULL)
    for (guint i = 0; i < N_FRAGMENTS; i++)
      g_free (check->fragments[i].text);
  g_clear_pointer (&check->fragments, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Check, check_clear)

static double
round_to (double value,
          double scale)
{
  return round (value * scale) / scale;
}

static void
flush_output (Check *check)
{
  if (check->out->len > 0 &&
      fwrite (check->out->str, 1, check->out->len, stdout) != check->out->len)
    check->write_failed = TRUE;
  g_string_truncate (check->out, 0);
}

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

/* A number of the JSON output, rounded to 1 / @scale as spec/cli.md says. */
static void
append_number (GString    *out,
               const char *member,
               double      value,
               double      scale)
{
  append_string (out, member);
  resfri_json_append_double (out, round_to (value, scale) + 0.0);
}

/* 1000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
#define FOUR_DIGITS_FIRST G_GINT64_CONSTANT (-30610224000)
#define FOUR_DIGITS_END   G_GINT64_CONSTANT (253402300800)

/* resfri_cli_format_instant() of @t: for a year of four digits, without
 * a GDateTime. */
static char *
format_utc_instant (gint64 t)
{
  ResfriCivilTime c;

  if (t < FOUR_DIGITS_FIRST || t >= FOUR_DIGITS_END)
    return resfri_cli_format_instant (t);

  resfri_civil_time_from_unix (t, &c);
  return resfri_cli_format_date_time (c.year, c.month, c.day, c.seconds / 3600, c.seconds / 60 % 60,
                        c.seconds % 60, 'T');
}

/* format_utc_instant() of @t in column @which, kept: the occurrences
 * come by start, and many share one. */
static InstantCache *
instant_cache (Check  *check,
               guint   which,
               gint64  t)
{
  InstantCache *cache = &check->instants[which][(guint64) (t / 900) % N_INSTANTS];

  if (cache->text == NULL || cache->t != t)
    {
      g_free (cache->text);
      cache->has_json = FALSE;
      cache->text = format_utc_instant (t);
      cache->t = t;
    }

  return cache;
}

static const char *
format_instant (Check  *check,
                guint   which,
                gint64  t)
{
  return instant_cache (check, which, t)->text;
}

/* format_instant() as a JSON string, appended to the output. */
static void
append_instant_json (Check  *check,
                     guint   which,
                     gint64  t)
{
  InstantCache *cache = instant_cache (check, which, t);

  if (!cache->has_json)
    {
      if (cache->json == NULL)
        cache->json = g_string_sized_new (32);
      g_string_truncate (cache->json, 0);
      resfri_json_append_string (cache->json, cache->text);
      cache->has_json = TRUE;
    }
  append_bytes (check->out, cache->json->str, cache->json->len);
}

/* @o's uid as a JSON string, appended to the output; that of its meeting
 * row's last occurrence kept. */
static void
append_uid_json (Check                          *check,
                 const ResfriResolvedOccurrence *o)
{
  UidCache *cache;
  gsize uid_len;
  gsize at;

  if (o->uid == NULL)
    {
      resfri_json_append_string (check->out, NULL);
      return;
    }
  if (check->uids == NULL)
    check->uids = g_new0 (UidCache, N_UIDS);
  cache = &check->uids[(guint64) o->meeting_id % N_UIDS];
  if (cache->uid != NULL && cache->meeting_id == o->meeting_id && strcmp (cache->uid, o->uid) == 0)
    {
      append_bytes (check->out, cache->json, cache->json_len);
      return;
    }
  at = check->out->len;
  resfri_json_append_string (check->out, o->uid);
  uid_len = strlen (o->uid) + 1;
  g_free (cache->uid);
  cache->meeting_id = o->meeting_id;
  cache->json_len = check->out->len - at;
  cache->uid = g_malloc (uid_len + cache->json_len);
  memcpy (cache->uid, o->uid, uid_len);
  cache->json = cache->uid + uid_len;
  memcpy (cache->json, check->out->str + at, cache->json_len);
}

static const char *
equipment_type (guint i)
{
  return i == 0 ? "headset" : "camera";
}

static gboolean
lacks (const ResfriResolvedAttendee *a,
       guint                         i)
{
  return i == 0 ? !a->has_headset : !a->has_camera;
}

/* The slot of @o's meeting, or NULL: an occurrence with an exemption
 * has its own verdict. */
static Fragment *
fragment_slot (Check                          *check,
               const ResfriResolvedOccurrence *o)
{
  if (o->exemption != NULL)
    return NULL;
  if (check->fragments == NULL)
    check->fragments = g_new0 (Fragment, N_FRAGMENTS);
  return &check->fragments[(guint64) o->meeting_id % N_FRAGMENTS];
}

/* Appends the text kept for @o's meeting, if any. */
static gboolean
append_fragment (Check                          *check,
                 Fragment                       *slot,
                 const ResfriResolvedOccurrence *o)
{
  if (slot == NULL || slot->text == NULL || slot->meeting_id != o->meeting_id)
    return FALSE;
  append_bytes (check->out, slot->text, slot->len);
  return TRUE;
}

/* @o's meeting's text, the output's bytes from @at on but those from
 * @own to @own_end (an occurrence's own line, when @own is not 0), kept if
 * this is its second occurrence, else its slot marked for it. */
static void
keep_fragment (Check                          *check,
               Fragment                       *slot,
               const ResfriResolvedOccurrence *o,
               gsize                           at,
               gsize                           own,
               gsize                           own_end)
{
  const char *str = check->out->str;

  if (slot == NULL)
    return;
  if (slot->seen && slot->meeting_id == o->meeting_id)
    {
      if (own == 0)
        own = own_end = check->out->len;
      slot->split = own - at;
      slot->len = slot->split + check->out->len - own_end;
      slot->text = g_malloc (slot->len);
      memcpy (slot->text, str + at, slot->split);
      memcpy (slot->text + slot->split, str + own_end, check->out->len - own_end);
      return;
    }
  g_clear_pointer (&slot->text, g_free);
  slot->meeting_id = o->meeting_id;
  slot->seen = TRUE;
}

/* One occurrence as the JSON object of spec/cli.md, written as it comes
 * (resfri-json-stream.h: byte for byte what json-glib's generator wrote). */
static void
append_json (Check                          *check,
             const ResfriResolvedOccurrence *o)
{
  GString *out = check->out;
  Fragment *slot = fragment_slot (check, o);
  gboolean first = TRUE;
  gsize at;

  if (check->count == 1)
    append_literal (out, "[\n{\"uid\":");
  else
    append_literal (out, ",\n{\"uid\":");
  append_uid_json (check, o);
  append_literal (out, ",\"recurrence_id\":");
  resfri_json_append_string (out, (o->recurrence_id && *o->recurrence_id) ? o->recurrence_id : NULL);
  append_literal (out, ",\"start\":");
  append_instant_json (check, 0, o->start);
  append_literal (out, ",\"end\":");
  append_instant_json (check, 1, o->end);
  if (append_fragment (check, slot, o))
    return;
  at = out->len;
  append_literal (out, ",\"summary\":");
  resfri_json_append_string (out, o->summary);
  append_literal (out, ",\"organizer\":");
  resfri_json_append_string (out, o->organizer);
  append_literal (out, ",\"unit\":");
  resfri_json_append_string (out, resfri_names_get_unit_path (check->names, o->organizer_unit_id));
  append_literal (out, ",\"mode\":");
  resfri_json_append_string (out, resfri_mode_to_string (o->mode));
  append_literal (out, ",\"venue_site\":");
  resfri_json_append_string (out, resfri_names_get_site_code (check->names, o->venue_site_id));
  append_literal (out, ",\"verdict\":");
  resfri_json_append_string (out, resfri_verdict_to_string (o->verdict));
  append_literal (out, ",\"exemption\":");
  resfri_json_append_string (out, o->exemption);
  append_number (out, ",\"travel_km\":", o->travel_km, 10);
  append_number (out, ",\"co2_kg\":", o->travel_co2_kg, 100);
  append_number (out, ",\"cost_sek\":", o->travel_cost_sek, 100);
  append_number (out, ",\"hours\":", o->travel_hours, 100);
  append_number (out, ",\"avoided_km\":", o->avoided_km, 10);
  append_number (out, ",\"avoided_co2_kg\":", o->avoided_co2_kg, 100);
  append_literal (out, ",\"missing_equipment\":[");
  if (o->verdict == RESFRI_VERDICT_NON_COMPLIANT)
    for (guint i = 0; i < o->n_attendees; i++)
      for (guint t = 0; t < 2; t++)
        if (lacks (&o->attendees[i], t))
          {
            if (first)
              append_literal (out, "{\"person\":");
            else
              append_literal (out, ",{\"person\":");
            resfri_json_append_string (out, o->attendees[i].email);
            append_literal (out, ",\"type\":");
            resfri_json_append_string (out, equipment_type (t));
            append_literal (out, "}");
            first = FALSE;
          }
  append_literal (out, "]}");
  keep_fragment (check, slot, o, at, 0, 0);
}

static char *
format_number (double value,
               int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, decimals == 1 ? "%.1f" : "%.2f",
                                    round_to (value, decimals == 1 ? 10 : 100) + 0.0));
}

static void
append_csv (Check                          *check,
            const ResfriResolvedOccurrence *o)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  const char *start = format_instant (check, 0, o->start);
  const char *end = format_instant (check, 1, o->end);
  g_autofree char *travel = format_number (o->travel_km, 1);
  g_autofree char *co2 = format_number (o->travel_co2_kg, 2);
  g_autofree char *cost = format_number (o->travel_cost_sek, 2);
  g_autofree char *hours = format_number (o->travel_hours, 2);
  g_autofree char *avoided = format_number (o->avoided_km, 1);
  g_autofree char *avoided_co2 = format_number (o->avoided_co2_kg, 2);
  const char *unit = resfri_names_get_unit_path (check->names, o->organizer_unit_id);
  const char *site = resfri_names_get_site_code (check->names, o->venue_site_id);
  const char *values[G_N_ELEMENTS (csv_columns)];

  if (o->verdict == RESFRI_VERDICT_NON_COMPLIANT)
    for (guint i = 0; i < o->n_attendees; i++)
      for (guint t = 0; t < 2; t++)
        if (lacks (&o->attendees[i], t))
          g_string_append_printf (missing, "%s%s:%s", missing->len ? ";" : "",
                                  o->attendees[i].email, equipment_type (t));

  values[0] = o->uid;
  values[1] = o->recurrence_id ? o->recurrence_id : "";
  values[2] = start;
  values[3] = end;
  values[4] = o->summary ? o->summary : "";
  values[5] = o->organizer ? o->organizer : "";
  values[6] = unit ? unit : "";
  values[7] = resfri_mode_to_string (o->mode);
  values[8] = site ? site : "";
  values[9] = resfri_verdict_to_string (o->verdict);
  values[10] = o->exemption ? o->exemption : "";
  values[11] = travel;
  values[12] = co2;
  values[13] = cost;
  values[14] = hours;
  values[15] = avoided;
  values[16] = avoided_co2;
  values[17] = missing->str;

  resfri_csv_append_record (check->out, values, G_N_ELEMENTS (values));
}

/* @message, translated, looked up once: the text output asks for the same
 * few messages for every occurrence. */
#define ONCE(message) \
  (__extension__ ({ \
    static const char *once_; \
    if (G_UNLIKELY (once_ == NULL)) \
      once_ = (message); \
    once_; \
  }))

static const char *
verdict_label (ResfriVerdict verdict)
{
  static const char *labels[RESFRI_VERDICT_NON_COMPLIANT + 1];

  if ((guint) verdict > RESFRI_VERDICT_NON_COMPLIANT)
    return resfri_verdict_get_label (verdict);
  if (labels[verdict] == NULL)
    labels[verdict] = resfri_verdict_get_label (verdict);
  return labels[verdict];
}

static const char *
mode_label (ResfriMode mode)
{
  switch (mode)
    {
    case RESFRI_MODE_ONLINE:
      return ONCE (_("web meeting"));
    case RESFRI_MODE_HYBRID:
      return ONCE (_("hybrid meeting"));
    case RESFRI_MODE_IN_PERSON:
      return ONCE (_("in person"));
    case RESFRI_MODE_UNKNOWN:
    default:
      return ONCE (_("no venue and no meeting link"));
    }
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* g_date_time_format() of @dt with "%Y-%m-%d %H:%M" (@with_date) or
 * "%H:%M". */
static char *
format_local (GDateTime *dt,
              gboolean   with_date)
{
  int year;
  int month;
  int day;

  g_date_time_get_ymd (dt, &year, &month, &day);
  if (!with_date)
    return g_date_time_format (dt, "%H:%M");
  if (year < 1000 || year > 9999)
    return g_date_time_format (dt, "%Y-%m-%d %H:%M");
  return resfri_cli_format_date_time (year, month, day, g_date_time_get_hour (dt),
                        g_date_time_get_minute (dt), 0, ' ');
}

/* @t's civil time in the home zone as GDateTime gives it (the offset of
 * its interval added), a week or more inside years of four digits. */
static gboolean
local_civil (Check           *check,
             gint64           t,
             ResfriCivilTime *civil)
{
  gint interval;

  if (t < FOUR_DIGITS_FIRST + 7 * 86400 || t >= FOUR_DIGITS_END - 7 * 86400)
    return FALSE;
  interval = g_time_zone_find_interval (check->zone, G_TIME_TYPE_UNIVERSAL, t);
  resfri_civil_time_from_unix (t + g_time_zone_get_offset (check->zone, interval), civil);

  return TRUE;
}

/* text_times() without GDateTime, or FALSE where an instant is not
 * local_civil()'s. */
static gboolean
text_times_civil (Check                           *check,
                  const ResfriResolvedOccurrence  *o,
                  const char                     **when,
                  const char                     **until)
{
  TextTimes *times = &check->text_times;
  const ResfriCivilTime *start = &times->start_civil;
  const ResfriCivilTime *end = &times->end_civil;
  gboolean same;

  if (!times->has_start_civil || times->start_civil_t != o->start)
    {
      times->has_start_civil = FALSE;
      g_clear_pointer (&times->when_civil, g_free);
      g_clear_pointer (&times->until_civil, g_free);
      if (!local_civil (check, o->start, &times->start_civil))
        return FALSE;
      times->has_start_civil = TRUE;
      times->start_civil_t = o->start;
      times->when_civil = resfri_cli_format_date_time (start->year, start->month, start->day,
                                         start->seconds / 3600, start->seconds / 60 % 60, 0, ' ');
    }
  if (!times->has_end_civil || times->end_civil_t != o->end)
    {
      times->has_end_civil = FALSE;
      g_clear_pointer (&times->until_civil, g_free);
      if (!local_civil (check, o->end, &times->end_civil))
        return FALSE;
      times->has_end_civil = TRUE;
      times->end_civil_t = o->end;
    }
  same = start->year == end->year && start->month == end->month && start->day == end->day;
  if (times->until_civil == NULL || times->until_civil_same_day != same)
    {
      g_free (times->until_civil);
      times->until_civil = resfri_cli_format_date_time (end->year, end->month, end->day,
                                          end->seconds / 3600, end->seconds / 60 % 60, 0, ' ');
      if (same)
        memmove (times->until_civil, times->until_civil + 11, 6);   /* "HH:MM" */
      times->until_civil_same_day = same;
    }
  *when = times->when_civil;
  *until = times->until_civil;

  return TRUE;
}

/* The local times of @o's start and end as the text output writes them
 * ("2026-01-02 08:00", then "10:00" on the same day), or FALSE when either
 * is out of GDateTime's range. */
static gboolean
text_times (Check                           *check,
            const ResfriResolvedOccurrence  *o,
            const char                     **when,
            const char                     **until)
{
  TextTimes *times = &check->text_times;
  gboolean same;

  if (text_times_civil (check, o, when, until))
    return TRUE;

  if (times->start == NULL || times->start_t != o->start)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (o->start);

      g_clear_pointer (&times->start, g_date_time_unref);
      g_clear_pointer (&times->when, g_free);
      g_clear_pointer (&times->until, g_free);
      if (utc == NULL)
        return FALSE;
      times->start_t = o->start;
      times->start = g_date_time_to_timezone (utc, check->zone);
      times->when = format_local (times->start, TRUE);
    }
  if (times->end == NULL || times->end_t != o->end)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (o->end);

      g_clear_pointer (&times->end, g_date_time_unref);
      g_clear_pointer (&times->until, g_free);
      if (utc == NULL)
        return FALSE;
      times->end_t = o->end;
      times->end = g_date_time_to_timezone (utc, check->zone);
    }
  same = same_day (times->start, times->end);
  if (times->until == NULL || times->until_same_day != same)
    {
      g_free (times->until);
      times->until = format_local (times->end, !same);
      times->until_same_day = same;
    }
  *when = times->when;
  *until = times->until;

  return TRUE;
}

/* The four figures of a travel line, the key of its text. */
typedef struct
{
  double values[4];
} Figures;

/* The key's bytes (g_str_hash() would stop at a zero byte). */
static guint
figures_hash (gconstpointer key)
{
  const guchar *p = key;
  guint hash = 5381;

  for (gsize i = 0; i < sizeof (Figures); i++)
    hash = hash * 33 + p[i];
  return hash;
}

static gboolean
figures_equal (gconstpointer a,
               gconstpointer b)
{
  return memcmp (a, b, sizeof (Figures)) == 0;
}

/* @format (four numbers) with these figures: each text made once, since
 * the occurrences of one meeting share their figures. */
static void
append_figures (Check      *check,
                guint       which,
                const char *format,
                double      km,
                double      co2_kg,
                double      cost_sek,
                double      hours)
{
  Figures key = { { km, co2_kg, cost_sek, hours } };
  const char *text;

  if (check->figures[which] == NULL)
    check->figures[which] = g_hash_table_new_full (figures_hash, figures_equal, g_free, g_free);
  if ((text = g_hash_table_lookup (check->figures[which], &key)) == NULL)
    {
      char *made = g_strdup_printf (format, km, co2_kg, cost_sek, hours);

      g_hash_table_insert (check->figures[which], g_memdup2 (&key, sizeof key), made);
      text = made;
    }
  g_string_append (check->out, text);
}

/* A format of "%u" then three "%s" (and no other conversion) cut into
 * the five texts around them, or nothing: it is then printf's. */
typedef struct
{
  gboolean    parsed;
  gboolean    plain;
  char       *texts[5];
  gsize       lengths[5];
} OwnLine;

static void
own_line_parse (OwnLine    *line,
                const char *format)
{
  static const char conversions[] = "usss";
  const char *text = format;
  guint n = 0;

  line->parsed = TRUE;
  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p != '%')
        continue;
      if (n == 4 || p[1] != conversions[n])
        return;
      line->texts[n] = g_strndup (text, p - text);
      line->lengths[n] = p - text;
      n++;
      text = ++p + 1;
    }
  if (n != 4)
    return;
  line->texts[4] = g_strdup (text);
  line->lengths[4] = strlen (text);
  line->plain = TRUE;
}

/* The line of @o's own: its attendees' count (its meeting's) and its uid;
 * without printf where its (translated) format allows. */
static void
append_own_line (GString                        *out,
                 const ResfriResolvedOccurrence *o)
{
  static OwnLine line;
  const char *format = ONCE (_("  Internal attendees: %u, UID %s%s%s\n"));
  const char *rid = o->recurrence_id ? o->recurrence_id : "";
  char digits[16];
  char *p = digits + sizeof digits;
  guint n = o->n_attendees;

  if (!line.parsed)
    own_line_parse (&line, format);
  if (!line.plain || o->uid == NULL)
    {
      g_string_append_printf (out, format, o->n_attendees, o->uid,
                              o->recurrence_id && *o->recurrence_id ? " " : "", rid);
      return;
    }
  do
    *--p = '0' + n % 10;
  while ((n /= 10) != 0);
  append_bytes (out, line.texts[0], line.lengths[0]);
  append_bytes (out, p, digits + sizeof digits - p);
  append_bytes (out, line.texts[1], line.lengths[1]);
  append_string (out, o->uid);
  append_bytes (out, line.texts[2], line.lengths[2]);
  if (*rid != '\0')
    append_literal (out, " ");
  append_bytes (out, line.texts[3], line.lengths[3]);
  append_string (out, rid);
  append_bytes (out, line.texts[4], line.lengths[4]);
}

static void
append_text (Check                          *check,
             const ResfriResolvedOccurrence *o)
{
  const char *unit = resfri_names_get_unit_path (check->names, o->organizer_unit_id);
  const char *site = resfri_names_get_site_name (check->names, o->venue_site_id);
  const char *room = resfri_names_get_room_name (check->names, o->venue_room_id);
  GString *out = check->out;
  Fragment *slot = fragment_slot (check, o);
  gboolean first = TRUE;
  const char *summary;
  const char *when;
  const char *until;
  gsize at;
  gsize own;
  gsize own_end;

  if (!text_times (check, o, &when, &until))
    return;

  append_string (out, when);
  append_literal (out, "–");
  append_string (out, until);
  append_literal (out, "  ");
  if (slot != NULL && slot->text != NULL && slot->meeting_id == o->meeting_id)
    {
      append_bytes (out, slot->text, slot->split);
      append_own_line (out, o);
      append_bytes (out, slot->text + slot->split, slot->len - slot->split);
      return;
    }
  at = out->len;
  summary = o->summary && *o->summary ? o->summary : ONCE (_("(no title)"));
  append_string (out, summary);
  append_literal (out, "\n");

  /* "  %s · %s[ · %s, %s | · %s]" without printf. */
  append_literal (out, "  ");
  append_string (out, verdict_label (o->verdict));
  append_literal (out, " · ");
  append_string (out, mode_label (o->mode));
  if (room != NULL || site != NULL)
    append_literal (out, " · ");
  if (room != NULL)
    {
      append_string (out, room);
      append_literal (out, ", ");
    }
  if (site != NULL)
    append_string (out, site);
  if (o->exemption != NULL)
    {
      g_string_append (out, " · ");
      /* TRANSLATORS: %s is an exemption reason id such as "confidential" */
      g_string_append_printf (out, ONCE (_("exemption: %s")), o->exemption);
    }
  g_string_append_c (out, '\n');

  if (o->organizer != NULL)
    {
      if (unit != NULL)
        /* TRANSLATORS: the organiser's email, then their unit */
        g_string_append_printf (out, ONCE (_("  Organiser: %s (%s)\n")), o->organizer, unit);
      else
        g_string_append_printf (out, ONCE (_("  Organiser: %s (external)\n")), o->organizer);
    }
  own = out->len;
  append_own_line (out, o);
  own_end = out->len;

  if (o->travel_km > 0)
    /* TRANSLATORS: travel km, kg of CO2, cost in kronor, hours */
    append_figures (check, 0, ONCE (_("  Travel: %.1f km, %.1f kg CO2, %.0f kr, %.1f h\n")),
                    o->travel_km, o->travel_co2_kg, o->travel_cost_sek, o->travel_hours);
  if (o->avoided_km > 0)
    append_figures (check, 1, ONCE (_("  Travel avoided: %.1f km, %.1f kg CO2, %.0f kr, %.1f h\n")),
                    o->avoided_km, o->avoided_co2_kg, o->avoided_cost_sek, o->avoided_hours);

  if (o->verdict == RESFRI_VERDICT_NON_COMPLIANT)
    for (guint i = 0; i < o->n_attendees; i++)
      {
        const ResfriResolvedAttendee *a = &o->attendees[i];
        const char *what;

        if (a->has_headset && a->has_camera)
          continue;
        if (!a->has_headset && !a->has_camera)
          what = ONCE (_("headset and camera"));
        else if (!a->has_headset)
          what = ONCE (_("headset"));
        else
          what = ONCE (_("camera"));
        if (first)
          g_string_append (out, ONCE (_("  Would lack equipment online:")));
        /* "%s %s (%s)" without printf. */
        if (!first)
          append_literal (out, ",");
        append_literal (out, " ");
        append_string (out, a->email);
        append_literal (out, " (");
        append_string (out, what);
        append_literal (out, ")");
        first = FALSE;
      }
  if (!first)
    g_string_append_c (out, '\n');
  g_string_append_c (out, '\n');
  keep_fragment (check, slot, o, at, own, own_end);
}

static gboolean
check_cb (const ResfriResolvedOccurrence *o,
          gpointer                        user_data)
{
  Check *check = user_data;

  check->count++;
  check->verdicts[o->verdict]++;
  check->travel_km += o->travel_km;
  check->avoided_km += o->avoided_km;
  check->travel_co2_kg += o->travel_co2_kg;
  check->avoided_co2_kg += o->avoided_co2_kg;

  switch (check->format)
    {
    case RESFRI_CLI_FORMAT_JSON:
      append_json (check, o);
      break;
    case RESFRI_CLI_FORMAT_CSV:
      append_csv (check, o);
      break;
    case RESFRI_CLI_FORMAT_TEXT:
    default:
      append_text (check, o);
      break;
    }

  if (check->out->len > 1 << 20)
    flush_output (check);

  return !check->write_failed;
}

static void
append_summary (Check *check)
{
  static const ResfriVerdict order[] = {
    RESFRI_VERDICT_TRAVEL_FREE, RESFRI_VERDICT_LOCAL, RESFRI_VERDICT_EXEMPT,
    RESFRI_VERDICT_NON_COMPLIANT, RESFRI_VERDICT_UNKNOWN,
  };
  GString *out = check->out;
  glong width = 0;

  if (check->count == 0)
    {
      g_string_append_printf (out, "%s\n", _("No occurrences."));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    width = MAX (width, g_utf8_strlen (resfri_verdict_get_label (order[i]), -1));

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *label = resfri_verdict_get_label (order[i]);

      g_string_append_printf (out, "%s:", label);
      for (glong n = g_utf8_strlen (label, -1); n < width + 1; n++)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%7u\n", check->verdicts[order[i]]);
    }
  g_string_append_printf (out, ngettext ("%u occurrence", "%u occurrences", check->count),
                          check->count);
  g_string_append (out, ": ");
  /* TRANSLATORS: totals of every occurrence checked */
  g_string_append_printf (out, _("travel %.1f km (%.1f kg CO2), travel avoided %.1f km (%.1f kg CO2)\n"),
                          check->travel_km, check->travel_co2_kg, check->avoided_km,
                          check->avoided_co2_kg);
}

static int
run_check (ResfriCli  *cli,
           int         argc,
           char      **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("First day (YYYY-MM-DD) or instant (RFC 3339)"), N_("D") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("End day, not included, or instant"), N_("D") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text, json or csv"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriNames) names = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GString) out = NULL;
  g_auto(Check) check = { 0, };
  gint64 from = 0;
  gint64 to = 0;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(check.format = resfri_cli_parse_format (cli, format_name,
                                                RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON |
                                                RESFRI_CLI_FORMAT_CSV,
                                                RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;

  if (from_text != NULL || to_text != NULL)
    {
      from = G_MININT64;
      to = G_MAXINT64;
      if ((from_text != NULL && !resfri_ical_parse_date_arg (from_text, &from, &error)) ||
          (to_text != NULL && !resfri_ical_parse_date_arg (to_text, &to, &error)))
        return resfri_cli_usage_error (cli, "%s", error->message);
      if (to <= from)
        return resfri_cli_usage_error (cli, _("--to must be later than --from"));
    }

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!(names = resfri_names_load (store, &error)))
    return resfri_cli_fail (cli, error);

  zone = g_time_zone_new_identifier (RESFRI_ICAL_HOME_ZONE);
  if (zone == NULL)
    zone = g_time_zone_new_local ();
  out = g_string_sized_new (1 << 20);
  check.names = names;
  check.zone = zone;
  check.out = out;

  if (check.format == RESFRI_CLI_FORMAT_CSV)
    resfri_csv_append_record (out, csv_columns, G_N_ELEMENTS (csv_columns));

  if (!resfri_policy_check_occurrences (store, NULL, from, to, check_cb, &check, NULL, &error))
    return resfri_cli_fail (cli, error);

  if (check.format == RESFRI_CLI_FORMAT_JSON)
    g_string_append (out, check.count == 0 ? "[]\n" : "\n]\n");
  else if (check.format == RESFRI_CLI_FORMAT_TEXT)
    append_summary (&check);

  flush_output (&check);
  if (check.write_failed || fflush (stdout) != 0)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the output"));
      return resfri_cli_fail (cli, error);
    }

  return RESFRI_CLI_EXIT_OK;
}

static int
run_exempt (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  g_autofree char *recurrence_id = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "recurrence-id", 0, 0, G_OPTION_ARG_STRING, &recurrence_id,
      N_("Only this occurrence (as `expand` prints it)"), N_("R") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Free text (required for “other”)"),
      N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *reasons = NULL;
  const char *reason;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 3)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[3]);
  if (argc < 3)
    return resfri_cli_usage_error (cli, _("give a UID and a reason"));

  reason = argv[2];
  reasons = g_strjoinv (", ", (char **) resfri_exemption_get_reasons ());
  /* A reason outside the list, or "other" without its note, is wrong usage
   * (status 2), like a bad option value. */
  if (!resfri_exemption_is_reason (reason))
    return resfri_cli_usage_error (cli, _("unknown reason “%s” (one of: %s)"), reason, reasons);
  if (strcmp (reason, "other") == 0 && (note == NULL || *g_strstrip (note) == '\0'))
    return resfri_cli_usage_error (cli, _("the reason “other” needs --note"));

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!resfri_store_set_exemption (store, argv[1], recurrence_id, reason, note, &error))
    return resfri_cli_fail (cli, error);

  if (recurrence_id != NULL && *recurrence_id != '\0')
    /* TRANSLATORS: UID, RECURRENCE-ID, reason id */
    printf (_("Exemption recorded for %s, occurrence %s: %s — %s.\n"), argv[1], recurrence_id,
            reason, resfri_exemption_describe_reason (reason));
  else
    /* TRANSLATORS: UID, reason id, what the reason means */
    printf (_("Exemption recorded for every occurrence of %s: %s — %s.\n"), argv[1], reason,
            resfri_exemption_describe_reason (reason));

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_check_commands[] = {
  { "check", NULL, "[--from D] [--to D] [--format text|json|csv]",
    N_("Policy verdict of every occurrence"), run_check },
  { "exempt", NULL, "UID [--recurrence-id R] REASON [--note TEXT]",
    N_("Record an exemption from the travel policy"), run_exempt },
  { NULL }
};
