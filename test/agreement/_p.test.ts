import { it } from "vitest";
import { parseAgreement, formatAgreementIssue } from "../../src/agreement/index.js";
it("p", () => {
  for (const c of ["{ any: [2021-01-01, { fulfilled: zz }] }", "{ any: [2021-01-01, { fulfiled: a }] }", "{ all: [2021-02-30] }", "2021-02-30", "{ held: a, for: 3 }", "{ fulfilled: a, violated: a }", "[1]"]) {
  const t = `id: x
title: X
status: in_force
effective: 2020-01-01
parties: [{ id: PRK, role: party }]
obligations:
  - { id: a, title: A, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test}
  - { id: b, title: A, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, start: ${c} }
powers:
  - { id: p, holder: PRK, action: suspend, obligations: all, available: 2020-02-01 }
`;
  console.log(c);
  for (const i of parseAgreement(t, "x.yaml").issues) console.log("   ", formatAgreementIssue(i));
  }
});
