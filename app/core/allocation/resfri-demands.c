/* resfri-demands.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demands of spec/allocation.md from one pass over the resolved
 * occurrences of a horizon: each remote attendee's missing headset or
 * camera and each hybrid room's missing video-conference kit, merged per
 * person and grouped by pool; and the supply that meets them, the loan
 * items of every pool.
 *
 * On four processors or more, a long horizon is collected in parts: its
 * later parts by worker threads with connections of their own, the
 * occurrences that start in each (each occurrence is resolved alone, so
 * the parts are independent), then appended to the first in order,
 * people numbered by first appearance and the payback summed in the order
 * of the occurrences: the same collector, to the bit, as one pass makes.
 */

#include "config.h"

#include <string.h>

#include "resfri-allocation-private.h"
#include "resfri-inventory-private.h"
#include "resfri-policy-check.h"
#include "resfri-policy-private.h"
#include "resfri-registers-private.h"

const char * const _resfri_equipment_type_names[N_TYPES] = { "headset", "camera", "vc-kit" };

/* ---- Demands from resolved occurrences ----------------------------------- */

const char *
resfri_scenario_to_string (ResfriScenario scenario)
{
  return scenario == RESFRI_SCENARIO_POLICY ? "policy" : "planned";
}

/* One occurrence's demand of one person (or room) for one type, before the
 * per-person merging. */
typedef struct
{
  gint64 person_id;    /* 0: vc-kit of a room */
  gint64 site_id;
  gint64 start;
  gint64 end;
  guint  occurrence;   /* index into Collector.occurrences */
  guint  person;       /* PersonEntry.index, or G_MAXUINT for a room */
  gint64 unit_id;      /* the person's unit; a vc-kit's: the organiser's, 0 none */
  guint8 type;
  guint8 planned;      /* also in the planned scenario */
} RawDemand;

/* people.id values below this are looked up in an array, others (only in
 * a hand-made database) in a hash table; so are the uids of the meeting
 * rows whose id is below it. */
#define DENSE_PERSON_IDS (1 << 24)

void
_resfri_collector_init (Collector    *c,
                        gint64        buffer,
                        gboolean      planned_only,
                        GStringChunk *strings)
{
  memset (c, 0, sizeof *c);
  c->buffer = buffer;
  c->planned_only = planned_only;
  c->strings = strings;
  c->occurrences = g_array_new (FALSE, FALSE, sizeof (ResfriDemandOccurrence));
  c->raws = g_array_new (FALSE, FALSE, sizeof (RawDemand));
  c->people = g_ptr_array_new_with_free_func (g_free);
  c->people_by_id = g_ptr_array_new ();
  c->people_sparse = g_hash_table_new (g_int64_hash, g_int64_equal);
  c->uid_by_meeting = g_ptr_array_new ();
  c->min_start = G_MININT64;
  c->adopted = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
}

void
_resfri_collector_clear (Collector *c)
{
  g_clear_pointer (&c->occurrences, g_array_unref);
  g_clear_pointer (&c->raws, g_array_unref);
  g_clear_pointer (&c->people, g_ptr_array_unref);
  g_clear_pointer (&c->people_by_id, g_ptr_array_unref);
  g_clear_pointer (&c->people_sparse, g_hash_table_unref);
  g_clear_pointer (&c->uid_by_meeting, g_ptr_array_unref);
  g_clear_pointer (&c->paybacks, g_array_unref);
  g_clear_pointer (&c->adopted, g_ptr_array_unref);
}

static inline PersonEntry *
collector_lookup_person (Collector *c,
                         gint64     id)
{
  if (id > 0 && id < DENSE_PERSON_IDS)
    return (guint64) id < c->people_by_id->len ? g_ptr_array_index (c->people_by_id, id) : NULL;

  return g_hash_table_lookup (c->people_sparse, &id);
}

PersonEntry *
_resfri_collector_lookup_person (Collector *c,
                                 gint64     id)
{
  return collector_lookup_person (c, id);
}

