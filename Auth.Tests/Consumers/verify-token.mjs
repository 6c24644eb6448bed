// The Node.js consumer of the README: the npm package jose, nothing else. Verifies a token against this service's
// JWKS and prints one JSON line: {"valid":true,"sub":...,"kid":...} or {"valid":false,"code":...,"error":...}.
// Usage: node verify-token.mjs <jwks-url> <issuer> <audience> <token> [<token> ...]
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [jwksUrl, issuer, audience, ...tokens] = process.argv.slice(2);
const jwks = createRemoteJWKSet(new URL(jwksUrl));
for (const token of tokens) {
  try {
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer, audience });
    console.log(JSON.stringify({ valid: true, sub: payload.sub, kid: protectedHeader.kid, alg: protectedHeader.alg }));
  } catch (e) {
    console.log(JSON.stringify({ valid: false, code: e.code ?? e.name, error: e.message }));
  }
}
