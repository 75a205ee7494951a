// Public API of the local S3-compatible store, for the app's scripts and the test setups.
export { startStorageServer, type StorageServer, type StorageServerOptions } from "./server";
export { checkSignature, type KeyPair, type Refusal } from "./signature-gate";
