/* naruby --aot: benches/workloads/fib.rb -- generated, self-contained */
#define _GNU_SOURCE
/* naruby.h -- the C runtime interface shared by the generated interpreter,
 * specialized code (code store and AOT executables) and runtime.c.
 *
 * Values are 64-bit integers. Evaluators return a RESULT: the value plus a
 * completion state, so `return`, `break` and `next` propagate as plain
 * return values (two registers on x86-64) instead of longjmp. Runtime errors
 * are cold, non-returning calls. */
#ifndef NARUBY_H
#define NARUBY_H

/* GCC's scalar replacement of aggregates splits the RESULT returned by a
 * call into two values and merges them with the other return paths, after
 * which the call is no longer a tail call. Calls into function bodies must
 * be tail calls (see nr_enter), so keep that pass off for naruby code. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-sra")
#endif

#include <stdint.h>

#if !defined(__x86_64__) && !defined(__aarch64__)
#error "naruby's node layout assumes a 64-bit little-endian target"
#endif

typedef int64_t VALUE;
typedef uint32_t ID;
typedef struct NODE NODE;

enum nr_state { ST_NORMAL = 0, ST_RETURN = 1, ST_BREAK = 2, ST_NEXT = 3 };

typedef struct RESULT {
    VALUE value;
    uint64_t state;
} RESULT;

typedef RESULT (*DISPATCHER)(NODE *n, VALUE *fp);

/* The header of every node. `id` indexes the side tables (line numbers);
 * it is never hashed and never baked into specialized code. */
struct NODE {
    DISPATCHER dispatcher;
    uint32_t kind;
    uint32_t id;
};

/* A defined function: the side data of a `def` node, or a builtin. */
typedef struct Func {
    NODE *body;       /* NULL for builtins */
    NODE *def;        /* the defining node; its line is reported for arity errors */
    uint32_t nparams;
    uint32_t nlocals; /* parameters + locals: zeroed on entry */
    uint32_t nslots;  /* nlocals + temporaries: the frame size */
    uint32_t builtin; /* enum nr_builtin, 0 for user functions */
    /* The callee identity: a hash of the body and the counts above, the
       same for every definition of an identical function; 0 for builtins. */
    uint64_t ident[2];
} Func;

/* Definition serials and call counters have types of their own (not the
 * int64_t/uint64_t family that VALUE belongs to), so that the C compiler
 * knows stores to frame slots never change them and vice versa. */
typedef unsigned long long nr_serial_t;
typedef unsigned long long nr_count_t;

/* Inline cache of a call site, valid while `serial` equals nr_serial.
 * `spec_serial` equals nr_serial while the cached callee is the one the
 * site's specialized code speculated on (see nr_invoke). `spec_hits` and
 * `spec_misses` count the calls of a speculating site that went directly to
 * the speculated callee and those that took the ordinary path (--stats);
 * sites without a speculation never touch them. */
typedef struct CallCache {
    nr_serial_t serial;
    NODE *body;
    nr_serial_t spec_serial;
    uint32_t nlocals;
    uint32_t nslots;
    nr_count_t spec_hits;
    nr_count_t spec_misses;
} CallCache;

/* What a call site saw while the program was profiled (--pg), indexed by
 * the site's node id. The profiling run is interpreted with every call node
 * dispatched through nr_profiling_dispatch (profiling.c), which counts the
 * site's calls; each cache refill closes the count of the callee bound
 * until then. Up to NR_OBSERVED_CALLEES callees per site are kept (a new
 * one replaces the least called). The host closes the current callee's
 * count at exit: calls - calls_at_bind. */
#define NR_OBSERVED_CALLEES 4
typedef struct nr_observation {
    uint64_t calls;         /* calls made at the site */
    uint64_t calls_at_bind; /* `calls` when the current callee was bound */
    uint32_t current;       /* index of the current callee (when ncallees > 0) */
    uint32_t ncallees;
    struct {
        uint64_t ident[2];
        uint64_t calls; /* closed counts: calls while bound, before `current` */
    } callee[NR_OBSERVED_CALLEES];
} nr_observation;

/* A speculated call target, baked into specialized code as a constant: the
 * identity of the callee the code was made for, that callee body's
 * specialized entry, and its frame counts (part of the identity).
 *
 * `unchecked` is set when the callee is not recursive under the
 * speculation and everything it calls directly, transitively, fits in
 * NR_VSTACK_RED_ZONE value-stack slots and NR_UNCHECKED_DEPTH C frames
 * (speculate.rs computes this). Such a direct call skips the stack checks:
 * every checked frame ends at or below nr_vstack_end, the value stack has
 * the red zone beyond it, and the C stack limit keeps a margin far larger
 * than NR_UNCHECKED_DEPTH frames; a checked call made inside the region
 * still checks against the limits. */
#define NR_VSTACK_RED_ZONE 65536u
#define NR_UNCHECKED_DEPTH 64u
typedef struct nr_target {
    uint64_t ident[2];
    DISPATCHER entry;
    NODE *body; /* when set (AOT), entry is this body node's own code: the
                   function found must have exactly this body */
    uint32_t nlocals;
    uint32_t nslots;
    uint32_t unchecked;
} nr_target;

enum nr_error {
    ERR_ZERODIV,
    ERR_OVERFLOW,
    ERR_NEG_EXPONENT,
};

