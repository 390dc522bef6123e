/* resfri-register-import.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of a register import share (resfri-register.c reads the
 * file and keeps the transaction, resfri-register-values.c checks the
 * values of a row, resfri-register-rows.c stores a row of each register).
 */

#pragma once

#include <glib/gi18n-lib.h>

#include "resfri-register-private.h"
#include "resfri-store-private.h"

G_BEGIN_DECLS

#define MAX_COLUMNS 8

typedef enum
{
  TYPE_TEXT,
  TYPE_REAL,
  TYPE_INT,
  TYPE_BOOL,
  TYPE_LIST,
} ColumnType;

typedef struct
{
  const char *name;
  gboolean    required;
  ColumnType  type;
} Column;

typedef struct _Import Import;
typedef gboolean (*ImportRowFunc) (Import  *imp,
                                   GError **error);

typedef struct
{
  const char    *name;
  const Column  *columns;
  ImportRowFunc  import_row;
} RegisterInfo;

struct _Import
{
  ResfriStore         *store;
  const RegisterInfo  *info;
  const char          *filename;
  guint                n_columns;
  int                  map[MAX_COLUMNS];    /* column -> field index, or -1 */
  char                *values[MAX_COLUMNS]; /* trimmed, never NULL */
  guint                line;
  GHashTable          *seen;                /* key -> first line */
  GHashTable          *seen_emails;         /* rooms: email -> first line */
  GHashTable          *units;               /* path -> gint64 id */
  ResfriRegisterStats *stats;
};

/* Column positions, in the order of the column tables in resfri-register.c. */
enum { SITE_ID, SITE_NAME, SITE_LATITUDE, SITE_LONGITUDE };
enum { PERSON_EMAIL, PERSON_NAME, PERSON_UNIT, PERSON_SITE, PERSON_ROLE };
enum { ROOM_ID, ROOM_NAME, ROOM_SITE, ROOM_CAPACITY, ROOM_EMAIL, ROOM_ALIASES, ROOM_VC };
enum { ITEM_TAG, ITEM_TYPE, ITEM_SITE, ITEM_OWNER, ITEM_STATE, ITEM_MODEL, ITEM_COST, ITEM_EMAIL };
enum { DISTANCE_FROM, DISTANCE_TO, DISTANCE_KM };
gboolean    _resfri_register_row_error         (Import      *imp,
                                                GError     **error,
                                                const char  *format,
                                                ...) G_GNUC_PRINTF (3, 4);
gboolean    _resfri_register_db_error          (Import      *imp,
                                                GError     **error);
const char *_resfri_register_column_name       (Import      *imp,
                                                guint        column);
gboolean    _resfri_register_parse_real        (Import      *imp,
                                                guint        column,
                                                double      *out,
                                                GError     **error);
gboolean    _resfri_register_parse_non_negative (Import     *imp,
                                                guint        column,
                                                double      *out,
                                                GError     **error);
gboolean    _resfri_register_parse_in_range    (Import      *imp,
                                                guint        column,
                                                double       limit,
                                                double      *out,
                                                GError     **error);
gboolean    _resfri_register_parse_count       (Import      *imp,
                                                guint        column,
                                                gint64      *out,
                                                GError     **error);
gboolean    _resfri_register_check_email       (Import      *imp,
                                                guint        column,
                                                GError     **error);
int         _resfri_register_parse_choice      (const char         *text,
                                                const char * const *choices);
gboolean    _resfri_register_check_duplicate   (Import      *imp,
                                                GHashTable  *seen,
                                                const char  *key,
                                                guint        column,
                                                GError     **error);

gboolean    _resfri_register_import_site       (Import      *imp,
                                                GError     **error);
gboolean    _resfri_register_import_person     (Import      *imp,
                                                GError     **error);
gboolean    _resfri_register_import_room       (Import      *imp,
                                                GError     **error);
gboolean    _resfri_register_import_item       (Import      *imp,
                                                GError     **error);
gboolean    _resfri_register_import_distance   (Import      *imp,
                                                GError     **error);

/* The listing (resfri-register-rows.c): @func gets each row, a value
 * per column of @columns, in order; the member that the column's type
 * reads is set (@text for TYPE_TEXT and TYPE_LIST, @real, @integer for
 * TYPE_INT and TYPE_BOOL), unless @null. @empty: the stored value is the
 * empty text (in a column of any type). Valid during the call. */
typedef struct
{
  gboolean    null;
  gboolean    empty;
  const char *text;
  double      real;
  gint64      integer;
} ListValue;

typedef gboolean (*ListRowFunc) (const ListValue  *values,
                                 const Column     *columns,
                                 gpointer          user_data);

gboolean    _resfri_register_list_rows         (ResfriStore     *store,
                                                ResfriRegister   kind,
                                                const Column    *columns,
                                                ListRowFunc      func,
                                                gpointer         user_data,
                                                GError         **error);

G_END_DECLS
