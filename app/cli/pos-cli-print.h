/* pos-cli-print.h — mainstreet-admin's hardware commands.
 *
 *   print RECEIPT [--printer URI] [--copy] [--preview FILE.png]
 *   printers                      CUPS queues and USB receipt printers
 *   scanners                      USB HID and serial barcode scanners present
 *   drawer open --reason TEXT --cashier NAME --pin PIN
 *               [--approver NAME --approver-pin PIN] [--receipt RECEIPT] [--printer URI]
 *
 * A printer that fails exits non-zero with the printer's problem on stderr
 * (3: not found, 4: bad URI or profile, 5: no permission, 8: off, out of
 * paper, cover open, timed out); the sale is untouched and can be printed
 * again.
 */
#pragma once

#include "pos-cli.h"
#include "pos-receipt.h"

G_BEGIN_DECLS

int pos_cli_print (PosCli *cli, int argc, char **argv);
int pos_cli_printers (PosCli *cli, int argc, char **argv);
int pos_cli_scanners (PosCli *cli, int argc, char **argv);
int pos_cli_drawer (PosCli *cli, int argc, char **argv);
/* pos_cli_fail() with printer problems mapped to the exit codes above. */
int pos_cli_fail_device (GError *error);
/*
 * The slip of a command (an account payment, a layaway's move): drawn to
 * @preview (a PNG) when given, and printed to @printer (NULL: the till's
 * own) unless only a preview was asked for; then says @printed, unless
 * --json. A printer or preview that fails exits as pos_cli_fail_device().
 */
int pos_cli_print_slip (PosCli *cli, PosReceipt *slip, const char *printer, const char *preview,
                        const char *printed);

G_END_DECLS
