/* pos-cli.c — what every mainstreet-admin command shares (see pos-cli.h). */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pos-hub.h"
#include "pos-nf525-jet.h"
#include "pos-shop.h"

/* Opens the store on first use; commands that do not need one never do.
 * Only the commands that vouch for the whole file (verify, backup,
 * restore) read all of it with quick_check: on a big store that takes
 * tens of seconds, and a one-line report must start as fast on 1M
 * products as on 1k. */
PosStore *
pos_cli_store (PosCli *cli, GError **error)
{
  g_autoptr (GError) jet_error = NULL;

  if (cli->store != NULL)
    return cli->store;
  cli->store = pos_store_open (cli->store_path,
                               cli->check_store ? POS_STORE_OPEN_DEFAULT : POS_STORE_OPEN_NO_CHECK, error);
  /* A start-up France's event log cannot record is said, not fatal: the
   * command may be the one that looks into why. */
  if (cli->store != NULL && !pos_nf525_jet_record (cli->store, POS_JET_START, "mainstreet-admin", &jet_error))
    fprintf (stderr, _ ("The event log did not record this start: %s\n"), jet_error->message);
  return cli->store;
}

/* The one table from an error to the exit code scripts see (README, "Exit
 * codes"). Anything not listed is a plain failure. */
static const struct
{
  GQuark (*domain) (void);
  int code;
  PosExit exit;
} exit_codes[] = {
  { pos_error_quark, POS_ERROR_NOT_FOUND, POS_EXIT_NOT_FOUND },
  { pos_error_quark, POS_ERROR_INVALID, POS_EXIT_INVALID },
  { pos_error_quark, POS_ERROR_OVERFLOW, POS_EXIT_INVALID },
  { pos_error_quark, POS_ERROR_AUTH, POS_EXIT_DENIED },
  { pos_error_quark, POS_ERROR_LOCKED_OUT, POS_EXIT_DENIED },
  { pos_error_quark, POS_ERROR_PERMISSION, POS_EXIT_DENIED },
  { pos_error_quark, POS_ERROR_DISK_FULL, POS_EXIT_DISK_FULL },
  { pos_error_quark, POS_ERROR_STORE_DAMAGED, POS_EXIT_DAMAGED },
  { pos_error_quark, POS_ERROR_CHAIN_BROKEN, POS_EXIT_DAMAGED },
  { pos_error_quark, POS_ERROR_TENDER_SHORT, POS_EXIT_REFUSED },
  { pos_error_quark, POS_ERROR_REFUND_EXCEEDS, POS_EXIT_REFUSED },
  { pos_error_quark, POS_ERROR_ALREADY_DONE, POS_EXIT_REFUSED },
  { pos_error_quark, POS_ERROR_STATE, POS_EXIT_REFUSED },
  /* The hub: offline is worth retrying (1), an alarm is not. */
  { pos_sync_error_quark, POS_SYNC_ERROR_DENIED, POS_EXIT_DENIED },
  { pos_sync_error_quark, POS_SYNC_ERROR_ALARM, POS_EXIT_DAMAGED },
  { pos_sync_error_quark, POS_SYNC_ERROR_FORKED, POS_EXIT_REFUSED },
  { pos_sync_error_quark, POS_SYNC_ERROR_BEHIND, POS_EXIT_REFUSED },
  { pos_sync_error_quark, POS_SYNC_ERROR_INSECURE, POS_EXIT_REFUSED },
  { pos_sync_error_quark, POS_SYNC_ERROR_APPLY, POS_EXIT_INVALID },
};

int
pos_cli_exit_code (const GError *error)
{
  g_return_val_if_fail (error != NULL, POS_EXIT_FAILED);

  for (guint i = 0; i < G_N_ELEMENTS (exit_codes); i++)
    if (error->domain == exit_codes[i].domain () && error->code == exit_codes[i].code)
      return exit_codes[i].exit;
  return POS_EXIT_FAILED;
}

/* Prints the one line the contract promises and returns the exit code.
 * A message may quote another program's report (SQLite's integrity check
 * has one finding a line), so its line breaks become spaces here. */
int
pos_cli_fail (GError *error)
{
  g_autofree char *line = NULL;

  g_return_val_if_fail (error != NULL, POS_EXIT_FAILED);

  line = g_strdelimit (g_strdup (error->message), "\r\n", ' ');
  fprintf (stderr, "mainstreet-admin: %s\n", line);
  return pos_cli_exit_code (error);
}

int
pos_cli_usage (const char *usage, const char *problem)
{
  if (problem != NULL)
    fprintf (stderr, "mainstreet-admin: %s\n", problem);
  fprintf (stderr, "usage: mainstreet-admin [--store PATH] [--json] %s\n", usage);
  return POS_EXIT_USAGE;
}

/* "-2", "-0.5": a negative number is an argument, never an option. */
static gboolean
is_negative_number (const char *arg)
{
  return arg[0] == '-' && (g_ascii_isdigit (arg[1]) || (arg[1] == '.' && g_ascii_isdigit (arg[2])));
}

/* Whether @arg is an option of @entries that takes the next word as its
 * value ("--qty" but not "--qty=2" or "--dry-run"). */
static gboolean
takes_value (const GOptionEntry *entries, const char *arg)
{
  if (!g_str_has_prefix (arg, "--") || strchr (arg, '=') != NULL)
    return FALSE;
  for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
    if (g_str_equal (arg + 2, e->long_name))
      return e->arg != G_OPTION_ARG_NONE;
  return FALSE;
}

