/* pos-permission.c — the role each action needs, and the approval path. */
#include "pos-permission.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"

typedef struct
{
  const char *name;    /* audit.action */
  PosRole min_role;    /* the least role that may do it */
  const char *subject; /* start of the refusal: "Refunds need" */
} ActionInfo;

static const ActionInfo actions[POS_N_ACTIONS] = {
  [POS_ACTION_SELL] = { "sell", POS_ROLE_CASHIER, "Selling needs" },
  [POS_ACTION_VOID_LINE] = { "void_line", POS_ROLE_SUPERVISOR, "Voiding a line needs" },
  [POS_ACTION_REFUND] = { "refund", POS_ROLE_SUPERVISOR, "Refunds need" },
  [POS_ACTION_DISCOUNT_OVER_LIMIT]
  = { "discount_over_limit", POS_ROLE_SUPERVISOR, "A discount over the limit needs" },
  [POS_ACTION_PRICE_OVERRIDE] = { "price_override", POS_ROLE_SUPERVISOR, "Changing a price needs" },
  [POS_ACTION_NO_SALE] = { "no_sale", POS_ROLE_SUPERVISOR, "Opening the drawer without a sale needs" },
  [POS_ACTION_CASH_MOVE] = { "cash_move", POS_ROLE_SUPERVISOR, "Paying cash in or out needs" },
  [POS_ACTION_CLOSE_DAY] = { "close_day", POS_ROLE_SUPERVISOR, "Closing the day needs" },
  [POS_ACTION_EDIT_CATALOG] = { "edit_catalog", POS_ROLE_SUPERVISOR, "Editing the catalog needs" },
  [POS_ACTION_ADJUST_STOCK] = { "adjust_stock", POS_ROLE_SUPERVISOR, "Adjusting stock needs" },
  [POS_ACTION_MANAGE_USERS] = { "manage_users", POS_ROLE_OWNER, "Managing users needs" },
  [POS_ACTION_SETTINGS] = { "settings", POS_ROLE_OWNER, "Changing settings needs" },
  [POS_ACTION_CUSTOMER_DATA] = { "customer_data", POS_ROLE_SUPERVISOR, "Customers' personal data needs" },
  [POS_ACTION_UNLOCK_USER] = { "unlock_user", POS_ROLE_SUPERVISOR, "Unlocking a user needs" },
};

static gboolean
action_is_valid (PosAction action)
{
  return (int)action >= 0 && (int)action < POS_N_ACTIONS;
}

const char *
pos_action_to_string (PosAction action)
{
  g_return_val_if_fail (action_is_valid (action), NULL);
  return actions[action].name;
}

gboolean
pos_action_parse (const char *text, PosAction *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (int i = 0; text != NULL && i < POS_N_ACTIONS; i++)
    if (g_str_equal (text, actions[i].name))
      {
        *out = (PosAction)i;
        return TRUE;
      }
  return FALSE;
}

PosRole
pos_action_min_role (PosAction action)
{
  g_return_val_if_fail (action_is_valid (action), POS_ROLE_OWNER);
  return actions[action].min_role;
}

/* Roles are ordered, so "may" is "at least the role the action needs". */
gboolean
pos_role_may (PosRole role, PosAction action)
{
  g_return_val_if_fail (action_is_valid (action), FALSE);
  return role >= actions[action].min_role;
}

static const char *
role_with_article (PosRole role)
{
  return role == POS_ROLE_OWNER ? "an owner's" : "a supervisor's";
}

/*
 * Lets @user act alone when their role may, otherwise only with an
 * approver whose role may and whose PIN was just verified: a PosUser from
 * a lookup (no PIN) cannot approve anything.
 */
gboolean
pos_permission_check (const PosUser *user, PosAction action, const PosUser *approver, GError **error)
{
  const ActionInfo *info;

  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (action_is_valid (action), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = &actions[action];
  if (user->active && pos_role_may (user->role, action))
    return TRUE;
  if (approver == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_PERMISSION, _ ("%s %s approval"), info->subject,
                   role_with_article (info->min_role));
      return FALSE;
    }
  if (!approver->pin_verified || !approver->active)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_PERMISSION, _ ("%s must enter their PIN to approve this"),
                   approver->name);
      return FALSE;
    }
  if (!pos_role_may (approver->role, action))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_PERMISSION, _ ("%s cannot approve this: %s %s approval"),
                   approver->name, info->subject, role_with_article (info->min_role));
      return FALSE;
    }
  return TRUE;
}
