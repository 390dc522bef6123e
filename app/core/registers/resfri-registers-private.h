/* resfri-registers-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registers' reads that the snapshot (resfri-registers.h) does not
 * keep, for the core files that would otherwise query the register tables
 * themselves: one row looked up by its key (the New Meeting window's
 * venue and people), and whole lists in the order a caller shows them (the
 * people, the venues, the people with and without personal equipment).
 * Each is one query; resfri-registers.c owns them. Not for the CLI or the
 * UI.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-registers.h"

G_BEGIN_DECLS

/* A room with its site, or a site alone (@room, @email NULL). */
typedef struct
{
  char     *room;        /* the room's code */
  char     *name;        /* the room's name (NULL for a site looked up
                          * alone, the site's name in the venue list) */
  char     *email;
  char     *site;        /* the site's code */
  char     *site_name;
  gint64    site_id;
  gint64    capacity;    /* 0 for a site */
  gboolean  vc;
} ResfriRegistersVenue;

void        _resfri_registers_venue_clear     (ResfriRegistersVenue  *venue);
void        _resfri_registers_venue_free      (ResfriRegistersVenue  *venue);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ResfriRegistersVenue, _resfri_registers_venue_clear)

/* The room whose code is @room (@room not NULL), else the site whose code
 * is @site: 1 when found (@venue filled; not @venue->room), 0 when not, -1
 * and @error when reading failed. */
int         _resfri_registers_read_venue      (ResfriStore           *store,
                                               const char            *room,
                                               const char            *site,
                                               ResfriRegistersVenue  *venue,
                                               GError               **error);
/* (element-type ResfriRegistersVenue) Every room with its site, by site
 * name then room name, then every site (name: the site's name), by name. */
GPtrArray  *_resfri_registers_list_venues     (ResfriStore           *store,
                                               GError               **error);

/* A person and their home site. */
typedef struct
{
  gint64  id;
  char   *name;
  char   *site;        /* the site's code */
  char   *site_name;
  gint64  site_id;
} ResfriRegistersPersonRow;

void        _resfri_registers_person_row_clear (ResfriRegistersPersonRow *row);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ResfriRegistersPersonRow, _resfri_registers_person_row_clear)

/* The person whose email is @email (ASCII letters without case): 1 when
 * found (@row filled), 0 when not, -1 and @error when reading failed. */
int         _resfri_registers_read_person_row (ResfriStore               *store,
                                               const char                *email,
                                               ResfriRegistersPersonRow  *row,
                                               GError                   **error);

/* Every person: email, name, unit path and home site code; by name, then
 * email. */
typedef void (*ResfriRegistersPersonFunc) (const char *email,
                                           const char *name,
                                           const char *unit,
                                           const char *site,
                                           gpointer    user_data);

gboolean    _resfri_registers_read_people     (ResfriStore                *store,
                                               ResfriRegistersPersonFunc   func,
                                               gpointer                    user_data,
                                               GError                    **error);

/* Each headset and camera in state ok that a person owns, in no order:
 * its owner's id, and whether it is a headset (otherwise a camera). */
typedef void (*ResfriRegistersOwnedKitFunc) (gint64    owner_id,
                                             gboolean  headset,
                                             gpointer  user_data);

gboolean    _resfri_registers_foreach_owned_kit (ResfriStore                 *store,
                                                 ResfriRegistersOwnedKitFunc  func,
                                                 gpointer                     user_data,
                                                 GError                     **error);

/* Every person with whether they own a headset and a camera in state ok;
 * by unit path, then email. */
typedef struct
{
  gint64      id;
  const char *email;
  const char *name;
  const char *unit;        /* the unit's path */
  gint64      unit_id;
  const char *unit_name;   /* the unit's own name */
  const char *site;        /* the home site's code */
  gboolean    has_headset;
  gboolean    has_camera;
} ResfriRegistersKitRow;

typedef void (*ResfriRegistersKitFunc)    (const ResfriRegistersKitRow *row,
                                           gpointer                     user_data);

gboolean    _resfri_registers_read_kits       (ResfriStore                *store,
                                               ResfriRegistersKitFunc      func,
                                               gpointer                    user_data,
                                               GError                    **error);

/* The same rows from @registers, read with RESFRI_REGISTERS_NAMES, with
 * no query: %FALSE, and no row, where it does not hold every person as
 * stored (a row without a valid email, two emails one when lowered). */
gboolean    _resfri_registers_snapshot_kits   (ResfriRegisters            *registers,
                                               ResfriRegistersKitFunc      func,
                                               gpointer                    user_data);

/* In resfri-registers.c: the people of @registers read with
 * RESFRI_REGISTERS_NAMES (no former person), in no order; %NULL where it
 * does not hold every people row. */
GPtrArray  *_resfri_registers_dup_people      (ResfriRegisters            *registers);

/* Per unit whose own people (not its sub-units') lack a headset or a
 * camera of their own in state ok: how many people it has and lack each;
 * by unit path. */
typedef void (*ResfriRegistersUnitKitFunc) (const char *unit,
                                            guint       n_people,
                                            guint       no_headset,
                                            guint       no_camera,
                                            gpointer    user_data);

gboolean    _resfri_registers_read_unit_kits  (ResfriStore                 *store,
                                               ResfriRegistersUnitKitFunc   func,
                                               gpointer                     user_data,
                                               GError                     **error);

/* Every site's id and code. */
typedef void (*ResfriRegistersSiteFunc)   (gint64      id,
                                           const char *code,
                                           gpointer    user_data);

gboolean    _resfri_registers_read_site_codes (ResfriStore                *store,
                                               ResfriRegistersSiteFunc     func,
                                               gpointer                    user_data,
                                               GError                    **error);

/* Personal data (spec/privacy.md; privacy/ reads and erases through
 * these). A person's register row. */
typedef struct
{
  gint64  id;
  char   *email;
  char   *name;
  char   *unit;        /* the unit's path */
  char   *site;        /* the site's code */
  char   *site_name;
  char   *role;
} ResfriRegistersPersonRecord;

void        _resfri_registers_person_record_clear (ResfriRegistersPersonRecord *record);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ResfriRegistersPersonRecord,
                                  _resfri_registers_person_record_clear)

/* The person whose email is @email (ASCII letters without case): 1 when
 * found, 0 when not, -1 and @error when reading failed. */
int         _resfri_registers_read_person_record (ResfriStore                  *store,
                                                  const char                   *email,
                                                  ResfriRegistersPersonRecord  *record,
                                                  GError                      **error);
/* Takes the person @person_id out of the register (in the caller's
 * transaction), leaving a former_people row with their unit, site and
 * role: its id N, the pseudonym `former-N@invalid`, or 0 and @error. */
gint64      _resfri_registers_erase_person       (ResfriStore                  *store,
                                                  gint64                        person_id,
                                                  GError                      **error);
/* The id N of a pseudonym `former-N@invalid`, else 0. */
gint64      _resfri_registers_parse_former       (const char                   *email);

G_END_DECLS
