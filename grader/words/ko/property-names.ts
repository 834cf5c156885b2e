/**
 * An assignment's property tests named in Korean from its laws: the test `<law>.property` is
 * "성질: " and the Korean of the phrase `law.<law>`, as its English name is "property: " and the
 * law. Every assignment's Korean catalog words its laws once, and its test names follow.
 */
export function propertyTestNames(korean: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(korean)
      .filter(([code]) => code.startsWith("law."))
      .map(([code, word]) => [
        `${code.slice("law.".length)}.property`,
        `성질: ${(word as () => string)()}`,
      ]),
  );
}
