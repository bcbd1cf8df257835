/* pos-tender.c — how a customer pays: parsing tenders, guarding card
 * references against card numbers (docs/ARCHITECTURE.md Invariant 9). */
#include "pos-checkout.h"

#include <glib/gi18n-lib.h>

const char *
pos_tender_method_to_string (PosTenderMethod method)
{
  static const char *const names[] = { "cash", "card", "points", "voucher", "account", "layaway" };

  g_return_val_if_fail (method <= POS_TENDER_LAYAWAY, NULL);
  return names[method];
}

PosAmount
pos_tender_max (const PosCurrency *currency)
{
  PosAmount max = POS_TENDER_MAX_MAJOR;

  g_return_val_if_fail (currency != NULL, 0);
  for (int e = 0; e < currency->exponent; e++)
    max *= 10;
  return max;
}

gboolean
pos_tender_check_amount (PosAmount amount, const PosCurrency *currency, GError **error)
{
  g_return_val_if_fail (currency != NULL, FALSE);

  if (amount > pos_tender_max (currency))
    {
      g_autofree char *max = pos_amount_format (pos_tender_max (currency), currency);
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("An amount can be at most %s"), max);
      return FALSE;
    }
  return TRUE;
}

void
pos_tender_clear (PosTender *tender)
{
  g_clear_pointer (&tender->reference, g_free);
}

static gboolean
luhn_valid (const char *digits)
{
  int sum = 0;
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      int d = digits[n - 1 - i] - '0';
      if (i % 2 == 1)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
  return sum % 10 == 0;
}

/*
 * A terminal reference is short free text. What looks like a card number
 * (13–19 digits, spaces or dashes allowed, passing the Luhn check) is
 * refused: the till must never hold one.
 */
gboolean
pos_card_reference_check (const char *reference, GError **error)
{
  g_autoptr (GString) digits = g_string_new (NULL);

  if (reference == NULL || *reference == '\0' || strlen (reference) > 64)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("A card payment needs the terminal's reference (1–64 characters)"));
      return FALSE;
    }
  for (const char *p = reference; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (*p != ' ' && *p != '-')
      return TRUE;
  if (digits->len >= 13 && digits->len <= 19 && luhn_valid (digits->str))
    {
      g_set_error (
          error, POS_ERROR, POS_ERROR_INVALID,
          _ ("That looks like a card number: enter the terminal's reference, never the card number"));
      return FALSE;
    }
  return TRUE;
}

/* Parses "cash:20.00", "card:12.50:REF123", "points:500" or
 * "voucher:GC7K2M9QXH4T:10.00" (code, then amount); a refund also takes
 * "credit:10.00", store credit on the customer's account. */
gboolean
pos_tender_parse (const char *text, const PosCurrency *currency, PosTender *out, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text ? text : "", ":", 3);
  guint n = g_strv_length (parts);

  memset (out, 0, sizeof *out);
  if (n >= 2 && g_str_equal (parts[0], "cash") && n == 2)
    {
      out->method = POS_TENDER_CASH;
      return pos_amount_parse (parts[1], currency, &out->amount, error)
             && pos_tender_check_amount (out->amount, currency, error);
    }
  if (n == 3 && g_str_equal (parts[0], "card"))
    {
      out->method = POS_TENDER_CARD;
      if (!pos_amount_parse (parts[1], currency, &out->amount, error)
          || !pos_tender_check_amount (out->amount, currency, error)
          || !pos_card_reference_check (parts[2], error))
        return FALSE;
      out->reference = g_strdup (parts[2]);
      return TRUE;
    }
  if (n == 3 && g_str_equal (parts[0], "voucher"))
    {
      out->method = POS_TENDER_VOUCHER;
      if (!pos_amount_parse (parts[2], currency, &out->amount, error)
          || !pos_tender_check_amount (out->amount, currency, error))
        return FALSE;
      out->reference = g_ascii_strup (parts[1], -1);
      return TRUE;
    }
  if (n == 2 && g_str_equal (parts[0], "credit"))
    {
      /* store credit for the customer, from a refund: a voucher made then */
      out->method = POS_TENDER_VOUCHER;
      return pos_amount_parse (parts[1], currency, &out->amount, error)
             && pos_tender_check_amount (out->amount, currency, error);
    }
  if (n == 2 && g_str_equal (parts[0], "account"))
    {
      /* on the customer's account; a refund credits it back */
      out->method = POS_TENDER_ACCOUNT;
      return pos_amount_parse (parts[1], currency, &out->amount, error)
             && pos_tender_check_amount (out->amount, currency, error);
    }
  if (n == 2 && g_str_equal (parts[0], "points"))
    {
      out->method = POS_TENDER_POINTS;
      if (!g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT32, &out->points, NULL))
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a number of points"), parts[1]);
          return FALSE;
        }
      return TRUE;
    }
  g_set_error (
      error, POS_ERROR, POS_ERROR_INVALID,
      _ ("“%s” is not a tender: use cash:AMOUNT, card:AMOUNT:REFERENCE, points:N, voucher:CODE:AMOUNT or "
         "account:AMOUNT"),
      text);
  return FALSE;
}
