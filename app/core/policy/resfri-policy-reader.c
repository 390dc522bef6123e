/* resfri-policy-reader.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The occurrences of a long window for the policy check, read on a second
 * thread: while the checker resolves every meeting, a reader thread with
 * its own connection runs the occurrences' query and hands them over in
 * batches, in order. It reads ahead as far as it can (up to MAX_BATCHES),
 * so that its reading and the checker's resolving overlap whole. Asked,
 * it reads the registers' snapshot first, which the checker needs as
 * soon as it can have it (and, with names, hands it to another reader of
 * every person). Many rows are sorted on two threads, and can be handed
 * over to two parts at once, the second on a thread of its own: in two
 * halves, or in turns whose ends are called in the rows' order.
 */

#include "config.h"

#include <string.h>

#include "resfri-policy-reader-private.h"
#include "resfri-store-private.h"

#define BATCH_ROWS  4096
#define MAX_BATCHES 128
#define UID_SLOTS   256     /* a power of two */

typedef struct
{
  gint64      id;
  gint64      start;
  gint64      end;
  gint64      meeting_id;
  const char *uid;             /* in the reader's uids */
  gsize       recurrence_id;   /* an offset into the batch's text */
} BatchRow;

typedef struct
{
  GArray  *rows;          /* BatchRow */
  GString *text;          /* each recurrence id, with its NUL */
  gboolean last;          /* the reader's last batch (perhaps empty) */
} Batch;

struct _ResfriPolicyReader
{
  char         *path;
  gint64        from;
  gint64        to;
  GAsyncQueue  *full;     /* Batch *, reader → checker */
  GAsyncQueue  *empty;    /* Batch *, checker → reader */
  guint         n_batches;
  GStringChunk *uids;     /* each uid once: the occurrences of a meeting share it;
                           * written by the reader only, never moved */
  struct {
    gint64      meeting_id;
    const char *uid;      /* in uids, or NULL */
  } uid_slots[UID_SLOTS]; /* the uid last kept for a meeting row, by its id */
  GCancellable *cancellable;
  gboolean      with_registers;
  ResfriPolicyRegistersFunc registers_func;
  gpointer      registers_data;
  GMutex        lock;     /* for the registers */
  GCond         cond;
  ResfriRegisters *registers;   /* read first, until taken */
  ResfriRegisters *shared;      /* the same, until the reader is freed */
  gint          registers_done; /* atomic: read, or failed */
  gint          stop;     /* atomic: the checker wants no more */
  GError       *error;    /* the reader's */
  Batch        *batch;    /* the reader's, being filled */
  GThread      *thread;
};

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->rows = g_array_sized_new (FALSE, FALSE, sizeof (BatchRow), BATCH_ROWS);
  batch->text = g_string_sized_new (BATCH_ROWS * 20);

  return batch;
}

static void
batch_free (Batch *batch)
{
  g_array_unref (batch->rows);
  g_string_free (batch->text, TRUE);
  g_free (batch);
}

static gsize
batch_add_text (Batch      *batch,
                const char *text)
{
  gsize at = batch->text->len;

  if (text == NULL)
    return G_MAXSIZE;
  g_string_append_len (batch->text, text, strlen (text) + 1);
  return at;
}

/* A batch to fill: one given back, else a new one while there are fewer
 * than MAX_BATCHES, else the next one given back. */
static Batch *
reader_next_batch (ResfriPolicyReader *reader)
{
  Batch *batch;

  if ((batch = g_async_queue_try_pop (reader->empty)) != NULL)
    return batch;
  if (reader->n_batches < MAX_BATCHES)
    {
      reader->n_batches++;
      return batch_new ();
    }
  return g_async_queue_pop (reader->empty);
}

/* @uid, kept once in reader->uids. The occurrences come in rowid order,
 * those of one meeting row together, and share its uid: the one kept
 * last for the row is compared before the uids are hashed. */
static const char *
reader_uid (ResfriPolicyReader *reader,
            gint64              meeting_id,
            const char         *uid)
{
  guint slot = (guint) ((guint64) meeting_id & (UID_SLOTS - 1));

  if (reader->uid_slots[slot].uid != NULL && reader->uid_slots[slot].meeting_id == meeting_id &&
      strcmp (reader->uid_slots[slot].uid, uid) == 0)
    return reader->uid_slots[slot].uid;
  reader->uid_slots[slot].meeting_id = meeting_id;
  reader->uid_slots[slot].uid = g_string_chunk_insert_const (reader->uids, uid);

  return reader->uid_slots[slot].uid;
}

