/* The Takeuchi function (C reference for tak.rb). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static int64_t tak(int64_t x, int64_t y, int64_t z) {
    if (y < x)
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
    return z;
}

int main(void) {
    printf("%" PRId64 "\n", tak(30, 22, 12));
    return 0;
}
