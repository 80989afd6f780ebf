import { useEffect, useRef } from 'preact/hooks';
import { html } from './html.js';

export interface PendingConfirm {
  question: string;
  action: string;
  answer(yes: boolean): void;
}

/** A modal `<dialog>`: focus stays inside it, Escape cancels, and Cancel is focused first. */
export function ConfirmDialog({ pending }: { pending: PendingConfirm | undefined }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (pending && !element.open) element.showModal();
    if (!pending && element.open) element.close();
  }, [pending]);
  return html`<dialog
    ref=${dialog}
    aria-labelledby="confirm-question"
    onCancel=${() => pending?.answer(false)}
  >
    <p id="confirm-question">${pending?.question}</p>
    <div class="row end">
      <button type="button" autofocus onClick=${() => pending?.answer(false)}>Cancel</button>
      <button type="button" class="danger" onClick=${() => pending?.answer(true)}>${pending?.action}</button>
    </div>
  </dialog>`;
}