/* ---- body vocabulary (see node.def) ---- */
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define EVAL_RAW(c) ((c##_d)((c), fp))
#define EVAL(c)                                                   \
    ({                                                            \
        RESULT nr_r_ = EVAL_RAW(c);                               \
        if (UNLIKELY(nr_r_.state != ST_NORMAL)) return nr_r_;     \
        nr_r_.value;                                              \
    })
#define VAL(v) VAL_##v
#define RETURN(v) return (RESULT){ (v), ST_NORMAL }
#define COMPLETE(s, v) return (RESULT){ (v), (s) }
#define PROPAGATE(r) return (r)
#define RAISE(e) nr_raise(n, (e))

/* ---- runtime state (runtime.c) ---- */
extern nr_serial_t nr_serial;        /* bumped by every `def` */
extern Func **nr_fn_table;        /* by ID */
extern VALUE *nr_vstack_end;      /* end of the value stack */
extern char *nr_cstack_limit;     /* lowest safe C stack address */
extern nr_observation *nr_observed; /* by site node id; NULL unless profiling */

__attribute__((noreturn, cold)) void nr_raise(NODE *n, int error);
__attribute__((noreturn, cold)) void nr_stack_overflow(NODE *site);
/* The cold half of a call: runs a builtin, or refills the cache and enters
 * the user function; raises NoMethodError/NameError/ArgumentError. */
__attribute__((cold)) RESULT nr_call_miss(NODE *site, CallCache *ic, ID name, uint32_t argc,
                                          VALUE *argv, int vcall, const nr_target *target);
void nr_define(NODE *def, Func *f, ID name, NODE *body, uint32_t nparams, uint32_t nlocals,
               uint32_t nslots, int64_t ident0, int64_t ident1);

/* ---- exact integer arithmetic ---- */
static inline VALUE nr_add(NODE *n, VALUE a, VALUE b)
{
    VALUE r;
    if (UNLIKELY(__builtin_add_overflow(a, b, &r))) nr_raise(n, ERR_OVERFLOW);
    return r;
}

static inline VALUE nr_sub(NODE *n, VALUE a, VALUE b)
{
    VALUE r;
    if (UNLIKELY(__builtin_sub_overflow(a, b, &r))) nr_raise(n, ERR_OVERFLOW);
    return r;
}

static inline VALUE nr_mul(NODE *n, VALUE a, VALUE b)
{
    VALUE r;
    if (UNLIKELY(__builtin_mul_overflow(a, b, &r))) nr_raise(n, ERR_OVERFLOW);
    return r;
}

/* Ruby division rounds toward negative infinity. */
static inline VALUE nr_div(NODE *n, VALUE a, VALUE b)
{
    if (UNLIKELY(b == 0)) nr_raise(n, ERR_ZERODIV);
    if (UNLIKELY(b == -1)) {
        if (UNLIKELY(a == INT64_MIN)) nr_raise(n, ERR_OVERFLOW);
        return -a;
    }
    VALUE q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
    return q;
}

/* Ruby modulo takes the sign of the divisor. */
static inline VALUE nr_mod(NODE *n, VALUE a, VALUE b)
{
    if (UNLIKELY(b == 0)) nr_raise(n, ERR_ZERODIV);
    if (UNLIKELY(b == -1)) return 0; /* INT64_MIN % -1 traps in C */
    VALUE r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

static inline VALUE nr_pow(NODE *n, VALUE base, VALUE exp)
{
    if (UNLIKELY(exp < 0)) nr_raise(n, ERR_NEG_EXPONENT);
    VALUE result = 1;
    while (exp) {
        if (exp & 1) result = nr_mul(n, result, base);
        exp >>= 1;
        /* squaring only when more bits remain: an overflow there means the
           result overflows too (|base| >= 2 at that point) */
        if (exp) base = nr_mul(n, base, base);
    }
    return result;
}

static inline VALUE nr_shr(NODE *n, VALUE a, VALUE b);

static inline VALUE nr_shl(NODE *n, VALUE a, VALUE b)
{
    if (b < 0) return b == INT64_MIN ? (a < 0 ? -1 : 0) : nr_shr(n, a, -b);
    if (a == 0) return 0;
    if (UNLIKELY(b >= 64)) nr_raise(n, ERR_OVERFLOW);
    VALUE r = (VALUE)((uint64_t)a << b);
    if (UNLIKELY((r >> b) != a)) nr_raise(n, ERR_OVERFLOW);
    return r;
}

static inline VALUE nr_shr(NODE *n, VALUE a, VALUE b)
{
    if (b < 0) {
        if (a == 0) return 0;
        if (UNLIKELY(b == INT64_MIN)) nr_raise(n, ERR_OVERFLOW);
        return nr_shl(n, a, -b);
    }
    if (b >= 64) return a < 0 ? -1 : 0;
    return a >> b;
}

/* ---- calls ---- */

/* Whether a frame of nslots slots at argv, and one more C frame, fit. */
static inline int nr_stack_ok(VALUE *argv, uint32_t nslots)
{
    return LIKELY(argv + nslots <= nr_vstack_end &&
                  (char *)__builtin_frame_address(0) >= nr_cstack_limit);
}

/* Enters a function body: stack checks, zeroed locals, then the body. A
 * body always completes normally: `break`/`next` cannot leave it (lowering
 * rejects them) and a body containing `return` is rooted in catch_return.
 * So the body's RESULT is the call's RESULT and the C compiler enters the
 * body by a tail jump: no C frame of the call stays on the stack while the
 * callee runs. With a constant `entry` (a speculated target) the call is
 * direct and the counts are literals. */
static inline RESULT nr_enter_body(NODE *site, NODE *body, DISPATCHER entry, uint32_t nlocals,
                                   uint32_t nslots, uint32_t argc, VALUE *argv, int checked)
{
    if (checked && !nr_stack_ok(argv, nslots)) nr_stack_overflow(site);
    for (uint32_t i = argc; i < nlocals; i++) argv[i] = 0;
    RESULT r = entry(body, argv);
    if (r.state != ST_NORMAL) __builtin_unreachable();
    return r;
}

/* Enters the function cached in ic through its body's dispatcher. */
static inline RESULT nr_enter(NODE *site, CallCache *ic, uint32_t argc, VALUE *argv)
{
    NODE *body = ic->body;
    return nr_enter_body(site, body, body->dispatcher, ic->nlocals, ic->nslots, argc, argv, 1);
}

/* Calls function `name` with argv[0..argc) already stored in the caller's
 * frame; argv becomes the callee's frame. The inline-cache guard is the only
 * check on the hot path besides the stack limit.
 *
 * Specialized code may pass a speculated `target` and its entry (the same
 * function as target->entry, passed by name so that the C compiler sees a
 * direct call it can inline). While the cached callee
 * is that target (checked against its baked identity whenever the cache is
 * refilled, recorded in spec_serial), the call goes straight to the
 * target's specialized entry: a direct call the C compiler can inline.
 * Otherwise -- another function of that name, a redefinition, a builtin --
 * the call takes the ordinary path. The interpreter passes NULL and the
 * speculative branch folds away.
 *
 * Every path ends in a call whose RESULT is returned as it is (no merging of
 * results), which keeps the calls tail calls. */
static inline RESULT nr_invoke(NODE *site, CallCache *ic, ID name, uint32_t argc, VALUE *argv,
                               int vcall, const nr_target *target, DISPATCHER target_entry)
{
    if (target) {
        if (LIKELY(ic->spec_serial == nr_serial)) {
            ic->spec_hits++;
            return nr_enter_body(site, ic->body, target_entry, target->nlocals, target->nslots,
                                 argc, argv, !target->unchecked);
        }
        if (ic->serial == nr_serial) {
            ic->spec_misses++;
            return nr_enter(site, ic, argc, argv);
        }
    }
    if (UNLIKELY(ic->serial != nr_serial)) {
        RESULT r = nr_call_miss(site, ic, name, argc, argv, vcall, target);
        if (r.state != ST_NORMAL) __builtin_unreachable();
        return r;
    }
    return nr_enter(site, ic, argc, argv);
}

/* ---- running a program (runtime.c) ---- */
typedef struct nr_program {
    NODE *root;
    uint32_t nslots;            /* top-level frame size */
    const char *script;         /* FILE in error messages */
    const char *const *names;   /* ID -> name */
    uint32_t nnames;
    const uint32_t *lines;      /* node id -> line */
    uint32_t nlines;            /* also the number of node ids */
    nr_observation *observed;   /* nlines zeroed records to profile into, or NULL */
} nr_program;

/* Runs the program on a large dedicated stack; returns the exit status
 * (errors and `exit` end the process from inside). */
int nr_run(const nr_program *prog);

/* Called with the exit status just before the process exits (host hook). */
extern void (*nr_exit_hook)(int status);

/* nr_entered[id] is set once the function body with node id `id` has been
 * entered (marked when a call site binds it, off the hot path); the root is
 * marked at start. Read by the host for --stats. */
extern uint8_t *nr_entered;

#endif
/* @generated by astrogen from node.def -- do not edit. */
#ifndef NARUBY_NODES_H
#define NARUBY_NODES_H

#include <stddef.h>

enum nr_kind {
    NR_KIND_lit,
    NR_KIND_lget,
    NR_KIND_lset_n,
    NR_KIND_lset_l,
    NR_KIND_lset_i,
    NR_KIND_ladd_n,
    NR_KIND_ladd_l,
    NR_KIND_ladd_i,
    NR_KIND_lsub_n,
    NR_KIND_lsub_l,
    NR_KIND_lsub_i,
    NR_KIND_add_nn,
    NR_KIND_add_nl,
    NR_KIND_add_ni,
    NR_KIND_add_ln,
    NR_KIND_add_ll,
    NR_KIND_add_li,
    NR_KIND_add_in,
    NR_KIND_add_il,
    NR_KIND_add_ii,
    NR_KIND_sub_nn,
    NR_KIND_sub_nl,
    NR_KIND_sub_ni,
    NR_KIND_sub_ln,
    NR_KIND_sub_ll,
    NR_KIND_sub_li,
    NR_KIND_sub_in,
    NR_KIND_sub_il,
    NR_KIND_sub_ii,
    NR_KIND_mul_nn,
    NR_KIND_mul_nl,
    NR_KIND_mul_ni,
    NR_KIND_mul_ln,
    NR_KIND_mul_ll,
    NR_KIND_mul_li,
    NR_KIND_mul_in,
    NR_KIND_mul_il,
    NR_KIND_mul_ii,
    NR_KIND_div_nn,
    NR_KIND_div_nl,
    NR_KIND_div_ni,
    NR_KIND_div_ln,
    NR_KIND_div_ll,
    NR_KIND_div_li,
    NR_KIND_div_in,
    NR_KIND_div_il,
    NR_KIND_div_ii,
    NR_KIND_mod_nn,
    NR_KIND_mod_nl,
    NR_KIND_mod_ni,
    NR_KIND_mod_ln,
    NR_KIND_mod_ll,
    NR_KIND_mod_li,
    NR_KIND_mod_in,
    NR_KIND_mod_il,
    NR_KIND_mod_ii,
    NR_KIND_pow_nn,
    NR_KIND_pow_nl,
    NR_KIND_pow_ni,
    NR_KIND_pow_ln,
    NR_KIND_pow_ll,
    NR_KIND_pow_li,
    NR_KIND_pow_in,
    NR_KIND_pow_il,
    NR_KIND_pow_ii,
    NR_KIND_shl_nn,
    NR_KIND_shl_nl,
    NR_KIND_shl_ni,
    NR_KIND_shl_ln,
    NR_KIND_shl_ll,
    NR_KIND_shl_li,
    NR_KIND_shl_in,
    NR_KIND_shl_il,
    NR_KIND_shl_ii,
    NR_KIND_shr_nn,
    NR_KIND_shr_nl,
    NR_KIND_shr_ni,
    NR_KIND_shr_ln,
    NR_KIND_shr_ll,
    NR_KIND_shr_li,
    NR_KIND_shr_in,
    NR_KIND_shr_il,
    NR_KIND_shr_ii,
    NR_KIND_band_nn,
    NR_KIND_band_nl,
    NR_KIND_band_ni,
    NR_KIND_band_ln,
    NR_KIND_band_ll,
    NR_KIND_band_li,
    NR_KIND_band_in,
    NR_KIND_band_il,
    NR_KIND_band_ii,
    NR_KIND_bor_nn,
    NR_KIND_bor_nl,
    NR_KIND_bor_ni,
    NR_KIND_bor_ln,
    NR_KIND_bor_ll,
    NR_KIND_bor_li,
    NR_KIND_bor_in,
    NR_KIND_bor_il,
    NR_KIND_bor_ii,
    NR_KIND_bxor_nn,
    NR_KIND_bxor_nl,
    NR_KIND_bxor_ni,
    NR_KIND_bxor_ln,
    NR_KIND_bxor_ll,
    NR_KIND_bxor_li,
    NR_KIND_bxor_in,
    NR_KIND_bxor_il,
    NR_KIND_bxor_ii,
    NR_KIND_neg_n,
    NR_KIND_neg_l,
    NR_KIND_neg_i,
    NR_KIND_bnot_n,
    NR_KIND_bnot_l,
    NR_KIND_bnot_i,
    NR_KIND_lt_nn,
    NR_KIND_lt_nl,
    NR_KIND_lt_ni,
    NR_KIND_lt_ln,
    NR_KIND_lt_ll,
    NR_KIND_lt_li,
    NR_KIND_lt_in,
    NR_KIND_lt_il,
    NR_KIND_lt_ii,
    NR_KIND_le_nn,
    NR_KIND_le_nl,
    NR_KIND_le_ni,
    NR_KIND_le_ln,
    NR_KIND_le_ll,
    NR_KIND_le_li,
    NR_KIND_le_in,
    NR_KIND_le_il,
    NR_KIND_le_ii,
    NR_KIND_gt_nn,
    NR_KIND_gt_nl,
    NR_KIND_gt_ni,
    NR_KIND_gt_ln,
    NR_KIND_gt_ll,
    NR_KIND_gt_li,
    NR_KIND_gt_in,
    NR_KIND_gt_il,
    NR_KIND_gt_ii,
    NR_KIND_ge_nn,
    NR_KIND_ge_nl,
    NR_KIND_ge_ni,
    NR_KIND_ge_ln,
    NR_KIND_ge_ll,
    NR_KIND_ge_li,
    NR_KIND_ge_in,
    NR_KIND_ge_il,
    NR_KIND_ge_ii,
    NR_KIND_eq_nn,
    NR_KIND_eq_nl,
    NR_KIND_eq_ni,
    NR_KIND_eq_ln,
    NR_KIND_eq_ll,
    NR_KIND_eq_li,
    NR_KIND_eq_in,
    NR_KIND_eq_il,
    NR_KIND_eq_ii,
    NR_KIND_ne_nn,
    NR_KIND_ne_nl,
    NR_KIND_ne_ni,
    NR_KIND_ne_ln,
    NR_KIND_ne_ll,
    NR_KIND_ne_li,
    NR_KIND_ne_in,
    NR_KIND_ne_il,
    NR_KIND_ne_ii,
    NR_KIND_cmp_nn,
    NR_KIND_cmp_nl,
    NR_KIND_cmp_ni,
    NR_KIND_cmp_ln,
    NR_KIND_cmp_ll,
    NR_KIND_cmp_li,
    NR_KIND_cmp_in,
    NR_KIND_cmp_il,
    NR_KIND_cmp_ii,
    NR_KIND_modz_nn,
    NR_KIND_modz_nl,
    NR_KIND_modz_ni,
    NR_KIND_modz_ln,
    NR_KIND_modz_ll,
    NR_KIND_modz_li,
    NR_KIND_modz_in,
    NR_KIND_modz_il,
    NR_KIND_modz_ii,
    NR_KIND_sqle_nn,
    NR_KIND_sqle_nl,
    NR_KIND_sqle_ni,
    NR_KIND_sqle_ln,
    NR_KIND_sqle_ll,
    NR_KIND_sqle_li,
    NR_KIND_sqle_in,
    NR_KIND_sqle_il,
    NR_KIND_sqle_ii,
    NR_KIND_not_n,
    NR_KIND_not_l,
    NR_KIND_not_i,
    NR_KIND_and,
    NR_KIND_or,
    NR_KIND_seq,
    NR_KIND_if,
    NR_KIND_when,
    NR_KIND_while,
    NR_KIND_until,
    NR_KIND_break,
    NR_KIND_next,
    NR_KIND_return,
    NR_KIND_catch_return,
    NR_KIND_def,
    NR_KIND_call,
    NR_KIND_call0,
    NR_KIND_vcall,
    NR_KIND_COUNT
};

/* Side data must have the size node.def declares. */
_Static_assert(sizeof(CallCache) == 6 * 8, "side type CallCache must be 6 words");
_Static_assert(sizeof(Func) == 6 * 8, "side type Func must be 6 words");

/* Node layout. The offsets are the ones the Rust side materialises. */
_Static_assert(sizeof(NODE) == 2 * 8, "node header size");
struct NODE_lit {
    NODE head;
    int64_t value;
};
_Static_assert(offsetof(struct NODE_lit, value) == 16, "lit.value offset");
_Static_assert(sizeof(struct NODE_lit) == 24, "lit size");
struct NODE_lget {
    NODE head;
    uint64_t slot;
};
_Static_assert(offsetof(struct NODE_lget, slot) == 16, "lget.slot offset");
_Static_assert(sizeof(struct NODE_lget) == 24, "lget size");
struct NODE_lset_n {
    NODE head;
    uint64_t slot;
    NODE *v;
};
_Static_assert(offsetof(struct NODE_lset_n, slot) == 16, "lset_n.slot offset");
_Static_assert(offsetof(struct NODE_lset_n, v) == 24, "lset_n.v offset");
_Static_assert(sizeof(struct NODE_lset_n) == 32, "lset_n size");
struct NODE_lset_l {
    NODE head;
    uint64_t slot;
    uint64_t v;
};
_Static_assert(offsetof(struct NODE_lset_l, slot) == 16, "lset_l.slot offset");
_Static_assert(offsetof(struct NODE_lset_l, v) == 24, "lset_l.v offset");
_Static_assert(sizeof(struct NODE_lset_l) == 32, "lset_l size");
struct NODE_lset_i {
    NODE head;
    uint64_t slot;
    int64_t v;
};
_Static_assert(offsetof(struct NODE_lset_i, slot) == 16, "lset_i.slot offset");
_Static_assert(offsetof(struct NODE_lset_i, v) == 24, "lset_i.v offset");
_Static_assert(sizeof(struct NODE_lset_i) == 32, "lset_i size");
struct NODE_ladd_n {
    NODE head;
    uint64_t slot;
    NODE *v;
};
_Static_assert(offsetof(struct NODE_ladd_n, slot) == 16, "ladd_n.slot offset");
_Static_assert(offsetof(struct NODE_ladd_n, v) == 24, "ladd_n.v offset");
_Static_assert(sizeof(struct NODE_ladd_n) == 32, "ladd_n size");
struct NODE_ladd_l {
    NODE head;
    uint64_t slot;
    uint64_t v;
};
_Static_assert(offsetof(struct NODE_ladd_l, slot) == 16, "ladd_l.slot offset");
_Static_assert(offsetof(struct NODE_ladd_l, v) == 24, "ladd_l.v offset");
_Static_assert(sizeof(struct NODE_ladd_l) == 32, "ladd_l size");
struct NODE_ladd_i {
    NODE head;
    uint64_t slot;
    int64_t v;
};
_Static_assert(offsetof(struct NODE_ladd_i, slot) == 16, "ladd_i.slot offset");
_Static_assert(offsetof(struct NODE_ladd_i, v) == 24, "ladd_i.v offset");
_Static_assert(sizeof(struct NODE_ladd_i) == 32, "ladd_i size");
struct NODE_lsub_n {
    NODE head;
    uint64_t slot;
    NODE *v;
};
_Static_assert(offsetof(struct NODE_lsub_n, slot) == 16, "lsub_n.slot offset");
_Static_assert(offsetof(struct NODE_lsub_n, v) == 24, "lsub_n.v offset");
_Static_assert(sizeof(struct NODE_lsub_n) == 32, "lsub_n size");
struct NODE_lsub_l {
    NODE head;
    uint64_t slot;
    uint64_t v;
};
_Static_assert(offsetof(struct NODE_lsub_l, slot) == 16, "lsub_l.slot offset");
_Static_assert(offsetof(struct NODE_lsub_l, v) == 24, "lsub_l.v offset");
_Static_assert(sizeof(struct NODE_lsub_l) == 32, "lsub_l size");
struct NODE_lsub_i {
    NODE head;
    uint64_t slot;
    int64_t v;
};
_Static_assert(offsetof(struct NODE_lsub_i, slot) == 16, "lsub_i.slot offset");
_Static_assert(offsetof(struct NODE_lsub_i, v) == 24, "lsub_i.v offset");
_Static_assert(sizeof(struct NODE_lsub_i) == 32, "lsub_i size");
struct NODE_add_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_add_nn, l) == 16, "add_nn.l offset");
_Static_assert(offsetof(struct NODE_add_nn, r) == 24, "add_nn.r offset");
_Static_assert(sizeof(struct NODE_add_nn) == 32, "add_nn size");
struct NODE_add_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_add_nl, l) == 16, "add_nl.l offset");
_Static_assert(offsetof(struct NODE_add_nl, r) == 24, "add_nl.r offset");
_Static_assert(sizeof(struct NODE_add_nl) == 32, "add_nl size");
struct NODE_add_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_add_ni, l) == 16, "add_ni.l offset");
_Static_assert(offsetof(struct NODE_add_ni, r) == 24, "add_ni.r offset");
_Static_assert(sizeof(struct NODE_add_ni) == 32, "add_ni size");
struct NODE_add_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_add_ln, l) == 16, "add_ln.l offset");
_Static_assert(offsetof(struct NODE_add_ln, r) == 24, "add_ln.r offset");
_Static_assert(sizeof(struct NODE_add_ln) == 32, "add_ln size");
struct NODE_add_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_add_ll, l) == 16, "add_ll.l offset");
_Static_assert(offsetof(struct NODE_add_ll, r) == 24, "add_ll.r offset");
_Static_assert(sizeof(struct NODE_add_ll) == 32, "add_ll size");
struct NODE_add_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_add_li, l) == 16, "add_li.l offset");
_Static_assert(offsetof(struct NODE_add_li, r) == 24, "add_li.r offset");
_Static_assert(sizeof(struct NODE_add_li) == 32, "add_li size");
struct NODE_add_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_add_in, l) == 16, "add_in.l offset");
_Static_assert(offsetof(struct NODE_add_in, r) == 24, "add_in.r offset");
_Static_assert(sizeof(struct NODE_add_in) == 32, "add_in size");
struct NODE_add_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_add_il, l) == 16, "add_il.l offset");
_Static_assert(offsetof(struct NODE_add_il, r) == 24, "add_il.r offset");
_Static_assert(sizeof(struct NODE_add_il) == 32, "add_il size");
struct NODE_add_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_add_ii, l) == 16, "add_ii.l offset");
_Static_assert(offsetof(struct NODE_add_ii, r) == 24, "add_ii.r offset");
_Static_assert(sizeof(struct NODE_add_ii) == 32, "add_ii size");
struct NODE_sub_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_sub_nn, l) == 16, "sub_nn.l offset");
_Static_assert(offsetof(struct NODE_sub_nn, r) == 24, "sub_nn.r offset");
_Static_assert(sizeof(struct NODE_sub_nn) == 32, "sub_nn size");
struct NODE_sub_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_sub_nl, l) == 16, "sub_nl.l offset");
_Static_assert(offsetof(struct NODE_sub_nl, r) == 24, "sub_nl.r offset");
_Static_assert(sizeof(struct NODE_sub_nl) == 32, "sub_nl size");
struct NODE_sub_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_sub_ni, l) == 16, "sub_ni.l offset");
_Static_assert(offsetof(struct NODE_sub_ni, r) == 24, "sub_ni.r offset");
_Static_assert(sizeof(struct NODE_sub_ni) == 32, "sub_ni size");
struct NODE_sub_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_sub_ln, l) == 16, "sub_ln.l offset");
_Static_assert(offsetof(struct NODE_sub_ln, r) == 24, "sub_ln.r offset");
_Static_assert(sizeof(struct NODE_sub_ln) == 32, "sub_ln size");
struct NODE_sub_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_sub_ll, l) == 16, "sub_ll.l offset");
_Static_assert(offsetof(struct NODE_sub_ll, r) == 24, "sub_ll.r offset");
_Static_assert(sizeof(struct NODE_sub_ll) == 32, "sub_ll size");
struct NODE_sub_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_sub_li, l) == 16, "sub_li.l offset");
_Static_assert(offsetof(struct NODE_sub_li, r) == 24, "sub_li.r offset");
_Static_assert(sizeof(struct NODE_sub_li) == 32, "sub_li size");
struct NODE_sub_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_sub_in, l) == 16, "sub_in.l offset");
_Static_assert(offsetof(struct NODE_sub_in, r) == 24, "sub_in.r offset");
_Static_assert(sizeof(struct NODE_sub_in) == 32, "sub_in size");
struct NODE_sub_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_sub_il, l) == 16, "sub_il.l offset");
_Static_assert(offsetof(struct NODE_sub_il, r) == 24, "sub_il.r offset");
_Static_assert(sizeof(struct NODE_sub_il) == 32, "sub_il size");
struct NODE_sub_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_sub_ii, l) == 16, "sub_ii.l offset");
_Static_assert(offsetof(struct NODE_sub_ii, r) == 24, "sub_ii.r offset");
_Static_assert(sizeof(struct NODE_sub_ii) == 32, "sub_ii size");
struct NODE_mul_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_mul_nn, l) == 16, "mul_nn.l offset");
_Static_assert(offsetof(struct NODE_mul_nn, r) == 24, "mul_nn.r offset");
_Static_assert(sizeof(struct NODE_mul_nn) == 32, "mul_nn size");
struct NODE_mul_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_mul_nl, l) == 16, "mul_nl.l offset");
_Static_assert(offsetof(struct NODE_mul_nl, r) == 24, "mul_nl.r offset");
_Static_assert(sizeof(struct NODE_mul_nl) == 32, "mul_nl size");
struct NODE_mul_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_mul_ni, l) == 16, "mul_ni.l offset");
_Static_assert(offsetof(struct NODE_mul_ni, r) == 24, "mul_ni.r offset");
_Static_assert(sizeof(struct NODE_mul_ni) == 32, "mul_ni size");
struct NODE_mul_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_mul_ln, l) == 16, "mul_ln.l offset");
_Static_assert(offsetof(struct NODE_mul_ln, r) == 24, "mul_ln.r offset");
_Static_assert(sizeof(struct NODE_mul_ln) == 32, "mul_ln size");
struct NODE_mul_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_mul_ll, l) == 16, "mul_ll.l offset");
_Static_assert(offsetof(struct NODE_mul_ll, r) == 24, "mul_ll.r offset");
_Static_assert(sizeof(struct NODE_mul_ll) == 32, "mul_ll size");
struct NODE_mul_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_mul_li, l) == 16, "mul_li.l offset");
_Static_assert(offsetof(struct NODE_mul_li, r) == 24, "mul_li.r offset");
_Static_assert(sizeof(struct NODE_mul_li) == 32, "mul_li size");
struct NODE_mul_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_mul_in, l) == 16, "mul_in.l offset");
_Static_assert(offsetof(struct NODE_mul_in, r) == 24, "mul_in.r offset");
_Static_assert(sizeof(struct NODE_mul_in) == 32, "mul_in size");
struct NODE_mul_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_mul_il, l) == 16, "mul_il.l offset");
_Static_assert(offsetof(struct NODE_mul_il, r) == 24, "mul_il.r offset");
_Static_assert(sizeof(struct NODE_mul_il) == 32, "mul_il size");
struct NODE_mul_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_mul_ii, l) == 16, "mul_ii.l offset");
_Static_assert(offsetof(struct NODE_mul_ii, r) == 24, "mul_ii.r offset");
_Static_assert(sizeof(struct NODE_mul_ii) == 32, "mul_ii size");
struct NODE_div_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_div_nn, l) == 16, "div_nn.l offset");
_Static_assert(offsetof(struct NODE_div_nn, r) == 24, "div_nn.r offset");
_Static_assert(sizeof(struct NODE_div_nn) == 32, "div_nn size");
struct NODE_div_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_div_nl, l) == 16, "div_nl.l offset");
_Static_assert(offsetof(struct NODE_div_nl, r) == 24, "div_nl.r offset");
_Static_assert(sizeof(struct NODE_div_nl) == 32, "div_nl size");
struct NODE_div_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_div_ni, l) == 16, "div_ni.l offset");
_Static_assert(offsetof(struct NODE_div_ni, r) == 24, "div_ni.r offset");
_Static_assert(sizeof(struct NODE_div_ni) == 32, "div_ni size");
struct NODE_div_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_div_ln, l) == 16, "div_ln.l offset");
_Static_assert(offsetof(struct NODE_div_ln, r) == 24, "div_ln.r offset");
_Static_assert(sizeof(struct NODE_div_ln) == 32, "div_ln size");
struct NODE_div_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_div_ll, l) == 16, "div_ll.l offset");
_Static_assert(offsetof(struct NODE_div_ll, r) == 24, "div_ll.r offset");
_Static_assert(sizeof(struct NODE_div_ll) == 32, "div_ll size");
struct NODE_div_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_div_li, l) == 16, "div_li.l offset");
_Static_assert(offsetof(struct NODE_div_li, r) == 24, "div_li.r offset");
_Static_assert(sizeof(struct NODE_div_li) == 32, "div_li size");
struct NODE_div_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_div_in, l) == 16, "div_in.l offset");
_Static_assert(offsetof(struct NODE_div_in, r) == 24, "div_in.r offset");
_Static_assert(sizeof(struct NODE_div_in) == 32, "div_in size");
struct NODE_div_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_div_il, l) == 16, "div_il.l offset");
_Static_assert(offsetof(struct NODE_div_il, r) == 24, "div_il.r offset");
_Static_assert(sizeof(struct NODE_div_il) == 32, "div_il size");
struct NODE_div_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_div_ii, l) == 16, "div_ii.l offset");
_Static_assert(offsetof(struct NODE_div_ii, r) == 24, "div_ii.r offset");
_Static_assert(sizeof(struct NODE_div_ii) == 32, "div_ii size");
struct NODE_mod_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_mod_nn, l) == 16, "mod_nn.l offset");
_Static_assert(offsetof(struct NODE_mod_nn, r) == 24, "mod_nn.r offset");
_Static_assert(sizeof(struct NODE_mod_nn) == 32, "mod_nn size");
struct NODE_mod_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_mod_nl, l) == 16, "mod_nl.l offset");
_Static_assert(offsetof(struct NODE_mod_nl, r) == 24, "mod_nl.r offset");
_Static_assert(sizeof(struct NODE_mod_nl) == 32, "mod_nl size");
struct NODE_mod_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_mod_ni, l) == 16, "mod_ni.l offset");
_Static_assert(offsetof(struct NODE_mod_ni, r) == 24, "mod_ni.r offset");
_Static_assert(sizeof(struct NODE_mod_ni) == 32, "mod_ni size");
struct NODE_mod_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_mod_ln, l) == 16, "mod_ln.l offset");
_Static_assert(offsetof(struct NODE_mod_ln, r) == 24, "mod_ln.r offset");
_Static_assert(sizeof(struct NODE_mod_ln) == 32, "mod_ln size");
struct NODE_mod_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_mod_ll, l) == 16, "mod_ll.l offset");
_Static_assert(offsetof(struct NODE_mod_ll, r) == 24, "mod_ll.r offset");
_Static_assert(sizeof(struct NODE_mod_ll) == 32, "mod_ll size");
struct NODE_mod_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_mod_li, l) == 16, "mod_li.l offset");
_Static_assert(offsetof(struct NODE_mod_li, r) == 24, "mod_li.r offset");
_Static_assert(sizeof(struct NODE_mod_li) == 32, "mod_li size");
struct NODE_mod_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_mod_in, l) == 16, "mod_in.l offset");
_Static_assert(offsetof(struct NODE_mod_in, r) == 24, "mod_in.r offset");
_Static_assert(sizeof(struct NODE_mod_in) == 32, "mod_in size");
struct NODE_mod_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_mod_il, l) == 16, "mod_il.l offset");
_Static_assert(offsetof(struct NODE_mod_il, r) == 24, "mod_il.r offset");
_Static_assert(sizeof(struct NODE_mod_il) == 32, "mod_il size");
struct NODE_mod_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_mod_ii, l) == 16, "mod_ii.l offset");
_Static_assert(offsetof(struct NODE_mod_ii, r) == 24, "mod_ii.r offset");
_Static_assert(sizeof(struct NODE_mod_ii) == 32, "mod_ii size");
struct NODE_pow_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_pow_nn, l) == 16, "pow_nn.l offset");
_Static_assert(offsetof(struct NODE_pow_nn, r) == 24, "pow_nn.r offset");
_Static_assert(sizeof(struct NODE_pow_nn) == 32, "pow_nn size");
struct NODE_pow_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_pow_nl, l) == 16, "pow_nl.l offset");
_Static_assert(offsetof(struct NODE_pow_nl, r) == 24, "pow_nl.r offset");
_Static_assert(sizeof(struct NODE_pow_nl) == 32, "pow_nl size");
struct NODE_pow_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_pow_ni, l) == 16, "pow_ni.l offset");
_Static_assert(offsetof(struct NODE_pow_ni, r) == 24, "pow_ni.r offset");
_Static_assert(sizeof(struct NODE_pow_ni) == 32, "pow_ni size");
struct NODE_pow_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_pow_ln, l) == 16, "pow_ln.l offset");
_Static_assert(offsetof(struct NODE_pow_ln, r) == 24, "pow_ln.r offset");
_Static_assert(sizeof(struct NODE_pow_ln) == 32, "pow_ln size");
struct NODE_pow_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_pow_ll, l) == 16, "pow_ll.l offset");
_Static_assert(offsetof(struct NODE_pow_ll, r) == 24, "pow_ll.r offset");
_Static_assert(sizeof(struct NODE_pow_ll) == 32, "pow_ll size");
struct NODE_pow_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_pow_li, l) == 16, "pow_li.l offset");
_Static_assert(offsetof(struct NODE_pow_li, r) == 24, "pow_li.r offset");
_Static_assert(sizeof(struct NODE_pow_li) == 32, "pow_li size");
struct NODE_pow_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_pow_in, l) == 16, "pow_in.l offset");
_Static_assert(offsetof(struct NODE_pow_in, r) == 24, "pow_in.r offset");
_Static_assert(sizeof(struct NODE_pow_in) == 32, "pow_in size");
struct NODE_pow_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_pow_il, l) == 16, "pow_il.l offset");
_Static_assert(offsetof(struct NODE_pow_il, r) == 24, "pow_il.r offset");
_Static_assert(sizeof(struct NODE_pow_il) == 32, "pow_il size");
struct NODE_pow_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_pow_ii, l) == 16, "pow_ii.l offset");
_Static_assert(offsetof(struct NODE_pow_ii, r) == 24, "pow_ii.r offset");
_Static_assert(sizeof(struct NODE_pow_ii) == 32, "pow_ii size");
struct NODE_shl_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_shl_nn, l) == 16, "shl_nn.l offset");
_Static_assert(offsetof(struct NODE_shl_nn, r) == 24, "shl_nn.r offset");
_Static_assert(sizeof(struct NODE_shl_nn) == 32, "shl_nn size");
struct NODE_shl_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_shl_nl, l) == 16, "shl_nl.l offset");
_Static_assert(offsetof(struct NODE_shl_nl, r) == 24, "shl_nl.r offset");
_Static_assert(sizeof(struct NODE_shl_nl) == 32, "shl_nl size");
struct NODE_shl_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_shl_ni, l) == 16, "shl_ni.l offset");
_Static_assert(offsetof(struct NODE_shl_ni, r) == 24, "shl_ni.r offset");
_Static_assert(sizeof(struct NODE_shl_ni) == 32, "shl_ni size");
struct NODE_shl_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_shl_ln, l) == 16, "shl_ln.l offset");
_Static_assert(offsetof(struct NODE_shl_ln, r) == 24, "shl_ln.r offset");
_Static_assert(sizeof(struct NODE_shl_ln) == 32, "shl_ln size");
struct NODE_shl_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_shl_ll, l) == 16, "shl_ll.l offset");
_Static_assert(offsetof(struct NODE_shl_ll, r) == 24, "shl_ll.r offset");
_Static_assert(sizeof(struct NODE_shl_ll) == 32, "shl_ll size");
struct NODE_shl_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_shl_li, l) == 16, "shl_li.l offset");
_Static_assert(offsetof(struct NODE_shl_li, r) == 24, "shl_li.r offset");
_Static_assert(sizeof(struct NODE_shl_li) == 32, "shl_li size");
struct NODE_shl_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_shl_in, l) == 16, "shl_in.l offset");
_Static_assert(offsetof(struct NODE_shl_in, r) == 24, "shl_in.r offset");
_Static_assert(sizeof(struct NODE_shl_in) == 32, "shl_in size");
struct NODE_shl_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_shl_il, l) == 16, "shl_il.l offset");
_Static_assert(offsetof(struct NODE_shl_il, r) == 24, "shl_il.r offset");
_Static_assert(sizeof(struct NODE_shl_il) == 32, "shl_il size");
struct NODE_shl_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_shl_ii, l) == 16, "shl_ii.l offset");
_Static_assert(offsetof(struct NODE_shl_ii, r) == 24, "shl_ii.r offset");
_Static_assert(sizeof(struct NODE_shl_ii) == 32, "shl_ii size");
struct NODE_shr_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_shr_nn, l) == 16, "shr_nn.l offset");
_Static_assert(offsetof(struct NODE_shr_nn, r) == 24, "shr_nn.r offset");
_Static_assert(sizeof(struct NODE_shr_nn) == 32, "shr_nn size");
struct NODE_shr_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_shr_nl, l) == 16, "shr_nl.l offset");
_Static_assert(offsetof(struct NODE_shr_nl, r) == 24, "shr_nl.r offset");
_Static_assert(sizeof(struct NODE_shr_nl) == 32, "shr_nl size");
struct NODE_shr_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_shr_ni, l) == 16, "shr_ni.l offset");
_Static_assert(offsetof(struct NODE_shr_ni, r) == 24, "shr_ni.r offset");
_Static_assert(sizeof(struct NODE_shr_ni) == 32, "shr_ni size");
struct NODE_shr_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_shr_ln, l) == 16, "shr_ln.l offset");
_Static_assert(offsetof(struct NODE_shr_ln, r) == 24, "shr_ln.r offset");
_Static_assert(sizeof(struct NODE_shr_ln) == 32, "shr_ln size");
struct NODE_shr_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_shr_ll, l) == 16, "shr_ll.l offset");
_Static_assert(offsetof(struct NODE_shr_ll, r) == 24, "shr_ll.r offset");
_Static_assert(sizeof(struct NODE_shr_ll) == 32, "shr_ll size");
struct NODE_shr_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_shr_li, l) == 16, "shr_li.l offset");
_Static_assert(offsetof(struct NODE_shr_li, r) == 24, "shr_li.r offset");
_Static_assert(sizeof(struct NODE_shr_li) == 32, "shr_li size");
struct NODE_shr_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_shr_in, l) == 16, "shr_in.l offset");
_Static_assert(offsetof(struct NODE_shr_in, r) == 24, "shr_in.r offset");
_Static_assert(sizeof(struct NODE_shr_in) == 32, "shr_in size");
struct NODE_shr_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_shr_il, l) == 16, "shr_il.l offset");
_Static_assert(offsetof(struct NODE_shr_il, r) == 24, "shr_il.r offset");
_Static_assert(sizeof(struct NODE_shr_il) == 32, "shr_il size");
struct NODE_shr_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_shr_ii, l) == 16, "shr_ii.l offset");
_Static_assert(offsetof(struct NODE_shr_ii, r) == 24, "shr_ii.r offset");
_Static_assert(sizeof(struct NODE_shr_ii) == 32, "shr_ii size");
struct NODE_band_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_band_nn, l) == 16, "band_nn.l offset");
_Static_assert(offsetof(struct NODE_band_nn, r) == 24, "band_nn.r offset");
_Static_assert(sizeof(struct NODE_band_nn) == 32, "band_nn size");
struct NODE_band_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_band_nl, l) == 16, "band_nl.l offset");
_Static_assert(offsetof(struct NODE_band_nl, r) == 24, "band_nl.r offset");
_Static_assert(sizeof(struct NODE_band_nl) == 32, "band_nl size");
struct NODE_band_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_band_ni, l) == 16, "band_ni.l offset");
_Static_assert(offsetof(struct NODE_band_ni, r) == 24, "band_ni.r offset");
_Static_assert(sizeof(struct NODE_band_ni) == 32, "band_ni size");
struct NODE_band_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_band_ln, l) == 16, "band_ln.l offset");
_Static_assert(offsetof(struct NODE_band_ln, r) == 24, "band_ln.r offset");
_Static_assert(sizeof(struct NODE_band_ln) == 32, "band_ln size");
struct NODE_band_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_band_ll, l) == 16, "band_ll.l offset");
_Static_assert(offsetof(struct NODE_band_ll, r) == 24, "band_ll.r offset");
_Static_assert(sizeof(struct NODE_band_ll) == 32, "band_ll size");
struct NODE_band_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_band_li, l) == 16, "band_li.l offset");
_Static_assert(offsetof(struct NODE_band_li, r) == 24, "band_li.r offset");
_Static_assert(sizeof(struct NODE_band_li) == 32, "band_li size");
struct NODE_band_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_band_in, l) == 16, "band_in.l offset");
_Static_assert(offsetof(struct NODE_band_in, r) == 24, "band_in.r offset");
_Static_assert(sizeof(struct NODE_band_in) == 32, "band_in size");
struct NODE_band_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_band_il, l) == 16, "band_il.l offset");
_Static_assert(offsetof(struct NODE_band_il, r) == 24, "band_il.r offset");
_Static_assert(sizeof(struct NODE_band_il) == 32, "band_il size");
struct NODE_band_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_band_ii, l) == 16, "band_ii.l offset");
_Static_assert(offsetof(struct NODE_band_ii, r) == 24, "band_ii.r offset");
_Static_assert(sizeof(struct NODE_band_ii) == 32, "band_ii size");
struct NODE_bor_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_bor_nn, l) == 16, "bor_nn.l offset");
_Static_assert(offsetof(struct NODE_bor_nn, r) == 24, "bor_nn.r offset");
_Static_assert(sizeof(struct NODE_bor_nn) == 32, "bor_nn size");
struct NODE_bor_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_bor_nl, l) == 16, "bor_nl.l offset");
_Static_assert(offsetof(struct NODE_bor_nl, r) == 24, "bor_nl.r offset");
_Static_assert(sizeof(struct NODE_bor_nl) == 32, "bor_nl size");
struct NODE_bor_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_bor_ni, l) == 16, "bor_ni.l offset");
_Static_assert(offsetof(struct NODE_bor_ni, r) == 24, "bor_ni.r offset");
_Static_assert(sizeof(struct NODE_bor_ni) == 32, "bor_ni size");
struct NODE_bor_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_bor_ln, l) == 16, "bor_ln.l offset");
_Static_assert(offsetof(struct NODE_bor_ln, r) == 24, "bor_ln.r offset");
_Static_assert(sizeof(struct NODE_bor_ln) == 32, "bor_ln size");
struct NODE_bor_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_bor_ll, l) == 16, "bor_ll.l offset");
_Static_assert(offsetof(struct NODE_bor_ll, r) == 24, "bor_ll.r offset");
_Static_assert(sizeof(struct NODE_bor_ll) == 32, "bor_ll size");
struct NODE_bor_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_bor_li, l) == 16, "bor_li.l offset");
_Static_assert(offsetof(struct NODE_bor_li, r) == 24, "bor_li.r offset");
_Static_assert(sizeof(struct NODE_bor_li) == 32, "bor_li size");
struct NODE_bor_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_bor_in, l) == 16, "bor_in.l offset");
_Static_assert(offsetof(struct NODE_bor_in, r) == 24, "bor_in.r offset");
_Static_assert(sizeof(struct NODE_bor_in) == 32, "bor_in size");
struct NODE_bor_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_bor_il, l) == 16, "bor_il.l offset");
_Static_assert(offsetof(struct NODE_bor_il, r) == 24, "bor_il.r offset");
_Static_assert(sizeof(struct NODE_bor_il) == 32, "bor_il size");
struct NODE_bor_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_bor_ii, l) == 16, "bor_ii.l offset");
_Static_assert(offsetof(struct NODE_bor_ii, r) == 24, "bor_ii.r offset");
_Static_assert(sizeof(struct NODE_bor_ii) == 32, "bor_ii size");
struct NODE_bxor_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_bxor_nn, l) == 16, "bxor_nn.l offset");
_Static_assert(offsetof(struct NODE_bxor_nn, r) == 24, "bxor_nn.r offset");
_Static_assert(sizeof(struct NODE_bxor_nn) == 32, "bxor_nn size");
struct NODE_bxor_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_bxor_nl, l) == 16, "bxor_nl.l offset");
_Static_assert(offsetof(struct NODE_bxor_nl, r) == 24, "bxor_nl.r offset");
_Static_assert(sizeof(struct NODE_bxor_nl) == 32, "bxor_nl size");
struct NODE_bxor_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_bxor_ni, l) == 16, "bxor_ni.l offset");
_Static_assert(offsetof(struct NODE_bxor_ni, r) == 24, "bxor_ni.r offset");
_Static_assert(sizeof(struct NODE_bxor_ni) == 32, "bxor_ni size");
struct NODE_bxor_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_bxor_ln, l) == 16, "bxor_ln.l offset");
_Static_assert(offsetof(struct NODE_bxor_ln, r) == 24, "bxor_ln.r offset");
_Static_assert(sizeof(struct NODE_bxor_ln) == 32, "bxor_ln size");
struct NODE_bxor_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_bxor_ll, l) == 16, "bxor_ll.l offset");
_Static_assert(offsetof(struct NODE_bxor_ll, r) == 24, "bxor_ll.r offset");
_Static_assert(sizeof(struct NODE_bxor_ll) == 32, "bxor_ll size");
struct NODE_bxor_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_bxor_li, l) == 16, "bxor_li.l offset");
_Static_assert(offsetof(struct NODE_bxor_li, r) == 24, "bxor_li.r offset");
_Static_assert(sizeof(struct NODE_bxor_li) == 32, "bxor_li size");
struct NODE_bxor_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_bxor_in, l) == 16, "bxor_in.l offset");
_Static_assert(offsetof(struct NODE_bxor_in, r) == 24, "bxor_in.r offset");
_Static_assert(sizeof(struct NODE_bxor_in) == 32, "bxor_in size");
struct NODE_bxor_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_bxor_il, l) == 16, "bxor_il.l offset");
_Static_assert(offsetof(struct NODE_bxor_il, r) == 24, "bxor_il.r offset");
_Static_assert(sizeof(struct NODE_bxor_il) == 32, "bxor_il size");
struct NODE_bxor_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_bxor_ii, l) == 16, "bxor_ii.l offset");
_Static_assert(offsetof(struct NODE_bxor_ii, r) == 24, "bxor_ii.r offset");
_Static_assert(sizeof(struct NODE_bxor_ii) == 32, "bxor_ii size");
struct NODE_neg_n {
    NODE head;
    NODE *v;
};
_Static_assert(offsetof(struct NODE_neg_n, v) == 16, "neg_n.v offset");
_Static_assert(sizeof(struct NODE_neg_n) == 24, "neg_n size");
struct NODE_neg_l {
    NODE head;
    uint64_t v;
};
_Static_assert(offsetof(struct NODE_neg_l, v) == 16, "neg_l.v offset");
_Static_assert(sizeof(struct NODE_neg_l) == 24, "neg_l size");
struct NODE_neg_i {
    NODE head;
    int64_t v;
};
_Static_assert(offsetof(struct NODE_neg_i, v) == 16, "neg_i.v offset");
_Static_assert(sizeof(struct NODE_neg_i) == 24, "neg_i size");
struct NODE_bnot_n {
    NODE head;
    NODE *v;
};
_Static_assert(offsetof(struct NODE_bnot_n, v) == 16, "bnot_n.v offset");
_Static_assert(sizeof(struct NODE_bnot_n) == 24, "bnot_n size");
struct NODE_bnot_l {
    NODE head;
    uint64_t v;
};
_Static_assert(offsetof(struct NODE_bnot_l, v) == 16, "bnot_l.v offset");
_Static_assert(sizeof(struct NODE_bnot_l) == 24, "bnot_l size");
struct NODE_bnot_i {
    NODE head;
    int64_t v;
};
_Static_assert(offsetof(struct NODE_bnot_i, v) == 16, "bnot_i.v offset");
_Static_assert(sizeof(struct NODE_bnot_i) == 24, "bnot_i size");
struct NODE_lt_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_lt_nn, l) == 16, "lt_nn.l offset");
_Static_assert(offsetof(struct NODE_lt_nn, r) == 24, "lt_nn.r offset");
_Static_assert(sizeof(struct NODE_lt_nn) == 32, "lt_nn size");
struct NODE_lt_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_lt_nl, l) == 16, "lt_nl.l offset");
_Static_assert(offsetof(struct NODE_lt_nl, r) == 24, "lt_nl.r offset");
_Static_assert(sizeof(struct NODE_lt_nl) == 32, "lt_nl size");
struct NODE_lt_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_lt_ni, l) == 16, "lt_ni.l offset");
_Static_assert(offsetof(struct NODE_lt_ni, r) == 24, "lt_ni.r offset");
_Static_assert(sizeof(struct NODE_lt_ni) == 32, "lt_ni size");
struct NODE_lt_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_lt_ln, l) == 16, "lt_ln.l offset");
_Static_assert(offsetof(struct NODE_lt_ln, r) == 24, "lt_ln.r offset");
_Static_assert(sizeof(struct NODE_lt_ln) == 32, "lt_ln size");
struct NODE_lt_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_lt_ll, l) == 16, "lt_ll.l offset");
_Static_assert(offsetof(struct NODE_lt_ll, r) == 24, "lt_ll.r offset");
_Static_assert(sizeof(struct NODE_lt_ll) == 32, "lt_ll size");
struct NODE_lt_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_lt_li, l) == 16, "lt_li.l offset");
_Static_assert(offsetof(struct NODE_lt_li, r) == 24, "lt_li.r offset");
_Static_assert(sizeof(struct NODE_lt_li) == 32, "lt_li size");
struct NODE_lt_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_lt_in, l) == 16, "lt_in.l offset");
_Static_assert(offsetof(struct NODE_lt_in, r) == 24, "lt_in.r offset");
_Static_assert(sizeof(struct NODE_lt_in) == 32, "lt_in size");
struct NODE_lt_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_lt_il, l) == 16, "lt_il.l offset");
_Static_assert(offsetof(struct NODE_lt_il, r) == 24, "lt_il.r offset");
_Static_assert(sizeof(struct NODE_lt_il) == 32, "lt_il size");
struct NODE_lt_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_lt_ii, l) == 16, "lt_ii.l offset");
_Static_assert(offsetof(struct NODE_lt_ii, r) == 24, "lt_ii.r offset");
_Static_assert(sizeof(struct NODE_lt_ii) == 32, "lt_ii size");
struct NODE_le_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_le_nn, l) == 16, "le_nn.l offset");
_Static_assert(offsetof(struct NODE_le_nn, r) == 24, "le_nn.r offset");
_Static_assert(sizeof(struct NODE_le_nn) == 32, "le_nn size");
struct NODE_le_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_le_nl, l) == 16, "le_nl.l offset");
_Static_assert(offsetof(struct NODE_le_nl, r) == 24, "le_nl.r offset");
_Static_assert(sizeof(struct NODE_le_nl) == 32, "le_nl size");
struct NODE_le_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_le_ni, l) == 16, "le_ni.l offset");
_Static_assert(offsetof(struct NODE_le_ni, r) == 24, "le_ni.r offset");
_Static_assert(sizeof(struct NODE_le_ni) == 32, "le_ni size");
struct NODE_le_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_le_ln, l) == 16, "le_ln.l offset");
_Static_assert(offsetof(struct NODE_le_ln, r) == 24, "le_ln.r offset");
_Static_assert(sizeof(struct NODE_le_ln) == 32, "le_ln size");
struct NODE_le_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_le_ll, l) == 16, "le_ll.l offset");
_Static_assert(offsetof(struct NODE_le_ll, r) == 24, "le_ll.r offset");
_Static_assert(sizeof(struct NODE_le_ll) == 32, "le_ll size");
struct NODE_le_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_le_li, l) == 16, "le_li.l offset");
_Static_assert(offsetof(struct NODE_le_li, r) == 24, "le_li.r offset");
_Static_assert(sizeof(struct NODE_le_li) == 32, "le_li size");
struct NODE_le_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_le_in, l) == 16, "le_in.l offset");
_Static_assert(offsetof(struct NODE_le_in, r) == 24, "le_in.r offset");
_Static_assert(sizeof(struct NODE_le_in) == 32, "le_in size");
struct NODE_le_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_le_il, l) == 16, "le_il.l offset");
_Static_assert(offsetof(struct NODE_le_il, r) == 24, "le_il.r offset");
_Static_assert(sizeof(struct NODE_le_il) == 32, "le_il size");
struct NODE_le_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_le_ii, l) == 16, "le_ii.l offset");
_Static_assert(offsetof(struct NODE_le_ii, r) == 24, "le_ii.r offset");
_Static_assert(sizeof(struct NODE_le_ii) == 32, "le_ii size");
struct NODE_gt_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_gt_nn, l) == 16, "gt_nn.l offset");
_Static_assert(offsetof(struct NODE_gt_nn, r) == 24, "gt_nn.r offset");
_Static_assert(sizeof(struct NODE_gt_nn) == 32, "gt_nn size");
struct NODE_gt_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_gt_nl, l) == 16, "gt_nl.l offset");
_Static_assert(offsetof(struct NODE_gt_nl, r) == 24, "gt_nl.r offset");
_Static_assert(sizeof(struct NODE_gt_nl) == 32, "gt_nl size");
struct NODE_gt_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_gt_ni, l) == 16, "gt_ni.l offset");
_Static_assert(offsetof(struct NODE_gt_ni, r) == 24, "gt_ni.r offset");
_Static_assert(sizeof(struct NODE_gt_ni) == 32, "gt_ni size");
struct NODE_gt_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_gt_ln, l) == 16, "gt_ln.l offset");
_Static_assert(offsetof(struct NODE_gt_ln, r) == 24, "gt_ln.r offset");
_Static_assert(sizeof(struct NODE_gt_ln) == 32, "gt_ln size");
struct NODE_gt_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_gt_ll, l) == 16, "gt_ll.l offset");
_Static_assert(offsetof(struct NODE_gt_ll, r) == 24, "gt_ll.r offset");
_Static_assert(sizeof(struct NODE_gt_ll) == 32, "gt_ll size");
struct NODE_gt_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_gt_li, l) == 16, "gt_li.l offset");
_Static_assert(offsetof(struct NODE_gt_li, r) == 24, "gt_li.r offset");
_Static_assert(sizeof(struct NODE_gt_li) == 32, "gt_li size");
struct NODE_gt_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_gt_in, l) == 16, "gt_in.l offset");
_Static_assert(offsetof(struct NODE_gt_in, r) == 24, "gt_in.r offset");
_Static_assert(sizeof(struct NODE_gt_in) == 32, "gt_in size");
struct NODE_gt_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_gt_il, l) == 16, "gt_il.l offset");
_Static_assert(offsetof(struct NODE_gt_il, r) == 24, "gt_il.r offset");
_Static_assert(sizeof(struct NODE_gt_il) == 32, "gt_il size");
struct NODE_gt_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_gt_ii, l) == 16, "gt_ii.l offset");
_Static_assert(offsetof(struct NODE_gt_ii, r) == 24, "gt_ii.r offset");
_Static_assert(sizeof(struct NODE_gt_ii) == 32, "gt_ii size");
struct NODE_ge_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_ge_nn, l) == 16, "ge_nn.l offset");
_Static_assert(offsetof(struct NODE_ge_nn, r) == 24, "ge_nn.r offset");
_Static_assert(sizeof(struct NODE_ge_nn) == 32, "ge_nn size");
struct NODE_ge_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_ge_nl, l) == 16, "ge_nl.l offset");
_Static_assert(offsetof(struct NODE_ge_nl, r) == 24, "ge_nl.r offset");
_Static_assert(sizeof(struct NODE_ge_nl) == 32, "ge_nl size");
struct NODE_ge_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_ge_ni, l) == 16, "ge_ni.l offset");
_Static_assert(offsetof(struct NODE_ge_ni, r) == 24, "ge_ni.r offset");
_Static_assert(sizeof(struct NODE_ge_ni) == 32, "ge_ni size");
struct NODE_ge_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_ge_ln, l) == 16, "ge_ln.l offset");
_Static_assert(offsetof(struct NODE_ge_ln, r) == 24, "ge_ln.r offset");
_Static_assert(sizeof(struct NODE_ge_ln) == 32, "ge_ln size");
struct NODE_ge_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_ge_ll, l) == 16, "ge_ll.l offset");
_Static_assert(offsetof(struct NODE_ge_ll, r) == 24, "ge_ll.r offset");
_Static_assert(sizeof(struct NODE_ge_ll) == 32, "ge_ll size");
struct NODE_ge_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_ge_li, l) == 16, "ge_li.l offset");
_Static_assert(offsetof(struct NODE_ge_li, r) == 24, "ge_li.r offset");
_Static_assert(sizeof(struct NODE_ge_li) == 32, "ge_li size");
struct NODE_ge_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_ge_in, l) == 16, "ge_in.l offset");
_Static_assert(offsetof(struct NODE_ge_in, r) == 24, "ge_in.r offset");
_Static_assert(sizeof(struct NODE_ge_in) == 32, "ge_in size");
struct NODE_ge_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_ge_il, l) == 16, "ge_il.l offset");
_Static_assert(offsetof(struct NODE_ge_il, r) == 24, "ge_il.r offset");
_Static_assert(sizeof(struct NODE_ge_il) == 32, "ge_il size");
struct NODE_ge_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_ge_ii, l) == 16, "ge_ii.l offset");
_Static_assert(offsetof(struct NODE_ge_ii, r) == 24, "ge_ii.r offset");
_Static_assert(sizeof(struct NODE_ge_ii) == 32, "ge_ii size");
struct NODE_eq_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_eq_nn, l) == 16, "eq_nn.l offset");
_Static_assert(offsetof(struct NODE_eq_nn, r) == 24, "eq_nn.r offset");
_Static_assert(sizeof(struct NODE_eq_nn) == 32, "eq_nn size");
struct NODE_eq_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_eq_nl, l) == 16, "eq_nl.l offset");
_Static_assert(offsetof(struct NODE_eq_nl, r) == 24, "eq_nl.r offset");
_Static_assert(sizeof(struct NODE_eq_nl) == 32, "eq_nl size");
struct NODE_eq_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_eq_ni, l) == 16, "eq_ni.l offset");
_Static_assert(offsetof(struct NODE_eq_ni, r) == 24, "eq_ni.r offset");
_Static_assert(sizeof(struct NODE_eq_ni) == 32, "eq_ni size");
struct NODE_eq_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_eq_ln, l) == 16, "eq_ln.l offset");
_Static_assert(offsetof(struct NODE_eq_ln, r) == 24, "eq_ln.r offset");
_Static_assert(sizeof(struct NODE_eq_ln) == 32, "eq_ln size");
struct NODE_eq_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_eq_ll, l) == 16, "eq_ll.l offset");
_Static_assert(offsetof(struct NODE_eq_ll, r) == 24, "eq_ll.r offset");
_Static_assert(sizeof(struct NODE_eq_ll) == 32, "eq_ll size");
struct NODE_eq_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_eq_li, l) == 16, "eq_li.l offset");
_Static_assert(offsetof(struct NODE_eq_li, r) == 24, "eq_li.r offset");
_Static_assert(sizeof(struct NODE_eq_li) == 32, "eq_li size");
struct NODE_eq_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_eq_in, l) == 16, "eq_in.l offset");
_Static_assert(offsetof(struct NODE_eq_in, r) == 24, "eq_in.r offset");
_Static_assert(sizeof(struct NODE_eq_in) == 32, "eq_in size");
struct NODE_eq_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_eq_il, l) == 16, "eq_il.l offset");
_Static_assert(offsetof(struct NODE_eq_il, r) == 24, "eq_il.r offset");
_Static_assert(sizeof(struct NODE_eq_il) == 32, "eq_il size");
struct NODE_eq_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_eq_ii, l) == 16, "eq_ii.l offset");
_Static_assert(offsetof(struct NODE_eq_ii, r) == 24, "eq_ii.r offset");
_Static_assert(sizeof(struct NODE_eq_ii) == 32, "eq_ii size");
struct NODE_ne_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_ne_nn, l) == 16, "ne_nn.l offset");
_Static_assert(offsetof(struct NODE_ne_nn, r) == 24, "ne_nn.r offset");
_Static_assert(sizeof(struct NODE_ne_nn) == 32, "ne_nn size");
struct NODE_ne_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_ne_nl, l) == 16, "ne_nl.l offset");
_Static_assert(offsetof(struct NODE_ne_nl, r) == 24, "ne_nl.r offset");
_Static_assert(sizeof(struct NODE_ne_nl) == 32, "ne_nl size");
struct NODE_ne_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_ne_ni, l) == 16, "ne_ni.l offset");
_Static_assert(offsetof(struct NODE_ne_ni, r) == 24, "ne_ni.r offset");
_Static_assert(sizeof(struct NODE_ne_ni) == 32, "ne_ni size");
struct NODE_ne_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_ne_ln, l) == 16, "ne_ln.l offset");
_Static_assert(offsetof(struct NODE_ne_ln, r) == 24, "ne_ln.r offset");
_Static_assert(sizeof(struct NODE_ne_ln) == 32, "ne_ln size");
struct NODE_ne_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_ne_ll, l) == 16, "ne_ll.l offset");
_Static_assert(offsetof(struct NODE_ne_ll, r) == 24, "ne_ll.r offset");
_Static_assert(sizeof(struct NODE_ne_ll) == 32, "ne_ll size");
struct NODE_ne_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_ne_li, l) == 16, "ne_li.l offset");
_Static_assert(offsetof(struct NODE_ne_li, r) == 24, "ne_li.r offset");
_Static_assert(sizeof(struct NODE_ne_li) == 32, "ne_li size");
struct NODE_ne_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_ne_in, l) == 16, "ne_in.l offset");
_Static_assert(offsetof(struct NODE_ne_in, r) == 24, "ne_in.r offset");
_Static_assert(sizeof(struct NODE_ne_in) == 32, "ne_in size");
struct NODE_ne_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_ne_il, l) == 16, "ne_il.l offset");
_Static_assert(offsetof(struct NODE_ne_il, r) == 24, "ne_il.r offset");
_Static_assert(sizeof(struct NODE_ne_il) == 32, "ne_il size");
struct NODE_ne_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_ne_ii, l) == 16, "ne_ii.l offset");
_Static_assert(offsetof(struct NODE_ne_ii, r) == 24, "ne_ii.r offset");
_Static_assert(sizeof(struct NODE_ne_ii) == 32, "ne_ii size");
struct NODE_cmp_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_cmp_nn, l) == 16, "cmp_nn.l offset");
_Static_assert(offsetof(struct NODE_cmp_nn, r) == 24, "cmp_nn.r offset");
_Static_assert(sizeof(struct NODE_cmp_nn) == 32, "cmp_nn size");
struct NODE_cmp_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_cmp_nl, l) == 16, "cmp_nl.l offset");
_Static_assert(offsetof(struct NODE_cmp_nl, r) == 24, "cmp_nl.r offset");
_Static_assert(sizeof(struct NODE_cmp_nl) == 32, "cmp_nl size");
struct NODE_cmp_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_cmp_ni, l) == 16, "cmp_ni.l offset");
_Static_assert(offsetof(struct NODE_cmp_ni, r) == 24, "cmp_ni.r offset");
_Static_assert(sizeof(struct NODE_cmp_ni) == 32, "cmp_ni size");
struct NODE_cmp_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_cmp_ln, l) == 16, "cmp_ln.l offset");
_Static_assert(offsetof(struct NODE_cmp_ln, r) == 24, "cmp_ln.r offset");
_Static_assert(sizeof(struct NODE_cmp_ln) == 32, "cmp_ln size");
struct NODE_cmp_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_cmp_ll, l) == 16, "cmp_ll.l offset");
_Static_assert(offsetof(struct NODE_cmp_ll, r) == 24, "cmp_ll.r offset");
_Static_assert(sizeof(struct NODE_cmp_ll) == 32, "cmp_ll size");
struct NODE_cmp_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_cmp_li, l) == 16, "cmp_li.l offset");
_Static_assert(offsetof(struct NODE_cmp_li, r) == 24, "cmp_li.r offset");
_Static_assert(sizeof(struct NODE_cmp_li) == 32, "cmp_li size");
struct NODE_cmp_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_cmp_in, l) == 16, "cmp_in.l offset");
_Static_assert(offsetof(struct NODE_cmp_in, r) == 24, "cmp_in.r offset");
_Static_assert(sizeof(struct NODE_cmp_in) == 32, "cmp_in size");
struct NODE_cmp_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_cmp_il, l) == 16, "cmp_il.l offset");
_Static_assert(offsetof(struct NODE_cmp_il, r) == 24, "cmp_il.r offset");
_Static_assert(sizeof(struct NODE_cmp_il) == 32, "cmp_il size");
struct NODE_cmp_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_cmp_ii, l) == 16, "cmp_ii.l offset");
_Static_assert(offsetof(struct NODE_cmp_ii, r) == 24, "cmp_ii.r offset");
_Static_assert(sizeof(struct NODE_cmp_ii) == 32, "cmp_ii size");
struct NODE_modz_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_modz_nn, l) == 16, "modz_nn.l offset");
_Static_assert(offsetof(struct NODE_modz_nn, r) == 24, "modz_nn.r offset");
_Static_assert(sizeof(struct NODE_modz_nn) == 32, "modz_nn size");
struct NODE_modz_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_modz_nl, l) == 16, "modz_nl.l offset");
_Static_assert(offsetof(struct NODE_modz_nl, r) == 24, "modz_nl.r offset");
_Static_assert(sizeof(struct NODE_modz_nl) == 32, "modz_nl size");
struct NODE_modz_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_modz_ni, l) == 16, "modz_ni.l offset");
_Static_assert(offsetof(struct NODE_modz_ni, r) == 24, "modz_ni.r offset");
_Static_assert(sizeof(struct NODE_modz_ni) == 32, "modz_ni size");
struct NODE_modz_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_modz_ln, l) == 16, "modz_ln.l offset");
_Static_assert(offsetof(struct NODE_modz_ln, r) == 24, "modz_ln.r offset");
_Static_assert(sizeof(struct NODE_modz_ln) == 32, "modz_ln size");
struct NODE_modz_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_modz_ll, l) == 16, "modz_ll.l offset");
_Static_assert(offsetof(struct NODE_modz_ll, r) == 24, "modz_ll.r offset");
_Static_assert(sizeof(struct NODE_modz_ll) == 32, "modz_ll size");
struct NODE_modz_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_modz_li, l) == 16, "modz_li.l offset");
_Static_assert(offsetof(struct NODE_modz_li, r) == 24, "modz_li.r offset");
_Static_assert(sizeof(struct NODE_modz_li) == 32, "modz_li size");
struct NODE_modz_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_modz_in, l) == 16, "modz_in.l offset");
_Static_assert(offsetof(struct NODE_modz_in, r) == 24, "modz_in.r offset");
_Static_assert(sizeof(struct NODE_modz_in) == 32, "modz_in size");
struct NODE_modz_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_modz_il, l) == 16, "modz_il.l offset");
_Static_assert(offsetof(struct NODE_modz_il, r) == 24, "modz_il.r offset");
_Static_assert(sizeof(struct NODE_modz_il) == 32, "modz_il size");
struct NODE_modz_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_modz_ii, l) == 16, "modz_ii.l offset");
_Static_assert(offsetof(struct NODE_modz_ii, r) == 24, "modz_ii.r offset");
_Static_assert(sizeof(struct NODE_modz_ii) == 32, "modz_ii size");
struct NODE_sqle_nn {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_sqle_nn, l) == 16, "sqle_nn.l offset");
_Static_assert(offsetof(struct NODE_sqle_nn, r) == 24, "sqle_nn.r offset");
_Static_assert(sizeof(struct NODE_sqle_nn) == 32, "sqle_nn size");
struct NODE_sqle_nl {
    NODE head;
    NODE *l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_sqle_nl, l) == 16, "sqle_nl.l offset");
