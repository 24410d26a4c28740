import { useEffect, useRef, useState } from 'react';

/** The largest side, in CSS pixels, an image from an image is drawn at (a 100,000 px SVG is a bomb too). */
const MAX_SIDE = 4096;

/**
 * An image from an image, shown so it can never run: raster formats as an `<img>` of a `blob:`
 * URL (opening that in a tab shows only pixels), SVG drawn onto a canvas. An SVG as an `<img>`
 * runs no script, but "Open image in new tab" would make its `blob:` URL a document of this
 * origin, where it would; a canvas has no address to open.
 */
export function SafeImage({ bytes, mime, alt }: { bytes: Uint8Array; mime: string; alt: string }) {
  return mime === 'image/svg+xml' ? (
    <SvgCanvas bytes={bytes} alt={alt} />
  ) : (
    <RasterImage bytes={bytes} mime={mime} alt={alt} />
  );
}

function RasterImage({ bytes, mime, alt }: { bytes: Uint8Array; mime: string; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (typeof URL.createObjectURL !== 'function') return;
    const u = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [bytes, mime]);
  return url ? <img className="fs-image" src={url} alt={alt} /> : <p className="fs-note">{alt}</p>;
}

function SvgCanvas({ bytes, alt }: { bytes: Uint8Array; alt: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const target = canvas.current;
    if (!target || typeof URL.createObjectURL !== 'function') return;
    let live = true;
    const u = URL.createObjectURL(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/svg+xml' }),
    );
    const img = new Image();
    img.src = u;
    img
      .decode()
      .then(() => {
        if (!live) return;
        const w = img.naturalWidth || 300;
        const h = img.naturalHeight || 150;
        const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
        target.width = Math.max(1, Math.round(w * scale));
        target.height = Math.max(1, Math.round(h * scale));
        target.getContext('2d')?.drawImage(img, 0, 0, target.width, target.height);
      })
      .catch(() => live && setFailed(true))
      .finally(() => URL.revokeObjectURL(u));
    return () => {
      live = false;
    };
  }, [bytes]);
  return failed ? (
    <p className="fs-note">This SVG could not be drawn; its text is one view away.</p>
  ) : (
    <canvas ref={canvas} className="fs-image" role="img" aria-label={alt} />
  );
}
