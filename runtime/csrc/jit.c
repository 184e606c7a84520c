/* jit.c -- the interpreter's side of `naruby --jit` (the L0 tier). Linked
 * into the naruby binary only; AOT executables have no JIT.
 *
 * Until L0 swaps in specialized code, a function body's dispatcher is
 * nr_jit_counting_dispatch: it counts the body's calls and reports the body
 * hot once, at the threshold, through nr_jit_hook (which only queues the
 * event: the interpreter never waits for the JIT). */
#include "nodes.h"

uint32_t *nr_jit_calls;      /* calls so far, by node id (interpreter thread only) */
uint32_t nr_jit_threshold;   /* calls that make a body hot */

RESULT nr_jit_counting_dispatch(NODE *n, VALUE *fp)
{
    if (UNLIKELY(++nr_jit_calls[n->id] == nr_jit_threshold) && nr_jit_hook)
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