static PersonEntry *
collector_add_person (Collector  *c,
                      gint64      id,
                      const char *email)
{
  PersonEntry *person = g_new0 (PersonEntry, 1);

  person->id = id;
  person->index = c->people->len;
  /* Added once: nothing to share. */
  person->email = g_string_chunk_insert (c->strings, email);
  g_ptr_array_add (c->people, person);

  if (id > 0 && id < DENSE_PERSON_IDS)
    {
      if ((guint64) id >= c->people_by_id->len)
        g_ptr_array_set_size (c->people_by_id, (guint) MAX ((guint64) id + 1, 2 * c->people_by_id->len));
      g_ptr_array_index (c->people_by_id, id) = person;
    }
  else
    g_hash_table_insert (c->people_sparse, &person->id, person);

  return person;
}

/* @o's uid in @c's strings. The occurrences of one meeting row share their
 * uid: it is looked up by the meeting's id and checked, which is cheaper
 * than hashing it (a third of the collection's own instructions). */
static const char *
collector_uid (Collector                      *c,
               const ResfriResolvedOccurrence *o)
{
  gint64 id = o->meeting_id;
  const char *uid;

  if (id <= 0 || id >= DENSE_PERSON_IDS || o->uid == NULL)
    return g_string_chunk_insert_const (c->strings, o->uid);
  if ((guint64) id < c->uid_by_meeting->len)
    {
      uid = g_ptr_array_index (c->uid_by_meeting, id);
      if (uid != NULL && strcmp (uid, o->uid) == 0)
        return uid;
    }
  else
    g_ptr_array_set_size (c->uid_by_meeting, (guint) MAX ((guint64) id + 1, 2 * c->uid_by_meeting->len));
  /* Once per meeting row: the rows of one uid (a series and its
   * overrides) are few, and the chunk's table of constant strings cost
   * more than a copy each. */
  uid = g_string_chunk_insert (c->strings, o->uid);
  g_ptr_array_index (c->uid_by_meeting, id) = (gpointer) uid;

  return uid;
}

/* A demand written at @out: collect_occurrence() makes room for an
 * occurrence's demands at once (an append of each was a fifth of the
 * collection's instructions). */
static inline void
collector_add (RawDemand   *out,
               PersonEntry *person,
               gint64       site_id,
               gint64       start,
               gint64       end,
               guint        occurrence,
               gint64       unit_id,
               guint8       type,
               gboolean     planned)
{
  *out = (RawDemand) { person != NULL ? person->id : 0, site_id, start, end, occurrence,
                       person != NULL ? person->index : G_MAXUINT, unit_id, type,
                       planned ? 1 : 0 };
}

static gboolean
collect_occurrence (const ResfriResolvedOccurrence *o,
                    gpointer                        user_data)
{
  Collector *c = user_data;
  gboolean planned = o->mode == RESFRI_MODE_ONLINE || o->mode == RESFRI_MODE_HYBRID;
  gboolean as_online;
  gint64 start;
  gint64 end;
  gboolean empty;
  guint occurrence;
  ResfriDemandOccurrence occ;
  guint n_raws;
  RawDemand *out;
  guint n = 0;

  if (g_cancellable_is_cancelled (c->cancellable))
    return FALSE;
  if (o->start < c->min_start)
    return TRUE;

  if (!planned)
    {
      if (o->verdict != RESFRI_VERDICT_NON_COMPLIANT || c->planned_only)
        return TRUE;
      /* Held online, its travel is what it would avoid. */
      if (c->paybacks != NULL)
        {
          double payback[3] = { o->travel_km, o->travel_cost_sek, o->travel_co2_kg };

          g_array_append_vals (c->paybacks, payback, 3);
        }
      else
        {
          c->payback_km += o->travel_km;
          c->payback_cost_sek += o->travel_cost_sek;
          c->payback_co2_kg += o->travel_co2_kg;
        }
    }
  as_online = o->mode != RESFRI_MODE_HYBRID;

  occ.uid = collector_uid (c, o);
  /* Each occurrence's own: nothing to share, and a hash table of every
   * one of them was 10 % of the collection's instructions. */
  occ.recurrence_id = g_string_chunk_insert (c->strings, o->recurrence_id);
  occ.start = o->start;
  occ.end = o->end;
  occurrence = c->occurrences->len;
  g_array_append_val (c->occurrences, occ);

  start = o->start - c->buffer;
  end = o->end + c->buffer;
  /* An occurrence without duration (and no buffer) needs nothing. */
  empty = end <= start;
  /* Room for its most demands: two per attendee and a room's kit. */
  n_raws = c->raws->len;
  g_array_set_size (c->raws, n_raws + 2 * o->n_attendees + 1);
  out = &g_array_index (c->raws, RawDemand, n_raws);

  for (guint i = 0; i < o->n_attendees; i++)
    {
      const ResfriResolvedAttendee *a = &o->attendees[i];
      PersonEntry *person;

      if (!as_online && a->home_site_id == o->venue_site_id)
        continue;

      person = collector_lookup_person (c, a->person_id);
      if (person == NULL)
        person = collector_add_person (c, a->person_id, a->email);
      person->remote++;

      if (empty || (a->has_headset && a->has_camera))
        continue;

      if (!a->has_headset)
        collector_add (&out[n++], person, a->home_site_id, start, end, occurrence, a->unit_id,
                       TYPE_HEADSET, planned);
      if (!a->has_camera)
        collector_add (&out[n++], person, a->home_site_id, start, end, occurrence, a->unit_id,
                       TYPE_CAMERA, planned);
    }

  if (o->mode == RESFRI_MODE_HYBRID && o->venue_room_id != 0 && !o->venue_room_vc && !empty)
    collector_add (&out[n++], NULL, o->venue_site_id, start, end, occurrence,
                   o->organizer_unit_id, TYPE_VC_KIT, planned);
  g_array_set_size (c->raws, n_raws + n);

  return TRUE;
}

