/* resfri-registers.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The snapshot of the registers that every reader shares
 * (resfri-registers.h). Units, sites, distances and rooms are read whole:
 * a municipality has hundreds of them at most. People are read whole only
 * when asked (RESFRI_REGISTERS_ALL_PEOPLE); otherwise one indexed query per
 * person, when first looked up. Distances between sites are the distance
 * table's where it has the pair, else the great-circle distance (computed
 * once per pair) times the detour factor.
 *
 * At the end, the registers' reads that the snapshot does not keep
 * (resfri-registers-private.h): one row by its key, and whole lists in the
 * order their callers show them.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-registers-private.h"
#include "resfri-store-private.h"

#define EARTH_RADIUS_KM 6371.0

struct _ResfriRegisters
{
  gatomicrefcount  ref_count;
  ResfriStore     *store;          /* for people read lazily; NULL when all are read */

  GHashTable      *units;          /* gint64 * id → ResfriRegisterUnit * */
  GArray          *sites;          /* ResfriRegisterSite, by id */
  GHashTable      *site_index;     /* gint64 * id → index + 1 */
  double          *table_km;       /* n × n, the distance table's km, < 0 = none */
  double          *circle_km;      /* n × n, great-circle km, < 0 = not computed yet */
  GPtrArray       *rooms;          /* ResfriRegisterRoom *, by id */
  GHashTable      *room_by_id;     /* gint64 * id → ResfriRegisterRoom * */
  GHashTable      *room_by_email;  /* lower-case email → ResfriRegisterRoom * */
  GHashTable      *room_by_name;   /* folded name or alias → ResfriRegisterRoom * */
  GHashTable      *people;         /* lower-case email → ResfriRegisterPerson * */
  gboolean         every_row;      /* with names, every people row is in @people */
  GHashTable      *not_people;     /* lower-case emails looked up and unknown */
};

/* Helpers */

char *
resfri_registers_fold (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return g_utf8_casefold (trimmed, -1);
}

double
resfri_registers_great_circle (double lat_a,
                               double lon_a,
                               double lat_b,
                               double lon_b)
{
  double phi_a = lat_a * G_PI / 180.0;
  double phi_b = lat_b * G_PI / 180.0;
  double d_phi = (lat_b - lat_a) * G_PI / 180.0;
  double d_lambda = (lon_b - lon_a) * G_PI / 180.0;
  double h;

  /* Haversine: well conditioned for the short distances we meet. */
  h = sin (d_phi / 2) * sin (d_phi / 2) +
      cos (phi_a) * cos (phi_b) * sin (d_lambda / 2) * sin (d_lambda / 2);
  h = CLAMP (h, 0.0, 1.0);

  return 2.0 * EARTH_RADIUS_KM * asin (sqrt (h));
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return (text != NULL && g_utf8_validate (text, -1, NULL)) ? text : NULL;
}

static gboolean
finish_query (ResfriStore   *store,
              sqlite3_stmt  *stmt,
              int            rc,
              GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the registers"));
      return FALSE;
    }

  return TRUE;
}

static void
unit_free (gpointer data)
{
  ResfriRegisterUnit *unit = data;

  g_free (unit->path);
  g_free (unit->name);
  g_free (unit);
}

static void
site_clear (gpointer data)
{
  ResfriRegisterSite *site = data;

  g_free (site->code);
  g_free (site->name);
  g_free (site->folded_name);
}

static void
room_free (gpointer data)
{
  ResfriRegisterRoom *room = data;

  g_free (room->code);
  g_free (room->name);
  g_free (room);
}

static void
person_free (gpointer data)
{
  ResfriRegisterPerson *person = data;

  g_free (person->email);
  g_free (person->name);
  g_free (person->address);
  g_free (person);
}

/* A working personal headset, or camera. */
static void
person_add_item (ResfriRegisterPerson *person,
                 gboolean              headset)
{
  if (headset)
    person->has_headset = TRUE;
  else
    person->has_camera = TRUE;
}

/* person_add_item() of the person @owner_id in @by_id (the people by id),
 * if they are one. */
static void
owner_add_item (gint64   owner_id,
                gboolean headset,
                gpointer by_id)
{
  ResfriRegisterPerson *person = g_hash_table_lookup (by_id, &owner_id);

  if (person != NULL)
    person_add_item (person, headset);
}

