/* resfri-composer-choice.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A choice of the New Meeting window's completion popovers: a person, a
 * room or a site, with the title and subtitle its row shows and the
 * casefolded text that typing is matched against.
 */

#include "config.h"

#include <string.h>

#include "resfri-composer-choice.h"

struct _ResfriComposerChoice
{
  GObject  parent_instance;

  char    *key;       /* email, or room code ("" for a whole site) */
  char    *site;      /* site code */
  char    *title;
  char    *subtitle;
  char    *haystack;  /* casefolded title and subtitle */
};

G_DEFINE_FINAL_TYPE (ResfriComposerChoice, resfri_composer_choice, G_TYPE_OBJECT)

static void
resfri_composer_choice_finalize (GObject *object)
{
  ResfriComposerChoice *self = RESFRI_COMPOSER_CHOICE (object);

  g_free (self->key);
  g_free (self->site);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->haystack);

  G_OBJECT_CLASS (resfri_composer_choice_parent_class)->finalize (object);
}

static void
resfri_composer_choice_class_init (ResfriComposerChoiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = resfri_composer_choice_finalize;
}

static void
resfri_composer_choice_init (ResfriComposerChoice *self)
{
}

/* @key: an email, or a room code ("" for a whole site); @site: a site code. */
ResfriComposerChoice *
resfri_composer_choice_new (const char *key,
                            const char *site,
                            const char *title,
                            const char *subtitle)
{
  ResfriComposerChoice *choice = g_object_new (RESFRI_TYPE_COMPOSER_CHOICE, NULL);
  g_autofree char *both = g_strconcat (title, " ", subtitle, NULL);

  choice->key = g_strdup (key);
  choice->site = g_strdup (site);
  choice->title = g_strdup (title);
  choice->subtitle = g_strdup (subtitle);
  choice->haystack = g_utf8_casefold (both, -1);

  return choice;
}

const char *
resfri_composer_choice_get_key (ResfriComposerChoice *self)
{
  g_return_val_if_fail (RESFRI_IS_COMPOSER_CHOICE (self), NULL);

  return self->key;
}

const char *
resfri_composer_choice_get_site (ResfriComposerChoice *self)
{
  g_return_val_if_fail (RESFRI_IS_COMPOSER_CHOICE (self), NULL);

  return self->site;
}

const char *
resfri_composer_choice_get_title (ResfriComposerChoice *self)
{
  g_return_val_if_fail (RESFRI_IS_COMPOSER_CHOICE (self), NULL);

  return self->title;
}

const char *
resfri_composer_choice_get_subtitle (ResfriComposerChoice *self)
{
  g_return_val_if_fail (RESFRI_IS_COMPOSER_CHOICE (self), NULL);

  return self->subtitle;
}

/* Whether the title or subtitle contains @needle (casefolded already). */
gboolean
resfri_composer_choice_matches (ResfriComposerChoice *self,
                                const char           *needle)
{
  g_return_val_if_fail (RESFRI_IS_COMPOSER_CHOICE (self), FALSE);

  return needle != NULL && strstr (self->haystack, needle) != NULL;
}
