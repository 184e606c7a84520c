/* The prime? workload of the ASTro JIT paper: count the primes from 0 up to
 * the limit (inclusive) by trial division (C reference for prime.rb). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static int64_t is_prime(int64_t n) {
    if (n < 2)
        return 0;
    for (int64_t i = 2; i * i <= n; i++)
        if (n % i == 0)
            return 0;
    return 1;
}

int main(void) {
    int64_t count = 0;
    for (int64_t i = 0; i <= 1000000; i++)
        if (is_prime(i) == 1)
            count += 1;
    printf("%" PRId64 "\n", count);
    return 0;
}
