// Saving a file the app has in memory (an export fetched with the session
// cookie, a report built here) through the browser's own download.

/** Starts the browser's download of `blob` under `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has taken its copy by the time the page gets back to idle work.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
