// Which object store attachments use (lib/server/storage/settings.ts), and the one origin the
// pages' CSP lets pictures and uploads reach — checked against the URLs the S3 client itself builds.
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import {
  LOCAL_STORAGE,
  resolveStorage,
  storeOrigin,
  type StorageConfig,
} from "@/lib/server/storage/settings";

const production = { NODE_ENV: "production" } as const;
const aws = {
  ...production,
  S3_REGION: "eu-west-1",
  S3_BUCKET: "ticks-files",
  S3_ACCESS_KEY_ID: "AKIA1",
  S3_SECRET_ACCESS_KEY: "s3cret",
};

describe("resolving the S3 settings", () => {
  it("uses the local store by default in development and tests", () => {
    const { settings, problems } = resolveStorage({ NODE_ENV: "development" });
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      enabled: true,
      local: true,
      config: { ...LOCAL_STORAGE, forcePathStyle: true },
    });
  });

  it("turns attachments off in production without any S3 setting, never pointing at 127.0.0.1", () => {
    expect(resolveStorage(production)).toEqual({
      settings: { enabled: false, reason: "S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are not set" },
      problems: [],
    });
  });

  it("turns attachments off in production with an incomplete set, naming what is missing", () => {
    const { settings, problems } = resolveStorage({ ...production, S3_BUCKET: "ticks-files" });
    expect(settings).toEqual({ enabled: false, reason: "the S3 settings are incomplete or invalid" });
    expect(problems).toEqual([
      "S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: not set (attachments need all of S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)",
      "S3_REGION / S3_ENDPOINT: set one (AWS: the bucket's region; R2, MinIO, Tigris: the endpoint)",
    ]);
  });

  it("reports malformed values (which development refuses to start with)", () => {
    const { problems } = resolveStorage({
      NODE_ENV: "development",
      S3_ENDPOINT: "ftp://files",
      S3_FORCE_PATH_STYLE: "maybe",
      S3_BUCKET: "Not_A_Bucket",
    });
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/S3_ENDPOINT.*S3_FORCE_PATH_STYLE.*\n.*S3_BUCKET/s);
  });

  it("takes AWS S3 by region (virtual-hosted) and R2 or MinIO by endpoint (path-style)", () => {
    const s3 = resolveStorage(aws).settings;
    expect(s3).toMatchObject({
      enabled: true,
      local: false,
      config: { endpoint: undefined, forcePathStyle: false },
    });
    const r2 = resolveStorage({
      ...aws,
      S3_REGION: "auto",
      S3_ENDPOINT: "https://acc.r2.cloudflarestorage.com/",
    }).settings;
    expect(r2).toMatchObject({
      enabled: true,
      local: false,
      config: { endpoint: "https://acc.r2.cloudflarestorage.com", region: "auto", forcePathStyle: true },
    });
  });

  it("counts as local only for the local key on this machine", () => {
    const other = resolveStorage({
      NODE_ENV: "test",
      S3_ENDPOINT: "http://127.0.0.1:9601",
      S3_ACCESS_KEY_ID: "e2e",
    });
    expect(other.settings).toMatchObject({ enabled: true, local: false });
    const local = resolveStorage({ NODE_ENV: "production", ...LOCAL_ENV });
    expect(local.settings).toMatchObject({ enabled: true, local: true });
  });
});

const LOCAL_ENV = {
  S3_ENDPOINT: LOCAL_STORAGE.endpoint,
  S3_REGION: LOCAL_STORAGE.region,
  S3_BUCKET: LOCAL_STORAGE.bucket,
  S3_ACCESS_KEY_ID: LOCAL_STORAGE.accessKeyId,
  S3_SECRET_ACCESS_KEY: LOCAL_STORAGE.secretAccessKey,
};

describe("the store's origin (what the CSP allows)", () => {
  const configs: StorageConfig[] = [
    {
      region: "eu-west-1",
      bucket: "ticks-files",
      accessKeyId: "a",
      secretAccessKey: "b",
      forcePathStyle: false,
    },
    { ...LOCAL_STORAGE, forcePathStyle: true },
    {
      endpoint: "https://acc.r2.cloudflarestorage.com",
      region: "auto",
      bucket: "ticks",
      accessKeyId: "a",
      secretAccessKey: "b",
      forcePathStyle: true,
    },
    {
      endpoint: "https://fly.storage.tigris.dev",
      region: "auto",
      bucket: "ticks",
      accessKeyId: "a",
      secretAccessKey: "b",
      forcePathStyle: false,
    },
  ];
  it.each(configs)("is the origin of the links the S3 client signs ($endpoint $region)", async (config) => {
    const client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    });
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: config.bucket, Key: "c/x/u/y/z" }));
    expect(storeOrigin(config)).toBe(new URL(url).origin);
  });
});
