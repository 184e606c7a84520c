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
 * be tail calls (see nr_enter), so keep that pass off for naruby code.
 * naruby's own compiles pass -fno-tree-sra -DNR_SRA_OFF to GCC instead
 * (GCC_FLAGS in lib.rs): under the pragma gcc sets its back end up anew
 * for every function, a quarter of the compile. */
#if defined(__GNUC__) && !defined(__clang__) && !defined(NR_SRA_OFF)
#pragma GCC optimize("no-tree-sra")
#endif

#include <stddef.h>
#include <stdint.h>

#if !defined(__x86_64__) && !defined(__aarch64__)
#error "naruby's node layout assumes a 64-bit little-endian target"
#endif

typedef int64_t VALUE;
typedef uint32_t ID;
typedef struct NODE NODE;

/* ST_RESUME only ever passes from a loop's body to its loop under
 * `naruby --jit`: the loop's compiled code is ready (its address is the
 * value), and the loop continues there (RESUME, see node.def). */
enum nr_state { ST_NORMAL = 0, ST_RETURN = 1, ST_BREAK = 2, ST_NEXT = 3, ST_RESUME = 4 };

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
 * site's specialized code speculated on (see nr_invoke); it is 0 when the
 * interpreter filled the cache, which knows no speculation (under --jit,
 * speculative code can take over a site the interpreter filled: it then
 * decides once, NR_SPEC_NO if the callee is another). `spec_hits` and
 * `spec_misses` count the calls of a speculating site that went directly to
 * the speculated callee and those that took the ordinary path (--stats;
 * entries into region code are not counted, see nr_regions_entered);
 * sites without a speculation never touch them. */
#define NR_SPEC_NO (~0ull)
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
 * speculation and everything it calls directly, transitively, stays within
 * NR_UNCHECKED_DEPTH C frames (speculate/stack.rs computes this). Such a direct
 * call skips the C stack check: the C stack limit keeps a margin far larger
 * than NR_UNCHECKED_DEPTH frames.
 *
 * The value stack alone decides where recursion ends (see nr_stack_ok), and
 * exactly: a direct call is only taken when `need` slots are free from the
 * callee frame's start. For an unchecked callee that covers every frame down
 * its chain of direct calls, so the checks inside cannot fail (and the C
 * compiler can drop them); for others it is the callee's own frame. With
 * less room, the call takes the ordinary path, which checks each frame as
 * the interpreter does, and raises at the very call that does not fit. */
#define NR_UNCHECKED_DEPTH 64u

/* How a speculating call site reaches its target (a constant per site).
 *
 * A *region* is a function body whose closure of speculated callees can
 * never change the bindings it relies on: no body in it contains a `def`,
 * and every call in it either names a callee of the closure or a name that
 * no `def` in the program binds (a builtin, or an error). So once all the
 * closure's names are seen to bind the speculated callees, every call made
 * inside reaches them without a guard. Region bodies are compiled a second
 * time with their frame as a C local array and called with their arguments
 * in registers (`rentry`), so the C compiler keeps locals in registers
 * across the whole body. Slot -1 of that array holds the frame's *virtual*
 * place on the value stack: where the ordinary path would have put it.
 * Calls advance and check it exactly as ordinary frames do, so recursion
 * overflows at the same depth as on the ordinary path, even where the C
 * compiler turns tail calls into loops. In an AOT unit a region body's node
 * is a constant; a code-store unit, shared by programs, learns it from the
 * check that validates the region (`nr_binding.slot`).
 *
 * - NR_GUARDED: ordinary code; direct call of `entry` while the site's
 *   cache holds exactly the target (see nr_invoke).
 * - NR_ENTER_REGION: ordinary code calling a region's root: validate the
 *   region (a serial compare when nothing was defined since the last
 *   check), then call `rentry`; otherwise as NR_GUARDED.
 * - NR_IN_REGION: region code calling a region body: `rentry` directly.
 * - NR_IN_REGION_UNBOUND: region code calling a name no `def` binds: the
 *   arguments are copied to the value stack where the ordinary path's
 *   would be, and the call takes the ordinary path (a builtin, or
 *   NoMethodError). */
