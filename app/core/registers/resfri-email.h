/* resfri-email.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Email addresses as calendars write them ("mailto:Anna@Example.se" in
 * ORGANIZER and ATTENDEE) and as Resfri compares them: without the
 * "mailto:" and the white space around it, folded to lower case.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "mailto:Anna@x.se " -> "Anna@x.se": without a leading "mailto:" (in any
 * case) and the white space around the address. NULL for NULL and when
 * nothing remains. */
char *resfri_email_strip_mailto (const char *value);

/* "mailto:Anna@Example.se " -> "anna@example.se": resfri_email_strip_mailto()
 * folded to lower case. NULL for NULL, when nothing remains and for text
 * that is not UTF-8. */
char *resfri_email_normalize    (const char *value);

G_END_DECLS
