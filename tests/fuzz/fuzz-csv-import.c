/* fuzz-csv-import.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The five register importers. The first byte picks the register ('s'ites,
 * 'p'eople, 'r'ooms, 'i'nventory, 'd'istances; any other byte modulo 5),
 * the rest is the CSV. One store in a temporary folder, filled once with a
 * few rows of every register so that lookups and upserts find something;
 * every input is imported inside a transaction that is rolled back, so
 * runs do not depend on each other.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "resfri-register-private.h"
#include "resfri-store-private.h"

static const char * const seed_data[RESFRI_N_REGISTERS] = {
  "id,name,latitude,longitude\n"
  "VBG,Vänersborg,58.3807,12.3234\nUDD,Uddevalla,58.3498,11.9381\n"
  "STR,Strömstad,58.9395,11.1712\nAML,Åmål,59.0509,12.7037\n",
  "email,name,unit,site,role\n"
  "anna@vanersborg.se,Anna Svensson,Kommunstyrelsen/IT,VBG,\n"
  "erik@uddevalla.se,Erik Lind,Socialnämnden,UDD,politician\n",
  "id,name,site,capacity,email,aliases,vc\n"
  "R1,Sessionssalen,VBG,60,sess@vanersborg.se,KF-salen;Sessionen,yes\n"
  "R2,Rum 2,UDD,6,,,no\n",
  "asset_tag,type,site,owner_email,state,model,cost\n"
  "H-1,headset,VBG,anna@vanersborg.se,ok,Jabra,900\n"
  "C-1,camera,UDD,,broken,,\n",
  "from,to,km\nVBG,UDD,24\nSTR,AML,160\n",
};

static ResfriStore *store;
static char *store_dir;

static void
remove_store (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&store);
  if (store_dir == NULL || !(dir = g_dir_open (store_dir, 0, NULL)))
    return;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (store_dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (store_dir);
}

static void
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!(store_dir = g_dir_make_tmp ("resfri-fuzz-csv-import-XXXXXX", &error)))
    g_error ("%s", error->message);
  path = g_build_filename (store_dir, "fuzz.db", NULL);
  if (!(store = resfri_store_open (path, &error)))
    g_error ("%s", error->message);

  /* The data is not durable anyway. */
  if (!_resfri_store_exec (store, "PRAGMA synchronous = OFF", &error))
    g_error ("%s", error->message);

  for (guint kind = 0; kind < RESFRI_N_REGISTERS; kind++)
    if (!resfri_register_import_data (store, kind, "seed.csv", seed_data[kind],
                                      strlen (seed_data[kind]), NULL, &error))
      g_error ("%s", error->message);

  atexit (remove_store);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  ResfriRegisterStats stats = { 0 };
  ResfriRegister kind;

  if (size < 1)
    return 0;

  if (store == NULL)
    open_store ();

  switch (data[0])
    {
    case 's': kind = RESFRI_REGISTER_SITES; break;
    case 'p': kind = RESFRI_REGISTER_PEOPLE; break;
    case 'r': kind = RESFRI_REGISTER_ROOMS; break;
    case 'i': kind = RESFRI_REGISTER_INVENTORY; break;
    case 'd': kind = RESFRI_REGISTER_DISTANCES; break;
    default: kind = data[0] % RESFRI_N_REGISTERS; break;
    }

  /* Exactly sized (at least one byte, for malloc), without a NUL. */
  copy = g_malloc (MAX (size - 1, 1));
  memcpy (copy, data + 1, size - 1);

  if (!_resfri_store_begin (store, &error))
    g_error ("%s", error->message);

  if (_resfri_register_import_in_transaction (store, kind, "fuzz.csv", copy, size - 1,
                                              &stats, &error))
    {
      if (stats.rows != stats.inserted + stats.updated + stats.unchanged)
        abort ();
    }
  else
    {
      /* Bad input is refused as such, naming the file. */
      if (!g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT) ||
          !g_str_has_prefix (error->message, "fuzz.csv:"))
        {
          g_printerr ("unexpected error: %s\n", error->message);
          abort ();
        }
    }

  _resfri_store_rollback (store);
  return 0;
}