enum nr_call_mode { NR_GUARDED, NR_ENTER_REGION, NR_IN_REGION, NR_IN_REGION_UNBOUND };

/* A region body's register entry:
 * RESULT f(VALUE *vsp, VALUE a0, ..., VALUE a<argc-1>), vsp being the
 * frame's virtual place on the value stack. */
typedef void (*nr_regs_fn)(void);
#define NR_REGION_MAX_ARGS 6u

/* One name region code relies on: a callee of its closure, which the name
 * must bind (identity, and body node when set), or a name its code calls
 * that must not bind a user function (`unbound`).
 *
 * A code-store unit does not know the program's name IDs: its bindings say
 * NR_ID_BY_TEXT and name the name by `text`, which the first check looks
 * up (NR_ID_ABSENT when the program never mentions it). Nor does it know
 * the body nodes: the check leaves the body a bound name reaches in
 * `*slot`, the `body` of that callee's own region, where its register
 * entry finds it. */
#define NR_ID_BY_TEXT ((ID)0xffffffffu)
#define NR_ID_ABSENT ((ID)0xfffffffeu)
typedef struct nr_binding {
    ID name;
    uint32_t unbound;
    uint64_t ident[2];
    NODE *body;
    const char *text;
    NODE **slot;
} nr_binding;

/* The region rooted at one callee. In a code-store unit every callee with
 * region code has one, entered or not, for its `body`, which is next to
 * `valid` so that a call entering the region reads one cache line, not two
 * (the thousand-function program, benches/NOTES.md).
 *
 * Its bindings are those of the root's cycle of speculated calls (the root
 * alone when it is on none) and the names that cycle's bodies call
 * unbound; the rest of its closure is the regions of the callees outside
 * the cycle (`subs`), which hold in turn. Listing the whole closure in
 * every region instead made a chain of N calls N^2 bindings. */
typedef struct nr_region {
    nr_serial_t valid;   /* nr_serial when entered and every binding held */
    NODE *body;          /* code-store units: the root's body node (above) */
    nr_serial_t checked; /* nr_serial when last checked for entering */
    uint32_t count;
    nr_binding *bindings;
    uint32_t nsubs;
    struct nr_region *const *subs;
    /* nr_serial when last checked (entered or as another region's sub),
       and when it then held */
    nr_serial_t seen, held;
    struct nr_region *next; /* once checked: the list of checked regions */
} nr_region;

typedef struct nr_target {
    uint64_t ident[2];
    DISPATCHER entry;
    NODE *body; /* when set (AOT), entry is this body node's own code: the
                   function found must have exactly this body */
    uint32_t nlocals;
    uint32_t nslots;
    uint32_t need;     /* value-stack slots the direct path requires free */
    uint32_t unchecked;
    uint32_t mode;     /* enum nr_call_mode */
    nr_regs_fn rentry; /* the register entry (region modes) */
    nr_region *region; /* NR_ENTER_REGION: the region to validate */
} nr_target;

enum nr_error {
    ERR_ZERODIV,
    ERR_OVERFLOW,
    ERR_NEG_EXPONENT,
};

/* Region-flavour dispatchers of an AOT unit are each called from one place
 * (a parent's evaluator, through a child pointer, or a register entry), so
 * inlining them costs no code; the budget for `inline` functions must not
 * refuse it. Forcing only works where the compiler resolves those calls
 * early, so `naruby --aot` defines NR_INLINE_REGIONS at -O2 and above. */
#ifdef NR_INLINE_REGIONS
#define NR_REGION_INLINE __attribute__((always_inline)) inline
#else
#define NR_REGION_INLINE inline
#endif

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
/* Only the naruby binary's interpreter (built with NR_JIT) can see
 * ST_RESUME: it comes from jit.c's loop counting dispatcher, which is only
 * ever a loop body's dispatcher there, and specialized code calls bodies by
 * name, never through their nodes. Elsewhere (code-store entries, AOT
 * executables) the branch is dead, and left as a call through a pointer it
 * would let the frame escape, which keeps gcc from holding region frames in
 * registers; there it does nothing (the code after it is the code as
 * it was before the JIT resumed loops). */
#ifdef NR_JIT
#define RESUME(r) return ((DISPATCHER)(uintptr_t)(r).value)(n, fp)
#else
#define RESUME(r) ((void)(r))
#endif
#define RAISE(e) nr_raise(n, (e))

