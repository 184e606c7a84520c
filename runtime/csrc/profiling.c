/* profiling.c -- the dispatcher of call nodes in a profiling (--pg) run.
 * Linked into the naruby binary only (AOT executables never profile). */
#include "nodes.h"

/* Counts the call at site n, then runs n's interpreter dispatcher (a tail
 * call, so recursion depth is unaffected). The host binds it to every call
 * node of a profiled run; see nr_observation. */
RESULT nr_profiling_dispatch(NODE *n, VALUE *fp)
{
    nr_observed[n->id].calls++;
    return nr_dispatchers[n->kind](n, fp);
}
