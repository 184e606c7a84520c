/* A 10-deep call chain that adds 1 at every level, called in a loop and
 * summed (C reference for chain_add.rb).  Every level is noipa so that each
 * call really happens instead of the chain collapsing into the loop. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#define CHAIN __attribute__((noinline, noipa)) static int64_t

CHAIN a10(int64_t x) { return x + 1; }
CHAIN a9(int64_t x) { return a10(x + 1); }
CHAIN a8(int64_t x) { return a9(x + 1); }
CHAIN a7(int64_t x) { return a8(x + 1); }
CHAIN a6(int64_t x) { return a7(x + 1); }
CHAIN a5(int64_t x) { return a6(x + 1); }
CHAIN a4(int64_t x) { return a5(x + 1); }
CHAIN a3(int64_t x) { return a4(x + 1); }
CHAIN a2(int64_t x) { return a3(x + 1); }
CHAIN a1(int64_t x) { return a2(x + 1); }

int main(void) {
    int64_t sum = 0;
    for (int64_t i = 0; i < 10000000; i++)
        sum += a1(i);
    printf("%" PRId64 "\n", sum);
    return 0;
}
