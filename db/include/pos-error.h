/* pos-error.h — the error domain every layer above the store reports in.
 *
 * Codes are chosen so that a UI or the command line can tell the person at
 * the till what to do next, not just that something failed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POS_ERROR (pos_error_quark ())

typedef enum
{
  POS_ERROR_FAILED,         /* anything without a better code */
  POS_ERROR_INVALID,        /* bad input: malformed, out of range, wrong check digit */
  POS_ERROR_NOT_FOUND,      /* no such product, receipt, user, customer */
  POS_ERROR_OVERFLOW,       /* an amount or quantity left the int64 range */
  POS_ERROR_DISK_FULL,      /* the store's disk is full: nothing was written */
  POS_ERROR_STORE_DAMAGED,  /* the store failed its integrity check */
  POS_ERROR_STORE,          /* any other SQLite failure */
  POS_ERROR_BUSY,           /* another process holds the store too long */
  POS_ERROR_AUTH,           /* wrong PIN */
  POS_ERROR_LOCKED_OUT,     /* too many wrong PINs */
  POS_ERROR_PERMISSION,     /* the role may not do this without approval */
  POS_ERROR_TENDER_SHORT,   /* the tenders do not cover the total */
  POS_ERROR_REFUND_EXCEEDS, /* refund more than was sold */
  POS_ERROR_ALREADY_DONE,   /* e.g. a Z report for a closed day */
  POS_ERROR_STATE,          /* not allowed now: no open shift, empty cart */
  POS_ERROR_CHAIN_BROKEN,   /* the journal hash chain does not verify */
  POS_ERROR_SYNC,           /* the hub refused or disagrees */
} PosErrorCode;

GQuark pos_error_quark (void);

G_END_DECLS
