/* Composition of three small functions, h(g(f(i))), called in a loop and
 * summed (C reference for compose.rb).  The functions are noipa so that each
 * call really happens instead of the loop being reduced to a closed form. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline, noipa)) static int64_t f(int64_t x) { return x + 1; }
__attribute__((noinline, noipa)) static int64_t g(int64_t x) { return x * 2; }
__attribute__((noinline, noipa)) static int64_t h(int64_t x) { return x - 3; }

int main(void) {
    int64_t sum = 0;
    for (int64_t i = 0; i < 30000000; i++)
        sum += h(g(f(i)));
    printf("%" PRId64 "\n", sum);
    return 0;
}
