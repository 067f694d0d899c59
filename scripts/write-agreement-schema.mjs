// Regenerates docs/agreement.schema.json from the loader's schema (run after `npm run build`).
import { writeFileSync } from "node:fs";
import { agreementJsonSchema } from "../dist/agreement/index.js";

writeFileSync(
  new URL("../docs/agreement.schema.json", import.meta.url),
  JSON.stringify(agreementJsonSchema(), null, 2) + "\n",
);
