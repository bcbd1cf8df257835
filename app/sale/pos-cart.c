/* pos-cart.c — the sale being rung up (see pos-cart.h). */
#include "pos-cart.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-barcode.h"
#include "pos-clock.h"
#include "pos-customer.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-permission.h"
#include "pos-promotion.h"
#include "pos-shop.h"
#include "pos-store-private.h"

/* No line may hold more than a million units: a typo, not a sale. */
#define MAX_QTY ((PosQty)1000000 * POS_QTY_ONE)

struct _PosCart
{
  GObject parent_instance;

  PosStore *store; /* borrowed: the till's context owns it */
  PosShopRules rules;
  PosBarcodeLayouts *layouts;
  GPtrArray *lines;

  PosQty multiplier; /* 0 = none pending */
  PosDiscount cart_discount;
  gint64 cart_discount_approver;
  gint64 customer_id;
  char *customer_name;

  GPtrArray *promotions;           /* PosPromotion not yet ended, read as a sale starts */
  unsigned int promotions_version; /* the store's data version they were read at */
  gboolean promotions_read;
  GPtrArray *coupons;    /* the codes entered, NULL-terminated */
  PosPromoResult *promo; /* what they take off, as of the last recompute */

  PosAmount subtotal;
  PosAmount discount_total;
  PosAmount tax_total;
  PosAmount total;
  PosTaxSummary *tax_summary;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PosCart, pos_cart, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_SUBTOTAL,
  PROP_DISCOUNT_TOTAL,
  PROP_TAX_TOTAL,
  PROP_TOTAL,
  PROP_MULTIPLIER,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
pos_cart_get_item_type (GListModel *model)
{
  return POS_TYPE_CART_LINE;
}

static guint
pos_cart_get_n_items (GListModel *model)
{
  return POS_CART (model)->lines->len;
}

static gpointer
pos_cart_get_item (GListModel *model, guint position)
{
  PosCart *self = POS_CART (model);

  if (position >= self->lines->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->lines, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pos_cart_get_item_type;
  iface->get_n_items = pos_cart_get_n_items;
  iface->get_item = pos_cart_get_item;
}

static void
pos_cart_finalize (GObject *object)
{
  PosCart *self = POS_CART (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->layouts, pos_barcode_layouts_free);
  g_clear_pointer (&self->tax_summary, pos_tax_summary_free);
  g_clear_pointer (&self->promotions, g_ptr_array_unref);
  g_clear_pointer (&self->coupons, g_ptr_array_unref);
  g_clear_pointer (&self->promo, pos_promo_result_free);
  pos_shop_rules_clear (&self->rules);
  g_free (self->customer_name);
  G_OBJECT_CLASS (pos_cart_parent_class)->finalize (object);
}

static void
pos_cart_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PosCart *self = POS_CART (object);

  switch (prop_id)
    {
      case PROP_SUBTOTAL:
        g_value_set_int64 (value, self->subtotal);
        break;
      case PROP_DISCOUNT_TOTAL:
        g_value_set_int64 (value, self->discount_total);
        break;
      case PROP_TAX_TOTAL:
        g_value_set_int64 (value, self->tax_total);
        break;
      case PROP_TOTAL:
        g_value_set_int64 (value, self->total);
        break;
      case PROP_MULTIPLIER:
        g_value_set_int64 (value, self->multiplier);
        break;
      case PROP_CUSTOMER_ID:
        g_value_set_int64 (value, self->customer_id);
        break;
      case PROP_CUSTOMER_NAME:
        g_value_set_string (value, self->customer_name);
        break;
      case PROP_N_ITEMS:
        g_value_set_uint (value, self->lines->len);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pos_cart_class_init (PosCartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pos_cart_finalize;
  object_class->get_property = pos_cart_get_property;

  properties[PROP_SUBTOTAL] = g_param_spec_int64 ("subtotal", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_DISCOUNT_TOTAL]
      = g_param_spec_int64 ("discount-total", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TAX_TOTAL] = g_param_spec_int64 ("tax-total", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TOTAL] = g_param_spec_int64 ("total", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_MULTIPLIER] = g_param_spec_int64 ("multiplier", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CUSTOMER_ID] = g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CUSTOMER_NAME] = g_param_spec_string ("customer-name", NULL, NULL, NULL, flags);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pos_cart_init (PosCart *self)
{
  self->lines = g_ptr_array_new_with_free_func (g_object_unref);
  self->promotions = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_promotion_free);
  self->coupons = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->coupons, NULL);
}

/* Creates an empty cart that prices by the store's current rules. */
PosCart *
pos_cart_new (PosStore *store)
{
  PosCart *self;

  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (POS_TYPE_CART, NULL);
  self->store = store;
  pos_shop_rules_load (store, &self->rules);
  self->layouts = pos_shop_barcode_layouts (store);
  return self;
}

PosStore *
pos_cart_get_store (PosCart *cart)
{
  return cart->store;
}
const PosCurrency *
pos_cart_get_currency (PosCart *cart)
{
  return cart->rules.currency;
}
PosTaxMode
pos_cart_get_tax_mode (PosCart *cart)
{
  return cart->rules.tax_mode;
}
guint
pos_cart_get_n_lines (PosCart *cart)
{
  return cart->lines->len;
}
gboolean
pos_cart_is_empty (PosCart *cart)
{
  return cart->lines->len == 0;
}
PosAmount
pos_cart_get_subtotal (PosCart *cart)
{
  return cart->subtotal;
}
PosAmount
pos_cart_get_discount_total (PosCart *cart)
{
  return cart->discount_total;
}
PosAmount
pos_cart_get_tax_total (PosCart *cart)
{
  return cart->tax_total;
}
PosAmount
pos_cart_get_total (PosCart *cart)
{
  return cart->total;
}
const PosTaxSummary *
pos_cart_get_tax_summary (PosCart *cart)
{
  return cart->tax_summary;
}
PosDiscount
pos_cart_get_cart_discount (PosCart *cart)
{
  return cart->cart_discount;
}
gint64
pos_cart_get_cart_discount_approver (PosCart *cart)
{
  return cart->cart_discount_approver;
}
PosQty
pos_cart_get_multiplier (PosCart *cart)
{
  return cart->multiplier;
}
gint64
pos_cart_get_customer_id (PosCart *cart)
{
  return cart->customer_id;
}
const char *
pos_cart_get_customer_name (PosCart *cart)
{
  return cart->customer_name;
}

PosCartLine *
pos_cart_get_line (PosCart *cart, guint position)
{
  g_return_val_if_fail (POS_IS_CART (cart), NULL);
  g_return_val_if_fail (position < cart->lines->len, NULL);
  return g_ptr_array_index (cart->lines, position);
}

static void
set_amount (PosCart *self, PosAmount *field, PosAmount value, int prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* The amount a discount rule takes off @base, never more than @base. */
static gboolean
discount_amount (PosDiscount rule, PosAmount base, PosAmount *out, GError **error)
{
  switch (rule.kind)
    {
      case POS_DISCOUNT_AMOUNT:
        *out = MIN (rule.value, MAX (base, 0));
        return TRUE;
      case POS_DISCOUNT_PERCENT:
        return pos_amount_percent (base, rule.value, out, error);
      case POS_DISCOUNT_NONE:
      default:
        *out = 0;
        return TRUE;
    }
}

/* A line a promotion may take part in: not one whose price was typed
 * over, read from its barcode or given a discount by the cashier, and not
 * an open item. */
static gboolean
promo_eligible (PosCartLine *line)
{
  return pos_cart_line_get_product_id (line) != 0 && !pos_cart_line_get_price_overridden (line)
         && !pos_cart_line_get_price_embedded (line)
         && pos_cart_line_get_discount_rule (line).kind == POS_DISCOUNT_NONE;
}

/* Runs the promotion engine over a snapshot of the lines. A shop without
 * promotions in force recomputes its cart at every scan: it leaves no
 * result (every line's promotion discount is then 0). */
static void
apply_promotions (PosCart *self)
{
  guint n = self->lines->len;
  g_autofree PosPromoLine *snapshot = NULL;
  PosPromoContext ctx;

  g_clear_pointer (&self->promo, pos_promo_result_free);
  if (self->promotions->len == 0)
    return;
  snapshot = g_new0 (PosPromoLine, n + 1);
  ctx = (PosPromoContext){ pos_clock_now_us (), self->customer_id != 0,
                           (const char *const *)self->coupons->pdata };
  for (guint i = 0; i < n; i++)
    {
      PosCartLine *line = g_ptr_array_index (self->lines, i);

      snapshot[i] = (PosPromoLine){ pos_cart_line_get_product_id (line),
                                    pos_cart_line_get_category_id (line),
                                    pos_cart_line_get_qty (line),
                                    pos_cart_line_get_unit_price (line),
                                    pos_cart_line_get_tax_rate_bp (line),
                                    pos_cart_line_is_measured (line),
                                    promo_eligible (line),
                                    pos_cart_line_get_brand (line) };
    }
  self->promo = pos_promo_apply ((PosPromotion *const *)self->promotions->pdata, self->promotions->len,
                                 snapshot, n, &ctx);
}

/*
 * Works out every line's amounts and the cart's totals from scratch:
 * gross = price × qty, less the line's own discount, less what promotions
 * take off it (pos-promo-engine.h), less its share of the cart discount
 * (largest remainder, so the shares add up exactly), then tax by rate
 * under the store's mode and rounding rule.
 */
static gboolean
recompute (PosCart *self, GError **error)
{
  guint n = self->lines->len;
  /* The four per-line arrays in one block: a scan recomputes the cart. */
  g_autofree PosAmount *block = g_malloc0_n (n + 1, 3 * sizeof (PosAmount) + sizeof (PosTaxLine));
  PosAmount *gross = block, *after_line = gross + n + 1, *share = after_line + n + 1;
  PosTaxLine *tax_lines = (PosTaxLine *)(share + n + 1);
  g_autoptr (PosTaxSummary) summary = NULL;
  PosAmount subtotal = 0, after_lines = 0, cart_off = 0, discounts = 0;

  apply_promotions (self);
  for (guint i = 0; i < n; i++)
    {
      PosCartLine *line = g_ptr_array_index (self->lines, i);
      PosAmount off;

      if (!pos_amount_mul_qty (pos_cart_line_get_unit_price (line), pos_cart_line_get_qty (line), &gross[i],
                               error)
          || !discount_amount (pos_cart_line_get_discount_rule (line), gross[i], &off, error)
          || !pos_amount_sub (gross[i], off, &after_line[i], error)
          || !pos_amount_sub (after_line[i], self->promo ? self->promo->line_discount[i] : 0, &after_line[i],
                              error)
          || !pos_amount_add (subtotal, gross[i], &subtotal, error)
          || !pos_amount_add (after_lines, after_line[i], &after_lines, error))
        return FALSE;
    }
  if (!discount_amount (self->cart_discount, after_lines, &cart_off, error)
      || (n > 0 && !pos_amount_allocate (cart_off, after_line, n, share, error)))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      PosCartLine *line = g_ptr_array_index (self->lines, i);
      tax_lines[i].code = pos_cart_line_get_tax_code (line);
      tax_lines[i].rate_bp = pos_cart_line_get_tax_rate_bp (line);
      tax_lines[i].amount = after_line[i] - share[i];
    }
  summary = pos_tax_compute (tax_lines, n, self->rules.tax_mode, self->rules.tax_rounding, error);
  if (summary == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      PosCartLine *line = g_ptr_array_index (self->lines, i);
      PosAmount off = gross[i] - tax_lines[i].amount;
      pos_cart_line_set_amounts (line, gross[i], off, tax_lines[i].amount, tax_lines[i].tax);
      discounts += off;
    }

  g_clear_pointer (&self->tax_summary, pos_tax_summary_free);
  self->tax_summary = g_steal_pointer (&summary);
  set_amount (self, &self->subtotal, subtotal, PROP_SUBTOTAL);
  set_amount (self, &self->discount_total, discounts, PROP_DISCOUNT_TOTAL);
  set_amount (self, &self->tax_total, self->tax_summary->tax, PROP_TAX_TOTAL);
  set_amount (self, &self->total, self->tax_summary->gross, PROP_TOTAL);
  return TRUE;
}

/* Applies a change to the lines and recomputes; if the new figures are
 * impossible (an overflow) the change is undone by @undo so the cart the
 * cashier sees is always one that can be paid. */
static gboolean
recompute_or_undo (PosCart *self, void (*undo) (PosCart *, gpointer), gpointer data, GError **error)
{
  if (recompute (self, error))
    return TRUE;
  undo (self, data);
  recompute (self, NULL);
  return FALSE;
}

static void
items_changed (PosCart *self, guint position, guint removed, guint added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
pos_cart_set_multiplier (PosCart *cart, PosQty qty)
{
  g_return_if_fail (POS_IS_CART (cart));
  g_return_if_fail (qty >= 0);

  if (cart->multiplier == qty)
    return;
  cart->multiplier = qty;
  g_object_notify_by_pspec (G_OBJECT (cart), properties[PROP_MULTIPLIER]);
}

static PosQty
take_multiplier (PosCart *self, gboolean *was_set)
{
  PosQty qty = self->multiplier;

  *was_set = qty > 0;
  pos_cart_set_multiplier (self, 0);
  return qty > 0 ? qty : POS_QTY_ONE;
}

static gboolean
check_qty (const char *name, gboolean measured, PosQty qty, GError **error)
{
  if (qty <= 0 || qty > MAX_QTY)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                 _ ("%s: the quantity must be more than 0 and at most a million"), name);
  else if (!measured && qty % POS_QTY_ONE != 0)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                 _ ("%s is sold by the piece: the quantity must be whole"), name);
  else
    return TRUE;
  return FALSE;
}

