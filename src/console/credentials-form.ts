import { useState } from 'preact/hooks';
import { html } from './html.js';
import type { Credentials } from './credentials.js';

/** The two secrets an operator may need: kept for this tab only, never shown once entered. */
export function CredentialsForm({
  credentials,
  save,
}: {
  credentials: Credentials;
  save: (c: Credentials) => void;
}) {
  const [adminToken, setAdminToken] = useState(credentials.adminToken);
  const [apiKey, setApiKey] = useState(credentials.apiKey);
  return html`<form
    class="row credentials"
    aria-label="Credentials"
    onSubmit=${(event: Event) => {
      event.preventDefault();
      save({ adminToken: adminToken.trim(), apiKey: apiKey.trim() });
    }}
  >
    <label for="admin-token">Admin token</label>
    <input
      id="admin-token"
      type="password"
      autocomplete="off"
      value=${adminToken}
      placeholder="for agent control"
      onInput=${(e: Event) => setAdminToken((e.currentTarget as HTMLInputElement).value)}
    />
    <label for="api-key">API key</label>
    <input
      id="api-key"
      type="password"
      autocomplete="off"
      value=${apiKey}
      placeholder="when keys are required"
      onInput=${(e: Event) => setApiKey((e.currentTarget as HTMLInputElement).value)}
    />
    <button type="submit">Use</button>
  </form>`;
}
