/* pos-test-pg.c — a private PostgreSQL and a cutting proxy (see pos-test-pg.h). */
#include "pos-test-pg.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define ADMIN "hub_admin"
#define ADMIN_PASSWORD "admin-secret-1"

static const char *
pg_bin (void)
{
  const char *bin = g_getenv ("POS_PG_BIN");

  return bin ? bin : "/usr/lib/postgresql/15/bin";
}

/* Runs a PostgreSQL program, as the postgres user when we are root. */
static gboolean
run_pg (PosTestPg *pg, const char *program, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  if (pg->as_postgres)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (pg_bin (), program, NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (pg->dir, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    {
      fprintf (stderr, "cannot run %s: %s\n", program, error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      fprintf (stderr, "%s failed:\n%s%s\n", program, out ? out : "", err ? err : "");
      return FALSE;
    }
  return TRUE;
}

static int
free_port (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int port = 0;

  if (fd >= 0 && bind (fd, (struct sockaddr *)&addr, sizeof addr) == 0
      && getsockname (fd, (struct sockaddr *)&addr, &len) == 0)
    port = ntohs (addr.sin_port);
  if (fd >= 0)
    close (fd);
  return port;
}

static gboolean
give_to_postgres (const char *path)
{
  struct passwd *pw = getpwnam ("postgres");

  return pw != NULL && chown (path, pw->pw_uid, pw->pw_gid) == 0;
}

static gboolean
init_cluster (PosTestPg *pg)
{
  g_autofree char *pwfile = g_build_filename (pg->dir, "pw", NULL);
  g_autofree char *pwarg = g_strdup_printf ("--pwfile=%s", pwfile);
  const char *args[] = { "-D", pg->data, "-U",         ADMIN,       pwarg, "--auth=scram-sha-256",
                         "-E", "UTF8",   "--locale=C", "--no-sync", NULL };

  if (!g_file_set_contents (pwfile, ADMIN_PASSWORD "\n", -1, NULL))
    return FALSE;
  if (pg->as_postgres && (!give_to_postgres (pg->dir) || !give_to_postgres (pwfile)))
    return FALSE;
  return run_pg (pg, "initdb", args);
}

gboolean
pos_test_pg_start_server (PosTestPg *pg)
{
  g_autofree char *log = g_build_filename (pg->dir, "server.log", NULL);
  g_autofree char *opts = g_strdup_printf ("-c listen_addresses=127.0.0.1 -c port=%d -k %s "
                                           "-c max_connections=120 -c fsync=off",
                                           pg->port, pg->dir);
  g_autofree char *port = g_strdup_printf ("%d", pg->port);
  const char *start[] = { "-D", pg->data, "-l", log, "-o", opts, "-w", "-t", "60", "start", NULL };
  const char *ready[] = { "-h", "127.0.0.1", "-p", port, "-t", "2", NULL };

  if (!run_pg (pg, "pg_ctl", start))
    return FALSE;
  for (int i = 0; i < 30; i++)
    {
      if (run_pg (pg, "pg_isready", ready))
        return TRUE;
      g_usleep (200 * 1000);
    }
  return FALSE;
}

gboolean
pos_test_pg_stop_server (PosTestPg *pg)
{
  const char *stop[] = { "-D", pg->data, "-m", "fast", "-w", "stop", NULL };

  return run_pg (pg, "pg_ctl", stop);
}

PosTestPg *
pos_test_pg_start (void)
{
  g_autofree char *initdb = g_build_filename (pg_bin (), "initdb", NULL);
  PosTestPg *pg;

  if (!g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
    {
      fprintf (stderr, "PostgreSQL is not installed (no %s)\n", initdb);
      return NULL;
    }
  pg = g_new0 (PosTestPg, 1);
  pg->as_postgres = geteuid () == 0;
  pg->dir = g_dir_make_tmp ("mainstreet-pg-XXXXXX", NULL);
  pg->data = g_build_filename (pg->dir, "data", NULL);
  pg->port = free_port ();
  if (pg->dir == NULL || pg->port == 0 || !init_cluster (pg) || !pos_test_pg_start_server (pg))
    {
      pos_test_pg_free (pg);
      return NULL;
    }
  return pg;
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

void
pos_test_pg_free (PosTestPg *pg)
{
  const char *stop[] = { "-D", pg ? pg->data : NULL, "-m", "immediate", "-w", "stop", NULL };

  if (pg == NULL)
    return;
  if (pg->data != NULL && g_file_test (pg->data, G_FILE_TEST_IS_DIR))
    run_pg (pg, "pg_ctl", stop);
  if (pg->dir != NULL && g_getenv ("POS_KEEP_TMP") == NULL)
    remove_tree (pg->dir);
  g_free (pg->dir);
  g_free (pg->data);
  g_free (pg);
}

char *
pos_test_pg_conninfo (PosTestPg *pg, const char *db, const char *user, const char *password, int port)
{
  return g_strdup_printf ("host=127.0.0.1 port=%d dbname=%s user=%s password=%s sslmode=disable",
                          port ? port : pg->port, db, user, password);
}

char *
pos_test_pg_create_db (PosTestPg *pg, const char *name)
{
  g_autofree char *admin = pos_test_pg_conninfo (pg, "postgres", ADMIN, ADMIN_PASSWORD, 0);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);
  PGconn *conn = PQconnectdb (admin);
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK;

  if (!ok)
    fprintf (stderr, "cannot create database %s: %s\n", name, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
  return ok ? pos_test_pg_conninfo (pg, name, ADMIN, ADMIN_PASSWORD, 0) : NULL;
}

/* Proxy -------------------------------------------------------------------- */

struct _PosTestProxy
{
  int listen_fd;
  int port;
  int target_port;
  GThread *thread;
  GMutex lock;
  gint64 up_limit, down_limit;
  gboolean cut;
  gint stalled;
  gint stop;
};

static int
connect_target (int port)
{
  struct sockaddr_in addr
      = { .sin_family = AF_INET, .sin_port = htons (port), .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  if (fd >= 0 && connect (fd, (struct sockaddr *)&addr, sizeof addr) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

/* Moves what is waiting on @from to @to; FALSE when either side is done. */
static gboolean
relay (int from, int to, gint64 *moved)
{
  char buffer[16384];
  ssize_t n = read (from, buffer, sizeof buffer);

  if (n <= 0)
    return FALSE;
  for (ssize_t done = 0; done < n;)
    {
      ssize_t w = write (to, buffer + done, n - done);
      if (w <= 0)
        return FALSE;
      done += w;
    }
  *moved += n;
  return TRUE;
}

static gboolean
over_limit (PosTestProxy *proxy, gint64 up, gint64 down)
{
  gboolean over;

  g_mutex_lock (&proxy->lock);
  over = (proxy->up_limit > 0 && up >= proxy->up_limit)
         || (proxy->down_limit > 0 && down >= proxy->down_limit);
  if (over)
    {
      proxy->up_limit = proxy->down_limit = 0;
      proxy->cut = TRUE;
    }
  g_mutex_unlock (&proxy->lock);
  return over;
}

static void
serve (PosTestProxy *proxy, int client)
{
  int server = connect_target (proxy->target_port);
  gint64 up = 0, down = 0;

  while (server >= 0 && !g_atomic_int_get (&proxy->stop))
    {
      struct pollfd fds[2] = { { client, POLLIN, 0 }, { server, POLLIN, 0 } };
      int n;

      if (g_atomic_int_get (&proxy->stalled))
        {
          g_usleep (20 * 1000);
          continue;
        }
      n = poll (fds, 2, 100);

      if (n < 0 && errno != EINTR)
        break;
      if (n <= 0)
        continue;
      if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) && !relay (client, server, &up))
        break;
      if ((fds[1].revents & (POLLIN | POLLHUP | POLLERR)) && !relay (server, client, &down))
        break;
      if (over_limit (proxy, up, down))
        break;
    }
  if (server >= 0)
    close (server);
  close (client);
}

static gpointer
proxy_main (gpointer data)
{
  PosTestProxy *proxy = data;

  while (!g_atomic_int_get (&proxy->stop))
    {
      struct pollfd fd = { proxy->listen_fd, POLLIN, 0 };
      int client;

      if (poll (&fd, 1, 100) <= 0)
        continue;
      client = accept (proxy->listen_fd, NULL, NULL);
      if (client >= 0)
        serve (proxy, client);
    }
  return NULL;
}

PosTestProxy *
pos_test_proxy_new (int target_port)
{
  PosTestProxy *proxy = g_new0 (PosTestProxy, 1);
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;

  g_mutex_init (&proxy->lock);
  proxy->target_port = target_port;
  proxy->listen_fd = socket (AF_INET, SOCK_STREAM, 0);
  if (bind (proxy->listen_fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen (proxy->listen_fd, 4) != 0
      || getsockname (proxy->listen_fd, (struct sockaddr *)&addr, &len) != 0)
    g_error ("proxy: %s", g_strerror (errno));
  proxy->port = ntohs (addr.sin_port);
  proxy->thread = g_thread_new ("proxy", proxy_main, proxy);
  return proxy;
}

int
pos_test_proxy_port (PosTestProxy *proxy)
{
  return proxy->port;
}

void
pos_test_proxy_cut_after (PosTestProxy *proxy, gint64 up, gint64 down)
{
  g_mutex_lock (&proxy->lock);
  proxy->up_limit = up;
  proxy->down_limit = down;
  proxy->cut = FALSE;
  g_mutex_unlock (&proxy->lock);
}

void
pos_test_proxy_stall (PosTestProxy *proxy, gboolean stalled)
{
  g_atomic_int_set (&proxy->stalled, stalled);
}

gboolean
pos_test_proxy_was_cut (PosTestProxy *proxy)
{
  gboolean cut;

  g_mutex_lock (&proxy->lock);
  cut = proxy->cut;
  g_mutex_unlock (&proxy->lock);
  return cut;
}

void
pos_test_proxy_free (PosTestProxy *proxy)
{
  if (proxy == NULL)
    return;
  g_atomic_int_set (&proxy->stop, 1);
  g_thread_join (proxy->thread);
  close (proxy->listen_fd);
  g_mutex_clear (&proxy->lock);
  g_free (proxy);
}
