/* jit.c -- the interpreter's side of `naruby --jit` (the L0 tier). Linked
 * into the naruby binary only; AOT executables have no JIT.
 *
 * Until L0 swaps in specialized code, a function body's dispatcher is
 * nr_jit_counting_dispatch: it counts the body's calls and reports the body
 * hot once, at the threshold, through nr_jit_hook (which only queues the
 * event: the interpreter never waits for the JIT), and then hands the body
 * back to its baseline dispatcher. A loop's body (node.def's `swappable`
 * children, whose dispatcher the interpreter reads at every iteration) is
 * counted the same way by nr_jit_counting_loop_dispatch, per iteration and
 * against its own threshold. */
#include "nodes.h"

#include <errno.h>
#include <unistd.h>

uint32_t *nr_jit_calls;      /* calls so far, by node id (interpreter thread only) */
uint32_t nr_jit_threshold;   /* calls that make a body hot */
uint32_t nr_jit_loop_threshold; /* iterations that make a loop's body hot */

/* Counts one evaluation of n, which the dispatcher `counting` counts. */
static inline RESULT nr_jit_count(NODE *n, VALUE *fp, uint32_t threshold, DISPATCHER counting)
{
    DISPATCHER baseline = nr_dispatchers[n->kind];
    if (UNLIKELY(++nr_jit_calls[n->id] == threshold)) {
        if (nr_jit_hook)
            nr_jit_hook(NR_JIT_HOT, n->id);
        /* Counted enough: the body goes back to its baseline dispatcher
         * until L0 swaps code in (counting every call until then cost a
         * call-heavy program a quarter of its time, and forever when the
         * code never comes). Only if it still counts: a swap that came
         * first must stay. */
        __atomic_compare_exchange_n(&n->dispatcher, &counting, baseline, 0, __ATOMIC_RELAXED,
                                    __ATOMIC_RELAXED);
    }
    return baseline(n, fp);
}

RESULT nr_jit_counting_dispatch(NODE *n, VALUE *fp)
{
    return nr_jit_count(n, fp, nr_jit_threshold, nr_jit_counting_dispatch);
}

RESULT nr_jit_counting_loop_dispatch(NODE *n, VALUE *fp)
{
    return nr_jit_count(n, fp, nr_jit_loop_threshold, nr_jit_counting_loop_dispatch);
}

/* Points n at d while the interpreter may be running n. The release store
 * pairs with nr_body_dispatcher's acquire load: the thread that calls
 * through the new pointer also sees the code and relocations the dynamic
 * loader wrote before the swap. */
void nr_jit_swap(NODE *n, DISPATCHER d)
{
    __atomic_store_n(&n->dispatcher, d, __ATOMIC_RELEASE);
}

/* Lowers the calling thread's scheduling priority by inc (nice(2)); the
 * threads and processes it starts later inherit it. 0 on success, else
 * errno. */
int nr_lower_priority(int inc)
{
    errno = 0;
    if (nice(inc) == -1 && errno != 0)
        return errno;
    return 0;
}
