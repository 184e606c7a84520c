/* A bare counting while loop (C reference for loop.rb).  The bound is read
 * through a volatile so that gcc cannot replace the loop by its closed form. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static volatile int64_t limit = 100000000;

int main(void) {
    int64_t i = 0;
    while (i < limit)
        i += 1;
    printf("%" PRId64 "\n", i);
    return 0;
}
