/** What the token routes answer: a token made (shown this once), the list, a revocation. */
import { TOKEN_ROLES } from "../../ledger/index.js";
import { answer, arrayOf, instant, oneOf, strictObject, text } from "./json-schema.js";

const id = text("the token's id (tok_…), as listed and revoked");
const role = oneOf(TOKEN_ROLES);

export const tokenCreatedAnswer = answer(
  "the token, shown this once only",
  strictObject(
    {
      id,
      role,
      createdAt: instant(),
      token: text("send as `Authorization: Bearer TOKEN`; shown only now, never stored"),
    },
    { expiresAt: instant("refused after this instant, as if revoked") },
  ),
);

export const tokenListAnswer = answer(
  "every token: ids, roles and dates, never the tokens",
  strictObject({
    tokens: arrayOf(
      strictObject(
        { id, role, createdAt: instant() },
        { revokedAt: instant(), expiresAt: instant("refused after this instant, as if revoked") },
      ),
    ),
  }),
);

export const tokenRevokedAnswer = answer(
  "the token is revoked",
  strictObject({ revoked: text("the id of the token revoked") }),
);