/* Loading */

static gboolean
load_units (ResfriRegisters  *self,
            GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (self->store, "SELECT id, path, name FROM units", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriRegisterUnit *unit = g_new0 (ResfriRegisterUnit, 1);

      unit->id = sqlite3_column_int64 (stmt, 0);
      unit->path = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      unit->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_hash_table_replace (self->units, &unit->id, unit);
    }

  return finish_query (self->store, stmt, rc, error);
}

static gboolean
load_sites (ResfriRegisters  *self,
            GError          **error)
{
  sqlite3_stmt *stmt;
  gsize n;
  int rc;

  stmt = _resfri_store_prepare (self->store,
                                "SELECT id, code, name, latitude, longitude FROM sites ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = column_text (stmt, 2);
      ResfriRegisterSite site = {
        .id = sqlite3_column_int64 (stmt, 0),
        .code = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .name = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .folded_name = name ? resfri_registers_fold (name) : g_strdup (""),
        .latitude = sqlite3_column_double (stmt, 3),
        .longitude = sqlite3_column_double (stmt, 4),
      };

      g_array_append_val (self->sites, site);
    }
  if (!finish_query (self->store, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < self->sites->len; i++)
    g_hash_table_insert (self->site_index, &g_array_index (self->sites, ResfriRegisterSite, i).id,
                         GUINT_TO_POINTER (i + 1));

  n = self->sites->len;
  self->table_km = g_new (double, n * n);
  self->circle_km = g_new (double, n * n);
  for (gsize i = 0; i < n * n; i++)
    self->table_km[i] = self->circle_km[i] = -1;

  stmt = _resfri_store_prepare (self->store, "SELECT from_site, to_site, km FROM distances", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 from = sqlite3_column_int64 (stmt, 0);
      gint64 to = sqlite3_column_int64 (stmt, 1);
      guint a = GPOINTER_TO_UINT (g_hash_table_lookup (self->site_index, &from));
      guint b = GPOINTER_TO_UINT (g_hash_table_lookup (self->site_index, &to));
      double km = sqlite3_column_double (stmt, 2);

      if (a == 0 || b == 0)
        continue;
      self->table_km[(a - 1) * n + (b - 1)] = km;
      self->table_km[(b - 1) * n + (a - 1)] = km;
    }

  return finish_query (self->store, stmt, rc, error);
}

static gboolean
load_rooms (ResfriRegisters  *self,
            GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (self->store,
                                "SELECT id, site_id, vc, email, name, code FROM rooms ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriRegisterRoom *room = g_new0 (ResfriRegisterRoom, 1);
      const char *email = column_text (stmt, 3);
      const char *name = column_text (stmt, 4);

      room->id = sqlite3_column_int64 (stmt, 0);
      room->site_id = sqlite3_column_int64 (stmt, 1);
      room->vc = sqlite3_column_int (stmt, 2) != 0;
      room->name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      room->code = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (self->rooms, room);
      g_hash_table_insert (self->room_by_id, &room->id, room);

      if (email != NULL && *email != '\0')
        {
          g_autofree char *key = g_strstrip (g_utf8_strdown (email, -1));

          if (!g_hash_table_contains (self->room_by_email, key))
            g_hash_table_insert (self->room_by_email, g_steal_pointer (&key), room);
        }
      if (name != NULL)
        {
          g_autofree char *key = resfri_registers_fold (name);

          if (*key != '\0' && !g_hash_table_contains (self->room_by_name, key))
            g_hash_table_insert (self->room_by_name, g_steal_pointer (&key), room);
        }
    }
  if (!finish_query (self->store, stmt, rc, error))
    return FALSE;

  /* Names first (above), then aliases: a name wins over another room's
   * alias. */
  stmt = _resfri_store_prepare (self->store,
                                "SELECT a.alias, r.id FROM room_aliases a"
                                " JOIN rooms r ON r.id = a.room_id ORDER BY r.id, a.alias",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *alias = column_text (stmt, 0);
      gint64 room_id = sqlite3_column_int64 (stmt, 1);
      ResfriRegisterRoom *room = g_hash_table_lookup (self->room_by_id, &room_id);
      g_autofree char *key = NULL;

      if (alias == NULL || room == NULL)
        continue;
      key = resfri_registers_fold (alias);
      if (*key != '\0' && !g_hash_table_contains (self->room_by_name, key))
        g_hash_table_insert (self->room_by_name, g_steal_pointer (&key), room);
    }

  return finish_query (self->store, stmt, rc, error);
}

/* A person erased from the register (former_people: id, site_id,
 * unit_id), as their meetings name them: `former-ID@invalid`, with a
 * negative id that no people row has. They need no equipment: a headset
 * and a camera, so that no loan is planned for them. */
static ResfriRegisterPerson *
former_person (sqlite3_stmt *stmt)
{
  ResfriRegisterPerson *person = g_new0 (ResfriRegisterPerson, 1);

  person->id = -sqlite3_column_int64 (stmt, 0);
  person->email = g_strdup_printf ("former-%" G_GINT64_FORMAT "@invalid", -person->id);
  person->site_id = sqlite3_column_int64 (stmt, 1);
  person->unit_id = sqlite3_column_int64 (stmt, 2);
  person->has_headset = TRUE;
  person->has_camera = TRUE;

  return person;
}

static gboolean
read_former_person (ResfriRegisters       *self,
                    gint64                 id,
                    ResfriRegisterPerson **out,
                    GError               **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (self->store,
                                "SELECT id, site_id, unit_id FROM former_people WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out = former_person (stmt);
      rc = sqlite3_step (stmt);
    }

  return finish_query (self->store, stmt, rc, error);
}

/* Whether g_utf8_strdown() lowers ASCII text as g_ascii_tolower() does
 * letter by letter: everywhere but in a Turkic locale (a dotless 'ı' for
 * 'I'); a Lithuanian one changes 'I' and 'J' only before a combining
 * accent, which ASCII text has none of. */
static gboolean
ascii_down_is_simple (void)
{
  g_autofree char *i = g_utf8_strdown ("I", -1);

  return strcmp (i, "i") == 0;
}

/* g_utf8_strdown() of @email; an ASCII one, nearly every address, without
 * its tables where @ascii_simple (ascii_down_is_simple()). */
static char *
email_down (const char *email,
            gboolean    ascii_simple)
{
  gsize len = 0;
  char *down;

  if (!ascii_simple)
    return g_utf8_strdown (email, -1);
  for (; email[len] != '\0'; len++)
    if ((guchar) email[len] >= 0x80)
      return g_utf8_strdown (email, -1);
  down = g_malloc (len + 1);
  for (gsize i = 0; i <= len; i++)
    down[i] = g_ascii_tolower (email[i]);

  return down;
}

static gboolean
load_people (ResfriRegisters  *self,
             gboolean          names,
             GError          **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean ascii_simple = ascii_down_is_simple ();
  sqlite3_stmt *stmt;
  int rc;

  self->every_row = names;
  stmt = _resfri_store_prepare (self->store,
                                names ? "SELECT id, email, site_id, unit_id, name FROM people"
                                        " ORDER BY id"
                                      : "SELECT id, email, site_id, unit_id FROM people ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *email = column_text (stmt, 1);
      ResfriRegisterPerson *person;
      ResfriRegisterPerson *earlier;

      self->every_row &= email != NULL;
      if (email == NULL)
        continue;
      person = g_new0 (ResfriRegisterPerson, 1);
      person->id = sqlite3_column_int64 (stmt, 0);
      person->email = email_down (email, ascii_simple);
      person->site_id = sqlite3_column_int64 (stmt, 2);
      person->unit_id = sqlite3_column_int64 (stmt, 3);
      if (names)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 4);

          person->name = g_strdup (name != NULL ? name : "");
          person->address = strcmp (email, person->email) != 0 ? g_strdup (email) : NULL;
        }
      /* Two addresses that differ only in the case of a non-ASCII letter
       * (the NOCASE column lets both in) are one key: the later person
       * wins, and the earlier one, freed by the replace, must leave the
       * id index too. */
      if ((earlier = g_hash_table_lookup (self->people, person->email)) != NULL)
        {
          g_hash_table_remove (by_id, &earlier->id);
          self->every_row = FALSE;
        }
      g_hash_table_replace (self->people, person->email, person);
      g_hash_table_insert (by_id, &person->id, person);
    }
  if (!finish_query (self->store, stmt, rc, error))
    return FALSE;

  stmt = _resfri_store_prepare (self->store, "SELECT id, site_id, unit_id FROM former_people",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriRegisterPerson *person = former_person (stmt);

      g_hash_table_replace (self->people, person->email, person);
    }
  if (!finish_query (self->store, stmt, rc, error))
    return FALSE;

  return _resfri_registers_foreach_owned_kit (self->store, owner_add_item, by_id, error);
}

