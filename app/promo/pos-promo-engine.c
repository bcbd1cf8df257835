/* pos-promo-engine.c — the promotion engine (see pos-promo-engine.h). */
#include "pos-promo-engine.h"
#include "pos-promo-engine-testing.h"

#include "pos-clock.h"

#include <string.h>

/* More competing promotions than this are combined greedily (the one that
 * saves most on what is left, again and again) rather than by trying every
 * order: 6! orders is the most a scan may cost. */
#define EXHAUSTIVE_MAX 6
/* The most units one group of a multi-buy may have (checked when saved). */
#define GROUP_MAX 100

PosPromotion *
pos_promotion_new (void)
{
  PosPromotion *p = g_new0 (PosPromotion, 1);

  p->products = g_array_new (FALSE, FALSE, sizeof (gint64));
  p->weekdays = 0x7f;
  p->minute_to = 1440;
  return p;
}

void
pos_promotion_free (PosPromotion *promotion)
{
  if (promotion == NULL)
    return;
  g_free (promotion->uid);
  g_free (promotion->name);
  g_free (promotion->coupon);
  g_free (promotion->brand);
  g_clear_pointer (&promotion->products, g_array_unref);
  g_free (promotion);
}

static const char *const kind_names[] = { "multibuy", "multiprice", "bundle", "percent", "amount", "price" };

const char *
pos_promo_kind_to_string (PosPromoKind kind)
{
  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
pos_promo_kind_from_string (const char *text, PosPromoKind *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      return *out = (PosPromoKind)i, TRUE;
  return FALSE;
}

void
pos_promo_result_free (PosPromoResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->applied, g_array_unref);
  g_clear_pointer (&result->allocations, g_array_unref);
  g_free (result->line_discount);
  g_free (result);
}

static gboolean
has_coupon (const PosPromoContext *ctx, const char *coupon)
{
  for (guint i = 0; ctx->coupons != NULL && ctx->coupons[i] != NULL; i++)
    if (g_ascii_strcasecmp (ctx->coupons[i], coupon) == 0)
      return TRUE;
  return FALSE;
}

/* The local weekday (0 = Monday) and minute of the day at a moment, worked
 * out once per basket: finding the local time zone asks the file system,
 * and a scan checks every promotion. */
typedef struct
{
  gboolean valid;
  int weekday;
  int minute;
} LocalTime;

static LocalTime
local_time (gint64 now_us)
{
  g_autoptr (GDateTime) local = pos_clock_local (now_us);

  if (local == NULL)
    return (LocalTime){ FALSE, 0, 0 };
  return (LocalTime){ TRUE, g_date_time_get_day_of_week (local) - 1,
                      g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local) };
}

static gboolean
in_window (const PosPromotion *p, const LocalTime *t)
{
  int minute = t->minute, weekday = t->weekday;

  if (!t->valid)
    return FALSE;
  if (p->minute_from <= p->minute_to)
    return (p->weekdays & (1u << weekday)) && minute >= p->minute_from && minute < p->minute_to;
  /* A window past midnight belongs to the day it opened. */
  if (minute >= p->minute_from)
    return (p->weekdays & (1u << weekday)) != 0;
  return minute < p->minute_to && (p->weekdays & (1u << ((weekday + 6) % 7)));
}

static gboolean
is_open_at (const PosPromotion *p, const PosPromoContext *ctx, const LocalTime *t)
{
  if ((p->starts_us != 0 && ctx->now_us < p->starts_us) || (p->ends_us != 0 && ctx->now_us >= p->ends_us))
    return FALSE;
  if (p->members_only && !ctx->member)
    return FALSE;
  if (p->coupon != NULL && !has_coupon (ctx, p->coupon))
    return FALSE;
  return in_window (p, t);
}

gboolean
pos_promotion_is_open (const PosPromotion *p, const PosPromoContext *ctx)
{
  LocalTime t;

  g_return_val_if_fail (p != NULL && ctx != NULL, FALSE);

  t = local_time (ctx->now_us);
  return is_open_at (p, ctx, &t);
}

/* A line as units of one price: a counted line is qty/1000 units of its
 * unit price, a weighed one a single unit of what it costs. */
typedef struct
{
  guint line;
  PosAmount price;
  gint64 product_id;
  gint64 category_id;
  gint64 count;
  gboolean weighed;
  const char *brand; /* (nullable) the line's */
} Slot;

