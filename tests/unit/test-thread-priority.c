/* test-thread-priority.c — background work gives way to the till (pos-thread-priority.h). */
#include "pos-test-util.h"

#include <errno.h>
#ifdef __linux__
#include <linux/ioprio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "pos-thread-priority.h"

typedef struct
{
  int nice;
  int io_class;
} Priority;

#ifdef __linux__
static void
read_priority (Priority *p)
{
  long io = syscall (SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0);

  errno = 0;
  p->nice = getpriority (PRIO_PROCESS, (id_t)syscall (SYS_gettid));
  assert_int_equal (errno, 0);
  assert_true (io >= 0);
  p->io_class = (int)IOPRIO_PRIO_CLASS (io);
}

static gpointer
lowered_thread (gpointer data)
{
  pos_thread_lower_priority ();
  read_priority (data);
  return NULL;
}
#endif

/* The thread that asks gives way on the CPU and the disk; the till's own
 * thread, and the process, keep what they had. */
static void
test_only_the_calling_thread_gives_way (void **state)
{
  (void)state;
#ifdef __linux__
  Priority before, lowered, after;

  read_priority (&before);
  g_thread_join (g_thread_new ("lowered", lowered_thread, &lowered));
  read_priority (&after);
  assert_int_equal (lowered.nice, 19);
  assert_int_equal (lowered.io_class, IOPRIO_CLASS_IDLE);
  assert_int_not_equal (before.nice, 19);
  assert_int_equal (after.nice, before.nice);
  assert_int_equal (after.io_class, before.io_class);
  assert_int_not_equal (after.io_class, IOPRIO_CLASS_IDLE);
#else
  skip ();
#endif
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_only_the_calling_thread_gives_way),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
