import { render } from 'preact';
import { App } from './app.js';
import { html } from './html.js';

const root = document.getElementById('console');
if (root) {
  root.replaceChildren();
  render(html`<${App} />`, root);
}