/* One person, read when first looked up: a few indexed queries instead of
 * reading every person and personal item (60,000 of each on the largest
 * demo; the New Meeting window checks its draft's hour at every change).
 * The same person as load_people() finds: the email compared as lower-case
 * UTF-8, the last of several matches (but for a stored email whose
 * non-ASCII letters lower-case to ASCII ones, such as the Kelvin sign,
 * which an ASCII key does not find through the NOCASE index). */
static gboolean
read_person (ResfriRegisters       *self,
             const char            *key,
             ResfriRegisterPerson **out,
             GError               **error)
{
  ResfriRegisterPerson *person = NULL;
  sqlite3_stmt *stmt;
  gboolean ascii = TRUE;
  int rc;

  *out = NULL;
  if (_resfri_registers_parse_former (key) > 0)
    return read_former_person (self, _resfri_registers_parse_former (key), out, error);
  for (const char *c = key; *c != '\0'; c++)
    if ((guchar) *c >= 0x80)
      ascii = FALSE;

  /* The email column compares ASCII letters without case (NOCASE); other
   * letters only by a scan. */
  if (ascii)
    {
      stmt = _resfri_store_prepare (self->store,
                                    "SELECT id, email, site_id, unit_id FROM people"
                                    " WHERE email = ?1 ORDER BY id",
                                    error);
      if (stmt != NULL)
        sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    }
  else
    stmt = _resfri_store_prepare (self->store,
                                  "SELECT id, email, site_id, unit_id FROM people ORDER BY id",
                                  error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *email = column_text (stmt, 1);
      g_autofree char *folded = NULL;

      if (email == NULL || strcmp ((folded = g_utf8_strdown (email, -1)), key) != 0)
        continue;
      if (person == NULL)
        person = g_new0 (ResfriRegisterPerson, 1);
      person->id = sqlite3_column_int64 (stmt, 0);
      person->site_id = sqlite3_column_int64 (stmt, 2);
      person->unit_id = sqlite3_column_int64 (stmt, 3);
    }
  if (!finish_query (self->store, stmt, rc, error))
    {
      g_free (person);
      return FALSE;
    }
  if (person == NULL)
    return TRUE;
  person->email = g_strdup (key);
  *out = person;

  stmt = _resfri_store_prepare (self->store,
                                "SELECT DISTINCT t.name = 'headset' FROM equipment e"
                                " JOIN equipment_types t ON t.id = e.type_id"
                                " WHERE e.owner_id = ?1 AND e.state = 'ok'"
                                "   AND t.name IN ('headset', 'camera')",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    person_add_item (person, sqlite3_column_int (stmt, 0) != 0);

  return finish_query (self->store, stmt, rc, error);
}

/* Public API */

ResfriRegisters *
resfri_registers_load (ResfriStore           *store,
                       ResfriRegistersFlags   flags,
                       GError               **error)
{
  g_autoptr(ResfriRegisters) self = g_new0 (ResfriRegisters, 1);

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->store = g_object_ref (store);
  self->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, unit_free);
  self->sites = g_array_new (FALSE, FALSE, sizeof (ResfriRegisterSite));
  g_array_set_clear_func (self->sites, site_clear);
  self->site_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->rooms = g_ptr_array_new_with_free_func (room_free);
  self->room_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->room_by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->room_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, person_free);
  self->not_people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!load_units (self, error) || !load_sites (self, error) || !load_rooms (self, error))
    return NULL;
  if ((flags & RESFRI_REGISTERS_ALL_PEOPLE) != 0)
    {
      if (!load_people (self, (flags & RESFRI_REGISTERS_NAMES) != 0, error))
        return NULL;
      /* Everyone is read: nobody is looked up later. */
      g_clear_object (&self->store);
    }

  return g_steal_pointer (&self);
}