_Static_assert(offsetof(struct NODE_sqle_nl, r) == 24, "sqle_nl.r offset");
_Static_assert(sizeof(struct NODE_sqle_nl) == 32, "sqle_nl size");
struct NODE_sqle_ni {
    NODE head;
    NODE *l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_sqle_ni, l) == 16, "sqle_ni.l offset");
_Static_assert(offsetof(struct NODE_sqle_ni, r) == 24, "sqle_ni.r offset");
_Static_assert(sizeof(struct NODE_sqle_ni) == 32, "sqle_ni size");
struct NODE_sqle_ln {
    NODE head;
    uint64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_sqle_ln, l) == 16, "sqle_ln.l offset");
_Static_assert(offsetof(struct NODE_sqle_ln, r) == 24, "sqle_ln.r offset");
_Static_assert(sizeof(struct NODE_sqle_ln) == 32, "sqle_ln size");
struct NODE_sqle_ll {
    NODE head;
    uint64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_sqle_ll, l) == 16, "sqle_ll.l offset");
_Static_assert(offsetof(struct NODE_sqle_ll, r) == 24, "sqle_ll.r offset");
_Static_assert(sizeof(struct NODE_sqle_ll) == 32, "sqle_ll size");
struct NODE_sqle_li {
    NODE head;
    uint64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_sqle_li, l) == 16, "sqle_li.l offset");
