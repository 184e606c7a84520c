/* Euclid's algorithm by modulo, gcd(2^31 - 1, 2^30 - 1), called in a loop
 * and summed (C reference for gcd.rb).  gcd is noipa so that gcc has to call
 * it on every iteration instead of hoisting the loop-invariant call. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline, noipa)) static int64_t gcd(int64_t a, int64_t b) {
    while (b != 0) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

int main(void) {
    int64_t sum = 0;
    for (int64_t i = 0; i < 50000000; i++)
        sum += gcd(2147483647, 1073741823);
    printf("%" PRId64 "\n", sum);
    return 0;
}
