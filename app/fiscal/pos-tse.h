/* pos-tse.h — where a certified German TSE plugs in (KassenSichV).
 *
 * A TSE (technische Sicherheitseinrichtung) is certified hardware with its
 * own vendor SDK; Mainstreet ships no driver for one. A driver registers
 * itself here and signs each sale's process data; with none registered,
 * or one that fails, the till keeps selling, stores the process data
 * unsigned and prints on the receipt that no TSE secured it. Nothing here
 * ever makes up a TSE signature.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a TSE returns for one finished transaction, as the receipt and the
 * DSFinV-K export need it. */
typedef struct
{
  char *serial;          /* the TSE's serial number */
  gint64 transaction_no; /* the TSE's transaction counter */
  char *start_time;      /* ISO 8601, as the TSE logged them */
  char *end_time;
  gint64 signature_counter;
  char *signature; /* base64 */
} PosTseSignature;

typedef struct
{
  const char *name;
  /* Starts, updates and finishes one transaction with @process_type and
   * @process_data; fills @out. FALSE with an error when the TSE fails. */
  gboolean (*sign) (gpointer driver_data, const char *process_type, const char *process_data,
                    PosTseSignature *out, GError **error);
  gpointer driver_data;
} PosTseDriver;

void pos_tse_signature_clear (PosTseSignature *signature);
/* Registers @driver for this process; NULL unregisters. */
void pos_tse_set_driver (const PosTseDriver *driver);
const PosTseDriver *pos_tse_get_driver (void);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosTseSignature, pos_tse_signature_clear)

G_END_DECLS
