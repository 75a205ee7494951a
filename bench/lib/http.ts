// An HTTP session as a browser holds it: a cookie jar, next-auth's CSRF + credentials sign-in, JSON.
export type Answer<T> = { status: number; json: T; headers: Headers };

export class Session {
  private cookies = new Map<string, string>();
  /** `fetchImpl`: how requests go out (the chaos soak's clients pass one that can lose the network). */
  constructor(
    readonly base: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** A jar kept from before (`cookie`'s form), as a browser keeps its cookies across restarts. */
  restore(cookie: string): this {
    for (const pair of cookie.split("; ")) {
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return this;
  }

  private absorb(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";", 1)[0]!;
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value && !/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
  }

  async send(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await this.fetchImpl(this.base + path, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookie },
    });
    this.absorb(response);
    return response;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const response = await this.send(path, {
      method,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json().catch(() => null)) as T;
    return { status: response.status, json, headers: response.headers };
  }

  async form<T>(path: string, fields: Record<string, string>): Promise<Answer<T>> {
    const response = await this.send(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    const json = (await response.json().catch(() => null)) as T;
    return { status: response.status, json, headers: response.headers };
  }
}

export type Credentials = { username: string; password: string };

/** next-auth's browser flow: CSRF token (and its cookie), then the credentials callback → 302. */
export async function signIn(base: string, user: Credentials, fetchImpl?: typeof fetch): Promise<Session> {
  const session = new Session(base, fetchImpl);
  const csrf = await session.json<{ csrfToken: string }>("GET", "/api/auth/csrf");
  const response = await session.send("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.json.csrfToken, ...user }).toString(),
  });
  await response.arrayBuffer();
  if (!session.cookie.includes("authjs.session-token=")) {
    throw new Error(`sign-in of ${user.username} failed (${response.status})`);
  }
  return session;
}

export async function expectOk<T>(answer: Promise<Answer<T>>, what: string): Promise<T> {
  const { status, json } = await answer;
  if (status < 200 || status > 299) throw new Error(`${what}: ${status} ${JSON.stringify(json)}`);
  return json;
}