ResfriRegisters *
resfri_registers_ref (ResfriRegisters *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
resfri_registers_unref (ResfriRegisters *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_object (&self->store);
  g_clear_pointer (&self->units, g_hash_table_unref);
  g_clear_pointer (&self->sites, g_array_unref);
  g_clear_pointer (&self->site_index, g_hash_table_unref);
  g_clear_pointer (&self->table_km, g_free);
  g_clear_pointer (&self->circle_km, g_free);
  g_clear_pointer (&self->room_by_id, g_hash_table_unref);
  g_clear_pointer (&self->room_by_email, g_hash_table_unref);
  g_clear_pointer (&self->room_by_name, g_hash_table_unref);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_hash_table_unref);
  g_clear_pointer (&self->not_people, g_hash_table_unref);
  g_free (self);
}

/* Every person's entry (not the former people's), where the snapshot was
 * read with RESFRI_REGISTERS_NAMES and holds every people row. */
GPtrArray *
_resfri_registers_dup_people (ResfriRegisters *self)
{
  GPtrArray *people;
  GHashTableIter iter;
  gpointer value;

  if (!self->every_row)
    return NULL;
  people = g_ptr_array_sized_new (g_hash_table_size (self->people));
  g_hash_table_iter_init (&iter, self->people);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((ResfriRegisterPerson *) value)->id > 0)
      g_ptr_array_add (people, value);

  return people;
}

