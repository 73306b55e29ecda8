/**
 * A browser without a browser, over real HTTP: keeps cookies (by name and path, for 127.0.0.1 whatever
 * the port, as browsers do; Secure cookies are sent on loopback, as browsers do), follows redirects one
 * at a time so a test can stop at or tamper with any hop.
 */
export interface Hop {
  readonly url: URL;
  readonly status: number;
  /** Absolute target of a redirect. */
  readonly location: URL | undefined;
  readonly body: string;
}

interface Cookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  return (
    requestPath === cookiePath ||
    (requestPath.startsWith(cookiePath) &&
      (cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/"))
  );
}

export class HttpVisitor {
  readonly #jar = new Map<string, Cookie>();

  cookieNames(): string[] {
    return [...this.#jar.values()].map((cookie) => cookie.name);
  }

  #keep(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const attribute = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attribute("path") ?? "/";
      const maxAge = attribute("max-age");
      const expires = attribute("expires");
      const gone =
        value === "" ||
        (maxAge !== undefined && Number(maxAge) <= 0) ||
        (expires !== undefined && new Date(expires).getTime() < Date.now());
      if (gone) this.#jar.delete(`${name};${path}`);
      else this.#jar.set(`${name};${path}`, { name, value, path });
    }
  }

  async #send(url: URL, init: { method: string; body?: string }): Promise<Hop> {
    const cookies = [...this.#jar.values()].filter((cookie) => pathMatches(url.pathname, cookie.path));
    const response = await fetch(url, {
      method: init.method,
      redirect: "manual",
      headers: {
        ...(cookies.length ? { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") } : {}),
        ...(init.body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    this.#keep(response.headers.getSetCookie());
    const location = response.headers.get("location");
    return {
      url,
      status: response.status,
      location: location === null ? undefined : new URL(location, url),
      body: await response.text(),
    };
  }

  get(url: string | URL): Promise<Hop> {
    return this.#send(new URL(url), { method: "GET" });
  }

  post(url: string | URL, form: Record<string, string>): Promise<Hop> {
    return this.#send(new URL(url), { method: "POST", body: new URLSearchParams(form).toString() });
  }

  /**
   * Follows redirects from `hop` until a response that is not a redirect, or until the next target
   * satisfies `stopBefore` (that hop is returned, its target not requested).
   */
  async follow(hop: Hop, stopBefore: (target: URL) => boolean = () => false): Promise<Hop> {
    let current = hop;
    for (let hops = 0; current.location && hops < 20; hops++) {
      if (stopBefore(current.location)) return current;
      current = await this.get(current.location);
    }
    return current;
  }
}

/** The first form of a page: its absolute action and its hidden fields. */
export function formOf(hop: Hop, actionContains = ""): { action: URL; fields: Record<string, string> } {
  for (const match of hop.body.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const form = match[0];
    const action = /action="([^"]*)"/.exec(form)?.[1];
    if (action === undefined || !action.includes(actionContains)) continue;
    const fields: Record<string, string> = {};
    for (const input of form.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1];
      if (name !== undefined) fields[name] = value ?? "";
    }
    return { action: new URL(action.replace(/&amp;/g, "&"), hop.url), fields };
  }
  throw new Error(`no form with an action containing "${actionContains}" on ${hop.url.href}`);
}