static void
undo_append (PosCart *self, gpointer data)
{
  g_ptr_array_remove_index (self->lines, self->lines->len - 1);
}

static void
undo_qty (PosCart *self, gpointer data)
{
  PosCartLine *last = g_ptr_array_index (self->lines, self->lines->len - 1);
  pos_cart_line_set_qty (last, pos_cart_line_get_qty (last) - *(PosQty *)data);
}

/* The store's data version: it changes with every commit to it, from this
 * connection or another (SQLITE_FCNTL_DATA_VERSION, as of the last
 * statement run, which the sale's first line has just run). */
static gboolean
store_version (PosStore *store, unsigned int *version)
{
  return sqlite3_file_control (pos_store_db (store), "main", SQLITE_FCNTL_DATA_VERSION, version) == SQLITE_OK;
}

/* Reads the promotions in force as a sale starts, so a promotion made or
 * ended meanwhile counts from the next customer on, never halfway through
 * a sale. Those read for the last sale stay while the store is unchanged:
 * reading them is a statement and a read transaction of its own, which
 * cost the first scan of a sale as much again as finding its product. The
 * engine checks their times as it applies them, so one that has ended
 * since stops counting all the same. */
static void
refresh_promotions (PosCart *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  unsigned int version = 0;
  gboolean versioned = store_version (self->store, &version);

  if (versioned && self->promotions_read && version == self->promotions_version)
    return;
  if ((list = pos_promotion_list (self->store, FALSE, pos_clock_now_us (), &error)) == NULL)
    {
      g_warning ("Promotions could not be read: %s", error->message);
      return;
    }
  g_ptr_array_unref (self->promotions);
  self->promotions = g_steal_pointer (&list);
  self->promotions_read = versioned;
  self->promotions_version = version;
}