const ResfriRegisterUnit *
resfri_registers_get_unit (ResfriRegisters *self,
                           gint64           id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_hash_table_lookup (self->units, &id);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/**
 * resfri_registers_dup_unit_paths:
 *
 * Returns: (transfer full) (element-type utf8): every unit's path, sorted
 */
GPtrArray *
resfri_registers_dup_unit_paths (ResfriRegisters *self)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  ResfriRegisterUnit *unit;

  g_return_val_if_fail (self != NULL, paths);

  g_hash_table_iter_init (&iter, self->units);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &unit))
    g_ptr_array_add (paths, g_strdup (unit->path));
  g_ptr_array_sort (paths, compare_paths);

  return paths;
}

/* The index + 1 of the site @id, 0 when unknown. */
static guint
site_index (ResfriRegisters *self,
            gint64           id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->site_index, &id));
}

const ResfriRegisterSite *
resfri_registers_get_site (ResfriRegisters *self,
                           gint64           id)
{
  guint i;

  g_return_val_if_fail (self != NULL, NULL);

  if ((i = site_index (self, id)) == 0)
    return NULL;
  return &g_array_index (self->sites, ResfriRegisterSite, i - 1);
}

guint
resfri_registers_get_n_sites (ResfriRegisters *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->sites->len;
}

/* The sites in the order of their ids. */
const ResfriRegisterSite *
resfri_registers_get_nth_site (ResfriRegisters *self,
                               guint            n)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n < self->sites->len, NULL);

  return &g_array_index (self->sites, ResfriRegisterSite, n);
}

guint
resfri_registers_get_n_rooms (ResfriRegisters *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rooms->len;
}

/* The rooms in the order of their ids. */
const ResfriRegisterRoom *
resfri_registers_get_nth_room (ResfriRegisters *self,
                               guint            n)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n < self->rooms->len, NULL);

  return g_ptr_array_index (self->rooms, n);
}

/* The site whose folded name @folded equals or starts with, followed by a
 * character that is not a letter; the longest such name, the lowest id
 * among equals. */
const ResfriRegisterSite *
resfri_registers_match_site_prefix (ResfriRegisters *self,
                                    const char      *folded)
{
  const ResfriRegisterSite *best = NULL;
  gsize best_len = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (folded != NULL, NULL);

  for (guint i = 0; i < self->sites->len; i++)
    {
      const ResfriRegisterSite *site = &g_array_index (self->sites, ResfriRegisterSite, i);
      gsize len = strlen (site->folded_name);

      if (len == 0 || len <= best_len || strncmp (folded, site->folded_name, len) != 0)
        continue;
      if (folded[len] != '\0' && g_unichar_isalpha (g_utf8_get_char (folded + len)))
        continue;
      best = site;
      best_len = len;
    }

  return best;
}