static gboolean
reader_row (const ResfriStoredOccurrence  *o,
            gpointer                       user_data,
            GError                       **error)
{
  ResfriPolicyReader *reader = user_data;
  BatchRow row;

  if (g_atomic_int_get (&reader->stop))
    return FALSE;

  row.id = o->id;
  row.start = o->start;
  row.end = o->end;
  row.meeting_id = o->meeting_id;
  row.uid = o->uid != NULL ? reader_uid (reader, o->meeting_id, o->uid) : NULL;
  row.recurrence_id = batch_add_text (reader->batch, o->recurrence_id);
  g_array_append_val (reader->batch->rows, row);

  return TRUE;
}

static int
compare_text (const char *a,
              const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

/* The order of _resfri_calendar_foreach_occurrence(): by start, uid and
 * recurrence id (SQLite's BINARY collation: strcmp's bytewise order, and
 * NULL first), unique per occurrence. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const BatchRow *ra = a;
  const BatchRow *rb = b;
  const Batch *batch = user_data;
  int cmp;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  if ((cmp = compare_text (ra->uid, rb->uid)) != 0)
    return cmp;
  return compare_text (ra->recurrence_id == G_MAXSIZE ? NULL
                       : batch->text->str + ra->recurrence_id,
                       rb->recurrence_id == G_MAXSIZE ? NULL
                       : batch->text->str + rb->recurrence_id);
}

typedef struct
{
  guint64 key;     /* the row's start less the lowest */
  guint   index;   /* the row's in the batch */
} SortKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Batch *batch = user_data;

  return compare_rows (&g_array_index (batch->rows, BatchRow, ((const SortKey *) a)->index),
                       &g_array_index (batch->rows, BatchRow, ((const SortKey *) b)->index),
                       user_data);
}

/* Fewer rows than this have their runs of one start sorted on one
 * thread. */
#define SORT_SPLIT_ROWS 65536

/* Fewer rows than this are given to one thread: a second one would cost
 * more than it saves. */
#define SPLIT_MIN_ROWS 8192

static guint split_rows;   /* atomic, for tests: both of them, unless 0 */

void
_resfri_policy_reader_set_split_rows (guint rows)
{
  g_atomic_int_set (&split_rows, rows);
}

static guint
get_split_rows (guint rows)
{
  guint set = (guint) g_atomic_int_get (&split_rows);

  return set != 0 ? set : rows;
}

/* Each run of one start among @keys[@from, @to) in compare_rows()'s order
 * (@from and @to at the ends of runs). */
static void
sort_runs (const Batch *batch,
           SortKey     *keys,
           guint        from,
           guint        to)
{
  for (guint i = from, j; i < to; i = j)
    {
      for (j = i + 1; j < to && keys[j].key == keys[i].key; j++)
        ;
      if (j - i > 1)
        g_qsort_with_data (keys + i, j - i, sizeof (SortKey), compare_keys, (gpointer) batch);
    }
}

typedef struct
{
  const Batch *batch;
  SortKey     *keys;
  guint        from;
  guint        to;
} SortRuns;

static gpointer
sort_runs_thread (gpointer data)
{
  SortRuns *runs = data;

  sort_runs (runs->batch, runs->keys, runs->from, runs->to);

  return NULL;
}

/* The batch's rows in compare_rows()'s order: by start in a radix sort
 * (a merge sort's calls of compare_rows() on every row were a tenth of
 * the reader's work), each run of one start then by uid and recurrence
 * id, and the rows moved once, in place. */