/* Adds @line, or when it repeats the last line's product at its catalog
 * price, adds to that line's quantity: "3 × Milk" reads better than three
 * lines. */
static gboolean
add_line (PosCart *self, PosCartLine *line, GError **error)
{
  PosCartLine *last = self->lines->len ? g_ptr_array_index (self->lines, self->lines->len - 1) : NULL;
  PosQty qty = pos_cart_line_get_qty (line);

  if (last == NULL)
    refresh_promotions (self);
  if (last != NULL && pos_cart_line_get_product_id (last) == pos_cart_line_get_product_id (line)
      && pos_cart_line_get_product_id (line) != 0 /* open items stay one line each */
      && !pos_cart_line_is_measured (last) && !pos_cart_line_get_price_embedded (last)
      && !pos_cart_line_get_price_embedded (line) && !pos_cart_line_get_price_overridden (last)
      && pos_cart_line_get_discount_rule (last).kind == POS_DISCOUNT_NONE
      && pos_cart_line_get_qty (last) + qty <= MAX_QTY)
    {
      pos_cart_line_set_qty (last, pos_cart_line_get_qty (last) + qty);
      if (!recompute_or_undo (self, undo_qty, &qty, error))
        return FALSE;
      items_changed (self, self->lines->len - 1, 1, 1);
      return TRUE;
    }

  g_ptr_array_add (self->lines, g_object_ref (line));
  if (!recompute_or_undo (self, undo_append, NULL, error))
    return FALSE;
  items_changed (self, self->lines->len - 1, 0, 1);
  return TRUE;
}

