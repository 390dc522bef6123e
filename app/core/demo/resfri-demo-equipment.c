/* resfri-demo-equipment.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo's equipment: personal headsets and cameras with holes (a third of
 * the staff lack a working one, more in care and schools), some broken or
 * retired, and a loan pool of headsets, cameras and video kits per town.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-demo-private.h"

static const ModelDef headset_models[] = {
  { "Jabra Evolve2 40", 1190 }, { "Jabra Evolve2 65", 2190 },
  { "Poly Blackwire 3320", 590 }, { "EPOS Adapt 160", 690 },
};
static const ModelDef camera_models[] = {
  { "Logitech C920", 890 }, { "Logitech Brio 4K", 2190 }, { "Microsoft Modern Webcam", 790 },
};
static const ModelDef vc_models[] = {
  { "Logitech Rally Bar Mini", 39900 }, { "Poly Studio X30", 29900 }, { "Yealink UVC40", 14900 },
};

#define PICK_MODEL(d, models) (&(models)[rnd ((d), G_N_ELEMENTS (models))])

/* Personal equipment with holes (about a third of the staff lack a working
 * headset or camera, more in care and schools), and a loan pool per town. */
gboolean
_resfri_demo_add_equipment (Demo    *d,
                            GError **error)
{
  /* Chance to own a headset, a camera, by profile. */
  static const double has_headset[] = { 0.92, 0.78, 0.82, 0.70 };
  static const double has_camera[] = { 0.93, 0.80, 0.85, 0.75 };
  guint staff[N_OWN_SITES] = { 0 };

  if (!_resfri_demo_lookup_types (d, error))
    return FALSE;

  for (guint i = 0; i < d->people->len; i++)
    {
      const Person *person = &g_array_index (d->people, Person, i);
      Profile profile = person->politician ? PROFILE_BOARD
                                           : _resfri_demo_units[person->unit].profile;

      staff[person->site]++;

      /* A worn-out headset handed back before the current one, or before
       * nothing at all. */
      if (chance (d, 0.04))
        if (!_resfri_demo_add_item (d, EQ_HEADSET, person->site, person, PICK_MODEL (d, headset_models),
                       "retired", error))
          return FALSE;

      if (chance (d, has_headset[profile]))
        if (!_resfri_demo_add_item (d, EQ_HEADSET, person->site, person, PICK_MODEL (d, headset_models),
                       chance (d, 0.06) ? "broken" : "ok", error))
          return FALSE;

      if (chance (d, has_camera[profile]))
        if (!_resfri_demo_add_item (d, EQ_CAMERA, person->site, person, PICK_MODEL (d, camera_models),
                       chance (d, 0.05) ? "broken" : "ok", error))
          return FALSE;

      if ((i & 1023) == 0)
        {
          if (check_cancelled (d, error))
            return FALSE;
          report_progress (d, 0.10 + 0.15 * i / d->people->len, _("Equipment"));
        }
    }

  for (guint s = 0; s < N_OWN_SITES; s++)
    {
      guint headsets = MAX (2, staff[s] / 40);
      guint cameras = MAX (1, staff[s] / 60);
      guint kits = MAX (1, staff[s] / 400);

      for (guint i = 0; i < headsets; i++)
        if (!_resfri_demo_add_item (d, EQ_HEADSET, s, NULL, PICK_MODEL (d, headset_models),
                       chance (d, 0.08) ? "broken" : chance (d, 0.03) ? "retired" : "ok", error))
          return FALSE;
      for (guint i = 0; i < cameras; i++)
        if (!_resfri_demo_add_item (d, EQ_CAMERA, s, NULL, PICK_MODEL (d, camera_models),
                       chance (d, 0.08) ? "broken" : "ok", error))
          return FALSE;
      for (guint i = 0; i < kits; i++)
        if (!_resfri_demo_add_item (d, EQ_VC, s, NULL, PICK_MODEL (d, vc_models),
                       i == 1 ? "broken" : "ok", error))
          return FALSE;
    }

  return TRUE;
}
