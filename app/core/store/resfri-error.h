/* resfri-error.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RESFRI_ERROR (resfri_error_quark ())

/**
 * ResfriError:
 * @RESFRI_ERROR_FAILED: anything not listed below
 * @RESFRI_ERROR_DATABASE: sqlite failed (I/O, corruption, locked too long)
 * @RESFRI_ERROR_INVALID_INPUT: a file or value from outside is malformed;
 *   the message starts with `FILE:LINE:` when it comes from a file
 * @RESFRI_ERROR_NOT_FOUND: a named row (site, person, tag, uid) does not exist
 * @RESFRI_ERROR_CONFLICT: a uniqueness rule or a booking overlap was violated
 * @RESFRI_ERROR_NEWER_SCHEMA: the database was written by a newer Resfri
 * @RESFRI_ERROR_NOT_RESFRI: the file is not a Resfri database
 * @RESFRI_ERROR_INVALID_ICAL: an iCalendar stream could not be understood
 * @RESFRI_ERROR_DAMAGED: the database file is damaged (sqlite found it
 *   corrupt): nothing more is written to it
 * @RESFRI_ERROR_CANCELLED: unused; cancellation uses G_IO_ERROR_CANCELLED
 */
typedef enum
{
  RESFRI_ERROR_FAILED,
  RESFRI_ERROR_DATABASE,
  RESFRI_ERROR_INVALID_INPUT,
  RESFRI_ERROR_NOT_FOUND,
  RESFRI_ERROR_CONFLICT,
  RESFRI_ERROR_NEWER_SCHEMA,
  RESFRI_ERROR_NOT_RESFRI,
  RESFRI_ERROR_INVALID_ICAL,
  RESFRI_ERROR_DAMAGED,
} ResfriError;

GQuark resfri_error_quark (void);

G_END_DECLS
