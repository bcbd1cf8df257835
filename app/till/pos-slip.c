/* pos-slip.c — the shared parts of the slips for money paid in (see pos-slip.h). */
#include "pos-slip.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-format.h"
#include "pos-shop.h"
#include "pos-store-private.h"

void
pos_slip_add_shop (PosStore *store, PosReceipt *receipt, const char *banner)
{
  g_autofree char *name = pos_store_dup_setting (store, "shop_name");
  g_autofree char *address = pos_store_dup_setting (store, "shop_address");

  g_return_if_fail (store != NULL && receipt != NULL && banner != NULL);

  pos_receipt_add_text (receipt, POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT,
                        POS_ALIGN_CENTER,
                        name && *name ? name : pos_shop_setting_find ("shop_name")->fallback);
  if (address != NULL && *address != '\0')
    pos_receipt_add_text (receipt, POS_TEXT_NORMAL, POS_ALIGN_CENTER, address);
  pos_receipt_add_feed (receipt, 1);
  pos_receipt_add_text (receipt,
                        POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT | POS_TEXT_INVERSE,
                        POS_ALIGN_CENTER, banner);
  pos_receipt_add_rule (receipt, '-');
}

void
pos_slip_add_money (PosReceipt *receipt, const PosCurrency *currency, PosTextStyle style, const char *label,
                    PosAmount amount)
{
  g_autofree char *text = pos_amount_format (amount, currency);

  pos_receipt_add_columns (receipt, style, label, text);
}

char *
pos_slip_local_time (const char *iso_utc, const char *locale)
{
  g_autoptr (GDateTime) utc = NULL, local = NULL;
  g_autofree char *date = NULL, *time = NULL;
  gint64 us = 0;

  g_return_val_if_fail (iso_utc != NULL, NULL);

  if (!pos_clock_parse_iso (iso_utc, &us)
      || (utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC)) == NULL
      || (local = g_date_time_to_local (utc)) == NULL)
    return g_strdup (iso_utc);
  date = pos_date_format (local, locale);
  time = pos_time_format (local, locale);
  return g_strconcat (date, " ", time, NULL);
}

char *
pos_slip_method_label (const char *method, const char *reference)
{
  if (g_strcmp0 (method, "card") == 0)
    return reference ? g_strdup_printf (_ ("Card (ref %s)"), reference) : g_strdup (C_ ("tender", "Card"));
  if (g_strcmp0 (method, "voucher") == 0)
    return g_strdup_printf (_ ("Gift card %s"), reference ? reference : "");
  if (g_strcmp0 (method, "points") == 0)
    return g_strdup_printf (_ ("Points (%lld)"),
                            (long long)g_ascii_strtoll (reference ? reference : "0", NULL, 10));
  return g_strdup (C_ ("tender", "Cash"));
}