/* The slots, and scratch space for one pos_promo_apply(): a scan tries
 * the promotions hundreds of times over, and allocating for every trial
 * was most of what it cost. Each array holds n + 1 entries. */
typedef struct
{
  const Slot *slots;
  guint n;
  PosAmount *base;
  PosAmount *share;
  PosAmount *run_base;
  PosAmount *run_share;
  guint *head;
} Basket;

/* The canonical order: dearest first, then by product, so the scan order
 * only decides between units that are alike in every figure. */
static int
slot_cmp (gconstpointer a, gconstpointer b)
{
  const Slot *x = a, *y = b;

  if (x->price != y->price)
    return x->price > y->price ? -1 : 1;
  if (x->product_id != y->product_id)
    return x->product_id < y->product_id ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

static GArray *
make_slots (const PosPromoLine *lines, guint n_lines)
{
  GArray *slots = g_array_new (FALSE, TRUE, sizeof (Slot));

  for (guint i = 0; i < n_lines; i++)
    {
      const PosPromoLine *l = &lines[i];
      Slot s
          = { i, l->unit_price, l->product_id, l->category_id, l->qty / POS_QTY_ONE, l->weighed, l->brand };

      if (!l->eligible || l->unit_price <= 0 || l->qty <= 0)
        continue;
      if (l->weighed && (s.count = 1, !pos_amount_mul_qty (l->unit_price, l->qty, &s.price, NULL)))
        continue;
      if (s.count > 0)
        g_array_append_val (slots, s);
    }
  g_array_sort (slots, slot_cmp);
  return slots;
}

static gint
id_cmp (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
  return x < y ? -1 : x > y;
}

/* Brands are typed by hand on products and promotions: "ACME" is "Acme". */
static gboolean
same_brand (const char *a, const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (a, b) == 0)
    return TRUE;
  if (g_str_is_ascii (a) && g_str_is_ascii (b))
    return FALSE;
  x = g_utf8_casefold (a, -1);
  y = g_utf8_casefold (b, -1);
  return strcmp (x, y) == 0;
}

static gboolean
in_scope (const PosPromotion *p, const Slot *s)
{
  gboolean listed = p->products->len > 0;

  if (listed && bsearch (&s->product_id, p->products->data, p->products->len, sizeof (gint64), id_cmp))
    return TRUE;
  if (p->category_id != 0 || p->brand != NULL)
    return (p->category_id != 0 && s->category_id == p->category_id) || same_brand (p->brand, s->brand);
  return !listed;
}

static void
credit (PosAmount *acc, guint line, PosAmount amount)
{
  if (acc != NULL)
    acc[line] += amount;
}

/* One group of @n units taken from @first on, dearest first: fills the
 * units' slots and prices. */
static guint
take_group (const Basket *b, const guint8 *reach, const gint64 *left, guint first, gint64 n, guint *slot_of,
            PosAmount *price)
{
  guint got = 0;

  for (guint i = first; i < b->n && got < n; i++)
    {
      if (b->slots[i].weighed || !reach[i])
        continue;
      for (gint64 u = 0; u < left[i] && got < n; u++, got++)
        slot_of[got] = i, price[got] = b->slots[i].price;
    }
  return got;
}

/* What one group of @n units priced @price takes off each of its units:
 * what the group saves (its cheapest units for a multi-buy, what it costs
 * over the price for an N-for-an-amount) shared by price, so every unit of
 * the group carries its part and a refund of any one gives back what it
 * cost the customer. */
static gboolean
group_discount (const PosPromotion *p, const PosAmount *price, guint n, PosAmount *off)
{
  PosAmount sum = 0, saving = 0;

  for (guint u = 0; u < n; u++)
    sum += price[u];
  if (p->kind == POS_PROMO_MULTIBUY)
    for (guint u = (guint)p->pay_qty; u < n; u++)
      saving += price[u]; /* the cheapest, as they come last */
  else
    saving = sum - p->value;
  if (saving <= 0)
    return FALSE;
  return pos_amount_allocate (saving, price, n, off, NULL);
}

/* Multi-buy and N-for-an-amount, and mix and match: groups of buy_qty
 * units in scope, dearest first. A group of one slot's units repeats as
 * often as the slot allows at once, so a large quantity costs no more than
 * a small one. */