/* ---- runtime state (runtime.c) ---- */
extern nr_serial_t nr_serial;        /* bumped by every `def` */
extern Func **nr_fn_table;        /* by ID */
/* The value stack: a static array, so that its end is a link-time
 * constant (in an AOT executable, checks against it need no load). Its
 * pages are only committed as they are used. Its end is where recursion
 * stops (nr_stack_ok). */
#define NR_VSTACK_SLOTS (8u << 20)
extern VALUE nr_vstack[NR_VSTACK_SLOTS];
#define nr_vstack_end (nr_vstack + NR_VSTACK_SLOTS)
extern char *nr_cstack_limit;     /* lowest safe C stack address */
extern nr_observation *nr_observed; /* by site node id; NULL unless profiling */

__attribute__((noreturn, cold)) void nr_raise(NODE *n, int error);
__attribute__((noreturn, cold)) void nr_stack_overflow(NODE *site);
/* The ordinary path of a call, out of line: for a direct call short of
 * room for its whole chain (see nr_target.need), and for a region that
 * cannot be entered (see nr_invoke). */
__attribute__((cold, noinline)) RESULT nr_call_checked(NODE *site, CallCache *ic, ID name,
                                                       uint32_t argc, VALUE *argv, int vcall);
/* The cold half of a call: runs a builtin, or refills the cache and enters
 * the user function; raises NoMethodError/NameError/ArgumentError. */
__attribute__((cold)) RESULT nr_call_miss(NODE *site, CallCache *ic, ID name, uint32_t argc,
                                          VALUE *argv, int vcall, const nr_target *target);
/* Records whether every binding of region r holds now (r->valid). */
__attribute__((cold)) void nr_region_check(nr_region *r);
/* How many regions ordinary code has entered (--stats): those found valid
 * at least once. Entries are not counted one by one: an increment per
 * entry cost a chain of calls 7-25% of its time. */
nr_count_t nr_regions_entered(void);
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

/* A positive power of two known to the C compiler: specialized code folds
   division and modulo by it into a shift and a mask. */
#define NR_CONST_POW2(b) (__builtin_constant_p(b) && (b) > 0 && ((b) & ((b) - 1)) == 0)

/* Multiplying by a positive constant checks the range of the other factor
   first: the compares run beside the product, so it can become a shift or
   lea instead of an imul whose overflow flag sits on the dependency chain. */
static inline __attribute__((always_inline)) VALUE nr_mul_by_const(NODE *n, VALUE a, VALUE c)
{
    if (UNLIKELY(a > INT64_MAX / c || a < INT64_MIN / c)) nr_raise(n, ERR_OVERFLOW);
    return (VALUE)((uint64_t)a * (uint64_t)c);
}

static inline VALUE nr_mul(NODE *n, VALUE a, VALUE b)
{
    if (__builtin_constant_p(b) && b > 0) return nr_mul_by_const(n, a, b);
    if (__builtin_constant_p(a) && a > 0) return nr_mul_by_const(n, b, a);
    VALUE r;
    if (UNLIKELY(__builtin_mul_overflow(a, b, &r))) nr_raise(n, ERR_OVERFLOW);
    return r;
}

