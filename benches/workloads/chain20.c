/* A 20-deep pass-through call chain, called in a loop and summed
 * (C reference for chain20.rb).  Every level is noipa so that each call
 * really happens instead of the chain collapsing into the loop. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#define CHAIN __attribute__((noinline, noipa)) static int64_t

CHAIN f20(int64_t x) { return x; }
CHAIN f19(int64_t x) { return f20(x); }
CHAIN f18(int64_t x) { return f19(x); }
CHAIN f17(int64_t x) { return f18(x); }
CHAIN f16(int64_t x) { return f17(x); }
CHAIN f15(int64_t x) { return f16(x); }
CHAIN f14(int64_t x) { return f15(x); }
CHAIN f13(int64_t x) { return f14(x); }
CHAIN f12(int64_t x) { return f13(x); }
CHAIN f11(int64_t x) { return f12(x); }
CHAIN f10(int64_t x) { return f11(x); }
CHAIN f9(int64_t x) { return f10(x); }
CHAIN f8(int64_t x) { return f9(x); }
CHAIN f7(int64_t x) { return f8(x); }
CHAIN f6(int64_t x) { return f7(x); }
CHAIN f5(int64_t x) { return f6(x); }
CHAIN f4(int64_t x) { return f5(x); }
CHAIN f3(int64_t x) { return f4(x); }
CHAIN f2(int64_t x) { return f3(x); }
CHAIN f1(int64_t x) { return f2(x); }

int main(void) {
    int64_t sum = 0;
    for (int64_t i = 0; i < 50000000; i++)
        sum += f1(i);
    printf("%" PRId64 "\n", sum);
    return 0;
}
