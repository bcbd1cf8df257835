/* pos-cli-sync.c — `hub init|add-till` and `sync`.
 *
 *   mainstreet-admin hub init --hub CONNINFO
 *   mainstreet-admin hub add-till --hub CONNINFO --till ID --password PW
 *   mainstreet-admin [--store PATH] sync --hub CONNINFO [--adopt-hub-chain] [--insecure-hub]
 *
 * CONNINFO is a libpq connection string or URI, passed as given. Outside
 * tests use TLS with a checked certificate: "host=hub.example
 * dbname=shop user=… sslmode=verify-full sslrootcert=/path/ca.crt". `sync`
 * refuses a hub off this machine without that unless --insecure-hub (or
 * the setting hub_allow_insecure=1) says the owner accepts the risk.
 */
#include <stdio.h>

#include "pos-cli.h"

#include <glib/gi18n-lib.h>
#include "pos-sync.h"
#include "pos-sync-apply.h"

#define HUB_USAGE "hub init|add-till --hub CONNINFO [--till ID --password PW]"
#define SYNC_USAGE "sync --hub CONNINFO [--adopt-hub-chain] [--insecure-hub]"

static int
hub_add_till (PGconn *conn, PosCli *cli, const char *hub, const char *till, const char *password)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *role = NULL;
  g_autofree char *conninfo = NULL;

  if (till == NULL || password == NULL)
    return pos_cli_usage (HUB_USAGE, "add-till needs --till and --password");
  if (!pos_hub_add_till (conn, till, password, &role, &error)
      || (conninfo = pos_hub_till_conninfo (hub, role, &error)) == NULL)
    return pos_cli_fail (error);
  if (cli->json)
    {
      g_autoptr (JsonObject) o = json_object_new ();
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (o, "till_id", till);
      json_object_set_string_member (o, "role", role);
      json_object_set_string_member (o, "conninfo", conninfo);
      json_node_set_object (node, o);
      pos_cli_print_json (node);
    }
  else
    printf (_ ("Till %s added as role %s. It syncs with this connection string, plus its password\n"
               "(password=… as given, or in ~/.pgpass):\n%s\n"),
            till, role, conninfo);
  return POS_EXIT_OK;
}

int
pos_cli_hub (PosCli *cli, int argc, char **argv)
{
  g_autofree char *hub = NULL, *till = NULL, *password = NULL;
  GOptionEntry entries[] = {
    { "hub", 0, 0, G_OPTION_ARG_STRING, &hub, "Hub connection string", "CONNINFO" },
    { "till", 0, 0, G_OPTION_ARG_STRING, &till, "Till id", "ID" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password, "The till role's password", "PW" },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PGconn) conn = NULL;

  if (!pos_cli_parse (entries, &argc, &argv, HUB_USAGE, &error))
    return pos_cli_usage (HUB_USAGE, error->message);
  if (argc != 2 || hub == NULL)
    return pos_cli_usage (HUB_USAGE, hub == NULL ? "--hub is required" : "say init or add-till");
  if (!g_str_equal (argv[1], "init") && !g_str_equal (argv[1], "add-till"))
    return pos_cli_usage (HUB_USAGE, "say init or add-till");
  conn = pos_hub_connect (hub, &error);
  if (conn == NULL)
    return pos_cli_fail (error);
  if (g_str_equal (argv[1], "add-till"))
    {
      g_autofree char *secret
          = password != NULL ? pos_cli_read_secret (password, "Till password", &error) : NULL;
      if (password != NULL && secret == NULL)
        return pos_cli_fail (error);
      return hub_add_till (conn, cli, hub, till, secret);
    }
  if (!pos_hub_init (conn, &error))
    return pos_cli_fail (error);
  if (!cli->json)
    printf (_ ("Hub ready (schema %d)\n"), POS_HUB_SCHEMA_VERSION);
  return POS_EXIT_OK;
}

/* A conflict settled during this sync is never a silent difference: each
 * alarm goes to stderr, whatever the output format. */