static PosProduct *
sellable (PosProduct *product, GError **error)
{
  if (product != NULL && !product->active)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("%s is no longer sold"), product->name);
      pos_product_free (product);
      return NULL;
    }
  /* What is sold is one of its variants, each with its own stock: the
   * till offers their grid (pos-variant.h). */
  if (product != NULL && product->has_variants)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("%s comes in variants: choose one"), product->name);
      pos_product_free (product);
      return NULL;
    }
  return product;
}

/* An open-price key has no price of its own: it goes through
 * pos_cart_add_open_price() with the one the cashier typed. */
static gboolean
has_price (const PosProduct *product, GError **error)
{
  if (product->open_price_limit == 0)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("Type the price of %s"), product->name);
  return FALSE;
}

/* The product a parsed code stands for: its key, else its second reading. */
static PosProduct *
lookup (PosStore *store, const PosBarcode *code, GError **error)
{
  g_autoptr (GError) local = NULL;
  PosProduct *product = pos_catalog_lookup_for_sale (store, code->key, &local);

  if (product == NULL && code->alt_key != NULL && g_error_matches (local, POS_ERROR, POS_ERROR_NOT_FOUND))
    {
      g_clear_error (&local);
      product = pos_catalog_lookup_for_sale (store, code->alt_key, &local);
    }
  if (product == NULL)
    {
      if (g_error_matches (local, POS_ERROR, POS_ERROR_NOT_FOUND))
        g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("Unknown code %s"), code->text);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return sellable (product, error);
}

