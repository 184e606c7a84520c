/* A function with a dominant branch, called in a loop and summed (C reference
 * for branch.rb).  step is noipa so that each call really happens. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline, noipa)) static int64_t step(int64_t x) {
    if (x % 1000 != 0)
        return x + 1;
    else
        return x - 1;
}

int main(void) {
    int64_t sum = 0;
    for (int64_t i = 0; i < 50000000; i++)
        sum += step(i);
    printf("%" PRId64 "\n", sum);
    return 0;
}