static int
merged_by_pool (gconstpointer a,
                gconstpointer b)
{
  const Merged *x = a;
  const Merged *y = b;

  if (x->site_id != y->site_id)
    return x->site_id < y->site_id ? -1 : 1;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if (x->person_id != y->person_id)
    return x->person_id < y->person_id ? -1 : 1;
  return (x->first_member > y->first_member) - (x->first_member < y->first_member);
}

/* @merged grouped by pool, pools by site id then type, each group keeping
 * its order (a stable counting sort, the elements moved in place: the
 * policy scenario's demands of the largest demo are 40 MB, and a copy
 * was the peak of the gaps' memory). Returns @merged. */
static GArray *
group_by_pool (GArray *merged)
{
  g_autoptr(GHashTable) ranks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (Merged));
  g_autofree guint *dest = g_new (guint, merged->len + 1);
  g_autofree guint *first = NULL;
  gint64 last_key = G_MININT64;
  guint last_rank = 0;

  /* One representative per pool, sorted by (site, type). A person's
   * demands of one type, one after the other, are mostly of one pool:
   * the last pool is not looked up again. */
  for (guint i = 0; i < merged->len; i++)
    {
      const Merged *m = &g_array_index (merged, Merged, i);
      gint64 key = _resfri_pool_key (m->site_id, m->type);

      if (key != last_key && !g_hash_table_contains (ranks, &key))
        {
          g_hash_table_insert (ranks, g_memdup2 (&key, sizeof key), NULL);
          g_array_append_vals (keys, m, 1);
        }
      last_key = key;
    }
  g_array_sort (keys, merged_by_pool);
  for (guint k = 0; k < keys->len; k++)
    {
      const Merged *m = &g_array_index (keys, Merged, k);
      gint64 key = _resfri_pool_key (m->site_id, m->type);

      g_hash_table_insert (ranks, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (k));
    }

  /* dest[i]: where element i goes. */
  first = g_new0 (guint, keys->len + 1);
  for (guint i = 0; i < merged->len; i++)
    {
      const Merged *m = &g_array_index (merged, Merged, i);
      gint64 key = _resfri_pool_key (m->site_id, m->type);

      if (i == 0 || key != last_key)
        {
          last_rank = GPOINTER_TO_UINT (g_hash_table_lookup (ranks, &key));
          last_key = key;
        }
      dest[i] = last_rank;
      first[dest[i] + 1]++;
    }
  for (guint k = 0; k < keys->len; k++)
    first[k + 1] += first[k];
  for (guint i = 0; i < merged->len; i++)
    dest[i] = first[dest[i]]++;

  /* The permutation applied cycle by cycle. */
  for (guint i = 0; i < merged->len; i++)
    while (dest[i] != i)
      {
        guint j = dest[i];
        Merged tmp = g_array_index (merged, Merged, j);

        g_array_index (merged, Merged, j) = g_array_index (merged, Merged, i);
        g_array_index (merged, Merged, i) = tmp;
        dest[i] = dest[j];
        dest[j] = j;
      }

  return merged;
}

