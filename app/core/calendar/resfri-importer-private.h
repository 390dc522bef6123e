/* resfri-importer-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the importer's reading side (resfri-importer.c) asks of its storing
 * side (resfri-importer-store.c, which writes the meetings, attendees,
 * occurrences and timezones rows). Each runs in the caller's transaction.
 */

#pragma once

#include "resfri-ical.h"
#include "resfri-importer.h"
#include "resfri-store-private.h"

G_BEGIN_DECLS

/* resfri_store_put_vevent_at() with the text the file had for @vevent
 * (@original, @original_length bytes; NULL for libical's rendering). */
gboolean _resfri_importer_put_vevent        (ResfriStore         *self,
                                             icalcomponent       *vevent,
                                             const char          *original,
                                             gsize                original_length,
                                             const char          *source,
                                             gint64               now,
                                             ResfriMeetingStats  *stats,
                                             GError             **error);
/* resfri-importer-check.c: @data (@length bytes) is UTF-8 without a
 * control character but the tab, or "FILE:LINE: what" in @error. The
 * _begin()/_end() pair checks on a thread of its own meanwhile (@data and
 * @filename must live until _end()). */
gboolean _resfri_importer_check_text        (const char          *data,
                                             gsize                length,
                                             const char          *filename,
                                             GError             **error);
typedef struct _ResfriTextCheck ResfriTextCheck;
ResfriTextCheck *_resfri_importer_check_text_begin (const char *data,
                                                    gsize       length,
                                                    const char *filename);
gboolean         _resfri_importer_check_text_end   (ResfriTextCheck  *check,
                                                    GError          **error);

/* resfri-importer-rows.c: the attendees of @vevent, and @occurrences
 * (ResfriOccurrence) of the meeting @meeting_id, stored. A master's
 * instance yields to a stored override (counted in @stats only when
 * stored); an override replaces the master's instance. */
typedef struct _ResfriImporterAttendees ResfriImporterAttendees;
/* The attendees' columns of @vevent, worked out ahead (the parse thread of
 * a large import does it, so that the storing thread only binds them). */
ResfriImporterAttendees *_resfri_importer_attendees_new  (icalcomponent           *vevent);
/* The same, and the meeting's organizer (its email normalised) and online
 * link, found with @extra_hosts (the settings' extra meeting hosts, read
 * once by the import; NULL for none). */
ResfriImporterAttendees *_resfri_importer_attendees_new_full (icalcomponent       *vevent,
                                                              const char * const  *extra_hosts);
/* The organizer and online link worked out (each may be NULL), or FALSE
 * when they were not (@attendees NULL, or made by
 * _resfri_importer_attendees_new()). */
gboolean _resfri_importer_attendees_peek_links (const ResfriImporterAttendees  *attendees,
                                                const char                    **organizer,
                                                const char                    **online_url);
void                     _resfri_importer_attendees_free (ResfriImporterAttendees *attendees);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriImporterAttendees, _resfri_importer_attendees_free)
/* @prepared: those of @vevent, or NULL to work them out here. */
gboolean _resfri_importer_insert_attendees  (ResfriStore                    *self,
                                             icalcomponent                  *vevent,
                                             const ResfriImporterAttendees  *prepared,
                                             gint64                          meeting_id,
                                             GError                        **error);
gboolean _resfri_importer_insert_occurrences (ResfriStore        *self,
                                              gint64              meeting_id,
                                              const char         *uid,
                                              gboolean            is_override,
                                              GArray             *occurrences,
                                              ResfriMeetingStats *stats,
                                              GError            **error);
/* What an import into a store without meetings has stored itself: a
 * meeting it has not stored, nor a THISANDFUTURE override it has not
 * stored, is not looked up (issue #15: two queries per VEVENT). Valid only
 * while every meeting the import stores goes through
 * _resfri_importer_put_checked_vevent() with it: the importer gives it up
 * (_resfri_importer_fresh_free()) before storing one another way. */
typedef struct _ResfriImporterFresh ResfriImporterFresh;
/* NULL when @self holds a meeting already. */
ResfriImporterFresh *_resfri_importer_fresh_new  (ResfriStore          *self);
void                 _resfri_importer_fresh_free (ResfriImporterFresh  *fresh);

/* The same, with @original a slice of a text already checked to be UTF-8
 * without a NUL (the imported file's), @attendees those of @vevent
 * worked out ahead (or NULL), and @fresh what the import stored (or NULL). */
gboolean _resfri_importer_put_checked_vevent (ResfriStore        *self,
                                              ResfriImporterFresh *fresh,
                                              icalcomponent      *vevent,
                                              const ResfriImporterAttendees *attendees,
                                              const char         *original,
                                              gsize               original_length,
                                              const char         *source,
                                              gint64              now,
                                              ResfriMeetingStats *stats,
                                              GError            **error);
/* METHOD:CANCEL of a whole meeting (@cancel has no RECURRENCE-ID). */
gboolean _resfri_importer_cancel_meeting    (ResfriStore         *self,
                                             icalcomponent       *cancel,
                                             const char          *source,
                                             ResfriMeetingStats  *stats,
                                             GError             **error);
/* METHOD:CANCEL of one occurrence (@cancel has a RECURRENCE-ID); changes
 * @cancel in place. */
gboolean _resfri_importer_cancel_occurrence (ResfriStore         *self,
                                             icalcomponent       *cancel,
                                             const char          *source,
                                             ResfriMeetingStats  *stats,
                                             GError             **error);
/* Keeps the text of a VTIMEZONE of @doc for export (resfri-export.h). */
gboolean _resfri_importer_put_vtimezone     (ResfriStore         *self,
                                             ResfriIcalDocument  *doc,
                                             icalcomponent       *vtimezone,
                                             GError             **error);

/* Sync (sync/resfri-sync.c): a calendar's chosen copy, stored whatever
 * the stored SEQUENCE; whether it is stored as it is already; a meeting no
 * followed calendar holds, removed. */
gboolean _resfri_importer_sync_put_vevent   (ResfriStore         *self,
                                             icalcomponent       *vevent,
                                             const char          *original,
                                             gsize                original_length,
                                             const char          *source,
                                             gint64               now,
                                             ResfriMeetingStats  *stats,
                                             GError             **error);
gboolean _resfri_importer_sync_is_stored    (ResfriStore         *self,
                                             const char          *uid,
                                             const char          *recurrence_id,
                                             const char          *text,
                                             gsize                length);
gboolean _resfri_importer_sync_remove       (ResfriStore         *self,
                                             const char          *uid,
                                             const char          *recurrence_id,
                                             GError             **error);

/* Erasure (spec/privacy.md): @email and @name become @pseudonym and
 * @pseudonym_name in every meeting @email organises or attends (columns
 * and stored text), in the caller's transaction: how many, or -1. */
/* A large import into a store that holds fewer meetings sets aside the
 * indexes it does not read while it writes (*@bulk, for
 * _resfri_store_bulk_restore() before the import's end); *@bulk stays NULL
 * otherwise. In the import's transaction. */
gboolean _resfri_importer_begin_bulk        (ResfriStore         *self,
                                             guint                n_events,
                                             ResfriStoreBulk    **bulk,
                                             GError             **error);

gint64   _resfri_importer_pseudonymise_person (ResfriStore  *self,
                                               const char   *email,
                                               const char   *name,
                                               const char   *pseudonym,
                                               const char   *pseudonym_name,
                                               GError      **error);

G_END_DECLS
