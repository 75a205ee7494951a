import "server-only";
import { GetObjectCommand, NoSuchKey, S3ServiceException } from "@aws-sdk/client-s3";
import { store } from "./client";
import { SNIFF_BYTES } from "./sniff";

export type Inspection = { found: false } | { found: true; size: number; sample: Uint8Array };

/**
 * An object's size and first bytes in one ranged GET (its Content-Range says the whole size), so
 * verifying an attachment costs one request to the store whatever the file's size.
 */
export async function inspectObject(key: string): Promise<Inspection> {
  const { client, config } = store();
  try {
    const answer = await client.send(
      new GetObjectCommand({ Bucket: config.bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }),
    );
    const sample = await answer.Body!.transformToByteArray();
    const total = Number(/\/(\d+)$/.exec(answer.ContentRange ?? "")?.[1] ?? answer.ContentLength);
    return { found: true, size: total, sample };
  } catch (error) {
    if (error instanceof NoSuchKey) return { found: false };
    // An empty object has no byte 0 to start a range at.
    if (error instanceof S3ServiceException && error.name === "InvalidRange") {
      return { found: true, size: 0, sample: new Uint8Array() };
    }
    if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
      return { found: false };
    throw error;
  }
}
