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
        return pos_rksv_till_sale (store, sale->sale_id, sale->kind, sale->receipt_no, sale->created_at,
                                   sale->taxes, error);
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

  if (pos_fiscal_profile_get (store) == POS_FISCAL_DE_KASSENSICHV)
    return pos_kassensichv_record_move (store, event_type, event_id, error);
  return TRUE;
}

gboolean
pos_fiscal_add_money_move_lines (PosStore *store, const char *event_type, gint64 move_id, PosReceipt *receipt,
                                 GError **error)
{
  g_return_val_if_fail (store != NULL && event_type != NULL && receipt != NULL, FALSE);

  if (pos_fiscal_profile_get (store) == POS_FISCAL_DE_KASSENSICHV)
    return pos_kassensichv_move_lines (store, event_type, move_id, receipt, error);
  return TRUE;
}