_Static_assert(offsetof(struct NODE_sqle_li, r) == 24, "sqle_li.r offset");
_Static_assert(sizeof(struct NODE_sqle_li) == 32, "sqle_li size");
struct NODE_sqle_in {
    NODE head;
    int64_t l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_sqle_in, l) == 16, "sqle_in.l offset");
_Static_assert(offsetof(struct NODE_sqle_in, r) == 24, "sqle_in.r offset");
_Static_assert(sizeof(struct NODE_sqle_in) == 32, "sqle_in size");
struct NODE_sqle_il {
    NODE head;
    int64_t l;
    uint64_t r;
};
_Static_assert(offsetof(struct NODE_sqle_il, l) == 16, "sqle_il.l offset");
_Static_assert(offsetof(struct NODE_sqle_il, r) == 24, "sqle_il.r offset");
_Static_assert(sizeof(struct NODE_sqle_il) == 32, "sqle_il size");
struct NODE_sqle_ii {
    NODE head;
    int64_t l;
    int64_t r;
};
_Static_assert(offsetof(struct NODE_sqle_ii, l) == 16, "sqle_ii.l offset");
_Static_assert(offsetof(struct NODE_sqle_ii, r) == 24, "sqle_ii.r offset");
_Static_assert(sizeof(struct NODE_sqle_ii) == 32, "sqle_ii size");
struct NODE_not_n {
    NODE head;
    NODE *v;
};
_Static_assert(offsetof(struct NODE_not_n, v) == 16, "not_n.v offset");
_Static_assert(sizeof(struct NODE_not_n) == 24, "not_n size");
struct NODE_not_l {
    NODE head;
    uint64_t v;
};
_Static_assert(offsetof(struct NODE_not_l, v) == 16, "not_l.v offset");
_Static_assert(sizeof(struct NODE_not_l) == 24, "not_l size");
struct NODE_not_i {
    NODE head;
    int64_t v;
};
_Static_assert(offsetof(struct NODE_not_i, v) == 16, "not_i.v offset");
_Static_assert(sizeof(struct NODE_not_i) == 24, "not_i size");
struct NODE_and {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_and, l) == 16, "and.l offset");
_Static_assert(offsetof(struct NODE_and, r) == 24, "and.r offset");
_Static_assert(sizeof(struct NODE_and) == 32, "and size");
struct NODE_or {
    NODE head;
    NODE *l;
    NODE *r;
};
_Static_assert(offsetof(struct NODE_or, l) == 16, "or.l offset");
_Static_assert(offsetof(struct NODE_or, r) == 24, "or.r offset");
_Static_assert(sizeof(struct NODE_or) == 32, "or size");
struct NODE_seq {
    NODE head;
    NODE *first;
    NODE *rest;
};
_Static_assert(offsetof(struct NODE_seq, first) == 16, "seq.first offset");
_Static_assert(offsetof(struct NODE_seq, rest) == 24, "seq.rest offset");
_Static_assert(sizeof(struct NODE_seq) == 32, "seq size");
struct NODE_if {
    NODE head;
    NODE *cond;
    NODE *yes;
    NODE *no;
};
_Static_assert(offsetof(struct NODE_if, cond) == 16, "if.cond offset");
_Static_assert(offsetof(struct NODE_if, yes) == 24, "if.yes offset");
_Static_assert(offsetof(struct NODE_if, no) == 32, "if.no offset");
_Static_assert(sizeof(struct NODE_if) == 40, "if size");
struct NODE_when {
    NODE head;
    NODE *cond;
    NODE *yes;
};
_Static_assert(offsetof(struct NODE_when, cond) == 16, "when.cond offset");
_Static_assert(offsetof(struct NODE_when, yes) == 24, "when.yes offset");
_Static_assert(sizeof(struct NODE_when) == 32, "when size");
struct NODE_while {
    NODE head;
    NODE *cond;
    NODE *body;
};
_Static_assert(offsetof(struct NODE_while, cond) == 16, "while.cond offset");
_Static_assert(offsetof(struct NODE_while, body) == 24, "while.body offset");
_Static_assert(sizeof(struct NODE_while) == 32, "while size");
struct NODE_until {
    NODE head;
    NODE *cond;
    NODE *body;
};
_Static_assert(offsetof(struct NODE_until, cond) == 16, "until.cond offset");
_Static_assert(offsetof(struct NODE_until, body) == 24, "until.body offset");
_Static_assert(sizeof(struct NODE_until) == 32, "until size");
struct NODE_break {
    NODE head;
    NODE *v;
};
_Static_assert(offsetof(struct NODE_break, v) == 16, "break.v offset");
_Static_assert(sizeof(struct NODE_break) == 24, "break size");
struct NODE_next {
    NODE head;
    NODE *v;
};
_Static_assert(offsetof(struct NODE_next, v) == 16, "next.v offset");
_Static_assert(sizeof(struct NODE_next) == 24, "next size");
struct NODE_return {
    NODE head;
    NODE *v;
};
_Static_assert(offsetof(struct NODE_return, v) == 16, "return.v offset");
_Static_assert(sizeof(struct NODE_return) == 24, "return size");
struct NODE_catch_return {
    NODE head;
    NODE *body;
};
_Static_assert(offsetof(struct NODE_catch_return, body) == 16, "catch_return.body offset");
_Static_assert(sizeof(struct NODE_catch_return) == 24, "catch_return size");
struct NODE_def {
    NODE head;
    uint64_t name;
    uint64_t nparams;
    uint64_t nlocals;
    uint64_t nslots;
    int64_t ident0;
    int64_t ident1;
    NODE *body;
    Func func;
};
_Static_assert(offsetof(struct NODE_def, name) == 16, "def.name offset");
_Static_assert(offsetof(struct NODE_def, nparams) == 24, "def.nparams offset");
_Static_assert(offsetof(struct NODE_def, nlocals) == 32, "def.nlocals offset");
_Static_assert(offsetof(struct NODE_def, nslots) == 40, "def.nslots offset");
_Static_assert(offsetof(struct NODE_def, ident0) == 48, "def.ident0 offset");
_Static_assert(offsetof(struct NODE_def, ident1) == 56, "def.ident1 offset");
_Static_assert(offsetof(struct NODE_def, body) == 64, "def.body offset");
_Static_assert(offsetof(struct NODE_def, func) == 72, "def.func offset");
_Static_assert(sizeof(struct NODE_def) == 120, "def size");
struct NODE_call {
    NODE head;
    uint64_t name;
    uint64_t argc;
    uint64_t argbase;
    NODE *args;
    CallCache ic;
};
_Static_assert(offsetof(struct NODE_call, name) == 16, "call.name offset");
_Static_assert(offsetof(struct NODE_call, argc) == 24, "call.argc offset");
_Static_assert(offsetof(struct NODE_call, argbase) == 32, "call.argbase offset");
_Static_assert(offsetof(struct NODE_call, args) == 40, "call.args offset");
_Static_assert(offsetof(struct NODE_call, ic) == 48, "call.ic offset");
_Static_assert(sizeof(struct NODE_call) == 96, "call size");
struct NODE_call0 {
    NODE head;
    uint64_t name;
    uint64_t argbase;
    CallCache ic;
};
_Static_assert(offsetof(struct NODE_call0, name) == 16, "call0.name offset");
_Static_assert(offsetof(struct NODE_call0, argbase) == 24, "call0.argbase offset");
_Static_assert(offsetof(struct NODE_call0, ic) == 32, "call0.ic offset");
_Static_assert(sizeof(struct NODE_call0) == 80, "call0 size");
struct NODE_vcall {
    NODE head;
    uint64_t name;
    uint64_t argbase;
    CallCache ic;
};
_Static_assert(offsetof(struct NODE_vcall, name) == 16, "vcall.name offset");
_Static_assert(offsetof(struct NODE_vcall, argbase) == 24, "vcall.argbase offset");
_Static_assert(offsetof(struct NODE_vcall, ic) == 32, "vcall.ic offset");
_Static_assert(sizeof(struct NODE_vcall) == 80, "vcall size");

