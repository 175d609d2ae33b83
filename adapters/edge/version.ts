// The version /health and the OpenAPI document report; equal to package.json's (test/edge/version.test.ts).
// A constant rather than a JSON import: Workers, Deno and Node would each need their own import syntax.
export const VERSION = '0.1.0';
