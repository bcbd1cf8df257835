/* pos-thread-priority.c — background work that gives way to the till (see pos-thread-priority.h). */
#include "pos-thread-priority.h"

#ifdef __linux__
#include <linux/ioprio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

void
pos_thread_lower_priority (void)
{
#ifdef __linux__
  /* Linux gives each thread its own nice value and I/O class; the 0 of
   * ioprio_set () is the calling thread. */
  setpriority (PRIO_PROCESS, (id_t)syscall (SYS_gettid), 19);
  syscall (SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE (IOPRIO_CLASS_IDLE, 0));
#endif
}