/* km between two sites (spec/policy.md "Distance"): 0 for the same site or
 * an unknown one; the distance table's, else the great circle's times
 * @detour_factor. */
double
resfri_registers_distance (ResfriRegisters *self,
                           gint64           site_a,
                           gint64           site_b,
                           double           detour_factor)
{
  guint a, b, n;
  double km;

  g_return_val_if_fail (self != NULL, 0);

  if (site_a == site_b)
    return 0;
  if ((a = site_index (self, site_a)) == 0 || (b = site_index (self, site_b)) == 0)
    return 0;
  a--;
  b--;
  n = self->sites->len;

  if ((km = self->table_km[a * n + b]) >= 0)
    return km;

  if ((km = self->circle_km[a * n + b]) < 0)
    {
      const ResfriRegisterSite *sa = &g_array_index (self->sites, ResfriRegisterSite, a);
      const ResfriRegisterSite *sb = &g_array_index (self->sites, ResfriRegisterSite, b);

      km = resfri_registers_great_circle (sa->latitude, sa->longitude,
                                          sb->latitude, sb->longitude);
      self->circle_km[a * n + b] = km;
      self->circle_km[b * n + a] = km;
    }

  return km * detour_factor;
}

const ResfriRegisterRoom *
resfri_registers_get_room (ResfriRegisters *self,
                           gint64           id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_hash_table_lookup (self->room_by_id, &id);
}

/* The room whose email is @email (lower-case), the lowest id first. */
const ResfriRegisterRoom *
resfri_registers_find_room_by_email (ResfriRegisters *self,
                                     const char      *email)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (email != NULL, NULL);

  return g_hash_table_lookup (self->room_by_email, email);
}

/* The room whose folded name, else alias, is @folded. */
const ResfriRegisterRoom *
resfri_registers_find_room_by_name (ResfriRegisters *self,
                                    const char      *folded)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (folded != NULL, NULL);

  return g_hash_table_lookup (self->room_by_name, folded);
}

/* Sets @person to the person whose lower-case email is @email, or NULL
 * when there is none; FALSE only when reading them failed. */
gboolean
resfri_registers_find_person (ResfriRegisters             *self,
                              const char                  *email,
                              const ResfriRegisterPerson **person,
                              GError                     **error)
{
  ResfriRegisterPerson *found;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);
  g_return_val_if_fail (person != NULL, FALSE);

  *person = NULL;
  if ((found = g_hash_table_lookup (self->people, email)) != NULL || self->store == NULL ||
      g_hash_table_contains (self->not_people, email))
    {
      *person = found;
      return TRUE;
    }

  if (!read_person (self, email, &found, error))
    {
      if (found != NULL)
        person_free (found);
      return FALSE;
    }
  if (found == NULL)
    g_hash_table_add (self->not_people, g_strdup (email));
  else
    g_hash_table_insert (self->people, found->email, found);
  *person = found;

  return TRUE;
}

/* Reads outside the snapshot (resfri-registers-private.h) */

void
_resfri_registers_venue_clear (ResfriRegistersVenue *venue)
{
  g_clear_pointer (&venue->room, g_free);
  g_clear_pointer (&venue->name, g_free);
  g_clear_pointer (&venue->email, g_free);
  g_clear_pointer (&venue->site, g_free);
  g_clear_pointer (&venue->site_name, g_free);
}

void
_resfri_registers_venue_free (ResfriRegistersVenue *venue)
{
  if (venue == NULL)
    return;

  _resfri_registers_venue_clear (venue);
  g_free (venue);
}