/*
 * Adds what a scanner or the cashier entered: a barcode (check digit
 * verified, variable-measure weight or price read from it) or a SKU. A
 * pending multiplier ("3*", or a typed weight for a weighed item) applies
 * to it. An unknown or invalid code leaves the cart as it was.
 */
gboolean
pos_cart_add_code (PosCart *cart, const char *scanned, GError **error)
{
  g_autoptr (PosBarcode) code = NULL;
  g_autoptr (PosProduct) product = NULL;
  g_autoptr (PosCartLine) line = NULL;
  gboolean typed;
  PosQty qty;

  g_return_val_if_fail (POS_IS_CART (cart), FALSE);
  g_return_val_if_fail (scanned != NULL, FALSE);

  code = pos_barcode_parse (scanned, cart->layouts, error);
  if (code == NULL)
    return FALSE;
  product = lookup (cart->store, code, error);
  if (product == NULL)
    return FALSE;

  if (!code->has_price && !has_price (product, error))
    return FALSE;
  qty = take_multiplier (cart, &typed);
  if (code->has_weight)
    {
      if (!pos_product_is_weighed (product))
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s is not sold by weight"), product->name);
          return FALSE;
        }
      if (!pos_amount_mul_qty (code->weight, qty, &qty, error))
        return FALSE;
    }
  else if (pos_product_is_weighed (product) && !code->has_price && !typed)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                   _ ("Weigh %s: type the weight in kg, then * and scan again"), product->name);
      return FALSE;
    }
  else if (pos_product_is_measured (product) && !code->has_price && !typed)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                   _ ("Measure %s: type the quantity in %s, then * and scan again"), product->name,
                   product->unit);
      return FALSE;
    }

  if (!check_qty (product->name, pos_product_is_measured (product) && !code->has_price, qty, error))
    return FALSE;
  line = pos_cart_line_new_taking_product (product, qty);
  if (code->has_price)
    pos_cart_line_set_unit_price (line, code->price, FALSE, TRUE);
  return add_line (cart, line, error);
}

/* Adds a product picked from search or a quick key; items sold by a measure take
 * @qty in thousandths (grams, millilitres, millimetres). */
gboolean
pos_cart_add_product (PosCart *cart, gint64 product_id, PosQty qty, GError **error)
{
  g_autoptr (PosProduct) product = NULL;
  g_autoptr (PosCartLine) line = NULL;

  g_return_val_if_fail (POS_IS_CART (cart), FALSE);

  product = sellable (pos_catalog_get (cart->store, product_id, error), error);
  if (product == NULL || !has_price (product, error)
      || !check_qty (product->name, pos_product_is_measured (product), qty, error))
    return FALSE;
  line = pos_cart_line_new_taking_product (product, qty);
  return add_line (cart, line, error);
}

static gboolean
check_position (PosCart *self, guint position, GError **error)
{
  if (position < self->lines->len)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no line %u in this sale"), position + 1);
  return FALSE;
}

typedef struct
{
  PosCartLine *line;
  PosQty qty;
  PosAmount price;
  gboolean overridden;
  PosDiscount discount;
  gint64 approver;
} LineState;

static LineState
save_line (PosCartLine *line)
{
  return (LineState){ line,
                      pos_cart_line_get_qty (line),
                      pos_cart_line_get_unit_price (line),
                      pos_cart_line_get_price_overridden (line),
                      pos_cart_line_get_discount_rule (line),
                      pos_cart_line_get_approver_id (line) };
}

static void
undo_line (PosCart *self, gpointer data)
{
  LineState *state = data;

  pos_cart_line_set_qty (state->line, state->qty);
  pos_cart_line_set_unit_price (state->line, state->price, state->overridden,
                                pos_cart_line_get_price_embedded (state->line));
  pos_cart_line_set_discount_rule (state->line, state->discount);
  pos_cart_line_set_approver_id (state->line, state->approver);
}

static gboolean
line_changed (PosCart *self, guint position, LineState *before, GError **error)
{
  if (!recompute_or_undo (self, undo_line, before, error))
    return FALSE;
  items_changed (self, position, 1, 1);
  return TRUE;
}

/* A price typed over the catalog's: always needs a supervisor, and the
 * approver is recorded with the sale. */
