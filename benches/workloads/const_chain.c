/* A 10-deep chain of zero-argument functions returning a constant, called
 * in a loop and summed (C reference for const_chain.rb).  Every level is
 * noipa so that each call really happens instead of being folded away. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#define CHAIN __attribute__((noinline, noipa)) static int64_t

CHAIN c10(void) { return 1; }
CHAIN c9(void) { return c10(); }
CHAIN c8(void) { return c9(); }
CHAIN c7(void) { return c8(); }
CHAIN c6(void) { return c7(); }
CHAIN c5(void) { return c6(); }
CHAIN c4(void) { return c5(); }
CHAIN c3(void) { return c4(); }
CHAIN c2(void) { return c3(); }
CHAIN c1(void) { return c2(); }

int main(void) {
    int64_t sum = 0;
    for (int64_t i = 0; i < 100000000; i++)
        sum += c1();
    printf("%" PRId64 "\n", sum);
    return 0;
}