/* Evaluators: node.def bodies, verbatim. Interpreter dispatchers and
   specialized dispatchers both call these; they are never rewritten. */

/* lit */
static inline RESULT EVAL_lit(NODE *n, VALUE *fp, int64_t value)
{
    (void)n; (void)fp;
#line 59 "/work/main/runtime/../node.def"
    RETURN(value);
#line 1958 "nodes.h"
}

/* lget */
static inline RESULT EVAL_lget(NODE *n, VALUE *fp, uint32_t slot)
{
    (void)n; (void)fp;
#line 63 "/work/main/runtime/../node.def"
    RETURN(fp[slot]);
#line 1967 "nodes.h"
}

/* lset_n */
#define VAL_v EVAL(v)
static inline RESULT EVAL_lset_n(NODE *n, VALUE *fp, uint32_t slot, NODE *v, DISPATCHER v_d)
{
    (void)n; (void)fp;
#line 67 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    fp[slot] = x;
    RETURN(x);
#line 1979 "nodes.h"
}
#undef VAL_v

/* lset_l */
#define VAL_v (fp[v])
static inline RESULT EVAL_lset_l(NODE *n, VALUE *fp, uint32_t slot, uint32_t v)
{
    (void)n; (void)fp;
#line 67 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    fp[slot] = x;
    RETURN(x);
#line 1992 "nodes.h"
}
#undef VAL_v

/* lset_i */
#define VAL_v ((VALUE)(v))
static inline RESULT EVAL_lset_i(NODE *n, VALUE *fp, uint32_t slot, int64_t v)
{
    (void)n; (void)fp;
#line 67 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    fp[slot] = x;
    RETURN(x);
#line 2005 "nodes.h"
}
#undef VAL_v

/* ladd_n */
#define VAL_v EVAL(v)
static inline RESULT EVAL_ladd_n(NODE *n, VALUE *fp, uint32_t slot, NODE *v, DISPATCHER v_d)
{
    (void)n; (void)fp;
#line 74 "/work/main/runtime/../node.def"
    VALUE x = fp[slot];
    VALUE y = VAL(v);
    fp[slot] = nr_add(n, x, y);
    RETURN(fp[slot]);
#line 2019 "nodes.h"
}
#undef VAL_v

/* ladd_l */
#define VAL_v (fp[v])
static inline RESULT EVAL_ladd_l(NODE *n, VALUE *fp, uint32_t slot, uint32_t v)
{
    (void)n; (void)fp;
#line 74 "/work/main/runtime/../node.def"
    VALUE x = fp[slot];
    VALUE y = VAL(v);
    fp[slot] = nr_add(n, x, y);
    RETURN(fp[slot]);
#line 2033 "nodes.h"
}
#undef VAL_v

/* ladd_i */
#define VAL_v ((VALUE)(v))
static inline RESULT EVAL_ladd_i(NODE *n, VALUE *fp, uint32_t slot, int64_t v)
{
    (void)n; (void)fp;
#line 74 "/work/main/runtime/../node.def"
    VALUE x = fp[slot];
    VALUE y = VAL(v);
    fp[slot] = nr_add(n, x, y);
    RETURN(fp[slot]);
#line 2047 "nodes.h"
}
#undef VAL_v

/* lsub_n */
#define VAL_v EVAL(v)
static inline RESULT EVAL_lsub_n(NODE *n, VALUE *fp, uint32_t slot, NODE *v, DISPATCHER v_d)
{
    (void)n; (void)fp;
#line 81 "/work/main/runtime/../node.def"
    VALUE x = fp[slot];
    VALUE y = VAL(v);
    fp[slot] = nr_sub(n, x, y);
    RETURN(fp[slot]);
#line 2061 "nodes.h"
}
#undef VAL_v

/* lsub_l */
#define VAL_v (fp[v])
static inline RESULT EVAL_lsub_l(NODE *n, VALUE *fp, uint32_t slot, uint32_t v)
{
    (void)n; (void)fp;
#line 81 "/work/main/runtime/../node.def"
    VALUE x = fp[slot];
    VALUE y = VAL(v);
    fp[slot] = nr_sub(n, x, y);
    RETURN(fp[slot]);
#line 2075 "nodes.h"
}
#undef VAL_v

/* lsub_i */
#define VAL_v ((VALUE)(v))
static inline RESULT EVAL_lsub_i(NODE *n, VALUE *fp, uint32_t slot, int64_t v)
{
    (void)n; (void)fp;
#line 81 "/work/main/runtime/../node.def"
    VALUE x = fp[slot];
    VALUE y = VAL(v);
    fp[slot] = nr_sub(n, x, y);
    RETURN(fp[slot]);
#line 2089 "nodes.h"
}
#undef VAL_v

