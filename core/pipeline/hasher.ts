// The Hasher port: SHA-256 of file bytes, the identity of content throughout the library. Synchronous on
// purpose: the bulk loop hashes thousands of files a second and a promise per file costs more than the
// hash of a small file (adapters/local/hasher.ts uses node:crypto).

export interface Hasher {
  /** Lowercase hex, e.g. `sha256(new Uint8Array())` -> 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'. */
  sha256(bytes: Uint8Array): string;
}
