/* The smallest factor >= 2 of every n from 2 up to the limit (exclusive),
 * found by a function that returns early from inside its loop; summed
 * (C reference for early_return.rb). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static int64_t smallest_factor(int64_t n) {
    int64_t i = 2;
    while (i * i <= n) {
        if (n % i == 0)
            return i;
        i += 1;
    }
    return n;
}

int main(void) {
    int64_t sum = 0;
    for (int64_t n = 2; n < 2000000; n++)
        sum += smallest_factor(n);
    printf("%" PRId64 "\n", sum);
    return 0;
}
