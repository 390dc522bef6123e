/* cli-csv.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-cli.h"

const ResfriCliCommand resfri_cli_csv_commands[] = {
  { NULL }
};
