/* Collatz: the number of steps to reach 1, summed over every start below the
 * limit (C reference for collatz.rb). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static int64_t collatz_len(int64_t n) {
    int64_t steps = 0;
    while (n != 1) {
        if (n % 2 == 0)
            n /= 2;
        else
            n = 3 * n + 1;
        steps += 1;
    }
    return steps;
}

int main(void) {
    int64_t sum = 0;
    for (int64_t n = 1; n < 1000000; n++)
        sum += collatz_len(n);
    printf("%" PRId64 "\n", sum);
    return 0;
}
