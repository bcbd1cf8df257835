/* pos-customer.h — the shop's customers: loyalty cards and the personal data behind them.
 *
 * A customer is found at the till by card code or phone number. Phone
 * numbers are kept normalised (digits, with a leading "+" when given) so the
 * same number typed two ways is the same customer. Personal data is erased
 * on request: the row stays, anonymous, so loyalty ledgers and sales keep
 * adding up. Profile fields merge across tills last-writer-wins by HLC.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *card_code;  /* (nullable) */
  char *name;       /* (nullable) */
  char *phone;      /* (nullable) normalised */
  char *email;      /* (nullable) */
  gboolean consent; /* agreed to be contacted */
  char *created_at;
  char *erased_at; /* (nullable) set once the personal data was erased */
} PosCustomer;

void pos_customer_free (PosCustomer *customer);
PosCustomer *pos_customer_copy (const PosCustomer *customer);

/*
 * Normalises a phone number as typed: spaces, dashes, dots, slashes and
 * brackets dropped, a leading "+" kept, then 4 to 15 digits. NULL with
 * POS_ERROR_INVALID otherwise.
 * Returns: (transfer full) (nullable)
 */
char *pos_customer_normalize_phone (const char *text, GError **error);

/*
 * Adds a customer from @draft (its id, created_at and erased_at are
 * ignored). A card code or a phone number is required; empty strings count
 * as missing; the email, when given, must look like one (one "@", something
 * on both sides, a dot in the domain). A card code or phone number already
 * in use is POS_ERROR_INVALID naming it. Journal "customer.saved" and an
 * audit row, in one transaction (the caller's, when one is open).
 * Returns: (transfer full) (nullable): the saved customer
 */
PosCustomer *pos_customer_add (PosStore *store, const PosUser *user, const PosCustomer *draft,
                               GError **error);

/* The customer with this card code, or else this phone number (normalised
 * first). POS_ERROR_NOT_FOUND when none. Returns: (transfer full) (nullable) */
PosCustomer *pos_customer_find (PosStore *store, const char *card_or_phone, GError **error);

/* POS_ERROR_NOT_FOUND when there is no such id. Returns: (transfer full) (nullable) */
PosCustomer *pos_customer_get (PosStore *store, gint64 id, GError **error);

/*
 * Saves the profile fields (card code, name, phone, email, consent) of
 * @customer->id, validated as in pos_customer_add(), with a new HLC in
 * updated_hlc. An erased customer cannot be updated (POS_ERROR_STATE).
 */
gboolean pos_customer_update (PosStore *store, const PosUser *user, const PosCustomer *customer,
                              GError **error);

/* Ids of customers whose name (ignoring ASCII case), card code or phone
 * starts with @text, by name; @limit 0 means no limit.
 * Returns: (transfer full) (element-type gint64) (nullable) */
GArray *pos_customer_search (PosStore *store, const char *text, guint limit, GError **error);

/*
 * Erases a customer's personal data on their request: card code, name,
 * phone and email set to NULL, consent cleared, erased_at set. Their
 * loyalty entries and sales stay, now anonymous. Needs
 * POS_ACTION_CUSTOMER_DATA of @user or @approver (nullable). Journal
 * "customer.erased" and an audit row, in one transaction.
 * POS_ERROR_ALREADY_DONE when already erased.
 */
gboolean pos_customer_erase (PosStore *store, const PosUser *user, const PosUser *approver, gint64 id,
                             GError **error);

/*
 * Everything the shop holds on a customer, for a subject access request:
 * { "customer": {…profile…}, "loyalty": { "balance": n, "entries": […] },
 *   "sales": [ { "receipt_no", "created_at", "kind", "total" } ] }.
 * Returns: (transfer full) (nullable)
 */
JsonNode *pos_customer_export (PosStore *store, gint64 id, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosCustomer, pos_customer_free)

G_END_DECLS