/* add_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_add_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 90 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_add(n, x, y));
#line 2103 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* add_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_add_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 90 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_add(n, x, y));
#line 2118 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* add_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_add_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 90 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_add(n, x, y));
#line 2133 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* add_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_add_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 90 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_add(n, x, y));
#line 2148 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* add_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_add_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 90 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_add(n, x, y));
#line 2163 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* add_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_add_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 90 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_add(n, x, y));
#line 2178 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* add_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_add_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 90 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_add(n, x, y));
#line 2193 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* add_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_add_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 90 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_add(n, x, y));
#line 2208 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* add_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_add_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 90 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_add(n, x, y));
#line 2223 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sub_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_sub_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 96 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_sub(n, x, y));
#line 2238 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sub_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_sub_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 96 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_sub(n, x, y));
#line 2253 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sub_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_sub_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 96 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_sub(n, x, y));
#line 2268 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sub_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_sub_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 96 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_sub(n, x, y));
#line 2283 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sub_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_sub_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 96 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_sub(n, x, y));
#line 2298 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sub_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_sub_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 96 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_sub(n, x, y));
#line 2313 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sub_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_sub_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 96 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_sub(n, x, y));
#line 2328 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sub_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_sub_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 96 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_sub(n, x, y));
#line 2343 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sub_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_sub_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 96 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_sub(n, x, y));
#line 2358 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mul_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_mul_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 102 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, y));
#line 2373 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mul_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_mul_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 102 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, y));
#line 2388 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mul_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_mul_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 102 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, y));
#line 2403 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mul_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_mul_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 102 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, y));
#line 2418 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mul_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_mul_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 102 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, y));
#line 2433 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mul_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_mul_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 102 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, y));
#line 2448 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mul_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_mul_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 102 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, y));
#line 2463 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mul_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_mul_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 102 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, y));
#line 2478 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mul_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_mul_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 102 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, y));
#line 2493 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* div_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_div_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 108 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_div(n, x, y));
#line 2508 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* div_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_div_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 108 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_div(n, x, y));
#line 2523 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* div_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_div_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 108 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_div(n, x, y));
#line 2538 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* div_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_div_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 108 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_div(n, x, y));
#line 2553 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* div_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_div_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 108 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_div(n, x, y));
#line 2568 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* div_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_div_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 108 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_div(n, x, y));
#line 2583 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* div_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_div_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 108 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_div(n, x, y));
#line 2598 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* div_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_div_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 108 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_div(n, x, y));
#line 2613 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* div_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_div_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 108 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_div(n, x, y));
#line 2628 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mod_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_mod_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 114 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y));
#line 2643 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mod_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_mod_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 114 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y));
#line 2658 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mod_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_mod_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 114 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y));
#line 2673 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mod_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_mod_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 114 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y));
#line 2688 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mod_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_mod_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 114 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y));
#line 2703 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mod_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_mod_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 114 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y));
#line 2718 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mod_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_mod_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 114 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y));
#line 2733 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mod_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_mod_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 114 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y));
#line 2748 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* mod_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_mod_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 114 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y));
#line 2763 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* pow_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_pow_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 120 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_pow(n, x, y));
#line 2778 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* pow_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_pow_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 120 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_pow(n, x, y));
#line 2793 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* pow_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_pow_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 120 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_pow(n, x, y));
#line 2808 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* pow_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_pow_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 120 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_pow(n, x, y));
#line 2823 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* pow_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_pow_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 120 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_pow(n, x, y));
#line 2838 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* pow_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_pow_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 120 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_pow(n, x, y));
#line 2853 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* pow_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_pow_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 120 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_pow(n, x, y));
#line 2868 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* pow_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_pow_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 120 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_pow(n, x, y));
#line 2883 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* pow_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_pow_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 120 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_pow(n, x, y));
#line 2898 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shl_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_shl_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 126 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shl(n, x, y));
#line 2913 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shl_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_shl_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 126 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shl(n, x, y));
#line 2928 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shl_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_shl_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 126 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shl(n, x, y));
#line 2943 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shl_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_shl_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 126 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shl(n, x, y));
#line 2958 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shl_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_shl_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 126 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shl(n, x, y));
#line 2973 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shl_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_shl_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 126 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shl(n, x, y));
#line 2988 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shl_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_shl_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 126 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shl(n, x, y));
#line 3003 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shl_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_shl_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 126 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shl(n, x, y));
#line 3018 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shl_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_shl_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 126 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shl(n, x, y));
#line 3033 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shr_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_shr_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 132 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shr(n, x, y));
#line 3048 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shr_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_shr_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 132 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shr(n, x, y));
#line 3063 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shr_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_shr_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 132 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shr(n, x, y));
#line 3078 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shr_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_shr_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 132 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shr(n, x, y));
#line 3093 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shr_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_shr_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 132 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shr(n, x, y));
#line 3108 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shr_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_shr_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 132 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shr(n, x, y));
#line 3123 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shr_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_shr_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 132 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shr(n, x, y));
#line 3138 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shr_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_shr_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 132 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shr(n, x, y));
#line 3153 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* shr_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_shr_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 132 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_shr(n, x, y));
#line 3168 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* band_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_band_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 138 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x & y);
#line 3183 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* band_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_band_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 138 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x & y);
#line 3198 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* band_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_band_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 138 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x & y);
#line 3213 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* band_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_band_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 138 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x & y);
#line 3228 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* band_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_band_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 138 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x & y);
#line 3243 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* band_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_band_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 138 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x & y);
#line 3258 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* band_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_band_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 138 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x & y);
#line 3273 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* band_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_band_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 138 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x & y);
#line 3288 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* band_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_band_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 138 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x & y);
#line 3303 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bor_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_bor_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 144 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x | y);
#line 3318 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bor_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_bor_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 144 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x | y);
#line 3333 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bor_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_bor_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 144 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x | y);
#line 3348 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bor_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_bor_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 144 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x | y);
#line 3363 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bor_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_bor_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 144 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x | y);
#line 3378 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bor_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_bor_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 144 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x | y);
#line 3393 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bor_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_bor_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 144 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x | y);
#line 3408 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bor_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_bor_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 144 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x | y);
#line 3423 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bor_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_bor_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 144 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x | y);
#line 3438 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bxor_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_bxor_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 150 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x ^ y);
#line 3453 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bxor_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_bxor_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 150 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x ^ y);
#line 3468 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bxor_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_bxor_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 150 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x ^ y);
#line 3483 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bxor_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_bxor_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 150 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x ^ y);
#line 3498 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bxor_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_bxor_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 150 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x ^ y);
#line 3513 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bxor_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_bxor_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 150 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x ^ y);
#line 3528 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bxor_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_bxor_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 150 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x ^ y);
#line 3543 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bxor_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_bxor_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 150 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x ^ y);
#line 3558 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* bxor_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_bxor_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 150 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x ^ y);
#line 3573 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* neg_n */
#define VAL_v EVAL(v)
static inline RESULT EVAL_neg_n(NODE *n, VALUE *fp, NODE *v, DISPATCHER v_d)
{
    (void)n; (void)fp;
#line 156 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    RETURN(nr_sub(n, 0, x));
#line 3586 "nodes.h"
}
#undef VAL_v

/* neg_l */
#define VAL_v (fp[v])
static inline RESULT EVAL_neg_l(NODE *n, VALUE *fp, uint32_t v)
{
    (void)n; (void)fp;
#line 156 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    RETURN(nr_sub(n, 0, x));
#line 3598 "nodes.h"
}
#undef VAL_v

/* neg_i */
#define VAL_v ((VALUE)(v))
static inline RESULT EVAL_neg_i(NODE *n, VALUE *fp, int64_t v)
{
    (void)n; (void)fp;
#line 156 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    RETURN(nr_sub(n, 0, x));
#line 3610 "nodes.h"
}
#undef VAL_v

/* bnot_n */
#define VAL_v EVAL(v)
static inline RESULT EVAL_bnot_n(NODE *n, VALUE *fp, NODE *v, DISPATCHER v_d)
{
    (void)n; (void)fp;
#line 161 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    RETURN(~x);
#line 3622 "nodes.h"
}
#undef VAL_v

/* bnot_l */
#define VAL_v (fp[v])
static inline RESULT EVAL_bnot_l(NODE *n, VALUE *fp, uint32_t v)
{
    (void)n; (void)fp;
#line 161 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    RETURN(~x);
#line 3634 "nodes.h"
}
#undef VAL_v

/* bnot_i */
#define VAL_v ((VALUE)(v))
static inline RESULT EVAL_bnot_i(NODE *n, VALUE *fp, int64_t v)
{
    (void)n; (void)fp;
#line 161 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    RETURN(~x);
#line 3646 "nodes.h"
}
#undef VAL_v

