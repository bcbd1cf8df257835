/* pos-cli-users.c — `users`: list, add and manage who may use the till.
 *
 * Changes act on behalf of a signed-in user (--as NAME --as-pin PIN); the
 * core checks they may, and audits it.
 */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

static const char usage[] = "users list | users add NAME --role ROLE --pin PIN [--language LANG] | users "
                            "edit NAME --language LANG | "
                            "users set-pin NAME --pin PIN | "
                            "users set-role NAME ROLE | users unlock NAME | users deactivate NAME | "
                            "users activate NAME   (changes need --as NAME --as-pin PIN)";

static int
list (PosCli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) users = pos_users_list (cli->store, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (users == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < users->len; i++)
    {
      PosUser *u = g_ptr_array_index (users, i);
      gint64 until = 0;
      gboolean locked = pos_users_is_locked (cli->store, u->name, &until, NULL);

      if (!cli->json)
        printf ("%-20s %-10s %s%s\n", u->name, pos_role_to_string (u->role),
                u->active ? "active" : "inactive", locked ? ", locked" : "");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, u->name);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, pos_role_to_string (u->role));
      json_builder_set_member_name (b, "active");
      json_builder_add_boolean_value (b, u->active);
      json_builder_set_member_name (b, "locked");
      json_builder_add_boolean_value (b, locked);
      json_builder_set_member_name (b, "language");
      json_builder_add_string_value (b, u->language ? u->language : "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

static gboolean
change (PosCli *cli, PosUser *actor, const char *verb, char **args, const char *role_text, const char *pin,
        const char *language, GError **error)
{
  PosRole role;

  if (g_str_equal (verb, "add") || g_str_equal (verb, "set-role"))
    {
      const char *text = g_str_equal (verb, "add") ? role_text : args[1];
      if (text == NULL || !pos_role_parse (text, &role))
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            _ ("The role is cashier, supervisor or owner")),
               FALSE;
    }
  if (g_str_equal (verb, "add"))
    {
      g_autoptr (PosUser) added = pos_users_add_as (cli->store, actor, args[0], role, pin, error);
      return added != NULL
             && (language == NULL
                 || pos_users_set_language (cli->store, actor, added->name, language, error));
    }
  if (g_str_equal (verb, "edit"))
    {
      if (language == NULL)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Say what to change: --language LANG")),
               FALSE;
      return pos_users_set_language (cli->store, actor, args[0], language, error);
    }
  if (g_str_equal (verb, "set-pin"))
    return pos_users_set_pin (cli->store, actor, args[0], pin, error);
  if (g_str_equal (verb, "set-role"))
    return pos_users_set_role (cli->store, actor, args[0], role, error);
  if (g_str_equal (verb, "unlock"))
    return pos_users_unlock (cli->store, actor, args[0], error);
  return pos_users_set_active (cli->store, actor, args[0], g_str_equal (verb, "activate"), error);
}

int
pos_cli_users (PosCli *cli, int argc, char **argv)
{
  g_autofree char *as = NULL, *as_pin = NULL, *role = NULL, *pin = NULL, *new_pin = NULL, *language = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, NULL, NULL },
    { "as-pin", 0, 0, G_OPTION_ARG_STRING, &as_pin, NULL, NULL },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, NULL, NULL },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin, NULL, NULL },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, NULL, NULL },
    { NULL },
  };
  const char *verbs[] = { "add", "edit", "set-pin", "set-role", "unlock", "deactivate", "activate", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) actor = NULL;
  const char *verb;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    return pos_cli_usage (usage, error ? error->message : NULL);
  verb = argv[1];
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  if (g_str_equal (verb, "list") && argc == 2)
    return list (cli);
  if (!g_strv_contains (verbs, verb) || argc != (g_str_equal (verb, "set-role") ? 4 : 3))
    return pos_cli_usage (usage, NULL);
  actor = pos_cli_login (cli, as, as_pin, "an owner's or supervisor's (--as, --as-pin)", &error);
  if (actor == NULL || (pin != NULL && (new_pin = pos_cli_read_secret (pin, "New PIN", &error)) == NULL)
      || !change (cli, actor, verb, argv + 2, role, new_pin, language, &error))
    return pos_cli_fail (error);
  return POS_EXIT_OK;
}