static PosAmount
apply_groups (const Basket *b, const PosPromotion *p, const guint8 *reach, gint64 *left, PosAmount *acc)
{
  guint n = (guint)p->buy_qty;
  guint slot_of[GROUP_MAX];
  PosAmount price[GROUP_MAX], off[GROUP_MAX], saving = 0;

  for (guint first = 0; first < b->n;)
    {
      const Slot *s = &b->slots[first];

      if (left[first] == 0 || s->weighed || !reach[first])
        {
          first++;
          continue;
        }
      if (left[first] >= n)
        {
          gint64 times = left[first] / n, total = 0;

          for (guint u = 0; u < n; u++)
            price[u] = s->price;
          if (!group_discount (p, price, n, off))
            break;
          for (guint u = 0; u < n; u++)
            total += off[u];
          left[first] -= times * n;
          saving += times * total;
          credit (acc, s->line, times * total);
          continue;
        }
      if (take_group (b, reach, left, first, n, slot_of, price) < n || !group_discount (p, price, n, off))
        break;
      for (guint u = 0; u < n; u++)
        {
          left[slot_of[u]]--;
          saving += off[u];
          credit (acc, b->slots[slot_of[u]].line, off[u]);
        }
    }
  return saving;
}

/* One of each listed product for an amount, as often as the basket has
 * them all; each time the dearest unit of each product left. */
static PosAmount
apply_bundle (const Basket *b, const PosPromotion *p, gint64 *left, PosAmount *acc)
{
  guint k = p->products->len;
  g_autofree guint *slot_of = g_new0 (guint, k + 1);
  g_autofree PosAmount *price = g_new0 (PosAmount, k + 1);
  g_autofree PosAmount *off = g_new0 (PosAmount, k + 1);
  PosAmount saving = 0;

  if (k < 2)
    return 0;
  for (;;)
    {
      gint64 times = G_MAXINT64, sum = 0;

      for (guint j = 0; j < k; j++)
        {
          gint64 product = g_array_index (p->products, gint64, j);
          guint i = 0;

          while (i < b->n && (b->slots[i].product_id != product || b->slots[i].weighed || left[i] == 0))
            i++;
          if (i == b->n)
            return saving;
          slot_of[j] = i, price[j] = b->slots[i].price, sum += price[j];
          times = MIN (times, left[i]);
        }
      if (sum <= p->value || !pos_amount_allocate (sum - p->value, price, k, off, NULL))
        return saving;
      for (guint j = 0; j < k; j++)
        {
          left[slot_of[j]] -= times;
          saving += times * off[j];
          credit (acc, b->slots[slot_of[j]].line, times * off[j]);
        }
    }
}

/* Whether two slots are units of one product at one price, which differ
 * only in how the cashier happened to ring them up. */
static gboolean
alike (const Slot *a, const Slot *b)
{
  return !a->weighed && !b->weighed && a->product_id == b->product_id && a->price == b->price;
}

/* Shares @off out over the slots by @base: first over runs of alike slots
 * (adjacent in the canonical order), then within each run, so the cents a
 * rounding hands out cannot move between tax rates when a line is split
 * in two. */
static gboolean
share_by_runs (const Basket *b, PosAmount off, const PosAmount *base, PosAmount *share)
{
  PosAmount *run_base = b->run_base, *run_share = b->run_share;
  guint *head = b->head;

  memset (run_base, 0, b->n * sizeof (PosAmount));
  memset (run_share, 0, b->n * sizeof (PosAmount));
  for (guint i = 0; i < b->n; i++)
    {
      head[i] = i > 0 && alike (&b->slots[i - 1], &b->slots[i]) ? head[i - 1] : i;
      run_base[head[i]] += base[i];
    }
  if (!pos_amount_allocate (off, run_base, b->n, run_share, NULL))
    return FALSE;
  for (guint i = 0, end; i < b->n; i = end)
    {
      for (end = i + 1; end < b->n && head[end] == i; end++)
        ;
      if (run_base[i] == 0)
        continue;
      if (!pos_amount_allocate (run_share[i], base + i, end - i, share + i, NULL))
        return FALSE;
    }
  return TRUE;
}

/* A percentage of everything in scope, rounded once for the lot and then
 * shared by what each slot costs, so how the lines were split does not
 * change the cent. */
