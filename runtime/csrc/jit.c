/* jit.c -- the interpreter's side of `naruby --jit` (the L0 tier). Linked
 * into the naruby binary only; AOT executables have no JIT.
 *
 * Until L0 swaps in specialized code, a function body's dispatcher is
 * nr_jit_counting_dispatch: it counts the body's calls and reports the body
 * hot once, at the threshold, through nr_jit_hook (which only queues the
 * event: the interpreter never waits for the JIT), and then hands the body
 * back to its baseline dispatcher. A loop's body (node.def's `swappable`
 * children) is counted per iteration by nr_jit_counting_loop_dispatch,
 * which stays its dispatcher for good: a running loop took its body's
 * dispatcher when it began, so every iteration comes back here. Once L0
 * has the whole loop's code (nr_jit_resume_at), the iteration in progress
 * ends with ST_RESUME and the loop continues in that code, from the frame
 * as it is (on-stack replacement: a frame's locals live in its slots, so
 * compiled and interpreted code share it as it stands). */
#include "nodes.h"

#include <errno.h>
#include <unistd.h>

uint32_t *nr_jit_calls;      /* calls so far, by node id (interpreter thread only) */
uint32_t nr_jit_threshold;   /* calls that make a body hot */
uint32_t nr_jit_loop_threshold; /* iterations that make a loop's body hot */
DISPATCHER *nr_jit_resume;   /* by a loop body's node id: its loop's code, or NULL */

RESULT nr_jit_counting_dispatch(NODE *n, VALUE *fp)
{
    DISPATCHER baseline = nr_dispatchers[n->kind];
    if (UNLIKELY(++nr_jit_calls[n->id] == nr_jit_threshold)) {
        if (nr_jit_hook)
            nr_jit_hook(NR_JIT_HOT, n->id);
        /* Counted enough: the body goes back to its baseline dispatcher
         * until L0 swaps code in (counting every call until then cost a
         * call-heavy program a quarter of its time, and forever when the
         * code never comes). Only if it still counts: a swap that came
         * first must stay. */
        DISPATCHER counting = nr_jit_counting_dispatch;
        __atomic_compare_exchange_n(&n->dispatcher, &counting, baseline, 0, __ATOMIC_RELAXED,
                                    __ATOMIC_RELAXED);
    }
    return baseline(n, fp);
}

RESULT nr_jit_counting_loop_dispatch(NODE *n, VALUE *fp)
{
    /* the loop's code is ready (the acquire pairs with nr_jit_resume_at):
     * finish this iteration here, then the loop continues there, from its
     * condition; a break, next or return completes as it would have */
    DISPATCHER loop = __atomic_load_n(&nr_jit_resume[n->id], __ATOMIC_ACQUIRE);
    if (UNLIKELY(loop != NULL)) {
        RESULT r = nr_dispatchers[n->kind](n, fp);
        if (r.state == ST_NORMAL)
            return (RESULT){ (VALUE)(uintptr_t)loop, ST_RESUME };
        return r;
    }
    uint32_t *calls = &nr_jit_calls[n->id];
    if (*calls < nr_jit_loop_threshold && ++*calls == nr_jit_loop_threshold && nr_jit_hook)
        nr_jit_hook(NR_JIT_HOT, n->id);
    return nr_dispatchers[n->kind](n, fp);
}

/* Points n at d while the interpreter may be running n. The release store
 * pairs with nr_body_dispatcher's acquire load: the thread that calls
 * through the new pointer also sees the code and relocations the dynamic
 * loader wrote before the swap. */
void nr_jit_swap(NODE *n, DISPATCHER d)
{
    __atomic_store_n(&n->dispatcher, d, __ATOMIC_RELEASE);
}

/* Makes d, the compiled code of the loop whose body has node id `body`,
 * the place its running and future interpreted evaluations continue in
 * (nr_jit_counting_loop_dispatch). The release store pairs with that
 * dispatcher's acquire load, as in nr_jit_swap. */
void nr_jit_resume_at(uint32_t body, DISPATCHER d)
{
    __atomic_store_n(&nr_jit_resume[body], d, __ATOMIC_RELEASE);
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
