/* pos-cli-verify.c — `verify`: prove the store is what it says it is. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "pos-event-rows.h"
#include "pos-journal.h"
#include "pos-report.h"
#include "pos-stock.h"
#include "pos-voucher.h"

/*
 * Checks, in order: the file (PRAGMA quick_check, at open), every till's
 * journal hash chain and every signature in it, that every sale, payment,
 * stock move and loyalty row this till wrote still matches the event that
 * lists it, that every cached stock level equals the sum of its stock
 * moves, that the running totals of X and Z reports equal the sums of
 * their sales, tax rows and payments, that every voucher move is the
 * one its journal event recorded, and that the latest closing stock equals
 * the stock moves before it. Stops at the first failure and names
 * the record. Events older than signatures or row digests are counted,
 * and so are events whose own signature was changed but whose content a
 * later signature of their till proves.
 */
int
pos_cli_verify (PosCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  gint64 products = 0, periods = 0, voucher_moves = 0, stock_closes = 0;
  PosJournalCheck chain = { 0 };
  PosEventRowsCheck rows = { 0 };

  if (argc != 1)
    return pos_cli_usage ("verify", NULL);
  cli->check_store = TRUE;
  if (pos_cli_store (cli, &error) == NULL || !pos_journal_verify_signed (cli->store, &chain, &error)
      || !pos_event_rows_verify (cli->store, &rows, &error)
      || !pos_stock_verify (cli->store, &products, &error)
      || !pos_report_verify_totals (cli->store, &periods, &error)
      || !pos_voucher_verify (cli->store, &voucher_moves, &error)
      || !pos_report_stock_close_verify (cli->store, &stock_closes, &error))
    return pos_cli_fail (error);

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_set_member_name (b, "journal_events");
      json_builder_add_int_value (b, chain.events);
      json_builder_set_member_name (b, "signed_events");
      json_builder_add_int_value (b, chain.signed_);
      json_builder_set_member_name (b, "unsigned_events");
      json_builder_add_int_value (b, chain.unsigned_);
      json_builder_set_member_name (b, "events_proven_by_a_later_signature");
      json_builder_add_int_value (b, chain.proven_later);
      json_builder_set_member_name (b, "events_with_rows");
      json_builder_add_int_value (b, rows.covered);
      json_builder_set_member_name (b, "events_without_rows");
      json_builder_add_int_value (b, rows.older);
      json_builder_set_member_name (b, "stock_products");
      json_builder_add_int_value (b, products);
      json_builder_set_member_name (b, "report_periods");
      json_builder_add_int_value (b, periods);
      json_builder_set_member_name (b, "voucher_moves");
      json_builder_add_int_value (b, voucher_moves);
      json_builder_set_member_name (b, "stock_closes");
      json_builder_add_int_value (b, stock_closes);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pos_cli_print_json (root);
    }
  else
    printf (_ ("ok: store file sound, %lld journal events chain (%lld signed, %lld not signed: "
               "older than the till's key), %lld events match the rows they list (%lld not "
               "covered: older than this check), %lld stock levels equal their moves, %lld "
               "report periods equal their sales\n"),
            (long long)chain.events, (long long)chain.signed_, (long long)chain.unsigned_,
            (long long)rows.covered, (long long)rows.older, (long long)products, (long long)periods);
  if (!cli->json && chain.proven_later > 0)
    printf (
        dngettext (GETTEXT_PACKAGE,
                   "note: %lld journal event carries a signature that does not verify, changed after it "
                   "was made (on the hub, if it came from another till); a later signature of its till "
                   "proves its content\n",
                   "note: %lld journal events carry a signature that does not verify, changed after it "
                   "was made (on the hub, if they came from another till); a later signature of their till "
                   "proves their content\n",
                   (gulong)chain.proven_later),
        (long long)chain.proven_later);
  if (!cli->json)
    printf (_ ("ok: %lld voucher moves match their journal events\n"), (long long)voucher_moves);
  if (!cli->json && stock_closes > 0)
    printf (_ ("ok: the latest of %lld closing stocks equals the stock moves before it\n"),
            (long long)stock_closes);
  return POS_EXIT_OK;
}