static PosAmount
apply_percent (const Basket *b, const PosPromotion *p, const guint8 *reach, gint64 *left, PosAmount *acc)
{
  PosAmount *base = b->base, *share = b->share;
  PosAmount total = 0, off = 0;

  memset (base, 0, b->n * sizeof (PosAmount));
  memset (share, 0, b->n * sizeof (PosAmount));
  for (guint i = 0; i < b->n; i++)
    if (left[i] > 0 && reach[i])
      total += base[i] = b->slots[i].price * left[i];
  if (total == 0 || !pos_amount_percent (total, p->value, &off, NULL) || off <= 0
      || !share_by_runs (b, off, base, share))
    return 0;
  for (guint i = 0; i < b->n; i++)
    if (base[i] > 0)
      {
        left[i] = 0;
        credit (acc, b->slots[i].line, share[i]);
      }
  return off;
}

/* An amount off each unit, or each unit at a price: per unit, no rounding. */
static PosAmount
apply_per_unit (const Basket *b, const PosPromotion *p, const guint8 *reach, gint64 *left, PosAmount *acc)
{
  PosAmount saving = 0;

  for (guint i = 0; i < b->n; i++)
    {
      const Slot *s = &b->slots[i];
      PosAmount off = p->kind == POS_PROMO_AMOUNT ? MIN (p->value, s->price) : s->price - p->value;

      if (left[i] == 0 || s->weighed || off <= 0 || !reach[i])
        continue;
      saving += off * left[i];
      credit (acc, s->line, off * left[i]);
      left[i] = 0;
    }
  return saving;
}

/* Applies @p as fully as the units in @left allow, takes them from @left
 * and credits each line's discount to @acc (nullable). @reach marks the
 * slots it may use (see reach_of()): what it saves depends on @left at
 * those slots only. */
static PosAmount
apply_one (const Basket *b, const PosPromotion *p, const guint8 *reach, gint64 *left, PosAmount *acc)
{
  switch (p->kind)
    {
      case POS_PROMO_MULTIBUY:
      case POS_PROMO_MULTIPRICE:
        return p->buy_qty > 0 && p->buy_qty <= GROUP_MAX ? apply_groups (b, p, reach, left, acc) : 0;
      case POS_PROMO_BUNDLE:
        return apply_bundle (b, p, left, acc);
      case POS_PROMO_PERCENT:
        return p->value > 0 && p->value <= 10000 ? apply_percent (b, p, reach, left, acc) : 0;
      case POS_PROMO_AMOUNT:
      case POS_PROMO_PRICE:
        return p->value >= 0 ? apply_per_unit (b, p, reach, left, acc) : 0;
      default:
        return 0;
    }
}

/* The slots @p may use: those in its scope, or for a bundle those of its
 * products. Worked out once per basket, not on every trial. */
static void
reach_of (const Basket *b, const PosPromotion *p, guint8 *reach)
{
  for (guint i = 0; i < b->n; i++)
    {
      reach[i] = FALSE;
      if (p->kind != POS_PROMO_BUNDLE)
        reach[i] = in_scope (p, &b->slots[i]);
      else
        for (guint j = 0; j < p->products->len && !reach[i]; j++)
          reach[i] = g_array_index (p->products, gint64, j) == b->slots[i].product_id;
    }
}

typedef struct
{
  const Basket *basket;
  PosPromotion *const *promotions;
  const guint *candidates; /* by uid */
  const guint8 *reach;     /* per promotion given, basket->n slots each */
  guint k;
  guint *order;
  gboolean *used;
  PosAmount best;
  guint *best_order;
  guint best_len;
  gint64 *lefts;   /* (k + 1) rows of basket->n + 1: the units left, one row per depth */
  PosAmount *gain; /* greedy: what each candidate saves on what is left */
  gboolean *stale; /* greedy: its gain must be worked out again */
  gboolean reuse;  /* greedy: keep a gain while none of its slots changed */
} Search;

static PosAmount
try_candidate (const Search *s, guint i, gint64 *left, PosAmount *acc)
{
  guint promotion = s->candidates[i];

  return apply_one (s->basket, s->promotions[promotion], s->reach + (gsize)promotion * s->basket->n, left,
                    acc);
}

/* Tries every order of the candidates that each save something, depth
 * first and by uid, keeping the first order that saves the most. */
static void
search (Search *s, guint depth, const gint64 *left, PosAmount saved)
{
  gsize n = s->basket->n;
  gint64 *next = s->lefts + (depth + 1) * (n + 1);

  for (guint i = 0; i < s->k; i++)
    {
      PosAmount got;

      if (s->used[i])
        continue;
      memcpy (next, left, n * sizeof (gint64));
      got = try_candidate (s, i, next, NULL);
      if (got <= 0)
        continue;
      s->used[i] = TRUE;
      s->order[depth] = i;
      search (s, depth + 1, next, saved + got);
      s->used[i] = FALSE;
    }
  if (saved > s->best)
    {
      s->best = saved;
      s->best_len = depth;
      memcpy (s->best_order, s->order, depth * sizeof (guint));
    }
}