/*
 * Parses @entries out of the command's words. GOption would read "-2" as
 * an unknown option, so the words that are arguments — negative numbers,
 * and everything after "--" — are set aside first and put back, in order,
 * after the options were taken. An option's value stays with its option.
 */
gboolean
pos_cli_parse (GOptionEntry *entries, int *argc, char ***argv, const char *usage, GError **error)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GPtrArray) options = g_ptr_array_new ();
  g_autoptr (GPtrArray) arguments = g_ptr_array_new ();
  char **words = *argv;
  gboolean rest = FALSE;
  int n_options;
  char **parsed;

  g_ptr_array_add (options, words[0]);
  for (int i = 1; i < *argc; i++)
    {
      if (rest || is_negative_number (words[i]))
        g_ptr_array_add (arguments, words[i]);
      else if (g_str_equal (words[i], "--"))
        rest = TRUE;
      else
        {
          g_ptr_array_add (options, words[i]);
          if (takes_value (entries, words[i]) && i + 1 < *argc)
            g_ptr_array_add (options, words[++i]);
          else if (!g_str_has_prefix (words[i], "-"))
            {
              /* a plain word: keep it where it stands among the arguments */
              g_ptr_array_remove_index (options, options->len - 1);
              g_ptr_array_add (arguments, words[i]);
            }
        }
    }
  n_options = (int)options->len;
  g_ptr_array_add (options, NULL);
  parsed = (char **)options->pdata;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &n_options, &parsed, error))
    return FALSE;
  if (n_options > 1)
    return g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _ ("Unexpected “%s” (see %s)"),
                        parsed[1], usage),
           FALSE;

  /* argv has room for every word it had: write words[0] and the arguments back */
  *argc = 1;
  for (guint i = 0; i < arguments->len; i++)
    words[(*argc)++] = arguments->pdata[i];
  words[*argc] = NULL;
  return TRUE;
}

void
pos_cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

int
pos_cli_print_listing (PosCli *cli, JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);

  if (cli->json)
    pos_cli_print_json (root);
  return POS_EXIT_OK;
}

/* An amount as the contract writes it: a plain decimal in major units. */
char *
pos_cli_money (PosCli *cli, PosAmount amount)
{
  return pos_amount_to_string (amount, pos_shop_currency (cli->store));
}

void
pos_cli_member_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
pos_cli_member_money (PosCli *cli, JsonBuilder *b, const char *name, PosAmount amount)
{
  g_autofree char *text = pos_cli_money (cli, amount);

  pos_cli_member_string (b, name, text);
}

void
pos_cli_member_cost (PosCli *cli, JsonBuilder *b, const char *name, PosAmount amount)
{
  g_autofree char *text = amount >= 0 ? pos_cli_money (cli, amount) : NULL;

  pos_cli_member_string (b, name, text);
}

/* Signs a user in with their PIN for a command that acts on their behalf. */
/* One line of standard input, without its line end; the terminal's echo is
 * off meanwhile when it is one. */
static char *
read_secret_line (const char *prompt, GError **error)
{
  char line[1024];
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  gboolean got;

  if (tty)
    {
      fprintf (stderr, "%s: ", prompt);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t)ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  got = fgets (line, sizeof line, stdin) != NULL;
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputc ('\n', stderr);
    }
  if (!got)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s: nothing to read on standard input"), prompt);
      return NULL;
    }
  line[strcspn (line, "\r\n")] = '\0';
  {
    char *secret = g_strdup (line);
    sodium_memzero (line, sizeof line);
    return secret;
  }
}

char *
pos_cli_read_secret (const char *value, const char *prompt, GError **error)
{
  g_return_val_if_fail (value != NULL && prompt != NULL, NULL);

  if (g_str_equal (value, "-"))
    return read_secret_line (prompt, error);
  return g_strdup (value);
}

PosUser *
pos_cli_login (PosCli *cli, const char *name, const char *pin, const char *role_needed, GError **error)
{
  PosStore *store = pos_cli_store (cli, error);
  g_autofree char *secret = NULL;
  g_autofree char *prompt = NULL;
  PosUser *user;

  if (store == NULL)
    return NULL;
  if (name == NULL || pin == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("This needs %s name and PIN"), role_needed);
      return NULL;
    }
  prompt = g_strdup_printf (_ ("PIN for %s"), name);
  if ((secret = pos_cli_read_secret (pin, prompt, error)) == NULL)
    return NULL;
  user = pos_users_authenticate (store, name, secret, error);
  sodium_memzero (secret, strlen (secret));
  return user;
}

/* Signs in the acting user (@who says which flags, for the message) and,
 * when given, the approver; @approver may be NULL for commands that take
 * no approval. */
gboolean
pos_cli_actor_sign_in (PosCli *cli, PosCliActor *actor, const char *who, PosUser **user, PosUser **approver,
                       GError **error)
{
  *user = pos_cli_login (cli, actor->name, actor->pin, who, error);
  if (*user == NULL)
    return FALSE;
  if (actor->approver == NULL || approver == NULL)
    return TRUE;
  *approver = pos_cli_login (cli, actor->approver, actor->approver_pin, "the approver's", error);
  return *approver != NULL;
}

void
pos_cli_actor_clear (PosCliActor *actor)
{
  g_clear_pointer (&actor->name, g_free);
  g_clear_pointer (&actor->pin, g_free);
  g_clear_pointer (&actor->approver, g_free);
  g_clear_pointer (&actor->approver_pin, g_free);
}