static void
sort_rows (Batch *batch)
{
  BatchRow *rows = (BatchRow *) batch->rows->data;
  guint n = batch->rows->len;
  guint64 low = G_MAXUINT64;
  guint64 span = 0;
  SortKey *keys;
  SortKey *other;
  SortRuns runs;
  GThread *thread = NULL;

  if (n < 2)
    return;
  for (guint i = 0; i < n; i++)
    low = MIN (low, (guint64) rows[i].start ^ G_GUINT64_CONSTANT (0x8000000000000000));
  keys = g_new (SortKey, n);
  other = g_new (SortKey, n);
  for (guint i = 0; i < n; i++)
    {
      keys[i].key = ((guint64) rows[i].start ^ G_GUINT64_CONSTANT (0x8000000000000000)) - low;
      keys[i].index = i;
      span |= keys[i].key;
    }
  for (guint shift = 0; shift < 64 && (span >> shift) != 0; shift += 8)
    {
      guint at[256] = { 0, };
      guint sum = 0;
      SortKey *swap;

      for (guint i = 0; i < n; i++)
        at[(keys[i].key >> shift) & 0xff]++;
      for (guint b = 0; b < 256; b++)
        {
          guint count = at[b];

          at[b] = sum;
          sum += count;
        }
      for (guint i = 0; i < n; i++)
        other[at[(keys[i].key >> shift) & 0xff]++] = keys[i];
      swap = keys;
      keys = other;
      other = swap;
    }
  g_free (other);
  /* The runs of one start, half of them on a thread of their own where
   * there are many: the checker waits for the batch meanwhile. */
  runs.batch = batch;
  runs.keys = keys;
  runs.from = n;
  runs.to = n;
  if (n >= get_split_rows (SORT_SPLIT_ROWS))
    {
      for (runs.from = n / 2; runs.from < n && keys[runs.from].key == keys[runs.from - 1].key;
           runs.from++)
        ;
      thread = g_thread_try_new ("resfri-check-sort", sort_runs_thread, &runs, NULL);
      if (thread == NULL)
        runs.from = n;
    }
  sort_runs (batch, keys, 0, runs.from);
  if (thread != NULL)
    g_thread_join (thread);
  /* Row keys[i].index goes to i: each cycle of that permutation moved
   * along once, each place marked done by an index of its own. */
  for (guint i = 0; i < n; i++)
    {
      BatchRow first;
      guint j = i;

      if (keys[i].index == i)
        continue;
      first = rows[i];
      while (keys[j].index != i)
        {
          guint from = keys[j].index;

          rows[j] = rows[from];
          keys[j].index = j;
          j = from;
        }
      rows[j] = first;
      keys[j].index = j;
    }
  g_free (keys);
}

static gpointer
reader_thread (gpointer data)
{
  ResfriPolicyReader *reader = data;
  g_autoptr(ResfriStore) store = NULL;

  /* The occurrences come in rowid order, a scan of the table that looks
   * up no row through the start index (several times faster than
   * reading them by start), and are sorted here into one batch: the
   * checker resolves every meeting meanwhile. Whether any
   * RANGE=THISANDFUTURE override is stored, the other thread learns only
   * as it resolves the meetings: the query asks. Its page cache is the
   * store's (64 MB, like any connection's): a smaller one read the same
   * pages again from the file. */
  reader->batch = reader_next_batch (reader);
  store = resfri_store_open (reader->path, &reader->error);
  if (reader->with_registers)
    {
      ResfriRegisters *registers = NULL;

      /* Any error is the checker's to find again on its own connection. */
      if (store != NULL)
        registers = resfri_registers_load (store,
                                           RESFRI_REGISTERS_ALL_PEOPLE |
                                           (reader->registers_func != NULL ? RESFRI_REGISTERS_NAMES
                                                                           : 0),
                                           NULL);
      if (reader->registers_func != NULL)
        reader->registers_func (registers != NULL ? resfri_registers_ref (registers) : NULL,
                                reader->registers_data);
      g_mutex_lock (&reader->lock);
      reader->registers = registers;
      reader->shared = registers != NULL ? resfri_registers_ref (registers) : NULL;
      g_atomic_int_set (&reader->registers_done, 1);
      g_cond_broadcast (&reader->cond);
      g_mutex_unlock (&reader->lock);
    }
  if (store != NULL &&
      _resfri_calendar_scan_occurrences (store, reader->from, reader->to, reader_row, reader,
                                         reader->cancellable, &reader->error))
    sort_rows (reader->batch);
  else
    g_array_set_size (reader->batch->rows, 0);
  reader->batch->last = TRUE;
  g_async_queue_push (reader->full, g_steal_pointer (&reader->batch));

  return NULL;
}

/* The path of @store's file for a second connection, or %NULL where one
 * would not see what this one does (a transaction under way, a database
 * without a file). */
static const char *
reader_path (ResfriStore *store)
{
  const char *path = resfri_store_get_path (store);

  if (path == NULL || *path == '\0' || g_str_has_prefix (path, ":memory:") ||
      g_str_has_prefix (path, "file:") || _resfri_store_in_transaction (store))
    return NULL;
  return path;
}