/* With many competing promotions: the one that saves most on what is left
 * (the smaller uid on a tie), until none saves anything. What a promotion
 * saves depends only on the units left at the slots it reaches, so after
 * each pick only the promotions reaching a slot the pick took from are
 * tried again; the others save what they saved before. */
static void
greedy (Search *s, gint64 *left)
{
  gsize n = s->basket->n;
  gint64 *before = s->lefts;

  for (guint i = 0; i < s->k; i++)
    s->stale[i] = TRUE;
  for (guint depth = 0; depth < s->k; depth++)
    {
      PosAmount best = 0;
      guint pick = 0;

      for (guint i = 0; i < s->k; i++)
        {
          if (s->used[i])
            continue;
          if (s->stale[i] || !s->reuse)
            {
              memcpy (before, left, n * sizeof (gint64));
              s->gain[i] = try_candidate (s, i, before, NULL);
              s->stale[i] = FALSE;
            }
          if (s->gain[i] > best)
            best = s->gain[i], pick = i;
        }
      if (best <= 0)
        return;
      memcpy (before, left, n * sizeof (gint64));
      try_candidate (s, pick, left, NULL);
      s->used[pick] = TRUE;
      s->best_order[s->best_len++] = pick;
      for (gsize j = 0; j < n; j++)
        for (guint i = 0; before[j] != left[j] && i < s->k; i++)
          if (!s->used[i] && s->reach[(gsize)s->candidates[i] * n + j])
            s->stale[i] = TRUE;
    }
}

/* Whether promotion @a orders before @b: by uid, then by stored row. */
static gboolean
uid_before (const PosPromotion *a, const PosPromotion *b)
{
  int c = g_strcmp0 (a->uid, b->uid);

  return c != 0 ? c < 0 : a->id < b->id;
}

/* An insertion sort of a handful of indices, with no state outside it (the
 * engine may run on several threads at once). */
static void
sort_by_uid (PosPromotion *const *promotions, guint *indices, guint n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && uid_before (promotions[indices[j]], promotions[indices[j - 1]]); j--)
      {
        guint t = indices[j - 1];
        indices[j - 1] = indices[j];
        indices[j] = t;
      }
}

/* The open promotions that could touch the basket, by uid; fills @reach
 * for each of them. */
static guint *
candidates (PosPromotion *const *promotions, guint n, const Basket *b, const PosPromoContext *ctx,
            guint8 *reach, gint64 *left, guint *k)
{
  guint *out = g_new0 (guint, n + 1);
  LocalTime t = local_time (ctx->now_us);

  *k = 0;
  for (guint i = 0; i < n; i++)
    {
      guint8 *row = reach + (gsize)i * b->n;

      if (!is_open_at (promotions[i], ctx, &t))
        continue;
      reach_of (b, promotions[i], row);
      for (guint j = 0; j < b->n; j++)
        left[j] = b->slots[j].count;
      if (apply_one (b, promotions[i], row, left, NULL) > 0)
        out[(*k)++] = i;
    }
  sort_by_uid (promotions, out, *k);
  return out;
}

/* Applies the chosen order again, this time crediting the lines. */
static void
fill_result (PosPromoResult *r, const Search *s, gint64 *left, guint n_lines)
{
  g_autofree guint *chosen = g_new0 (guint, s->best_len + 1);
  g_autofree PosAmount **acc = g_new0 (PosAmount *, s->best_len + 1);
  g_autofree PosAmount *saving = g_new0 (PosAmount, s->best_len + 1);

  for (guint i = 0; i < s->best_len; i++)
    {
      acc[i] = g_new0 (PosAmount, n_lines + 1);
      saving[i] = try_candidate (s, s->best_order[i], left, acc[i]);
      chosen[i] = i;
    }
  /* The receipt lists them by uid: sort the positions by candidate index. */
  for (guint i = 1; i < s->best_len; i++)
    for (guint j = i; j > 0 && s->best_order[chosen[j - 1]] > s->best_order[chosen[j]]; j--)
      {
        guint t = chosen[j - 1];
        chosen[j - 1] = chosen[j];
        chosen[j] = t;
      }
  for (guint c = 0; c < s->best_len; c++)
    {
      guint i = chosen[c];
      PosPromoApplied applied = { s->candidates[s->best_order[i]], saving[i] };

      g_array_append_val (r->applied, applied);
      r->saving += saving[i];
      for (guint line = 0; line < n_lines; line++)
        if (acc[i][line] != 0)
          {
            PosPromoAllocation a = { line, applied.promotion, acc[i][line] };
            g_array_append_val (r->allocations, a);
            r->line_discount[line] += acc[i][line];
          }
    }
  for (guint i = 0; i < s->best_len; i++)
    g_free (acc[i]);
}

