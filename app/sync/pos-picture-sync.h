/* pos-picture-sync.h — product pictures between the tills and the hub.
 *
 * A product's event names its picture by SHA-256 ("picture":
 * "<sha256>.<type>", pos-product-image.h); the bytes travel beside the
 * events, in the hub's own table `picture` (sha256, bytes), so a picture is
 * sent once however often its products change, and never inside an event.
 *
 * Push (before the events): each picture a product here shows that the hub
 * is not known to hold is looked up on the hub and sent only when it is
 * not there; either way it is marked as on the hub, so no later sync sends
 * it again. Pull (after the events): each picture a product here names but
 * this till lacks is fetched, checked (its bytes must hash to its name and
 * be a picture the till can show, pos_product_image_add_bytes()) and kept.
 * A picture the hub lacks yet (its till has not synced since) is fetched
 * by a later sync; one that fails the check is counted as refused, never
 * kept. A till that joins later fetches them all after its first pull.
 *
 * The hub refuses a picture whose bytes do not hash to its name, or that
 * is bigger than a till would take, with a CHECK of its own. Tills may
 * insert and read pictures, never change or remove one.
 */
#pragma once

#include <libpq-fe.h>

#include "pos-store.h"
#include "pos-sync.h"

G_BEGIN_DECLS

/* The hub's picture table and what tills may do with it (the members of
 * @quoted_group), as one step of pos_hub_init(): safe to run again; brings
 * the hub to POS_HUB_SCHEMA_VERSION. */
gboolean pos_picture_sync_hub_schema (PGconn *conn, const char *quoted_group, GError **error);

/* Sends the pictures of this till's products that the hub lacks; adds
 * them to stats->pictures_sent. */
gboolean pos_picture_sync_push (PosStore *store, PGconn *conn, PosSyncStats *stats, GError **error);

/* Fetches the pictures this till's products name and it lacks; adds to
 * stats->pictures_received and ->pictures_refused. */
gboolean pos_picture_sync_pull (PosStore *store, PGconn *conn, PosSyncStats *stats, GError **error);

G_END_DECLS
