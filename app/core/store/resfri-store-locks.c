/* resfri-store-locks.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SQLite's file locks, kept when something else in the process closes the
 * database's files.
 *
 * SQLite locks a database, and the -shm file of its write-ahead log, with
 * POSIX record locks (fcntl F_SETLK). A process loses every such lock it
 * holds on a file when it closes any descriptor of that file
 * (https://sqlite.org/howtocorrupt.html, 2.2). GLib does that when GTK's
 * file chooser shows the database's folder: it opens and closes each file
 * to guess its type. The window then still maps a -shm file it no longer
 * locks; the next program to open the database (resfri-cli) believes it is
 * the first, truncates the -shm file, and the window dies of SIGBUS when it
 * reads it next (or, closing last, removes the -wal file the window writes).
 *
 * Linux's open file description locks (F_OFD_SETLK) meet other processes'
 * POSIX locks exactly as POSIX locks do, but only closing their one open file
 * description releases them. The unix VFS lets a program replace the system
 * calls it makes: its fcntl () here takes each lock on a descriptor of its
 * own, one per file, that nothing else closes, and its close () closes that
 * descriptor after SQLite's last descriptor of the file.
 */

#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "resfri-store-private.h"

#ifdef F_OFD_SETLK

typedef struct
{
  dev_t dev;
  ino_t ino;
  int   fd;     /* ours: holds the locks */
  guint users;  /* SQLite's descriptors of the file that locked through it */
} LockFile;

static GMutex lock_mutex;
static GHashTable *by_fd;     /* SQLite's descriptor (int) -> LockFile */
static GPtrArray *files;      /* LockFile, one per file */
static sqlite3_syscall_ptr real_close;

/* The LockFile of @fd, made on its first lock; NULL when no descriptor of our
 * own can be opened (then the lock stays a POSIX lock). */
static LockFile *
lock_file_for (int fd)
{
  g_autofree char *proc = NULL;
  LockFile *file = NULL;
  struct stat st;
  int flags;

  if ((file = g_hash_table_lookup (by_fd, GINT_TO_POINTER (fd))))
    return file;

  if (fstat (fd, &st) != 0 || (flags = fcntl (fd, F_GETFL)) < 0)
    return NULL;

  for (guint i = 0; i < files->len && file == NULL; i++)
    {
      LockFile *f = g_ptr_array_index (files, i);

      if (f->dev == st.st_dev && f->ino == st.st_ino)
        file = f;
    }

  if (file == NULL)
    {
      int own;

      proc = g_strdup_printf ("/proc/self/fd/%d", fd);
      own = open (proc, (flags & O_ACCMODE) | O_CLOEXEC);
      if (own < 0)
        return NULL;

      file = g_new0 (LockFile, 1);
      file->dev = st.st_dev;
      file->ino = st.st_ino;
      file->fd = own;
      g_ptr_array_add (files, file);
    }

  file->users++;
  g_hash_table_insert (by_fd, GINT_TO_POINTER (fd), file);
  return file;
}

static int
ofd_command (int cmd)
{
  switch (cmd)
    {
    case F_SETLK:
      return F_OFD_SETLK;
    case F_SETLKW:
      return F_OFD_SETLKW;
    case F_GETLK:
      return F_OFD_GETLK;
    default:
      return 0;
    }
}

static int
locks_fcntl (int fd,
             int cmd,
             ...)
{
  va_list args;
  int ofd_cmd = ofd_command (cmd);

  if (ofd_cmd == 0)
    {
      long arg;

      /* SQLite passes an int or nothing (F_GETFD, F_SETFD, F_GETFL). */
      va_start (args, cmd);
      arg = cmd == F_GETFD || cmd == F_GETFL ? 0 : va_arg (args, int);
      va_end (args);
      return fcntl (fd, cmd, arg);
    }
  else
    {
      struct flock *lock;
      struct flock ofd_lock;
      LockFile *file;
      int result;
      int saved_errno;

      va_start (args, cmd);
      lock = va_arg (args, struct flock *);
      va_end (args);

      g_mutex_lock (&lock_mutex);
      file = lock_file_for (fd);
      if (file == NULL)
        {
          g_mutex_unlock (&lock_mutex);
          return fcntl (fd, cmd, lock);
        }

      ofd_lock = *lock;
      ofd_lock.l_pid = 0;   /* required by F_OFD_* */
      result = fcntl (file->fd, ofd_cmd, &ofd_lock);
      saved_errno = errno;
      g_mutex_unlock (&lock_mutex);

      if (result == 0 && cmd == F_GETLK)
        *lock = ofd_lock;
      errno = saved_errno;
      return result;
    }
}

static int
locks_close (int fd)
{
  LockFile *file;

  g_mutex_lock (&lock_mutex);
  if ((file = g_hash_table_lookup (by_fd, GINT_TO_POINTER (fd))))
    {
      g_hash_table_remove (by_fd, GINT_TO_POINTER (fd));
      if (--file->users == 0)
        {
          /* SQLite holds no lock on a file it has no descriptor of. */
          close (file->fd);
          g_ptr_array_remove_fast (files, file);
          g_free (file);
        }
    }
  g_mutex_unlock (&lock_mutex);

  return ((int (*) (int)) real_close) (fd);
}

static gpointer
install (gpointer data)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

  if (vfs == NULL || vfs->iVersion < 3 || vfs->xSetSystemCall == NULL)
    return NULL;

  by_fd = g_hash_table_new (NULL, NULL);
  files = g_ptr_array_new ();
  real_close = vfs->xGetSystemCall (vfs, "close");
  if (real_close == NULL ||
      vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) locks_fcntl) != SQLITE_OK)
    return NULL;
  if (vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) locks_close) != SQLITE_OK)
    {
      /* Never a lock without its close (): back to POSIX locks. */
      vfs->xSetSystemCall (vfs, "fcntl", NULL);
      return NULL;
    }
  return GINT_TO_POINTER (1);
}

#endif /* F_OFD_SETLK */

/* Called before the first connection opens; SQLite's system calls must not
 * change while files are open. */
void
_resfri_store_locks_init (void)
{
#ifdef F_OFD_SETLK
  static GOnce once = G_ONCE_INIT;

  g_once (&once, install, NULL);
#endif
}
