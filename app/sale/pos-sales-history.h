/* pos-sales-history.h — finding past sales and refunds, and reading one.
 *
 * For the command line (`sales list|show`) and the app's history page. The
 * list is filtered and sorted in SQL, newest first, one page at a time
 * (keyset paging: pass the last row's id as before_id for the next page),
 * so its cost is a page, not the history: a day range walks the business
 * day index, a receipt its unique key, a customer the sale_customer index;
 * other filters stop as soon as a page is full.
 */
#pragma once

#include "pos-money.h"
#include "pos-store.h"

G_BEGIN_DECLS

/* Which sales to list; NULL/FALSE members do not filter. */
typedef struct
{
  const char *from_day; /* "YYYY-MM-DD", business days, inclusive */
  const char *to_day;
  const char *receipt;  /* one receipt number */
  const char *cashier;  /* user name */
  const char *customer; /* loyalty card code */
  const char *product;  /* SKU or barcode: sales with a line of it */
  gboolean has_min, has_max;
  PosAmount min_total, max_total; /* total in minor units, inclusive */
  gint64 before_id;               /* paging: only sales older than this id; 0 = from the newest */
  guint limit;                    /* rows per page; 0 = 100 */
} PosSalesFilter;

/* One row of the list. */
typedef struct
{
  gint64 id;
  char *receipt_no;
  char *kind;      /* "sale" or "refund" */
  char *refund_of; /* (nullable) the receipt a refund is against */
  char *till_id;
  char *created_at; /* UTC, ISO 8601 */
  char *business_day;
  char *cashier;  /* (nullable) */
  char *customer; /* (nullable) card code */
  gint64 n_lines;
  PosAmount total;
  PosAmount tax;
} PosSaleSummary;

typedef struct
{
  gint64 line_no;
  char *sku, *name, *unit;
  PosQty qty; /* thousandths; negative on a refund */
  PosAmount unit_price, discount, total, tax;
  char *tax_code;
  gint64 tax_rate_bp;
} PosSaleDetailLine;

typedef struct
{
  char *code;
  gint64 rate_bp;
  PosAmount net, tax, gross;
} PosSaleDetailTax;

typedef struct
{
  char *method; /* "cash", "card", "points" */
  PosAmount amount;
  char *reference; /* (nullable) card terminal reference */
  gint64 points;
} PosSaleDetailPayment;

/* One sale as recorded, with what was refunded against it. */
typedef struct
{
  PosSaleSummary *sale;
  PosAmount discount, rounding, tendered, change;
  GArray *lines;      /* PosSaleDetailLine */
  GArray *taxes;      /* PosSaleDetailTax */
  GArray *payments;   /* PosSaleDetailPayment */
  GPtrArray *refunds; /* PosSaleSummary: refunds against this sale, oldest first */
} PosSaleDetail;

void pos_sale_summary_free (PosSaleSummary *summary);
void pos_sale_detail_free (PosSaleDetail *detail);

/*
 * The sales @filter (nullable: all) lets through, newest first, at most
 * filter->limit. POS_ERROR_INVALID for a malformed day or range.
 * Returns: (transfer full) (element-type PosSaleSummary) (nullable)
 */
GPtrArray *pos_sales_history_list (PosStore *store, const PosSalesFilter *filter, GError **error);

/*
 * Sale @receipt_no with its lines, taxes, payments and refunds.
 * POS_ERROR_NOT_FOUND when there is none.
 * Returns: (transfer full) (nullable)
 */
PosSaleDetail *pos_sales_history_get (PosStore *store, const char *receipt_no, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosSaleSummary, pos_sale_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosSaleDetail, pos_sale_detail_free)

G_END_DECLS
