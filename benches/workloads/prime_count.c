/* Count the primes below 100000 by trial division; the count is repeated and
 * the counts are summed (C reference for prime_count.rb).  count_primes is
 * noipa so that gcc cannot hoist the loop-invariant call out of the
 * repetition loop. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline, noipa)) static int64_t count_primes(int64_t limit) {
    int64_t count = 0;
    for (int64_t n = 2; n < limit; n++) {
        int64_t is_prime = 1;
        for (int64_t d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                is_prime = 0;
                break;
            }
        }
        count += is_prime;
    }
    return count;
}

int main(void) {
    int64_t total = 0;
    for (int64_t r = 0; r < 100; r++)
        total += count_primes(100000);
    printf("%" PRId64 "\n", total);
    return 0;
}
