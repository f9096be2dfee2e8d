/** Moving file bytes between the coordinator's computer and the API (base64 both ways). */

/** A chosen file's bytes as base64, read with FileReader (the renderer has no file system). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/** Saves bytes the engine made (an error file, for one) through the browser's own download. */
export function downloadBase64(file: { fileName: string; mime: string; data: string }): void {
  const url = imageUrl(file);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; keep the URL a moment for slow starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Bytes (base64) as a URL an <img> can show, or a download can save; give an image's back with releaseImageUrl. */
export function imageUrl(file: { mime: string; data: string }): string {
  const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: file.mime }));
}

/**
 * Frees an image URL once the screen that showed it is gone. Not at once: the
 * <img> may still be fetching it as it goes, and would fail loudly.
 */
export function releaseImageUrl(url: string): void {
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