gboolean
pos_cart_set_line_price (PosCart *cart, guint position, PosAmount price, const PosUser *user,
                         const PosUser *approver, GError **error)
{
  PosCartLine *line;
  LineState before;

  g_return_val_if_fail (POS_IS_CART (cart), FALSE);

  if (!check_position (cart, position, error))
    return FALSE;
  if (price < 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A price cannot be negative"));
      return FALSE;
    }
  if (!pos_permission_check (user, POS_ACTION_PRICE_OVERRIDE, approver, error))
    return FALSE;
  line = g_ptr_array_index (cart->lines, position);
  before = save_line (line);
  pos_cart_line_set_unit_price (line, price, TRUE, pos_cart_line_get_price_embedded (line));
  pos_cart_line_set_approver_id (line, approver ? approver->id : user->id);
  return line_changed (cart, position, &before, error);
}

/* A discount above the store's limit (setting discount_limit_bp, as a
 * share of what it applies to) needs a supervisor. */
static gboolean
check_discount (PosCart *self, PosDiscount discount, PosAmount base, const PosUser *user,
                const PosUser *approver, GError **error)
{
  PosAmount limit = 0, off = 0;

  if (discount.kind == POS_DISCOUNT_NONE)
    return TRUE;
  if (!pos_amount_percent (base, self->rules.discount_limit_bp, &limit, error)
      || !discount_amount (discount, base, &off, error))
    return FALSE;
  if (off <= limit
      && (discount.kind != POS_DISCOUNT_PERCENT || discount.value <= self->rules.discount_limit_bp))
    return pos_permission_check (user, POS_ACTION_SELL, NULL, error);
  return pos_permission_check (user, POS_ACTION_DISCOUNT_OVER_LIMIT, approver, error);
}

gboolean
pos_cart_set_line_discount (PosCart *cart, guint position, PosDiscount discount, const PosUser *user,
                            const PosUser *approver, GError **error)
{
  PosCartLine *line;
  LineState before;

  g_return_val_if_fail (POS_IS_CART (cart), FALSE);

  if (!check_position (cart, position, error))
    return FALSE;
  line = g_ptr_array_index (cart->lines, position);
  if (!check_discount (cart, discount, pos_cart_line_get_gross (line), user, approver, error))
    return FALSE;
  before = save_line (line);
  pos_cart_line_set_discount_rule (line, discount);
  pos_cart_line_set_approver_id (line, approver ? approver->id : 0);
  return line_changed (cart, position, &before, error);
}

/* What the cart discount applies to: the lines after their own discounts. */
static PosAmount
base_for_cart_discount (PosCart *self)
{
  PosAmount sum = 0;

  for (guint i = 0; i < self->lines->len; i++)
    {
      PosCartLine *line = g_ptr_array_index (self->lines, i);
      PosAmount off = 0;

      discount_amount (pos_cart_line_get_discount_rule (line), pos_cart_line_get_gross (line), &off, NULL);
      sum += pos_cart_line_get_gross (line) - off;
    }
  return sum;
}

gboolean
pos_cart_set_cart_discount (PosCart *cart, PosDiscount discount, const PosUser *user, const PosUser *approver,
                            GError **error)
{
  PosDiscount before;
  gint64 before_approver;

  g_return_val_if_fail (POS_IS_CART (cart), FALSE);

  if (!check_discount (cart, discount, base_for_cart_discount (cart), user, approver, error))
    return FALSE;
  before = cart->cart_discount;
  before_approver = cart->cart_discount_approver;
  cart->cart_discount = discount;
  cart->cart_discount_approver = approver ? approver->id : 0;
  if (!recompute (cart, error))
    {
      cart->cart_discount = before;
      cart->cart_discount_approver = before_approver;
      recompute (cart, NULL);
      return FALSE;
    }
  if (cart->lines->len)
    items_changed (cart, 0, cart->lines->len, cart->lines->len);
  return TRUE;
}

static char *
void_detail (PosCart *self, PosCartLine *line, PosQty removed)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sku");
  json_builder_add_string_value (b, pos_cart_line_get_sku (line));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, pos_cart_line_get_name (line));
  json_builder_set_member_name (b, "qty");
  json_builder_add_int_value (b, pos_cart_line_get_qty (line));
  if (removed != pos_cart_line_get_qty (line))
    {
      json_builder_set_member_name (b, "qty_removed");
      json_builder_add_int_value (b, removed);
    }
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, pos_cart_line_get_total (line));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return pos_json_canonical (root, NULL);
}

/* Writes a void (of the whole line, or of @removed of its quantity) to the
 * audit trail and the journal in one transaction, so it cannot go
 * unrecorded even when the sale is then abandoned. */