ResfriPolicyReader *
_resfri_policy_reader_start (ResfriStore  *store,
                             gint64        from,
                             gint64        to,
                             gboolean      with_registers,
                             ResfriPolicyRegistersFunc registers_func,
                             gpointer      registers_data,
                             GCancellable *cancellable)
{
  const char *path = reader_path (store);
  ResfriPolicyReader *reader;

  if (path == NULL)
    return NULL;

  reader = g_new0 (ResfriPolicyReader, 1);
  reader->path = g_strdup (path);
  reader->from = from;
  reader->to = to;
  reader->with_registers = with_registers;
  reader->registers_func = with_registers ? registers_func : NULL;
  reader->registers_data = registers_data;
  g_mutex_init (&reader->lock);
  g_cond_init (&reader->cond);
  reader->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  reader->full = g_async_queue_new ();
  reader->empty = g_async_queue_new ();
  reader->uids = g_string_chunk_new (64 * 1024);
  reader->thread = g_thread_new ("resfri-check-reader", reader_thread, reader);

  return reader;
}

void
_resfri_policy_reader_finish (ResfriPolicyReader *reader)
{
  Batch *batch;

  g_atomic_int_set (&reader->stop, 1);
  /* The reader's last batch comes after every other; the others go back,
   * since the reader may be waiting for one. */
  for (;;)
    {
      batch = g_async_queue_pop (reader->full);
      if (batch->last)
        break;
      g_async_queue_push (reader->empty, batch);
    }
  batch_free (batch);
  g_thread_join (reader->thread);
  while ((batch = g_async_queue_try_pop (reader->empty)) != NULL)
    batch_free (batch);
  g_async_queue_unref (reader->full);
  g_async_queue_unref (reader->empty);
  g_string_chunk_free (reader->uids);
  g_clear_pointer (&reader->registers, resfri_registers_unref);
  g_clear_pointer (&reader->shared, resfri_registers_unref);
  g_mutex_clear (&reader->lock);
  g_cond_clear (&reader->cond);
  g_clear_object (&reader->cancellable);
  g_clear_error (&reader->error);
  g_free (reader->path);
  g_free (reader);
}

static gint hold_registers;   /* atomic, for tests */

void
_resfri_policy_reader_hold_registers (gboolean hold)
{
  g_atomic_int_set (&hold_registers, hold);
}

gboolean
_resfri_policy_reader_has_registers (ResfriPolicyReader *reader)
{
  return !g_atomic_int_get (&hold_registers) && g_atomic_int_get (&reader->registers_done);
}

ResfriRegisters *
_resfri_policy_reader_take_registers (ResfriPolicyReader  *reader,
                                      ResfriStore         *store,
                                      GError             **error)
{
  ResfriRegisters *registers;

  g_mutex_lock (&reader->lock);
  while (!g_atomic_int_get (&reader->registers_done))
    g_cond_wait (&reader->cond, &reader->lock);
  registers = g_steal_pointer (&reader->registers);
  g_mutex_unlock (&reader->lock);
  if (registers != NULL)
    return registers;

  return resfri_registers_load (store, RESFRI_REGISTERS_ALL_PEOPLE, error);
}

ResfriRegisters *
_resfri_policy_reader_ref_registers (ResfriPolicyReader *reader)
{
  ResfriRegisters *registers;

  g_mutex_lock (&reader->lock);
  while (!g_atomic_int_get (&reader->registers_done))
    g_cond_wait (&reader->cond, &reader->lock);
  registers = reader->shared != NULL ? resfri_registers_ref (reader->shared) : NULL;
  g_mutex_unlock (&reader->lock);

  return registers;
}

const char *
_resfri_policy_reader_get_path (ResfriPolicyReader *reader)
{
  return reader->path;
}

static const char *
batch_text (const Batch *batch,
            gsize        at)
{
  return at == G_MAXSIZE ? NULL : batch->text->str + at;
}

static void
row_to_stored (const Batch            *batch,
               guint                   i,
               ResfriStoredOccurrence *o)
{
  const BatchRow *row = &g_array_index (batch->rows, BatchRow, i);

  o->id = row->id;
  o->uid = row->uid;
  o->recurrence_id = batch_text (batch, row->recurrence_id);
  o->start = row->start;
  o->end = row->end;
  o->meeting_id = row->meeting_id;
}

/* @func over the rows [@from, @to) of @batch: the index of the row it
 * stopped at (its error in @error), or @to. Stops too, then without an
 * error, once another thread stopped in a turn before @turn (*@stop_turn,
 * atomic). */