/* Sorting the raw demands: which key each has, and where each key's
 * next one goes (@first, one per key). */
typedef struct
{
  const RawDemand *raws;
  guint            n;
  guint            n_people;
  guint           *first;
  guint            lo;        /* the keys [lo, hi) are this one's to place */
  guint            hi;
  RawDemand       *sorted;
} Scatter;

static inline guint
raw_key (const RawDemand *raw,
         guint            n_people)
{
  return raw->type * (n_people + 1) + (raw->person == G_MAXUINT ? n_people : raw->person);
}

static gpointer
scatter_raws (gpointer data)
{
  Scatter *s = data;

  for (guint i = 0; i < s->n; i++)
    {
      guint key = raw_key (&s->raws[i], s->n_people);

      if (key >= s->lo && key < s->hi)
        s->sorted[s->first[key]++] = s->raws[i];
    }

  return NULL;
}

/* Fewer raw demands than this are placed on one thread. */
#define SORT_SPLIT_MIN (1 << 16)

static gint sort_split = -1;   /* -1: by size; else the thousandths of
                                * the demands placed here, any size */

/* Where _resfri_collector_sort () splits the placing between two
 * threads: at the first key whose demands start at or after @permille
 * thousandths of them, rounded up (0: the thread places all, 1000: the
 * caller's does); above 1000, back to the default (half, on large
 * collections only). For the tests. */
void
_resfri_collector_set_sort_split (guint permille)
{
  g_atomic_int_set (&sort_split, permille > 1000 ? -1 : (gint) permille);
}

/* The raw demands grouped once by type and person (rooms last), each group
 * in the order the occurrences came: by start. A stable counting sort,
 * O(n); each scenario then takes its part in that order. Done once; after
 * it _resfri_collector_merge () only reads @c, so that both scenarios can
 * be merged at once. On a large collection the keys' second half is
 * placed on a thread: each reads every demand and writes its half. */
void
_resfri_collector_sort (Collector *c)
{
  guint n_keys;
  guint n = c->raws->len;
  gint split = g_atomic_int_get (&sort_split);
  g_autofree guint *first = NULL;
  g_autoptr(GArray) sorted = NULL;
  Scatter halves[2];
  GThread *thread = NULL;

  if (c->raws_sorted)
    return;
  n_keys = N_TYPES * (c->people->len + 1);
  first = g_new0 (guint, n_keys + 1);
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (RawDemand), n);
  for (guint i = 0; i < n; i++)
    first[raw_key (&g_array_index (c->raws, RawDemand, i), c->people->len) + 1]++;
  for (guint k = 0; k < n_keys; k++)
    first[k + 1] += first[k];
  g_array_set_size (sorted, n);

  halves[0] = (Scatter) { (const RawDemand *) (gpointer) c->raws->data, n, c->people->len,
                          first, 0, n_keys, (RawDemand *) (gpointer) sorted->data };
  halves[1] = halves[0];
  if (split < 0 && n >= SORT_SPLIT_MIN && g_get_num_processors () >= 2)
    split = 500;
  if (split > 0 && split < 1000)
    {
      guint target = (guint) (((guint64) n * (guint) split + 999) / 1000);
      guint key = 0;

      /* The first key starting at or after the target (first[k]: where
       * key k starts). */
      while (key < n_keys && first[key] < target)
        key++;
      if (key > 0 && key < n_keys)
        {
          halves[0].hi = key;
          halves[1].lo = key;
          thread = g_thread_new ("resfri-demands-sort", scatter_raws, &halves[1]);
        }
    }
  else if (split == 0)
    {
      /* All on the thread: the same placing, the other half empty. */
      halves[0].hi = 0;
      thread = g_thread_new ("resfri-demands-sort", scatter_raws, &halves[1]);
    }
  scatter_raws (&halves[0]);
  if (thread != NULL)
    g_thread_join (thread);

  g_array_unref (c->raws);
  c->raws = g_steal_pointer (&sorted);
  c->raws_sorted = TRUE;
}