static gboolean
record_void (PosCart *self, PosCartLine *line, PosQty removed, const PosUser *user, const PosUser *approver,
             GError **error)
{
  g_autofree char *detail = void_detail (self, line, removed);
  g_autoptr (JsonNode) payload = pos_json_parse (detail, NULL);

  json_object_set_string_member (json_node_get_object (payload), "user", user->name);
  if (approver != NULL)
    json_object_set_string_member (json_node_get_object (payload), "approver", approver->name);
  if (!pos_store_begin (self->store, error))
    return FALSE;
  if (!pos_audit_record_event (self->store, user, approver, pos_action_to_string (POS_ACTION_VOID_LINE), 0,
                               "cart.void", NULL, json_node_get_object (payload), detail, error)
      || !pos_store_commit (self->store, error))
    {
      pos_store_rollback (self->store);
      return FALSE;
    }
  return TRUE;
}

/*
 * Changes a line's quantity. Raising it is selling more; lowering it takes
 * back part of what was rung up, so it follows the void rule: the same
 * permission or a supervisor's approval, and an audit row.
 */
gboolean
pos_cart_set_line_qty (PosCart *cart, guint position, PosQty qty, const PosUser *user,
                       const PosUser *approver, GError **error)
{
  PosCartLine *line;
  LineState before;
  PosQty removed;

  g_return_val_if_fail (POS_IS_CART (cart), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!check_position (cart, position, error))
    return FALSE;
  line = g_ptr_array_index (cart->lines, position);
  if (!check_qty (pos_cart_line_get_name (line), pos_cart_line_is_measured (line), qty, error))
    return FALSE;
  removed = pos_cart_line_get_qty (line) - qty;
  if (removed > 0 && !pos_permission_check (user, POS_ACTION_VOID_LINE, approver, error))
    return FALSE;
  if (removed <= 0 && !pos_permission_check (user, POS_ACTION_SELL, NULL, error))
    return FALSE;
  if (removed > 0 && !record_void (cart, line, removed, user, approver, error))
    return FALSE;
  before = save_line (line);
  pos_cart_line_set_qty (line, qty);
  return line_changed (cart, position, &before, error);
}

/* Takes a line off the sale. Voids need a supervisor (or the approver's
 * verified PIN), and every void is recorded at once (record_void()). */
gboolean
pos_cart_void_line (PosCart *cart, guint position, const PosUser *user, const PosUser *approver,
                    GError **error)
{
  g_return_val_if_fail (POS_IS_CART (cart), FALSE);

  if (!check_position (cart, position, error)
      || !pos_permission_check (user, POS_ACTION_VOID_LINE, approver, error))
    return FALSE;
  if (!record_void (cart, g_ptr_array_index (cart->lines, position),
                    pos_cart_line_get_qty (g_ptr_array_index (cart->lines, position)), user, approver, error))
    return FALSE;
  g_ptr_array_remove_index (cart->lines, position);
  recompute (cart, NULL);
  items_changed (cart, position, 1, 0);
  return TRUE;
}

/* Refigures every line after something all of them may depend on
 * changed: the customer (members' prices) or the coupons entered. */
static void
refigure_all (PosCart *self)
{
  recompute (self, NULL);
  if (self->lines->len)
    items_changed (self, 0, self->lines->len, self->lines->len);
}

static void
set_customer (PosCart *self, gint64 id, const char *name)
{
  if (self->customer_id != id)
    {
      self->customer_id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
      refigure_all (self);
    }
  if (g_strcmp0 (self->customer_name, name) != 0)
    {
      g_free (self->customer_name);
      self->customer_name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
    }
}

/* Attaches @found (transfer full), shown by name or else card code; FALSE
 * when the look-up found no one (its error is already set). */
static gboolean
attach_customer (PosCart *self, PosCustomer *found)
{
  g_autoptr (PosCustomer) customer = found;

  if (customer == NULL)
    return FALSE;
  set_customer (self, customer->id, customer->name ? customer->name : customer->card_code);
  return TRUE;
}

/* Attaches the loyalty customer whose card was scanned or phone typed. */
gboolean
pos_cart_set_customer (PosCart *cart, const char *card_or_phone, GError **error)
{
  g_return_val_if_fail (POS_IS_CART (cart), FALSE);

  return attach_customer (cart, pos_customer_find (cart->store, card_or_phone, error));
}

gboolean
pos_cart_set_customer_id (PosCart *cart, gint64 customer_id, GError **error)
{
  g_return_val_if_fail (POS_IS_CART (cart), FALSE);

  return attach_customer (cart, pos_customer_get (cart->store, customer_id, error));
}

void
pos_cart_clear_customer (PosCart *cart)
{
  set_customer (cart, 0, NULL);
}

