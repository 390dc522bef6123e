/* resfri-registers.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "resfri-store.h"

G_BEGIN_DECLS

/* One snapshot of the registers (units, sites, distances, rooms with their
 * aliases, people with their working personal headsets and cameras), read
 * in one go and shared by every reader that needs more than a row or two:
 * the policy check, the names in reports and lists. Entries are owned by
 * the snapshot and live as long as it does. A snapshot is not changed after
 * it is read, except for its caches (distances, people read lazily), so
 * one snapshot belongs to one thread at a time. */

typedef struct
{
  gint64  id;
  char   *path;         /* "Parent/Child" */
  char   *name;         /* its own name */
} ResfriRegisterUnit;

typedef struct
{
  gint64  id;
  char   *code;
  char   *name;
  char   *folded_name;  /* trimmed and casefolded, for matching LOCATION */
  double  latitude;
  double  longitude;
} ResfriRegisterSite;

typedef struct
{
  gint64    id;
  char     *code;
  char     *name;
  gint64    site_id;
  gboolean  vc;         /* fixed video-conference equipment */
} ResfriRegisterRoom;

typedef struct
{
  gint64    id;
  char     *email;      /* lower-case UTF-8, the key of a lookup */
  gint64    site_id;    /* the home site */
  gint64    unit_id;
  gboolean  has_headset;  /* owns a headset in state ok */
  gboolean  has_camera;   /* owns a camera in state ok */
  char     *name;         /* with RESFRI_REGISTERS_NAMES, else NULL */
  char     *address;      /* with RESFRI_REGISTERS_NAMES: the email as stored,
                           * where it is not @email; else NULL */
} ResfriRegisterPerson;

typedef enum
{
  /* Read every person (and their personal items) up front; without it,
   * people are read one at a time, when first looked up: cheaper for a
   * window that meets a few of 60,000. */
  RESFRI_REGISTERS_ALL_PEOPLE = 1 << 0,
  /* With RESFRI_REGISTERS_ALL_PEOPLE: each person's name and email as
   * stored too, for a list of people (the gaps' people without
   * equipment). */
  RESFRI_REGISTERS_NAMES = 1 << 1,
} ResfriRegistersFlags;

typedef struct _ResfriRegisters ResfriRegisters;

ResfriRegisters            *resfri_registers_load              (ResfriStore           *store,
                                                                ResfriRegistersFlags   flags,
                                                                GError               **error);
ResfriRegisters            *resfri_registers_ref               (ResfriRegisters       *self);
void                        resfri_registers_unref             (ResfriRegisters       *self);

const ResfriRegisterUnit   *resfri_registers_get_unit          (ResfriRegisters       *self,
                                                                gint64                 id);
const ResfriRegisterSite   *resfri_registers_get_site          (ResfriRegisters       *self,
                                                                gint64                 id);
GPtrArray                  *resfri_registers_dup_unit_paths    (ResfriRegisters       *self);
guint                       resfri_registers_get_n_sites       (ResfriRegisters       *self);
const ResfriRegisterSite   *resfri_registers_get_nth_site      (ResfriRegisters       *self,
                                                                guint                  n);
const ResfriRegisterSite   *resfri_registers_match_site_prefix (ResfriRegisters       *self,
                                                                const char            *folded);
double                      resfri_registers_distance          (ResfriRegisters       *self,
                                                                gint64                 site_a,
                                                                gint64                 site_b,
                                                                double                 detour_factor);

guint                       resfri_registers_get_n_rooms       (ResfriRegisters       *self);
const ResfriRegisterRoom   *resfri_registers_get_nth_room      (ResfriRegisters       *self,
                                                                guint                  n);
const ResfriRegisterRoom   *resfri_registers_get_room          (ResfriRegisters       *self,
                                                                gint64                 id);
const ResfriRegisterRoom   *resfri_registers_find_room_by_email (ResfriRegisters      *self,
                                                                const char            *email);
const ResfriRegisterRoom   *resfri_registers_find_room_by_name (ResfriRegisters       *self,
                                                                const char            *folded);

gboolean                    resfri_registers_find_person       (ResfriRegisters       *self,
                                                                const char            *email,
                                                                const ResfriRegisterPerson **person,
                                                                GError               **error);

char                       *resfri_registers_fold              (const char            *text);
double                      resfri_registers_great_circle      (double                 lat_a,
                                                                double                 lon_a,
                                                                double                 lat_b,
                                                                double                 lon_b);

/* The units as a tree, for the follow-up, without a snapshot: @func gets
 * every unit with its parent's id (0 for a root) and its own name. */
typedef void (*ResfriRegisterUnitFunc) (gint64      id,
                                        gint64      parent_id,
                                        const char *name,
                                        const char *path,
                                        gpointer    user_data);

gboolean                    _resfri_registers_foreach_unit     (ResfriStore           *store,
                                                                ResfriRegisterUnitFunc func,
                                                                gpointer               user_data,
                                                                GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriRegisters, resfri_registers_unref)

G_END_DECLS