static GPtrArray *
report_alarms (PosStore *store, gint64 after_id)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *alarms = pos_sync_alarms_after (store, after_id, &error);

  if (alarms == NULL)
    {
      fprintf (stderr, _ ("mainstreet-admin: cannot read the sync alarms: %s\n"), error->message);
      return g_ptr_array_new ();
    }
  for (guint i = 0; i < alarms->len; i++)
    fprintf (stderr, "ALARM: %s\n", ((PosSyncAlarm *)g_ptr_array_index (alarms, i))->message);
  return alarms;
}

static JsonArray *
alarms_json (GPtrArray *alarms)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < alarms->len; i++)
    {
      const PosSyncAlarm *a = g_ptr_array_index (alarms, i);
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "id", a->id);
      json_object_set_string_member (o, "created_at", a->created_at);
      json_object_set_string_member (o, "event_id", a->event_id);
      json_object_set_string_member (o, "subject", a->subject);
      json_object_set_string_member (o, "local_value", a->local_value);
      json_object_set_string_member (o, "remote_value", a->remote_value);
      json_object_set_string_member (o, "kept", a->kept);
      json_object_set_string_member (o, "message", a->message);
      json_array_add_object_element (array, o);
    }
  return array;
}

static void
print_stats (PosCli *cli, const PosSyncStats *stats, GPtrArray *alarms)
{
  g_autoptr (JsonObject) o = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (!cli->json)
    {
      printf (_ ("Pushed %lld, pulled %lld, adopted %lld, %lld not yet on the hub\n"),
              (long long)stats->pushed, (long long)stats->pulled, (long long)stats->adopted,
              (long long)stats->unsynced);
      if (stats->pictures_sent + stats->pictures_received + stats->pictures_refused > 0)
        printf (_ ("Product pictures: %lld sent, %lld received, %lld refused (not what their name says)\n"),
                (long long)stats->pictures_sent, (long long)stats->pictures_received,
                (long long)stats->pictures_refused);
      return;
    }
  o = json_object_new ();
  json_object_set_int_member (o, "pushed", stats->pushed);
  json_object_set_int_member (o, "pulled", stats->pulled);
  json_object_set_int_member (o, "adopted", stats->adopted);
  json_object_set_int_member (o, "unsynced", stats->unsynced);
  json_object_set_int_member (o, "pictures_sent", stats->pictures_sent);
  json_object_set_int_member (o, "pictures_received", stats->pictures_received);
  json_object_set_int_member (o, "pictures_refused", stats->pictures_refused);
  json_object_set_int_member (o, "cursor", pos_sync_cursor (cli->store));
  json_object_set_array_member (o, "alarms", alarms_json (alarms));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, o);
  pos_cli_print_json (node);
}

int
pos_cli_sync (PosCli *cli, int argc, char **argv)
{
  g_autofree char *hub = NULL;
  gboolean adopt = FALSE, insecure = FALSE;
  GOptionEntry entries[] = {
    { "hub", 0, 0, G_OPTION_ARG_STRING, &hub, "Hub connection string", "CONNINFO" },
    { "adopt-hub-chain", 0, 0, G_OPTION_ARG_NONE, &adopt, "Take back this till's events from the hub", NULL },
    { "insecure-hub", 0, 0, G_OPTION_ARG_NONE, &insecure, "Allow a remote hub without verified TLS", NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  PosSyncStats stats = { 0 };
  PosSyncOptions options = { 0 };
  g_autoptr (GPtrArray) alarms = NULL;
  PosStore *store;
  gint64 last_alarm;
  gboolean ok;

  if (!pos_cli_parse (entries, &argc, &argv, SYNC_USAGE, &error))
    return pos_cli_usage (SYNC_USAGE, error->message);
  if (argc != 1 || hub == NULL)
    return pos_cli_usage (SYNC_USAGE, hub == NULL ? "--hub is required" : "unexpected arguments");
  store = pos_cli_store (cli, &error);
  if (store == NULL)
    return pos_cli_fail (error);
  options.adopt_hub_chain = adopt;
  options.allow_insecure = insecure;
  last_alarm = pos_sync_alarm_last_id (store);
  ok = pos_sync_run (store, hub, &options, &stats, &error);
  alarms = report_alarms (store, last_alarm);
  if (!ok)
    return pos_cli_fail (error);
  print_stats (cli, &stats, alarms);
  return POS_EXIT_OK;
}
