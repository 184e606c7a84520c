/* runtime.c -- the out-of-line half of the C runtime: errors, builtins,
 * function definition and lookup, output, and the big-stack runner. Linked
 * into the naruby binary and into every AOT executable. */
#define _GNU_SOURCE
#include "naruby.h"

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

nr_serial_t nr_serial = 1; /* zeroed call caches (serial 0) start invalid */
Func **nr_fn_table;
VALUE nr_vstack[NR_VSTACK_SLOTS];
char *nr_cstack_limit;
void (*nr_exit_hook)(int status);
void (*nr_jit_hook)(uint32_t event, uint32_t body_id);
uint8_t *nr_entered;
nr_observation *nr_observed;

/* Where a call cache's two speculation counters are, for the host's --stats. */
const uint32_t nr_call_cache_counts_offset = offsetof(CallCache, spec_hits);
_Static_assert(offsetof(CallCache, spec_misses) == offsetof(CallCache, spec_hits) + 8,
               "the host reads spec_misses right after spec_hits");

static const nr_program *program;

/* The C stack is a virtual reservation; pages are committed on use. It
 * has room for about 250 bytes per call at the value stack's depth limit
 * (NR_VSTACK_SLOTS calls, as every frame takes a slot), several times what
 * a call takes in any mode, so the value stack ends recursion first. */
#define C_STACK_BYTES ((size_t)2 << 30)
#define C_STACK_MARGIN ((size_t)16 << 20) /* room for non-call recursion */

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
    if (nr_jit_hook) nr_jit_hook(NR_JIT_DEFINED, body->id);
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
    ic->spec_serial = target ? NR_SPEC_NO : 0;
    if (target) ic->spec_misses++;
    return nr_enter(site, ic, argc, argv);
}

RESULT nr_call_checked(NODE *site, CallCache *ic, ID name, uint32_t argc, VALUE *argv, int vcall)
{
    return nr_invoke_cached(site, ic, name, argc, argv, vcall, NULL);
}

/* The ID of the name `text`, or NR_ID_ABSENT if the program never names it
 * (then nothing can ever bind it). */
static ID name_id(const char *text)
{
    for (ID id = 0; id < program->nnames; id++)
        if (strcmp(program->names[id], text) == 0) return id;
    return NR_ID_ABSENT;
}

/* Every region checked so far, for nr_regions_entered; `regions_end` ends
 * the list, so a listed region's `next` is never NULL. */
static nr_region regions_end;
static nr_region *regions = &regions_end;

nr_count_t nr_regions_entered(void)
{
    nr_count_t n = 0;
    for (const nr_region *r = regions; r != &regions_end; r = r->next) n += r->valid != 0;
    return n;
}

/* Whether every binding of region r's closure holds under the current
 * serial: its sub-regions' first (each worked out once per serial), then
 * its own. Subs never lead back to a region (they are outside its cycle),
 * so this ends, at most as deep as the program's chain of calls. */
static int region_holds(nr_region *r)
{
    if (r->seen == nr_serial) return r->held == nr_serial;
    r->seen = nr_serial;
    for (uint32_t i = 0; i < r->nsubs; i++)
        if (!region_holds(r->subs[i])) return 0;
    for (uint32_t i = 0; i < r->count; i++) {
        nr_binding *b = &r->bindings[i];
        if (b->name == NR_ID_BY_TEXT) b->name = name_id(b->text);
        const Func *f = b->name == NR_ID_ABSENT ? NULL : nr_fn_table[b->name];
        if (b->unbound) {
            if (f && !f->builtin) return 0;
        } else if (!f || f->builtin || f->ident[0] != b->ident[0] || f->ident[1] != b->ident[1] ||
                   (b->body && f->body != b->body)) {
            return 0;
        } else {
            /* region code binds the whole closure at once (it never fills
               call sites' caches) */
            nr_entered[f->body->id] = 1;
            /* the body this name reaches until the next definition; every
               region that binds it writes the same one */
            if (b->slot) *b->slot = f->body;
        }
    }
    r->held = nr_serial;
    return 1;
}

void nr_region_check(nr_region *r)
{
    if (!r->next) {
        r->next = regions;
        regions = r;
    }
    r->checked = nr_serial;
    if (region_holds(r)) r->valid = nr_serial;
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

    if (prog->nslots > NR_VSTACK_SLOTS) {
        fprintf(stderr, "%s: top-level frame too large\n", prog->script);
        return 1;
    }

    /* the top level's locals start at 0, also when a process runs twice */
    memset(nr_vstack, 0, prog->nslots * sizeof(VALUE));
    struct run_state st = { nr_vstack };
    pthread_attr_t attr;
    pthread_t thread;
    if (pthread_attr_init(&attr) != 0 || pthread_attr_setstacksize(&attr, C_STACK_BYTES) != 0 ||
        pthread_create(&thread, &attr, run_thread, &st) != 0) {
        fprintf(stderr, "%s: cannot start the interpreter thread\n", prog->script);
        return 1;
    }
    pthread_attr_destroy(&attr);
    pthread_join(thread, NULL);
    fflush(stdout);
    if (nr_exit_hook) nr_exit_hook(0);
    return 0;
}