/* The scenario's demands, a person's overlapping demands of one type
 * merged into their union (touching ones stay apart), grouped by pool,
 * within a pool by person (rooms last) then start. @members receives the
 * occurrence indices. */
GArray *
_resfri_collector_merge (Collector *c,
                         gboolean   planned_only,
                         GArray    *members)
{
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (Merged));
  Merged *current = NULL;
  guint n_members = members->len;
  guint *member;

  _resfri_collector_sort (c);
  /* At most one member per raw demand: written in place, and the array
   * cut to what was written. */
  g_array_set_size (members, n_members + c->raws->len);
  member = (guint *) (gpointer) members->data;
  for (guint i = 0; i < c->raws->len; i++)
    {
      const RawDemand *raw = &g_array_index (c->raws, RawDemand, i);

      if (planned_only && !raw->planned)
        continue;

      /* A room's vc-kit demands (person 0) are never merged. */
      if (current != NULL && raw->person_id != 0 &&
          current->person_id == raw->person_id && current->type == raw->type &&
          current->site_id == raw->site_id && raw->start < current->end)
        {
          current->end = MAX (current->end, raw->end);
          current->n_members++;
        }
      else
        {
          Merged m = { raw->person_id, raw->site_id, raw->start, raw->end, raw->unit_id,
                       n_members, 1, raw->type };

          g_array_append_val (merged, m);
          current = &g_array_index (merged, Merged, merged->len - 1);
        }
      member[n_members++] = raw->occurrence;
    }
  g_array_set_size (members, n_members);

  return group_by_pool (merged);
}

/* ---- Collecting in parts ------------------------------------------------- */

/* Horizons shorter than this are collected in one pass. */
#define SPLIT_MIN_SECONDS (14 * 24 * 3600)

static guint collector_parts;   /* 0: one per two processors (at most 4) */

/* How many parts a long horizon is collected in: 1 collects every horizon
 * in one pass; 0 goes back to the default. For the tests. */
void
_resfri_collector_set_parts (guint n_parts)
{
  g_atomic_int_set (&collector_parts, n_parts);
}

typedef struct
{
  char               *path;
  const ResfriPolicy *policy;
  gint64              from;
  gint64              to;
  Collector           c;
  GStringChunk       *strings;
  GCancellable       *stop;
  GError             *error;
  gboolean            ok;
} Part;

static void
cancel_parts (GCancellable *cancellable,
              gpointer      stop)
{
  g_cancellable_cancel (stop);
}