/* lt_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_lt_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 168 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x < y);
#line 3660 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* lt_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_lt_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 168 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x < y);
#line 3675 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* lt_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_lt_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 168 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x < y);
#line 3690 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* lt_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_lt_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 168 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x < y);
#line 3705 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* lt_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_lt_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 168 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x < y);
#line 3720 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* lt_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_lt_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 168 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x < y);
#line 3735 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* lt_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_lt_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 168 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x < y);
#line 3750 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* lt_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_lt_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 168 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x < y);
#line 3765 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* lt_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_lt_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 168 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x < y);
#line 3780 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* le_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_le_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 174 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x <= y);
#line 3795 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* le_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_le_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 174 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x <= y);
#line 3810 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* le_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_le_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 174 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x <= y);
#line 3825 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* le_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_le_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 174 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x <= y);
#line 3840 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* le_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_le_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 174 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x <= y);
#line 3855 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* le_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_le_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 174 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x <= y);
#line 3870 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* le_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_le_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 174 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x <= y);
#line 3885 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* le_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_le_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 174 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x <= y);
#line 3900 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* le_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_le_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 174 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x <= y);
#line 3915 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* gt_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_gt_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 180 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x > y);
#line 3930 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* gt_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_gt_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 180 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x > y);
#line 3945 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* gt_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_gt_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 180 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x > y);
#line 3960 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* gt_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_gt_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 180 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x > y);
#line 3975 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* gt_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_gt_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 180 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x > y);
#line 3990 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* gt_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_gt_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 180 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x > y);
#line 4005 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* gt_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_gt_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 180 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x > y);
#line 4020 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* gt_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_gt_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 180 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x > y);
#line 4035 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* gt_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_gt_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 180 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x > y);
#line 4050 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ge_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_ge_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 186 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x >= y);
#line 4065 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ge_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_ge_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 186 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x >= y);
#line 4080 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ge_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_ge_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 186 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x >= y);
#line 4095 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ge_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_ge_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 186 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x >= y);
#line 4110 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ge_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_ge_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 186 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x >= y);
#line 4125 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ge_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_ge_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 186 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x >= y);
#line 4140 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ge_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_ge_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 186 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x >= y);
#line 4155 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ge_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_ge_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 186 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x >= y);
#line 4170 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ge_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_ge_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 186 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x >= y);
#line 4185 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* eq_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_eq_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 192 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x == y);
#line 4200 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* eq_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_eq_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 192 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x == y);
#line 4215 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* eq_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_eq_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 192 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x == y);
#line 4230 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* eq_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_eq_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 192 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x == y);
#line 4245 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* eq_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_eq_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 192 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x == y);
#line 4260 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* eq_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_eq_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 192 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x == y);
#line 4275 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* eq_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_eq_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 192 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x == y);
#line 4290 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* eq_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_eq_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 192 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x == y);
#line 4305 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* eq_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_eq_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 192 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x == y);
#line 4320 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ne_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_ne_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 198 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x != y);
#line 4335 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ne_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_ne_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 198 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x != y);
#line 4350 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ne_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_ne_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 198 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x != y);
#line 4365 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ne_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_ne_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 198 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x != y);
#line 4380 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ne_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_ne_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 198 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x != y);
#line 4395 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ne_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_ne_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 198 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x != y);
#line 4410 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ne_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_ne_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 198 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x != y);
#line 4425 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ne_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_ne_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 198 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x != y);
#line 4440 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* ne_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_ne_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 198 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(x != y);
#line 4455 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* cmp_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_cmp_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 204 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN((x > y) - (x < y));
#line 4470 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* cmp_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_cmp_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 204 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN((x > y) - (x < y));
#line 4485 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* cmp_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_cmp_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 204 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN((x > y) - (x < y));
#line 4500 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* cmp_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_cmp_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 204 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN((x > y) - (x < y));
#line 4515 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* cmp_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_cmp_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 204 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN((x > y) - (x < y));
#line 4530 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* cmp_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_cmp_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 204 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN((x > y) - (x < y));
#line 4545 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* cmp_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_cmp_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 204 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN((x > y) - (x < y));
#line 4560 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* cmp_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_cmp_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 204 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN((x > y) - (x < y));
#line 4575 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* cmp_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_cmp_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 204 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN((x > y) - (x < y));
#line 4590 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* modz_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_modz_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 212 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y) == 0);
#line 4605 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* modz_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_modz_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 212 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y) == 0);
#line 4620 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* modz_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_modz_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 212 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y) == 0);
#line 4635 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* modz_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_modz_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 212 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y) == 0);
#line 4650 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* modz_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_modz_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 212 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y) == 0);
#line 4665 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* modz_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_modz_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 212 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y) == 0);
#line 4680 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* modz_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_modz_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 212 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y) == 0);
#line 4695 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* modz_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_modz_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 212 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y) == 0);
#line 4710 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* modz_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_modz_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 212 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mod(n, x, y) == 0);
#line 4725 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sqle_nn */
#define VAL_l EVAL(l)
#define VAL_r EVAL(r)
static inline RESULT EVAL_sqle_nn(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 218 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, x) <= y);
#line 4740 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sqle_nl */
#define VAL_l EVAL(l)
#define VAL_r (fp[r])
static inline RESULT EVAL_sqle_nl(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, uint32_t r)
{
    (void)n; (void)fp;
#line 218 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, x) <= y);
#line 4755 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sqle_ni */
#define VAL_l EVAL(l)
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_sqle_ni(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, int64_t r)
{
    (void)n; (void)fp;
#line 218 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, x) <= y);
#line 4770 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sqle_ln */
#define VAL_l (fp[l])
#define VAL_r EVAL(r)
static inline RESULT EVAL_sqle_ln(NODE *n, VALUE *fp, uint32_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 218 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, x) <= y);
#line 4785 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sqle_ll */
#define VAL_l (fp[l])
#define VAL_r (fp[r])
static inline RESULT EVAL_sqle_ll(NODE *n, VALUE *fp, uint32_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 218 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, x) <= y);
#line 4800 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sqle_li */
#define VAL_l (fp[l])
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_sqle_li(NODE *n, VALUE *fp, uint32_t l, int64_t r)
{
    (void)n; (void)fp;
#line 218 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, x) <= y);
#line 4815 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sqle_in */
#define VAL_l ((VALUE)(l))
#define VAL_r EVAL(r)
static inline RESULT EVAL_sqle_in(NODE *n, VALUE *fp, int64_t l, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 218 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, x) <= y);
#line 4830 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sqle_il */
#define VAL_l ((VALUE)(l))
#define VAL_r (fp[r])
static inline RESULT EVAL_sqle_il(NODE *n, VALUE *fp, int64_t l, uint32_t r)
{
    (void)n; (void)fp;
#line 218 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, x) <= y);
#line 4845 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* sqle_ii */
#define VAL_l ((VALUE)(l))
#define VAL_r ((VALUE)(r))
static inline RESULT EVAL_sqle_ii(NODE *n, VALUE *fp, int64_t l, int64_t r)
{
    (void)n; (void)fp;
#line 218 "/work/main/runtime/../node.def"
    VALUE x = VAL(l);
    VALUE y = VAL(r);
    RETURN(nr_mul(n, x, x) <= y);
#line 4860 "nodes.h"
}
#undef VAL_l
#undef VAL_r

/* not_n */
#define VAL_v EVAL(v)
static inline RESULT EVAL_not_n(NODE *n, VALUE *fp, NODE *v, DISPATCHER v_d)
{
    (void)n; (void)fp;
#line 224 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    RETURN(x == 0);
#line 4873 "nodes.h"
}
#undef VAL_v

/* not_l */
#define VAL_v (fp[v])
static inline RESULT EVAL_not_l(NODE *n, VALUE *fp, uint32_t v)
{
    (void)n; (void)fp;
#line 224 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    RETURN(x == 0);
#line 4885 "nodes.h"
}
#undef VAL_v

/* not_i */
#define VAL_v ((VALUE)(v))
static inline RESULT EVAL_not_i(NODE *n, VALUE *fp, int64_t v)
{
    (void)n; (void)fp;
#line 224 "/work/main/runtime/../node.def"
    VALUE x = VAL(v);
    RETURN(x == 0);
#line 4897 "nodes.h"
}
#undef VAL_v

/* and */
static inline RESULT EVAL_and(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 229 "/work/main/runtime/../node.def"
    if (!EVAL(l)) RETURN(0);
    RETURN(EVAL(r) != 0);
#line 4908 "nodes.h"
}

/* or */
static inline RESULT EVAL_or(NODE *n, VALUE *fp, NODE *l, DISPATCHER l_d, NODE *r, DISPATCHER r_d)
{
    (void)n; (void)fp;
#line 234 "/work/main/runtime/../node.def"
    if (EVAL(l)) RETURN(1);
    RETURN(EVAL(r) != 0);
#line 4918 "nodes.h"
}

/* seq */
static inline RESULT EVAL_seq(NODE *n, VALUE *fp, NODE *first, DISPATCHER first_d, NODE *rest, DISPATCHER rest_d)
{
    (void)n; (void)fp;
#line 241 "/work/main/runtime/../node.def"
    EVAL(first);
    PROPAGATE(EVAL_RAW(rest));
#line 4928 "nodes.h"
}

/* if */
static inline RESULT EVAL_if(NODE *n, VALUE *fp, NODE *cond, DISPATCHER cond_d, NODE *yes, DISPATCHER yes_d, NODE *no, DISPATCHER no_d)
{
    (void)n; (void)fp;
#line 246 "/work/main/runtime/../node.def"
    if (EVAL(cond)) PROPAGATE(EVAL_RAW(yes));
    PROPAGATE(EVAL_RAW(no));
#line 4938 "nodes.h"
}

/* when */
static inline RESULT EVAL_when(NODE *n, VALUE *fp, NODE *cond, DISPATCHER cond_d, NODE *yes, DISPATCHER yes_d)
{
    (void)n; (void)fp;
#line 252 "/work/main/runtime/../node.def"
    if (EVAL(cond)) PROPAGATE(EVAL_RAW(yes));
    RETURN(0);
#line 4948 "nodes.h"
}

/* while */
static inline RESULT EVAL_while(NODE *n, VALUE *fp, NODE *cond, DISPATCHER cond_d, NODE *body, DISPATCHER body_d)
{
    (void)n; (void)fp;
#line 258 "/work/main/runtime/../node.def"
    while (EVAL(cond)) {
        RESULT r = EVAL_RAW(body);
        if (UNLIKELY(r.state != ST_NORMAL)) {
            if (r.state == ST_BREAK) RETURN(r.value);
            if (r.state != ST_NEXT) PROPAGATE(r);
        }
    }
    RETURN(0);
#line 4964 "nodes.h"
}

/* until */
static inline RESULT EVAL_until(NODE *n, VALUE *fp, NODE *cond, DISPATCHER cond_d, NODE *body, DISPATCHER body_d)
{
    (void)n; (void)fp;
#line 269 "/work/main/runtime/../node.def"
    while (!EVAL(cond)) {
        RESULT r = EVAL_RAW(body);
        if (UNLIKELY(r.state != ST_NORMAL)) {
            if (r.state == ST_BREAK) RETURN(r.value);
            if (r.state != ST_NEXT) PROPAGATE(r);
        }
    }
    RETURN(0);
#line 4980 "nodes.h"
}

/* break */
static inline RESULT EVAL_break(NODE *n, VALUE *fp, NODE *v, DISPATCHER v_d)
{
    (void)n; (void)fp;
#line 280 "/work/main/runtime/../node.def"
    COMPLETE(ST_BREAK, EVAL(v));
#line 4989 "nodes.h"
}

/* next */
static inline RESULT EVAL_next(NODE *n, VALUE *fp, NODE *v, DISPATCHER v_d)
{
    (void)n; (void)fp;
#line 284 "/work/main/runtime/../node.def"
    COMPLETE(ST_NEXT, EVAL(v));
#line 4998 "nodes.h"
}

/* return */
static inline RESULT EVAL_return(NODE *n, VALUE *fp, NODE *v, DISPATCHER v_d)
{
    (void)n; (void)fp;
#line 288 "/work/main/runtime/../node.def"
    COMPLETE(ST_RETURN, EVAL(v));
#line 5007 "nodes.h"
}

/* catch_return */
static inline RESULT EVAL_catch_return(NODE *n, VALUE *fp, NODE *body, DISPATCHER body_d)
{
    (void)n; (void)fp;
#line 295 "/work/main/runtime/../node.def"
    RESULT r = EVAL_RAW(body);
    RETURN(r.value);
#line 5017 "nodes.h"
}

/* def */
static inline RESULT EVAL_def(NODE *n, VALUE *fp, ID name, uint32_t nparams, uint32_t nlocals, uint32_t nslots, int64_t ident0, int64_t ident1, NODE *body, Func *func)
{
    (void)n; (void)fp;
#line 307 "/work/main/runtime/../node.def"
    nr_define(n, func, name, body, nparams, nlocals, nslots, ident0, ident1);
    RETURN(0);
#line 5027 "nodes.h"
}

/* call */
static inline RESULT EVAL_call(NODE *n, VALUE *fp, ID name, uint32_t argc, uint32_t argbase, NODE *args, DISPATCHER args_d, CallCache *ic, const nr_target *callee, DISPATCHER callee_entry)
{
    (void)n; (void)fp;
#line 315 "/work/main/runtime/../node.def"
    EVAL(args);
    PROPAGATE(nr_invoke(n, ic, name, argc, fp + argbase, 0, callee, callee_entry));
#line 5037 "nodes.h"
}

/* call0 */
static inline RESULT EVAL_call0(NODE *n, VALUE *fp, ID name, uint32_t argbase, CallCache *ic, const nr_target *callee, DISPATCHER callee_entry)
{
    (void)n; (void)fp;
#line 321 "/work/main/runtime/../node.def"
    PROPAGATE(nr_invoke(n, ic, name, 0, fp + argbase, 0, callee, callee_entry));
#line 5046 "nodes.h"
}

/* vcall */
static inline RESULT EVAL_vcall(NODE *n, VALUE *fp, ID name, uint32_t argbase, CallCache *ic, const nr_target *callee, DISPATCHER callee_entry)
{
    (void)n; (void)fp;
#line 326 "/work/main/runtime/../node.def"
    PROPAGATE(nr_invoke(n, ic, name, 0, fp + argbase, 1, callee, callee_entry));
#line 5055 "nodes.h"
}

/* Baseline dispatchers (the interpreter), in nodes.c. */
RESULT DISPATCH_lit(NODE *n, VALUE *fp);
RESULT DISPATCH_lget(NODE *n, VALUE *fp);
RESULT DISPATCH_lset_n(NODE *n, VALUE *fp);
RESULT DISPATCH_lset_l(NODE *n, VALUE *fp);
RESULT DISPATCH_lset_i(NODE *n, VALUE *fp);
RESULT DISPATCH_ladd_n(NODE *n, VALUE *fp);
RESULT DISPATCH_ladd_l(NODE *n, VALUE *fp);
RESULT DISPATCH_ladd_i(NODE *n, VALUE *fp);
RESULT DISPATCH_lsub_n(NODE *n, VALUE *fp);
RESULT DISPATCH_lsub_l(NODE *n, VALUE *fp);
RESULT DISPATCH_lsub_i(NODE *n, VALUE *fp);
RESULT DISPATCH_add_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_add_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_add_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_add_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_add_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_add_li(NODE *n, VALUE *fp);
RESULT DISPATCH_add_in(NODE *n, VALUE *fp);
RESULT DISPATCH_add_il(NODE *n, VALUE *fp);
RESULT DISPATCH_add_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_sub_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_sub_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_sub_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_sub_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_sub_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_sub_li(NODE *n, VALUE *fp);
RESULT DISPATCH_sub_in(NODE *n, VALUE *fp);
RESULT DISPATCH_sub_il(NODE *n, VALUE *fp);
RESULT DISPATCH_sub_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_mul_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_mul_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_mul_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_mul_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_mul_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_mul_li(NODE *n, VALUE *fp);
RESULT DISPATCH_mul_in(NODE *n, VALUE *fp);
RESULT DISPATCH_mul_il(NODE *n, VALUE *fp);
RESULT DISPATCH_mul_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_div_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_div_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_div_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_div_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_div_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_div_li(NODE *n, VALUE *fp);
RESULT DISPATCH_div_in(NODE *n, VALUE *fp);
RESULT DISPATCH_div_il(NODE *n, VALUE *fp);
RESULT DISPATCH_div_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_mod_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_mod_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_mod_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_mod_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_mod_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_mod_li(NODE *n, VALUE *fp);
RESULT DISPATCH_mod_in(NODE *n, VALUE *fp);
RESULT DISPATCH_mod_il(NODE *n, VALUE *fp);
RESULT DISPATCH_mod_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_pow_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_pow_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_pow_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_pow_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_pow_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_pow_li(NODE *n, VALUE *fp);
RESULT DISPATCH_pow_in(NODE *n, VALUE *fp);
RESULT DISPATCH_pow_il(NODE *n, VALUE *fp);
RESULT DISPATCH_pow_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_shl_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_shl_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_shl_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_shl_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_shl_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_shl_li(NODE *n, VALUE *fp);
RESULT DISPATCH_shl_in(NODE *n, VALUE *fp);
RESULT DISPATCH_shl_il(NODE *n, VALUE *fp);
RESULT DISPATCH_shl_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_shr_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_shr_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_shr_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_shr_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_shr_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_shr_li(NODE *n, VALUE *fp);
RESULT DISPATCH_shr_in(NODE *n, VALUE *fp);
RESULT DISPATCH_shr_il(NODE *n, VALUE *fp);
RESULT DISPATCH_shr_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_band_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_band_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_band_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_band_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_band_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_band_li(NODE *n, VALUE *fp);
RESULT DISPATCH_band_in(NODE *n, VALUE *fp);
RESULT DISPATCH_band_il(NODE *n, VALUE *fp);
RESULT DISPATCH_band_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_bor_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_bor_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_bor_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_bor_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_bor_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_bor_li(NODE *n, VALUE *fp);
RESULT DISPATCH_bor_in(NODE *n, VALUE *fp);
RESULT DISPATCH_bor_il(NODE *n, VALUE *fp);
RESULT DISPATCH_bor_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_bxor_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_bxor_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_bxor_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_bxor_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_bxor_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_bxor_li(NODE *n, VALUE *fp);
RESULT DISPATCH_bxor_in(NODE *n, VALUE *fp);
RESULT DISPATCH_bxor_il(NODE *n, VALUE *fp);
RESULT DISPATCH_bxor_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_neg_n(NODE *n, VALUE *fp);
RESULT DISPATCH_neg_l(NODE *n, VALUE *fp);
RESULT DISPATCH_neg_i(NODE *n, VALUE *fp);
RESULT DISPATCH_bnot_n(NODE *n, VALUE *fp);
RESULT DISPATCH_bnot_l(NODE *n, VALUE *fp);
RESULT DISPATCH_bnot_i(NODE *n, VALUE *fp);
RESULT DISPATCH_lt_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_lt_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_lt_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_lt_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_lt_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_lt_li(NODE *n, VALUE *fp);
RESULT DISPATCH_lt_in(NODE *n, VALUE *fp);
RESULT DISPATCH_lt_il(NODE *n, VALUE *fp);
RESULT DISPATCH_lt_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_le_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_le_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_le_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_le_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_le_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_le_li(NODE *n, VALUE *fp);
RESULT DISPATCH_le_in(NODE *n, VALUE *fp);
RESULT DISPATCH_le_il(NODE *n, VALUE *fp);
RESULT DISPATCH_le_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_gt_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_gt_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_gt_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_gt_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_gt_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_gt_li(NODE *n, VALUE *fp);
RESULT DISPATCH_gt_in(NODE *n, VALUE *fp);
RESULT DISPATCH_gt_il(NODE *n, VALUE *fp);
RESULT DISPATCH_gt_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_ge_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_ge_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_ge_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_ge_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_ge_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_ge_li(NODE *n, VALUE *fp);
RESULT DISPATCH_ge_in(NODE *n, VALUE *fp);
RESULT DISPATCH_ge_il(NODE *n, VALUE *fp);
RESULT DISPATCH_ge_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_eq_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_eq_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_eq_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_eq_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_eq_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_eq_li(NODE *n, VALUE *fp);
RESULT DISPATCH_eq_in(NODE *n, VALUE *fp);
RESULT DISPATCH_eq_il(NODE *n, VALUE *fp);
RESULT DISPATCH_eq_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_ne_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_ne_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_ne_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_ne_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_ne_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_ne_li(NODE *n, VALUE *fp);
RESULT DISPATCH_ne_in(NODE *n, VALUE *fp);
RESULT DISPATCH_ne_il(NODE *n, VALUE *fp);
RESULT DISPATCH_ne_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_cmp_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_cmp_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_cmp_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_cmp_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_cmp_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_cmp_li(NODE *n, VALUE *fp);
RESULT DISPATCH_cmp_in(NODE *n, VALUE *fp);
RESULT DISPATCH_cmp_il(NODE *n, VALUE *fp);
RESULT DISPATCH_cmp_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_modz_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_modz_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_modz_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_modz_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_modz_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_modz_li(NODE *n, VALUE *fp);
RESULT DISPATCH_modz_in(NODE *n, VALUE *fp);
RESULT DISPATCH_modz_il(NODE *n, VALUE *fp);
RESULT DISPATCH_modz_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_sqle_nn(NODE *n, VALUE *fp);
RESULT DISPATCH_sqle_nl(NODE *n, VALUE *fp);
RESULT DISPATCH_sqle_ni(NODE *n, VALUE *fp);
RESULT DISPATCH_sqle_ln(NODE *n, VALUE *fp);
RESULT DISPATCH_sqle_ll(NODE *n, VALUE *fp);
RESULT DISPATCH_sqle_li(NODE *n, VALUE *fp);
RESULT DISPATCH_sqle_in(NODE *n, VALUE *fp);
RESULT DISPATCH_sqle_il(NODE *n, VALUE *fp);
RESULT DISPATCH_sqle_ii(NODE *n, VALUE *fp);
RESULT DISPATCH_not_n(NODE *n, VALUE *fp);
RESULT DISPATCH_not_l(NODE *n, VALUE *fp);
RESULT DISPATCH_not_i(NODE *n, VALUE *fp);
RESULT DISPATCH_and(NODE *n, VALUE *fp);
RESULT DISPATCH_or(NODE *n, VALUE *fp);
RESULT DISPATCH_seq(NODE *n, VALUE *fp);
RESULT DISPATCH_if(NODE *n, VALUE *fp);
RESULT DISPATCH_when(NODE *n, VALUE *fp);
RESULT DISPATCH_while(NODE *n, VALUE *fp);
RESULT DISPATCH_until(NODE *n, VALUE *fp);
RESULT DISPATCH_break(NODE *n, VALUE *fp);
RESULT DISPATCH_next(NODE *n, VALUE *fp);
RESULT DISPATCH_return(NODE *n, VALUE *fp);
RESULT DISPATCH_catch_return(NODE *n, VALUE *fp);
RESULT DISPATCH_def(NODE *n, VALUE *fp);
RESULT DISPATCH_call(NODE *n, VALUE *fp);
RESULT DISPATCH_call0(NODE *n, VALUE *fp);
RESULT DISPATCH_vcall(NODE *n, VALUE *fp);
extern const DISPATCHER nr_dispatchers[NR_KIND_COUNT];
extern const uint32_t nr_layout_table[];
extern const uint32_t nr_layout_table_len;

#endif
/* runtime.c -- the out-of-line half of the C runtime: errors, builtins,
 * function definition and lookup, output, and the big-stack runner. Linked
 * into the naruby binary and into every AOT executable. */

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

nr_serial_t nr_serial = 1; /* zeroed call caches (serial 0) start invalid */
Func **nr_fn_table;
VALUE *nr_vstack_end;
char *nr_cstack_limit;
void (*nr_exit_hook)(int status);
uint8_t *nr_entered;
nr_observation *nr_observed;

/* Where a call cache's two speculation counters are, for the host's --stats. */
const uint32_t nr_call_cache_counts_offset = offsetof(CallCache, spec_hits);
_Static_assert(offsetof(CallCache, spec_misses) == offsetof(CallCache, spec_hits) + 8,
               "the host reads spec_misses right after spec_hits");

static const nr_program *program;

/* Stack sizes are virtual reservations; pages are committed on use. */
#define C_STACK_BYTES ((size_t)2 << 30)
#define C_STACK_MARGIN ((size_t)16 << 20) /* room for non-call recursion */
#define V_STACK_BYTES ((size_t)1 << 30)

enum nr_builtin { BUILTIN_NONE, BUILTIN_P, BUILTIN_PUTS, BUILTIN_PRINT, BUILTIN_EXIT };

static Func builtin_funcs[] = {
    [BUILTIN_P] = { .builtin = BUILTIN_P },
    [BUILTIN_PUTS] = { .builtin = BUILTIN_PUTS },
    [BUILTIN_PRINT] = { .builtin = BUILTIN_PRINT },
    [BUILTIN_EXIT] = { .builtin = BUILTIN_EXIT },
};

static const char *const builtin_names[] = {
    [BUILTIN_P] = "p",
    [BUILTIN_PUTS] = "puts",
    [BUILTIN_PRINT] = "print",
    [BUILTIN_EXIT] = "exit",
};

/* ---- leaving the process ---- */

__attribute__((noreturn)) static void finish(int status)
{
    fflush(stdout);
    if (nr_exit_hook) nr_exit_hook(status);
    fflush(stderr);
    exit(status);
}

static uint32_t line_of(const NODE *n)
{
    return n && n->id < program->nlines ? program->lines[n->id] : 0;
}

__attribute__((noreturn, format(printf, 3, 4))) static void fail(const NODE *at, const char *cls,
                                                                 const char *fmt, ...)
{
    fflush(stdout);
    fprintf(stderr, "%s:%u: ", program->script, line_of(at));
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (%s)\n", cls);
    finish(1);
}

void nr_raise(NODE *n, int error)
{
    switch (error) {
    case ERR_ZERODIV: fail(n, "ZeroDivisionError", "divided by 0");
    case ERR_OVERFLOW: fail(n, "RangeError", "integer overflow");
    case ERR_NEG_EXPONENT: fail(n, "RangeError", "negative exponent");
    }
    fail(n, "RuntimeError", "unknown error %d", error);
}

void nr_stack_overflow(NODE *site)
{
    fail(site, "SystemStackError", "stack level too deep");
}

/* ---- output ---- */

static void put_value(VALUE v)
{
    char buf[24];
    char *p = buf + sizeof buf;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    fwrite(p, 1, (size_t)(buf + sizeof buf - p), stdout);
}

static VALUE run_builtin(NODE *site, uint32_t which, uint32_t argc, const VALUE *argv)
{
    switch (which) {
    case BUILTIN_P:
        for (uint32_t i = 0; i < argc; i++) {
            put_value(argv[i]);
            putchar('\n');
        }
        return argc == 1 ? argv[0] : 0;
    case BUILTIN_PUTS:
        if (argc == 0) putchar('\n');
        for (uint32_t i = 0; i < argc; i++) {
            put_value(argv[i]);
            putchar('\n');
        }
        return 0;
    case BUILTIN_PRINT:
        for (uint32_t i = 0; i < argc; i++) put_value(argv[i]);
        return 0;
    case BUILTIN_EXIT:
        if (argc > 1)
            fail(site, "ArgumentError", "wrong number of arguments (given %u, expected 0..1)", argc);
        finish(argc == 1 ? (int)argv[0] : 0);
    }
    return 0;
}

/* ---- functions ---- */

void nr_define(NODE *def, Func *f, ID name, NODE *body, uint32_t nparams, uint32_t nlocals,
               uint32_t nslots, int64_t ident0, int64_t ident1)
{
    f->body = body;
    f->def = def;
    f->nparams = nparams;
    f->nlocals = nlocals;
    f->nslots = nslots;
    f->builtin = BUILTIN_NONE;
    f->ident[0] = (uint64_t)ident0;
    f->ident[1] = (uint64_t)ident1;
    nr_fn_table[name] = f;
    nr_serial++;
}

/* Profiling: the site's cache is being refilled with user function f
 * during a call that nr_profiling_dispatch has already counted. */
static void observe(const NODE *site, const Func *f)
{
    nr_observation *o = &nr_observed[site->id];
    uint64_t upto = o->calls ? o->calls - 1 : 0; /* this call is f's */
    if (upto < o->calls_at_bind) upto = o->calls_at_bind;
    if (o->ncallees) o->callee[o->current].calls += upto - o->calls_at_bind;
    o->calls_at_bind = upto;
    uint32_t slot = 0;
    while (slot < o->ncallees &&
           (o->callee[slot].ident[0] != f->ident[0] || o->callee[slot].ident[1] != f->ident[1]))
        slot++;
    if (slot == NR_OBSERVED_CALLEES) { /* full: replace the least called */
        slot = 0;
        for (uint32_t i = 1; i < NR_OBSERVED_CALLEES; i++)
            if (o->callee[i].calls < o->callee[slot].calls) slot = i;
        o->callee[slot].calls = 0;
    } else if (slot == o->ncallees) {
        o->ncallees++;
        o->callee[slot].calls = 0;
    }
    o->callee[slot].ident[0] = f->ident[0];
    o->callee[slot].ident[1] = f->ident[1];
    o->current = slot;
}

/* The cold half of nr_invoke: runs a builtin, or refills the cache and
 * enters the user function -- through the speculated target's entry when
 * the function found is exactly the one the target was made for. */
RESULT nr_call_miss(NODE *site, CallCache *ic, ID name, uint32_t argc, VALUE *argv, int vcall,
                    const nr_target *target)
{
    const Func *f = nr_fn_table[name];
    if (!f) {
        if (vcall)
            fail(site, "NameError", "undefined local variable or method '%s'", program->names[name]);
        fail(site, "NoMethodError", "undefined method '%s'", program->names[name]);
    }
    if (f->builtin) {
        if (target) ic->spec_misses++;
        return (RESULT){ run_builtin(site, f->builtin, argc, argv), ST_NORMAL };
    }
    if (f->nparams != argc)
        fail(f->def, "ArgumentError", "wrong number of arguments (given %u, expected %u)", argc,
             f->nparams);
    nr_entered[f->body->id] = 1;
    if (nr_observed) observe(site, f);
    ic->serial = nr_serial;
    ic->body = f->body;
    ic->nlocals = f->nlocals;
    ic->nslots = f->nslots;
    if (target && target->ident[0] == f->ident[0] && target->ident[1] == f->ident[1] &&
        (!target->body || target->body == f->body)) {
        ic->spec_serial = nr_serial;
        ic->spec_hits++;
        return nr_enter_body(site, f->body, target->entry, target->nlocals, target->nslots, argc,
                             argv, 1);
    }
    ic->spec_serial = 0;
    if (target) ic->spec_misses++;
    return nr_enter(site, ic, argc, argv);
}

/* ---- running ---- */

struct run_state {
    VALUE *frame;
};

static void *run_thread(void *arg)
{
    struct run_state *st = arg;
    pthread_attr_t attr;
    void *lo = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &lo, &size);
        pthread_attr_destroy(&attr);
    }
    nr_cstack_limit = (char *)lo + C_STACK_MARGIN;
    NODE *root = program->root;
    nr_entered[root->id] = 1;
    root->dispatcher(root, st->frame); /* a top-level `return` just ends the program */
    return NULL;
}

