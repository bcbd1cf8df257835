/* pos-dsfinvk-layaway.h — the layaways as the DSFinV-K export reads them.
 *
 * In Germany money paid towards goods not yet handed over is taxed when it
 * is received (§ 13 (1) Nr. 1a sentence 4 UStG), at the rates of those
 * goods: each payment towards a layaway is an advance payment
 * ("Anzahlungseinstellung") whose VAT is split pro rata over the reserved
 * goods' gross per rate. The layaway tables belong to app/layaway/; these
 * read them for the export only.
 */
#pragma once

#include "pos-money.h"
#include "pos-shop.h"
#include "pos-store.h"

G_BEGIN_DECLS

/* An amount at one VAT rate: its gross, and the net and VAT in it. */
typedef struct
{
  gint64 rate_bp;
  PosAmount gross, net, tax;
} PosDsfinvkVatPart;

/*
 * Splits @amount (a payment towards reserved goods; negative: given back)
 * over the @n rates of @goods pro rata of their gross: @parts[i] gets
 * @goods[i].rate_bp, a gross within one minor unit of its exact share (the
 * parts' gross add up to exactly @amount, pos_amount_allocate()), and the
 * VAT in that gross at its rate, rounded half away from zero. A rate no
 * goods have gets nothing. POS_ERROR_INVALID when @goods have no gross but
 * @amount is not zero.
 */
gboolean pos_dsfinvk_advance_split (PosAmount amount, const PosDsfinvkVatPart *goods, gsize n,
                                    PosDsfinvkVatPart *parts, GError **error);

/* A reserved line: its tax as the basket kept with the layaway had it. */
typedef struct
{
  char *tax_code;
  gint64 rate_bp;
  PosAmount amount; /* the line's total, as the layaway's line has it */
} PosDsfinvkLayawayLine;

/* The lines of layaway @number.
 * Returns: (transfer full) (nullable) of PosDsfinvkLayawayLine */
GArray *pos_dsfinvk_layaway_lines (PosStore *store, const char *number, GError **error);

/* The payments towards layaway @number at every till, the oldest first.
 * Returns: (transfer full) (nullable) of PosAmount */
GArray *pos_dsfinvk_layaway_payments (PosStore *store, const char *number, GError **error);

/* Where a reserved line of tax @tax_code at @rate_bp goes among the
 * caller's VAT slots (the export's VAT keys, the TSE process data's
 * rates): FALSE with an error when it has none. */
typedef gboolean (*PosDsfinvkSlotFunc) (const char *tax_code, gint64 rate_bp, guint *slot, GError **error);

/* The reserved goods of layaway @number in @n slots: @goods[i].rate_bp is
 * the caller's; each slot gets the gross of its lines (where prices exclude
 * tax, a line's total plus its tax), which advance payments towards them
 * are split by. */
gboolean pos_dsfinvk_layaway_goods (PosStore *store, const char *number, PosTaxMode tax_mode,
                                    PosDsfinvkSlotFunc slot_of, PosDsfinvkVatPart *goods, gsize n,
                                    GError **error);

/* What the payments towards layaway @number put in as advance payments, in
 * the @n slots of pos_dsfinvk_layaway_goods(): the sum of each payment's
 * pos_dsfinvk_advance_split(), so that releasing or reversing the advance
 * takes out to the cent what went in. @booked[i].rate_bp is the caller's. */
gboolean pos_dsfinvk_layaway_booked (PosStore *store, const char *number, PosTaxMode tax_mode,
                                     PosDsfinvkSlotFunc slot_of, PosDsfinvkVatPart *booked, gsize n,
                                     GError **error);

/*
 * What a move of layaway @number puts in per slot of
 * pos_dsfinvk_layaway_goods(): a payment of @amount, its advance split over
 * the reserved goods (pos_dsfinvk_advance_split()); a cancellation giving
 * back @amount (− or 0), the part of the advance given back, negative, at
 * the rates it went in with (what a fee keeps is split from what each rate
 * holds, as the export splits it). @parts[i].rate_bp is the caller's.
 */
gboolean pos_dsfinvk_layaway_move_split (PosStore *store, const char *number, PosTaxMode tax_mode,
                                         PosDsfinvkSlotFunc slot_of, gboolean cancel, PosAmount amount,
                                         PosDsfinvkVatPart *parts, gsize n, GError **error);

/* A payment towards a layaway, or its cancellation. */
typedef struct
{
  gint64 id;
  char *number; /* the layaway's */
  gboolean cancel;
  PosAmount amount;   /* paid (+), or given back (− or 0) */
  char *method;       /* (nullable) "cash", "card", "voucher" or "points"; none when nothing was given back */
  char *reference;    /* (nullable) the voucher's code, for "voucher" */
  char *voucher_kind; /* (nullable) that voucher's kind ("mpv", "spv", …) */
  char *created_at;   /* UTC */
} PosDsfinvkLayawayMove;

void pos_dsfinvk_layaway_move_free (PosDsfinvkLayawayMove *move);

/* The payments and cancellations of layaways at till @till_id after
 * @after ("" for the beginning) up to @upto (stored UTC times), the
 * oldest first.
 * Returns: (transfer full) (nullable) of PosDsfinvkLayawayMove */
GPtrArray *pos_dsfinvk_layaway_moves (PosStore *store, const char *till_id, const char *after,
                                      const char *upto, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosDsfinvkLayawayMove, pos_dsfinvk_layaway_move_free)

G_END_DECLS
