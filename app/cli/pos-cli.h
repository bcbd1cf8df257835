/* pos-cli.h — what every mainstreet-admin command shares.
 *
 * The contract (docs/ARCHITECTURE.md, Command line): every reporting command takes
 * --json; exit 0 on success, non-zero with one clear line on stderr
 * otherwise. The exit code says what kind of failure it was, so scripts
 * can tell "no such receipt" from "disk full".
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-money.h"
#include "pos-stock.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef enum
{
  POS_EXIT_OK = 0,
  POS_EXIT_FAILED = 1,
  POS_EXIT_USAGE = 2,
  POS_EXIT_NOT_FOUND = 3,
  POS_EXIT_INVALID = 4,
  POS_EXIT_DENIED = 5, /* wrong PIN, locked out, needs approval */
  POS_EXIT_DISK_FULL = 6,
  POS_EXIT_DAMAGED = 7, /* the store or its journal failed a check */
  POS_EXIT_REFUSED = 8, /* not possible now: short tender, refund exceeds, already done */
} PosExit;

typedef struct
{
  char *store_path;
  gboolean json;
  gboolean check_store; /* open with PRAGMA quick_check: verify, backup, restore */
  PosStore *store;
} PosCli;

/* Who a command acts for, and who approves when their role is not enough:
 * filled by POS_CLI_ACTOR_ENTRIES, signed in by pos_cli_actor_sign_in(). */
typedef struct
{
  char *name;
  char *pin;
  char *approver;
  char *approver_pin;
} PosCliActor;

#define POS_CLI_ACTOR_ENTRIES(actor, name_flag, pin_flag)                                                    \
  { name_flag, 0, 0, G_OPTION_ARG_STRING, &(actor).name, NULL, NULL },                                       \
      { pin_flag, 0, 0, G_OPTION_ARG_STRING, &(actor).pin, NULL, NULL },                                     \
      { "approver", 0, 0, G_OPTION_ARG_STRING, &(actor).approver, NULL, NULL },                              \
  {                                                                                                          \
    "approver-pin", 0, 0, G_OPTION_ARG_STRING, &(actor).approver_pin, NULL, NULL                             \
  }

typedef int (*PosCliRun) (PosCli *cli, int argc, char **argv);

typedef struct
{
  const char *name;
  PosCliRun run;
  const char *usage;
} PosCliCommand;

PosStore *pos_cli_store (PosCli *cli, GError **error);
/* The exit code for @error, from the one table in pos-cli.c. */
int pos_cli_exit_code (const GError *error);
int pos_cli_fail (GError *error);
int pos_cli_usage (const char *usage, const char *problem);
gboolean pos_cli_parse (GOptionEntry *entries, int *argc, char ***argv, const char *usage, GError **error);
void pos_cli_print_json (JsonNode *node);
/* Ends a listing whose text lines were printed while @b built its JSON:
 * prints that document when --json was given. Returns POS_EXIT_OK. */
int pos_cli_print_listing (PosCli *cli, JsonBuilder *b);
char *pos_cli_money (PosCli *cli, PosAmount amount);
/* JSON members as the contract writes them: a string or null; an amount as
 * a decimal string; a cost, where a negative amount means "not known" and is
 * written as null. */
void pos_cli_member_string (JsonBuilder *b, const char *name, const char *value);
void pos_cli_member_money (PosCli *cli, JsonBuilder *b, const char *name, PosAmount amount);
void pos_cli_member_cost (PosCli *cli, JsonBuilder *b, const char *name, PosAmount amount);
gboolean pos_cli_actor_sign_in (PosCli *cli, PosCliActor *actor, const char *who, PosUser **user,
                                PosUser **approver, GError **error);
void pos_cli_actor_clear (PosCliActor *actor);
PosUser *pos_cli_login (PosCli *cli, const char *name, const char *pin, const char *role_needed,
                        GError **error);

/* A PIN or password option's value, so secrets need not be on the command
 * line (where `ps` and shell history see them): "-" reads one line from
 * standard input, prompting for @prompt without echo on a terminal.
 * (transfer full) (nullable) */
char *pos_cli_read_secret (const char *value, const char *prompt, GError **error);

/* Commands, one file each group. */
int pos_cli_init (PosCli *cli, int argc, char **argv);
int pos_cli_barcode (PosCli *cli, int argc, char **argv);
int pos_cli_sell (PosCli *cli, int argc, char **argv);
int pos_cli_refund (PosCli *cli, int argc, char **argv);
int pos_cli_users (PosCli *cli, int argc, char **argv);
int pos_cli_settings (PosCli *cli, int argc, char **argv);
int pos_cli_verify (PosCli *cli, int argc, char **argv);
int pos_cli_stock (PosCli *cli, int argc, char **argv);
int pos_cli_transfer (PosCli *cli, int argc, char **argv);

/* A delivery line's code (pos-cli-batch.c): a SKU or barcode, or a GS1
 * code whose batch and expiry go into @item (they live as long as the
 * command). */
gboolean pos_cli_read_delivery_code (PosCli *cli, const char *code, PosStockItem *item, GError **error);
/* Prints on stderr the first-expiry-first-out warning for a scan that
 * names a batch while an older one is on hand. */
void pos_cli_warn_fefo (PosCli *cli, const char *scan);
/* `report accounting --day DAY --format datev|csv FOLDER` (pos-cli-accounting.c). */
int pos_cli_report_accounting (PosCli *cli, int argc, char **argv, const char *day, const char *format,
                               const char *usage);
/* `stock expiring --days N`. */
int pos_cli_stock_expiring (PosCli *cli, guint days);
int pos_cli_product (PosCli *cli, int argc, char **argv);
int pos_cli_promo (PosCli *cli, int argc, char **argv);
int pos_cli_quickkeys (PosCli *cli, int argc, char **argv);
int pos_cli_report (PosCli *cli, int argc, char **argv);
int pos_cli_sales (PosCli *cli, int argc, char **argv);
int pos_cli_shift (PosCli *cli, int argc, char **argv);
int pos_cli_import (PosCli *cli, int argc, char **argv);
int pos_cli_export (PosCli *cli, int argc, char **argv);
int pos_cli_backup (PosCli *cli, int argc, char **argv);
int pos_cli_restore (PosCli *cli, int argc, char **argv);
int pos_cli_hub (PosCli *cli, int argc, char **argv);
int pos_cli_sync (PosCli *cli, int argc, char **argv);
int pos_cli_bench (PosCli *cli, int argc, char **argv);
int pos_cli_demo_shop (PosCli *cli, int argc, char **argv);
int pos_cli_labels (PosCli *cli, int argc, char **argv);
int pos_cli_fiscal (PosCli *cli, int argc, char **argv);
int pos_cli_supplier (PosCli *cli, int argc, char **argv);
int pos_cli_po (PosCli *cli, int argc, char **argv);
int pos_cli_voucher (PosCli *cli, int argc, char **argv);
int pos_cli_account (PosCli *cli, int argc, char **argv);
int pos_cli_layaway (PosCli *cli, int argc, char **argv);
int pos_cli_stock_take (PosCli *cli, int argc, char **argv);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosCliActor, pos_cli_actor_clear)

G_END_DECLS
