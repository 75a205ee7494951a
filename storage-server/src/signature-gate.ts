// The check s3rver 3.7.1 leaves out: every request must carry a valid AWS Signature V4 (presigned
// query or Authorization header) for the configured key pair, unexpired — as a private bucket on
// S3, R2 or MinIO demands. s3rver alone accepts any signature and serves anonymous reads, so a
// browser PUT whose headers differ from what was signed (the size and type conditions of a
// presigned upload) or a link without its signature would work locally and fail in production.
//
// Verification is the SDK's own signer run again over the request as received: same method,
// host, path, query and signed headers, same date → the signature must come out the same.
import type { IncomingMessage } from "node:http";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";

export type KeyPair = { accessKeyId: string; secretAccessKey: string };

export type Refusal = { status: number; code: string; message: string };

// S3's own limit for presigned URLs.
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;
// S3 refuses header-signed requests more than 15 minutes off its clock.
const MAX_SKEW_MS = 15 * 60_000;

const refuse = (code: string, message: string, status = 403): Refusal => ({ status, code, message });

/** Null when the request is signed by `keys` and still valid; otherwise why S3 would refuse it. */
export async function checkSignature(
  request: IncomingMessage,
  keys: KeyPair,
  now = new Date(),
): Promise<Refusal | null> {
  const url = new URL(request.url ?? "/", "http://local");
  const query = url.searchParams;
  const authorization = request.headers.authorization;
  if (query.has("X-Amz-Signature")) return checkPresigned(request, url, keys, now);
  if (authorization?.startsWith("AWS4-HMAC-SHA256 ")) return checkHeaderSigned(request, url, keys, now);
  return refuse("AccessDenied", "Access Denied: this bucket is private; sign the request");
}

function parseAmzDate(value: string | null | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

function parseCredential(value: string | null | undefined) {
  const [accessKeyId, day, region, service, terminator] = (value ?? "").split("/");
  if (!accessKeyId || !day || !region || !service || terminator !== "aws4_request") return null;
  return { accessKeyId, region, service };
}

function signer(keys: KeyPair, region: string, service: string) {
  // As the S3 client signs: the path is sent already escaped, and is signed as sent.
  return new SignatureV4({
    credentials: keys,
    region,
    service,
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: false,
  });
}

/** The request as the signer sees it: only the headers that were signed, as received. */
function requestFor(
  request: IncomingMessage,
  url: URL,
  signedHeaders: string[],
  query: Record<string, string>,
) {
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const rawPath = (request.url ?? "/").split("?")[0]!;
  return {
    method: request.method ?? "GET",
    protocol: "http:",
    hostname: url.hostname,
    path: rawPath,
    query,
    headers,
  };
}

async function checkPresigned(request: IncomingMessage, url: URL, keys: KeyPair, now: Date) {
  const q = url.searchParams;
  const credential = parseCredential(q.get("X-Amz-Credential"));
  const date = parseAmzDate(q.get("X-Amz-Date"));
  const expires = Number(q.get("X-Amz-Expires"));
  const signedHeaders = (q.get("X-Amz-SignedHeaders") ?? "").split(";").filter(Boolean);
  if (!credential || !date || !Number.isInteger(expires) || signedHeaders.length === 0) {
    return refuse("AuthorizationQueryParametersError", "Malformed presigned URL", 400);
  }
  if (credential.accessKeyId !== keys.accessKeyId) {
    return refuse("InvalidAccessKeyId", "The access key id does not exist in our records.");
  }
  if (expires < 1 || expires > MAX_EXPIRES_SECONDS) {
    return refuse("AuthorizationQueryParametersError", "X-Amz-Expires must be 1 to 604800 seconds", 400);
  }
  if (now.getTime() > date.getTime() + expires * 1000) return refuse("AccessDenied", "Request has expired");

  // The presigner signs the payload hash as a header and then moves x-amz-* headers into the
  // query; hand it the same input so it takes the same steps.
  const query: Record<string, string> = {};
  for (const [key, value] of q) if (key !== "X-Amz-Signature") query[key] = value;
  const base = requestFor(request, url, signedHeaders, query);
  const payload = query["X-Amz-Content-Sha256"];
  if (payload !== undefined) {
    delete base.query["X-Amz-Content-Sha256"];
    // Spelled as the presigner spells it: the name becomes a query key, and keys sort by case.
    base.headers["X-Amz-Content-Sha256"] = payload;
  }
  const signed = await signer(keys, credential.region, credential.service).presign(base, {
    signingDate: date,
    expiresIn: expires,
    signableHeaders: new Set(signedHeaders),
  });
  return signed.query?.["X-Amz-Signature"] === q.get("X-Amz-Signature") ? null : mismatch();
}

async function checkHeaderSigned(request: IncomingMessage, url: URL, keys: KeyPair, now: Date) {
  const parts = Object.fromEntries(
    request.headers
      .authorization!.slice("AWS4-HMAC-SHA256 ".length)
      .split(",")
      .map((part) => {
        const [key, ...value] = part.trim().split("=");
        return [key, value.join("=")];
      }),
  ) as Record<string, string | undefined>;
  const credential = parseCredential(parts.Credential);
  const signedHeaders = (parts.SignedHeaders ?? "").split(";").filter(Boolean);
  const amzDate = request.headers["x-amz-date"];
  const date = parseAmzDate(Array.isArray(amzDate) ? amzDate[0] : amzDate);
  if (!credential || !date || !parts.Signature || !signedHeaders.includes("host")) {
    return refuse("AuthorizationHeaderMalformed", "The authorization header is malformed", 400);
  }
  if (credential.accessKeyId !== keys.accessKeyId) {
    return refuse("InvalidAccessKeyId", "The access key id does not exist in our records.");
  }
  if (Math.abs(now.getTime() - date.getTime()) > MAX_SKEW_MS) {
    return refuse(
      "RequestTimeTooSkewed",
      "The difference between the request time and the server's time is too large.",
    );
  }
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  const signed = await signer(keys, credential.region, credential.service).sign(
    requestFor(request, url, signedHeaders, query),
    { signingDate: date, signableHeaders: new Set(signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization ?? ""))?.[1];
  return expected === parts.Signature ? null : mismatch();
}

const mismatch = () =>
  refuse(
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  );
