/* pos-supplier.h — the shop's suppliers and what it buys from each.
 *
 * A supplier has a name (unique), how to reach them, the shop's customer
 * number with them, the days an order takes to arrive, the smallest order
 * they accept and where they are: a region and whether the owner counts them
 * as local. A product links to one or more suppliers with the supplier's
 * order code and price (supplier_product); the product's own supplier is the
 * one it is usually ordered from. Saving or linking needs
 * POS_ACTION_EDIT_CATALOG and is journalled ("supplier.saved",
 * "supplier.linked") so every till of the shop knows the same suppliers.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-money.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id; /* 0: not saved yet */
  char *name;
  char *contact;           /* (nullable) the person to ask for */
  char *phone;             /* (nullable) */
  char *email;             /* (nullable) */
  char *customer_number;   /* (nullable) the shop's number with them */
  gint64 lead_time_days;   /* -1: not known */
  PosAmount minimum_order; /* minor units; -1: none */
  char *region;            /* (nullable) */
  gboolean is_local;
} PosSupplier;

/* One product a supplier delivers. */
typedef struct
{
  gint64 product_id;
  char *sku;
  char *name;
  char *order_code;   /* (nullable) */
  PosAmount cost;     /* the supplier's price; -1: not known */
  gboolean preferred; /* the product's own supplier */
} PosSupplierProduct;

void pos_supplier_clear (PosSupplier *supplier);
void pos_supplier_free (PosSupplier *supplier);
void pos_supplier_product_free (PosSupplierProduct *product);

/*
 * Adds @supplier (id 0) or saves the changes to supplier @supplier->id, in
 * one transaction with its journal event and audit row; sets
 * @supplier->id on an add. POS_ERROR_INVALID for an empty name, a name
 * another supplier has, or a negative lead time or minimum order;
 * POS_ERROR_NOT_FOUND for an unknown id.
 */
gboolean pos_supplier_save (PosStore *store, const PosUser *user, PosSupplier *supplier, GError **error);

/* Reads the supplier called @name into @out (cleared first);
 * POS_ERROR_NOT_FOUND naming it when there is none. */
gboolean pos_supplier_find (PosStore *store, const char *name, PosSupplier *out, GError **error);

/* Every supplier, by name.
 * Returns: (transfer full) (element-type PosSupplier) (nullable) */
GPtrArray *pos_supplier_list (PosStore *store, GError **error);

/*
 * Links product @product_id to supplier @supplier_id with their
 * @order_code (nullable: kept) and @cost (-1: kept), adding the link when
 * there is none. POS_ERROR_NOT_FOUND for an unknown product or supplier,
 * POS_ERROR_INVALID for a cost below -1.
 */
gboolean pos_supplier_link (PosStore *store, const PosUser *user, gint64 supplier_id, gint64 product_id,
                            const char *order_code, PosAmount cost, GError **error);

/* The products supplier @supplier_id delivers, by SKU.
 * Returns: (transfer full) (element-type PosSupplierProduct) (nullable) */
GPtrArray *pos_supplier_products (PosStore *store, gint64 supplier_id, GError **error);

/*
 * Inside the caller's transaction, the supplier another till saved or
 * linked, from its event's payload: "supplier.saved" updates the supplier
 * by the name it had (previous_name) or adds it; "supplier.linked" links
 * by supplier name and SKU, a product this till does not know being left
 * out. POS_ERROR_INVALID for a payload that lacks a name.
 */
gboolean pos_supplier_apply_saved (PosStore *store, JsonObject *payload, GError **error);
gboolean pos_supplier_apply_linked (PosStore *store, JsonObject *payload, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosSupplier, pos_supplier_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosSupplier, pos_supplier_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosSupplierProduct, pos_supplier_product_free)

G_END_DECLS
