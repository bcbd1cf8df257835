/* mainstreet-admin — the shop's command line.
 *
 *   mainstreet-admin [--store PATH] [--json] COMMAND …
 *
 * The default store is $XDG_DATA_HOME/mainstreet/store.db, the one the app
 * opens. --store and --json may stand anywhere on the line.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "pos-cli-print.h"
#include "pos-cli.h"
#include "pos-i18n.h"
#include "pos-version.h"

static const PosCliCommand commands[] = {
  { "init", pos_cli_init,
    "init [--demo] [--till ID] [--shop ID] [--currency CODE] [--owner NAME --owner-pin PIN]" },
  { "barcode", pos_cli_barcode, "barcode CODE" },
  { "sell", pos_cli_sell,
    "sell --cashier NAME --pin PIN --scan CODE[@PRICE][*QTY]… --pay cash:AMOUNT|card:AMOUNT:REF|points:N|"
    "voucher:CODE:AMOUNT|account:AMOUNT… [--customer CARD] [--discount AMOUNT|N%] [--coupon CODE]… "
    "[--approver NAME --approver-pin PIN]" },
  { "refund", pos_cli_refund,
    "refund RECEIPT --cashier NAME --pin PIN [--line N --qty Q]… [--pay "
    "cash:AMOUNT|card:AMOUNT:REF|credit:AMOUNT|account:AMOUNT]… "
    "[--approver NAME --approver-pin PIN]" },
  { "users", pos_cli_users, "users list|add|set-pin|set-role|unlock|deactivate …" },
  { "settings", pos_cli_settings,
    "settings [list|get KEY|set KEY VALUE|tax-rates|add-tax-rate CODE NAME PERCENT]" },
  { "product", pos_cli_product,
    "product add SKU --name NAME --price AMOUNT --tax CODE [--barcode CODE]… | edit SKU|CODE … | "
    "deactivate|activate SKU|CODE | show SKU|CODE | list [--all] | open-items" },
  { "stock", pos_cli_stock,
    "stock level SKU [--shop ID] | low | shop | expiring [--days N] | receive SKU*QTY[@COST]… | adjust SKU "
    "DELTA | count "
    "SKU=QTY…" },
  { "stock-take", pos_cli_stock_take,
    "stock-take start [--category NAME] | count CODE[*QTY]… | variance [N] | approve [N] [--reason TEXT] | "
    "cancel [N]" },
  { "transfer", pos_cli_transfer, "transfer send SHOP SKU*QTY… [--note TEXT] | receive ID | list [--open]" },
  { "promo", pos_cli_promo,
    "promo add NAME --kind multibuy|multiprice|bundle|percent|amount|price [--buy N] [--pay M] [--price "
    "AMOUNT] [--percent P] [--amount AMOUNT] [--product SKU]… [--category NAME] [--members] [--coupon CODE] "
    "[--days mon-fri] [--hours 17:00-19:00] [--from DAY] [--to DAY] | list [--all] | end NAME" },
  { "quickkeys", pos_cli_quickkeys,
    "quickkeys list | add PAGE SKU|CODE [--label TEXT] [--colour #rrggbb] | move KEY [--page PAGE] "
    "--position N | remove KEY | page-add NAME | page-rename PAGE NAME | page-move PAGE --position N | "
    "page-remove PAGE" },
  { "supplier", pos_cli_supplier,
    "supplier add|edit NAME [--contact …] [--lead-time DAYS] [--minimum-order AMOUNT] [--region R] "
    "[--local] | list | show NAME | link NAME SKU [--order-code C] [--cost AMOUNT]" },
  { "voucher", pos_cli_voucher,
    "voucher issue AMOUNT [--kind mpv|spv] [--tax CODE] [--code CODE] --cashier NAME --pin PIN --pay … | "
    "balance CODE | list | overdraws | void CODE --as NAME --as-pin PIN" },
  { "account", pos_cli_account,
    "account list | show CARD [--from DAY] [--to DAY] | pay CARD AMOUNT [--method cash|card] "
    "[--reference REF] [--deposit] --cashier NAME --pin PIN | limit CARD AMOUNT --as NAME --as-pin PIN | "
    "adjust CARD AMOUNT [--credit] --note TEXT --as NAME --as-pin PIN | statement CARD --pdf FILE "
    "[--from DAY] [--to DAY] | overdrawn" },
  { "layaway", pos_cli_layaway,
    "layaway list [--all] | show NUMBER | open --name NAME [--customer CARD] --scan CODE[*QTY]… --deposit "
    "cash:AMOUNT|card:AMOUNT:REF --cashier NAME --pin PIN | pay NUMBER cash:AMOUNT|card:AMOUNT:REF --cashier "
    "NAME --pin PIN | collect NUMBER --cashier NAME --pin PIN | cancel NUMBER [--give-back "
    "cash:AMOUNT|card:AMOUNT:REF] --as NAME --as-pin PIN | overdue [--today DAY] | slip NUMBER [--printer "
    "URI] "
    "[--preview FILE.png]" },
  { "po", pos_cli_po,
    "po suggest SUPPLIER | create SUPPLIER [SKU*QTY[@COST]]… [--suggested] | show N | send N [--pdf F] "
    "[--csv F] | receive N [SKU*QTY]… [--note TEXT] | close N" },
  { "report", pos_cli_report,
    "report x | z [--number N] | sales [--from DAY] [--to DAY] [--by …] | stock-value [--at DAY] | "
    "accounting --day DAY --format datev|csv FOLDER | resilience [--dead-days N] [--pdf FILE] [--drill] | "
    "promotions [--from DAY] [--to DAY]" },
  { "sales", pos_cli_sales,
    "sales list [--from DAY] [--to DAY] [--receipt N] [--cashier NAME] [--customer CARD] [--product "
    "SKU|CODE] "
    "[--min AMOUNT] [--max AMOUNT] [--limit N] | sales show RECEIPT" },
  { "shift", pos_cli_shift,
    "shift open --float AMOUNT | close --count D=N… | paid-in|paid-out AMOUNT | no-sale" },
  { "import", pos_cli_import,
    "import products|customers FILE [--format native|ospos] [--dry-run] [--skip-invalid] --as NAME --as-pin "
    "PIN" },
  { "export", pos_cli_export, "export products|sales FILE [--from DAY] [--to DAY] --as NAME --as-pin PIN" },
  { "backup", pos_cli_backup,
    "backup FOLDER [--keep N] [--encrypt --passphrase -|--key-file FILE] --as NAME --as-pin PIN" },
  { "restore", pos_cli_restore,
    "restore BACKUP [--merge-newer] [--no-manifest] [--passphrase -|--key-file FILE] --as NAME --as-pin "
    "PIN" },
  { "labels", pos_cli_labels,
    "labels --sku SKU|BARCODE… | --delivery NOTE | --changed-since-last [--layout NAME] [--pdf FILE] "
    "[--png FILE] [--print [--printer URI]] [--qr]" },
  { "print", pos_cli_print, "print RECEIPT [--printer URI] [--copy] [--preview FILE.png]" },
  { "printers", pos_cli_printers, "printers" },
  { "scanners", pos_cli_scanners, "scanners" },
  { "drawer", pos_cli_drawer,
    "drawer open --reason TEXT --cashier NAME --pin PIN [--approver NAME --approver-pin PIN] [--receipt R] "
    "[--printer URI]" },
  { "hub", pos_cli_hub, "hub init|add-till --hub CONNINFO [--till ID --password PW]" },
  { "sync", pos_cli_sync, "sync --hub CONNINFO [--adopt-hub-chain]" },
  { "demo-shop", pos_cli_demo_shop, "demo-shop --products N --sales-lines M [--days D]" },
  { "bench", pos_cli_bench, "bench [--quick] [--dir DIR]" },
  { "fiscal", pos_cli_fiscal,
    "fiscal setup-at --cash-box ID --key-id ID --module PKCS11.so --token LABEL --key LABEL --pin PIN|- --as "
    "NAME --as-pin PIN | fiscal receipt null|day|month|year --as NAME --as-pin PIN | fiscal export dep DIR | "
    "fiscal export archive --from DAY --to DAY FOLDER | fiscal verify-archive FOLDER | "
    "fiscal export dsfinvk --from DAY --to DAY DIR | "
    "fiscal replay SCENARIO.json --out DIR --module PKCS11.so --token LABEL --pin PIN|- --key LABEL… | "
    "fiscal verify [DIR] | fiscal training on|off|status [--as NAME --as-pin PIN]" },
  { "verify", pos_cli_verify, "verify" },
};

/* Takes --store and --json out of argv wherever they stand. */
static void
take_global_options (PosCli *cli, int *argc, char **argv)
{
  int kept = 1;

  for (int i = 1; i < *argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        cli->json = TRUE;
      else if (g_str_equal (argv[i], "--store") && i + 1 < *argc)
        cli->store_path = g_strdup (argv[++i]);
      else if (g_str_has_prefix (argv[i], "--store="))
        cli->store_path = g_strdup (argv[i] + strlen ("--store="));
      else
        argv[kept++] = argv[i];
    }
  *argc = kept;
  argv[kept] = NULL;
}

