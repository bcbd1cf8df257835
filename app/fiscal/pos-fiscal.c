/* pos-fiscal.c — the fiscal profile's hooks (see pos-fiscal.h). */
#include "pos-fiscal.h"

#include "pos-fiscal-profile.h"
#include "pos-kassensichv.h"
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
