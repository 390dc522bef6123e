/* resfri-policy-reader-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The policy check's reader of a long window's occurrences on a second
 * thread (resfri-policy-reader.c), for resfri-policy-check.c.
 */

#pragma once

#include "resfri-calendar-private.h"
#include "resfri-policy-private.h"
#include "resfri-registers.h"

G_BEGIN_DECLS

/* In resfri-occurrence-list.c, the owner of the occurrences' SQL: as
 * _resfri_calendar_foreach_occurrence() with no uid and
 * _RESFRI_IN_FORCE_ASK, but in no order (rowid order, a scan with no
 * lookup of each row through the start index), for the reader to sort;
 * tests every row, so unlike the index's range needs no lower bound. */
gboolean _resfri_calendar_scan_occurrences (ResfriStore                 *store,
                                            gint64                       from,
                                            gint64                       to,
                                            ResfriStoredOccurrenceFunc   func,
                                            gpointer                     user_data,
                                            GCancellable                *cancellable,
                                            GError                     **error);

typedef struct _ResfriPolicyReader ResfriPolicyReader;

/* A reader of the occurrences in [@from, @to) of @store's file, started,
 * or %NULL where a second connection would not see what this one does (a
 * transaction under way, a database without a file). With
 * @with_registers, it first reads every person's registers
 * (resfri_registers_load() with RESFRI_REGISTERS_ALL_PEOPLE), for
 * _resfri_policy_reader_take_registers(); with @registers_func too, with
 * their names, and gives them to it (a new reference, or %NULL where it
 * could not read them) on the reader's thread before it reads on. */
ResfriPolicyReader *_resfri_policy_reader_start   (ResfriStore                 *store,
                                                   gint64                       from,
                                                   gint64                       to,
                                                   gboolean                     with_registers,
                                                   ResfriPolicyRegistersFunc    registers_func,
                                                   gpointer                     registers_data,
                                                   GCancellable                *cancellable);

/* Whether the registers of a reader started with them are in (or failed),
 * so that _resfri_policy_reader_take_registers() would not wait. */
gboolean            _resfri_policy_reader_has_registers  (ResfriPolicyReader  *reader);

/* For tests: while @hold, _resfri_policy_reader_has_registers() says
 * %FALSE, so that the checker resolves every meeting only once it has
 * read them all. */
void                _resfri_policy_reader_hold_registers (gboolean           hold);

/* For tests: @rows, unless 0, for both the fewest rows whose runs of one
 * start are sorted on two threads and the fewest that
 * _resfri_policy_reader_foreach_in_two() gives in two parts. */
void                _resfri_policy_reader_set_split_rows (guint              rows);

/* The registers the reader read, waited for; else, where it could not
 * read them, those of @store read here (the error then is that of
 * resfri_registers_load() on @store). Once only. */
ResfriRegisters    *_resfri_policy_reader_take_registers (ResfriPolicyReader  *reader,
                                                          ResfriStore         *store,
                                                          GError             **error);

/* The registers the reader read, waited for, for another thread that
 * only looks people, rooms and sites up in them (no distance, which
 * fills a cache): a new reference, or %NULL where it could not read
 * them. Any number of times, before or after the take. */
ResfriRegisters    *_resfri_policy_reader_ref_registers  (ResfriPolicyReader  *reader);

/* The path of the file @reader reads. */
const char         *_resfri_policy_reader_get_path       (ResfriPolicyReader  *reader);

/* Stops and joins @reader, whatever it was doing, and frees it. */
void                _resfri_policy_reader_finish  (ResfriPolicyReader          *reader);

/* @func for each occurrence @reader reads, in the order
 * _resfri_calendar_foreach_occurrence() gives them; frees @reader. */
gboolean            _resfri_policy_reader_foreach (ResfriPolicyReader          *reader,
                                                   ResfriStoredOccurrenceFunc   func,
                                                   gpointer                     user_data,
                                                   GCancellable                *cancellable,
                                                   GError                     **error);

/* As _resfri_policy_reader_foreach(), but once every row is read (one
 * batch of at least a few thousand), @func takes them in two parts at
 * once: with @turn_rows 0, the first half with @user_data here while a
 * thread gives it the second half with @second_data; otherwise in turns
 * of @turn_rows rows, the first, third… here and the others on the
 * thread. Each part has its rows in order, the two at once, so @func must
 * bear that. After each turn, once every earlier turn has had it, @done
 * (if not %NULL) is called with the turn's data: its calls come one at a
 * time, in the rows' order; it returns FALSE to stop. First @prepare sees
 * every row of that batch, with @user_data, here: whatever @func would
 * change that the two share, @prepare changes beforehand. Once @func or
 * @done stops in either part, the other stops too (it may have gone past
 * the row where a single pass would have stopped). Without @second_data,
 * or with fewer rows, as _resfri_policy_reader_foreach(): @second_data
 * then gets none. */
gboolean            _resfri_policy_reader_foreach_in_two (ResfriPolicyReader          *reader,
                                                          ResfriStoredOccurrenceFunc   func,
                                                          gpointer                     user_data,
                                                          ResfriStoredOccurrenceFunc   prepare,
                                                          gpointer                     second_data,
                                                          guint                        turn_rows,
                                                          ResfriPolicyTurnDoneFunc     done,
                                                          GCancellable                *cancellable,
                                                          GError                     **error);

G_END_DECLS
