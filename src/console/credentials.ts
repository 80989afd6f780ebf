/**
 * The operator's secrets for this tab only: session storage is dropped with the tab and never sent
 * anywhere by itself, unlike a cookie.
 */
export interface Credentials {
  /** Sent as the bearer token of agent control calls (restart, stop, start, scale). */
  adminToken: string;
  /** Sent as the bearer token of every other call, when the server requires integrator keys. */
  apiKey: string;
}

const KEYS = { adminToken: 'swarmdesk.console.adminToken', apiKey: 'swarmdesk.console.apiKey' } as const;

export function loadCredentials(): Credentials {
  return {
    adminToken: sessionStorage.getItem(KEYS.adminToken) ?? '',
    apiKey: sessionStorage.getItem(KEYS.apiKey) ?? '',
  };
}

export function saveCredentials(credentials: Credentials): void {
  for (const name of ['adminToken', 'apiKey'] as const) {
    const value = credentials[name].trim();
    if (value) sessionStorage.setItem(KEYS[name], value);
    else sessionStorage.removeItem(KEYS[name]);
  }
}