int
_resfri_registers_read_venue (ResfriStore           *store,
                              const char            *room,
                              const char            *site,
                              ResfriRegistersVenue  *venue,
                              GError               **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (room != NULL)
    {
      stmt = _resfri_store_prepare (store,
                                    "SELECT r.name, r.email, s.code, s.name, s.id, r.capacity, r.vc"
                                    " FROM rooms r JOIN sites s ON s.id = r.site_id"
                                    " WHERE r.code = ?1",
                                    error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, room, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = _resfri_store_prepare (store,
                                    "SELECT NULL, NULL, code, name, id, 0, 0 FROM sites"
                                    " WHERE code = ?1",
                                    error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, site, -1, SQLITE_STATIC);
    }

  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return _resfri_store_end_rows (store, stmt, rc, _("Cannot read the registers"), error) ? 0 : -1;

  venue->name = _resfri_store_dup_column (stmt, 0);
  venue->email = _resfri_store_dup_column (stmt, 1);
  venue->site = _resfri_store_dup_column (stmt, 2);
  venue->site_name = _resfri_store_dup_column (stmt, 3);
  venue->site_id = sqlite3_column_int64 (stmt, 4);
  venue->capacity = sqlite3_column_int64 (stmt, 5);
  venue->vc = sqlite3_column_int (stmt, 6) != 0;
  sqlite3_reset (stmt);

  return 1;
}

GPtrArray *
_resfri_registers_list_venues (ResfriStore  *store,
                               GError      **error)
{
  g_autoptr(GPtrArray) venues = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT room, name, site, site_name, capacity, vc, email FROM ("
                                "  SELECT r.code AS room, r.name AS name, s.code AS site,"
                                "         s.name AS site_name, r.capacity AS capacity, r.vc AS vc,"
                                "         r.email AS email, 0 AS whole"
                                "  FROM rooms r JOIN sites s ON s.id = r.site_id"
                                "  UNION ALL"
                                "  SELECT NULL, name, code, name, 0, 0, NULL, 1 FROM sites)"
                                " ORDER BY whole, site_name, name",
                                error);
  if (stmt == NULL)
    return NULL;

  venues = g_ptr_array_new_with_free_func ((GDestroyNotify) _resfri_registers_venue_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriRegistersVenue *venue = g_new0 (ResfriRegistersVenue, 1);

      venue->room = _resfri_store_dup_column (stmt, 0);
      venue->name = _resfri_store_dup_column (stmt, 1);
      venue->site = _resfri_store_dup_column (stmt, 2);
      venue->site_name = _resfri_store_dup_column (stmt, 3);
      venue->capacity = sqlite3_column_int64 (stmt, 4);
      venue->vc = sqlite3_column_int (stmt, 5) != 0;
      venue->email = _resfri_store_dup_column (stmt, 6);
      g_ptr_array_add (venues, venue);
    }
  if (!_resfri_store_end_rows (store, stmt, rc, _("Cannot read the registers"), error))
    return NULL;

  return g_steal_pointer (&venues);
}

void
_resfri_registers_person_row_clear (ResfriRegistersPersonRow *row)
{
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->site, g_free);
  g_clear_pointer (&row->site_name, g_free);
}

int
_resfri_registers_read_person_row (ResfriStore               *store,
                                   const char                *email,
                                   ResfriRegistersPersonRow  *row,
                                   GError                   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT p.id, p.name, s.code, s.name, s.id"
                                " FROM people p JOIN sites s ON s.id = p.site_id"
                                " WHERE p.email = ?1",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return _resfri_store_end_rows (store, stmt, rc, _("Cannot read the registers"), error) ? 0 : -1;

  row->id = sqlite3_column_int64 (stmt, 0);
  row->name = _resfri_store_dup_column (stmt, 1);
  row->site = _resfri_store_dup_column (stmt, 2);
  row->site_name = _resfri_store_dup_column (stmt, 3);
  row->site_id = sqlite3_column_int64 (stmt, 4);
  sqlite3_reset (stmt);

  return 1;
}

gboolean
_resfri_registers_read_people (ResfriStore                *store,
                               ResfriRegistersPersonFunc   func,
                               gpointer                    user_data,
                               GError                    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT p.email, p.name, u.path, s.code FROM people p"
                                " JOIN units u ON u.id = p.unit_id"
                                " JOIN sites s ON s.id = p.site_id"
                                " ORDER BY p.name, p.email",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
          user_data);

  return _resfri_store_end_rows (store, stmt, rc, _("Cannot read the people register"), error);
}

