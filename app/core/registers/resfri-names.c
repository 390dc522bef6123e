/* resfri-names.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The names of resfri-names.h, looked up in the registers' snapshot.
 */

#include "config.h"

#include "resfri-names.h"
#include "resfri-registers.h"

struct _ResfriNames
{
  ResfriRegisters *registers;
};

void
resfri_names_free (ResfriNames *names)
{
  if (names == NULL)
    return;

  g_clear_pointer (&names->registers, resfri_registers_unref);
  g_free (names);
}

ResfriNames *
resfri_names_load (ResfriStore  *store,
                   GError      **error)
{
  g_autoptr(ResfriNames) names = g_new0 (ResfriNames, 1);

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  if (!(names->registers = resfri_registers_load (store, 0, error)))
    return NULL;

  return g_steal_pointer (&names);
}

const char *
resfri_names_get_site_code (ResfriNames *names,
                            gint64       site_id)
{
  const ResfriRegisterSite *site = resfri_registers_get_site (names->registers, site_id);

  return site != NULL ? site->code : NULL;
}

const char *
resfri_names_get_site_name (ResfriNames *names,
                            gint64       site_id)
{
  const ResfriRegisterSite *site = resfri_registers_get_site (names->registers, site_id);

  return site != NULL ? site->name : NULL;
}

const char *
resfri_names_get_room_code (ResfriNames *names,
                            gint64       room_id)
{
  const ResfriRegisterRoom *room = resfri_registers_get_room (names->registers, room_id);

  return room != NULL ? room->code : NULL;
}

const char *
resfri_names_get_room_name (ResfriNames *names,
                            gint64       room_id)
{
  const ResfriRegisterRoom *room = resfri_registers_get_room (names->registers, room_id);

  return room != NULL ? room->name : NULL;
}

const char *
resfri_names_get_unit_path (ResfriNames *names,
                            gint64       unit_id)
{
  const ResfriRegisterUnit *unit = resfri_registers_get_unit (names->registers, unit_id);

  return unit != NULL ? unit->path : NULL;
}
