/* pos-import-customers.c — the customer kind of import: columns, rows
 * read and checked for codes used twice, saved through pos_customer_add()
 * with their opening loyalty points. */
#include "pos-import-private.h"

#include <glib/gi18n-lib.h>

#include "pos-customer.h"
#include "pos-loyalty.h"

enum
{
  COL_CARD,
  COL_CUSTOMER_NAME,
  COL_PHONE,
  COL_EMAIL,
  COL_CONSENT,
  COL_POINTS,
  /* OSPOS only */
  COL_FIRST_NAME,
  COL_LAST_NAME,
};

static gboolean
customer_header (ImportContext *ctx, GPtrArray *header, GError **error)
{
  int *col = ctx->columns;
  gboolean ospos = ctx->format == POS_IMPORT_OSPOS;

  col[COL_CARD] = pos_csv_header_index (header, ospos ? "Account Number" : "card_code");
  col[COL_PHONE] = pos_csv_header_index (header, ospos ? "Phone Number" : "phone");
  col[COL_EMAIL] = pos_csv_header_index (header, ospos ? "Email" : "email");
  col[COL_CONSENT] = pos_csv_header_index (header, ospos ? "Consent" : "consent");
  if (ospos)
    {
      col[COL_FIRST_NAME] = pos_csv_header_index (header, "First Name");
      col[COL_LAST_NAME] = pos_csv_header_index (header, "Last Name");
    }
  else
    {
      col[COL_CUSTOMER_NAME] = pos_csv_header_index (header, "name");
      col[COL_POINTS] = pos_csv_header_index (header, "points");
    }
  if (col[COL_CARD] < 0 && col[COL_PHONE] < 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("line 1: the header has neither a “%s” nor a “%s” column"),
                   ospos ? "Account Number" : "card_code", ospos ? "Phone Number" : "phone");
      return FALSE;
    }
  return TRUE;
}

/* The customer's name: "name", or OSPOS first and last name joined. */
static char *
customer_name (ImportContext *ctx, GPtrArray *fields)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (ctx->format != POS_IMPORT_OSPOS)
    return pos_import_cell (fields, ctx->columns[COL_CUSTOMER_NAME]);
  first = pos_import_cell (fields, ctx->columns[COL_FIRST_NAME]);
  last = pos_import_cell (fields, ctx->columns[COL_LAST_NAME]);
  if (first != NULL && last != NULL)
    return g_strdup_printf ("%s %s", first, last);
  return first != NULL ? g_steal_pointer (&first) : g_steal_pointer (&last);
}

/* Opening loyalty points: a whole number, not negative; 0 when not given. */
static gboolean
read_points (ImportContext *ctx, GPtrArray *fields, guint line, gint64 *points)
{
  g_autofree char *text = pos_import_cell (fields, ctx->columns[COL_POINTS]);
  guint64 value;

  *points = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return pos_import_row_fail (ctx, line, "points “%s” must be a whole number, not negative", text);
  *points = (gint64)value;
  return TRUE;
}

/* Reads a customer row and checks its card code and phone number are not
 * used twice in the file; the rest is checked by pos_customer_add(). */
static PosCustomer *
read_customer_row (ImportContext *ctx, GPtrArray *fields, guint line, gint64 *points)
{
  g_autoptr (PosCustomer) draft = g_new0 (PosCustomer, 1);
  g_autofree char *phone = pos_import_cell (fields, ctx->columns[COL_PHONE]);
  g_autoptr (GError) local = NULL;
  int consent;

  draft->card_code = pos_import_cell (fields, ctx->columns[COL_CARD]);
  draft->name = customer_name (ctx, fields);
  draft->email = pos_import_cell (fields, ctx->columns[COL_EMAIL]);
  if (!pos_import_read_flag (ctx, fields, ctx->columns[COL_CONSENT], line, "consent", &consent)
      || !read_points (ctx, fields, line, points))
    return NULL;
  draft->consent = consent == 1;
  if (draft->card_code == NULL && phone == NULL)
    {
      pos_import_row_fail (ctx, line, "a customer needs a card code or a phone number");
      return NULL;
    }
  if (phone != NULL && (draft->phone = pos_customer_normalize_phone (phone, &local)) == NULL)
    {
      pos_import_row_fail (ctx, line, "phone “%s”: %s", phone, local->message);
      return NULL;
    }
  if (draft->card_code != NULL
      && !pos_import_claim_once (ctx, ctx->seen_keys, draft->card_code, line, "card code"))
    return NULL;
  if (draft->phone != NULL
      && !pos_import_claim_once (ctx, ctx->seen_codes, draft->phone, line, "phone number"))
    return NULL;
  return g_steal_pointer (&draft);
}

static gboolean
import_customer_row (ImportContext *ctx, GPtrArray *fields, guint line, GError **error)
{
  g_autoptr (PosCustomer) draft = NULL;
  g_autoptr (PosCustomer) saved = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *note = NULL;
  gint64 points = 0;

  if ((draft = read_customer_row (ctx, fields, line, &points)) == NULL)
    return TRUE;
  /* pos_customer_add() validates before it writes anything, so its
   * POS_ERROR_INVALID is a problem of this row and leaves no trace. */
  saved = pos_customer_add (ctx->store, ctx->user, draft, &local);
  if (saved == NULL && g_error_matches (local, POS_ERROR, POS_ERROR_INVALID))
    {
      pos_import_row_fail (ctx, line, "%s", local->message);
      return TRUE;
    }
  if (saved == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  note = g_strdup_printf (_ ("opening balance (%s)"), ctx->reference);
  if (points > 0 && !pos_loyalty_adjust (ctx->store, ctx->user, NULL, saved->id, points, note, error))
    return FALSE;
  ctx->report->added++;
  return TRUE;
}

const ImportKind pos_import_customer_kind = { "customers", customer_header, import_customer_row };