/* Ruby division rounds toward negative infinity. */
static inline VALUE nr_div(NODE *n, VALUE a, VALUE b)
{
    /* gcc shifts signed values arithmetically: a floor division */
    if (NR_CONST_POW2(b)) return a >> __builtin_ctzll((uint64_t)b);
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
    /* two's complement: the low bits are the remainder toward -infinity */
    if (NR_CONST_POW2(b)) return a & (b - 1);
    if (UNLIKELY(b == 0)) nr_raise(n, ERR_ZERODIV);
    if (UNLIKELY(b == -1)) return 0; /* INT64_MIN % -1 traps in C */
    VALUE r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

/* Whether b divides a (Ruby's `a % b == 0`): the floor remainder is zero
   exactly when C's truncated one is, so no sign fix-up is needed. */
static inline VALUE nr_divides(NODE *n, VALUE a, VALUE b)
{
    if (NR_CONST_POW2(b)) return (a & (b - 1)) == 0;
    if (UNLIKELY(b == 0)) nr_raise(n, ERR_ZERODIV);
    if (UNLIKELY(b == -1)) return 1; /* INT64_MIN % -1 traps in C */
    return a % b == 0;
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

/* The stack pointer. Unlike __builtin_frame_address, reading it does not
 * make the function keep a frame pointer. */
static inline char *nr_stack_pointer(void)
{
    char *sp;
#if defined(__x86_64__)
    __asm__("mov %%rsp, %0" : "=r"(sp));
#else
    __asm__("mov %0, sp" : "=r"(sp));
#endif
    return sp;
}

/* Whether one more C frame fits. */
static inline int nr_cstack_ok(void)
{
    return LIKELY(nr_stack_pointer() >= nr_cstack_limit);
}

/* Whether `need` value-stack slots are free from argv on (argv never lies
 * past the end: it is within or just after a frame that was checked to
 * fit). Compared in bytes: no division, and a constant need is an
 * immediate. */
static inline int nr_vstack_fits(const VALUE *argv, uint32_t need)
{
    return LIKELY((uintptr_t)nr_vstack_end - (uintptr_t)argv >= (uintptr_t)need * sizeof(VALUE));
}

/* Region code without C stack checks (NR_REGION_ROOM, which `naruby --aot`
 * defines, with NR_REGION_FRAME_BYTES, only after gcc's -fstack-usage shows
 * that the unit's region functions together take at most that many bytes of
 * C stack). Every region call advances the frame's virtual place on the value
 * stack by at least one slot, so nesting region calls takes at most
 * NR_REGION_FRAME_BYTES of C stack per value-stack slot. Ordinary code
 * enters a recursive region only when the C stack has that much room for
 * every value-stack slot left (`nr_region_room`); calls inside then check the
 * value stack alone, which ends the recursion before the C stack can. When
 * the room is short (deep ordinary recursion with large C frames came
 * first), the call takes the ordinary path, which checks every frame. */
#ifdef NR_REGION_ROOM
#define NR_REGION_CHECK_C 0
static inline int nr_region_room(const VALUE *argv)
{
    intptr_t room = nr_stack_pointer() - nr_cstack_limit;
    intptr_t need = (intptr_t)(nr_vstack_end - argv) * (intptr_t)(NR_REGION_FRAME_BYTES);
    return LIKELY(room >= need);
}
#else
#define NR_REGION_CHECK_C 1
static inline int nr_region_room(const VALUE *argv)
{
    (void)argv;
    return 1;
}
#endif

/* Whether a frame of nslots slots at argv fits the value stack, and (when
 * check_c) one more C frame fits the C stack.
 *
 * The value stack decides where recursion ends: every mode lays frames out
 * alike (a callee's frame starts argbase slots into its caller's, and every
 * frame takes at least one slot), so the same call overflows, at the same
 * depth, plain, compiled or AOT. The C stack is a backstop only: it is large
 * enough (runtime.c) that ordinary code reaches the value stack's end first,
 * while C frame sizes differ from mode to mode. */
static inline int nr_stack_ok(VALUE *argv, uint32_t nslots, int check_c)
{
    return LIKELY(argv + nslots <= nr_vstack_end) && (!check_c || nr_cstack_ok());
}

/* Enters a function body: stack checks, zeroed locals, then the body. A
 * body always completes normally: `break`/`next` cannot leave it (lowering
 * rejects them) and a body containing `return` is rooted in catch_return.
 * So the body's RESULT is the call's RESULT and the C compiler enters the
 * body by a tail jump: no C frame of the call stays on the stack while the
 * callee runs. With a constant `entry` (a speculated target) the call is
 * direct and the counts are literals. `checked` is 0 only for an unchecked
 * target whose whole chain's value-stack need the caller found room for
 * (nr_invoke): then neither stack needs a check here. */
__attribute__((always_inline)) static inline RESULT
nr_enter_body(NODE *site, NODE *body, DISPATCHER entry, uint32_t nlocals, uint32_t nslots,
              uint32_t argc, VALUE *argv, int checked)
{
    if (checked && !nr_stack_ok(argv, nslots, 1)) nr_stack_overflow(site);
    for (uint32_t i = argc; i < nlocals; i++) argv[i] = 0;
    RESULT r = entry(body, argv);
    if (r.state != ST_NORMAL) __builtin_unreachable();
    return r;
}

/* A function body's or loop body's dispatcher (loops read it once as they
 * begin).
 * Under `naruby --jit` another thread may swap it while this one runs
 * (nr_jit_swap), so it is read atomically; the
 * acquire pairs with the swap's release store. On x86-64 and AArch64 this is
 * one plain or load-acquire instruction. */
static inline DISPATCHER nr_body_dispatcher(NODE *body)
{
    return __atomic_load_n(&body->dispatcher, __ATOMIC_ACQUIRE);
}

/* Enters the function cached in ic through its body's dispatcher. */
static inline RESULT nr_enter(NODE *site, CallCache *ic, uint32_t argc, VALUE *argv)
{
    NODE *body = ic->body;
    return nr_enter_body(site, body, nr_body_dispatcher(body), ic->nlocals, ic->nslots, argc,
                         argv, 1);
}

/* The ordinary path of a call: the cached callee, or the cold refill. */
static inline RESULT nr_invoke_cached(NODE *site, CallCache *ic, ID name, uint32_t argc,
                                      VALUE *argv, int vcall, const nr_target *target)
{
    if (UNLIKELY(ic->serial != nr_serial)) {
        RESULT r = nr_call_miss(site, ic, name, argc, argv, vcall, target);
        if (r.state != ST_NORMAL) __builtin_unreachable();
        return r;
    }
    return nr_enter(site, ic, argc, argv);
}

/* Calls a region body's register entry with argv[0..argc) and the callee
 * frame's virtual place `vsp`. Its RESULT is returned as it is (a body
 * always completes normally), so that a call in tail position stays a tail
 * call (see naruby.h's SRA note). */
__attribute__((always_inline)) static inline RESULT nr_call_regs(nr_regs_fn f, uint32_t argc,
                                                                const VALUE *a, VALUE *vsp)
{
    RESULT r;
    switch (argc) {
    case 0: r = ((RESULT(*)(VALUE *))f)(vsp); break;
    case 1: r = ((RESULT(*)(VALUE *, VALUE))f)(vsp, a[0]); break;
    case 2: r = ((RESULT(*)(VALUE *, VALUE, VALUE))f)(vsp, a[0], a[1]); break;
    case 3: r = ((RESULT(*)(VALUE *, VALUE, VALUE, VALUE))f)(vsp, a[0], a[1], a[2]); break;
    case 4:
        r = ((RESULT(*)(VALUE *, VALUE, VALUE, VALUE, VALUE))f)(vsp, a[0], a[1], a[2], a[3]);
        break;
    case 5:
        r = ((RESULT(*)(VALUE *, VALUE, VALUE, VALUE, VALUE, VALUE))f)(vsp, a[0], a[1], a[2],
                                                                      a[3], a[4]);
        break;
    case 6:
        r = ((RESULT(*)(VALUE *, VALUE, VALUE, VALUE, VALUE, VALUE, VALUE))f)(
            vsp, a[0], a[1], a[2], a[3], a[4], a[5]);
        break;
    default: __builtin_unreachable();
    }
    if (r.state != ST_NORMAL) __builtin_unreachable();
    return r;
}

/* Region code's frame keeps its virtual value-stack place in slot -1. */
static inline VALUE *nr_region_vsp(const VALUE *fp)
{
    return (VALUE *)(intptr_t)fp[-1];
}

/* Calls function `name` with argv = fp + argbase, argv[0..argc) already
 * stored in the caller's frame; argv becomes the callee's frame. The inline-cache guard is the only
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
 * speculative branch folds away. Region modes (see nr_call_mode) call
 * register entries instead.
 *
 * Every path ends in a call whose RESULT is returned as it is (no merging of
 * results), which keeps the calls tail calls. */
__attribute__((always_inline)) static inline RESULT nr_invoke(NODE *site, CallCache *ic, ID name,
                                                             uint32_t argc, VALUE *fp,
                                                             uint32_t argbase, int vcall,
                                                             const nr_target *target,
                                                             DISPATCHER target_entry)
{
    VALUE *argv = fp + argbase;
    if (target && target->mode == NR_IN_REGION) {
        VALUE *vsp = nr_region_vsp(fp) + argbase;
        if (!target->unchecked) {
            if (!nr_stack_ok(vsp, target->nslots, NR_REGION_CHECK_C)) nr_stack_overflow(site);
        } else if (UNLIKELY(!nr_vstack_fits(vsp, target->need))) {
            /* short of room for the chain: the ordinary path checks each
               frame, so the call that does not fit raises */
            for (uint32_t i = 0; i < argc; i++) vsp[i] = argv[i];
            return nr_call_checked(site, ic, name, argc, vsp, vcall);
        }
        return nr_call_regs(target->rentry, argc, argv, vsp);
    }
    if (target && target->mode == NR_IN_REGION_UNBOUND) {
        /* argv is in the region's local frame: its address must not escape */
        VALUE *stack = nr_region_vsp(fp) + argbase;
        for (uint32_t i = 0; i < argc; i++) stack[i] = argv[i];
        return nr_invoke_cached(site, ic, name, argc, stack, vcall, NULL);
    }
    if (target && target->unchecked && UNLIKELY(!nr_vstack_fits(argv, target->need))) {
        /* as above; a checked target's own frame is checked below */
        return nr_call_checked(site, ic, name, argc, argv, vcall);
    }
    if (target && target->mode == NR_ENTER_REGION) {
        nr_region *region = target->region;
        if (UNLIKELY(region->valid != nr_serial)) {
            /* test the field again, not a result: gcc lays out code after a
               cold call as cold, and would move the caller's loop there */
            if (region->checked != nr_serial) nr_region_check(region);
        }
        if (LIKELY(region->valid == nr_serial)) {
            /* with NR_REGION_ROOM, the room check below covers the C stack */
            if (!target->unchecked && !nr_stack_ok(argv, target->nslots, NR_REGION_CHECK_C))
                nr_stack_overflow(site);
            if (target->unchecked || nr_region_room(argv))
                return nr_call_regs(target->rentry, argc, argv, argv);
        }
        /* not bound as the region needs, or too little C stack for it: the
           ordinary path, out of line (so that the region path stays small
           enough to inline). Without the target: were its address to
           escape, so would those of the register entry and region it
           names, and the C compiler would keep an out-of-line copy of
           every region's code, and of every callee's speculative entry,
           each inlining its callees anew (a chain of N calls compiled
           N times over; benches/NOTES.md). The callee's own code is what
           its body's dispatcher runs: a body whose callers' code holds it
           has none, but its region fails only while a name it relies on
           is not yet defined or the C stack is short, since every name of
           its closure is bound by one `def`. (--stats counts the call a
           miss: it did not take the speculated path.) */
        ic->spec_misses++;
        return nr_call_checked(site, ic, name, argc, argv, vcall);
    }
    if (target) {
        if (LIKELY(ic->spec_serial == nr_serial)) {
            ic->spec_hits++;
            return nr_enter_body(site, ic->body, target_entry, target->nlocals, target->nslots,
                                 argc, argv, !target->unchecked);
        }
        if (ic->serial == nr_serial && ic->spec_serial == NR_SPEC_NO) {
            ic->spec_misses++;
            return nr_enter(site, ic, argc, argv);
        }
        /* a stale cache, or one the interpreter filled: decide */
        RESULT r = nr_call_miss(site, ic, name, argc, argv, vcall, target);
        if (r.state != ST_NORMAL) __builtin_unreachable();
        return r;
    }
    return nr_invoke_cached(site, ic, name, argc, argv, vcall, target);
}

/* ---- the JIT's hooks (runtime.c, jit.c) ---- */
enum nr_jit_event {
    NR_JIT_DEFINED = 1, /* a `def` bound a body: look its code up */
    NR_JIT_HOT = 2,     /* a body reached the call threshold: compile it */
};
/* Set by the host under --jit, else NULL. Called on the interpreter thread
 * with the body's node id; it must only queue the event. */
extern void (*nr_jit_hook)(uint32_t event, uint32_t body_id);

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
 * entered (marked when a call site binds it, or a region check its closure,
 * off the hot path); the root is
 * marked at start. Read by the host for --stats. */
extern uint8_t *nr_entered;

#endif