static guint
run_rows (const Batch                 *batch,
          guint                        from,
          guint                        to,
          ResfriStoredOccurrenceFunc   func,
          gpointer                     user_data,
          GCancellable                *cancellable,
          gint                        *stop_turn,
          guint                        turn,
          GError                     **error)
{
  for (guint i = from; i < to; i++)
    {
      ResfriStoredOccurrence o;

      if (((i - from + 1) & 0x3ff) == 0 &&
          (g_cancellable_set_error_if_cancelled (cancellable, error) ||
           (stop_turn != NULL && (guint) g_atomic_int_get (stop_turn) < turn)))
        return i;
      row_to_stored (batch, i, &o);
      if (!func (&o, user_data, error))
        return i;
    }

  return to;
}

/* A batch's rows given in turns to two parts at once: turn i covers
 * rows [i × turn_rows, (i + 1) × turn_rows), or with turn_rows 0 the
 * first half (turn 0) and the second (turn 1). The caller's part takes
 * the even turns, a thread's the odd ones; @turn_done, when set, is
 * called after each turn once the one before has had it, so its calls
 * come one at a time and in the rows' order. */
typedef struct
{
  const Batch                *batch;
  guint                       turn_rows;
  ResfriStoredOccurrenceFunc  func;
  ResfriPolicyTurnDoneFunc    turn_done;
  GCancellable               *cancellable;
  GMutex                      lock;
  GCond                       cond;
  guint                       next;        /* the turn whose turn_done comes next */
  gint                        stop_turn;   /* atomic: the first turn a part stopped
                                            * in, or G_MAXINT; later turns stop too */
} Turns;

typedef struct
{
  Turns      *turns;
  guint       first_turn;   /* 0 or 1 */
  gpointer    user_data;
  guint       stopped;      /* the turn it stopped in, or G_MAXUINT */
  GError     *error;
} TurnPart;

static void
turn_bounds (const Turns *turns,
             guint        turn,
             guint       *from,
             guint       *to)
{
  guint n = turns->batch->rows->len;
  guint64 start;

  if (turns->turn_rows == 0)
    {
      *from = turn == 0 ? 0 : turn == 1 ? n / 2 : n;
      *to = turn == 0 ? n / 2 : n;
      return;
    }
  start = (guint64) turn * turns->turn_rows;
  *from = (guint) MIN (start, n);
  *to = (guint) MIN (start + turns->turn_rows, n);
}

static void
turns_stop (Turns *turns,
            guint  turn)
{
  g_mutex_lock (&turns->lock);
  if (turn < (guint) g_atomic_int_get (&turns->stop_turn))
    g_atomic_int_set (&turns->stop_turn, (gint) turn);
  g_cond_broadcast (&turns->cond);
  g_mutex_unlock (&turns->lock);
}

/* Whether a turn before @turn stopped: a single pass would not have got
 * to @turn. */
static gboolean
stopped_before (Turns *turns,
                guint  turn)
{
  return (guint) g_atomic_int_get (&turns->stop_turn) < turn;
}

/* @turn's turn_done, once every earlier turn has had its own; FALSE
 * where an earlier turn stopped or turn_done stops. (The turn before
 * this one is the other part's: it ends, or stops, before its next.) */
static gboolean
turn_done (Turns    *turns,
           guint     turn,
           gpointer  user_data)
{
  gboolean ok;

  g_mutex_lock (&turns->lock);
  while (turns->next != turn && !stopped_before (turns, turn))
    g_cond_wait (&turns->cond, &turns->lock);
  ok = turns->next == turn;
  g_mutex_unlock (&turns->lock);
  if (!ok)
    return FALSE;

  /* The other part waits for next: this call is the only one. */
  ok = turns->turn_done (user_data);
  g_mutex_lock (&turns->lock);
  if (ok)
    turns->next = turn + 1;
  else if (turn < (guint) g_atomic_int_get (&turns->stop_turn))
    g_atomic_int_set (&turns->stop_turn, (gint) turn);
  g_cond_broadcast (&turns->cond);
  g_mutex_unlock (&turns->lock);

  return ok;
}