/* Empties the cart for the next customer (after checkout or parking). */
void
pos_cart_clear (PosCart *cart)
{
  guint removed;

  g_return_if_fail (POS_IS_CART (cart));

  removed = cart->lines->len;
  g_ptr_array_set_size (cart->lines, 0);
  cart->cart_discount = (PosDiscount){ POS_DISCOUNT_NONE, 0 };
  cart->cart_discount_approver = 0;
  pos_cart_set_multiplier (cart, 0);
  g_ptr_array_set_size (cart->coupons, 0);
  g_ptr_array_add (cart->coupons, NULL);
  set_customer (cart, 0, NULL);
  /* Read now, after the sale's commit changed the store, rather than at
   * the next customer's first scan; that scan reads them again only if
   * the store changes meanwhile. */
  refresh_promotions (cart);
  recompute (cart, NULL);
  if (removed)
    items_changed (cart, 0, removed, 0);
}

gboolean
pos_cart_add_line (PosCart *cart, PosCartLine *line, GError **error)
{
  g_return_val_if_fail (POS_IS_CART (cart) && POS_IS_CART_LINE (line), FALSE);

  return add_line (cart, line, error);
}

void
pos_cart_append_line (PosCart *cart, PosCartLine *line)
{
  if (cart->lines->len == 0)
    refresh_promotions (cart);
  g_ptr_array_add (cart->lines, g_object_ref (line));
  recompute (cart, NULL);
  items_changed (cart, cart->lines->len - 1, 0, 1);
}

void
pos_cart_restore_discount (PosCart *cart, PosDiscount discount, gint64 approver_id)
{
  cart->cart_discount = discount;
  cart->cart_discount_approver = approver_id;
  recompute (cart, NULL);
}

/* Promotions ---------------------------------------------------------------- */

/* Enters a coupon code; one no running promotion asks for is refused. */
gboolean
pos_cart_add_coupon (PosCart *cart, const char *code, GError **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *upper = NULL;

  g_return_val_if_fail (POS_IS_CART (cart) && code != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (code));
  upper = g_ascii_strup (trimmed, -1);
  if (!pos_promotion_coupon_known (cart->store, upper, pos_clock_now_us ()))
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No promotion takes the coupon %s"), upper),
           FALSE;
  for (guint i = 0; i + 1 < cart->coupons->len; i++)
    if (g_str_equal (g_ptr_array_index (cart->coupons, i), upper))
      return TRUE;
  g_ptr_array_insert (cart->coupons, (gint)cart->coupons->len - 1, g_steal_pointer (&upper));
  if (cart->lines->len == 0)
    refresh_promotions (cart);
  refigure_all (cart);
  return TRUE;
}

const char *const *
pos_cart_get_coupons (PosCart *cart)
{
  g_return_val_if_fail (POS_IS_CART (cart), NULL);
  return (const char *const *)cart->coupons->pdata;
}

guint
pos_cart_get_n_promotions (PosCart *cart)
{
  g_return_val_if_fail (POS_IS_CART (cart), 0);
  return cart->promo != NULL ? cart->promo->applied->len : 0;
}

/* The name and the saving of the @i-th promotion applied, by uid. */
const char *
pos_cart_get_promotion (PosCart *cart, guint i, PosAmount *saving)
{
  const PosPromoApplied *a;

  g_return_val_if_fail (i < pos_cart_get_n_promotions (cart), NULL);
  a = &g_array_index (cart->promo->applied, PosPromoApplied, i);
  if (saving != NULL)
    *saving = a->saving;
  return ((PosPromotion *)g_ptr_array_index (cart->promotions, a->promotion))->name;
}

/* What promotions take off the line at @position, as a sale line records
 * it: [{ "uid", "name", "amount" }] (transfer full; NULL when none). */
JsonArray *
pos_cart_line_promotions (PosCart *cart, guint position)
{
  JsonArray *out = NULL;

  g_return_val_if_fail (POS_IS_CART (cart), NULL);

  for (guint i = 0; cart->promo != NULL && i < cart->promo->allocations->len; i++)
    {
      const PosPromoAllocation *a = &g_array_index (cart->promo->allocations, PosPromoAllocation, i);
      const PosPromotion *p = g_ptr_array_index (cart->promotions, a->promotion);
      JsonObject *o;

      if (a->line != position)
        continue;
      if (out == NULL)
        out = json_array_new ();
      o = json_object_new ();
      json_object_set_string_member (o, "uid", p->uid);
      json_object_set_string_member (o, "name", p->name);
      json_object_set_int_member (o, "amount", a->amount);
      json_array_add_object_element (out, o);
    }
  return out;
}
