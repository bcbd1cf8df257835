/* pos-sync-batch.h — journal events as the hub's insert takes them: one
 * PostgreSQL array literal per column, for unnest(). */
#pragma once

#include <glib.h>

#include "pos-journal.h"

G_BEGIN_DECLS

/* The columns of a batch, in their order. */
#define POS_SYNC_BATCH_COLUMNS 11
#define POS_SYNC_BATCH_NAMES                                                                                 \
  "event_id, till_id, till_seq, type, hlc, payload, body_hash, prev_hash, hash, signature, public_key"
#define POS_SYNC_BATCH_UNNEST                                                                                \
  "unnest ($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], "           \
  "$8::text[], $9::text[], $10::text[], $11::text[])"

/* A PosSyncBatch serves batch after batch: a column of payloads is
 * hundreds of kilobytes, and memory kept from one batch to the next is
 * neither asked for again nor touched for the first time again. */
typedef struct
{
  GString *column[POS_SYNC_BATCH_COLUMNS];
  /* The columns as PQexecParams () takes them. */
  const char *params[POS_SYNC_BATCH_COLUMNS];
} PosSyncBatch;

void pos_sync_batch_init (PosSyncBatch *batch);
void pos_sync_batch_clear (PosSyncBatch *batch);
/* Makes @batch the @n events of @events from @first on, in place of what
 * it held, each naming the key it was signed with out of @keys (till id →
 * its keys, as pos_till_key_load_public () gives them). */
void pos_sync_batch_set (PosSyncBatch *batch, GHashTable *keys, GPtrArray *events, guint first, guint n);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosSyncBatch, pos_sync_batch_clear)

G_END_DECLS