gboolean
_resfri_registers_read_unit_kits (ResfriStore                 *store,
                                  ResfriRegistersUnitKitFunc   func,
                                  gpointer                     user_data,
                                  GError                     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT u.path, count (*), sum (h.id IS NULL), sum (c.id IS NULL)"
                                " FROM people p"
                                " JOIN units u ON u.id = p.unit_id"
                                " LEFT JOIN equipment_types ht ON ht.name = 'headset'"
                                " LEFT JOIN equipment_types ct ON ct.name = 'camera'"
                                " LEFT JOIN equipment h ON h.id = (SELECT e.id FROM equipment e"
                                "   WHERE e.owner_id = p.id AND e.type_id = ht.id"
                                "   AND e.state = 'ok' LIMIT 1)"
                                " LEFT JOIN equipment c ON c.id = (SELECT e.id FROM equipment e"
                                "   WHERE e.owner_id = p.id AND e.type_id = ct.id"
                                "   AND e.state = 'ok' LIMIT 1)"
                                " GROUP BY u.id"
                                " HAVING sum (h.id IS NULL) > 0 OR sum (c.id IS NULL) > 0"
                                " ORDER BY u.path",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1),
          sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3), user_data);

  return _resfri_store_end_rows (store, stmt, rc, _("Cannot read who lacks equipment"), error);
}

gboolean
_resfri_registers_read_site_codes (ResfriStore              *store,
                                   ResfriRegistersSiteFunc   func,
                                   gpointer                  user_data,
                                   GError                  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, "SELECT id, code FROM sites", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1), user_data);

  return _resfri_store_end_rows (store, stmt, rc, _("Could not read the sites"), error);
}

/* The units as a tree, for the follow-up (one query, no snapshot) */

gboolean
_resfri_registers_foreach_unit (ResfriStore             *store,
                                ResfriRegisterUnitFunc   func,
                                gpointer                 user_data,
                                GError                 **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT id, coalesce (parent_id, 0), name, path FROM units", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
          user_data);

  return finish_query (store, stmt, rc, error);
}

/* Personal data (spec/privacy.md, privacy/) */

void
_resfri_registers_person_record_clear (ResfriRegistersPersonRecord *record)
{
  g_clear_pointer (&record->email, g_free);
  g_clear_pointer (&record->name, g_free);
  g_clear_pointer (&record->unit, g_free);
  g_clear_pointer (&record->site, g_free);
  g_clear_pointer (&record->site_name, g_free);
  g_clear_pointer (&record->role, g_free);
}

int
_resfri_registers_read_person_record (ResfriStore                  *store,
                                      const char                   *email,
                                      ResfriRegistersPersonRecord  *record,
                                      GError                      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT p.id, p.email, p.name, u.path, s.code, s.name, p.role"
                                " FROM people p JOIN units u ON u.id = p.unit_id"
                                " JOIN sites s ON s.id = p.site_id WHERE p.email = ?1",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return _resfri_store_end_rows (store, stmt, rc, _("Cannot read the registers"), error) ? 0 : -1;

  record->id = sqlite3_column_int64 (stmt, 0);
  record->email = _resfri_store_dup_column (stmt, 1);
  record->name = _resfri_store_dup_column (stmt, 2);
  record->unit = _resfri_store_dup_column (stmt, 3);
  record->site = _resfri_store_dup_column (stmt, 4);
  record->site_name = _resfri_store_dup_column (stmt, 5);
  record->role = _resfri_store_dup_column (stmt, 6);
  sqlite3_reset (stmt);

  return 1;
}

gint64
_resfri_registers_erase_person (ResfriStore  *store,
                                gint64        person_id,
                                GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 former;

  stmt = _resfri_store_prepare (store,
                                "INSERT INTO former_people (unit_id, site_id, role)"
                                " SELECT unit_id, site_id, role FROM people WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!_resfri_store_step_done (store, stmt, _("Cannot erase the person"), error))
    return 0;
  former = sqlite3_last_insert_rowid (_resfri_store_get_db (store));

  /* The trigger people_deleted_return_items returns what is still theirs. */
  if (!(stmt = _resfri_store_prepare (store, "DELETE FROM people WHERE id = ?1", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!_resfri_store_step_done (store, stmt, _("Cannot erase the person"), error))
    return 0;

  return former;
}