/* Fills @r with the best set of @promotions for the lines. */
static void
search_best (PosPromoResult *r, PosPromotion *const *promotions, guint n_promotions,
             const PosPromoLine *lines, guint n_lines, const PosPromoContext *ctx, gboolean reuse)
{
  g_autoptr (GArray) slots = make_slots (lines, n_lines);
  guint n = slots->len;
  g_autofree PosAmount *base = g_new0 (PosAmount, n + 1);
  g_autofree PosAmount *share = g_new0 (PosAmount, n + 1);
  g_autofree PosAmount *run_base = g_new0 (PosAmount, n + 1);
  g_autofree PosAmount *run_share = g_new0 (PosAmount, n + 1);
  g_autofree guint *head = g_new0 (guint, n + 1);
  Basket basket = { (const Slot *)slots->data, n, base, share, run_base, run_share, head };
  g_autofree gint64 *left = g_new0 (gint64, n + 1);
  g_autofree guint8 *reach = g_new0 (guint8, (gsize)n_promotions * n + 1);
  g_autofree guint *cand = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *best_order = NULL;
  g_autofree gboolean *used = NULL;
  g_autofree gint64 *lefts = NULL;
  g_autofree PosAmount *gain = NULL;
  g_autofree gboolean *stale = NULL;
  Search s = { &basket, promotions };

  cand = candidates (promotions, n_promotions, &basket, ctx, reach, left, &s.k);
  s.candidates = cand;
  s.reach = reach;
  s.reuse = reuse;
  s.order = order = g_new0 (guint, s.k + 1);
  s.best_order = best_order = g_new0 (guint, s.k + 1);
  s.used = used = g_new0 (gboolean, s.k + 1);
  s.lefts = lefts = g_new0 (gint64, (gsize)(s.k + 1) * (n + 1));
  s.gain = gain = g_new0 (PosAmount, s.k + 1);
  s.stale = stale = g_new0 (gboolean, s.k + 1);
  for (guint i = 0; i < n; i++)
    left[i] = basket.slots[i].count;
  if (s.k <= EXHAUSTIVE_MAX)
    search (&s, 0, left, 0);
  else
    {
      g_autofree gint64 *work = g_memdup2 (left, n * sizeof (gint64) + 1);
      greedy (&s, work);
    }
  fill_result (r, &s, left, n_lines);
}

static PosPromoResult *
apply_all (PosPromotion *const *promotions, guint n_promotions, const PosPromoLine *lines, guint n_lines,
           const PosPromoContext *ctx, gboolean reuse)
{
  PosPromoResult *r = g_new0 (PosPromoResult, 1);

  r->applied = g_array_new (FALSE, FALSE, sizeof (PosPromoApplied));
  r->allocations = g_array_new (FALSE, FALSE, sizeof (PosPromoAllocation));
  r->line_discount = g_new0 (PosAmount, n_lines + 1);
  r->n_lines = n_lines;
  /* A shop without promotions recomputes its cart at every scan: it asks
   * neither the search nor the local time. */
  if (n_promotions > 0)
    search_best (r, promotions, n_promotions, lines, n_lines, ctx, reuse);
  return r;
}

PosPromoResult *
pos_promo_apply (PosPromotion *const *promotions, guint n_promotions, const PosPromoLine *lines,
                 guint n_lines, const PosPromoContext *ctx)
{
  g_return_val_if_fail (ctx != NULL, NULL);
  return apply_all (promotions, n_promotions, lines, n_lines, ctx, TRUE);
}

PosPromoResult *
pos_promo_apply_without_reuse (PosPromotion *const *promotions, guint n_promotions, const PosPromoLine *lines,
                               guint n_lines, const PosPromoContext *ctx)
{
  g_return_val_if_fail (ctx != NULL, NULL);
  return apply_all (promotions, n_promotions, lines, n_lines, ctx, FALSE);
}
