/* pos-hub.h — the PostgreSQL hub that tills push their journals to.
 *
 * One database per shop or chain. `event` holds every till's journal
 * events exactly as the tills wrote them (the canonical payload text, so
 * any till can verify the chains), `till` maps till ids to the PostgreSQL
 * role each till logs in as. Tills may only INSERT and SELECT; row-level
 * security lets a till insert only events of its own till id; nobody but
 * the owner may UPDATE or DELETE. Views for head office read the bodies.
 *
 * Use TLS outside tests: put `sslmode=verify-full sslrootcert=…` in the
 * connection string; it is passed to libpq as given. Syncing refuses a hub
 * off this machine without it (pos_hub_check_tls()).
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define POS_SYNC_ERROR (pos_sync_error_quark ())

typedef enum
{
  POS_SYNC_ERROR_OFFLINE,  /* the hub cannot be reached or the connection broke: try again later */
  POS_SYNC_ERROR_HUB,      /* the hub answered with an error (no schema, a constraint) */
  POS_SYNC_ERROR_DENIED,   /* wrong password, or this role may not do that */
  POS_SYNC_ERROR_ALARM,    /* an event on the hub differs from the till's copy: stop and investigate */
  POS_SYNC_ERROR_FORKED,   /* this till's sequence numbers are taken on the hub by other events */
  POS_SYNC_ERROR_BEHIND,   /* the hub holds events of this till that the store lacks (old backup) */
  POS_SYNC_ERROR_APPLY,    /* a pulled event could not be applied to this store */
  POS_SYNC_ERROR_INSECURE, /* a hub off this machine without checked TLS: refused unless opted out */
} PosSyncErrorCode;

GQuark pos_sync_error_quark (void);

/* Limits the hub puts on every till's login (PostgreSQL durations): a
 * till's connection that freezes mid-push is cut and releases what it
 * held. A push or pull page takes well under a second. */
#define POS_HUB_TILL_STATEMENT_TIMEOUT "60s"
#define POS_HUB_TILL_LOCK_TIMEOUT "10s"
#define POS_HUB_TILL_IDLE_TIMEOUT "10s"

/* The hub schema version pos_hub_init() installs (7: the event table
 * partitioned by till; 8: product pictures; 9: event ids claimed in a
 * table of their own; 10: a pushed event's till checked once per
 * insert instead of by a foreign key; 11: the check reads where each
 * pushing till's chain stands once, not once per event; 12: an event
 * keyed by its till and seq, its payload not stored again as jsonb,
 * only the types the views look up indexed; 13: the payload checked
 * with json's parse, not jsonb's, ids spliced into the hashed text
 * without to_json, and claimed without ON CONFLICT until one is taken;
 * 14: the insert check planned once per session; 15: an insert's
 * rows checked against the role's tills read once, not per row; 16: no
 * CHECK hashing each payload again, a pushing till's key read once per
 * insert). */
#define POS_HUB_SCHEMA_VERSION 16

/*
 * Connects with @conninfo (a libpq connection string or URI, passed as
 * given; connect_timeout defaults to 10 s, TCP keepalives are on and
 * unacknowledged data times out after 60 s). POS_SYNC_ERROR_OFFLINE when the
 * hub cannot be reached, POS_SYNC_ERROR_DENIED when it refuses the login.
 * Returns: (transfer full) (nullable)
 */
PGconn *pos_hub_connect (const char *conninfo, GError **error);

/*
 * Whether @conn, a connection kept idle since its last use, still answers
 * an empty query within its connect_timeout. A network that died while the
 * connection waited says nothing: the first statement sent on it would wait
 * for the kernel to give up (a minute), where a new connection fails
 * within connect_timeout. Leaves @conn idle when it answers.
 */
gboolean pos_hub_answers (PGconn *conn);

/*
 * Whether a till may talk to the hub at @conninfo: a hub reached over the
 * network must be on TLS with its certificate and name checked
 * (sslmode=verify-full); a Unix socket or a loopback address need not be.
 * @allow_insecure is the owner's explicit opt-out (the setting
 * "hub_allow_insecure" = 1, or `sync --insecure-hub`).
 * POS_SYNC_ERROR_INSECURE says why when not.
 */
gboolean pos_hub_check_tls (const char *conninfo, gboolean allow_insecure, GError **error);

/* Runs @sql (no parameters, maybe several statements); sets @error from
 * the connection or result on failure. */
gboolean pos_hub_exec (PGconn *conn, const char *sql, GError **error);

/* Appends @text to @array, the open text of a PostgreSQL array literal
 * ("{" and the elements so far), as one quoted element: a comma before it
 * unless it is the first, " and \ escaped. */
void pos_hub_array_append (GString *array, const char *text);

/* Sets @error from a failed @result (nullable) of @conn, prefixed with
 * @what, mapping SQLSTATEs to POS_SYNC_ERROR codes. Returns FALSE. */
gboolean pos_hub_set_error (PGconn *conn, const PGresult *result, const char *what, GError **error);

/*
 * Installs or upgrades the hub schema in the connection's current schema,
 * in one transaction, and the group role every till role belongs to
 * ("<database>_tills"). Run as the hub's owner (an admin role that may
 * create roles). Safe to run again.
 */
gboolean pos_hub_init (PGconn *conn, GError **error);

/*
 * The role name of @till_id on database @dbname: "<db>_till_<till>",
 * lower case, anything but [a-z0-9_] turned into "_".
 * Returns: (transfer full)
 */
char *pos_hub_role_name (const char *dbname, const char *till_id);

/*
 * Registers @till_id: creates its login role with @password (sent as a
 * SCRAM hash, never in clear), makes it a member of the tills' group and
 * records it in `till`. Adding a till again sets its new password.
 * @role_name (nullable) gets the role to put in the till's conninfo.
 */
gboolean pos_hub_add_till (PGconn *conn, const char *till_id, const char *password, char **role_name,
                           GError **error);

/*
 * The connection string a till added with pos_hub_add_till() uses: the
 * hub's @hub_conninfo (as given to `hub add-till`) with its user replaced by
 * @role, the role as created, and its password left out (the till's own
 * goes after it, or in ~/.pgpass). Host, database and TLS settings are kept.
 * POS_SYNC_ERROR_HUB when @hub_conninfo does not parse.
 * Returns: (transfer full) (nullable)
 */
char *pos_hub_till_conninfo (const char *hub_conninfo, const char *role, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
