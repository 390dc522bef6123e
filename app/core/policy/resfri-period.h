/* resfri-period.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follow-up periods (spec/policy.md "Follow-up periods"): a year, a tertial,
 * a half year, a quarter, a month, the interim report period Jan–Aug, or an
 * inclusive range of dates, as the half-open interval [from, to) of UTC
 * instants of Europe/Stockholm midnights.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RESFRI_PERIOD_YEAR,
  RESFRI_PERIOD_TERTIAL,
  RESFRI_PERIOD_HALF_YEAR,
  RESFRI_PERIOD_QUARTER,
  RESFRI_PERIOD_MONTH,
  RESFRI_PERIOD_INTERIM,
  RESFRI_PERIOD_RANGE,
} ResfriPeriodKind;

typedef struct _ResfriPeriod ResfriPeriod;

/* Parses `YYYY`, `YYYY-Tn` (1–3), `YYYY-Hn` (1–2), `YYYY-Qn` (1–4),
 * `YYYY-MM`, `YYYY-D` or `YYYY-MM-DD..YYYY-MM-DD` (both days included, the
 * first not after the second); years 1970–2199. Anything else is
 * RESFRI_ERROR_INVALID_INPUT with a message listing the forms. */
ResfriPeriod     *resfri_period_parse            (const char          *text,
                                                  GError             **error);
void              resfri_period_free             (ResfriPeriod        *self);

/* The same period one year earlier ("2025-T1" for "2026-T1"; a range's
 * 29 February becomes the 28th). */
ResfriPeriod     *resfri_period_previous_year    (const ResfriPeriod  *self);

ResfriPeriodKind  resfri_period_get_kind         (const ResfriPeriod  *self);
/* The canonical text of the period, as resfri_period_parse() takes it. */
const char       *resfri_period_get_label        (const ResfriPeriod  *self);
/* UTC unix seconds: the first instant in the period and the first after. */
gint64            resfri_period_get_from         (const ResfriPeriod  *self);
gint64            resfri_period_get_to           (const ResfriPeriod  *self);

/* The first and the last day of the period, "2026-01-01" and "2026-12-31". */
char             *resfri_period_dup_first_day    (const ResfriPeriod  *self);
char             *resfri_period_dup_last_day     (const ResfriPeriod  *self);

/* The calendar months the period touches, in order (a range may start or
 * end inside a month). */
guint             resfri_period_get_n_months     (const ResfriPeriod  *self);
void              resfri_period_get_month        (const ResfriPeriod  *self,
                                                  guint                index,
                                                  int                 *year,
                                                  int                 *month);
/* "2026-03" */
char             *resfri_period_dup_month_label  (const ResfriPeriod  *self,
                                                  guint                index);
/* The index of the month (Europe/Stockholm) that the instant @t falls in,
 * or -1 when @t is outside [from, to). */
int               resfri_period_find_month       (const ResfriPeriod  *self,
                                                  gint64               t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriPeriod, resfri_period_free)

G_END_DECLS
