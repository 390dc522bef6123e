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

/* Fixed tables, no allocation: a system call should not move the heap.
 * A file or descriptor beyond them keeps POSIX locks, as before. */
#define MAX_FILES 64
#define MAX_FDS 4096

typedef struct
{
  dev_t dev;
  ino_t ino;
  int   fd;     /* ours: holds the locks; -1 for a free slot */
  guint users;  /* SQLite's descriptors of the file that locked through it */
} LockFile;

static GMutex lock_mutex;
static LockFile files[MAX_FILES];
static guint8 by_fd[MAX_FDS];   /* SQLite's descriptor -> 1 + its slot in files, or 0 */
static sqlite3_syscall_ptr real_close;

/* The LockFile of @fd, made on its first lock; NULL when no descriptor of our
 * own can be opened (then the lock stays a POSIX lock). */
static LockFile *
lock_file_for (int fd)
{
  char proc[64];
  LockFile *file = NULL;
  LockFile *free_slot = NULL;
  struct stat st;
  int flags;

  if (fd < 0 || fd >= MAX_FDS)
    return NULL;
  if (by_fd[fd] != 0)
    return &files[by_fd[fd] - 1];

  if (fstat (fd, &st) != 0 || (flags = fcntl (fd, F_GETFL)) < 0)
    return NULL;

  for (guint i = 0; i < MAX_FILES && file == NULL; i++)
    {
      if (files[i].fd < 0)
        free_slot = free_slot != NULL ? free_slot : &files[i];
      else if (files[i].dev == st.st_dev && files[i].ino == st.st_ino)
        file = &files[i];
    }

  if (file == NULL)
    {
      int own;

      if (free_slot == NULL)
        return NULL;
      g_snprintf (proc, sizeof proc, "/proc/self/fd/%d", fd);
      own = open (proc, (flags & O_ACCMODE) | O_CLOEXEC);
      if (own < 0)
        return NULL;

      file = free_slot;
      file->dev = st.st_dev;
      file->ino = st.st_ino;
      file->fd = own;
      file->users = 0;
    }

  file->users++;
  by_fd[fd] = (guint8) (file - files + 1);
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
  g_mutex_lock (&lock_mutex);
  if (fd >= 0 && fd < MAX_FDS && by_fd[fd] != 0)
    {
      LockFile *file = &files[by_fd[fd] - 1];

      by_fd[fd] = 0;
      if (--file->users == 0)
        {
          /* SQLite holds no lock on a file it has no descriptor of. */
          close (file->fd);
          file->fd = -1;
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

  for (guint i = 0; i < MAX_FILES; i++)
    files[i].fd = -1;
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
