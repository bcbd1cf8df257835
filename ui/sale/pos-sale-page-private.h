/* pos-sale-page-private.h — what the files of the sale page share.
 *
 * The page is split along its seams: the page itself (cart and totals),
 * its actions and their shortcuts, the search, the quick keys, the
 * approval retry and the flows that edit a line or pick a customer.
 */
#pragma once

#include "pos-sale-page.h"

#include "pos-catalog-search.h"

G_BEGIN_DECLS

struct _PosSalePage
{
  GtkWidget parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkScrolledWindow *cart_scroller;
  GtkColumnView *cart_view;
  GtkLabel *customer_label;
  GtkLabel *multiplier_label;
  GtkLabel *promotions_label;
  GtkLabel *detail_label;
  GtkLabel *total_label;
  GtkSearchEntry *search_entry;
  GtkStack *side_stack;
  GtkFlowBox *quick_keys;
  GtkWidget *quick_key_tab_row;
  GtkBox *quick_key_tabs;
  GtkListView *results_view;

  PosContext *context;
  PosCart *cart;
  GtkSingleSelection *selection;
  PosSqlListModel *results;
  GCancellable *quick_keys_cancellable;
  GPtrArray *quick_key_pages; /* (nullable) PosQuickKeyPage: the shop's pages */
  guint quick_key_page;       /* the page shown */
  gboolean follow_newest;     /* keep the newest line in view as the list grows */
  gboolean scroll_pending;    /* the list's end moved: scroll to it after this layout */
  GdkFrameClock *layout_clock;
  gulong layout_id;
  guint price_timer; /* the next check for scheduled prices */
};

/* pos-sale-page.c */
void pos_sale_page_toast (PosSalePage *self, const char *message);
void pos_sale_page_refuse (PosSalePage *self, const GError *error);
guint pos_sale_page_target_line (PosSalePage *self);
void pos_sale_page_warn_fefo (PosSalePage *self, const char *code);

/* pos-sale-page-actions.c */
void pos_sale_page_class_init_actions (GtkWidgetClass *widget_class);
void pos_sale_page_update_actions (PosSalePage *self);

/* pos-sale-approval.c */
typedef gboolean (*PosSaleAttempt) (PosSalePage *self, const PosUser *approver, gpointer data,
                                    GError **error);
void pos_sale_page_run_with_approval (PosSalePage *self, PosSaleAttempt attempt, gpointer data,
                                      GDestroyNotify destroy);

/* pos-sale-search.c */
void pos_sale_search_class_init (GtkWidgetClass *widget_class);
void pos_sale_search_init (PosSalePage *self);
void pos_sale_search_set_store (PosSalePage *self, PosStore *store);
void pos_sale_page_add_product (PosSalePage *self, gint64 product_id, const char *unit);

/* pos-quick-keys.c */
void pos_quick_keys_build (PosSalePage *self);

/* pos-sale-line-edits.c: F5, F6, price, void */
void pos_sale_page_ask_line_qty (PosSalePage *self);
void pos_sale_page_ask_discount (PosSalePage *self, gboolean whole_sale);
void pos_sale_page_ask_price (PosSalePage *self);
void pos_sale_page_void_line (PosSalePage *self);

/* pos-sale-unknown.c: a scan nobody knows. TRUE when @error is that and
 * the till asked what to do with @code. */
gboolean pos_sale_page_offer_unknown (PosSalePage *self, const char *code, const GError *error);
/* An open-price key (@product_id, or else the product of @code) refused
 * for want of a price: asks for it. TRUE when it asked. */
gboolean pos_sale_page_offer_open_price (PosSalePage *self, gint64 product_id, const char *code,
                                         const GError *error);

/* pos-sale-variants.c: a product sold in variants (@product_id, or else
 * the product of @code) refused as such: offers the grid of its variants.
 * TRUE when it did. */
gboolean pos_sale_page_offer_variants (PosSalePage *self, gint64 product_id, const char *code,
                                       const GError *error);

/* pos-sale-prices.c: scheduled prices switch while the till runs */
void pos_sale_prices_watch (PosSalePage *self);
void pos_sale_prices_stop (PosSalePage *self);

/* pos-sale-vouchers.c: Shift+F8 sells a gift card, Shift+F7 takes a coupon */
void pos_sale_vouchers_class_init (GtkWidgetClass *widget_class);
/* The promotions applied and their savings, or NULL when none. (transfer full) */
char *pos_sale_page_promotions_text (PosSalePage *self);

/* pos-sale-layaway.c: Shift+F9 lays the basket away, Shift+F12 the open layaways */
void pos_sale_layaway_class_init (GtkWidgetClass *widget_class);
/* pos-sale-customer.c: F7 */
void pos_sale_page_ask_customer (PosSalePage *self);

G_END_DECLS
