#include "pos-cli.h"
int
pos_cli_init (PosCli *cli, int argc, char **argv)
{
  return 2;
}
int
pos_cli_barcode (PosCli *cli, int argc, char **argv)
{
  return 2;
}
int
pos_cli_sell (PosCli *cli, int argc, char **argv)
{
  return 2;
}
int
pos_cli_refund (PosCli *cli, int argc, char **argv)
{
  return 2;
}
int
pos_cli_users (PosCli *cli, int argc, char **argv)
{
  return 2;
}
int
pos_cli_settings (PosCli *cli, int argc, char **argv)
{
  return 2;
}
int
pos_cli_verify (PosCli *cli, int argc, char **argv)
{
  return 2;
}
