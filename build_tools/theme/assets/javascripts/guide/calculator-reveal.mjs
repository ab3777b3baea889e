// After an input, the verdict must be on screen (a phone's bar is sticky; this covers a tall pane
// whose top has scrolled away). An IntersectionObserver tracks it, so no render forces a layout.

export function verdictRevealer(root, form, verdict) {
  const seen = new Map([[verdict, true], [form, true]]);
  const observer = new IntersectionObserver(
    (entries) => {
      if (!root.isConnected) observer.disconnect();
      for (const entry of entries) {
        seen.set(entry.target, entry.target === verdict ? entry.intersectionRatio > 0.99 : entry.isIntersecting);
      }
    },
    { rootMargin: "-48px 0px 0px 0px", threshold: [0, 0.99, 1] },
  );
  observer.observe(verdict);
  observer.observe(form);
  return () => {
    // Only while the reader is at the form (a change made from elsewhere does not scroll).
    if (seen.get(verdict) || !seen.get(form)) return;
    requestAnimationFrame(() => {
      if (root.isConnected) verdict.scrollIntoView({ block: "nearest", behavior: "instant" });
    });
  };
}
