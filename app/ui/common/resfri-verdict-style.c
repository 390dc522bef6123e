/* resfri-verdict-style.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The colour of a verdict badge (style.css: .verdict-travel-free and its
 * siblings), one place for the Meetings view and the New Meeting window.
 */

#include "config.h"

#include "resfri-verdict-style.h"

static const char * const verdict_classes[] = {
  [RESFRI_VERDICT_TRAVEL_FREE] = "verdict-travel-free",
  [RESFRI_VERDICT_LOCAL] = "verdict-local",
  [RESFRI_VERDICT_EXEMPT] = "verdict-exempt",
  [RESFRI_VERDICT_NON_COMPLIANT] = "verdict-non-compliant",
  [RESFRI_VERDICT_UNKNOWN] = "verdict-unknown",
};

/**
 * resfri_verdict_style_clear:
 *
 * Takes every verdict's colour off @widget.
 */
void
resfri_verdict_style_clear (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (guint i = 0; i < G_N_ELEMENTS (verdict_classes); i++)
    if (verdict_classes[i] != NULL)
      gtk_widget_remove_css_class (widget, verdict_classes[i]);
}

/**
 * resfri_verdict_style_apply:
 *
 * Gives @widget the colour of @verdict (an unknown value: the colour of
 * unknown), and no other verdict's.
 */
void
resfri_verdict_style_apply (GtkWidget     *widget,
                            ResfriVerdict  verdict)
{
  const char *css_class = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  resfri_verdict_style_clear (widget);
  if ((guint) verdict < G_N_ELEMENTS (verdict_classes))
    css_class = verdict_classes[verdict];
  gtk_widget_add_css_class (widget, css_class != NULL ? css_class : "verdict-unknown");
}
