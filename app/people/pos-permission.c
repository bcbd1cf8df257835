/* pos-permission.c — the role each action needs, and the approval path. */
#include "pos-permission.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"

typedef struct
{
  const char *name;    /* audit.action */
  PosRole min_role;    /* the least role that may do it */
  const char *refusal; /* the whole sentence when the role is missing */
} ActionInfo;

static const ActionInfo actions[POS_N_ACTIONS] = {
  [POS_ACTION_SELL] = { "sell", POS_ROLE_CASHIER, N_ ("Selling needs a cashier's approval") },
  [POS_ACTION_VOID_LINE]
  = { "void_line", POS_ROLE_SUPERVISOR, N_ ("Voiding a line needs a supervisor's approval") },
  [POS_ACTION_REFUND] = { "refund", POS_ROLE_SUPERVISOR, N_ ("Refunds need a supervisor's approval") },
  [POS_ACTION_DISCOUNT_OVER_LIMIT] = { "discount_over_limit", POS_ROLE_SUPERVISOR,
                                       N_ ("A discount over the limit needs a supervisor's approval") },
  [POS_ACTION_PRICE_OVERRIDE]
  = { "price_override", POS_ROLE_SUPERVISOR, N_ ("Changing a price needs a supervisor's approval") },
  [POS_ACTION_NO_SALE] = { "no_sale", POS_ROLE_SUPERVISOR,
                           N_ ("Opening the drawer without a sale needs a supervisor's approval") },
  [POS_ACTION_CASH_MOVE]
  = { "cash_move", POS_ROLE_SUPERVISOR, N_ ("Paying cash in or out needs a supervisor's approval") },
  [POS_ACTION_CLOSE_DAY]
  = { "close_day", POS_ROLE_SUPERVISOR, N_ ("Closing the day needs a supervisor's approval") },
  [POS_ACTION_EDIT_CATALOG]
  = { "edit_catalog", POS_ROLE_SUPERVISOR, N_ ("Editing the catalog needs a supervisor's approval") },
  [POS_ACTION_ADJUST_STOCK]
  = { "adjust_stock", POS_ROLE_SUPERVISOR, N_ ("Adjusting stock needs a supervisor's approval") },
  [POS_ACTION_MANAGE_USERS]
  = { "manage_users", POS_ROLE_OWNER, N_ ("Managing users needs an owner's approval") },
  [POS_ACTION_SETTINGS] = { "settings", POS_ROLE_OWNER, N_ ("Changing settings needs an owner's approval") },
  [POS_ACTION_CUSTOMER_DATA]
  = { "customer_data", POS_ROLE_SUPERVISOR, N_ ("Customers' personal data needs a supervisor's approval") },
  [POS_ACTION_UNLOCK_USER]
  = { "unlock_user", POS_ROLE_SUPERVISOR, N_ ("Unlocking a user needs a supervisor's approval") },
  [POS_ACTION_TRAINING]
  = { "training", POS_ROLE_SUPERVISOR, N_ ("Training mode needs a supervisor's approval") },
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
      g_set_error (error, POS_ERROR, POS_ERROR_PERMISSION, "%s", _ (info->refusal));
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
      g_set_error (error, POS_ERROR, POS_ERROR_PERMISSION,
                   /* TRANSLATORS: a person's name, then why they cannot approve */
                   _ ("%s cannot approve this: %s"), approver->name, _ (info->refusal));
      return FALSE;
    }
  return TRUE;
}
