/**
 * Everscale VM compatibility gate. Tolk 1.3 targets TON's TVM 11/12; Everscale's VM (and
 * nekoton's, which locklift and the SDKs use for get-methods and for checking external
 * messages) does not have the instructions below: a contract containing one fails with
 * "invalid opcode" (exit code 6) there. Measured: tmp experiments recorded in
 * docs/toolchain.md. The build refuses such code and names the instruction.
 */
export const FORBIDDEN_INSTRUCTIONS = [
  "LDSTDADDR", "LDSTDADDRQ", "LDOPTSTDADDR", "LDOPTSTDADDRQ",
  "STSTDADDR", "STSTDADDRQ", "STOPTSTDADDR", "STOPTSTDADDRQ",
  "HASHBU", "BTOS",
  "INMSGPARAMS", "INMSGPARAM",
  "INMSG_BOUNCE", "INMSG_BOUNCED", "INMSG_SRC", "INMSG_FWDFEE", "INMSG_LT", "INMSG_UTIME",
  "INMSG_ORIGVALUE", "INMSG_VALUE", "INMSG_VALUEEXTRA", "INMSG_STATEINIT",
];

/** Returns the forbidden instructions found in a Fift listing, with the procedure each is in. */
export function findForbiddenInstructions(fift: string): { instruction: string; proc: string }[] {
  const found: { instruction: string; proc: string }[] = [];
  let proc = "?";
  for (const line of fift.split("\n")) {
    const m = line.match(/^\s*([A-Za-z_$][\w$]*)\s+PROC(?:INLINE|REF)?:?<\{/);
    if (m) proc = m[1];
    const code = line.replace(/\/\/.*$/, "");
    for (const ins of FORBIDDEN_INSTRUCTIONS) if (new RegExp(`(^|\\s)${ins}(\\s|$)`).test(code)) found.push({ instruction: ins, proc });
  }
  return found;
}
