#!/usr/bin/env python3
"""Writes the pass-through call-chain workloads chain10, chain20 and chain40
(.rb and .c): f1 calls f2 ... fN returns x, called in a loop and summed.

    python3 gen_chains.py        # rewrites all three pairs in this directory
"""
import os

# depth -> loop iterations (the ASTro evaluation's sizes)
CHAINS = {10: 100000000, 20: 50000000, 40: 25000000}


def ruby(depth, iterations):
    out = [
        f"# A {depth}-deep pass-through call chain (f1 calls f2 ... f{depth} returns x),",
        "# called in a loop and summed.",
        "",
    ]
    for k in range(1, depth + 1):
        body = "x" if k == depth else f"f{k + 1}(x)"
        out += [f"def f{k}(x)", f"  {body}", "end", ""]
    out += ["sum = 0", "i = 0", f"while i < {iterations}", "  sum += f1(i)",
            "  i += 1", "end", "p sum"]
    return "\n".join(out) + "\n"


def c(depth, iterations):
    out = [
        f"/* A {depth}-deep pass-through call chain, called in a loop and summed",
        f" * (C reference for chain{depth}.rb).  Every level is noipa so that each call",
        " * really happens instead of the chain collapsing into the loop. */",
        "#include <inttypes.h>",
        "#include <stdint.h>",
        "#include <stdio.h>",
        "",
        "#define CHAIN __attribute__((noinline, noipa)) static int64_t",
        "",
    ]
    for k in range(depth, 0, -1):
        body = "x" if k == depth else f"f{k + 1}(x)"
        out.append(f"CHAIN f{k}(int64_t x) {{ return {body}; }}")
    out += ["", "int main(void) {", "    int64_t sum = 0;",
            f"    for (int64_t i = 0; i < {iterations}; i++)",
            "        sum += f1(i);", '    printf("%" PRId64 "\\n", sum);',
            "    return 0;", "}"]
    return "\n".join(out) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for depth, iterations in CHAINS.items():
        for ext, text in (("rb", ruby(depth, iterations)), ("c", c(depth, iterations))):
            with open(os.path.join(here, f"chain{depth}.{ext}"), "w") as f:
                f.write(text)


if __name__ == "__main__":
    main()
