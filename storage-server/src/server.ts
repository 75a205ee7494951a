// A local S3-compatible object store for development and tests: s3rver (the S3 API on the file
// system) behind a gate that demands valid AWS Signature V4 signatures (signature-gate.ts), so it
// behaves like a private bucket. See storage-server/README.md for why this pair.
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import S3rver from "s3rver";
import { checkSignature, type KeyPair } from "./signature-gate";

export type StorageServerOptions = KeyPair & {
  /** Default 127.0.0.1: nothing outside this machine needs it. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Where objects live on disk (kept across restarts). */
  directory: string;
  bucket: string;
  /** Origins whose browsers may PUT and GET (CORS); default any, as local ports vary. */
  corsOrigins?: string[];
  /** Log each request (default false). */
  verbose?: boolean;
};

export type StorageServer = { url: string; port: number; close(): Promise<void> };

const HEALTH_PATH = "/_health";

function corsXml(origins: string[]) {
  const allowed = origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join("");
  return `<CORSConfiguration><CORSRule>${allowed}<AllowedMethod>GET</AllowedMethod>
<AllowedMethod>HEAD</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader>
<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}

// s3rver knows one built-in key pair; ours is added to the same registry its own checks read.
function registerKeyPair(keys: KeyPair) {
  const require = createRequire(import.meta.url);
  const { DUMMY_ACCOUNT } = require("s3rver/lib/models/account") as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  DUMMY_ACCOUNT.createKeyPair(keys.accessKeyId, keys.secretAccessKey);
}

export async function startStorageServer(options: StorageServerOptions): Promise<StorageServer> {
  const keys = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };
  registerKeyPair(keys);
  const s3 = new S3rver({
    directory: options.directory,
    silent: !options.verbose,
    // Path-style URLs only (http://host:port/bucket/key), as the app's client is configured.
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucket, configs: [corsXml(options.corsOrigins ?? ["*"])] }],
  });
  await s3.configureBuckets();
  const handle = s3.callback();

  const server: Server = createServer((request, response) => {
    if (request.url === HEALTH_PATH) {
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    // CORS preflights carry no credentials, on S3 too: the bucket's CORS rules answer them.
    if (request.method === "OPTIONS") return void handle(request, response);
    checkSignature(request, keys).then(
      (refusal) => {
        if (!refusal) return void handle(request, response);
        request.resume();
        response
          .writeHead(refusal.status, { "content-type": "application/xml" })
          .end(
            `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code>` +
              `<Message>${refusal.message}</Message></Error>`,
          );
      },
      (error: unknown) => {
        request.resume();
        response.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
