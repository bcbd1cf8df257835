/* pos-permission.h — what each role may do, and approval by someone who may.
 *
 * A cashier sells. A supervisor may do everything else at the till (voids,
 * refunds, overrides, cash moves, closing the day, catalog and stock, unlocking
 * a locked-out user). Only an owner manages users and changes settings.
 */
#pragma once

#include <glib.h>

#include "pos-users.h"

G_BEGIN_DECLS

typedef enum
{
  POS_ACTION_SELL,
  POS_ACTION_VOID_LINE,
  POS_ACTION_REFUND,
  POS_ACTION_DISCOUNT_OVER_LIMIT,
  POS_ACTION_PRICE_OVERRIDE,
  POS_ACTION_NO_SALE,
  POS_ACTION_CASH_MOVE,
  POS_ACTION_CLOSE_DAY,
  POS_ACTION_EDIT_CATALOG,
  POS_ACTION_ADJUST_STOCK,
  POS_ACTION_MANAGE_USERS,
  POS_ACTION_SETTINGS,
  POS_ACTION_CUSTOMER_DATA,
  POS_ACTION_UNLOCK_USER,
  POS_ACTION_TRAINING, /* switching the till's training mode on or off */
} PosAction;

#define POS_N_ACTIONS (POS_ACTION_TRAINING + 1)

/* "sell", "void_line", …: used as audit.action. */
const char *pos_action_to_string (PosAction action);
gboolean pos_action_parse (const char *text, PosAction *out);

/* The least role that may do @action. */
PosRole pos_action_min_role (PosAction action);
gboolean pos_role_may (PosRole role, PosAction action);

/*
 * TRUE when @user may do @action, or when @approver may and their PIN was
 * entered for this (a PosUser from pos_users_authenticate(), pin_verified).
 * Otherwise POS_ERROR_PERMISSION with a message naming the role needed,
 * e.g. "Refunds need a supervisor's approval".
 */
gboolean pos_permission_check (const PosUser *user, PosAction action, const PosUser *approver,
                               GError **error);

G_END_DECLS
