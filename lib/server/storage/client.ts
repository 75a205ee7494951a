import "server-only";
import { S3Client } from "@aws-sdk/client-s3";
import { storageConfig } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import type { StorageConfig } from "./settings";

let cached: { client: S3Client; config: StorageConfig } | undefined;

/** The object store, or a refusal the browser can show when attachments are off. */
export function store(): { client: S3Client; config: StorageConfig } {
  const config = storageConfig();
  if (!config) {
    throw new AppError("unprocessable", "Attachments are off: this server has no file storage set up");
  }
  // Tests change the environment between files: a new config means a new client.
  if (cached?.config !== config) {
    cached = {
      config,
      client: new S3Client({
        region: config.region,
        endpoint: config.endpoint,
        forcePathStyle: config.forcePathStyle,
        credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
        // Checksums only where S3 requires them (DeleteObjects): presigned URLs then carry no
        // checksum of an empty body, and R2, MinIO and others accept every request.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        // One quick retry: the send path waits on these calls.
        maxAttempts: 2,
      }),
    };
  }
  return cached;
}