static void
run_turns (TurnPart *part)
{
  Turns *turns = part->turns;

  for (guint turn = part->first_turn; ; turn += 2)
    {
      guint from;
      guint to;

      turn_bounds (turns, turn, &from, &to);
      if (from >= to)
        return;
      if (run_rows (turns->batch, from, to, turns->func, part->user_data, turns->cancellable,
                    &turns->stop_turn, turn, &part->error) != to ||
          (turns->turn_done != NULL && !turn_done (turns, turn, part->user_data)))
        {
          part->stopped = turn;
          turns_stop (turns, turn);
          return;
        }
    }
}

static gpointer
turn_part_thread (gpointer data)
{
  run_turns (data);

  return NULL;
}

/* @batch's rows in turns, the odd ones on a thread (see
 * _resfri_policy_reader_foreach_in_two()). */
static gboolean
run_in_turns (const Batch                 *batch,
              guint                        turn_rows,
              ResfriStoredOccurrenceFunc   func,
              gpointer                     user_data,
              ResfriStoredOccurrenceFunc   prepare,
              gpointer                     second_data,
              ResfriPolicyTurnDoneFunc     done,
              GCancellable                *cancellable,
              GError                     **error)
{
  guint n = batch->rows->len;
  Turns turns = { batch, turn_rows, func, done, cancellable, .stop_turn = G_MAXINT };
  TurnPart parts[2] = {
    { &turns, 0, user_data, G_MAXUINT, NULL },
    { &turns, 1, second_data, G_MAXUINT, NULL },
  };
  TurnPart *failed = NULL;
  GThread *thread;

  /* Whatever @func would change that the parts share, changed here first. */
  if (run_rows (batch, 0, n, prepare, user_data, cancellable, NULL, 0, error) != n)
    return FALSE;

  g_mutex_init (&turns.lock);
  g_cond_init (&turns.cond);
  thread = g_thread_new ("resfri-check-part", turn_part_thread, &parts[1]);
  run_turns (&parts[0]);
  g_thread_join (thread);
  g_cond_clear (&turns.cond);
  g_mutex_clear (&turns.lock);

  if (parts[0].stopped == G_MAXUINT && parts[1].stopped == G_MAXUINT)
    return TRUE;

  /* The error of the earlier turn: the one a single pass would have met
   * first (a part that only saw the other stop has none). */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].error != NULL && (failed == NULL || parts[i].stopped < failed->stopped))
      failed = &parts[i];
  if (failed != NULL)
    g_propagate_error (error, g_steal_pointer (&failed->error));
  else
    g_cancellable_set_error_if_cancelled (cancellable, error);
  g_clear_error (&parts[0].error);
  g_clear_error (&parts[1].error);

  return FALSE;
}

gboolean
_resfri_policy_reader_foreach_in_two (ResfriPolicyReader          *reader,
                                      ResfriStoredOccurrenceFunc   func,
                                      gpointer                     user_data,
                                      ResfriStoredOccurrenceFunc   prepare,
                                      gpointer                     second_data,
                                      guint                        turn_rows,
                                      ResfriPolicyTurnDoneFunc     done,
                                      GCancellable                *cancellable,
                                      GError                     **error)
{
  GError *local_error = NULL;
  gboolean stopped = FALSE;
  gboolean last = FALSE;

  while (!stopped && !last)
    {
      Batch *batch = g_async_queue_pop (reader->full);
      guint n = batch->rows->len;

      last = batch->last;
      /* Every row is read when the last batch comes, or the reader failed. */
      if (last && reader->error != NULL)
        {
          g_propagate_error (&local_error, g_steal_pointer (&reader->error));
          stopped = TRUE;
        }
      else if (last && second_data != NULL && n >= get_split_rows (SPLIT_MIN_ROWS))
        stopped = !run_in_turns (batch, turn_rows, func, user_data, prepare, second_data, done,
                                 cancellable, &local_error);
      else
        stopped = run_rows (batch, 0, n, func, user_data, cancellable, NULL, 0, &local_error) != n;

      if (last)
        g_async_queue_push (reader->full, batch);
      else
        {
          g_array_set_size (batch->rows, 0);
          g_string_truncate (batch->text, 0);
          g_async_queue_push (reader->empty, batch);
        }
    }
  _resfri_policy_reader_finish (reader);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_resfri_policy_reader_foreach (ResfriPolicyReader          *reader,
                               ResfriStoredOccurrenceFunc   func,
                               gpointer                     user_data,
                               GCancellable                *cancellable,
                               GError                     **error)
{
  return _resfri_policy_reader_foreach_in_two (reader, func, user_data, NULL, NULL, 0, NULL,
                                               cancellable, error);
}
