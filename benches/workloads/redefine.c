/* A function defined, then redefined once (C reference for redefine.rb).
 * Ruby's late-bound call is modelled by a global function pointer that is
 * reassigned once before the loop; each call goes through the pointer.  The
 * bodies are noipa so that gcc cannot see through the pointer and fold the
 * loop away. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline, noipa)) static int64_t val_first(int64_t x) { return x * 2; }
__attribute__((noinline, noipa)) static int64_t val_second(int64_t x) { return x + 1; }

int64_t (*val)(int64_t) = val_first;

int main(void) {
    val = val_second;
    int64_t sum = 0;
    for (int64_t i = 0; i < 50000000; i++)
        sum += val(i);
    printf("%" PRId64 "\n", sum);
    return 0;
}
