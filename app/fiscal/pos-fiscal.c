/* pos-fiscal.c — the fiscal profile's hooks (see pos-fiscal.h). */
#include "pos-fiscal.h"

#include "pos-fiscal-profile.h"
#include "pos-kassensichv.h"
#include "pos-nf525-jet.h"
#include "pos-nf525.h"
#include "pos-rksv-till.h"

gboolean
pos_fiscal_record_sale (PosStore *store, const PosFiscalSale *sale, GError **error)
{
  g_return_val_if_fail (store != NULL && sale != NULL, FALSE);

  switch (pos_fiscal_profile_get (store))
    {
      case POS_FISCAL_AT_RKSV:
        {
          g_autoptr (JsonArray) taxes = pos_rksv_till_sale_taxes (store, sale->taxes, sale->payments, error);

          return taxes != NULL
                 && pos_rksv_till_sale (store, sale->sale_id, sale->kind, sale->receipt_no, sale->created_at,
                                        taxes, error);
        }
      case POS_FISCAL_DE_KASSENSICHV:
        return pos_kassensichv_record_sale (store, sale->sale_id, sale->kind, sale->receipt_no,
                                            sale->created_at, sale->taxes, sale->payments, error);
      case POS_FISCAL_FR_NF525:
        return pos_nf525_record_sale (store, sale->sale_id, sale->kind, sale->receipt_no, sale->created_at,
                                      sale->total, error);
      case POS_FISCAL_NONE:
        break;
    }
  return TRUE;
}

gboolean
pos_fiscal_add_receipt_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt, GError **error)
{
  g_return_val_if_fail (store != NULL && receipt_no != NULL && receipt != NULL, FALSE);

  switch (pos_fiscal_profile_get (store))
    {
      case POS_FISCAL_AT_RKSV:
        return pos_rksv_till_receipt_lines (store, receipt_no, receipt, error);
      case POS_FISCAL_DE_KASSENSICHV:
        return pos_kassensichv_receipt_lines (store, receipt_no, receipt, error);
      case POS_FISCAL_FR_NF525:
        return pos_nf525_receipt_lines (store, receipt_no, receipt, error);
      case POS_FISCAL_NONE:
        break;
    }
  return TRUE;
}

/* The event log's line of a training sale: its number and total, no amount
 * that a grand total could take up. */
static gboolean
jet_training (PosStore *store, const PosFiscalSale *sale, GError **error)
{
  g_autofree char *detail
      = g_strdup_printf ("sale %s total %" G_GINT64_FORMAT, sale->receipt_no, (gint64)sale->total);

  return pos_nf525_jet_record (store, POS_JET_TRAINING, detail, error);
}

gboolean
pos_fiscal_record_training (PosStore *store, const PosFiscalSale *sale, GError **error)
{
  g_return_val_if_fail (store != NULL && sale != NULL, FALSE);

  switch (pos_fiscal_profile_get (store))
    {
      case POS_FISCAL_AT_RKSV:
        return pos_rksv_till_sale (store, 0, "training", sale->receipt_no, sale->created_at, sale->taxes,
                                   error);
      case POS_FISCAL_DE_KASSENSICHV:
        return pos_kassensichv_record_sale (store, 0, "training", sale->receipt_no, sale->created_at,
                                            sale->taxes, sale->payments, error);
      case POS_FISCAL_FR_NF525:
        return jet_training (store, sale, error);
      case POS_FISCAL_NONE:
        break;
    }
  return TRUE;
}

gboolean
pos_fiscal_add_training_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt, GError **error)
{
  g_return_val_if_fail (store != NULL && receipt_no != NULL && receipt != NULL, FALSE);

  switch (pos_fiscal_profile_get (store))
    {
      case POS_FISCAL_AT_RKSV:
        return pos_rksv_till_training_lines (store, receipt_no, receipt, error);
      case POS_FISCAL_DE_KASSENSICHV:
        return pos_kassensichv_training_lines (store, receipt_no, receipt, error);
      case POS_FISCAL_FR_NF525:
      case POS_FISCAL_NONE:
        break;
    }
  return TRUE;
}

gboolean
pos_fiscal_record_money_move (PosStore *store, const char *event_type, const char *event_id, GError **error)
{
  g_return_val_if_fail (store != NULL && event_type != NULL && event_id != NULL, FALSE);

  /* FR-NF525 keeps such money out of the perpetual grand totals, which
   * total the turnover (chiffre d'affaires) of receipts. A payment towards
   * a layaway is an advance (acompte) on goods: French VAT on a supply of
   * goods falls due at delivery, not when an advance is paid (CGI art.
   * 269, 2-a), so the sale collecting the goods puts their full total into
   * the grand total then, once. A fee kept when a layaway is cancelled is
   * forfeited arrhes, compensation and no supply (CJEU C-277/05, Société
   * thermale d'Eugénie-les-Bains), so no turnover either. A payment into
   * an account settles what a sale on account already put into the grand
   * total, or is a deposit for sales to come: counting it would count that
   * turnover twice. */
  switch (pos_fiscal_profile_get (store))
    {
      case POS_FISCAL_AT_RKSV:
        return pos_rksv_till_move (store, event_type, event_id, error);
      case POS_FISCAL_DE_KASSENSICHV:
        return pos_kassensichv_record_move (store, event_type, event_id, error);
      case POS_FISCAL_FR_NF525:
      case POS_FISCAL_NONE:
        break;
    }
  return TRUE;
}

gboolean
pos_fiscal_add_money_move_lines (PosStore *store, const char *event_type, gint64 move_id, PosReceipt *receipt,
                                 GError **error)
{
  g_return_val_if_fail (store != NULL && event_type != NULL && receipt != NULL, FALSE);

  switch (pos_fiscal_profile_get (store))
    {
      case POS_FISCAL_AT_RKSV:
        return pos_rksv_till_move_lines (store, event_type, move_id, receipt, error);
      case POS_FISCAL_DE_KASSENSICHV:
        return pos_kassensichv_move_lines (store, event_type, move_id, receipt, error);
      case POS_FISCAL_FR_NF525:
      case POS_FISCAL_NONE:
        break;
    }
  return TRUE;
}
