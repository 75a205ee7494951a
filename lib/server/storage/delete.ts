import "server-only";
import { DeleteObjectsCommand } from "@aws-sdk/client-s3";
import { store } from "./client";

// S3's limit per DeleteObjects request.
const BATCH = 1000;

/** Deletes objects (missing ones count as deleted, as S3 does); throws if the store refuses any. */
export async function deleteObjects(keys: string[]) {
  const { client, config } = store();
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH);
    const answer = await client.send(
      new DeleteObjectsCommand({
        Bucket: config.bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    if (answer.Errors?.length) {
      throw new Error(
        `the store refused to delete ${answer.Errors.length} object(s): ${answer.Errors[0]?.Code}`,
      );
    }
  }
}