static gpointer
collect_part (gpointer data)
{
  Part *part = data;
  g_autoptr(ResfriStore) worker = NULL;

  part->c.cancellable = part->stop;
  /* A small page cache: the CPU time is the same on the 60,000-employee
   * demo, and the store's 64 MB would raise the gaps' peak RSS by 60 MB. */
  part->ok = (worker = resfri_store_open (part->path, &part->error)) != NULL &&
             _resfri_store_exec (worker, "PRAGMA cache_size = -8192", &part->error) &&
             resfri_policy_check_occurrences (worker, part->policy, part->from, part->to,
                                              collect_occurrence, &part->c, part->stop,
                                              &part->error);
  /* Stopped because another part failed: that part's error is the one. */
  if (!part->ok && part->error == NULL)
    g_set_error_literal (&part->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");

  return NULL;
}

/* Appends @part's occurrences, people, demands and payback to @c, as if
 * @c's pass had gone on over them; @c takes @part_strings, which @part's
 * occurrences point into. */
static void
collector_append (Collector    *c,
                  Collector    *part,
                  GStringChunk *part_strings)
{
  guint n_occurrences = c->occurrences->len;
  guint n_raws = c->raws->len;
  g_autofree guint *person_index = g_new (guint, part->people->len + 1);

  g_ptr_array_add (c->adopted, part_strings);
  g_array_append_vals (c->occurrences, part->occurrences->data, part->occurrences->len);

  /* The part's people in order of first appearance there: those new to
   * @c come after @c's, in that order. */
  for (guint i = 0; i < part->people->len; i++)
    {
      const PersonEntry *p = g_ptr_array_index (part->people, i);
      PersonEntry *person = _resfri_collector_lookup_person (c, p->id);

      if (person == NULL)
        person = collector_add_person (c, p->id, p->email);
      person->remote += p->remote;
      person_index[i] = person->index;
    }

  g_array_append_vals (c->raws, part->raws->data, part->raws->len);
  for (guint i = n_raws; i < c->raws->len; i++)
    {
      RawDemand *raw = &g_array_index (c->raws, RawDemand, i);

      if (raw->person != G_MAXUINT)
        raw->person = person_index[raw->person];
      raw->occurrence += n_occurrences;
    }

  for (guint i = 0; part->paybacks != NULL && i + 2 < part->paybacks->len; i += 3)
    {
      c->payback_km += g_array_index (part->paybacks, double, i);
      c->payback_cost_sek += g_array_index (part->paybacks, double, i + 1);
      c->payback_co2_kg += g_array_index (part->paybacks, double, i + 2);
    }
}

static guint
count_parts (ResfriStore *store,
             gint64       from,
             gint64       to)
{
  guint n = (guint) g_atomic_int_get (&collector_parts);
  const char *path = resfri_store_get_path (store);

  /* Each part resolves every meeting of the store again, on two threads
   * (one resolves, one reads the occurrences), and the gaps read the
   * people on a third: on two processors, one part is 30 % fewer
   * instructions for the same critical path. */
  if (n == 0)
    n = CLAMP (g_get_num_processors () / 2, 1, 4);
  /* Other connections see neither an open transaction's changes nor an
   * in-memory database. */
  if (n < 2 || to - from < SPLIT_MIN_SECONDS || _resfri_store_in_transaction (store) ||
      path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return 1;

  return n;
}

gboolean
_resfri_collector_collect (ResfriStore         *store,
                           const ResfriPolicy  *policy,
                           gint64               from,
                           gint64               to,
                           Collector           *c,
                           GCancellable        *cancellable,
                           GError             **error)
{
  guint n_parts = count_parts (store, from, to);
  g_autoptr(GCancellable) stop = NULL;
  g_autofree Part *parts = NULL;
  g_autofree GThread **threads = NULL;
  gulong handler = 0;
  gboolean ok;

  c->cancellable = cancellable;
  if (n_parts == 1)
    {
      GStringChunk *strings = g_string_chunk_new (64 * 1024);
      Collector second;

      /* One check, its occurrences perhaps collected in two parts at once
       * (the later into @second), then appended in order. */
      _resfri_collector_init (&second, c->buffer, c->planned_only, strings);
      second.cancellable = cancellable;
      second.paybacks = g_array_new (FALSE, FALSE, sizeof (double));
      ok = _resfri_policy_check_occurrences_in_two (store, policy, from, to, collect_occurrence, c,
                                                    &second, c->registers_func, c->registers_data,
                                                    cancellable, error);
      if (ok)
        collector_append (c, &second, g_steal_pointer (&strings));
      _resfri_collector_clear (&second);
      g_clear_pointer (&strings, g_string_chunk_free);

      return ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  /* The parts' checks give no registers. */
  if (c->registers_func != NULL)
    c->registers_func (NULL, c->registers_data);
  /* Parts 1 … n - 1 on threads, part 0 here; @stop ends them all. */
  stop = g_cancellable_new ();
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_parts),
                                     g_object_ref (stop), g_object_unref);
  parts = g_new0 (Part, n_parts);
  threads = g_new0 (GThread *, n_parts);
  for (guint i = 1; i < n_parts; i++)
    {
      Part *part = &parts[i];

      part->path = (char *) resfri_store_get_path (store);
      part->policy = policy;
      part->from = from + (to - from) / n_parts * i;
      part->to = i + 1 < n_parts ? from + (to - from) / n_parts * (i + 1) : to;
      part->strings = g_string_chunk_new (64 * 1024);
      part->stop = stop;
      _resfri_collector_init (&part->c, c->buffer, c->planned_only, part->strings);
      part->c.min_start = part->from;
      part->c.paybacks = g_array_new (FALSE, FALSE, sizeof (double));
      threads[i] = g_thread_new ("resfri-demands", collect_part, part);
    }

  c->cancellable = stop;
  ok = resfri_policy_check_occurrences (store, policy, from, parts[1].from, collect_occurrence, c,
                                        stop, error);
  c->cancellable = cancellable;
  if (!ok)
    g_cancellable_cancel (stop);

  for (guint i = 1; i < n_parts; i++)
    {
      Part *part = &parts[i];

      g_thread_join (threads[i]);
      if (ok && !part->ok)
        {
          g_cancellable_cancel (stop);
          g_propagate_error (error, g_steal_pointer (&part->error));
          ok = FALSE;
        }
      if (ok)
        collector_append (c, &part->c, g_steal_pointer (&part->strings));
      g_clear_error (&part->error);
      _resfri_collector_clear (&part->c);
      g_clear_pointer (&part->strings, g_string_chunk_free);
    }
  g_cancellable_disconnect (cancellable, handler);

  if (!ok)
    {
      /* Cancelled by the caller: say so, not "stopped". */
      if (g_cancellable_is_cancelled (cancellable) && error != NULL && *error != NULL)
        g_clear_error (error);
      else
        return FALSE;
    }

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* ---- The supply: the loan items of every pool ----------------------------- */

int
_resfri_equipment_type_from_name (const char *name)
{
  for (guint t = 0; t < N_TYPES; t++)
    if (g_strcmp0 (name, _resfri_equipment_type_names[t]) == 0)
      return (int) t;
  return -1;
}

static void
pool_free (gpointer data)
{
  Pool *pool = data;

  g_array_unref (pool->items);
  g_free (pool);
}

void
_resfri_supply_clear (Supply *supply)
{
  g_clear_pointer (&supply->pools, g_hash_table_unref);
  g_clear_pointer (&supply->sites, g_hash_table_unref);
}

Pool *
_resfri_supply_get_pool (Supply   *supply,
                         gint64    site_id,
                         guint     type,
                         gboolean  create)
{
  gint64 key = _resfri_pool_key (site_id, type);
  Pool *pool = g_hash_table_lookup (supply->pools, &key);

  if (pool == NULL && create)
    {
      pool = g_new0 (Pool, 1);
      pool->key = key;
      pool->site_id = site_id;
      pool->type = type;
      pool->items = g_array_new (FALSE, FALSE, sizeof (PoolItem));
      g_hash_table_insert (supply->pools, &pool->key, pool);
    }

  return pool;
}

const char *
_resfri_supply_site_code (Supply *supply,
                          gint64  site_id)
{
  const char *code = g_hash_table_lookup (supply->sites, &site_id);

  return code != NULL ? code : "";
}

static void
add_site (gint64      id,
          const char *code,
          gpointer    user_data)
{
  Supply *supply = user_data;

  g_hash_table_insert (supply->sites, g_memdup2 (&id, sizeof id),
                       g_string_chunk_insert_const (supply->strings, code));
}

static void
add_loan_item (gint64      id,
               const char *tag,
               gint64      site_id,
               const char *type_name,
               gpointer    user_data)
{
  Supply *supply = user_data;
  int type = _resfri_equipment_type_from_name (type_name);
  PoolItem item;
  Pool *pool;

  if (type < 0)
    return;
  item.id = id;
  item.tag = g_string_chunk_insert (supply->strings, tag);
  pool = _resfri_supply_get_pool (supply, site_id, (guint) type, TRUE);
  g_array_append_val (pool->items, item);
}

gboolean
_resfri_supply_load (ResfriStore   *store,
                     Supply        *supply,
                     GStringChunk  *strings,
                     GError       **error)
{
  supply->strings = strings;
  supply->pools = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, pool_free);
  supply->sites = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  return _resfri_registers_read_site_codes (store, add_site, supply, error) &&
         _resfri_inventory_read_loan_items (store, add_loan_item, supply, error);
}
