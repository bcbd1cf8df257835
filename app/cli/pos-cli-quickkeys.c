/* pos-cli-quickkeys.c — `quickkeys`: the sale screen's quick-key pages and
 * their keys (app/catalog/pos-quick-key-page.c), as the app's editor
 * changes them. A page is named by its id or its name, a key by its id
 * (both shown by `quickkeys list`).
 */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-catalog.h"
#include "pos-quick-key-page.h"

static const char usage[]
    = "quickkeys list | quickkeys add PAGE SKU|CODE [--label TEXT] [--colour #rrggbb] | "
      "quickkeys move KEY [--page PAGE] --position N | quickkeys remove KEY | quickkeys page-add NAME | "
      "quickkeys page-rename PAGE NAME | quickkeys page-move PAGE --position N | quickkeys page-remove PAGE  "
      " "
      "(changes need --as NAME --as-pin PIN)";

typedef struct
{
  PosCliActor actor;
  char *label, *colour, *page, *position;
} QuickKeysOptions;

static void
options_clear (QuickKeysOptions *o)
{
  pos_cli_actor_clear (&o->actor);
  g_free (o->label), g_free (o->colour), g_free (o->page), g_free (o->position);
}

static void
member_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
member_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
build_key (PosCli *cli, JsonBuilder *b, const PosQuickKey *key, guint position)
{
  if (!cli->json)
    printf ("  %-6lld %-16s %-30s %s\n", (long long)key->id, key->sku, pos_quick_key_shown_label (key),
            pos_quick_key_shown_colour (key) ? pos_quick_key_shown_colour (key) : "");
  json_builder_begin_object (b);
  member_int (b, "id", key->id);
  member_int (b, "position", position);
  member_string (b, "sku", key->sku);
  member_string (b, "name", key->name);
  member_string (b, "label", key->label);
  member_string (b, "colour", key->colour);
  json_builder_end_object (b);
}

static int
list (PosCli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = pos_quick_key_pages_read (cli->store, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (pages == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < pages->len; i++)
    {
      PosQuickKeyPage *page = g_ptr_array_index (pages, i);

      if (!cli->json)
        printf ("%-8lld %s\n", (long long)page->id, page->name);
      json_builder_begin_object (b);
      member_int (b, "id", page->id);
      member_int (b, "position", i);
      member_string (b, "name", page->name);
      json_builder_set_member_name (b, "keys");
      json_builder_begin_array (b);
      for (guint k = 0; k < page->keys->len; k++)
        build_key (cli, b, g_ptr_array_index (page->keys, k), k);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

/* A page by its id or its name; 0 with @error when there is none. */
static gint64
find_page (PosCli *cli, const char *text, GError **error)
{
  return pos_quick_key_page_find (cli->store, text, error);
}

static gboolean
read_number (const char *what, const char *text, gint64 *out, GError **error)
{
  if (text != NULL && g_ascii_string_to_signed (text, 10, 0, G_MAXINT, out, NULL))
    return TRUE;
  return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s: “%s” is not a number"), what,
                      text ? text : ""),
         FALSE;
}

/* What a change prints: its id as JSON, else @done. */
static int
changed (PosCli *cli, gint64 id, const char *done)
{
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      member_int (b, "id", id);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pos_cli_print_json (root);
    }
  else
    printf ("%s\n", done);
  return POS_EXIT_OK;
}

static gboolean
sign_in (PosCli *cli, QuickKeysOptions *o, PosUser **user, GError **error)
{
  return pos_cli_actor_sign_in (cli, &o->actor, "a supervisor's (--as, --as-pin)", user, NULL, error);
}

static int
add (PosCli *cli, QuickKeysOptions *o, const char *page_text, const char *product_key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosProduct) product = NULL;
  g_autofree char *done = NULL;
  gint64 page, id;

  if ((page = find_page (cli, page_text, &error)) == 0
      || (product = pos_catalog_lookup (cli->store, product_key, &error)) == NULL
      || !sign_in (cli, o, &user, &error)
      || (id = pos_quick_key_add (cli->store, user, page, product->id, o->label, o->colour, &error)) == 0)
    return pos_cli_fail (error);
  done = g_strdup_printf (_ ("added key %lld for %s"), (long long)id, product->sku);
  return changed (cli, id, done);
}

/* The page a key is on, for a move that names none. */
static gint64
page_of (PosCli *cli, gint64 key_id, GError **error)
{
  g_autoptr (GPtrArray) pages = pos_quick_key_pages_read (cli->store, error);

  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      PosQuickKeyPage *page = g_ptr_array_index (pages, i);

      for (guint k = 0; k < page->keys->len; k++)
        if (((PosQuickKey *)g_ptr_array_index (page->keys, k))->id == key_id)
          return page->id;
    }
  if (pages != NULL)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no quick key %lld"), (long long)key_id);
  return 0;
}

