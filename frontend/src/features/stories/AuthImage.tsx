import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getToken } from '../../lib/token';

/** Reads a blob as a data: URL (the app's Content-Security-Policy allows data: images, not blob:). */
function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** An image behind sign-in (a draft story's image): fetched with the bearer token, shown as a data: URL. */
export function AuthImage({ url, alt }: { url: string; alt: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    const token = getToken();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- forget the previous image before fetching a new one
    setSrc(null);
    setFailed(false);
    fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then(dataUrl)
      .then((href) => {
        if (live) setSrc(href);
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    return () => {
      live = false;
    };
  }, [url]);

  if (src) return <img src={src} alt={alt} />;
  return (
    <div className="image-placeholder">
      {failed ? t('stories.imageFailed') : t('common.loading')}
    </div>
  );
}
