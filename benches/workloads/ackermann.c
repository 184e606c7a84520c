/* Ackermann's function, A(3, n) (C reference for ackermann.rb). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static int64_t ack(int64_t m, int64_t n) {
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

int main(void) {
    printf("%" PRId64 "\n", ack(3, 11));
    return 0;
}