static int
move (PosCli *cli, QuickKeysOptions *o, const char *key_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  gint64 key, page, position;

  if (o->position == NULL)
    return pos_cli_usage (usage, "a move needs --position");
  if (!read_number ("KEY", key_text, &key, &error)
      || !read_number ("position", o->position, &position, &error)
      || (page = o->page ? find_page (cli, o->page, &error) : page_of (cli, key, &error)) == 0
      || !sign_in (cli, o, &user, &error)
      || !pos_quick_key_move (cli->store, user, key, page, (gint)position, &error))
    return pos_cli_fail (error);
  return changed (cli, key, _ ("moved"));
}

static int
remove_key (PosCli *cli, QuickKeysOptions *o, const char *key_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  gint64 key;

  if (!read_number ("KEY", key_text, &key, &error) || !sign_in (cli, o, &user, &error)
      || !pos_quick_key_remove (cli->store, user, key, &error))
    return pos_cli_fail (error);
  return changed (cli, key, _ ("removed"));
}

static int
page_add (PosCli *cli, QuickKeysOptions *o, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autofree char *done = NULL;
  gint64 id;

  if (!sign_in (cli, o, &user, &error) || (id = pos_quick_key_page_add (cli->store, user, name, &error)) == 0)
    return pos_cli_fail (error);
  done = g_strdup_printf (_ ("added page %lld"), (long long)id);
  return changed (cli, id, done);
}

/* page-rename, page-move and page-remove: @name for a rename, else
 * --position for a move, else a removal. */
static int
page_change (PosCli *cli, QuickKeysOptions *o, const char *verb, const char *page_text, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  gint64 page, position = 0;
  gboolean ok;

  if (g_str_equal (verb, "page-move") && o->position == NULL)
    return pos_cli_usage (usage, "a move needs --position");
  if ((page = find_page (cli, page_text, &error)) == 0 || !sign_in (cli, o, &user, &error))
    return pos_cli_fail (error);
  if (g_str_equal (verb, "page-rename"))
    ok = pos_quick_key_page_rename (cli->store, user, page, name, &error);
  else if (g_str_equal (verb, "page-move"))
    ok = read_number ("position", o->position, &position, &error)
         && pos_quick_key_page_move (cli->store, user, page, (gint)position, &error);
  else
    ok = pos_quick_key_page_remove (cli->store, user, page, &error);
  if (!ok)
    return pos_cli_fail (error);
  return changed (cli, page, g_str_equal (verb, "page-remove") ? _ ("removed") : _ ("saved"));
}

static int
dispatch (PosCli *cli, QuickKeysOptions *o, int argc, char **argv)
{
  const char *verb = argv[1];

  if (g_str_equal (verb, "list") && argc == 2)
    return list (cli);
  if (g_str_equal (verb, "add") && argc == 4)
    return add (cli, o, argv[2], argv[3]);
  if (g_str_equal (verb, "move") && argc == 3)
    return move (cli, o, argv[2]);
  if (g_str_equal (verb, "remove") && argc == 3)
    return remove_key (cli, o, argv[2]);
  if (g_str_equal (verb, "page-add") && argc == 3)
    return page_add (cli, o, argv[2]);
  if (g_str_equal (verb, "page-rename") && argc == 4)
    return page_change (cli, o, verb, argv[2], argv[3]);
  if ((g_str_equal (verb, "page-move") || g_str_equal (verb, "page-remove")) && argc == 3)
    return page_change (cli, o, verb, argv[2], NULL);
  return pos_cli_usage (usage, NULL);
}

int
pos_cli_quickkeys (PosCli *cli, int argc, char **argv)
{
  QuickKeysOptions o = { 0 };
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (o.actor, "as", "as-pin"),
    { "label", 0, 0, G_OPTION_ARG_STRING, &o.label, NULL, NULL },
    { "colour", 0, 0, G_OPTION_ARG_STRING, &o.colour, NULL, NULL },
    { "page", 0, 0, G_OPTION_ARG_STRING, &o.page, NULL, NULL },
    { "position", 0, 0, G_OPTION_ARG_STRING, &o.position, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  int status;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    status = pos_cli_usage (usage, error ? error->message : NULL);
  else if (pos_cli_store (cli, &error) == NULL)
    status = pos_cli_fail (error);
  else
    status = dispatch (cli, &o, argc, argv);
  options_clear (&o);
  return status;
}