int nr_run(const nr_program *prog)
{
    program = prog;
    nr_observed = prog->observed;
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, sizeof outbuf);

    nr_fn_table = calloc(prog->nnames ? prog->nnames : 1, sizeof *nr_fn_table);
    nr_entered = calloc(prog->nlines ? prog->nlines : 1, 1);
    if (!nr_fn_table || !nr_entered) {
        fprintf(stderr, "%s: out of memory\n", prog->script);
        return 1;
    }
    for (uint32_t id = 0; id < prog->nnames; id++)
        for (uint32_t b = BUILTIN_P; b <= BUILTIN_EXIT; b++)
            if (strcmp(prog->names[id], builtin_names[b]) == 0) nr_fn_table[id] = &builtin_funcs[b];

    VALUE *vstack = mmap(NULL, V_STACK_BYTES, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (vstack == MAP_FAILED) {
        fprintf(stderr, "%s: cannot reserve the value stack\n", prog->script);
        return 1;
    }
    /* the red zone beyond the checked end is for unchecked direct calls */
    nr_vstack_end = vstack + V_STACK_BYTES / sizeof(VALUE) - NR_VSTACK_RED_ZONE;
    if (prog->nslots > V_STACK_BYTES / sizeof(VALUE) - NR_VSTACK_RED_ZONE) {
        fprintf(stderr, "%s: top-level frame too large\n", prog->script);
        return 1;
    }

    struct run_state st = { vstack };
    pthread_attr_t attr;
    pthread_t thread;
    if (pthread_attr_init(&attr) != 0 || pthread_attr_setstacksize(&attr, C_STACK_BYTES) != 0 ||
        pthread_create(&thread, &attr, run_thread, &st) != 0) {
        fprintf(stderr, "%s: cannot start the interpreter thread\n", prog->script);
        return 1;
    }
    pthread_attr_destroy(&attr);
    pthread_join(thread, NULL);
    munmap(vstack, V_STACK_BYTES);
    fflush(stdout);
    if (nr_exit_hook) nr_exit_hook(0);
    return 0;
}

/* ---- the program's nodes (defined below) ---- */
static struct NODE_lt_li node_0;
static struct NODE_lget node_1;
static struct NODE_sub_li node_2;
static struct NODE_lset_n node_3;
static struct NODE_call node_4;
static struct NODE_sub_li node_5;
static struct NODE_lset_n node_6;
static struct NODE_call node_7;
static struct NODE_add_nn node_8;
static struct NODE_if node_9;
static struct NODE_def node_10;
static struct NODE_lset_i node_11;
static struct NODE_call node_12;
static struct NODE_lset_n node_13;
static struct NODE_call node_14;
static struct NODE_seq node_15;

/* ---- specialized dispatchers ---- */
static inline RESULT SD_6cc5b9ff6d22b91ce7e0f1cb36927b83_11(NODE *n, VALUE *fp);
static inline RESULT SD_697bf3fb05bb4ca78c42a82a474edbf1_12(NODE *n, VALUE *fp);
static inline RESULT SD_2a96a0fd1191b8dc3f06b8e006a00146_13(NODE *n, VALUE *fp);
static inline RESULT SD_65c25b2f1bd2c584bebfd0e80ace964b_14(NODE *n, VALUE *fp);
static inline RESULT SD_490714eb6108e53ee87fa46c74971f43_5(NODE *n, VALUE *fp);
static inline RESULT SD_9b16f71f811fab8052a2b4e1f8ab8adf_6(NODE *n, VALUE *fp);
static inline RESULT SD_7e9db5d9138b09dea9b0ada752889e65_7(NODE *n, VALUE *fp);
static inline RESULT SD_ec4dd60b1f72aba94e002763aac31fea_2(NODE *n, VALUE *fp);
static inline RESULT SD_21eddf3ddef6b0025f21927ae28e3782_3(NODE *n, VALUE *fp);
static inline RESULT SD_b9a47a3daf4738a0f8f1aba76d5ecf6b_4(NODE *n, VALUE *fp);
static inline RESULT SD_762483afa32bc486183578fb53722f8a_8(NODE *n, VALUE *fp);
static inline RESULT SD_990a897682e56afedacccaa9d7451782_1(NODE *n, VALUE *fp);
static inline RESULT SD_439d74a37f52712daad4aa574658b127_0(NODE *n, VALUE *fp);
static inline RESULT SD_09ec0cc202758e3403aa71fa254a14a9_9(NODE *n, VALUE *fp);
static inline RESULT SD_8df31855addeb17ac2c420dc0ed35cbb_10(NODE *n, VALUE *fp);
static inline RESULT SD_0eb65e6ca2b6f80b993e464839713078_15(NODE *n, VALUE *fp);

static const nr_target TG_89a943d2e8db01b5666acb70e8e3b276 = { { (uint64_t)INT64_C(-7085770497386021371), (uint64_t)INT64_C(-8147006514504214820) }, SD_09ec0cc202758e3403aa71fa254a14a9_9, &node_9.head, 1u, 2u, 0u };

/* lset_i */
static inline RESULT SD_6cc5b9ff6d22b91ce7e0f1cb36927b83_11(NODE *n, VALUE *fp)
{
    n = &node_11.head;
    return EVAL_lset_i(n, fp, 0u, INT64_C(40));
}

/* call */
static inline RESULT SD_697bf3fb05bb4ca78c42a82a474edbf1_12(NODE *n, VALUE *fp)
{
    n = &node_12.head;
    struct NODE_call *m = (struct NODE_call *)n;
    return EVAL_call(n, fp, (ID)m->name, 1u, 0u, m->args, SD_6cc5b9ff6d22b91ce7e0f1cb36927b83_11, &m->ic, &TG_89a943d2e8db01b5666acb70e8e3b276, SD_09ec0cc202758e3403aa71fa254a14a9_9);
}

/* lset_n */
static inline RESULT SD_2a96a0fd1191b8dc3f06b8e006a00146_13(NODE *n, VALUE *fp)
{
    n = &node_13.head;
    struct NODE_lset_n *m = (struct NODE_lset_n *)n;
    return EVAL_lset_n(n, fp, 0u, m->v, SD_697bf3fb05bb4ca78c42a82a474edbf1_12);
}

/* call */
static inline RESULT SD_65c25b2f1bd2c584bebfd0e80ace964b_14(NODE *n, VALUE *fp)
{
    n = &node_14.head;
    struct NODE_call *m = (struct NODE_call *)n;
    return EVAL_call(n, fp, (ID)m->name, 1u, 0u, m->args, SD_2a96a0fd1191b8dc3f06b8e006a00146_13, &m->ic, NULL, NULL);
}

/* sub_li */
static inline RESULT SD_490714eb6108e53ee87fa46c74971f43_5(NODE *n, VALUE *fp)
{
    n = &node_5.head;
    return EVAL_sub_li(n, fp, 0u, INT64_C(2));
}

/* lset_n */
static inline RESULT SD_9b16f71f811fab8052a2b4e1f8ab8adf_6(NODE *n, VALUE *fp)
{
    n = &node_6.head;
    struct NODE_lset_n *m = (struct NODE_lset_n *)n;
    return EVAL_lset_n(n, fp, 1u, m->v, SD_490714eb6108e53ee87fa46c74971f43_5);
}

/* call */
static inline RESULT SD_7e9db5d9138b09dea9b0ada752889e65_7(NODE *n, VALUE *fp)
{
    n = &node_7.head;
    struct NODE_call *m = (struct NODE_call *)n;
    return EVAL_call(n, fp, (ID)m->name, 1u, 1u, m->args, SD_9b16f71f811fab8052a2b4e1f8ab8adf_6, &m->ic, &TG_89a943d2e8db01b5666acb70e8e3b276, SD_09ec0cc202758e3403aa71fa254a14a9_9);
}

/* sub_li */
static inline RESULT SD_ec4dd60b1f72aba94e002763aac31fea_2(NODE *n, VALUE *fp)
{
    n = &node_2.head;
    return EVAL_sub_li(n, fp, 0u, INT64_C(1));
}

/* lset_n */
static inline RESULT SD_21eddf3ddef6b0025f21927ae28e3782_3(NODE *n, VALUE *fp)
{
    n = &node_3.head;
    struct NODE_lset_n *m = (struct NODE_lset_n *)n;
    return EVAL_lset_n(n, fp, 1u, m->v, SD_ec4dd60b1f72aba94e002763aac31fea_2);
}

/* call */
static inline RESULT SD_b9a47a3daf4738a0f8f1aba76d5ecf6b_4(NODE *n, VALUE *fp)
{
    n = &node_4.head;
    struct NODE_call *m = (struct NODE_call *)n;
    return EVAL_call(n, fp, (ID)m->name, 1u, 1u, m->args, SD_21eddf3ddef6b0025f21927ae28e3782_3, &m->ic, &TG_89a943d2e8db01b5666acb70e8e3b276, SD_09ec0cc202758e3403aa71fa254a14a9_9);
}

/* add_nn */
static inline RESULT SD_762483afa32bc486183578fb53722f8a_8(NODE *n, VALUE *fp)
{
    n = &node_8.head;
    struct NODE_add_nn *m = (struct NODE_add_nn *)n;
    return EVAL_add_nn(n, fp, m->l, SD_b9a47a3daf4738a0f8f1aba76d5ecf6b_4, m->r, SD_7e9db5d9138b09dea9b0ada752889e65_7);
}

/* lget */
static inline RESULT SD_990a897682e56afedacccaa9d7451782_1(NODE *n, VALUE *fp)
{
    n = &node_1.head;
    return EVAL_lget(n, fp, 0u);
}

/* lt_li */
static inline RESULT SD_439d74a37f52712daad4aa574658b127_0(NODE *n, VALUE *fp)
{
    n = &node_0.head;
    return EVAL_lt_li(n, fp, 0u, INT64_C(2));
}

/* if */
static inline RESULT SD_09ec0cc202758e3403aa71fa254a14a9_9(NODE *n, VALUE *fp)
{
    n = &node_9.head;
    struct NODE_if *m = (struct NODE_if *)n;
    return EVAL_if(n, fp, m->cond, SD_439d74a37f52712daad4aa574658b127_0, m->yes, SD_990a897682e56afedacccaa9d7451782_1, m->no, SD_762483afa32bc486183578fb53722f8a_8);
}

/* def */
static inline RESULT SD_8df31855addeb17ac2c420dc0ed35cbb_10(NODE *n, VALUE *fp)
{
    n = &node_10.head;
    struct NODE_def *m = (struct NODE_def *)n;
    return EVAL_def(n, fp, (ID)m->name, 1u, 1u, 2u, INT64_C(-7085770497386021371), INT64_C(-8147006514504214820), m->body, &m->func);
}

/* seq */
static inline RESULT SD_0eb65e6ca2b6f80b993e464839713078_15(NODE *n, VALUE *fp)
{
    n = &node_15.head;
    struct NODE_seq *m = (struct NODE_seq *)n;
    return EVAL_seq(n, fp, m->first, SD_8df31855addeb17ac2c420dc0ed35cbb_10, m->rest, SD_65c25b2f1bd2c584bebfd0e80ace964b_14);
}

/* ---- the program's nodes, dispatchers bound ---- */
static struct NODE_lt_li node_0 = { { SD_439d74a37f52712daad4aa574658b127_0, NR_KIND_lt_li, 0 }, 0u, INT64_C(2) };
static struct NODE_lget node_1 = { { SD_990a897682e56afedacccaa9d7451782_1, NR_KIND_lget, 1 }, 0u };
static struct NODE_sub_li node_2 = { { SD_ec4dd60b1f72aba94e002763aac31fea_2, NR_KIND_sub_li, 2 }, 0u, INT64_C(1) };
static struct NODE_lset_n node_3 = { { SD_21eddf3ddef6b0025f21927ae28e3782_3, NR_KIND_lset_n, 3 }, 1u, &node_2.head };
static struct NODE_call node_4 = { { SD_b9a47a3daf4738a0f8f1aba76d5ecf6b_4, NR_KIND_call, 4 }, 0u, 1u, 1u, &node_3.head, { 0 } };
static struct NODE_sub_li node_5 = { { SD_490714eb6108e53ee87fa46c74971f43_5, NR_KIND_sub_li, 5 }, 0u, INT64_C(2) };
static struct NODE_lset_n node_6 = { { SD_9b16f71f811fab8052a2b4e1f8ab8adf_6, NR_KIND_lset_n, 6 }, 1u, &node_5.head };
static struct NODE_call node_7 = { { SD_7e9db5d9138b09dea9b0ada752889e65_7, NR_KIND_call, 7 }, 0u, 1u, 1u, &node_6.head, { 0 } };
static struct NODE_add_nn node_8 = { { SD_762483afa32bc486183578fb53722f8a_8, NR_KIND_add_nn, 8 }, &node_4.head, &node_7.head };
static struct NODE_if node_9 = { { SD_09ec0cc202758e3403aa71fa254a14a9_9, NR_KIND_if, 9 }, &node_0.head, &node_1.head, &node_8.head };
static struct NODE_def node_10 = { { SD_8df31855addeb17ac2c420dc0ed35cbb_10, NR_KIND_def, 10 }, 0u, 1u, 1u, 2u, INT64_C(-7085770497386021371), INT64_C(-8147006514504214820), &node_9.head, { 0 } };
static struct NODE_lset_i node_11 = { { SD_6cc5b9ff6d22b91ce7e0f1cb36927b83_11, NR_KIND_lset_i, 11 }, 0u, INT64_C(40) };
static struct NODE_call node_12 = { { SD_697bf3fb05bb4ca78c42a82a474edbf1_12, NR_KIND_call, 12 }, 0u, 1u, 0u, &node_11.head, { 0 } };
static struct NODE_lset_n node_13 = { { SD_2a96a0fd1191b8dc3f06b8e006a00146_13, NR_KIND_lset_n, 13 }, 0u, &node_12.head };
static struct NODE_call node_14 = { { SD_65c25b2f1bd2c584bebfd0e80ace964b_14, NR_KIND_call, 14 }, 1u, 1u, 0u, &node_13.head, { 0 } };
static struct NODE_seq node_15 = { { SD_0eb65e6ca2b6f80b993e464839713078_15, NR_KIND_seq, 15 }, &node_10.head, &node_14.head };

static const char *const program_names[] = {
    "fib",
    "p",
    0
};
static const uint32_t program_lines[] = {
    3u, 4u, 6u, 6u, 6u, 6u, 6u, 6u, 6u, 3u, 2u, 10u, 10u, 10u, 10u, 2u,
    0
};

int main(void)
{
    static const nr_program prog = {
        &node_15.head, 1u, "benches/workloads/fib.rb", program_names, 2u, program_lines, 16u, NULL
    };
    return nr_run(&prog);
}