static int
help (void)
{
  printf ("usage: mainstreet-admin [--store PATH] [--json] COMMAND …\n"
          "       mainstreet-admin --version | help [COMMAND] | COMMAND --help\n\ncommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    printf ("  %s\n", commands[i].usage);
  return POS_EXIT_OK;
}

/* Whether the command's words ask for help (before any "--"). */
static gboolean
asks_for_help (int argc, char **argv)
{
  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      return TRUE;
  return FALSE;
}

static const PosCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return &commands[i];
  return NULL;
}

static int
command_help (const PosCliCommand *command)
{
  printf ("usage: mainstreet-admin [--store PATH] [--json] %s\n", command->usage);
  return POS_EXIT_OK;
}

static int
run (PosCli *cli, int argc, char **argv)
{
  const PosCliCommand *command;

  if (argc < 2)
    return help (), POS_EXIT_USAGE;
  if (g_str_equal (argv[1], "--version"))
    return printf ("mainstreet-admin %s\n", pos_version ()), POS_EXIT_OK;
  if (g_str_equal (argv[1], "help") || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      if (argc > 2 && (command = find_command (argv[2])) != NULL)
        return command_help (command);
      return help ();
    }
  if ((command = find_command (argv[1])) == NULL)
    {
      fprintf (stderr, "mainstreet-admin: unknown command “%s” (see mainstreet-admin help)\n", argv[1]);
      return POS_EXIT_USAGE;
    }
  if (asks_for_help (argc - 1, argv + 1))
    return command_help (command);
  return command->run (cli, argc - 1, argv + 1);
}

int
main (int argc, char **argv)
{
  PosCli cli = { 0 };
  int status;

  /* The command line speaks the environment's language; receipts and
   * reports it writes speak the shop's (pos-i18n.h). */
  pos_i18n_init ();
  take_global_options (&cli, &argc, argv);
  if (cli.store_path == NULL)
    cli.store_path = g_build_filename (g_get_user_data_dir (), "mainstreet", "store.db", NULL);

  status = run (&cli, argc, argv);

  g_clear_pointer (&cli.store, pos_store_close);
  g_free (cli.store_path);
  return status;
}
