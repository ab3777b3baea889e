// The handout's "Print this handout" button: shown only where it can work (it needs this
// script), it opens the browser's print dialog. What prints is guide.css's business.

import { onEveryPage } from "./page.mjs";

function mount() {
  for (const button of document.querySelectorAll('[data-action="print-page"]')) {
    if (button.dataset.mounted) continue;
    button.dataset.mounted = "true";
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
}

onEveryPage(mount);
